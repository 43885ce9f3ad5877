#pragma once
// Candidate victims in KAI's victim order (scheduling.md §6 step 2-3): the queue that would be
// served last gives victims first (hierarchically, with the victims already chosen from it
// removed from its allocation), and inside a queue the job that would be scheduled last.
// A job above its gang minimum gives one surplus task at a time, otherwise all of its active
// tasks at once.
#include "framework/session.h"

#include <functional>
#include <vector>

namespace gpudesk::engine {

struct VictimUnit
{
    int job = -1;
    std::vector<int> tasks;
    Resources resources; // quota units
};

class VictimQueue
{
public:
    // protectedBelowMin(job): min-runtime protection, the job may only lose surplus tasks.
    VictimQueue(const Session &session,
                const std::vector<int> &victimJobs,
                const std::function<bool(int)> &protectedBelowMin,
                const std::vector<int> &tieBreakRanks); // jobTieBreakRanks(session)
    bool empty() const { return m_remainingJobs == 0; }
    // Next unit in victim order; job = -1 when exhausted.
    VictimUnit next();
    // Every task the queue may still hand out (an upper bound: protected jobs stop at their
    // minimum), for the solver's cheap feasibility bound.
    std::vector<int> remainingTasks() const;

private:
    struct JobCursor
    {
        int job;
        std::vector<int> active; // active tasks in task order
        int minMembers;
        bool protectedMin;
        bool done = false;
    };
    int worstChild(const std::vector<int> &children) const;
    bool takeFromJob(JobCursor &cursor, VictimUnit &unit);

    const Session &m_session;
    std::vector<std::vector<JobCursor>> m_jobs; // per leaf queue, in victim order
    std::vector<std::size_t> m_head;            // per leaf queue: first job not exhausted
    std::vector<int> m_subtree;                 // jobs left in each queue's subtree
    std::vector<Resources> m_taken;             // per queue (incl. ancestors)
    std::vector<std::vector<int>> m_children;
    std::vector<int> m_roots;
    int m_remainingJobs = 0;
};

} // namespace gpudesk::engine
