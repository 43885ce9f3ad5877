#include "actions/common/victimsolver.h"

#include "actions/common/allocatejob.h"
#include "framework/joborder.h"
#include "plugins/nodeplacement/nodeorder.h"
#include "plugins/proportion/capacitypolicy.h"

#include <algorithm>
#include <set>

namespace gpudesk::engine {

namespace {

bool unitMoved(const Session &s, const VictimUnit &u)
{
    for (int t : u.tasks) {
        if (s.snapshot().tasks[std::size_t(t)].status != TaskStatus::Pipelined)
            return false;
    }
    return true;
}

// Pipeline-only placement of tasks, all or nothing. Within one simulation nothing is freed
// after the evictions, so a task shape that found no node will not find one later: the cache
// makes re-placing many identical victims cheap.
bool placeAll(Session &s, Statement &stmt, const std::vector<int> &tasks, FitFailureCache &cache)
{
    const std::size_t cp = stmt.checkpoint();
    for (int t : tasks) {
        const Task &task = s.snapshot().tasks[std::size_t(t)];
        const bool cacheable = FitFailureCache::cacheable(task);
        if (cacheable && cache.find(task)) {
            stmt.rollback(cp);
            return false;
        }
        const PlacementChoice c = selectNode(s, t, true, nullptr);
        if (c.node < 0) {
            if (cacheable && stmt.checkpoint() == cp)
                cache.add(task, {});
            stmt.rollback(cp);
            return false;
        }
        stmt.pipeline(t, c.node, c.groups);
    }
    return true;
}

// One scenario (KAI tryScenarioWithEvictedVictims): evict every unit, then in normal job order
// re-place the victim jobs (they may move) and place the preemptor's prefix (it must fit).
bool simulate(Session &s,
              Statement &stmt,
              int job,
              const std::vector<int> &prefix,
              const std::vector<VictimUnit> &units)
{
    std::vector<int> jobs {job};
    for (const auto &u : units) {
        for (int t : u.tasks)
            stmt.evict(t);
        if (std::find(jobs.begin(), jobs.end(), u.job) == jobs.end())
            jobs.push_back(u.job);
    }
    // Victims compete as if their evicted pods were pending again (KAI re-places victim job
    // representatives); the preemptor brings its prefix.
    JobQueue order(s, jobs, [&](int j, Resources &request) {
        request = Resources {};
        if (j == job) {
            for (int t : prefix)
                request += s.pendingQuotaRequest(t);
            return true;
        }
        for (const auto &u : units) {
            if (u.job == j)
                request += u.resources;
        }
        return true;
    });
    FitFailureCache cache;
    while (!order.empty()) {
        const int j = order.pop();
        if (j < 0)
            break;
        if (j == job) {
            FitFailureCache noCache; // the preemptor's tasks differ from victims' in status only
            if (!placeAll(s, stmt, prefix, noCache))
                return false;
            continue;
        }
        std::vector<int> evicted;
        for (const auto &u : units) {
            if (u.job == j)
                evicted.insert(evicted.end(), u.tasks.begin(), u.tasks.end());
        }
        // A victim that finds no place (or would break its queue's limit) stays evicted.
        if (proportion::checkCapacity(s, j, chunkRequest(s, evicted)).reason == PendingReason::None)
            placeAll(s, stmt, evicted, cache);
    }
    return true;
}

bool validScenario(const Session &s, const std::vector<VictimUnit> &units, const SolverSpec &spec)
{
    std::vector<VictimUnit> evicted;
    for (const auto &u : units) {
        if (unitMoved(s, u))
            continue;
        if (spec.requireAllMoved)
            return false;
        evicted.push_back(u);
    }
    return !spec.validate || spec.validate(evicted);
}

// Runs a scenario from the solver's starting point; on success the state stays applied.
bool tryScenario(Session &s,
                 Statement &stmt,
                 std::size_t start,
                 int job,
                 const std::vector<int> &prefix,
                 const std::vector<VictimUnit> &units,
                 const SolverSpec &spec)
{
    stmt.rollback(start);
    if (simulate(s, stmt, job, prefix, units) && validScenario(s, units, spec))
        return true;
    stmt.rollback(start);
    return false;
}

} // namespace

SolverResult solveWithVictims(Session &s,
                              Statement &stmt,
                              int job,
                              const std::vector<int> &chunk,
                              VictimQueue &victims,
                              const SolverSpec &spec)
{
    SolverResult result;
    const std::size_t start = stmt.checkpoint();
    std::vector<VictimUnit> recorded, accumulated;
    std::vector<int> prefix;
    int unitsTried = 0;
    for (int task : chunk) {
        prefix.push_back(task);
        // The victims recorded for the shorter prefix may already be enough (KAI tries this
        // only once some victims are recorded).
        if (!recorded.empty() && tryScenario(s, stmt, start, job, prefix, recorded, spec))
            continue;
        bool placed = false;
        while (!placed) {
            VictimUnit unit = victims.next();
            if (spec.maxVictimUnits >= 0 && ++unitsTried > spec.maxVictimUnits)
                unit.job = -1;
            if (unit.job < 0) {
                stmt.rollback(start);
                return result;
            }
            accumulated.push_back(unit);
            std::set<std::pair<int, int>> nodes; // (name rank, node)
            for (int t : unit.tasks) {
                const int n = s.snapshot().tasks[std::size_t(t)].node;
                if (n >= 0)
                    nodes.emplace(s.nodeNameRank[std::size_t(n)], n);
            }
            for (const auto &[rank, n] : nodes) {
                (void) rank;
                std::vector<VictimUnit> scenario = recorded, rest;
                for (const auto &u : accumulated) {
                    bool onNode = false;
                    for (int t : u.tasks)
                        onNode = onNode || s.snapshot().tasks[std::size_t(t)].node == n;
                    (onNode ? scenario : rest).push_back(u);
                }
                // Task nodes must be read before the trial moves them.
                if (tryScenario(s, stmt, start, job, prefix, scenario, spec)) {
                    recorded = std::move(scenario);
                    accumulated = std::move(rest);
                    placed = true;
                    break;
                }
            }
        }
    }
    result.solved = true;
    for (auto &u : recorded)
        (unitMoved(s, u) ? result.moved : result.evicted).push_back(std::move(u));
    return result;
}

} // namespace gpudesk::engine
