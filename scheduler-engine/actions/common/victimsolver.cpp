#include "actions/common/victimsolver.h"

#include "actions/common/allocatejob.h"
#include "actions/common/victimbounds.h"
#include "framework/joborder.h"
#include "plugins/nodeplacement/nodeorder.h"
#include "plugins/proportion/capacitypolicy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace gpudesk::engine {

namespace {

using victimbounds::DeviceBalance;
using victimbounds::Freed;
using victimbounds::GpuSlotBound;
using victimbounds::PlacementReach;
using victimbounds::Relief;
// A scenario's units, by reference (recorded and accumulated units outlive a trial): a trial
// copies no task lists.
using UnitRefs = std::vector<const VictimUnit *>;

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
bool simulate(
    Session &s, Statement &stmt, int job, const std::vector<int> &prefix, const UnitRefs &units)
{
    std::vector<int> jobs {job};
    for (const VictimUnit *u : units) {
        for (int t : u->tasks)
            stmt.evict(t);
        if (std::find(jobs.begin(), jobs.end(), u->job) == jobs.end())
            jobs.push_back(u->job);
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
        for (const VictimUnit *u : units) {
            if (u->job == j)
                request += u->resources;
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
        for (const VictimUnit *u : units) {
            if (u->job == j)
                evicted.insert(evicted.end(), u->tasks.begin(), u->tasks.end());
        }
        // A victim that finds no place (or would break its queue's limit) stays evicted.
        if (proportion::checkCapacity(s, j, chunkRequest(s, evicted)).reason == PendingReason::None)
            placeAll(s, stmt, evicted, cache);
    }
    return true;
}

bool validScenario(const Session &s, const UnitRefs &units, const SolverSpec &spec)
{
    std::vector<VictimUnit> evicted;
    for (const VictimUnit *u : units) {
        if (unitMoved(s, *u))
            continue;
        if (spec.requireAllMoved)
            return false;
        if (spec.validate)
            evicted.push_back(*u);
    }
    return !spec.validate || spec.validate(evicted);
}

// Runs a scenario from the solver's starting point; on success the state stays applied.
bool tryScenario(Session &s,
                 Statement &stmt,
                 std::size_t start,
                 int job,
                 const std::vector<int> &prefix,
                 const UnitRefs &units,
                 const SolverSpec &spec)
{
    stmt.rollback(start);
    if (simulate(s, stmt, job, prefix, units) && validScenario(s, units, spec))
        return true;
    stmt.rollback(start);
    return false;
}

// node -> the accumulated units with a task there, in accumulation order: per-node linked
// lists in flat arrays (a walk adds a unit per step; a hash map of vectors allocated per node).
class UnitsOnNode
{
public:
    explicit UnitsOnNode(std::size_t nodes)
        : m_first(nodes, -1)
        , m_last(nodes, -1)
    { }
    void add(int node, int unit)
    {
        int &last = m_last[std::size_t(node)];
        if (last >= 0 && m_entries[std::size_t(last)].unit == unit)
            return;
        const int e = int(m_entries.size());
        m_entries.push_back({unit, -1});
        if (last >= 0) {
            m_entries[std::size_t(last)].next = e;
        } else {
            m_first[std::size_t(node)] = e;
            m_nodes.push_back(node);
        }
        last = e;
    }
    void collect(int node, std::vector<int> &out) const
    {
        out.clear();
        for (int e = m_first[std::size_t(node)]; e >= 0; e = m_entries[std::size_t(e)].next)
            out.push_back(m_entries[std::size_t(e)].unit);
    }
    void clear()
    {
        for (int n : m_nodes)
            m_first[std::size_t(n)] = m_last[std::size_t(n)] = -1;
        m_nodes.clear();
        m_entries.clear();
    }

private:
    struct Entry
    {
        int unit, next;
    };
    std::vector<int> m_first, m_last;
    std::vector<Entry> m_entries;
    std::vector<int> m_nodes; // nodes with a list, once each (to clear)
};

} // namespace

bool victimsCanSuffice(const Session &s,
                       const std::vector<int> &chunk,
                       const VictimLists &victimJobs)
{
    GpuSlotBound bound(s);
    bound.setPrefix(chunk);
    // Any order gives the same answer: each eviction only adds devices.
    return bound.possibleEvicting([&](auto take) {
        for (std::span<const int> list : victimJobs) {
            for (int v : list) {
                if (s.activeAllocatedCount(v) == 0) // lists name pending jobs too
                    continue;
                for (int t : s.snapshot().jobs[std::size_t(v)].tasks) {
                    if (isActiveAllocated(s.snapshot().tasks[std::size_t(t)].status) && !take(t))
                        return;
                }
            }
        }
    });
}

SolverResult solveWithVictims(Session &s,
                              Statement &stmt,
                              int job,
                              const std::vector<int> &chunk,
                              VictimQueue &victims,
                              const SolverSpec &spec)
{
    SolverResult result;
    const std::size_t start = stmt.checkpoint();
    GpuSlotBound bound(s);
    DeviceBalance balance(s, spec.evictableByQueue);
    // Units with the devices they free (nodes read in the start state, before any trial).
    std::vector<VictimUnit> recorded, accumulated;
    std::vector<Freed> recordedFreed, accumulatedFreed;
    std::vector<DeviceBalance::Credit> accumulatedCredit; // of the accumulated units
    DeviceBalance::Credit recordedCredit;
    std::vector<int> scenarioNodes; // reused per trial: the nodes the balance's scenario frees on
    PlacementReach reach(s);
    // A unit's relief is read only when a trial on its node gets past the GPU bound (in the
    // start state, like everything the walk reads): most units never need it.
    std::vector<Relief> recordedRelief, accumulatedRelief;
    std::vector<char> accumulatedReliefRead;
    std::vector<const Relief *> recordedRel, newRel; // reused per trial
    // node -> indices into accumulated of the units with a task there, in accumulation order.
    UnitsOnNode onNode(s.nodes.size());
    auto indexAccumulated = [&](int i) {
        for (const auto &[n, g] : accumulatedFreed[std::size_t(i)]) {
            (void) g;
            onNode.add(n, i);
        }
    };
    // Only a scenario that places the whole chunk solves the job: if evicting every candidate
    // victim at once cannot free enough devices, no scenario can work (same result, no trials).
    {
        bound.setPrefix(chunk); // reads the free devices now, in the start state
        if (!bound.possibleEvicting([&](auto take) { victims.forEachRemainingTask(take); }))
            return result;
        balance.setPrefix(chunk);
        if (!balance.possibleEvicting([&](auto take) { victims.forEachRemainingTask(take); }))
            return result;
    }
    std::vector<int> prefix;
    int unitsTried = 0;
    // Reused per unit and per trial (the walk makes hundreds per job).
    std::vector<std::pair<int, int>> nodes; // (name rank, node) of the newest unit, usually one
    std::vector<const Freed *> freed;
    std::vector<int> here; // accumulated units on the node being tried
    UnitRefs scenario;
    for (int task : chunk) {
        prefix.push_back(task);
        bound.setPrefix(prefix);
        balance.setPrefix(prefix);
        reach.reset();
        // The victims recorded for the shorter prefix may already be enough (KAI tries this
        // only once some victims are recorded).
        if (!recorded.empty()) {
            scenario.clear();
            for (const auto &u : recorded)
                scenario.push_back(&u);
            if (tryScenario(s, stmt, start, job, prefix, scenario, spec))
                continue;
        }
        bool placed = false;
        while (!placed) {
            VictimUnit unit = victims.next();
            if (spec.maxVictimUnits >= 0 && ++unitsTried > spec.maxVictimUnits)
                unit.job = -1;
            if (unit.job < 0) {
                stmt.rollback(start);
                return result;
            }
            accumulatedFreed.push_back(bound.freed(unit.tasks));
            accumulatedCredit.push_back(spec.evictableByQueue ? balance.credit(unit.tasks)
                                                              : DeviceBalance::Credit {});
            accumulatedRelief.emplace_back();
            accumulatedReliefRead.push_back(0);
            accumulated.push_back(std::move(unit));
            const int newest = int(accumulated.size()) - 1;
            indexAccumulated(newest);
            nodes.clear();
            for (const auto &[n, g] : accumulatedFreed.back()) {
                (void) g;
                nodes.emplace_back(s.nodeNameRank[std::size_t(n)], n);
            }
            std::sort(nodes.begin(), nodes.end());
            nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
            for (const auto &[rank, n] : nodes) {
                (void) rank;
                onNode.collect(n, here);
                DeviceBalance::Credit credit = recordedCredit;
                if (balance.bounds()) {
                    for (int i : here)
                        credit += accumulatedCredit[std::size_t(i)];
                    if (!balance.possibleClusterWide(credit))
                        continue;
                }
                if (bound.bounds()) {
                    freed.clear();
                    for (const auto &f : recordedFreed)
                        freed.push_back(&f);
                    for (int i : here)
                        freed.push_back(&accumulatedFreed[std::size_t(i)]);
                    if (!bound.possible(freed))
                        continue;
                }
                if (balance.bounds() && credit.stuck > kEpsilon) {
                    scenarioNodes.clear();
                    for (const auto &f : recordedFreed) {
                        for (const auto &[node, devices] : f)
                            scenarioNodes.push_back(node);
                    }
                    for (int i : here) {
                        for (const auto &[node, devices] : accumulatedFreed[std::size_t(i)])
                            scenarioNodes.push_back(node);
                    }
                    std::sort(scenarioNodes.begin(), scenarioNodes.end());
                    scenarioNodes.erase(std::unique(scenarioNodes.begin(), scenarioNodes.end()),
                                        scenarioNodes.end());
                    double freeOnNodes = 0;
                    for (int node : scenarioNodes) {
                        freeOnNodes += s.nodes[std::size_t(node)].futureGpus(
                            s.snapshot().nodes[std::size_t(node)].gpus);
                    }
                    const double blocked = reach.blockedWholeGpus(stmt, start, prefix, recorded);
                    if (!DeviceBalance::possibleOnNodes(freeOnNodes, blocked, credit))
                        continue;
                }
                recordedRel.clear();
                newRel.clear();
                for (const auto &r : recordedRelief)
                    recordedRel.push_back(&r);
                for (int i : here) {
                    if (!accumulatedReliefRead[std::size_t(i)]) {
                        accumulatedReliefRead[std::size_t(i)] = 1;
                        accumulatedRelief[std::size_t(i)] = reach.relief(
                            accumulated[std::size_t(i)].tasks);
                    }
                    newRel.push_back(&accumulatedRelief[std::size_t(i)]);
                }
                if (!reach.possible(stmt, start, prefix, recorded, recordedRel, newRel))
                    continue;
                scenario.clear();
                for (const auto &u : recorded)
                    scenario.push_back(&u);
                for (int i : here)
                    scenario.push_back(&accumulated[std::size_t(i)]);
                // Task nodes must be read before the trial moves them.
                if (tryScenario(s, stmt, start, job, prefix, scenario, spec)) {
                    for (int i : here) {
                        recordedCredit += accumulatedCredit[std::size_t(i)];
                        recorded.push_back(std::move(accumulated[std::size_t(i)]));
                        recordedFreed.push_back(accumulatedFreed[std::size_t(i)]);
                        recordedRelief.push_back(accumulatedRelief[std::size_t(i)]);
                    }
                    std::vector<VictimUnit> rest;
                    std::vector<Freed> restFreed;
                    std::vector<Relief> restRelief;
                    std::vector<char> restReliefRead;
                    std::vector<DeviceBalance::Credit> restCredit;
                    std::size_t k = 0;
                    for (std::size_t i = 0; i < accumulated.size(); ++i) {
                        if (k < here.size() && here[k] == int(i)) {
                            ++k;
                            continue;
                        }
                        rest.push_back(std::move(accumulated[i]));
                        restFreed.push_back(std::move(accumulatedFreed[i]));
                        restRelief.push_back(std::move(accumulatedRelief[i]));
                        restReliefRead.push_back(accumulatedReliefRead[i]);
                        restCredit.push_back(accumulatedCredit[i]);
                    }
                    accumulated = std::move(rest);
                    accumulatedFreed = std::move(restFreed);
                    accumulatedRelief = std::move(restRelief);
                    accumulatedReliefRead = std::move(restReliefRead);
                    accumulatedCredit = std::move(restCredit);
                    placed = true;
                    break;
                }
            }
            if (placed) {
                // Re-index the rest by their start-state nodes.
                onNode.clear();
                for (std::size_t i = 0; i < accumulated.size(); ++i)
                    indexAccumulated(int(i));
            }
        }
    }
    result.solved = true;
    for (auto &u : recorded)
        (unitMoved(s, u) ? result.moved : result.evicted).push_back(std::move(u));
    return result;
}

} // namespace gpudesk::engine
