#pragma once

// The engine bridge: the cached state of one cluster (org units, node pools, nodes, workloads, pods)
// becomes one kai-scenario/1 snapshot per node pool (shared/design/scenario-format.md), the input of the
// scheduling engine (gpudesk::engine::runScenarioJson / parseSnapshotJson), and can be saved and loaded
// for offline use. Mapping and the extra fields (node_pool, job type, display_name, …) are described in
// models/README.md.

#include "apierror.h"
#include "apitypes.h"

#include <QJsonObject>

namespace scenario {

struct Node
{
    QString name;
    int gpus = 0;
    qint64 cpuMillis = 0;
    qint64 memoryBytes = 0;
    qint64 gpuMemoryMib = 0;
    int maxPods = 110;
    QMap<QString, QString> labels;
    friend bool operator==(const Node &, const Node &) = default;
};

struct Resource // one of gpu / cpu / memory of a queue
{
    double deserved = -1;
    double limit = -1;
    double overQuotaWeight = 1;
    friend bool operator==(const Resource &, const Resource &) = default;
};

struct Queue
{
    QString name;
    QString parent; // empty = top level
    QString kind;   // department | queue
    int createdOrder = 0;
    int priority = 100;
    Resource gpu, cpu, memory; // cpu in millicores, memory in MB
    QString orgUnitId;         // extra: the project/department id in the control plane
    friend bool operator==(const Queue &, const Queue &) = default;
};

struct Task
{
    QString id;
    qint64 cpuMillis = 1000;
    qint64 memoryBytes = 1000000000;
    double gpus = 0;
    QString gpuRequestKind = QStringLiteral("none"); // whole | fraction | gpu_memory | none
    qint64 gpuMemoryMib = 0;
    QString status = QStringLiteral("pending");
    QString node;
    QString podName; // extra: the real pod name
    friend bool operator==(const Task &, const Task &) = default;
};

struct Job
{
    QString name;         // the workload id (unique)
    QString displayName;  // extra: the workload's name
    QString type;         // train | interactive | inference | distributed (engine vocabulary)
    QString workloadType; // extra: the API's type, e.g. Training, Workspace
    QString queue;
    int priority = 50;
    bool preemptible = true;
    int minMembers = 1;
    qint64 createdMinutesAgo = 0;
    int creationRank = 0;
    QString nameSpace;
    QList<Task> tasks;
    friend bool operator==(const Job &, const Job &) = default;
};

struct Snapshot
{
    QString name;
    QString nodePool;    // extra: the pool this snapshot describes
    QString clusterName; // extra
    QDateTime takenAt;   // extra
    QList<Node> nodes;
    QList<Queue> queues;
    QList<Job> jobs;
    friend bool operator==(const Snapshot &, const Snapshot &) = default;
};

// What the bridge reads: one cluster's share of the cache.
struct ClusterState
{
    QString clusterName;
    QList<api::OrgUnit> departments;
    QList<api::OrgUnit> projects;
    QList<api::NodePool> nodePools;
    QList<api::Node> nodes;
    QList<api::Workload> workloads;
    QList<api::Pod> pods;
};

// One snapshot per node pool (pools in the order given; nodes without a pool go to "default").
QList<Snapshot> build(const ClusterState &state,
                      const QDateTime &now = QDateTime::currentDateTimeUtc());

QJsonObject toJson(const Snapshot &snapshot);
Result<Snapshot> fromJson(const QJsonObject &json);

// Saves to / loads from a file in the scenario format (UTF-8 JSON, indented).
ApiError save(const Snapshot &snapshot, const QString &path);
Result<Snapshot> load(const QString &path);

} // namespace scenario
