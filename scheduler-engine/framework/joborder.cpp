#include "framework/joborder.h"

#include "plugins/proportion/queueorder.h"

#include <algorithm>

namespace gpudesk::engine {

namespace {

// 0: below its gang minimum, 1: exactly at it, 2: above (elastic plugin).
int elasticState(const Session &s, int j)
{
    const int active = s.activeAllocatedCount(j);
    const int min = s.jobBrief[std::size_t(j)].minMembers;
    return active < min ? 0 : (active == min ? 1 : 2);
}

} // namespace

bool jobBefore(const Session &s, int a, int b)
{
    const auto &ja = s.snapshot().jobs[std::size_t(a)];
    const auto &jb = s.snapshot().jobs[std::size_t(b)];
    const auto &plugins = s.config().plugins;
    if (plugins.priority && ja.priority != jb.priority)
        return ja.priority > jb.priority;
    if (plugins.elastic) {
        const int ea = elasticState(s, a), eb = elasticState(s, b);
        if (ea != eb)
            return ea < eb;
    }
    if (ja.createdMinutesAgo != jb.createdMinutesAgo)
        return ja.createdMinutesAgo > jb.createdMinutesAgo;
    if (ja.creationRank != jb.creationRank)
        return ja.creationRank < jb.creationRank;
    return ja.name < jb.name;
}

const std::vector<int> &jobTieBreakRanks(const Session &s)
{
    const auto &jobs = s.snapshot().jobs;
    if (s.tieBreakRankCache.size() == jobs.size())
        return s.tieBreakRankCache;
    // The numeric keys packed next to each other (the sort reads them ~n log n times; reading
    // them from the jobs themselves missed the cache every time), names only on a tie.
    struct Entry
    {
        double createdMinutesAgo;
        int creationRank;
        int job;
    };
    std::vector<Entry> order(jobs.size());
    for (std::size_t j = 0; j < order.size(); ++j)
        order[j] = {jobs[j].createdMinutesAgo, jobs[j].creationRank, int(j)};
    std::sort(order.begin(), order.end(), [&](const Entry &a, const Entry &b) {
        if (a.createdMinutesAgo != b.createdMinutesAgo)
            return a.createdMinutesAgo > b.createdMinutesAgo;
        if (a.creationRank != b.creationRank)
            return a.creationRank < b.creationRank;
        return jobs[std::size_t(a.job)].name < jobs[std::size_t(b.job)].name;
    });
    std::vector<int> &rank = s.tieBreakRankCache;
    rank.assign(jobs.size(), 0);
    for (std::size_t i = 0; i < order.size(); ++i)
        rank[std::size_t(order[i].job)] = int(i);
    return rank;
}

int jobElasticState(const Session &s, int j)
{
    return elasticState(s, j);
}

std::vector<int> nextChunk(const Session &s, int j)
{
    // A one-task job (most jobs): its task if pending, without collecting and sorting.
    if (const int only = s.jobBrief[std::size_t(j)].onlyTask; only >= 0) {
        if (s.snapshot().tasks[std::size_t(only)].status == TaskStatus::Pending)
            return {only};
        return {};
    }
    // Below the gang minimum the chunk is what reaches it, else one task: the first pending
    // tasks in task order, as many as there are.
    const int active = s.activeAllocatedCount(j);
    const int min = s.jobBrief[std::size_t(j)].minMembers;
    const std::size_t count = std::size_t(active < min ? min - active : 1);
    std::vector<int> chunk;
    for (int t : s.tasksInOrder(j)) {
        if (s.snapshot().tasks[std::size_t(t)].status != TaskStatus::Pending)
            continue;
        chunk.push_back(t);
        if (chunk.size() == count)
            break;
    }
    return chunk;
}

Resources chunkRequest(const Session &s, const std::vector<int> &tasks)
{
    Resources r;
    for (int t : tasks)
        r += s.pendingQuotaRequest(t);
    return r;
}

Resources nextChunkRequest(const Session &s, int j)
{
    auto &cached = s.chunkRequestCache[std::size_t(j)];
    const unsigned version = s.jobVersion[std::size_t(j)] + 1;
    if (cached.first != version)
        cached = {version, chunkRequest(s, nextChunk(s, j))};
    return cached.second;
}

JobQueue::JobQueue(const Session &s,
                   const std::vector<int> &jobs,
                   std::function<bool(int, Resources &)> requestOverride)
    : m_session(s)
    , m_requestOverride(std::move(requestOverride))
{
    const auto &queues = s.snapshot().queues;
    m_heaps.resize(queues.size());
    m_subtreeCount.assign(queues.size(), 0);
    m_headMemo.assign(queues.size(), HeadMemo {});
    m_touched.assign(queues.size(), 0);
    for (int j : jobs)
        push(j);
}

void JobQueue::push(int j)
{
    const int q = m_session.snapshot().jobs[std::size_t(j)].queue;
    if (q < 0)
        return;
    auto &heap = m_heaps[std::size_t(q)];
    heap.push_back(j);
    // std heaps keep the "largest" on top: invert the order.
    std::push_heap(heap.begin(), heap.end(), [this](int a, int b) {
        return jobBefore(m_session, b, a);
    });
    for (int p = q; p >= 0; p = m_session.snapshot().queues[std::size_t(p)].parent) {
        ++m_subtreeCount[std::size_t(p)];
        ++m_touched[std::size_t(p)];
    }
    ++m_size;
}

int JobQueue::head(int q) const
{
    if (m_subtreeCount[std::size_t(q)] == 0)
        return -1;
    if (m_session.queueChildren[std::size_t(q)].empty())
        return m_heaps[std::size_t(q)].front();
    HeadMemo &memo = m_headMemo[std::size_t(q)];
    if (memo.stateVersion == m_session.stateVersion && memo.touched == m_touched[std::size_t(q)])
        return memo.head;
    const int child = bestChild(m_session.queueChildren[std::size_t(q)]);
    const int h = child < 0 ? -1 : head(child);
    m_headMemo[std::size_t(q)] = {m_session.stateVersion, m_touched[std::size_t(q)], child, h};
    return h;
}

int JobQueue::bestChild(const std::vector<int> &children) const
{
    int best = -1;
    proportion::QueueView bestView;
    for (int c : children) {
        if (m_subtreeCount[std::size_t(c)] == 0)
            continue;
        const int h = head(c);
        if (h < 0)
            continue;
        Resources request;
        if (!m_requestOverride || !m_requestOverride(h, request))
            request = nextChunkRequest(m_session, h);
        proportion::QueueView v {c, m_session.queues[std::size_t(c)].allocated, request};
        if (best < 0 || proportion::queueBefore(m_session, v, bestView)) {
            best = c;
            bestView = v;
        }
    }
    return best;
}

int JobQueue::pop()
{
    if (m_size == 0)
        return -1;
    int q = bestChild(m_session.queueRoots);
    if (q < 0)
        return -1;
    // bestChild read head() of every root, so the memos on the way down are current.
    while (!m_session.queueChildren[std::size_t(q)].empty())
        q = m_headMemo[std::size_t(q)].child;
    auto &heap = m_heaps[std::size_t(q)];
    std::pop_heap(heap.begin(), heap.end(), [this](int a, int b) {
        return jobBefore(m_session, b, a);
    });
    const int j = heap.back();
    heap.pop_back();
    for (int p = q; p >= 0; p = m_session.snapshot().queues[std::size_t(p)].parent) {
        --m_subtreeCount[std::size_t(p)];
        ++m_touched[std::size_t(p)];
    }
    --m_size;
    return j;
}

} // namespace gpudesk::engine
