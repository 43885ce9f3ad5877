// The half of ClusterSimulation that turns scheduling decisions into phases and advances workloads in
// simulated time; also the GPU utilisation/memory model that metrics report.
#include "clustersimulation.h"
#include "workloadtiming.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace gpudesk::cluster {

namespace {

QString actionVerb(const QString &action)
{
    if (action == QLatin1String("reclaim"))
        return QStringLiteral("reclaimed");
    if (action == QLatin1String("consolidation"))
        return QStringLiteral("moved by consolidation");
    if (action == QLatin1String("stalegangeviction"))
        return QStringLiteral("evicted as a stale gang");
    return QStringLiteral("preempted");
}

QJsonObject pendingMessage(const QString &pool, const JobDecision &d)
{
    const bool quotaReason = d.reason == QLatin1String("OverLimit")
                             || d.reason == QLatin1String("NonPreemptibleOverQuota");
    return QJsonObject {{QStringLiteral("nodePool"), pool},
                        {QStringLiteral("phaseReason"), quotaReason ? d.reason : QString()},
                        {QStringLiteral("reason"),
                         d.reason.isEmpty() ? QStringLiteral("Unschedulable") : d.reason},
                        {QStringLiteral("orgType"), QStringLiteral("project")},
                        {QStringLiteral("message"), d.kaiMessage},
                        {QStringLiteral("userMessage"),
                         d.message.isEmpty()
                             ? QStringLiteral("Waiting for enough free GPUs in node pool %1.")
                                   .arg(pool)
                             : d.message}};
}

} // namespace

void ClusterSimulation::evict(SimWorkload &victim, const JobDecision &d, qint64 nowMs)
{
    const SimWorkload *by = workload(d.evictedByJob);
    const QString byText
        = by ? QStringLiteral("workload %1 (project %2)").arg(by->name, by->projectName)
             : (d.evictedByJob.isEmpty() ? QStringLiteral("the scheduler")
                                         : QStringLiteral("workload ") + d.evictedByJob);
    const QString why = !d.evictedByMessage.isEmpty() ? d.evictedByMessage
                        : !d.message.isEmpty()        ? d.message
                                                      : d.kaiMessage;
    const QString message
        = QStringLiteral("Workload %1 (project %2) was %3 by %4: its GPUs were taken. %5")
              .arg(victim.name, victim.projectName, actionVerb(d.evictedByAction), byText, why)
              .trimmed();
    releasePods(victim, QStringLiteral("Pending"), nowMs);
    victim.currentNodePool.clear();
    victim.progressSimMs = checkpointFloor(victim, victim.progressSimMs);
    victim.attemptStartProgressSimMs = victim.progressSimMs;
    victim.initSimMs = 0;
    addEvent(victim,
             QStringLiteral("Warning"),
             QStringLiteral("Evict"),
             message,
             QStringLiteral("PodGroup"),
             victim.name,
             nowMs);
    if (by) {
        addEvent(*by,
                 QStringLiteral("Normal"),
                 QStringLiteral("Preempting"),
                 QStringLiteral("To get GPUs for %1, the scheduler %2 workload %3 of project %4.")
                     .arg(by->name, actionVerb(d.evictedByAction), victim.name, victim.projectName),
                 QStringLiteral("PodGroup"),
                 by->name,
                 nowMs);
    }
    setPhase(victim, QStringLiteral("Pending"), message, nowMs);
}

void ClusterSimulation::applyDecisions(const QString &pool,
                                       const PoolSchedulingResult &result,
                                       const QVector<const SimWorkload *> &jobs,
                                       qint64 nowMs,
                                       CycleStats &stats)
{
    QStringList ids;
    for (const SimWorkload *job : jobs)
        ids.append(job->id);
    // Evictions first: they free the GPUs that pipelined jobs will take in the next cycle.
    for (const QString &id : std::as_const(ids)) {
        auto it = m_workloads.find(id);
        if (it == m_workloads.end() || !it->second.isActive())
            continue;
        SimWorkload &w = it->second;
        bool releasing = false;
        for (int i = 0; i < w.pods.size() && !releasing; ++i)
            releasing = result.tasks.value(taskId(w.id, i)).status == QLatin1String("releasing");
        if (releasing) {
            evict(w, result.jobs.value(w.id), nowMs);
            stats.evicted++;
        }
    }
    QHash<QString, int> newGroups;
    for (const QString &id : std::as_const(ids)) {
        auto it = m_workloads.find(id);
        if (it == m_workloads.end() || it->second.phase != QLatin1String("Pending"))
            continue;
        SimWorkload &w = it->second;
        int binding = 0, pipelined = 0;
        for (int i = 0; i < w.pods.size(); ++i) {
            const QString status = result.tasks.value(taskId(w.id, i)).status;
            binding += status == QLatin1String("binding") || status == QLatin1String("allocated");
            pipelined += status == QLatin1String("pipelined");
        }
        const JobDecision decision = result.jobs.value(w.id);
        if (binding == w.pods.size()) {
            bool ok = true;
            for (int i = 0; i < w.pods.size() && ok; ++i)
                ok = bindPod(w, i, result.tasks.value(taskId(w.id, i)), pool, newGroups);
            if (!ok) { // the decision did not fit what this cluster holds: undo and retry next cycle
                releasePods(w, QStringLiteral("Pending"), nowMs);
                m_dirtyPools.insert(pool);
                continue;
            }
            w.currentNodePool = pool;
            w.pendingSchedulingMessages = QJsonArray();
            w.initSimMs = 0;
            w.attempt++;
            for (const SimPod &pod : std::as_const(w.pods))
                addEvent(w,
                         QStringLiteral("Normal"),
                         QStringLiteral("Scheduled"),
                         QStringLiteral(
                             "Successfully assigned pod %1/%2 to node %3 at node-pool %4")
                             .arg(w.nameSpace(), pod.name, pod.nodeName, pool),
                         QStringLiteral("Pod"),
                         pod.name,
                         nowMs);
            setPhase(w,
                     QStringLiteral("Initializing"),
                     QStringLiteral("Pulling image and starting containers"),
                     nowMs);
            stats.placed++;
            continue;
        }
        const QJsonObject message
            = pipelined > 0
                  ? QJsonObject {{QStringLiteral("nodePool"), pool},
                                 {QStringLiteral("phaseReason"), QString()},
                                 {QStringLiteral("reason"), QStringLiteral("Pipelined")},
                                 {QStringLiteral("userMessage"),
                                  QStringLiteral("GPUs for this workload are being freed in "
                                                 "node pool %1; it starts when they are released.")
                                      .arg(pool)}}
                  : pendingMessage(pool, decision);
        if (pipelined > 0)
            m_dirtyPools.insert(pool); // the freed GPUs are there next cycle
        const QString userMessage = message.value(QLatin1String("userMessage")).toString();
        if (w.pendingSchedulingMessages.size() != 1
            || w.pendingSchedulingMessages.at(0).toObject() != message) {
            addEvent(w,
                     QStringLiteral("Warning"),
                     pipelined > 0 ? QStringLiteral("Pipelined") : QStringLiteral("Unschedulable"),
                     decision.kaiMessage.isEmpty() || pipelined > 0 ? userMessage
                                                                    : decision.kaiMessage,
                     QStringLiteral("PodGroup"),
                     w.name,
                     nowMs);
            w.pendingSchedulingMessages = QJsonArray {message};
            w.phaseMessage = userMessage;
            markChanged(w.id);
        }
        if (pipelined == 0 && w.requestedNodePools.size() > 1) {
            w.poolCursor = (w.poolCursor + 1)
                           % w.requestedNodePools.size(); // try the next pool next cycle
            m_dirtyPools.insert(candidatePool(w));
        }
    }
}

void ClusterSimulation::advance(qint64 nowMs, qint64 simDeltaMs)
{
    for (auto &[id, w] : m_workloads) {
        if (w.phase == QLatin1String("Creating")) {
            if (w.createdAtMs > m_previousStepMs)
                continue; // submitted since the last cycle: reported as Creating once
            for (const QString &pool : std::as_const(w.requestedNodePools))
                m_dirtyPools.insert(pool);
            addEvent(w,
                     QStringLiteral("Normal"),
                     QStringLiteral("PodGroupCreated"),
                     QStringLiteral("Pod group %1 with %2 pod(s) created in namespace %3; waiting "
                                    "for the scheduler")
                         .arg(w.name)
                         .arg(w.podCount)
                         .arg(w.nameSpace()),
                     QStringLiteral("PodGroup"),
                     w.name,
                     nowMs);
            setPhase(w, QStringLiteral("Pending"), QStringLiteral("Waiting to be scheduled"), nowMs);
        } else if (w.phase == QLatin1String("Pending")) {
            w.pendingSimMs += simDeltaMs;
        } else if (w.phase == QLatin1String("Initializing")) {
            if (w.phaseUpdatedAtMs == nowMs)
                continue; // bound in this cycle: Initializing is reported at least once
            w.initSimMs += simDeltaMs;
            if (w.initSimMs >= initDurationMs(w)) {
                w.runningSinceMs = nowMs;
                w.attemptStartProgressSimMs = w.progressSimMs;
                for (SimPod &pod : w.pods) {
                    pod.k8sPhase = QStringLiteral("Running");
                    pod.startedAtMs = nowMs;
                    addEvent(w,
                             QStringLiteral("Normal"),
                             QStringLiteral("Started"),
                             QStringLiteral("Started container %1 on node %2")
                                 .arg(containerName(w), pod.nodeName),
                             QStringLiteral("Pod"),
                             pod.name,
                             nowMs);
                }
                setPhase(w, QStringLiteral("Running"), QString(), nowMs);
            }
        } else if (w.phase == QLatin1String("Running")) {
            w.progressSimMs += simDeltaMs;
            w.runningSimMs += simDeltaMs;
            const bool fails = w.failAtFraction && w.durationSimMs > 0
                               && w.progressSimMs
                                      >= qint64(*w.failAtFraction * double(w.durationSimMs));
            if (fails) {
                w.progressSimMs = qint64(*w.failAtFraction * double(w.durationSimMs));
                w.failureMessage = failureText(w);
                releasePods(w, QStringLiteral("Failed"), nowMs);
                w.completedAtMs = nowMs;
                addEvent(w,
                         QStringLiteral("Warning"),
                         QStringLiteral("BackoffLimitExceeded"),
                         QStringLiteral("Job has reached the specified backoff limit: container %1 "
                                        "exited with code 1: %2")
                             .arg(containerName(w), w.failureMessage),
                         QStringLiteral("Workload"),
                         w.name,
                         nowMs);
                setPhase(w, QStringLiteral("Failed"), w.failureMessage, nowMs);
            } else if (w.durationSimMs > 0 && w.progressSimMs >= w.durationSimMs) {
                w.progressSimMs = w.durationSimMs;
                releasePods(w, QStringLiteral("Succeeded"), nowMs);
                w.completedAtMs = nowMs;
                addEvent(w,
                         QStringLiteral("Normal"),
                         QStringLiteral("Completed"),
                         QStringLiteral("All pods of %1 completed successfully").arg(w.name),
                         QStringLiteral("Workload"),
                         w.name,
                         nowMs);
                setPhase(w,
                         QStringLiteral("Completed"),
                         QStringLiteral("Completed successfully"),
                         nowMs);
            }
        }
    }
}

double ClusterSimulation::allocatedGpus(const SimNode &node) const
{
    double sum = 0;
    for (double a : node.gpuAllocated)
        sum += a;
    return sum;
}

namespace {

// 0..1 busy share of one pod's GPU at a moment; deterministic per workload, device and 10-second slot.
double busyShare(const SimWorkload &w, int device, qint64 nowMs)
{
    if (w.phase != QLatin1String("Running"))
        return 0;
    const qint64 slot = nowMs / 10000;
    const QString key = w.id + QLatin1Char('/') + QString::number(device) + QLatin1Char('/')
                        + QString::number(slot);
    const double noise = stableUnit(key) - 0.5;
    const double base = stableUnit(w.id + QStringLiteral("/util"));
    if (w.apiType == QLatin1String("workspaces")) {
        if (stableUnit(w.id + QStringLiteral("/idle/") + QString::number(nowMs / 60000)) < 0.45)
            return 0; // someone's notebook sits idle
        return std::clamp(0.05 + 0.4 * base + 0.2 * noise, 0.0, 1.0);
    }
    if (w.apiType == QLatin1String("inferences")) {
        const double wave = 0.5 + 0.5 * std::sin(double(nowMs) / 90000.0 + base * 6.28);
        return std::clamp(0.15 + 0.45 * wave + 0.1 * noise, 0.0, 1.0);
    }
    return std::clamp(0.82 + 0.15 * base + 0.08 * noise, 0.0, 1.0);
}

double memoryShare(const SimWorkload &w)
{
    if (w.phase == QLatin1String("Initializing"))
        return 0.01;
    if (w.phase != QLatin1String("Running"))
        return 0;
    const double base = stableUnit(w.id + QStringLiteral("/mem"));
    if (w.apiType == QLatin1String("workspaces"))
        return 0.1 + 0.4 * base;
    if (w.apiType == QLatin1String("inferences"))
        return 0.55 + 0.3 * base;
    return 0.6 + 0.35 * base;
}

double podShareOfDevice(const SimWorkload &w)
{
    if (w.gpuRequestKind == QLatin1String("gpu_memory"))
        return double(w.gpuMemoryMib) / double(h100MemoryMib);
    if (w.gpuRequestKind == QLatin1String("fraction"))
        return w.gpusPerPod;
    return 1.0;
}

} // namespace

double ClusterSimulation::workloadGpuUtilization(const SimWorkload &w, qint64 nowMs) const
{
    double sum = 0;
    int n = 0;
    for (const SimPod &pod : w.pods)
        for (int d : pod.gpuDevices) {
            sum += busyShare(w, d, nowMs);
            ++n;
        }
    return n ? 100.0 * sum / n : 0;
}

qint64 ClusterSimulation::workloadGpuMemoryBytes(const SimWorkload &w, qint64) const
{
    qint64 devices = 0;
    for (const SimPod &pod : w.pods)
        devices += pod.gpuDevices.size();
    return qint64(double(devices) * podShareOfDevice(w) * memoryShare(w) * double(h100MemoryMib)
                  * 1024 * 1024);
}

QVector<GpuSample> ClusterSimulation::nodeGpuSamples(qint64 nowMs) const
{
    QVector<GpuSample> samples(m_nodes.size());
    for (int i = 0; i < m_nodes.size(); ++i) {
        samples[i].utilization = QVector<double>(m_nodes.at(i).gpuCount, 0.0);
        samples[i].memoryBytes = QVector<qint64>(m_nodes.at(i).gpuCount, 0);
    }
    for (const auto &[id, w] : m_workloads) {
        if (!w.isActive())
            continue;
        const double share = podShareOfDevice(w);
        const double mem = memoryShare(w);
        for (const SimPod &pod : w.pods) {
            const auto it = m_nodeIndex.constFind(pod.nodeName);
            if (it == m_nodeIndex.constEnd())
                continue;
            GpuSample &s = samples[*it];
            for (int d : pod.gpuDevices) {
                if (d < 0 || d >= s.utilization.size())
                    continue;
                s.utilization[d] = std::min(100.0,
                                            s.utilization[d]
                                                + 100.0 * share * busyShare(w, d, nowMs));
                s.memoryBytes[d] += qint64(share * mem * double(h100MemoryMib) * 1024 * 1024);
            }
        }
    }
    return samples;
}

} // namespace gpudesk::cluster
