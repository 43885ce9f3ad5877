#include "actions/common/victimsolver.h"

#include "actions/common/allocatejob.h"
#include "framework/joborder.h"
#include "plugins/nodeplacement/nodeorder.h"
#include "plugins/proportion/capacitypolicy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

namespace gpudesk::engine {

namespace {

using Freed = std::vector<std::pair<int, double>>; // (node, devices an eviction frees there)
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

// Cheap necessary condition before a trial (KAI's accumulated-scenario filter "idle + releasing
// + victims' GPUs >= needed", per node): a whole-GPU task of g GPUs needs g free devices on one
// node, so a node whose idle + releasing + evicted GPUs is C can take at most floor(C / g) of the
// prefix's whole-GPU tasks of size >= g. If even that count is short, the simulation cannot
// place the prefix, so skipping it changes no result. Evicting a shared-GPU task frees at most
// one device.
class GpuSlotBound
{
public:
    explicit GpuSlotBound(const Session &s)
        : m_s(s)
    { }

    void setPrefix(const std::vector<int> &prefix)
    {
        m_minGpu = 0;
        m_need = 0;
        for (int t : prefix) {
            const Task &task = m_s.snapshot().tasks[std::size_t(t)];
            if (task.kind != GpuRequestKind::Whole || task.request.gpu <= kEpsilon)
                continue;
            ++m_need;
            m_minGpu = m_minGpu == 0 ? task.request.gpu : std::min(m_minGpu, task.request.gpu);
        }
        m_baseSlots = 0;
        if (m_need == 0)
            return;
        // Free devices are read once, in the state the bound was made in (the solver's start),
        // and only for a prefix that has whole-GPU tasks to bound.
        if (!m_freeRead) {
            m_freeRead = true;
            // The GPU-candidate nodes whose free amount is not 0 (0 is the default of a
            // missing node), from the session's free-GPU index: on a full cluster a handful.
            const auto &index = m_s.gpuFreeIndex;
            const auto zeroFrom = index.lower_bound({0.0, -1});
            const auto zeroTo = index.upper_bound({0.0, std::numeric_limits<int>::max()});
            auto take = [&](auto from, auto to) {
                for (auto it = from; it != to; ++it) {
                    const int n = m_s.nodeByNameRank[std::size_t(it->second)];
                    // gpuCandidateNodes: free above epsilon or a shared device.
                    if (it->first > kEpsilon || m_s.nodes[std::size_t(n)].devicesNonEmpty > 0)
                        m_free.emplace(n, it->first);
                }
            };
            take(index.begin(), zeroFrom);
            take(zeroTo, index.end());
        }
        for (const auto &[n, free] : m_free)
            m_baseSlots += slots(free);
    }

    // Devices a task frees on its node when evicted (upper bound), read at take time.
    Freed freed(const std::vector<int> &tasks) const
    {
        Freed out;
        for (int t : tasks) {
            const Task &task = m_s.snapshot().tasks[std::size_t(t)];
            if (task.node < 0)
                continue;
            const double g = task.kind == GpuRequestKind::Whole  ? task.request.gpu
                             : task.kind == GpuRequestKind::None ? 0.0
                                                                 : 1.0;
            out.emplace_back(task.node, g); // g = 0 still records the node
        }
        return out;
    }

    bool bounds() const { return m_need > 0; }

    bool possible(const std::vector<const Freed *> &scenario) const
    {
        if (m_need == 0)
            return true;
        // Per node sums in scenario order (sorted by node, then by position; reused buffers,
        // no map).
        m_entries.clear();
        for (const Freed *f : scenario) {
            for (const auto &[n, g] : *f)
                m_entries.push_back({n, int(m_entries.size()), g});
        }
        std::sort(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) {
            return a.node != b.node ? a.node < b.node : a.seq < b.seq;
        });
        m_perNode.clear();
        for (const Entry &e : m_entries) {
            if (!m_perNode.empty() && m_perNode.back().first == e.node)
                m_perNode.back().second += e.g;
            else
                m_perNode.emplace_back(e.node, e.g);
        }
        long long total = m_baseSlots;
        for (const auto &[n, g] : m_perNode) {
            const auto it = m_free.find(n);
            const double free = it == m_free.end() ? 0.0 : it->second;
            const double cap = std::min(free + g, double(m_s.snapshot().nodes[std::size_t(n)].gpus));
            total += slots(cap) - slots(free);
        }
        return total >= m_need;
    }

private:
    long long slots(double capacity) const
    {
        return capacity <= 0 ? 0 : (long long) std::floor((capacity + kEpsilon) / m_minGpu);
    }

    const Session &m_s;
    std::unordered_map<int, double> m_free; // idle + releasing at the solver's start
    bool m_freeRead = false;
    double m_minGpu = 0;
    int m_need = 0;
    long long m_baseSlots = 0;
    struct Entry
    {
        int node, seq;
        double g;
    };
    mutable std::vector<Entry> m_entries; // possible()'s scratch buffers
    mutable Freed m_perNode;
};

// What evicting a unit's tasks frees, per task, read in the solver's start state.
struct TaskRelief
{
    int node;
    double cpu, memory, wholeGpus, sharedMib;
    int device; // shared device index on the node, -1 for other tasks
};
using Relief = std::vector<TaskRelief>;

// Cheap necessary condition before a trial, for any preemptor: every task of the prefix must fit
// on some node once the scenario's units are evicted. Victims re-placed during the simulation
// and the prefix's own earlier tasks only take resources (a re-placed victim's old place stays
// releasing), so a task that fits nowhere in "start + evictions" cannot be placed in the trial.
// The base state "start + recorded units evicted" is checked exactly once per prefix; a trial
// then only changes the nodes of its new units, which are checked with an upper bound of what
// the evictions free there (a shared device frees a whole GPU only if all its allocated tasks
// go; its memory room grows by the evicted tasks' memory).
class PlacementReach
{
public:
    explicit PlacementReach(Session &s)
        : m_s(s)
    { }

    Relief relief(const std::vector<int> &tasks) const
    {
        Relief out;
        for (int t : tasks) {
            const Task &task = m_s.snapshot().tasks[std::size_t(t)];
            if (task.node < 0)
                continue;
            const bool shared = task.isSharedGpu();
            const double mib = shared ? m_s.taskGpuMemoryOnNode(t, task.node) : 0.0;
            const double whole = task.kind == GpuRequestKind::Whole ? task.request.gpu : 0.0;
            if (!shared || task.gpuGroups.empty()) {
                out.push_back({task.node, task.request.cpu, task.request.memory, whole, 0.0, -1});
                continue;
            }
            // One entry per device; CPU and memory counted once.
            for (std::size_t g = 0; g < task.gpuGroups.size(); ++g) {
                const int d = m_s.nodes[std::size_t(task.node)].findDevice(task.gpuGroups[g]);
                out.push_back({task.node,
                               g == 0 ? task.request.cpu : 0.0,
                               g == 0 ? task.request.memory : 0.0,
                               0.0,
                               mib,
                               d});
            }
        }
        return out;
    }

    // A new prefix (or new recorded units): the base state must be read again.
    void reset() { m_baseRead = false; }

    // False only when the trial cannot place the prefix. Must be called in the start state; it
    // leaves the session in the start state.
    bool possible(Statement &stmt,
                  std::size_t start,
                  const std::vector<int> &prefix,
                  const std::vector<VictimUnit> &recorded,
                  const std::vector<const Relief *> &recordedRelief,
                  const std::vector<const Relief *> &newRelief)
    {
        if (!m_baseRead)
            readBase(stmt, start, prefix, recorded);
        if (m_blocked.empty())
            return true;
        // What the scenario frees on the nodes the new units touch (few: linear lookups).
        m_sums.clear();
        for (const Relief *rel : newRelief) {
            for (const TaskRelief &r : *rel)
                add(r, true);
        }
        for (const Relief *rel : recordedRelief) {
            for (const TaskRelief &r : *rel)
                add(r, false);
        }
        for (int t : m_blocked) {
            bool any = false;
            for (const NodeSum &sum : m_sums) {
                if (mayFit(t, sum)) {
                    any = true;
                    break;
                }
            }
            if (!any)
                return false;
        }
        return true;
    }

private:
    struct DeviceSum
    {
        int device;
        int tasks;
        double mib;
    };
    struct NodeSum
    {
        int node;
        double cpu = 0, memory = 0, wholeGpus = 0;
        std::vector<DeviceSum> devices;
    };

    void add(const TaskRelief &r, bool create)
    {
        NodeSum *sum = nullptr;
        for (auto &x : m_sums) {
            if (x.node == r.node)
                sum = &x;
        }
        if (!sum) {
            if (!create)
                return;
            m_sums.push_back(NodeSum {r.node, 0, 0, 0, {}});
            sum = &m_sums.back();
        }
        sum->cpu += r.cpu;
        sum->memory += r.memory;
        sum->wholeGpus += r.wholeGpus;
        if (r.device < 0)
            return;
        for (auto &d : sum->devices) {
            if (d.device == r.device) {
                ++d.tasks;
                d.mib += r.sharedMib;
                return;
            }
        }
        sum->devices.push_back({r.device, 1, r.sharedMib});
    }

    void readBase(Statement &stmt,
                  std::size_t start,
                  const std::vector<int> &prefix,
                  const std::vector<VictimUnit> &recorded)
    {
        m_baseRead = true;
        m_blocked.clear();
        stmt.rollback(start);
        for (const auto &u : recorded) {
            for (int t : u.tasks)
                stmt.evict(t);
        }
        for (int t : prefix) {
            if (selectNode(m_s, t, true, nullptr).node < 0)
                m_blocked.push_back(t);
        }
        stmt.rollback(start);
    }

    // evaluateNode's conditions with the freed amounts added (an over-estimate).
    bool mayFit(int t, const NodeSum &freed) const
    {
        const int n = freed.node;
        const Task &task = m_s.snapshot().tasks[std::size_t(t)];
        const Node &node = m_s.snapshot().nodes[std::size_t(n)];
        const NodeState &ns = m_s.nodes[std::size_t(n)];
        if (node.unschedulable)
            return false;
        if (task.hasAffinity
            && !std::binary_search(task.affinityNodes.begin(), task.affinityNodes.end(), n))
            return false;
        if (task.request.cpu > ns.futureCpu() + freed.cpu + kEpsilon)
            return false;
        if (task.request.memory > ns.memIdle + ns.memReleasing + freed.memory + kEpsilon)
            return false;
        if (ns.pods() + 1 > node.maxPods)
            return false;
        // A device stops being used only when every task allocated on it goes.
        double devicesFreed = 0;
        for (const auto &d : freed.devices) {
            if (d.device < 0 || d.device >= int(ns.devices.size()))
                devicesFreed += 1;
            else if (d.tasks >= std::max(1, ns.devices[std::size_t(d.device)].allocatedTasks))
                devicesFreed += 1;
        }
        const double gpus = std::min(double(node.gpus),
                                     ns.futureGpus(node.gpus) + freed.wholeGpus + devicesFreed);
        if (task.kind == GpuRequestKind::Whole)
            return task.request.gpu <= gpus + kEpsilon;
        if (!task.isSharedGpu())
            return true;
        if (node.gpus <= 0)
            return false;
        if (task.kind == GpuRequestKind::GpuMemory
            && (!node.gpuMemorySynced || task.gpuMemoryMib > node.gpuMemoryMib + kEpsilon))
            return false;
        const double need = m_s.taskGpuMemoryOnNode(t, n);
        if (gpus + kEpsilon >= 1 && need <= node.gpuMemoryMib + kEpsilon)
            return true;
        for (std::size_t i = 0; i < ns.devices.size(); ++i) {
            const auto &dev = ns.devices[i];
            if (dev.taskCount() == 0)
                continue;
            double room = node.gpuMemoryMib - dev.allocatedMib - dev.pipelinedMib;
            for (const auto &d : freed.devices) {
                if (d.device == int(i))
                    room += d.mib;
            }
            if (room - need >= -kEpsilon)
                return true;
        }
        return false;
    }

    Session &m_s;
    bool m_baseRead = false;
    std::vector<int> m_blocked; // prefix tasks that fit nowhere in the base state
    std::vector<NodeSum> m_sums;
};

} // namespace

bool victimsCanSuffice(const Session &s,
                       const std::vector<int> &chunk,
                       const std::vector<int> &victimJobs)
{
    GpuSlotBound bound(s);
    bound.setPrefix(chunk);
    if (!bound.bounds())
        return true;
    std::vector<int> tasks;
    for (int v : victimJobs) {
        for (int t : s.snapshot().jobs[std::size_t(v)].tasks) {
            if (isActiveAllocated(s.snapshot().tasks[std::size_t(t)].status))
                tasks.push_back(t);
        }
    }
    const Freed all = bound.freed(tasks);
    return bound.possible({&all});
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
    // Units with the devices they free (nodes read in the start state, before any trial).
    std::vector<VictimUnit> recorded, accumulated;
    std::vector<Freed> recordedFreed, accumulatedFreed;
    PlacementReach reach(s);
    std::vector<Relief> recordedRelief, accumulatedRelief;
    std::vector<const Relief *> recordedRel, newRel; // reused per trial
    // node -> indices into accumulated of the units with a task there, in accumulation order.
    std::unordered_map<int, std::vector<int>> onNode;
    auto indexAccumulated = [&](int i) {
        for (const auto &[n, g] : accumulatedFreed[std::size_t(i)]) {
            (void) g;
            auto &list = onNode[n];
            if (list.empty() || list.back() != i)
                list.push_back(i);
        }
    };
    // Only a scenario that places the whole chunk solves the job: if evicting every candidate
    // victim at once cannot free enough devices, no scenario can work (same result, no trials).
    {
        bound.setPrefix(chunk); // reads the free devices now, in the start state
        if (bound.bounds()) {
            const Freed all = bound.freed(victims.remainingTasks());
            if (!bound.possible({&all}))
                return result;
        }
    }
    std::vector<int> prefix;
    int unitsTried = 0;
    // Reused per unit and per trial (the walk makes hundreds per job).
    std::vector<std::pair<int, int>> nodes; // (name rank, node) of the newest unit, usually one
    std::vector<const Freed *> freed;
    UnitRefs scenario;
    for (int task : chunk) {
        prefix.push_back(task);
        bound.setPrefix(prefix);
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
            accumulatedRelief.push_back(reach.relief(unit.tasks));
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
                const std::vector<int> &here = onNode[n];
                if (bound.bounds()) {
                    freed.clear();
                    for (const auto &f : recordedFreed)
                        freed.push_back(&f);
                    for (int i : here)
                        freed.push_back(&accumulatedFreed[std::size_t(i)]);
                    if (!bound.possible(freed))
                        continue;
                }
                recordedRel.clear();
                newRel.clear();
                for (const auto &r : recordedRelief)
                    recordedRel.push_back(&r);
                for (int i : here)
                    newRel.push_back(&accumulatedRelief[std::size_t(i)]);
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
                        recorded.push_back(std::move(accumulated[std::size_t(i)]));
                        recordedFreed.push_back(accumulatedFreed[std::size_t(i)]);
                        recordedRelief.push_back(accumulatedRelief[std::size_t(i)]);
                    }
                    std::vector<VictimUnit> rest;
                    std::vector<Freed> restFreed;
                    std::vector<Relief> restRelief;
                    std::size_t k = 0;
                    for (std::size_t i = 0; i < accumulated.size(); ++i) {
                        if (k < here.size() && here[k] == int(i)) {
                            ++k;
                            continue;
                        }
                        rest.push_back(std::move(accumulated[i]));
                        restFreed.push_back(std::move(accumulatedFreed[i]));
                        restRelief.push_back(std::move(accumulatedRelief[i]));
                    }
                    accumulated = std::move(rest);
                    accumulatedFreed = std::move(restFreed);
                    accumulatedRelief = std::move(restRelief);
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
