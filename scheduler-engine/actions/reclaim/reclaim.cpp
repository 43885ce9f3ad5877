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
    // Preemptible jobs per leaf queue (static during the action).
    const auto &snap = s.snapshot();
    std::vector<std::vector<int>> preemptibleByQueue(snap.queues.size());
    for (std::size_t v = 0; v < snap.jobs.size(); ++v) {
        if (s.jobBrief[v].queue >= 0 && s.jobBrief[v].preemptible)
            preemptibleByQueue[std::size_t(s.jobBrief[v].queue)].push_back(int(v));
    }
    // Whole per-queue lists: the victim queue skips jobs without active tasks itself, and the
    // reclaimer's own queue is never listed.
    spec.victimLists = [&](int j, VictimLists &out) {
        const int q = snap.jobs[std::size_t(j)].queue;
        for (std::size_t vq = 0; vq < preemptibleByQueue.size(); ++vq) {
            if (int(vq) == q || preemptibleByQueue[vq].empty())
                continue;
            // §8.3 checks every victim unit against its leveled queue's state; taking only
            // lowers it, so a leveled queue that holds no more than both its allocatable share
            // and its deserved quota now can never give a valid victim: leave it out early.
            // Production only: the harness keeps KAI's exact victim set (such a candidate can
            // still spoil a node's scenario there).
            if (s.config().useSchedulingSignatures) {
                const int leveled = proportion::leveledQueues(s, q, int(vq)).second;
                const auto &ls = s.queues[std::size_t(leveled)];
                bool over = false;
                for (int r = 0; r < kResourceCount; ++r) {
                    const double share = ls.allocatableShare[r];
                    const double deserved = snap.queues[std::size_t(leveled)].deserved[r];
                    over = over || (share >= 0 && ls.allocated[r] > share + kEpsilon)
                           || (deserved >= 0 && ls.allocated[r] > deserved + kEpsilon);
                }
                if (!over)
                    continue;
            }
            out.emplace_back(preemptibleByQueue[vq]);
        }
    };
    // §8.3's strategies hold for a victim unit only while its leveled queue is above its share (or
    // above its deserved quota with the reclaimer's side within its own); taking only lowers it.
    // So a leveled queue that fails them in the start state can lose pods only by having them
    // re-placed: the solver bounds trials with that (exact, harness included).
    spec.evictableQueues = [&](int j, const Resources &request, std::vector<char> &byQueue) {
        const int q = snap.jobs[std::size_t(j)].queue;
        for (std::size_t vq = 0; vq < preemptibleByQueue.size(); ++vq) {
            if (int(vq) == q || preemptibleByQueue[vq].empty())
                continue;
            const auto [rq, leveled] = proportion::leveledQueues(s, q, int(vq));
            byQueue[vq] = proportion::victimSideCanGive(s,
                                                        rq,
                                                        leveled,
                                                        request,
                                                        s.queues[std::size_t(rq)].allocated,
                                                        s.queues[std::size_t(leveled)].allocated);
        }
    };
    minruntime::ReclaimProtection protection(s);
    if (minruntime::anyProtection(s, false)) {
        spec.protectedVictim = [&](int v, int j) {
            return protection.isProtected(v, s.snapshot().jobs[std::size_t(j)].queue);
        };
    }
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
