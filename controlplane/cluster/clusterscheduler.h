#pragma once

// One scheduling cycle for one node pool (scheduling.md §14: pools are independent shards). The
// simulation hands over the pool's nodes, its queues (departments and projects with this pool's quotas)
// and its jobs; the scheduler answers per task (binding / pipelined / releasing / pending, node, GPU
// groups) and per job (status and the plain-language reason, or who evicted it).

#include "clustermodel.h"
#include "desiredstate.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <string>

namespace gpudesk::cluster {

struct PoolSchedulingInput
{
    QString pool;
    QVector<const SimNode *> nodes;
    const DesiredState *org = nullptr;
    QVector<const SimWorkload *> jobs; // active in this pool, plus pending ones trying this pool
    qint64 nowMs = 0;
};

struct TaskDecision
{
    QString status; // binding | pipelined | releasing | pending | running
    QString node;
    QStringList gpuGroups;
};

struct JobDecision
{
    QString status;
    QString reason;     // e.g. OverLimit, NonPreemptibleOverQuota, PodSchedulingErrors
    QString message;    // plain language
    QString kaiMessage; // KAI's own wording
    QString evictedByJob;
    QString evictedByAction;
    QString evictedByMessage;
};

struct PoolSchedulingResult
{
    QHash<QString, TaskDecision> tasks; // task id = <workload id>-<pod index>
    QHash<QString, JobDecision> jobs;   // by workload id
    QString error;                      // the engine refused the snapshot (a bug: logged)
};

class ClusterScheduler
{
public:
    virtual ~ClusterScheduler() = default;
    virtual PoolSchedulingResult schedule(const PoolSchedulingInput &input) = 0;
    virtual QString name() const = 0;
};

// The gpudesk scheduling engine (scheduler-engine/engine.h) when it is built into this tree.
std::unique_ptr<ClusterScheduler> makeClusterScheduler();

// The kai-scenario/1 snapshot of one pool (scenario-format.md + node_pool, type, display_name,
// expected_duration_seconds, running_since_seconds). Public for tests and the bench.
std::string buildPoolScenario(const PoolSchedulingInput &input);
// Parses the engine's run result into decisions.
PoolSchedulingResult parseEngineResult(const std::string &json);

QString taskId(const QString &workloadId, int podIndex);

} // namespace gpudesk::cluster
