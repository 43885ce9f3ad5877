// Reclaim action (KAI actions/reclaim, scheduling.md §8): a queue below its fair share takes
// resources back from queues above theirs, validated at the lowest-common-ancestor level.
#include "actions/action.h"
#include "actions/common/evictionmessages.h"
#include "actions/common/victimaction.h"
#include "plugins/minruntime/minruntime.h"
#include "plugins/proportion/reclaimable.h"

namespace gpudesk::engine {

void runReclaim(Session &s)
{
    VictimActionSpec spec;
    spec.name = "reclaim";
    spec.precheck = [&](int j, const Resources &request) {
        return proportion::canReclaimResources(s, j, request);
    };
    spec.victimJobs = [&](int j) {
        std::vector<int> out;
        const int q = s.snapshot().jobs[std::size_t(j)].queue;
        for (std::size_t v = 0; v < s.snapshot().jobs.size(); ++v) {
            const auto &job = s.snapshot().jobs[v];
            if (int(v) == j || job.queue < 0 || job.queue == q || !job.preemptible
                || s.activeAllocatedCount(int(v)) == 0)
                continue;
            // §8.3 checks every victim unit against its leveled queue's state; taking only
            // lowers it, so a leveled queue that holds no more than both its allocatable share
            // and its deserved quota now can never give a valid victim: leave it out early.
            const int leveled = proportion::leveledQueues(s, q, job.queue).second;
            const auto &ls = s.queues[std::size_t(leveled)];
            bool over = false;
            for (int r = 0; r < kResourceCount; ++r) {
                const double share = ls.allocatableShare[r];
                const double deserved = s.snapshot().queues[std::size_t(leveled)].deserved[r];
                over = over || (share >= 0 && ls.allocated[r] > share + kEpsilon)
                       || (deserved >= 0 && ls.allocated[r] > deserved + kEpsilon);
            }
            // Production only: the harness keeps KAI's exact victim set (such a candidate can
            // still spoil a node's scenario there).
            if (over || !s.config().useSchedulingSignatures)
                out.push_back(int(v));
        }
        return out;
    };
    spec.protectedVictim = [&](int v, int j) {
        return minruntime::protectedFromReclaim(s, v, s.snapshot().jobs[std::size_t(j)].queue);
    };
    spec.validate = [&](int j,
                        const Resources &request,
                        const std::vector<Resources> &start,
                        const std::vector<VictimUnit> &evicted) {
        return proportion::reclaimScenarioValid(s, j, request, start, evicted);
    };
    spec.record = [&](int j, const SolverResult &r, const std::vector<Resources> &start) {
        recordReclaimEvictions(s, j, r.evicted, start);
        recordConsolidationMoves(s, j, r.moved);
    };
    runVictimAction(s, spec);
}

} // namespace gpudesk::engine
