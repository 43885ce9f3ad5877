#include "apiconverters.h"

#include "jsonfields.h"

#include <QJsonArray>

using namespace api::json;

namespace api {
namespace {

PoolResources resourcesFromJson(const QJsonObject &o)
{
    PoolResources r;
    const QJsonObject pool = object(o, QLatin1String("nodePool"));
    r.nodePoolId = id(pool);
    r.nodePoolName = text(pool, QLatin1String("name"));
    const QJsonObject gpu = object(o, QLatin1String("gpu"));
    r.gpuDeserved = number(gpu, QLatin1String("deserved"), 0);
    r.gpuLimit = number(gpu, QLatin1String("limit"), number(gpu, QLatin1String("maxAllowed"), -1));
    r.gpuOverQuotaWeight = number(gpu, QLatin1String("overQuotaWeight"), -1);
    const QJsonObject cpu = object(o, QLatin1String("cpu"));
    r.cpuDeservedMillis = number(cpu, QLatin1String("deserved"), -1);
    r.cpuLimitMillis = number(cpu, QLatin1String("limit"), -1);
    const QJsonObject memory = object(o, QLatin1String("memory"));
    double factor = 1; // to MB
    const QString units = text(memory, QLatin1String("units"));
    if (units.compare(QLatin1String("GB"), Qt::CaseInsensitive) == 0)
        factor = 1000;
    else if (units.compare(QLatin1String("Mib"), Qt::CaseInsensitive) == 0)
        factor = 1.048576;
    const double memDeserved = number(memory, QLatin1String("deserved"), -1);
    const double memLimit = number(memory, QLatin1String("limit"), -1);
    r.memoryDeservedMb = memDeserved < 0 ? memDeserved : memDeserved * factor;
    r.memoryLimitMb = memLimit < 0 ? memLimit : memLimit * factor;
    r.priority = text(o, QLatin1String("priority"));
    return r;
}

PoolAllocation allocationFromJson(const QJsonObject &o)
{
    PoolAllocation a;
    a.nodePoolName = text(o, QLatin1String("nodePoolName"));
    if (a.nodePoolName.isEmpty())
        a.nodePoolName = text(object(o, QLatin1String("nodePool")), QLatin1String("name"));
    const QJsonObject allocated = object(o, QLatin1String("allocated"));
    a.gpuAllocated = number(allocated, QLatin1String("gpu"));
    a.cpuAllocatedMillis = number(allocated, QLatin1String("cpu"));
    a.memoryAllocatedMb = number(allocated, QLatin1String("memory"));
    const QJsonValue requestedGpu = field(object(o, QLatin1String("requested")),
                                          QLatin1String("gpu"));
    a.gpuRequested = numberFromValue(requestedGpu, 0);
    a.gpuRequestedReported = !requestedGpu.isUndefined() && !requestedGpu.isNull();
    return a;
}

// Run:ai puts per-GPU requests in workloadRequestedResources or podsRequestedResources.
void workloadResourcesFromJson(const QJsonObject &o, Workload *w)
{
    QJsonObject req = object(o, QLatin1String("podsRequestedResources"));
    if (req.isEmpty())
        req = object(o, QLatin1String("workloadRequestedResources"));
    w->gpuRequestType = text(req, QLatin1String("gpuRequestType"));
    w->gpuRequest = number(object(req, QLatin1String("gpu")), QLatin1String("request"));
    w->gpuMemoryRequestMb = number(object(req, QLatin1String("gpuMemory")),
                                   QLatin1String("request"));
    w->cpuRequestCores = number(object(req, QLatin1String("cpu")), QLatin1String("request"));
    w->cpuMemoryRequestMb = number(object(req, QLatin1String("cpuMemory")),
                                   QLatin1String("request"));
    const QJsonValue allocated = field(object(o, QLatin1String("allocatedResources")),
                                       QLatin1String("gpu"));
    w->allocatedGpus = allocated.isObject() ? number(allocated.toObject(), QLatin1String("value"))
                                            : numberFromValue(allocated);
}

} // namespace

TokenSet tokenFromJson(const QJsonObject &o)
{
    TokenSet t;
    t.accessToken = text(o, QLatin1String("accessToken"));
    t.refreshToken = text(o, QLatin1String("refreshToken"));
    t.idToken = text(o, QLatin1String("idToken"));
    t.expiresInSeconds = qint64(number(o, QLatin1String("expiresIn"), 0));
    return t;
}

Cluster clusterFromJson(const QJsonObject &o)
{
    Cluster c;
    c.uuid = id(o, QLatin1String("uuid"));
    if (c.uuid.isEmpty())
        c.uuid = id(o);
    c.name = text(o, QLatin1String("name"));
    c.domain = text(o, QLatin1String("domain"));
    c.version = text(o, QLatin1String("version"));
    const QJsonObject status = object(o, QLatin1String("status"));
    c.state = text(status, QLatin1String("state"));
    c.platformType = text(object(status, QLatin1String("platform")), QLatin1String("type"));
    c.createdAt = time(o, QLatin1String("createdAt"));
    c.lastLiveness = time(o, QLatin1String("lastLiveness"));
    return c;
}

User userFromJson(const QJsonObject &o)
{
    User u;
    u.id = id(o);
    u.username = text(o, QLatin1String("username"));
    if (u.username.isEmpty())
        u.username = text(o, QLatin1String("email"));
    u.createdBy = text(o, QLatin1String("createdBy"));
    u.createdAt = time(o, QLatin1String("createdAt"));
    u.lastLogin = time(o, QLatin1String("lastLogin"));
    u.isLocal = boolean(o, QLatin1String("isLocal"), true);
    u.groups = strings(o, QLatin1String("groups"));
    return u;
}

ServiceAccount serviceAccountFromJson(const QJsonObject &o)
{
    ServiceAccount s;
    s.id = id(o);
    s.name = text(o, QLatin1String("name"));
    s.clientId = text(o, QLatin1String("clientId"));
    s.createdBy = text(o, QLatin1String("createdBy"));
    s.enabled = boolean(o, QLatin1String("enabled"), true);
    s.createdAt = time(o, QLatin1String("createdAt"));
    return s;
}

Role roleFromJson(const QJsonObject &o)
{
    Role r;
    r.id = id(o);
    r.name = text(o, QLatin1String("name"));
    r.description = text(o, QLatin1String("description"));
    r.custom = boolean(o, QLatin1String("custom"));
    r.enabled = boolean(o, QLatin1String("enabled"), true);
    const QJsonArray permissions = field(o, QLatin1String("permissions")).toArray();
    for (const QJsonValue &pv : permissions) {
        const QJsonObject p = pv.toObject();
        r.permissions.append({text(p, QLatin1String("resourceType")),
                              text(p, QLatin1String("displayName")),
                              text(p, QLatin1String("groupId")),
                              strings(p, QLatin1String("actions"))});
    }
    return r;
}

AccessRule accessRuleFromJson(const QJsonObject &o)
{
    AccessRule a;
    a.id = id(o);
    a.subjectId = text(o, QLatin1String("subjectId"));
    a.subjectType = text(o, QLatin1String("subjectType"));
    a.roleId = id(o, QLatin1String("roleId"));
    a.roleName = text(o, QLatin1String("roleName"));
    a.scopeId = id(o, QLatin1String("scopeId"));
    a.scopeType = text(o, QLatin1String("scopeType"));
    a.scopeName = text(o, QLatin1String("scopeName"));
    a.clusterId = id(o, QLatin1String("clusterId"));
    a.createdBy = text(o, QLatin1String("createdBy"));
    a.createdAt = time(o, QLatin1String("createdAt"));
    return a;
}

AuditEntry auditFromJson(const QJsonObject &o)
{
    AuditEntry e; // field() also finds the snake_case spelling of each camelCase key
    e.id = id(o);
    e.timestamp = time(o, QLatin1String("timestamp"));
    e.subject = text(o, QLatin1String("subject"));
    e.subjectType = text(o, QLatin1String("subjectType"));
    e.sourceIp = text(o, QLatin1String("sourceIp"));
    e.action = text(o, QLatin1String("action"));
    e.httpMethod = text(o, QLatin1String("httpMethod"));
    e.url = text(o, QLatin1String("url"));
    e.entityType = text(o, QLatin1String("entityType"));
    e.entityName = text(o, QLatin1String("entityName"));
    e.entityId = id(o, QLatin1String("entityId"));
    e.result = text(o, QLatin1String("result"));
    e.httpStatusCode = int(number(o, QLatin1String("httpStatusCode")));
    e.clusterName = text(o, QLatin1String("clusterName"));
    return e;
}

MetricSeries metricFromJson(const QJsonObject &o)
{
    MetricSeries m;
    m.type = text(o, QLatin1String("type"));
    const QJsonObject labels = object(o, QLatin1String("labels"));
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
        m.labels.insert(it.key(),
                        it.value().isString() ? it.value().toString()
                                              : QString::number(it.value().toDouble()));
    const QJsonArray values = field(o, QLatin1String("values")).toArray();
    for (const QJsonValue &v : values) {
        const QJsonObject s = v.toObject();
        m.values.append({time(s, QLatin1String("timestamp")), number(s, QLatin1String("value"))});
    }
    return m;
}

WorkloadEvent eventFromJson(const QJsonObject &o, const QString &workloadId)
{
    WorkloadEvent e;
    e.id = id(o);
    e.workloadId = id(o, QLatin1String("workloadId"));
    if (e.workloadId.isEmpty())
        e.workloadId = workloadId;
    e.createdAt = time(o, QLatin1String("createdAt"));
    e.type = text(o, QLatin1String("type"));
    e.reason = text(o, QLatin1String("reason"));
    e.message = text(o, QLatin1String("message"));
    e.source = text(o, QLatin1String("source"));
    const QJsonObject involved = object(o, QLatin1String("involvedObject"));
    e.objectKind = text(involved, QLatin1String("kind"));
    e.objectName = text(involved, QLatin1String("name"));
    return e;
}

const PoolResources *OrgUnit::resourcesFor(const QString &pool) const
{
    for (const PoolResources &r : resources) {
        if (r.nodePoolName == pool || (r.nodePoolName.isEmpty() && pool.isEmpty()))
            return &r;
    }
    return nullptr;
}

const PoolAllocation *OrgUnit::allocationFor(const QString &pool) const
{
    for (const PoolAllocation &a : allocations) {
        if (a.nodePoolName == pool)
            return &a;
    }
    return nullptr;
}

QString MetricSeries::label() const
{
    QString out = type;
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
        out += QLatin1Char(' ') + it.key() + QLatin1Char('=') + it.value();
    return out;
}

OrgUnit orgUnitFromJson(const QJsonObject &o, OrgUnit::Kind kind)
{
    OrgUnit u;
    u.kind = kind;
    u.id = id(o);
    u.name = text(o, QLatin1String("name"));
    u.clusterId = id(o, QLatin1String("clusterId"));
    u.parentId = id(o, QLatin1String("parentId"));
    if (u.parentId.isEmpty())
        u.parentId = id(o, QLatin1String("departmentId"));
    u.description = text(o, QLatin1String("description"));
    const QJsonObject status = object(o, QLatin1String("status"));
    u.phase = text(status, QLatin1String("phase"));
    QJsonArray resources = field(o, QLatin1String("resources")).toArray();
    if (resources.isEmpty()) // legacy v1 shape
        resources = field(o, QLatin1String("nodePoolsResources")).toArray();
    for (const QJsonValue &r : resources)
        u.resources.append(resourcesFromJson(r.toObject()));
    const QJsonArray statuses = field(status, QLatin1String("nodePoolQuotaStatuses")).toArray();
    for (const QJsonValue &s : statuses)
        u.allocations.append(allocationFromJson(s.toObject()));
    const QJsonValue total = field(status, QLatin1String("quotaStatus"));
    if (total.isObject())
        u.quotaStatus = allocationFromJson(total.toObject());
    return u;
}

Workload workloadFromJson(const QJsonObject &o)
{
    Workload w;
    w.id = id(o);
    if (w.id.isEmpty())
        w.id = id(o, QLatin1String("workloadId"));
    w.name = text(o, QLatin1String("name"));
    w.type = text(o, QLatin1String("type"));
    w.clusterId = id(o, QLatin1String("clusterId"));
    w.projectId = id(o, QLatin1String("projectId"));
    w.projectName = text(o, QLatin1String("projectName"));
    w.departmentId = id(o, QLatin1String("departmentId"));
    w.departmentName = text(o, QLatin1String("departmentName"));
    w.submittedBy = text(o, QLatin1String("submittedBy"));
    w.phase = text(o, QLatin1String("phase"));
    if (w.phase.isEmpty())
        w.phase = text(o, QLatin1String("actualPhase"));
    w.phaseMessage = text(o, QLatin1String("phaseMessage"));
    w.priorityClassName = text(o, QLatin1String("priorityClassName"));
    const QJsonValue priority = field(o, QLatin1String("priority"));
    w.priority = int(numberFromValue(priority, 0));
    if (w.priorityClassName.isEmpty() && priority.isString() && w.priority == 0)
        w.priorityClassName = priority.toString();
    w.preemptible = boolean(o, QLatin1String("preemptible"));
    w.runningPods = int(number(o, QLatin1String("runningPods")));
    const QJsonValue requested = field(o, QLatin1String("requestedPods"));
    if (requested.isObject()) {
        w.requestedPods = int(number(requested.toObject(), QLatin1String("number")));
        w.minPods = int(number(requested.toObject(), QLatin1String("min")));
    } else {
        w.requestedPods = int(numberFromValue(requested));
    }
    workloadResourcesFromJson(o, &w);
    w.requestedNodePools = strings(o, QLatin1String("requestedNodePools"));
    w.currentNodePools = strings(o, QLatin1String("currentNodePools"));
    const QJsonArray messages = field(o, QLatin1String("pendingSchedulingMessages")).toArray();
    for (const QJsonValue &mv : messages) {
        const QJsonObject m = mv.toObject();
        w.pendingMessages.append({text(m, QLatin1String("nodePool")),
                                  text(m, QLatin1String("phaseReason")),
                                  text(m, QLatin1String("reason")),
                                  text(m, QLatin1String("userMessage"))});
    }
    w.createdAt = time(o, QLatin1String("createdAt"));
    w.completedAt = time(o, QLatin1String("completedAt"));
    w.stale = boolean(o, QLatin1String("stale"));
    return w;
}

Pod podFromJson(const QJsonObject &o)
{
    Pod p;
    p.id = id(o);
    p.name = text(o, QLatin1String("name"));
    p.workloadId = id(o, QLatin1String("workloadId"));
    p.clusterId = id(o, QLatin1String("clusterId"));
    p.nodeName = text(o, QLatin1String("nodeName"));
    p.nodePool = text(o, QLatin1String("currentNodePool"));
    p.phase = text(o, QLatin1String("k8sPhase"));
    if (p.phase.isEmpty())
        p.phase = text(o, QLatin1String("phase"));
    const QJsonArray containers = field(o, QLatin1String("containers")).toArray();
    if (!containers.isEmpty())
        p.image = text(containers.first().toObject(), QLatin1String("image"));
    const QJsonObject allocated = object(o, QLatin1String("allocatedResources"));
    const QJsonValue gpu = field(allocated, QLatin1String("gpu"));
    p.gpuAllocated = gpu.isObject() ? number(gpu.toObject(), QLatin1String("value"))
                                    : numberFromValue(gpu);
    const QJsonObject requested = object(o, QLatin1String("requestedResources"));
    const QJsonValue rgpu = field(requested, QLatin1String("gpu"));
    p.gpuRequested = rgpu.isObject() ? number(rgpu.toObject(), QLatin1String("request"))
                                     : numberFromValue(rgpu);
    const QJsonValue rcpu = field(requested, QLatin1String("cpu"));
    p.cpuRequestedCores = rcpu.isObject() ? number(rcpu.toObject(), QLatin1String("request"))
                                          : numberFromValue(rcpu);
    const QJsonValue rmem = field(requested, QLatin1String("cpuMemory"));
    p.memoryRequestedBytes = rmem.isObject() ? number(rmem.toObject(), QLatin1String("request"))
                                             : numberFromValue(rmem);
    p.createdAt = time(o, QLatin1String("createdAt"));
    return p;
}

Node nodeFromJson(const QJsonObject &o)
{
    Node n;
    n.id = id(o);
    n.name = text(o, QLatin1String("name"));
    n.clusterUuid = id(o, QLatin1String("clusterUuid"));
    if (n.clusterUuid.isEmpty())
        n.clusterUuid = id(o, QLatin1String("clusterId"));
    n.status = text(o, QLatin1String("status"));
    const QJsonArray conditions = field(o, QLatin1String("conditions")).toArray();
    for (const QJsonValue &c : conditions) {
        const QString reason = text(c.toObject(), QLatin1String("reason"));
        if (!reason.isEmpty()) {
            n.notReadyReason = reason;
            break;
        }
    }
    n.nodePool = text(o, QLatin1String("nodePool"));
    const QJsonObject gpuInfo = object(o, QLatin1String("gpuInfo"));
    n.gpuType = text(gpuInfo, QLatin1String("gpuType"));
    n.gpuCount = int(number(gpuInfo, QLatin1String("gpuCount")));
    n.gpuMemoryBytes = number(gpuInfo, QLatin1String("gpuMemoryBytes"));
    n.allocatedGpus = number(o, QLatin1String("allocatedGpus"));
    n.cpuCores = number(o, QLatin1String("cpuCores"));
    n.memoryBytes = number(o, QLatin1String("memoryBytes"));
    return n;
}

NodePool nodePoolFromJson(const QJsonObject &o)
{
    NodePool p;
    p.id = id(o);
    p.name = text(o, QLatin1String("name"));
    p.clusterId = id(o, QLatin1String("clusterId"));
    p.labelKey = text(o, QLatin1String("labelKey"));
    p.labelValue = text(o, QLatin1String("labelValue"));
    p.phase = text(o, QLatin1String("phase"));
    p.isDefault = boolean(o, QLatin1String("isDefault"));
    QJsonObject placement = object(o, QLatin1String("placementStrategy"));
    if (placement.isEmpty())
        placement = object(object(o, QLatin1String("schedulingConfiguration")),
                           QLatin1String("placementStrategy"));
    p.gpuPlacement = text(placement, QLatin1String("gpu"));
    p.cpuPlacement = text(placement, QLatin1String("cpu"));
    const QJsonValue nodes = field(o, QLatin1String("nodes"));
    if (nodes.isArray())
        p.nodeCount = int(nodes.toArray().size());
    else if (nodes.isDouble() || nodes.isString())
        p.nodeCount = int(numberFromValue(nodes));
    else
        p.nodeCount = int(
            field(object(o, QLatin1String("status")), QLatin1String("nodes")).toArray().size());
    p.gpus = number(o, QLatin1String("gpus"));
    p.allocatedGpus = number(o, QLatin1String("allocatedGpus"));
    return p;
}

} // namespace api
