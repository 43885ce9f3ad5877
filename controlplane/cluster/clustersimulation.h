#pragma once

// The simulated cluster: nodes, workloads, pods and events, one scheduling cycle per node pool through
// a ClusterScheduler, and the workload lifecycle Creating → Pending → Initializing → Running →
// Completed / Failed (Stopped after suspend; evicted preemptible workloads go back to Pending).
// Everything that changes is remembered so that the sync client pushes deltas and the store saves them.

#include "clustermodel.h"
#include "clusterscheduler.h"
#include "desiredstate.h"
#include "workloadsubmission.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QVector>

#include <map>
#include <memory>
#include <optional>

namespace gpudesk::cluster {

struct ActionOutcome
{
    int status = 202;
    QString message;
};

struct GpuSample
{
    QVector<double> utilization;
    QVector<qint64> memoryBytes;
};

struct CycleStats
{
    int engineRuns = 0;
    qint64 engineMs = 0;
    int placed = 0;
    int evicted = 0;
    QString lastError;
};

class ClusterSimulation
{
public:
    ClusterSimulation(QString clusterName,
                      const QVector<NodePoolSpec> &pools,
                      std::unique_ptr<ClusterScheduler> scheduler);

    QString clusterName() const { return m_clusterName; }
    QStringList poolNames() const;
    const QVector<NodePoolSpec> &pools() const { return m_pools; }
    const QVector<SimNode> &nodes() const { return m_nodes; }

    void setOrg(DesiredState org);
    const DesiredState &org() const { return m_org; }

    // Restores state loaded from the store (before the first step).
    void restore(const QVector<SimWorkload> &workloads, const QVector<SimEvent> &events);

    // A new workload in phase Creating; errors in plain words.
    std::optional<QString> submit(const QJsonObject &body,
                                  const SubmissionContext &context,
                                  SubmissionError *error);
    ActionOutcome suspend(const QString &workloadId);
    ActionOutcome resume(const QString &workloadId);
    ActionOutcome remove(const QString &workloadId);
    // Benchmarks: turns a just-submitted workload into finished history (Completed or Failed).
    void finishAsHistory(const QString &workloadId, qint64 completedAtMs, bool failed);

    // One cycle: schedule every pool, then advance the lifecycle by simDeltaMs of simulated time.
    CycleStats step(qint64 nowMs, qint64 simDeltaMs);

    const SimWorkload *workload(const QString &id) const;
    const std::map<QString, SimWorkload> &workloads() const { return m_workloads; }
    QVector<SimEvent> eventsOf(const QString &workloadId) const
    {
        return m_events.value(workloadId);
    }

    // change tracking for push and persistence
    QSet<QString> takeChangedForPush() { return std::exchange(m_changedForPush, {}); }
    QSet<QString> takeChangedForStore() { return std::exchange(m_changedForStore, {}); }
    QStringList takeRemovedForPush() { return std::exchange(m_removedForPush, {}); }
    QStringList takeRemovedForStore() { return std::exchange(m_removedForStore, {}); }
    QStringList takeRemovedPodsForPush() { return std::exchange(m_removedPodsForPush, {}); }
    QVector<SimEvent> takeEventsForPush() { return std::exchange(m_eventsForPush, {}); }
    QVector<SimEvent> takeEventsForStore() { return std::exchange(m_eventsForStore, {}); }
    bool takeNodesChanged() { return std::exchange(m_nodesChanged, false); }

    // GPU utilisation (0..100) and memory (bytes) of every device of every node (m_nodes order),
    // from the workloads on them.
    QVector<GpuSample> nodeGpuSamples(qint64 nowMs) const;
    // Per-workload aggregate: average utilisation of its GPUs and the memory it uses.
    double workloadGpuUtilization(const SimWorkload &w, qint64 nowMs) const;
    qint64 workloadGpuMemoryBytes(const SimWorkload &w, qint64 nowMs) const;
    double allocatedGpus(const SimNode &node) const;

    QString schedulerName() const { return m_scheduler->name(); }

private:
    void addEvent(const SimWorkload &w,
                  const QString &type,
                  const QString &reason,
                  const QString &message,
                  const QString &kind,
                  const QString &objectName,
                  qint64 nowMs);
    void markChanged(const QString &id);
    void setPhase(SimWorkload &w, const QString &phase, const QString &message, qint64 nowMs);
    void releasePods(SimWorkload &w, const QString &podPhase, qint64 nowMs);
    void schedulePool(const NodePoolSpec &pool, qint64 nowMs, CycleStats &stats);
    void applyDecisions(const QString &pool,
                        const PoolSchedulingResult &result,
                        const QVector<const SimWorkload *> &jobs,
                        qint64 nowMs,
                        CycleStats &stats);
    void evict(SimWorkload &victim, const JobDecision &decision, qint64 nowMs);
    bool bindPod(SimWorkload &w,
                 int podIndex,
                 const TaskDecision &task,
                 const QString &pool,
                 QHash<QString, int> &newGroups);
    void advance(qint64 nowMs, qint64 simDeltaMs);
    SimNode *node(const QString &name);
    QString candidatePool(const SimWorkload &w) const;

    QString m_clusterName;
    QVector<NodePoolSpec> m_pools;
    QVector<SimNode> m_nodes;
    QHash<QString, int> m_nodeIndex;
    std::unique_ptr<ClusterScheduler> m_scheduler;
    DesiredState m_org;
    std::map<QString, SimWorkload> m_workloads;
    QHash<QString, QVector<SimEvent>> m_events;
    QSet<QString> m_changedForPush, m_changedForStore;
    QStringList m_removedForPush, m_removedForStore, m_removedPodsForPush;
    QVector<SimEvent> m_eventsForPush, m_eventsForStore;
    bool m_nodesChanged = true;
    bool m_orgChanged = true;
    QSet<QString> m_dirtyPools; // something changed that may let a pending job run
    quint64 m_eventCounter = 0;
    qint64 m_previousStepMs = 0; // workloads created after it stay Creating for one report
};

} // namespace gpudesk::cluster
