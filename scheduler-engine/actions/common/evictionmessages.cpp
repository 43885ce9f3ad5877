#include "actions/common/evictionmessages.h"

#include "io/json.h"
#include "plugins/proportion/reclaimable.h"

namespace gpudesk::engine {

std::string gpus(double amount)
{
    std::string s;
    json::appendNumber(s, amount);
    return s + (amount == 1 ? " GPU" : " GPUs");
}

namespace {

std::string podName(const Session &s, int task)
{
    const auto &t = s.snapshot().tasks[std::size_t(task)];
    return s.snapshot().jobs[std::size_t(t.job)].namespaceName + "/" + t.id;
}

std::string jobName(const Session &s, int job)
{
    const auto &j = s.snapshot().jobs[std::size_t(job)];
    return j.namespaceName + "/" + j.name;
}

void record(Session &s, int victimJob, Eviction e)
{
    auto &js = s.jobs[std::size_t(victimJob)];
    if (js.hasEviction())
        return;
    js.setEviction(std::move(e));
}

std::string queueLine(const Session &s, int q, const Resources &allocated)
{
    const auto &queue = s.snapshot().queues[std::size_t(q)];
    const auto &qs = s.queues[std::size_t(q)];
    std::string deserved = queue.deserved.gpu < 0 ? std::string("unlimited")
                                                  : gpus(queue.deserved.gpu);
    return queue.name + " uses " + gpus(allocated.gpu) + " with a quota of " + deserved
           + ", fair-share of " + gpus(qs.fairShare.gpu) + " and queue priority of "
           + std::to_string(queue.priority) + ".";
}

} // namespace

void recordReclaimEvictions(Session &s,
                            int reclaimer,
                            const std::vector<VictimUnit> &units,
                            const std::vector<Resources> &start)
{
    const auto &snap = s.snapshot();
    const int rq = snap.jobs[std::size_t(reclaimer)].queue;
    for (const auto &u : units) {
        const int vq = snap.jobs[std::size_t(u.job)].queue;
        // The leaf queues if they share a parent, otherwise their parents (§8.4).
        int showV = vq, showR = rq;
        if (snap.queues[std::size_t(vq)].parent != snap.queues[std::size_t(rq)].parent) {
            const auto [lr, lv] = proportion::leveledQueues(s, rq, vq);
            showR = lr;
            showV = lv;
        }
        Eviction e;
        e.byJob = snap.jobs[std::size_t(reclaimer)].name;
        e.action = "reclaim";
        e.message = "Pod " + podName(s, u.tasks.front()) + " was preempted by workload "
                    + jobName(s, reclaimer) + ".\n" + queueLine(s, showV, start[std::size_t(showV)])
                    + "\n" + queueLine(s, showR, start[std::size_t(showR)]);
        const auto &vs = s.queues[std::size_t(showV)];
        const auto &rs = s.queues[std::size_t(showR)];
        e.plain = "Reclaimed for " + snap.jobs[std::size_t(reclaimer)].name + " of "
                  + snap.queues[std::size_t(rq)].name + ": " + snap.queues[std::size_t(showV)].name
                  + " was using " + gpus(start[std::size_t(showV)].gpu)
                  + ", above its fair share of " + gpus(vs.fairShare.gpu) + ", while "
                  + snap.queues[std::size_t(showR)].name + " was using "
                  + gpus(start[std::size_t(showR)].gpu) + " of its fair share of "
                  + gpus(rs.fairShare.gpu)
                  + ". The workload goes back to pending and restarts when "
                    "resources allow.";
        record(s, u.job, std::move(e));
    }
}

void recordPreemptEvictions(Session &s, int preemptor, const std::vector<VictimUnit> &units)
{
    const auto &snap = s.snapshot();
    const auto &pj = snap.jobs[std::size_t(preemptor)];
    for (const auto &u : units) {
        const auto &vj = snap.jobs[std::size_t(u.job)];
        Eviction e;
        e.byJob = pj.name;
        e.action = "preempt";
        e.message = "Pod " + podName(s, u.tasks.front())
                    + " was preempted by higher priority workload " + jobName(s, preemptor);
        e.plain = "Preempted by " + pj.name + ", a higher-priority workload (priority "
                  + std::to_string(pj.priority) + " > " + std::to_string(vj.priority)
                  + ") in the same project " + snap.queues[std::size_t(vj.queue)].name
                  + ". Preemptible workloads give way to higher priorities within a project.";
        record(s, u.job, std::move(e));
    }
}

void recordConsolidationMoves(Session &s, int preemptor, const std::vector<VictimUnit> &units)
{
    const auto &snap = s.snapshot();
    for (const auto &u : units) {
        Eviction e;
        e.byJob = snap.jobs[std::size_t(preemptor)].name;
        e.action = "consolidation";
        e.message = "Pod " + podName(s, u.tasks.front())
                    + " was preempted and rescheduled due to bin packing (resource consolidation) "
                      "procedure";
        e.plain = "Moved to another node to open room for " + snap.jobs[std::size_t(preemptor)].name
                  + " (bin packing); it restarts on its new node.";
        record(s, u.job, std::move(e));
    }
}

} // namespace gpudesk::engine
