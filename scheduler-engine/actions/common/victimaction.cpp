#include "actions/common/victimaction.h"

#include "framework/joborder.h"

namespace gpudesk::engine {

void runVictimAction(Session &s, const VictimActionSpec &spec)
{
    std::vector<int> candidates;
    for (std::size_t j = 0; j < s.snapshot().jobs.size(); ++j) {
        const auto &job = s.snapshot().jobs[j];
        if (job.queue >= 0 && s.pendingCount(int(j)) > 0 && s.isReady(int(j))
            && (!spec.isCandidate || spec.isCandidate(int(j))))
            candidates.push_back(int(j));
    }
    JobQueue queue(s, candidates);
    while (!queue.empty()) {
        const int j = queue.pop();
        if (j < 0)
            break;
        const std::vector<int> chunk = nextChunk(s, j);
        if (chunk.empty())
            continue;
        const Resources request = chunkRequest(s, chunk);
        if (spec.precheck && !spec.precheck(j, request))
            continue;
        const std::vector<int> victims = spec.victimJobs(j);
        if (victims.empty())
            continue;
        std::vector<Resources> start(s.queues.size());
        for (std::size_t q = 0; q < s.queues.size(); ++q)
            start[q] = s.queues[q].allocated;
        Statement stmt(s);
        VictimQueue vq(s, victims, [&](int v) {
            return spec.protectedVictim && spec.protectedVictim(v, j);
        });
        SolverSpec solver;
        solver.requireAllMoved = spec.requireAllMoved;
        if (spec.validate) {
            solver.validate = [&](const std::vector<VictimUnit> &evicted) {
                return spec.validate(j, request, start, evicted);
            };
        }
        const SolverResult result = solveWithVictims(s, stmt, j, chunk, vq, solver);
        if (!result.solved) {
            stmt.discard();
            continue;
        }
        if (spec.record)
            spec.record(j, result, start);
        stmt.commit();
        s.jobs[std::size_t(j)].failure = FitFailure {};
        if (s.pendingCount(j) > 0)
            queue.push(j);
    }
}

} // namespace gpudesk::engine
