#include "actions/common/victimqueue.h"

#include "framework/joborder.h"
#include "plugins/proportion/queueorder.h"

#include <algorithm>
#include <tuple>

namespace gpudesk::engine {

VictimQueue::VictimQueue(const Session &s,
                         const std::vector<int> &victimJobs,
                         const std::function<bool(int)> &protectedBelowMin,
                         const std::vector<int> &tieBreakRanks)
    : m_session(s)
{
    const auto &queues = s.snapshot().queues;
    m_jobs.resize(queues.size());
    m_head.assign(queues.size(), 0);
    m_subtree.assign(queues.size(), 0);
    m_taken.assign(queues.size(), Resources {});
    m_children.resize(queues.size());
    for (std::size_t q = 0; q < queues.size(); ++q) {
        if (queues[q].parent == -2)
            continue;
        if (queues[q].parent < 0)
            m_roots.push_back(int(q));
        else
            m_children[std::size_t(queues[q].parent)].push_back(int(q));
    }
    // Victim order inside a queue: the job that would be scheduled last goes first. jobBefore
    // as an integer key (priority, elastic state, static tie-break rank), each computed once.
    const auto &plugins = s.config().plugins;
    std::vector<std::tuple<int, int, int, int>> keyed;
    keyed.reserve(victimJobs.size());
    for (int j : victimJobs) {
        keyed.emplace_back(plugins.priority ? -s.snapshot().jobs[std::size_t(j)].priority : 0,
                           plugins.elastic ? jobElasticState(s, j) : 0,
                           tieBreakRanks[std::size_t(j)],
                           j);
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return b < a; });
    for (const auto &key : keyed) {
        const int j = std::get<3>(key);
        const auto &job = s.snapshot().jobs[std::size_t(j)];
        if (job.queue < 0)
            continue;
        JobCursor c {j, {}, job.minMembers, protectedBelowMin && protectedBelowMin(j)};
        for (int t : job.tasks) {
            if (isActiveAllocated(s.snapshot().tasks[std::size_t(t)].status))
                c.active.push_back(t);
        }
        if (c.active.empty())
            continue;
        if (c.protectedMin && int(c.active.size()) <= c.minMembers)
            continue;
        std::sort(c.active.begin(), c.active.end(), [&](int a, int b) {
            return s.taskOrderLess(a, b);
        });
        m_jobs[std::size_t(job.queue)].push_back(std::move(c));
        for (int p = job.queue; p >= 0; p = queues[std::size_t(p)].parent)
            ++m_subtree[std::size_t(p)];
        ++m_remainingJobs;
    }
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
        unit.tasks = c.active;
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

std::vector<int> VictimQueue::remainingTasks() const
{
    std::vector<int> out;
    for (std::size_t q = 0; q < m_jobs.size(); ++q) {
        for (std::size_t i = m_head[q]; i < m_jobs[q].size(); ++i) {
            const JobCursor &c = m_jobs[q][i];
            if (!c.done)
                out.insert(out.end(), c.active.begin(), c.active.end());
        }
    }
    return out;
}

VictimUnit VictimQueue::next()
{
    VictimUnit unit;
    if (m_remainingJobs == 0)
        return unit;
    int q = worstChild(m_roots);
    if (q < 0)
        return unit;
    while (!m_children[std::size_t(q)].empty())
        q = worstChild(m_children[std::size_t(q)]);
    auto &list = m_jobs[std::size_t(q)];
    auto &head = m_head[std::size_t(q)];
    JobCursor &c = list[head];
    takeFromJob(c, unit);
    if (c.done) {
        ++head;
        --m_remainingJobs;
        for (int p = q; p >= 0; p = m_session.snapshot().queues[std::size_t(p)].parent)
            --m_subtree[std::size_t(p)];
    }
    for (int p = q; p >= 0; p = m_session.snapshot().queues[std::size_t(p)].parent)
        m_taken[std::size_t(p)] += unit.resources;
    return unit;
}

} // namespace gpudesk::engine
