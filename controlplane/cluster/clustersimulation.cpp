#include "clustersimulation.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRegularExpression>

#include <algorithm>

namespace gpudesk::cluster {

ClusterSimulation::ClusterSimulation(QString clusterName,
                                     const QVector<NodePoolSpec> &pools,
                                     std::unique_ptr<ClusterScheduler> scheduler)
    : m_clusterName(std::move(clusterName))
    , m_pools(pools)
    , m_scheduler(std::move(scheduler))
{
    m_nodes = buildNodes(m_clusterName, m_pools);
    for (int i = 0; i < m_nodes.size(); ++i)
        m_nodeIndex.insert(m_nodes.at(i).name, i);
    for (const NodePoolSpec &pool : m_pools)
        m_dirtyPools.insert(pool.name);
}

QStringList ClusterSimulation::poolNames() const
{
    QStringList names;
    for (const NodePoolSpec &pool : m_pools)
        names.append(pool.name);
    return names;
}

void ClusterSimulation::setOrg(DesiredState org)
{
    // Quotas may have changed: the next cycle schedules again. An unchanged cursor means the same
    // org tree, so a pull every second does not force an engine run every second.
    const bool changed = org.cursor.isEmpty() || org.cursor != m_org.cursor;
    m_org = std::move(org);
    m_org.submissions.clear();
    if (changed)
        for (const NodePoolSpec &pool : m_pools)
            m_dirtyPools.insert(pool.name);
}

SimNode *ClusterSimulation::node(const QString &name)
{
    const auto it = m_nodeIndex.constFind(name);
    return it == m_nodeIndex.constEnd() ? nullptr : &m_nodes[*it];
}

const SimWorkload *ClusterSimulation::workload(const QString &id) const
{
    const auto it = m_workloads.find(id);
    return it == m_workloads.end() ? nullptr : &it->second;
}

void ClusterSimulation::restore(const QVector<SimWorkload> &workloads,
                                const QVector<SimEvent> &events)
{
    for (const SimWorkload &w : workloads) {
        SimWorkload copy = w;
        for (SimPod &pod : copy.pods) {
            SimNode *n = pod.nodeName.isEmpty() ? nullptr : node(pod.nodeName);
            if (!n) {
                pod.nodeName.clear();
                pod.gpuDevices.clear();
                continue;
            }
            const double share = copy.gpuRequestKind == QLatin1String("whole") ? 1.0
                                 : copy.gpuRequestKind == QLatin1String("gpu_memory")
                                     ? double(copy.gpuMemoryMib) / double(n->gpuMemoryMib)
                                     : copy.gpusPerPod;
            for (int d : std::as_const(pod.gpuDevices))
                if (d >= 0 && d < n->gpuAllocated.size())
                    n->gpuAllocated[d] += share;
        }
        m_workloads.insert_or_assign(copy.id, copy);
        m_changedForPush.insert(copy.id);
    }
    for (const SimEvent &e : events) {
        m_events[e.workloadId].append(e);
        m_eventCounter = std::max<quint64>(m_eventCounter,
                                           e.id.section(QLatin1Char('-'), -1).toULongLong());
    }
    m_nodesChanged = true;
}

void ClusterSimulation::markChanged(const QString &id)
{
    m_changedForPush.insert(id);
    m_changedForStore.insert(id);
}

void ClusterSimulation::addEvent(const SimWorkload &w,
                                 const QString &type,
                                 const QString &reason,
                                 const QString &message,
                                 const QString &kind,
                                 const QString &objectName,
                                 qint64 nowMs)
{
    SimEvent e;
    e.id = m_clusterName + QStringLiteral("-ev-") + QString::number(++m_eventCounter);
    e.workloadId = w.id;
    e.createdAtMs = nowMs;
    e.type = type;
    e.reason = reason;
    e.message = message;
    e.kind = kind;
    e.objectName = objectName;
    QVector<SimEvent> &list = m_events[w.id];
    list.append(e);
    if (list.size() > 300)
        list.remove(0, list.size() - 300);
    m_eventsForPush.append(e);
    m_eventsForStore.append(e);
}

void ClusterSimulation::setPhase(SimWorkload &w,
                                 const QString &phase,
                                 const QString &message,
                                 qint64 nowMs)
{
    if (w.phase != phase) {
        addEvent(w,
                 QStringLiteral("Normal"),
                 QStringLiteral("PhaseChanged"),
                 QStringLiteral("Workload phase changed from %1 to %2").arg(w.phase, phase),
                 QStringLiteral("Workload"),
                 w.name,
                 nowMs);
        w.phase = phase;
        w.phaseUpdatedAtMs = nowMs;
    }
    w.phaseMessage = message;
    markChanged(w.id);
}

void ClusterSimulation::releasePods(SimWorkload &w, const QString &podPhase, qint64 nowMs)
{
    for (SimPod &pod : w.pods) {
        if (SimNode *n = pod.nodeName.isEmpty() ? nullptr : node(pod.nodeName)) {
            const double share = w.gpuRequestKind == QLatin1String("whole") ? 1.0
                                 : w.gpuRequestKind == QLatin1String("gpu_memory")
                                     ? double(w.gpuMemoryMib) / double(n->gpuMemoryMib)
                                     : w.gpusPerPod;
            for (int d : std::as_const(pod.gpuDevices))
                if (d >= 0 && d < n->gpuAllocated.size())
                    n->gpuAllocated[d] = std::max(0.0, n->gpuAllocated[d] - share);
            m_nodesChanged = true;
            m_dirtyPools.insert(n->pool);
        }
        pod.nodeName.clear();
        pod.gpuDevices.clear();
        pod.k8sPhase = podPhase;
        if (podPhase == QLatin1String("Pending"))
            pod.startedAtMs = 0;
        else
            pod.completedAtMs = nowMs;
    }
}

std::optional<QString> ClusterSimulation::submit(const QJsonObject &body,
                                                 const SubmissionContext &context,
                                                 SubmissionError *error)
{
    SubmissionContext ctx = context;
    ctx.clusterNodePools = poolNames();
    auto parsed = parseSubmission(body, ctx, m_org, error);
    if (!parsed)
        return std::nullopt;
    if (m_workloads.count(parsed->id)) {
        *error = SubmissionError {409,
                                  QStringLiteral("A workload with id %1 already exists.")
                                      .arg(parsed->id),
                                  {}};
        return std::nullopt;
    }
    for (const auto &[id, other] : m_workloads) {
        if (other.projectId == parsed->projectId && other.name == parsed->name) {
            *error = SubmissionError {409,
                                      QStringLiteral(
                                          "A workload named '%1' already exists in project '%2'.")
                                          .arg(parsed->name, parsed->projectName),
                                      QStringLiteral("Delete it first or choose another name.")};
            return std::nullopt;
        }
    }
    SimWorkload &w = m_workloads.insert_or_assign(parsed->id, *parsed).first->second;
    addEvent(w,
             QStringLiteral("Normal"),
             QStringLiteral("Submitted"),
             QStringLiteral("%1 %2 submitted by %3 to project %4")
                 .arg(w.displayType(),
                      w.name,
                      w.submittedBy.isEmpty() ? QStringLiteral("unknown") : w.submittedBy,
                      w.projectName),
             QStringLiteral("Workload"),
             w.name,
             context.nowMs);
    markChanged(w.id);
    return w.id;
}

ActionOutcome ClusterSimulation::suspend(const QString &workloadId)
{
    auto it = m_workloads.find(workloadId);
    if (it == m_workloads.end())
        return {404, QStringLiteral("Workload %1 does not exist on this cluster.").arg(workloadId)};
    SimWorkload &w = it->second;
    if (w.apiType == QLatin1String("inferences"))
        return {400,
                QStringLiteral(
                    "Inference workloads cannot be suspended; delete or update them instead.")};
    if (w.isTerminal())
        return {409, QStringLiteral("Workload %1 has already %2.").arg(w.name, w.phase.toLower())};
    if (w.phase == QLatin1String("Stopped"))
        return {202, QStringLiteral("Workload %1 is already stopped.").arg(w.name)};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    releasePods(w, QStringLiteral("Succeeded"), now);
    w.desiredPhase = QStringLiteral("Stopped");
    w.pendingSchedulingMessages = QJsonArray();
    w.currentNodePool.clear();
    addEvent(w,
             QStringLiteral("Normal"),
             QStringLiteral("Suspended"),
             QStringLiteral(
                 "Workload %1 was suspended; its pods were stopped and its GPUs released.")
                 .arg(w.name),
             QStringLiteral("Workload"),
             w.name,
             now);
    setPhase(w, QStringLiteral("Stopped"), QStringLiteral("Suspended by user"), now);
    return {202, QStringLiteral("Suspend request for workload %1 accepted.").arg(w.name)};
}

ActionOutcome ClusterSimulation::resume(const QString &workloadId)
{
    auto it = m_workloads.find(workloadId);
    if (it == m_workloads.end())
        return {404, QStringLiteral("Workload %1 does not exist on this cluster.").arg(workloadId)};
    SimWorkload &w = it->second;
    if (w.phase != QLatin1String("Stopped"))
        return {409,
                QStringLiteral(
                    "Workload %1 is %2, not stopped; only stopped workloads can be resumed.")
                    .arg(w.name, w.phase)};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    w.desiredPhase = QStringLiteral("Running");
    for (SimPod &pod : w.pods) {
        pod.k8sPhase = QStringLiteral("Pending");
        pod.completedAtMs = 0;
        pod.createdAtMs = now;
    }
    w.progressSimMs = w.attemptStartProgressSimMs; // restarts from its last checkpoint
    w.poolCursor = 0;
    addEvent(w,
             QStringLiteral("Normal"),
             QStringLiteral("Resumed"),
             QStringLiteral("Workload %1 was resumed and waits for GPUs.").arg(w.name),
             QStringLiteral("Workload"),
             w.name,
             now);
    setPhase(w, QStringLiteral("Pending"), QStringLiteral("Resumed; waiting to be scheduled"), now);
    for (const QString &pool : std::as_const(w.requestedNodePools))
        m_dirtyPools.insert(pool);
    return {202, QStringLiteral("Resume request for workload %1 accepted.").arg(w.name)};
}

ActionOutcome ClusterSimulation::remove(const QString &workloadId)
{
    auto it = m_workloads.find(workloadId);
    if (it == m_workloads.end())
        return {404, QStringLiteral("Workload %1 does not exist on this cluster.").arg(workloadId)};
    SimWorkload &w = it->second;
    const QString name = w.name;
    for (const SimPod &pod : std::as_const(w.pods))
        m_removedPodsForPush.append(pod.id);
    releasePods(w, QStringLiteral("Succeeded"), QDateTime::currentMSecsSinceEpoch());
    m_workloads.erase(it);
    m_events.remove(workloadId);
    m_changedForPush.remove(workloadId);
    m_changedForStore.remove(workloadId);
    m_removedForPush.append(workloadId);
    m_removedForStore.append(workloadId);
    return {202, QStringLiteral("Delete request for workload %1 accepted.").arg(name)};
}

void ClusterSimulation::finishAsHistory(const QString &workloadId, qint64 completedAtMs, bool failed)
{
    auto it = m_workloads.find(workloadId);
    if (it == m_workloads.end())
        return;
    SimWorkload &w = it->second;
    w.createdAtMs = completedAtMs - w.durationSimMs - 60'000;
    w.progressSimMs = w.runningSimMs = w.durationSimMs;
    w.completedAtMs = completedAtMs;
    for (SimPod &pod : w.pods) {
        pod.k8sPhase = failed ? QStringLiteral("Failed") : QStringLiteral("Succeeded");
        pod.createdAtMs = w.createdAtMs;
        pod.completedAtMs = completedAtMs;
    }
    w.phase = failed ? QStringLiteral("Failed") : QStringLiteral("Completed");
    w.phaseUpdatedAtMs = completedAtMs;
    markChanged(w.id);
}

QString ClusterSimulation::candidatePool(const SimWorkload &w) const
{
    if (w.requestedNodePools.isEmpty())
        return m_pools.isEmpty() ? QString() : m_pools.first().name;
    return w.requestedNodePools.at(w.poolCursor % w.requestedNodePools.size());
}

CycleStats ClusterSimulation::step(qint64 nowMs, qint64 simDeltaMs)
{
    CycleStats stats;
    for (const NodePoolSpec &pool : std::as_const(m_pools))
        schedulePool(pool, nowMs, stats);
    advance(nowMs, simDeltaMs);
    m_previousStepMs = nowMs;
    return stats;
}

void ClusterSimulation::schedulePool(const NodePoolSpec &pool, qint64 nowMs, CycleStats &stats)
{
    PoolSchedulingInput input;
    input.pool = pool.name;
    input.org = &m_org;
    input.nowMs = nowMs;
    bool anyPending = false;
    for (const auto &[id, w] : m_workloads) {
        if (w.isActive() && w.currentNodePool == pool.name) {
            input.jobs.append(&w);
        } else if (w.phase == QLatin1String("Pending") && candidatePool(w) == pool.name) {
            input.jobs.append(&w);
            anyPending = true;
        }
    }
    // Nothing waits, or nothing changed since the last cycle that found no room: the engine would
    // decide the same again (it is deterministic), so the run is skipped.
    if (!anyPending || !m_dirtyPools.contains(pool.name))
        return;
    m_dirtyPools.remove(pool.name);
    for (const SimNode &n : std::as_const(m_nodes))
        if (n.pool == pool.name)
            input.nodes.append(&n);
    QElapsedTimer timer;
    timer.start();
    const PoolSchedulingResult result = m_scheduler->schedule(input);
    stats.engineRuns++;
    stats.engineMs += timer.elapsed();
    if (!result.error.isEmpty()) {
        stats.lastError = result.error;
        return;
    }
    applyDecisions(pool.name, result, input.jobs, nowMs, stats);
}

bool ClusterSimulation::bindPod(SimWorkload &w,
                                int podIndex,
                                const TaskDecision &task,
                                const QString &pool,
                                QHash<QString, int> &newGroups)
{
    SimNode *n = node(task.node);
    if (!n)
        return false;
    SimPod &pod = w.pods[podIndex];
    QVector<int> devices;
    if (w.gpuRequestKind == QLatin1String("whole")) {
        for (int d = 0; d < n->gpuCount && devices.size() < int(w.gpusPerPod); ++d)
            if (n->gpuAllocated.at(d) <= 1e-9)
                devices.append(d);
        if (devices.size() < int(w.gpusPerPod))
            return false;
        for (int d : std::as_const(devices))
            n->gpuAllocated[d] = 1.0;
    } else if (w.gpuRequestKind == QLatin1String("fraction")
               || w.gpuRequestKind == QLatin1String("gpu_memory")) {
        const double share = w.gpuRequestKind == QLatin1String("fraction")
                                 ? w.gpusPerPod
                                 : double(w.gpuMemoryMib) / double(n->gpuMemoryMib);
        static const QRegularExpression ours(QStringLiteral("/gpu(\\d+)$"));
        int device = -1;
        const QString group = task.gpuGroups.value(0);
        const auto match = ours.match(group);
        if (match.hasMatch() && group.startsWith(n->name))
            device = match.captured(1).toInt();
        else if (newGroups.contains(n->name + QLatin1Char('|') + group))
            device = newGroups.value(n->name + QLatin1Char('|') + group);
        if (device < 0 || device >= n->gpuCount || n->gpuAllocated.at(device) + share > 1.0 + 1e-9) {
            device = -1;
            // a fresh shared device first (the engine named a new group), else the fullest that fits
            for (int d = 0; d < n->gpuCount && device < 0; ++d)
                if (n->gpuAllocated.at(d) <= 1e-9)
                    device = d;
            for (int d = 0; d < n->gpuCount && device < 0; ++d)
                if (n->gpuAllocated.at(d) + share <= 1.0 + 1e-9)
                    device = d;
        }
        if (device < 0)
            return false;
        newGroups.insert(n->name + QLatin1Char('|') + group, device);
        n->gpuAllocated[device] += share;
        devices.append(device);
    }
    pod.nodeName = n->name;
    pod.nodePool = pool;
    pod.gpuDevices = devices;
    pod.k8sPhase = QStringLiteral("Pending"); // container creating
    m_nodesChanged = true;
    return true;
}

} // namespace gpudesk::cluster
