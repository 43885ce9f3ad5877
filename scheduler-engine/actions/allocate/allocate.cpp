// Allocate action (KAI actions/allocate/allocate.go, scheduling.md §5): jobs in hierarchical
// fair order, each attempt all-or-nothing, elastic jobs pushed back after each extra pod.
#include "actions/action.h"
#include "actions/common/allocatejob.h"
#include "framework/joborder.h"

namespace gpudesk::engine {

namespace {

bool isCandidate(const Session &s, int j)
{
    const auto &job = s.snapshot().jobs[std::size_t(j)];
    return job.queue >= 0 && s.pendingCount(j) > 0 && s.isReady(j);
}

} // namespace

void runAllocate(Session &s)
{
    std::vector<int> candidates;
    for (std::size_t j = 0; j < s.snapshot().jobs.size(); ++j) {
        if (isCandidate(s, int(j)))
            candidates.push_back(int(j));
    }
    JobQueue queue(s, candidates);
    FitFailureCache cache;
    AllocateOptions options;
    options.cache = &cache;
    while (!queue.empty()) {
        const int j = queue.pop();
        if (j < 0)
            break;
        auto &js = s.jobs[std::size_t(j)];
        js.attempted = true;
        const std::vector<int> chunk = nextChunk(s, j);
        const bool hadAllocated = s.allocatedCount(j) > 0;
        Statement stmt(s);
        FitFailure failure;
        if (!allocateTasks(s, stmt, j, chunk, options, &failure)) {
            stmt.discard();
            // Keep the first (most telling) failure of this session unless it is placed later.
            if (js.failure().reason == PendingReason::None)
                js.setFailure(std::move(failure));
            continue;
        }
        stmt.commit();
        js.clearFailure();
        if (!hadAllocated && s.allocatedCount(j) > 0) {
            js.startedThisSession = true;
            js.lastStartSecondsAgo = 0;
        }
        if (s.pendingCount(j) > 0)
            queue.push(j);
    }
}

} // namespace gpudesk::engine
