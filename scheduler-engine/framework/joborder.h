#pragma once
// Job comparison inside a leaf queue (priority + elastic plugins, scheduling.md §4.3) and the
// hierarchical queue traversal that picks the next job (§4.1).
#include "framework/session.h"

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace gpudesk::engine {

// True when job a is tried before job b.
bool jobBefore(const Session &session, int a, int b);
// Rank of every job under jobBefore's static tie-breaks (creation time, creation rank, name):
// with priority and elastic state in front it gives jobBefore's order with integer compares.
// Static during a session: computed once and kept in the session.
const std::vector<int> &jobTieBreakRanks(const Session &session);
int jobElasticState(const Session &session, int job);

// The request of a job's next attempt (gang chunk or one task, §4.5) in quota units.
std::vector<int> nextChunk(const Session &session, int job);
Resources chunkRequest(const Session &session, const std::vector<int> &tasks);
// chunkRequest(nextChunk(job)), cached per job until one of its tasks changes.
Resources nextChunkRequest(const Session &session, int job);

class JobQueue
{
public:
    // requestOverride: the request a job brings to queue comparisons, when it is not its next
    // chunk (victims being re-placed in a simulation bring their evicted pods).
    JobQueue(const Session &session,
             const std::vector<int> &jobs,
             std::function<bool(int, Resources &)> requestOverride = {});
    bool empty() const { return m_size == 0; }
    int pop();
    void push(int job);

private:
    int bestChild(const std::vector<int> &children) const;
    int head(int queue) const; // best job in the subtree, -1 if none

    const Session &m_session;
    std::function<bool(int, Resources &)> m_requestOverride;
    std::vector<std::vector<int>> m_heaps; // per leaf queue
    std::vector<int> m_subtreeCount;       // jobs held in each queue's subtree
    // head() of each inner queue and the child it came from, kept between pops: it holds while
    // the session state (Session::stateVersion) and the queue's subtree (m_touched: pops and
    // pushes below it) are unchanged. A pop then re-compares only the queues on the popped
    // job's path instead of every queue of the tree; most candidates of a victim action are
    // skipped without touching the session.
    struct HeadMemo
    {
        std::uint64_t stateVersion = ~std::uint64_t(0);
        unsigned touched = 0;
        int child = -1;
        int head = -1;
    };
    mutable std::vector<HeadMemo> m_headMemo;
    std::vector<unsigned> m_touched;
    int m_size = 0;
};

} // namespace gpudesk::engine
