#include "clustermodel.h"

#include <QDateTime>
#include <QRegularExpression>

namespace gpudesk::cluster {

std::optional<QVector<NodePoolSpec>> parseNodeSpec(const QString &spec, QString *error)
{
    static const QRegularExpression shape(QStringLiteral("^(\\d+)x(\\d+)x([A-Za-z0-9-]+)$"));
    static const QRegularExpression poolName(QStringLiteral("^[a-z][a-z0-9-]*$"));
    QVector<NodePoolSpec> pools;
    const QStringList parts = spec.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        *error = QStringLiteral("--nodes is empty; expected e.g. pool-a:16x8xH100,pool-b:4x8xH100");
        return std::nullopt;
    }
    for (const QString &part : parts) {
        NodePoolSpec pool;
        QString shapeText = part.trimmed();
        const qsizetype colon = shapeText.indexOf(QLatin1Char(':'));
        pool.name = colon < 0 ? QStringLiteral("default") : shapeText.left(colon);
        if (colon >= 0)
            shapeText = shapeText.mid(colon + 1);
        const auto match = shape.match(shapeText);
        if (!poolName.match(pool.name).hasMatch() || !match.hasMatch()) {
            *error = QStringLiteral(
                         "'%1' is not a node pool spec; expected POOL:NODESxGPUSxTYPE such as "
                         "pool-a:16x8xH100")
                         .arg(part);
            return std::nullopt;
        }
        pool.nodes = match.captured(1).toInt();
        pool.gpusPerNode = match.captured(2).toInt();
        pool.gpuType = match.captured(3);
        if (pool.nodes < 1 || pool.nodes > 10000 || pool.gpusPerNode < 1 || pool.gpusPerNode > 16) {
            *error = QStringLiteral("'%1': nodes must be 1..10000 and GPUs per node 1..16").arg(part);
            return std::nullopt;
        }
        for (const NodePoolSpec &other : std::as_const(pools)) {
            if (other.name == pool.name) {
                *error = QStringLiteral("node pool '%1' is listed twice").arg(pool.name);
                return std::nullopt;
            }
        }
        pools.append(pool);
    }
    return pools;
}

QVector<SimNode> buildNodes(const QString &clusterName, const QVector<NodePoolSpec> &pools)
{
    QVector<SimNode> nodes;
    for (const NodePoolSpec &pool : pools) {
        for (int i = 0; i < pool.nodes; ++i) {
            SimNode node;
            node.name = QStringLiteral("%1-%2-node-%3")
                            .arg(clusterName, pool.name)
                            .arg(i + 1, 3, 10, QLatin1Char('0'));
            node.pool = pool.name;
            node.gpuType = pool.gpuType;
            node.gpuCount = pool.gpusPerNode;
            node.gpuAllocated = QVector<double>(pool.gpusPerNode, 0.0);
            nodes.append(node);
        }
    }
    return nodes;
}

double SimWorkload::totalGpus() const
{
    if (gpuRequestKind == QLatin1String("gpu_memory"))
        return podCount * double(gpuMemoryMib) / double(h100MemoryMib);
    return podCount * gpusPerPod;
}

QString SimWorkload::displayType() const
{
    if (apiType == QLatin1String("workspaces"))
        return QStringLiteral("Workspace");
    if (apiType == QLatin1String("distributed"))
        return QStringLiteral("Distributed");
    if (apiType == QLatin1String("inferences"))
        return QStringLiteral("Inference");
    return QStringLiteral("Training");
}

quint64 stableHash(const QString &text)
{
    quint64 hash = 1469598103934665603ULL;
    for (const QChar c : text) {
        hash ^= c.unicode();
        hash *= 1099511628211ULL;
    }
    // final avalanche so that near-identical strings spread
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33;
    return hash;
}

double stableUnit(const QString &text)
{
    return double(stableHash(text) % 1000000ULL) / 1000000.0;
}

QString isoTime(qint64 wallMs)
{
    if (wallMs <= 0)
        return QString();
    return QDateTime::fromMSecsSinceEpoch(wallMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

namespace {

QJsonArray intsToJson(const QVector<int> &values)
{
    QJsonArray array;
    for (int v : values)
        array.append(v);
    return array;
}

} // namespace

QJsonObject workloadToStorage(const SimWorkload &w)
{
    QJsonArray pods;
    for (const SimPod &p : w.pods) {
        pods.append(QJsonObject {{QStringLiteral("id"), p.id},
                                 {QStringLiteral("name"), p.name},
                                 {QStringLiteral("role"), p.role},
                                 {QStringLiteral("node"), p.nodeName},
                                 {QStringLiteral("pool"), p.nodePool},
                                 {QStringLiteral("gpus"), intsToJson(p.gpuDevices)},
                                 {QStringLiteral("k8sPhase"), p.k8sPhase},
                                 {QStringLiteral("created"), p.createdAtMs},
                                 {QStringLiteral("started"), p.startedAtMs},
                                 {QStringLiteral("completed"), p.completedAtMs}});
    }
    QJsonObject o {{QStringLiteral("id"), w.id},
                   {QStringLiteral("name"), w.name},
                   {QStringLiteral("apiType"), w.apiType},
                   {QStringLiteral("projectId"), w.projectId},
                   {QStringLiteral("projectName"), w.projectName},
                   {QStringLiteral("departmentId"), w.departmentId},
                   {QStringLiteral("departmentName"), w.departmentName},
                   {QStringLiteral("submittedBy"), w.submittedBy},
                   {QStringLiteral("source"), w.source},
                   {QStringLiteral("spec"), w.spec},
                   {QStringLiteral("podCount"), w.podCount},
                   {QStringLiteral("gpusPerPod"), w.gpusPerPod},
                   {QStringLiteral("gpuRequestKind"), w.gpuRequestKind},
                   {QStringLiteral("gpuMemoryMib"), w.gpuMemoryMib},
                   {QStringLiteral("cpuCores"), w.cpuCores},
                   {QStringLiteral("cpuMemoryBytes"), w.cpuMemoryBytes},
                   {QStringLiteral("requestedNodePools"),
                    QJsonArray::fromStringList(w.requestedNodePools)},
                   {QStringLiteral("priorityClass"), w.priorityClass},
                   {QStringLiteral("priority"), w.priority},
                   {QStringLiteral("preemptible"), w.preemptible},
                   {QStringLiteral("distributedFramework"), w.distributedFramework},
                   {QStringLiteral("phase"), w.phase},
                   {QStringLiteral("phaseMessage"), w.phaseMessage},
                   {QStringLiteral("desiredPhase"), w.desiredPhase},
                   {QStringLiteral("currentNodePool"), w.currentNodePool},
                   {QStringLiteral("poolCursor"), w.poolCursor},
                   {QStringLiteral("createdAt"), w.createdAtMs},
                   {QStringLiteral("phaseUpdatedAt"), w.phaseUpdatedAtMs},
                   {QStringLiteral("completedAt"), w.completedAtMs},
                   {QStringLiteral("durationSim"), w.durationSimMs},
                   {QStringLiteral("progressSim"), w.progressSimMs},
                   {QStringLiteral("initSim"), w.initSimMs},
                   {QStringLiteral("attemptStartSim"), w.attemptStartProgressSimMs},
                   {QStringLiteral("pendingSim"), w.pendingSimMs},
                   {QStringLiteral("runningSim"), w.runningSimMs},
                   {QStringLiteral("runningSince"), w.runningSinceMs},
                   {QStringLiteral("attempt"), w.attempt},
                   {QStringLiteral("failureMessage"), w.failureMessage},
                   {QStringLiteral("pendingSchedulingMessages"), w.pendingSchedulingMessages},
                   {QStringLiteral("pods"), pods}};
    if (w.failAtFraction)
        o.insert(QStringLiteral("failAt"), *w.failAtFraction);
    return o;
}

SimWorkload workloadFromStorage(const QJsonObject &o)
{
    SimWorkload w;
    auto s = [&o](const char *key) { return o.value(QLatin1String(key)).toString(); };
    auto i64 = [&o](const char *key) { return qint64(o.value(QLatin1String(key)).toDouble()); };
    w.id = s("id");
    w.name = s("name");
    w.apiType = s("apiType");
    w.projectId = s("projectId");
    w.projectName = s("projectName");
    w.departmentId = s("departmentId");
    w.departmentName = s("departmentName");
    w.submittedBy = s("submittedBy");
    w.source = s("source");
    w.spec = o.value(QLatin1String("spec")).toObject();
    w.podCount = o.value(QLatin1String("podCount")).toInt(1);
    w.gpusPerPod = o.value(QLatin1String("gpusPerPod")).toDouble();
    w.gpuRequestKind = s("gpuRequestKind");
    w.gpuMemoryMib = i64("gpuMemoryMib");
    w.cpuCores = o.value(QLatin1String("cpuCores")).toDouble(1);
    w.cpuMemoryBytes = i64("cpuMemoryBytes");
    for (const auto &v : o.value(QLatin1String("requestedNodePools")).toArray())
        w.requestedNodePools.append(v.toString());
    w.priorityClass = s("priorityClass");
    w.priority = o.value(QLatin1String("priority")).toInt(50);
    w.preemptible = o.value(QLatin1String("preemptible")).toBool(true);
    w.distributedFramework = s("distributedFramework");
    w.phase = s("phase");
    w.phaseMessage = s("phaseMessage");
    w.desiredPhase = s("desiredPhase");
    w.currentNodePool = s("currentNodePool");
    w.poolCursor = o.value(QLatin1String("poolCursor")).toInt();
    w.createdAtMs = i64("createdAt");
    w.phaseUpdatedAtMs = i64("phaseUpdatedAt");
    w.completedAtMs = i64("completedAt");
    w.durationSimMs = i64("durationSim");
    w.progressSimMs = i64("progressSim");
    w.initSimMs = i64("initSim");
    w.attemptStartProgressSimMs = i64("attemptStartSim");
    w.pendingSimMs = i64("pendingSim");
    w.runningSimMs = i64("runningSim");
    w.runningSinceMs = i64("runningSince");
    w.attempt = o.value(QLatin1String("attempt")).toInt();
    if (o.contains(QLatin1String("failAt")))
        w.failAtFraction = o.value(QLatin1String("failAt")).toDouble();
    w.failureMessage = s("failureMessage");
    w.pendingSchedulingMessages = o.value(QLatin1String("pendingSchedulingMessages")).toArray();
    for (const auto &pv : o.value(QLatin1String("pods")).toArray()) {
        const QJsonObject p = pv.toObject();
        SimPod pod;
        pod.id = p.value(QLatin1String("id")).toString();
        pod.name = p.value(QLatin1String("name")).toString();
        pod.role = p.value(QLatin1String("role")).toString();
        pod.nodeName = p.value(QLatin1String("node")).toString();
        pod.nodePool = p.value(QLatin1String("pool")).toString();
        for (const auto &g : p.value(QLatin1String("gpus")).toArray())
            pod.gpuDevices.append(g.toInt());
        pod.k8sPhase = p.value(QLatin1String("k8sPhase")).toString();
        pod.createdAtMs = qint64(p.value(QLatin1String("created")).toDouble());
        pod.startedAtMs = qint64(p.value(QLatin1String("started")).toDouble());
        pod.completedAtMs = qint64(p.value(QLatin1String("completed")).toDouble());
        w.pods.append(pod);
    }
    return w;
}

} // namespace gpudesk::cluster
