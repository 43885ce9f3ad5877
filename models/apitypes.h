#pragma once

// Value types for everything the control plane and the clusters report (api.md shapes, camelCase names
// kept). Plain structs, copyable, comparable: models take snapshots of them, the engine bridge reads them.
// Ids are always QString, whatever the wire used (Run:ai mixes int and string ids, api.md §6).

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace api {

struct TokenSet
{
    QString accessToken;
    QString refreshToken;
    QString idToken;
    qint64 expiresInSeconds = 0;
    friend bool operator==(const TokenSet &, const TokenSet &) = default;
};

struct Cluster
{
    QString uuid;
    QString name;
    QString domain; // the cluster's own URL: workload actions and logs go there
    QString version;
    QString state; // Connected, Disconnected, WaitingToConnect, …
    QString platformType;
    QDateTime createdAt;
    QDateTime lastLiveness;
    QString key() const { return uuid; }
    friend bool operator==(const Cluster &, const Cluster &) = default;
};

// One node pool's share of a project or department (api.md "Resources"). -1 = unlimited / not set.
struct PoolResources
{
    QString nodePoolId;
    QString nodePoolName;
    double gpuDeserved = 0;
    double gpuLimit = -1;
    double gpuOverQuotaWeight = -1;
    double cpuDeservedMillis = -1;
    double cpuLimitMillis = -1;
    double memoryDeservedMb = -1;
    double memoryLimitMb = -1;
    QString priority;
    friend bool operator==(const PoolResources &, const PoolResources &) = default;
};

// Allocation per node pool from status.nodePoolQuotaStatuses.
struct PoolAllocation
{
    QString nodePoolName;
    double gpuAllocated = 0;
    double gpuRequested = 0;
    bool gpuRequestedReported = false; // false: no requested.gpu in the reply, the request is unknown
    double cpuAllocatedMillis = 0;
    double memoryAllocatedMb = 0;
    friend bool operator==(const PoolAllocation &, const PoolAllocation &) = default;
};

struct OrgUnit // a department or a project
{
    enum class Kind { Department, Project };
    Kind kind = Kind::Project;
    QString id;
    QString name;
    QString clusterId;
    QString parentId; // projects: the department; departments: empty
    QString phase;
    QString description;
    QList<PoolResources> resources;
    QList<PoolAllocation> allocations;
    std::optional<PoolAllocation> quotaStatus; // status.quotaStatus: summed over all pools
    QString key() const { return id; }
    const PoolResources *resourcesFor(const QString &pool) const;
    const PoolAllocation *allocationFor(const QString &pool) const;
    friend bool operator==(const OrgUnit &, const OrgUnit &) = default;
};

struct NodePool
{
    QString id;
    QString name;
    QString clusterId;
    QString labelKey;
    QString labelValue;
    QString phase;
    QString gpuPlacement; // binpack | spread
    QString cpuPlacement;
    bool isDefault = false;
    int nodeCount = 0;
    double gpus = 0;
    double allocatedGpus = 0;
    QString key() const { return id.isEmpty() ? clusterId + QLatin1Char('/') + name : id; }
    friend bool operator==(const NodePool &, const NodePool &) = default;
};

struct Node
{
    QString id;
    QString name;
    QString clusterUuid;
    QString status; // Ready | NotReady | Unknown
    QString notReadyReason;
    QString nodePool;
    QString gpuType;
    int gpuCount = 0;
    double allocatedGpus = 0;
    double cpuCores = 0;
    double memoryBytes = 0;
    double gpuMemoryBytes = 0; // per device
    QString key() const { return id.isEmpty() ? clusterUuid + QLatin1Char('/') + name : id; }
    friend bool operator==(const Node &, const Node &) = default;
};

struct SchedulingMessage
{
    QString nodePool;
    QString phaseReason;
    QString reason;
    QString userMessage;
    friend bool operator==(const SchedulingMessage &, const SchedulingMessage &) = default;
};

struct Workload
{
    QString id;
    QString name;
    QString type; // Training, Workspace, Inference, Distributed …
    QString clusterId;
    QString projectId;
    QString projectName;
    QString departmentId;
    QString departmentName;
    QString submittedBy;
    QString phase;
    QString phaseMessage;
    QString priorityClassName;
    int priority = 0;
    bool preemptible = false;
    int runningPods = 0;
    int requestedPods = 0;
    int minPods = 0;
    double gpuRequest = 0; // whole devices or a portion of one device per pod
    double gpuMemoryRequestMb = 0;
    QString gpuRequestType; // portion | memory | empty (whole)
    double cpuRequestCores = 0;
    double cpuMemoryRequestMb = 0;
    double allocatedGpus = 0;
    QStringList requestedNodePools;
    QStringList currentNodePools;
    QList<SchedulingMessage> pendingMessages;
    QDateTime createdAt;
    QDateTime completedAt;
    bool stale = false;
    QString key() const { return id; }
    friend bool operator==(const Workload &, const Workload &) = default;
};

struct Pod
{
    QString id;
    QString name;
    QString workloadId;
    QString clusterId;
    QString nodeName;
    QString nodePool;
    QString phase; // k8sPhase
    QString image;
    double gpuAllocated = 0;
    double gpuRequested = 0;
    double cpuRequestedCores = 0;
    double memoryRequestedBytes = 0;
    QDateTime createdAt;
    QString key() const { return id; }
    friend bool operator==(const Pod &, const Pod &) = default;
};

struct WorkloadEvent
{
    QString id;
    QString workloadId;
    QDateTime createdAt;
    QString type; // Normal | Warning
    QString reason;
    QString message;
    QString source;
    QString objectKind;
    QString objectName;
    QString key() const { return id; }
    friend bool operator==(const WorkloadEvent &, const WorkloadEvent &) = default;
};

struct User
{
    QString id;
    QString username;
    QString createdBy;
    QDateTime createdAt;
    QDateTime lastLogin;
    bool isLocal = true;
    QStringList groups;
    QString key() const { return id; }
    friend bool operator==(const User &, const User &) = default;
};

struct ServiceAccount
{
    QString id;
    QString name;
    QString clientId;
    QString createdBy;
    bool enabled = true;
    QDateTime createdAt;
    QString key() const { return id; }
    friend bool operator==(const ServiceAccount &, const ServiceAccount &) = default;
};

struct Permission
{
    QString resourceType;
    QString displayName;
    QString groupId;
    QStringList actions; // create, read, update, delete, sync
    friend bool operator==(const Permission &, const Permission &) = default;
};

struct Role
{
    QString id;
    QString name;
    QString description;
    bool custom = false;
    bool enabled = true;
    QList<Permission> permissions;
    QString key() const { return id; }
    friend bool operator==(const Role &, const Role &) = default;
};

struct AccessRule
{
    QString id;
    QString subjectId;
    QString subjectType; // user | service-account | group | app
    QString roleId;
    QString roleName;
    QString scopeId;
    QString scopeType; // system | tenant | cluster | department | project
    QString scopeName;
    QString clusterId;
    QString createdBy;
    QDateTime createdAt;
    QString key() const { return id; }
    friend bool operator==(const AccessRule &, const AccessRule &) = default;
};

struct AuditEntry // event history (api.md §3.12, snake_case on the wire)
{
    QString id;
    QDateTime timestamp;
    QString subject;
    QString subjectType;
    QString sourceIp;
    QString action;
    QString httpMethod;
    QString url;
    QString entityType;
    QString entityName;
    QString entityId;
    QString result;
    int httpStatusCode = 0;
    QString clusterName;
    QString key() const { return id; }
    friend bool operator==(const AuditEntry &, const AuditEntry &) = default;
};

struct MetricSample
{
    QDateTime timestamp;
    double value = 0;
    friend bool operator==(const MetricSample &, const MetricSample &) = default;
};

struct MetricSeries
{
    QString type;                  // GPU_UTILIZATION, …
    QMap<QString, QString> labels; // e.g. gpu → "0"
    QList<MetricSample> values;
    QString label() const; // "GPU_UTILIZATION gpu=0"
    friend bool operator==(const MetricSeries &, const MetricSeries &) = default;
};

// One page of a paged list; next < 0 means there is no further page.
template<typename T>
struct Page
{
    QList<T> items;
    int next = -1;
    int total = -1;
};

// A workload submission (api.md §3.9); spec is passed through as JSON text fields the caller fills.
struct SubmitReply
{
    QString workloadId;
    QString name;
    QString actualPhase;
};

} // namespace api
