// Preempt action (KAI actions/preempt, scheduling.md §9): inside one leaf queue, a job takes
// resources from preemptible jobs of strictly lower priority. No fair-share validation; the
// queue limit still holds.
#include "actions/action.h"
#include "actions/common/evictionmessages.h"
#include "actions/common/victimaction.h"
#include "plugins/minruntime/minruntime.h"

#include <algorithm>

namespace gpudesk::engine {

void runPreempt(Session &s)
{
    const auto &snap = s.snapshot();
    VictimActionSpec spec;
    spec.name = "preempt";
    spec.precheck = [&](int j, const Resources &request) {
        const auto &job = snap.jobs[std::size_t(j)];
        if (job.preemptible)
            return true;
        for (int q = job.queue; q >= 0; q = snap.queues[std::size_t(q)].parent) {
            if (!allLessEqual(s.queues[std::size_t(q)].allocatedNonPreemptible + request,
                              snap.queues[std::size_t(q)].deserved))
                return false;
        }
        return true;
    };
    // Preemptible jobs per leaf queue (static during the action), by priority: a preemptor only
    // reads its own queue's jobs of lower priority (usually none or a few).
    std::vector<std::vector<int>> preemptibleByQueue(snap.queues.size());
    for (std::size_t v = 0; v < snap.jobs.size(); ++v) {
        if (s.jobBrief[v].queue >= 0 && s.jobBrief[v].preemptible)
            preemptibleByQueue[std::size_t(s.jobBrief[v].queue)].push_back(int(v));
    }
    auto priorityOf = [&](int v) { return s.jobBrief[std::size_t(v)].priority; };
    for (auto &list : preemptibleByQueue) {
        std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
            return priorityOf(a) < priorityOf(b);
        });
    }
    spec.victimJobs = [&](int j) {
        std::vector<int> out;
        const auto &job = snap.jobs[std::size_t(j)];
        if (job.queue < 0)
            return out;
        for (int v : preemptibleByQueue[std::size_t(job.queue)]) {
            if (priorityOf(v) >= job.priority)
                break;
            if (v != j && s.activeAllocatedCount(v) > 0)
                out.push_back(v);
        }
        std::sort(out.begin(), out.end()); // job order, as the victim queue and bounds expect
        return out;
    };
    if (minruntime::anyProtection(s, true))
        spec.protectedVictim = [&](int v, int) { return minruntime::protectedFromPreempt(s, v); };
    spec.validate = [&](int j,
                        const Resources &request,
                        const std::vector<Resources> &,
                        const std::vector<VictimUnit> &) {
        // The queue limit, with the victims already subtracted and the chunk placed.
        for (int q = snap.jobs[std::size_t(j)].queue; q >= 0;
             q = snap.queues[std::size_t(q)].parent) {
            for (int r = 0; r < kResourceCount; ++r) {
                const double limit = snap.queues[std::size_t(q)].limit[r];
                if (limit >= 0 && request[r] > kEpsilon
                    && s.queues[std::size_t(q)].allocated[r] > limit + kEpsilon)
                    return false;
            }
        }
        return true;
    };
    spec.record = [&](int j, const SolverResult &r, const std::vector<Resources> &) {
        recordPreemptEvictions(s, j, r.evicted);
        recordConsolidationMoves(s, j, r.moved);
    };
    runVictimAction(s, spec);
}

} // namespace gpudesk::engine
