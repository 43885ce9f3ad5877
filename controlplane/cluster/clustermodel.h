#pragma once

// The simulated cluster's state: nodes grouped in node pools, workloads with their pods, and events.
// Plain value types; ClusterSimulation owns them and ClusterStore persists them.

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace gpudesk::cluster {

// H100 SXM: 80 GB of HBM3, reported as 81,559 MiB by nvidia-smi.
inline constexpr qint64 h100MemoryMib = 81559;

struct SimNode
{
    QString name;
    QString pool;
    QString gpuType;
    int gpuCount = 8;
    qint64 gpuMemoryMib = h100MemoryMib;
    int cpuCores = 224;
    qint64 memoryBytes = 2048LL * 1024 * 1024 * 1024;
    QVector<double> gpuAllocated; // per device: 0..1 (fractions add up)
};

struct NodePoolSpec
{
    QString name;
    int nodes = 0;
    int gpusPerNode = 8;
    QString gpuType;
};

// `pool-a:16x8xH100,pool-b:4x8xH100` → pools; a bare `16x8xH100` means the pool `default`.
std::optional<QVector<NodePoolSpec>> parseNodeSpec(const QString &spec, QString *error);
QVector<SimNode> buildNodes(const QString &clusterName, const QVector<NodePoolSpec> &pools);

struct SimPod
{
    QString id;
    QString name;
    QString role;     // master | worker | launcher | main
    QString nodeName; // empty while unscheduled
    QString nodePool;
    QVector<int> gpuDevices;
    QString k8sPhase = QStringLiteral("Pending"); // Pending | Running | Succeeded | Failed
    qint64 createdAtMs = 0;
    qint64 startedAtMs = 0;
    qint64 completedAtMs = 0;
};

struct SimEvent
{
    QString id;
    QString workloadId;
    qint64 createdAtMs = 0;
    QString type; // Normal | Warning
    QString reason;
    QString message;
    QString kind; // PodGroup | Pod | Workload
    QString objectName;
};

struct SimWorkload
{
    // identity and ownership
    QString id;
    QString name;
    QString apiType; // trainings | workspaces | distributed | inferences
    QString projectId, projectName, departmentId, departmentName;
    QString submittedBy;
    QString source = QStringLiteral("Other");
    QJsonObject spec; // the submitted spec as received

    // request, per pod
    int podCount = 1;
    double gpusPerPod = 0;   // whole devices, or a portion in (0,1)
    QString gpuRequestKind;  // whole | fraction | gpu_memory | none
    qint64 gpuMemoryMib = 0; // gpu_memory requests
    double cpuCores = 1;
    qint64 cpuMemoryBytes = 1'000'000'000;
    QStringList requestedNodePools;
    QString priorityClass;
    int priority = 50;
    bool preemptible = true;
    QString distributedFramework;

    // lifecycle (wall-clock ms for timestamps; progress in simulated ms)
    QString phase = QStringLiteral("Creating");
    QString phaseMessage;
    QString desiredPhase = QStringLiteral("Running");
    QString currentNodePool;
    int poolCursor = 0; // which requested pool is tried this cycle
    qint64 createdAtMs = 0;
    qint64 phaseUpdatedAtMs = 0;
    qint64 completedAtMs = 0;
    qint64 durationSimMs = 0; // 0 = runs until deleted
    qint64 progressSimMs = 0; // useful work done
    qint64 initSimMs = 0;     // time spent initializing in the current attempt
    qint64 attemptStartProgressSimMs = 0;
    qint64 pendingSimMs = 0;
    qint64 runningSimMs = 0;
    qint64 runningSinceMs = 0; // wall clock of the current Running start
    int attempt = 0;
    std::optional<double> failAtFraction; // set: the workload fails at this share of its duration
    QString failureMessage;
    QJsonArray pendingSchedulingMessages;
    QVector<SimPod> pods;

    bool isActive() const
    {
        return phase == QLatin1String("Initializing") || phase == QLatin1String("Running");
    }
    bool isTerminal() const
    {
        return phase == QLatin1String("Completed") || phase == QLatin1String("Failed");
    }
    double totalGpus() const;
    QString displayType() const; // Training | Workspace | Distributed | Inference
    QString nameSpace() const { return QStringLiteral("runai-") + projectName; }
};

// Persistence form (all fields) and back.
QJsonObject workloadToStorage(const SimWorkload &workload);
SimWorkload workloadFromStorage(const QJsonObject &object);

// Deterministic 64-bit hash of a string (FNV-1a), for everything "random" in the simulation.
quint64 stableHash(const QString &text);
double stableUnit(const QString &text); // in [0,1)

QString isoTime(qint64 wallMs);

} // namespace gpudesk::cluster
