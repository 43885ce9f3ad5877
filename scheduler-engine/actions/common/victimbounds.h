#pragma once
// Cheap, exact necessary conditions the victim solver checks before simulating a trial
// (scheduling.md §6 step 4, KAI's accumulated-scenario filters). A trial they reject could not
// have placed the prefix, so skipping it changes no result. Used only by victimsolver.cpp.
#include "actions/common/allocatejob.h"
#include "actions/common/victimqueue.h"
#include "framework/session.h"
#include "framework/smallvector.h"
#include "plugins/nodeplacement/nodeorder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gpudesk::engine::victimbounds {

// (node, devices an eviction frees there); a unit's pods usually share one node.
using Freed = SmallVector<std::pair<int, double>, 1>;

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
            m_s.refreshNodeIndexes();
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
    Freed freed(std::span<const int> tasks) const
    {
        Freed out;
        for (int t : tasks) {
            if (m_s.snapshot().tasks[std::size_t(t)].node >= 0)
                out.emplace_back(m_s.snapshot().tasks[std::size_t(t)].node, devicesFreed(t));
        }
        return out;
    }

    bool bounds() const { return m_need > 0; }

    bool possible(const std::vector<const Freed *> &scenario) const
    {
        if (m_need == 0)
            return true;
        // Per node sums in scenario order, in a dense per-node buffer (linear in the scenario's
        // entries: a long victim walk calls this once per trial with a growing scenario, so a
        // sort or a fresh hash map per call made the walk quadratic in practice).
        prepareBuffers();
        m_nodes.clear();
        for (const Freed *f : scenario) {
            for (const auto &[n, g] : *f) {
                if (!m_touched[std::size_t(n)]) {
                    m_touched[std::size_t(n)] = 1;
                    m_nodes.push_back(n);
                }
                m_sum[std::size_t(n)] += g;
            }
        }
        long long total = m_baseSlots;
        for (int n : m_nodes) {
            total += nodeGain(n);
            m_sum[std::size_t(n)] = 0.0; // leave the buffers clean for the next call
            m_touched[std::size_t(n)] = 0;
        }
        return total >= m_need;
    }

    // possible() over the scenario "evict every task forEach hands out", which calls take(task)
    // until it returns false: stops as soon as the bound is met (evictions only add devices, so
    // the answer cannot change after that). Same per-node sums in the same order as freed() +
    // possible(), so the same answer, without collecting thousands of tasks first.
    template<typename ForEach>
    bool possibleEvicting(ForEach forEach) const
    {
        if (m_need == 0)
            return true;
        prepareBuffers();
        long long total = m_baseSlots;
        forEach([&](int t) {
            if (total >= m_need)
                return false;
            const int n = m_s.snapshot().tasks[std::size_t(t)].node;
            if (n < 0)
                return true;
            if (!m_touched[std::size_t(n)]) {
                m_touched[std::size_t(n)] = 1;
                m_nodes.push_back(n);
            }
            const long long before = nodeGain(n);
            m_sum[std::size_t(n)] += devicesFreed(t);
            total += nodeGain(n) - before;
            return total < m_need;
        });
        for (int n : m_nodes) {
            m_sum[std::size_t(n)] = 0.0;
            m_touched[std::size_t(n)] = 0;
        }
        m_nodes.clear();
        return total >= m_need;
    }

private:
    double devicesFreed(int t) const
    {
        const Task &task = m_s.snapshot().tasks[std::size_t(t)];
        return task.kind == GpuRequestKind::Whole  ? task.request.gpu
               : task.kind == GpuRequestKind::None ? 0.0
                                                   : 1.0;
    }

    void prepareBuffers() const
    {
        const std::size_t nodeCount = m_s.snapshot().nodes.size();
        if (m_sum.size() != nodeCount) {
            m_sum.assign(nodeCount, 0.0);
            m_touched.assign(nodeCount, 0);
        }
    }

    // Slots node n gains from the devices summed for it so far (possible()'s per-node term).
    long long nodeGain(int n) const
    {
        const auto it = m_free.find(n);
        const double free = it == m_free.end() ? 0.0 : it->second;
        const double cap = std::min(free + m_sum[std::size_t(n)],
                                    double(m_s.snapshot().nodes[std::size_t(n)].gpus));
        return slots(cap) - slots(free);
    }

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
    // possible()'s scratch buffers, all zero between calls
    mutable std::vector<double> m_sum;            // devices the scenario frees, per node
    mutable std::vector<unsigned char> m_touched; // node already in m_nodes
    mutable std::vector<int> m_nodes;             // nodes the scenario touches, first-touch order
};

// Cheap necessary conditions from the action's validator, for a prefix with whole-GPU tasks.
// Some victims can never be accepted as evicted (reclaim: their leveled queue may not give
// anything to this reclaimer, scheduling.md §8.3), so a trial passes only if each of them is
// re-placed. Devices are conserved in a trial: only the scenario's evictions free devices (a
// whole-GPU task its GPUs, a shared-GPU task at most one), and every re-placed victim and the
// prefix take theirs from the free ones (a re-placed shared-GPU task may take none).
// - Cluster-wide: the prefix's whole-GPU devices plus those of the unacceptable whole-GPU
//   victims must fit in the devices free at the start plus all the scenario frees.
// - On the scenario's nodes: nothing is freed elsewhere, so a task that fits nowhere at the start
//   must be placed on them. The prefix's tasks that fit nowhere without the trial's new units and
//   the unacceptable whole-GPU victims that fit nowhere at the start must fit in the devices
//   free there at the start plus all the scenario frees.
// A trial that fails either could not pass: skipping it changes no result.
class DeviceBalance
{
public:
    // What one victim unit brings to both balances.
    struct Credit
    {
        double freed = 0;       // devices its eviction can free
        double mustReplace = 0; // whole-GPU devices it must take back (validator: not evictable)
        double stuck = 0;       // of those, the ones that fit nowhere outside the scenario
        Credit &operator+=(const Credit &o)
        {
            freed += o.freed;
            mustReplace += o.mustReplace;
            stuck += o.stuck;
            return *this;
        }
    };

    // evictableByQueue: per leaf queue, whether its victims may be evicted (null: all may, and
    // neither balance can fail).
    DeviceBalance(const Session &s, const std::vector<char> *evictableByQueue)
        : m_s(s)
        , m_evictable(evictableByQueue)
    { }

    void setPrefix(const std::vector<int> &prefix)
    {
        m_need = 0;
        if (!m_evictable)
            return;
        for (int t : prefix) {
            const Task &task = m_s.snapshot().tasks[std::size_t(t)];
            if (task.kind == GpuRequestKind::Whole)
                m_need += task.request.gpu;
        }
        if (m_need <= kEpsilon || m_freeRead)
            return;
        // Idle + releasing devices of the schedulable nodes, read once in the solver's start
        // state: on a full cluster a handful of index entries are above 0.
        m_freeRead = true;
        m_s.refreshNodeIndexes();
        const auto &index = m_s.gpuFreeIndex;
        for (auto it = index.upper_bound({0.0, std::numeric_limits<int>::max()}); it != index.end();
             ++it)
            m_free += it->first;
    }

    bool bounds() const { return m_need > kEpsilon; }

    // Read in the solver's start state (stuck asks where a task would fit; withStuck false
    // leaves it 0 for the cluster-wide balance, which does not read it).
    Credit credit(int t, bool withStuck = true) const
    {
        const Task &task = m_s.snapshot().tasks[std::size_t(t)];
        if (task.kind == GpuRequestKind::None)
            return {};
        if (task.kind != GpuRequestKind::Whole)
            return {1.0, 0.0, 0.0};
        const int queue = m_s.jobBrief[std::size_t(task.job)].queue;
        if ((*m_evictable)[std::size_t(queue)])
            return {task.request.gpu, 0.0, 0.0};
        const bool stuck = withStuck && fitsNowhere(t);
        return {task.request.gpu, task.request.gpu, stuck ? task.request.gpu : 0.0};
    }
    Credit credit(std::span<const int> tasks) const
    {
        Credit sum;
        for (int t : tasks)
            sum += credit(t);
        return sum;
    }

    bool possibleClusterWide(const Credit &scenario) const
    {
        return m_free + scenario.freed + kEpsilon >= m_need + scenario.mustReplace;
    }
    // freeOnNodes: the start state's idle + releasing devices on the scenario's nodes;
    // blockedNeed: the whole-GPU devices of the prefix tasks that fit nowhere without the new units.
    static bool possibleOnNodes(double freeOnNodes, double blockedNeed, const Credit &scenario)
    {
        return freeOnNodes + scenario.freed + kEpsilon >= blockedNeed + scenario.stuck;
    }

    // possibleClusterWide() over "every task forEach hands out", stopping once it holds.
    template<typename ForEach>
    bool possibleEvicting(ForEach forEach) const
    {
        if (!bounds())
            return true;
        Credit sum;
        forEach([&](int t) {
            sum += credit(t, false);
            return !possibleClusterWide(sum);
        });
        return possibleClusterWide(sum);
    }

private:
    // Pipeline-only placement in the start state found no node (per task shape; a task with node
    // affinity is never counted as stuck).
    bool fitsNowhere(int t) const
    {
        const Task &task = m_s.snapshot().tasks[std::size_t(t)];
        if (task.hasAffinity)
            return false;
        const auto key = FitFailureCache::key(task);
        const auto it = m_fitsNowhere.find(key);
        if (it != m_fitsNowhere.end())
            return it->second;
        const bool nowhere = selectNode(m_s, t, true, nullptr).node < 0;
        m_fitsNowhere.emplace(key, nowhere);
        return nowhere;
    }

    const Session &m_s;
    const std::vector<char> *m_evictable;
    double m_need = 0;
    double m_free = 0;
    bool m_freeRead = false;
    mutable std::map<FitFailureCache::Key, bool> m_fitsNowhere;
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

    Relief relief(std::span<const int> tasks) const
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

    // Whole-GPU devices of the prefix tasks that fit nowhere in the base state (start + recorded
    // units evicted). Must be called in the start state; it leaves the session there.
    double blockedWholeGpus(Statement &stmt,
                            std::size_t start,
                            const std::vector<int> &prefix,
                            const std::vector<VictimUnit> &recorded)
    {
        if (!m_baseRead)
            readBase(stmt, start, prefix, recorded);
        double gpus = 0;
        for (int t : m_blocked) {
            const Task &task = m_s.snapshot().tasks[std::size_t(t)];
            if (task.kind == GpuRequestKind::Whole)
                gpus += task.request.gpu;
        }
        return gpus;
    }

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

} // namespace gpudesk::engine::victimbounds
