#include "actions/common/victimaction.h"

#include "framework/joborder.h"

#include <algorithm>
#include <set>
#include <tuple>

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
    const std::vector<int> tieBreakRanks = jobTieBreakRanks(s); // static during the action
    // Scheduling signatures (production only): queue + chunk shape of jobs that failed.
    using Shape = std::tuple<int, double, double, double, double>;
    std::set<std::pair<int, std::vector<Shape>>> failedSignatures;
    auto signature = [&](int j, const std::vector<int> &chunk, bool &usable) {
        std::vector<Shape> shape;
        usable = s.config().useSchedulingSignatures;
        for (int t : chunk) {
            const Task &task = s.snapshot().tasks[std::size_t(t)];
            usable = usable && !task.hasAffinity;
            shape.emplace_back(int(task.kind),
                               task.request.gpu,
                               task.request.cpu,
                               task.request.memory,
                               task.gpuMemoryMib);
        }
        std::sort(shape.begin(), shape.end());
        return std::make_pair(s.snapshot().jobs[std::size_t(j)].queue, shape);
    };
    while (!queue.empty()) {
        const int j = queue.pop();
        if (j < 0)
            break;
        const std::vector<int> chunk = nextChunk(s, j);
        if (chunk.empty())
            continue;
        bool signatureUsable = false;
        const auto sig = signature(j, chunk, signatureUsable);
        if (signatureUsable && failedSignatures.count(sig))
            continue;
        const Resources request = chunkRequest(s, chunk);
        if (spec.precheck && !spec.precheck(j, request))
            continue;
        const std::vector<int> victims = spec.victimJobs(j);
        if (victims.empty())
            continue;
        // Exact cheap bound before building the victim queue: the same "failed" as the solver.
        if (!victimsCanSuffice(s, chunk, victims)) {
            if (signatureUsable)
                failedSignatures.insert(sig);
            continue;
        }
        std::vector<Resources> start(s.queues.size());
        for (std::size_t q = 0; q < s.queues.size(); ++q)
            start[q] = s.queues[q].allocated;
        Statement stmt(s);
        VictimQueue vq(
            s,
            victims,
            [&](int v) { return spec.protectedVictim && spec.protectedVictim(v, j); },
            tieBreakRanks);
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
            if (signatureUsable)
                failedSignatures.insert(sig);
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
