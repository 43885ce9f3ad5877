#include "plugins/proportion/capacitypolicy.h"

#include "io/json.h"

namespace gpudesk::engine::proportion {

namespace {

std::string number(double v)
{
    std::string s;
    json::appendNumber(s, v);
    return s;
}

const char *unitName(int r)
{
    return r == 0 ? "GPUs" : (r == 1 ? "CPU cores" : "GB");
}

double display(int r, double v)
{
    return r == 0 ? v : (r == 1 ? v / 1000 : v / 1e9);
}

} // namespace

std::string formatAmount(int r, double amount)
{
    return number(display(r, amount)) + " " + unitName(r);
}

FitFailure checkCapacity(const Session &s, int j, const Resources &request)
{
    FitFailure f;
    if (!s.config().plugins.proportion)
        return f;
    const auto &job = s.snapshot().jobs[std::size_t(j)];
    for (int q = job.queue; q >= 0; q = s.snapshot().queues[std::size_t(q)].parent) {
        const auto &queue = s.snapshot().queues[std::size_t(q)];
        const auto &qs = s.queues[std::size_t(q)];
        for (int r = 0; r < kResourceCount; ++r) {
            if (queue.limit[r] >= 0 && request[r] > kEpsilon
                && qs.allocated[r] + request[r] > queue.limit[r] + kEpsilon) {
                f.reason = PendingReason::OverLimit;
                f.queue = q;
                f.resource = r;
                f.amountNeeded = qs.allocated[r] + request[r];
                const std::string unit = unitName(r);
                f.kaiMessage = queue.name + " quota has reached the allowable limit of " + unit
                               + ". Limit is " + formatAmount(r, queue.limit[r]) + ", currently "
                               + formatAmount(r, qs.allocated[r])
                               + " allocated and workload requested " + formatAmount(r, request[r]);
                f.message = "Needs " + formatAmount(r, request[r]) + " but queue " + queue.name
                            + " is limited to " + formatAmount(r, queue.limit[r])
                            + " and already uses " + formatAmount(r, qs.allocated[r])
                            + ". It would start if " + queue.name + "'s limit were ≥ "
                            + formatAmount(r, f.amountNeeded) + ", or after "
                            + formatAmount(r, f.amountNeeded - queue.limit[r]) + " of " + queue.name
                            + "'s running workloads finish.";
                return f;
            }
        }
        if (!job.preemptible) {
            for (int r = 0; r < kResourceCount; ++r) {
                if (queue.deserved[r] >= 0 && request[r] > kEpsilon
                    && qs.allocatedNonPreemptible[r] + request[r] > queue.deserved[r] + kEpsilon) {
                    f.reason = PendingReason::NonPreemptibleOverQuota;
                    f.queue = q;
                    f.resource = r;
                    f.amountNeeded = qs.allocatedNonPreemptible[r] + request[r];
                    f.kaiMessage
                        = "Non-preemptible workload is over quota. Workload requested "
                          + formatAmount(r, request[r]) + ", but " + queue.name + " quota is "
                          + formatAmount(r, queue.deserved[r]) + ", while "
                          + formatAmount(r, qs.allocatedNonPreemptible[r])
                          + " are already allocated for non-preemptible pods. Use a preemptible "
                            "workload to go over quota.";
                    f.message = "Non-preemptible workloads may only use in-quota resources: it "
                                "needs "
                                + formatAmount(r, request[r]) + " but " + queue.name
                                + "'s quota is " + formatAmount(r, queue.deserved[r])
                                + " and non-preemptible workloads "
                                  "already use "
                                + formatAmount(r, qs.allocatedNonPreemptible[r])
                                + ". It would start if " + queue.name + "'s quota were ≥ "
                                + formatAmount(r, f.amountNeeded)
                                + ", or if it were submitted as preemptible.";
                    return f;
                }
            }
        }
    }
    return f;
}

} // namespace gpudesk::engine::proportion
