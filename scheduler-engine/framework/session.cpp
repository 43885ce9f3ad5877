#include "framework/session.h"

#include "plugins/proportion/fairshare.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gpudesk::engine {

Session::Session(Snapshot snapshot)
    : m_s(std::move(snapshot))
{
    minNodeGpuMemoryMib = m_s.config.minNodeGpuMemoryMib > 0 ? m_s.config.minNodeGpuMemoryMib : 100;
    nodes.resize(m_s.nodes.size());
    m_gpuCandidatePos.assign(m_s.nodes.size(), -1);
    for (std::size_t n = 0; n < m_s.nodes.size(); ++n) {
        const auto &node = m_s.nodes[n];
        nodes[n].cpuIdle = node.cpuMillis;
        nodes[n].memIdle = node.memoryBytes;
        total.gpu += node.gpus;
        total.cpu += node.cpuMillis;
        total.memory += node.memoryBytes;
    }
    std::vector<int> order(m_s.nodes.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return m_s.nodes[std::size_t(a)].name < m_s.nodes[std::size_t(b)].name;
    });
    nodeNameRank.assign(order.size(), 0);
    for (std::size_t i = 0; i < order.size(); ++i)
        nodeNameRank[std::size_t(order[i])] = int(i);

    queues.resize(m_s.queues.size());
    queueChildren.resize(m_s.queues.size());
    for (std::size_t q = 0; q < m_s.queues.size(); ++q) {
        if (m_s.queues[q].parent == -2)
            continue;
        if (m_s.queues[q].parent < 0)
            queueRoots.push_back(int(q));
        else
            queueChildren[std::size_t(m_s.queues[q].parent)].push_back(int(q));
    }
    for (std::size_t q = 0; q < m_s.queues.size(); ++q) {
        int depth = 0;
        for (int p = m_s.queues[q].parent; p >= 0; p = m_s.queues[std::size_t(p)].parent)
            ++depth;
        queues[q].depth = depth;
    }
    m_nodeDirty.assign(m_s.nodes.size(), 0);
    for (std::size_t n = 0; n < m_s.nodes.size(); ++n)
        updateGpuCandidate(int(n));
    jobs.resize(m_s.jobs.size());
    tasks.resize(m_s.tasks.size());
    m_jobCounts.assign(m_s.jobs.size(), JobCounts {});
    jobVersion.assign(m_s.jobs.size(), 0);
    chunkRequestCache.assign(m_s.jobs.size(), {0u, Resources {}});
    jobBrief.reserve(m_s.jobs.size());
    for (const auto &job : m_s.jobs)
        jobBrief.push_back({job.queue,
                            job.priority,
                            job.minMembers,
                            job.preemptible,
                            job.tasks.size() == 1 ? job.tasks.front() : -1});
    for (std::size_t t = 0; t < m_s.tasks.size(); ++t)
        countTask(int(t), +1);
    for (std::size_t t = 0; t < m_s.tasks.size(); ++t) {
        tasks[t].jobIndex = m_s.tasks[t].job;
        const auto &task = m_s.tasks[t];
        if (isActiveUsed(task.status) && task.node >= 0) {
            tasks[t].acceptedGpu = acceptedGpuOnNode(int(t), task.node);
            applyToNode(int(t), +1);
            applyToQueues(int(t), +1);
        }
    }
    flushDirtyNodes();
    for (std::size_t j = 0; j < m_s.jobs.size(); ++j) {
        const auto &job = m_s.jobs[j];
        jobs[j].staleSinceSecondsAgo = job.staleForSeconds;
        if (allocatedCount(int(j)) > 0)
            jobs[j].lastStartSecondsAgo = job.runningSinceSeconds >= 0 ? job.runningSinceSeconds
                                                                       : 60;
    }
    m_indexed.assign(m_s.nodes.size(), IndexedKeys {});
    nodeSharedRoom.assign(m_s.nodes.size(), 0);
    nodeByNameRank = order;
    for (std::size_t n = 0; n < m_s.nodes.size(); ++n) {
        const auto &node = m_s.nodes[n];
        anyGpulessNode = anyGpulessNode || node.gpus <= 0;
        maxNodeCpu = std::max(maxNodeCpu, node.cpuMillis);
        maxNodeGpus = std::max(maxNodeGpus, double(node.gpus));
        if (node.gpus > 0) {
            minDeviceMemoryMib = minDeviceMemoryMib == 0
                                     ? node.gpuMemoryMib
                                     : std::min(minDeviceMemoryMib, node.gpuMemoryMib);
            maxDeviceMemoryMib = std::max(maxDeviceMemoryMib, node.gpuMemoryMib);
        }
    }
    m_indexReady = true;
    for (std::size_t n = 0; n < m_s.nodes.size(); ++n)
        updateNodeIndex(int(n));
    computeFairShare();
}

void Session::updateNodeIndex(int n) const
{
    if (!m_indexReady)
        return;
    const auto &node = m_s.nodes[std::size_t(n)];
    const auto &ns = nodes[std::size_t(n)];
    IndexedKeys now;
    now.indexed = !node.unschedulable;
    now.gpuFree = ns.futureGpus(node.gpus);
    now.cpuFree = ns.futureCpu();
    now.sharing = now.indexed && ns.devicesNonEmpty > 0;
    if (now.sharing) {
        double room = 0;
        for (const auto &d : ns.devices) {
            if (d.taskCount() > 0)
                room = std::max(room, node.gpuMemoryMib - d.allocatedMib - d.pipelinedMib);
        }
        now.sharedRoom = node.gpuMemoryMib > 0 ? room / node.gpuMemoryMib : 0;
    }
    auto &old = m_indexed[std::size_t(n)];
    const int rank = nodeNameRank[std::size_t(n)];
    auto update = [&](NodeIndex &index, bool wasIn, double oldKey, bool isIn, double newKey) {
        if (wasIn == isIn && (!isIn || oldKey == newKey))
            return;
        if (wasIn && isIn) {
            // Re-key the same tree node: no allocation.
            auto handle = index.extract({oldKey, rank});
            handle.value().first = newKey;
            index.insert(std::move(handle));
            return;
        }
        if (wasIn)
            index.erase({oldKey, rank});
        if (isIn)
            index.emplace(newKey, rank);
    };
    update(gpuFreeIndex, old.indexed, old.gpuFree, now.indexed, now.gpuFree);
    update(cpuFreeIndex, old.indexed, old.cpuFree, now.indexed, now.cpuFree);
    update(sharedRoomIndex, old.sharing, old.sharedRoom, now.sharing, now.sharedRoom);
    update(sharingIndex, old.sharing, old.gpuFree, now.sharing, now.gpuFree);
    nodeSharedRoom[std::size_t(n)] = now.sharing ? now.sharedRoom : 0;
    old = now;
}

double Session::taskGpuMemoryOnNode(int t, int node) const
{
    const auto &task = m_s.tasks[std::size_t(t)];
    const double mem = m_s.nodes[std::size_t(node)].gpuMemoryMib;
    if (task.kind == GpuRequestKind::Fraction)
        return task.request.gpu * mem;
    if (task.kind == GpuRequestKind::GpuMemory)
        return task.gpuMemoryMib;
    return 0;
}

double Session::acceptedGpuOnNode(int t, int node) const
{
    const auto &task = m_s.tasks[std::size_t(t)];
    if (task.kind == GpuRequestKind::GpuMemory) {
        const double mem = m_s.nodes[std::size_t(node)].gpuMemoryMib;
        return std::ceil(task.gpuMemoryMib / mem * 100 - kEpsilon) / 100;
    }
    return task.request.gpu;
}

Resources Session::pendingQuotaRequest(int t) const
{
    const auto &task = m_s.tasks[std::size_t(t)];
    Resources r = task.request;
    if (task.kind == GpuRequestKind::GpuMemory)
        r.gpu = task.gpuMemoryMib / minNodeGpuMemoryMib;
    return r;
}

bool Session::countsForQueue(int t) const
{
    const auto status = m_s.tasks[std::size_t(t)].status;
    return isAllocatedStatus(status)
           || (status == TaskStatus::Pipelined && tasks[std::size_t(t)].sessionPipelined);
}

void Session::applyToQueues(int t, int sign)
{
    if (!countsForQueue(t))
        return;
    const auto &task = m_s.tasks[std::size_t(t)];
    const auto &job = m_s.jobs[std::size_t(task.job)];
    if (job.queue < 0)
        return;
    Resources r = task.request;
    r.gpu = tasks[std::size_t(t)].acceptedGpu;
    for (int q = job.queue; q >= 0; q = m_s.queues[std::size_t(q)].parent) {
        auto &qs = queues[std::size_t(q)];
        if (sign > 0)
            qs.allocated += r;
        else
            qs.allocated -= r;
        if (!job.preemptible) {
            if (sign > 0)
                qs.allocatedNonPreemptible += r;
            else
                qs.allocatedNonPreemptible -= r;
        }
    }
}

void Session::applyToNode(int t, int sign)
{
    const auto &task = m_s.tasks[std::size_t(t)];
    applyPlacement(t, task.status, task.node, task.gpuGroups, sign);
}

void Session::applyPlacement(
    int t, TaskStatus st, int node, const std::vector<std::string> &groups, int sign)
{
    const auto &task = m_s.tasks[std::size_t(t)];
    if (!isActiveUsed(st) || node < 0)
        return;
    auto &ns = nodes[std::size_t(node)];
    const double s = sign;
    // CPU and memory.
    if (st == TaskStatus::Releasing) {
        ns.cpuReleasing += s * task.request.cpu;
        ns.memReleasing += s * task.request.memory;
        ns.cpuIdle -= s * task.request.cpu;
        ns.memIdle -= s * task.request.memory;
    } else if (st == TaskStatus::Pipelined) {
        ns.cpuReleasing -= s * task.request.cpu;
        ns.memReleasing -= s * task.request.memory;
    } else {
        ns.cpuIdle -= s * task.request.cpu;
        ns.memIdle -= s * task.request.memory;
    }
    ns.tasks += sign;
    if (task.kind == GpuRequestKind::Whole) {
        const double g = s * task.request.gpu;
        if (st == TaskStatus::Releasing)
            ns.wholeReleasing += g;
        else if (st == TaskStatus::Pipelined)
            ns.wholePipelined += g;
        else
            ns.wholeAllocated += g;
    } else if (task.isSharedGpu()) {
        const double mib = taskGpuMemoryOnNode(t, node);
        for (const auto &group : groups) {
            int d = ns.findDevice(group);
            if (d < 0) {
                if (sign < 0)
                    continue;
                ns.devices.push_back(SharedDevice {group});
                d = int(ns.devices.size()) - 1;
            }
            auto &dev = ns.devices[std::size_t(d)];
            if (st == TaskStatus::Releasing) {
                dev.releasingMib += s * mib;
                dev.releasingTasks += sign;
            } else if (st == TaskStatus::Pipelined) {
                dev.pipelinedMib += s * mib;
                dev.pipelinedTasks += sign;
            } else {
                dev.allocatedMib += s * mib;
                dev.allocatedTasks += sign;
            }
        }
        ns.refreshDevices();
    }
    // Indexes are refreshed when next read (refreshNodeIndexes), once per node however often
    // it changed.
    ++nodeStateVersion;
    if (!m_nodeDirty[std::size_t(node)]) {
        m_nodeDirty[std::size_t(node)] = 1;
        m_dirtyNodes.push_back(node);
    }
}

void Session::flushDirtyNodes() const
{
    for (int n : m_dirtyNodes) {
        m_nodeDirty[std::size_t(n)] = 0;
        updateGpuCandidate(n);
    }
    m_dirtyNodes.clear();
}

void Session::updateGpuCandidate(int n) const
{
    const auto &ns = nodes[std::size_t(n)];
    const bool candidate = !m_s.nodes[std::size_t(n)].unschedulable
                           && (ns.idleGpus(m_s.nodes[std::size_t(n)].gpus) + ns.releasingGpus()
                                   > kEpsilon
                               || ns.devicesNonEmpty > 0);
    int &pos = m_gpuCandidatePos[std::size_t(n)];
    if (candidate && pos < 0) {
        pos = int(gpuCandidateNodes.size());
        gpuCandidateNodes.push_back(n);
    } else if (!candidate && pos >= 0) {
        const int last = gpuCandidateNodes.back();
        gpuCandidateNodes[std::size_t(pos)] = last;
        m_gpuCandidatePos[std::size_t(last)] = pos;
        gpuCandidateNodes.pop_back();
        pos = -1;
    }
    updateNodeIndex(n);
}

void Session::addGhost(int t, int node, const std::vector<std::string> &groups, int sign)
{
    applyPlacement(t, TaskStatus::Releasing, node, groups, sign);
    if (sign > 0)
        ghosts.push_back(Ghost {t, node, groups});
    else
        ghosts.pop_back();
}

void Session::transition(int t,
                         TaskStatus status,
                         int node,
                         const std::vector<std::string> &groups,
                         bool sessionPipelined,
                         double acceptedGpu)
{
    ++stateVersion;
    applyToNode(t, -1);
    applyToQueues(t, -1);
    countTask(t, -1);
    auto &task = m_s.tasks[std::size_t(t)];
    task.status = status;
    task.node = node;
    task.gpuGroups = groups;
    tasks[std::size_t(t)].sessionPipelined = sessionPipelined;
    tasks[std::size_t(t)].acceptedGpu = acceptedGpu;
    applyToNode(t, +1);
    applyToQueues(t, +1);
    countTask(t, +1);
}

void Session::countTask(int t, int sign)
{
    const auto &task = m_s.tasks[std::size_t(t)];
    auto &c = m_jobCounts[std::size_t(task.job)];
    const auto st = task.status;
    c.activeAllocated += isActiveAllocated(st) ? sign : 0;
    c.allocated += isAllocatedStatus(st) ? sign : 0;
    c.pending += st == TaskStatus::Pending ? sign : 0;
    c.alive += (isAlive(st) && st != TaskStatus::Gated) ? sign : 0;
    ++jobVersion[std::size_t(task.job)];
}

bool Session::taskOrderLess(int a, int b) const
{
    const auto &ta = m_s.tasks[std::size_t(a)];
    const auto &tb = m_s.tasks[std::size_t(b)];
    if (m_s.config.plugins.taskorder) {
        if (ta.hasTaskPriority != tb.hasTaskPriority)
            return ta.hasTaskPriority;
        if (ta.hasTaskPriority && ta.taskPriority != tb.taskPriority)
            return ta.taskPriority > tb.taskPriority;
    }
    return ta.id < tb.id; // pod UID, as a string (job-10 before job-2)
}

std::span<const int> Session::tasksInOrder(int j) const
{
    if (m_taskOrderStart.empty()) {
        m_taskOrderStart.resize(m_s.jobs.size() + 1, 0);
        for (std::size_t k = 0; k < m_s.jobs.size(); ++k)
            m_taskOrderStart[k + 1] = m_taskOrderStart[k] + int(m_s.jobs[k].tasks.size());
        m_taskOrder.resize(std::size_t(m_taskOrderStart.back()));
        m_taskOrderSorted.assign(m_s.jobs.size(), 0);
    }
    const auto &tasks = m_s.jobs[std::size_t(j)].tasks;
    int *first = m_taskOrder.data() + m_taskOrderStart[std::size_t(j)];
    if (!m_taskOrderSorted[std::size_t(j)]) {
        m_taskOrderSorted[std::size_t(j)] = 1;
        std::copy(tasks.begin(), tasks.end(), first);
        std::sort(first, first + tasks.size(), [&](int a, int b) { return taskOrderLess(a, b); });
    }
    return {first, tasks.size()};
}

bool Session::isAncestorOrSelf(int ancestor, int q) const
{
    for (int p = q; p >= 0; p = m_s.queues[std::size_t(p)].parent) {
        if (p == ancestor)
            return true;
    }
    return false;
}

std::vector<int> Session::pathToRoot(int q) const
{
    std::vector<int> out;
    for (int p = q; p >= 0; p = m_s.queues[std::size_t(p)].parent)
        out.push_back(p);
    return out;
}

void Session::recomputeAllocatableShares()
{
    ++stateVersion;
    for (std::size_t q = 0; q < queues.size(); ++q) {
        const auto &queue = m_s.queues[q];
        auto &qs = queues[q];
        for (int r = 0; r < kResourceCount; ++r) {
            double share;
            if (queue.deserved[r] < 0) {
                share = queue.limit[r];
            } else {
                share = std::max(queue.deserved[r], qs.fairShare[r]);
                if (queue.limit[r] >= 0)
                    share = std::min(share, queue.limit[r]);
            }
            qs.allocatableShare[r] = share;
        }
    }
}

void Session::computeFairShare()
{
    // Requests: allocated + every pending task's full request, aggregated up the chain (§3.1).
    for (std::size_t q = 0; q < queues.size(); ++q)
        queues[q].request = queues[q].allocated;
    for (std::size_t t = 0; t < m_s.tasks.size(); ++t) {
        const auto &task = m_s.tasks[t];
        if (task.status != TaskStatus::Pending)
            continue;
        const int q0 = m_s.jobs[std::size_t(task.job)].queue;
        if (q0 < 0)
            continue;
        const Resources r = pendingQuotaRequest(int(t));
        for (int q = q0; q >= 0; q = m_s.queues[std::size_t(q)].parent)
            queues[std::size_t(q)].request += r;
    }
    if (m_s.config.plugins.proportion) {
        std::vector<proportion::QueueDemand> demand;
        std::vector<int> index(m_s.queues.size(), -1);
        for (std::size_t q = 0; q < m_s.queues.size(); ++q) {
            if (m_s.queues[q].parent == -2)
                continue; // orphan
            index[q] = int(demand.size());
            proportion::QueueDemand d;
            d.name = m_s.queues[q].name;
            d.priority = m_s.queues[q].priority;
            d.createdOrder = m_s.queues[q].createdOrder;
            for (int r = 0; r < kResourceCount; ++r) {
                d.resource[r].deserved = m_s.queues[q].deserved[r];
                d.resource[r].limit = m_s.queues[q].limit[r];
                d.resource[r].weight = m_s.queues[q].overQuotaWeight[r];
                d.resource[r].request = queues[q].request[r];
            }
            demand.push_back(d);
        }
        for (std::size_t q = 0; q < m_s.queues.size(); ++q) {
            if (index[q] >= 0 && m_s.queues[q].parent >= 0)
                demand[std::size_t(index[q])].parent = index[std::size_t(m_s.queues[q].parent)];
        }
        const auto result = proportion::divideHierarchy(total, demand, m_s.config.plugins.kValue);
        for (std::size_t q = 0; q < m_s.queues.size(); ++q) {
            if (index[q] >= 0)
                queues[q].fairShare = result.fairShare[std::size_t(index[q])];
        }
    }
    recomputeAllocatableShares();
}

} // namespace gpudesk::engine
