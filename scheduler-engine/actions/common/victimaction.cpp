#include "actions/common/victimaction.h"

#include "framework/joborder.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

namespace gpudesk::engine {

namespace {

using Shape = std::tuple<int, double, double, double, double>; // kind, gpu, cpu, memory, GPU MiB
using Signature = std::pair<int, std::vector<Shape>>;          // queue, sorted chunk shapes

// KAI's minimal-job comparison (§4.6): a job is skipped when a job of the same queue and
// signature with an easier-or-equal footprint (as many tasks, each of the same kind and no
// larger in any resource) already failed in this action.
bool easierOrEqualFailed(const std::set<Signature> &failed, const Signature &sig)
{
    for (auto it = failed.lower_bound(Signature {sig.first, {}});
         it != failed.end() && it->first == sig.first;
         ++it) {
        if (it->second.size() != sig.second.size())
            continue;
        bool easier = true;
        for (std::size_t i = 0; i < sig.second.size() && easier; ++i) {
            const Shape &f = it->second[i], &c = sig.second[i];
            easier = std::get<0>(f) == std::get<0>(c) && std::get<1>(f) <= std::get<1>(c)
                     && std::get<2>(f) <= std::get<2>(c) && std::get<3>(f) <= std::get<3>(c)
                     && std::get<4>(f) <= std::get<4>(c);
        }
        if (easier)
            return true;
    }
    return false;
}

} // namespace

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
    const std::vector<int> &tieBreakRanks = jobTieBreakRanks(s); // static during the session
    // Leaf victim orders kept across preemptors when their lists are static and none can be
    // protected (see VictimOrderCache); a commit re-keys the jobs it changed.
    std::optional<VictimOrderCache> orderCache;
    if (spec.victimLists && !spec.protectedVictim)
        orderCache.emplace(s, tieBreakRanks);
    // Scheduling signatures (production only): queue + chunk shape of jobs that failed.
    std::set<Signature> failedSignatures;
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
    // The current job's victims: the action's own lists, or its flat list grouped by leaf queue.
    VictimLists victims;
    std::vector<std::vector<int>> byQueue(s.queues.size()); // the lists' storage, per queue
    std::vector<int> usedQueues;
    std::vector<char> evictable; // the current job's SolverSpec::evictableByQueue
    auto victimsOf = [&](int j) {
        victims.clear();
        if (spec.victimLists) {
            spec.victimLists(j, victims);
            return;
        }
        for (int q : usedQueues)
            byQueue[std::size_t(q)].clear();
        usedQueues.clear();
        for (int v : spec.victimJobs(j)) {
            const int q = s.jobBrief[std::size_t(v)].queue;
            if (q < 0)
                continue;
            if (byQueue[std::size_t(q)].empty())
                usedQueues.push_back(q);
            byQueue[std::size_t(q)].push_back(v);
        }
        for (int q : usedQueues)
            victims.emplace_back(byQueue[std::size_t(q)]);
    };
    auto anyActive = [&](const VictimLists &lists) {
        for (std::span<const int> list : lists) {
            for (int v : list) {
                if (s.activeAllocatedCount(v) > 0)
                    return true;
            }
        }
        return false;
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
        if (signatureUsable && easierOrEqualFailed(failedSignatures, sig))
            continue;
        const Resources request = chunkRequest(s, chunk);
        if (spec.precheck && !spec.precheck(j, request))
            continue;
        victimsOf(j);
        if (!anyActive(victims))
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
        // No protection function when the action can protect no victim (no call per job).
        std::function<bool(int)> isProtected;
        if (spec.protectedVictim)
            isProtected = [&](int v) { return spec.protectedVictim(v, j); };
        VictimQueue vq(s, victims, isProtected, tieBreakRanks, orderCache ? &*orderCache : nullptr);
        SolverSpec solver;
        solver.requireAllMoved = spec.requireAllMoved;
        if (spec.evictableQueues) {
            evictable.assign(s.queues.size(), 1);
            spec.evictableQueues(j, request, evictable);
            solver.evictableByQueue = &evictable;
        }
        if (!spec.requireAllMoved) // consolidation has its own bound (max preemptees)
            solver.maxVictimUnits = s.config().victimSearchBudget;
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
        if (orderCache) {
            int last = -1; // a job's tasks are mostly logged together
            stmt.forEachChangedTask([&](int t) {
                const int job = s.snapshot().tasks[std::size_t(t)].job;
                if (job != last)
                    orderCache->jobChanged(job);
                last = job;
            });
        }
        stmt.commit();
        s.jobs[std::size_t(j)].clearFailure();
        if (s.pendingCount(j) > 0)
            queue.push(j);
    }
}

} // namespace gpudesk::engine
