#pragma once
// Candidate victims in KAI's victim order (scheduling.md §6 step 2-3): the queue that would be
// served last gives victims first (hierarchically, with the victims already chosen from it
// removed from its allocation), and inside a queue the job that would be scheduled last.
// A job above its gang minimum gives one surplus task at a time, otherwise all of its active
// tasks at once.
#include "framework/session.h"
#include "framework/smallvector.h"

#include <functional>
#include <span>
#include <tuple>
#include <vector>

namespace gpudesk::engine {

struct VictimUnit
{
    int job = -1;
    SmallVector<int, 2> tasks; // most units are one pod: no allocation
    Resources resources;       // quota units
};

// A preemptor's candidate victims, leaf queue by leaf queue: each list holds jobs of one leaf
// queue (one list per queue), in job index order. A list may name jobs without active tasks (the queue drops them when
// it first reaches the leaf), so a reclaim hands over its per-queue lists without filtering
// thousands of jobs per preemptor.
using VictimLists = std::vector<std::span<const int>>;

class VictimQueue
{
public:
    // protectedBelowMin(job): min-runtime protection, the job may only lose surplus tasks.
    VictimQueue(const Session &session,
                const VictimLists &victimJobs,
                const std::function<bool(int)> &protectedBelowMin,
                const std::vector<int> &tieBreakRanks); // jobTieBreakRanks(session)
    // Next unit in victim order; job = -1 when exhausted.
    VictimUnit next();
    // Every task the queue may still hand out (an upper bound: protected jobs stop at their
    // minimum), handed to take(task) until it returns false, for the solver's cheap feasibility
    // bound. Builds the leaf queues it reaches.
    template<typename Take>
    void forEachRemainingTask(Take take)
    {
        for (std::size_t q = 0; q < m_pending.size(); ++q) {
            build(int(q));
            const JobCursor &c = m_current[q];
            if (!c.done) {
                for (int t : c.active) {
                    if (!take(t))
                        return;
                }
            }
            for (const Key &key : m_pending[q]) {
                for (int t : m_session.snapshot().jobs[std::size_t(std::get<3>(key))].tasks) {
                    if (isActiveAllocated(m_session.snapshot().tasks[std::size_t(t)].status)
                        && !take(t))
                        return;
                }
            }
        }
    }

private:
    // priority, elastic state, tie-break rank, job (unique), protected below its minimum
    using Key = std::tuple<int, int, int, int, bool>;
    struct JobCursor
    {
        int job = -1;
        std::vector<int> active; // active tasks in task order
        int minMembers = 0;
        bool protectedMin = false;
        bool done = true;
    };
    int worstChild(const std::vector<int> &children) const;
    bool takeFromJob(JobCursor &cursor, VictimUnit &unit);
    // The queue's current job, opened lazily from its heap (only queues the walk reaches pay).
    JobCursor &current(int queue);
    // Fills the cursor (reusing its task list's storage) with the job of key.
    void open(const Key &key, JobCursor &cursor) const;
    // Keys a leaf queue's victim jobs the first time the walk (or the bound) reaches it and drops
    // the jobs that give nothing: most walks end after a few leaves of a large victim set.
    void build(int queue);
    void dropJobs(int queue, int count);

    const Session &m_session;
    std::function<bool(int)> m_protectedBelowMin;
    const std::vector<int> &m_tieBreakRanks;
    std::vector<std::span<const int>> m_unbuilt; // per leaf queue: its victim jobs until build()
    std::vector<char> m_built;
    // Per leaf queue: jobs not yet opened as a max-heap of victim-order keys (the job that
    // would be scheduled last on top) and the opened job.
    std::vector<std::vector<Key>> m_pending;
    std::vector<JobCursor> m_current;
    std::vector<int> m_subtree;     // jobs left in each queue's subtree (unbuilt leaves: all)
    std::vector<Resources> m_taken; // per queue (incl. ancestors)
    int m_remainingJobs = 0;
};

} // namespace gpudesk::engine
