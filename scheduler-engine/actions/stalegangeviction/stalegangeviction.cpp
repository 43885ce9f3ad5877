// Stale gang eviction (KAI actions/stalegangeviction, scheduling.md §10): a job running below
// its gang minimum for at least the grace period loses its remaining pods.
#include "actions/action.h"
#include "framework/statement.h"

namespace gpudesk::engine {

void runStaleGangEviction(Session &s)
{
    const auto &snap = s.snapshot();
    const double grace = s.config().stalenessGracePeriodSeconds;
    for (std::size_t j = 0; j < snap.jobs.size(); ++j) {
        const auto &job = snap.jobs[j];
        int activeUsed = 0;
        bool succeeded = false;
        for (int t : job.tasks) {
            const auto st = snap.tasks[std::size_t(t)].status;
            activeUsed += isActiveUsed(st) ? 1 : 0;
            succeeded = succeeded || st == TaskStatus::Succeeded;
        }
        auto &js = s.jobs[j];
        const bool stale = !succeeded && activeUsed > 0 && activeUsed < job.minMembers;
        if (!stale) {
            js.staleSinceSecondsAgo = -1;
            continue;
        }
        if (js.staleSinceSecondsAgo < 0)
            js.staleSinceSecondsAgo = 0;
        if (grace < 0 || js.staleSinceSecondsAgo < grace)
            continue;
        Statement stmt(s);
        std::string firstPod;
        for (int t : job.tasks) {
            if (isActiveAllocated(snap.tasks[std::size_t(t)].status)) {
                if (firstPod.empty())
                    firstPod = job.namespaceName + "/" + snap.tasks[std::size_t(t)].id;
                stmt.evict(t);
            }
        }
        if (stmt.empty())
            continue;
        stmt.commit();
        if (!js.hasEviction()) {
            Eviction e;
            e.action = "stalegangeviction";
            e.message = "Workload doesn't meet the minimum required number of pods ("
                        + std::to_string(job.minMembers) + "), evicting remaining pod: " + firstPod;
            e.plain
                = "Only " + std::to_string(activeUsed) + " of the " + std::to_string(job.minMembers)
                  + " pods that must run together were running for longer than the grace period, "
                    "so the remaining pods were evicted; the workload goes back to pending.";
            js.setEviction(std::move(e));
        }
    }
}

} // namespace gpudesk::engine
