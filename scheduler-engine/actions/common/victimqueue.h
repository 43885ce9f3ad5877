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
// queue (one list per queue), in job index order. A list may name jobs without active tasks (the
// queue drops them when it first reaches the leaf), so a reclaim hands over its per-queue lists
// without filtering thousands of jobs per preemptor.
using VictimLists = std::vector<std::span<const int>>;

// Victim order inside a leaf queue, as an integer key per job (the largest goes first): minus
// priority, elastic state, static tie-break rank (jobBefore reversed), the job (unique), and
// whether it is protected below its minimum.
using VictimKey = std::tuple<int, int, int, int, bool>;

// A victim job in a leaf's order. A kept order also holds, for a job whose only task is its one
// active task, that task and its quota units: the walk then reads neither the job nor the task
// (thousands of scattered records per failing walk).
struct VictimEntry
{
    VictimKey key;
    int onlyTask = -1; // -1: read the job's active tasks when it is opened
    Resources quota;   // onlyTask's request with its accepted GPUs
    bool operator<(const VictimEntry &other) const { return key < other.key; }
};

// One action's victim order per leaf queue, kept from one preemptor to the next. Valid only when
// every preemptor gets the same static list for a leaf and no victim can be protected (reclaim
// without min runtime): then a leaf's order depends on the session state alone, and a commit
// changes it only for the jobs it touched, so the action reports those (jobChanged) instead of
// every preemptor keying and heaping the leaf's hundreds of jobs again.
class VictimOrderCache
{
public:
    VictimOrderCache(const Session &session, const std::vector<int> &tieBreakRanks);
    // The leaf's jobs that give units, first victim first (built on the first call per leaf).
    const std::vector<VictimEntry> &order(int queue, std::span<const int> list);
    // A task of job changed in a committed statement: re-key it in its leaf's order.
    void jobChanged(int job);

private:
    struct Leaf
    {
        std::span<const int> list; // the leaf's static list (jobs in index order)
        bool built = false;
        std::vector<VictimEntry> order; // descending keys
    };
    const Session &m_session;
    const std::vector<int> &m_tieBreakRanks;
    std::vector<Leaf> m_leaves;
};

class VictimQueue
{
public:
    // protectedBelowMin(job): min-runtime protection, the job may only lose surplus tasks.
    // cache: the action's kept leaf orders (see VictimOrderCache), or null.
    VictimQueue(const Session &session,
                const VictimLists &victimJobs,
                const std::function<bool(int)> &protectedBelowMin,
                const std::vector<int> &tieBreakRanks, // jobTieBreakRanks(session)
                VictimOrderCache *cache = nullptr);
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
            for (const VictimEntry &e : pendingEntries(q)) {
                for (int t : m_session.snapshot().jobs[std::size_t(std::get<3>(e.key))].tasks) {
                    if (isActiveAllocated(m_session.snapshot().tasks[std::size_t(t)].status)
                        && !take(t))
                        return;
                }
            }
        }
    }

private:
    // The leaf's jobs not yet opened (in no particular order for a heap).
    std::span<const VictimEntry> pendingEntries(std::size_t q) const
    {
        if (m_sorted[q])
            return std::span<const VictimEntry>(*m_sorted[q]).subspan(m_sortedNext[q]);
        return m_pending[q];
    }
    struct JobCursor
    {
        int job = -1;
        std::vector<int> active; // active tasks in task order
        int minMembers = 0;
        bool protectedMin = false;
        bool done = true;
        bool quotaKnown = false; // opened from an entry with onlyTask: its quota units
        Resources quota;
    };
    int worstChild(const std::vector<int> &children) const;
    bool takeFromJob(JobCursor &cursor, VictimUnit &unit);
    // The queue's current job, opened lazily from its heap (only queues the walk reaches pay).
    JobCursor &current(int queue);
    // Fills the cursor (reusing its task list's storage) with the job of key.
    void open(const VictimEntry &entry, JobCursor &cursor) const;
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
    std::vector<std::vector<VictimEntry>> m_pending;
    // With a cache: per leaf its kept order and how many of it were opened (no heap).
    VictimOrderCache *m_cache;
    std::vector<const std::vector<VictimEntry> *> m_sorted;
    std::vector<std::size_t> m_sortedNext;
    std::vector<JobCursor> m_current;
    std::vector<int> m_subtree;     // jobs left in each queue's subtree (unbuilt leaves: all)
    std::vector<Resources> m_taken; // per queue (incl. ancestors)
    int m_remainingJobs = 0;
};

} // namespace gpudesk::engine
