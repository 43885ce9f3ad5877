#include "actions/common/victimqueue.h"

#include "framework/joborder.h"
#include "plugins/proportion/queueorder.h"

#include <algorithm>
#include <tuple>

namespace gpudesk::engine {

VictimQueue::VictimQueue(const Session &s,
                         const VictimLists &victimJobs,
                         const std::function<bool(int)> &protectedBelowMin,
                         const std::vector<int> &tieBreakRanks)
    : m_session(s)
    , m_protectedBelowMin(protectedBelowMin)
    , m_tieBreakRanks(tieBreakRanks)
{
    const auto &queues = s.snapshot().queues;
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
    const auto &plugins = m_session.config().plugins;
    auto &heap = m_pending[std::size_t(q)];
    heap.reserve(m_unbuilt[std::size_t(q)].size());
    int dropped = 0;
    for (int j : m_unbuilt[std::size_t(q)]) {
        const auto &job = m_session.jobBrief[std::size_t(j)];
        const int active = m_session.activeAllocatedCount(j);
        const bool prot = active > 0 && m_protectedBelowMin && m_protectedBelowMin(j);
        if (active == 0 || (prot && active <= job.minMembers)) {
            ++dropped;
            continue;
        }
        heap.emplace_back(plugins.priority ? -job.priority : 0,
                          plugins.elastic ? jobElasticState(m_session, j) : 0,
                          m_tieBreakRanks[std::size_t(j)],
                          j,
                          prot);
    }
    m_unbuilt[std::size_t(q)] = {};
    std::make_heap(heap.begin(), heap.end());
    dropJobs(q, dropped);
}

void VictimQueue::open(const Key &key, JobCursor &c) const
{
    const int j = std::get<3>(key);
    c.active.clear();
    c.job = j;
    c.minMembers = m_session.jobBrief[std::size_t(j)].minMembers;
    c.protectedMin = std::get<4>(key);
    c.done = false;
    // A one-task job with an active task (it was queued because it has one): no status reads.
    const int only = m_session.jobBrief[std::size_t(j)].onlyTask;
    if (only >= 0 && m_session.activeAllocatedCount(j) == 1) {
        c.active.push_back(only);
        return;
    }
    for (int t : m_session.snapshot().jobs[std::size_t(j)].tasks) {
        if (isActiveAllocated(m_session.snapshot().tasks[std::size_t(t)].status))
            c.active.push_back(t);
    }
    std::sort(c.active.begin(), c.active.end(), [&](int a, int b) {
        return m_session.taskOrderLess(a, b);
    });
}

VictimQueue::JobCursor &VictimQueue::current(int q)
{
    JobCursor &c = m_current[std::size_t(q)];
    if (c.done) {
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
