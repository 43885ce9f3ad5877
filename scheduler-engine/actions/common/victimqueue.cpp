#include "actions/common/victimqueue.h"

#include "framework/joborder.h"
#include "plugins/proportion/queueorder.h"

#include <algorithm>
#include <tuple>

namespace gpudesk::engine {

namespace {

// The job's key, or false when it gives no unit (no active task, or protected at its minimum).
bool victimKeyOf(const Session &s,
                 int j,
                 const std::vector<int> &tieBreakRanks,
                 const std::function<bool(int)> &protectedBelowMin,
                 VictimEntry &entry)
{
    const auto &plugins = s.config().plugins;
    const auto &job = s.jobBrief[std::size_t(j)];
    const int active = s.activeAllocatedCount(j);
    const bool prot = active > 0 && protectedBelowMin && protectedBelowMin(j);
    if (active == 0 || (prot && active <= job.minMembers))
        return false;
    entry.key = {plugins.priority ? -job.priority : 0,
                 plugins.elastic ? jobElasticState(s, j) : 0,
                 tieBreakRanks[std::size_t(j)],
                 j,
                 prot};
    entry.onlyTask = -1;
    return true;
}

// A kept entry carries a one-task job's task and quota units (see VictimEntry).
void addUnitOfOnlyTask(const Session &s, int j, VictimEntry &entry)
{
    const int only = s.jobBrief[std::size_t(j)].onlyTask;
    if (only < 0 || s.activeAllocatedCount(j) != 1)
        return;
    entry.onlyTask = only;
    entry.quota = s.snapshot().tasks[std::size_t(only)].request;
    entry.quota.gpu = s.tasks[std::size_t(only)].acceptedGpu;
}

bool laterVictimFirst(const VictimEntry &a, const VictimEntry &b)
{
    return b.key < a.key;
}

} // namespace

VictimOrderCache::VictimOrderCache(const Session &s, const std::vector<int> &tieBreakRanks)
    : m_session(s)
    , m_tieBreakRanks(tieBreakRanks)
    , m_leaves(s.snapshot().queues.size())
{ }

const std::vector<VictimEntry> &VictimOrderCache::order(int q, std::span<const int> list)
{
    Leaf &leaf = m_leaves[std::size_t(q)];
    // Another list for the leaf (not expected: the cache's contract) is keyed afresh.
    if (leaf.built && (leaf.list.data() != list.data() || leaf.list.size() != list.size()))
        leaf.built = false;
    if (!leaf.built) {
        leaf.built = true;
        leaf.list = list;
        leaf.order.clear();
        leaf.order.reserve(list.size());
        VictimEntry entry;
        for (int j : list) {
            if (victimKeyOf(m_session, j, m_tieBreakRanks, {}, entry)) {
                addUnitOfOnlyTask(m_session, j, entry);
                leaf.order.push_back(entry);
            }
        }
        std::sort(leaf.order.begin(), leaf.order.end(), laterVictimFirst);
    }
    return leaf.order;
}

void VictimOrderCache::jobChanged(int j)
{
    const int q = m_session.jobBrief[std::size_t(j)].queue;
    if (q < 0)
        return;
    Leaf &leaf = m_leaves[std::size_t(q)];
    if (!leaf.built || !std::binary_search(leaf.list.begin(), leaf.list.end(), j))
        return;
    auto old = std::find_if(leaf.order.begin(), leaf.order.end(), [j](const VictimEntry &e) {
        return std::get<3>(e.key) == j;
    });
    if (old != leaf.order.end())
        leaf.order.erase(old);
    VictimEntry entry;
    if (victimKeyOf(m_session, j, m_tieBreakRanks, {}, entry)) {
        addUnitOfOnlyTask(m_session, j, entry);
        leaf.order.insert(
            std::lower_bound(leaf.order.begin(), leaf.order.end(), entry, laterVictimFirst),
            entry);
    }
}

VictimQueue::VictimQueue(const Session &s,
                         const VictimLists &victimJobs,
                         const std::function<bool(int)> &protectedBelowMin,
                         const std::vector<int> &tieBreakRanks,
                         VictimOrderCache *cache)
    : m_session(s)
    , m_protectedBelowMin(protectedBelowMin)
    , m_tieBreakRanks(tieBreakRanks)
    , m_cache(cache)
{
    const auto &queues = s.snapshot().queues;
    m_sorted.assign(queues.size(), nullptr);
    m_sortedNext.assign(queues.size(), 0);
    m_unbuilt.resize(queues.size());
    m_built.assign(queues.size(), 0);
    m_pending.resize(queues.size());
    m_current.resize(queues.size());
    m_subtree.assign(queues.size(), 0);
    m_taken.assign(queues.size(), Resources {});
    // Counted per list, not per job: only the emptiness of a subtree steers the descent, and a
    // leaf whose jobs turn out to give nothing is dropped when the walk first reaches it.
    for (std::span<const int> list : victimJobs) {
        if (list.empty())
            continue;
        const int q = s.jobBrief[std::size_t(list.front())].queue;
        if (q < 0)
            continue;
        m_unbuilt[std::size_t(q)] = list;
        const int count = int(list.size());
        for (int p = q; p >= 0; p = queues[std::size_t(p)].parent)
            m_subtree[std::size_t(p)] += count;
        m_remainingJobs += count;
    }
}

void VictimQueue::dropJobs(int q, int count)
{
    if (count == 0)
        return;
    m_remainingJobs -= count;
    for (int p = q; p >= 0; p = m_session.snapshot().queues[std::size_t(p)].parent)
        m_subtree[std::size_t(p)] -= count;
}

void VictimQueue::build(int q)
{
    if (m_built[std::size_t(q)])
        return;
    m_built[std::size_t(q)] = 1;
    // Victim order inside a queue: the job that would be scheduled last goes first. jobBefore
    // as an integer key (priority, elastic state, static tie-break rank), each computed once.
    // A job gives units if it has active tasks, and more than its minimum when protected. The
    // solver calls next() and the bound only in its start state, the state the queue was made
    // in, so keys read now are the keys read at construction.
    const std::span<const int> list = m_unbuilt[std::size_t(q)];
    m_unbuilt[std::size_t(q)] = {};
    if (m_cache) {
        const auto &order = m_cache->order(q, list);
        m_sorted[std::size_t(q)] = &order;
        dropJobs(q, int(list.size() - order.size()));
        return;
    }
    auto &heap = m_pending[std::size_t(q)];
    heap.reserve(list.size());
    int dropped = 0;
    VictimEntry entry;
    for (int j : list) {
        if (victimKeyOf(m_session, j, m_tieBreakRanks, m_protectedBelowMin, entry))
            heap.push_back(entry);
        else
            ++dropped;
    }
    std::make_heap(heap.begin(), heap.end());
    dropJobs(q, dropped);
}

void VictimQueue::open(const VictimEntry &entry, JobCursor &c) const
{
    const int j = std::get<3>(entry.key);
    c.active.clear();
    c.job = j;
    c.protectedMin = std::get<4>(entry.key);
    c.done = false;
    c.quotaKnown = entry.onlyTask >= 0;
    if (c.quotaKnown) {
        // Its one task is the whole unit whatever the minimum: nothing else to read.
        c.active.push_back(entry.onlyTask);
        c.quota = entry.quota;
        c.minMembers = 0;
        return;
    }
    c.minMembers = m_session.jobBrief[std::size_t(j)].minMembers;
    // A one-task job with an active task (it was queued because it has one): no status reads.
    const int only = m_session.jobBrief[std::size_t(j)].onlyTask;
    if (only >= 0 && m_session.activeAllocatedCount(j) == 1) {
        c.active.push_back(only);
        return;
    }
    for (int t : m_session.tasksInOrder(j)) {
        if (isActiveAllocated(m_session.snapshot().tasks[std::size_t(t)].status))
            c.active.push_back(t);
    }
}

VictimQueue::JobCursor &VictimQueue::current(int q)
{
    JobCursor &c = m_current[std::size_t(q)];
    if (c.done && m_sorted[std::size_t(q)]) {
        open((*m_sorted[std::size_t(q)])[m_sortedNext[std::size_t(q)]++], c);
    } else if (c.done) {
        auto &heap = m_pending[std::size_t(q)];
        std::pop_heap(heap.begin(), heap.end());
        open(heap.back(), c);
        heap.pop_back();
    }
    return c;
}

int VictimQueue::worstChild(const std::vector<int> &children) const
{
    int worst = -1;
    proportion::QueueView worstView;
    for (int c : children) {
        if (m_subtree[std::size_t(c)] == 0)
            continue;
        proportion::QueueView v {c,
                                 m_session.queues[std::size_t(c)].allocated
                                     - m_taken[std::size_t(c)],
                                 Resources {}};
        // The queue served last is the one every other queue comes before.
        if (worst < 0 || proportion::queueBefore(m_session, worstView, v)) {
            worst = c;
            worstView = v;
        }
    }
    return worst;
}

bool VictimQueue::takeFromJob(JobCursor &c, VictimUnit &unit)
{
    if (c.done || c.active.empty())
        return false;
    unit.job = c.job;
    if (int(c.active.size()) > c.minMembers) {
        unit.tasks.push_back(c.active.back()); // the last task in task order
        c.active.pop_back();
        if (c.protectedMin && int(c.active.size()) <= c.minMembers)
            c.done = true;
    } else {
        unit.tasks.assign(c.active.begin(), c.active.end());
        c.active.clear();
        c.done = true;
    }
    if (c.active.empty())
        c.done = true;
    if (c.quotaKnown) {
        unit.resources = c.quota;
        return true;
    }
    for (int t : unit.tasks) {
        Resources r = m_session.snapshot().tasks[std::size_t(t)].request;
        r.gpu = m_session.tasks[std::size_t(t)].acceptedGpu;
        unit.resources += r;
    }
    return true;
}

VictimUnit VictimQueue::next()
{
    VictimUnit unit;
    int q = -1;
    while (q < 0) {
        if (m_remainingJobs == 0)
            return unit;
        q = worstChild(m_session.queueRoots);
        if (q < 0)
            return unit;
        while (!m_session.queueChildren[std::size_t(q)].empty())
            q = worstChild(m_session.queueChildren[std::size_t(q)]);
        if (!m_built[std::size_t(q)]) {
            // Only emptiness of a subtree steers the descent: once the leaf's real count is
            // known, descend again (same leaf unless it turned out to give nothing).
            build(q);
            q = -1;
        }
    }
    JobCursor &c = current(q);
    takeFromJob(c, unit);
    if (c.done)
        dropJobs(q, 1);
    for (int p = q; p >= 0; p = m_session.snapshot().queues[std::size_t(p)].parent)
        m_taken[std::size_t(p)] += unit.resources;
    return unit;
}

} // namespace gpudesk::engine
