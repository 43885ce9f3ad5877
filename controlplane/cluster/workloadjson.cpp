#include "workloadjson.h"

#include "workloadtiming.h"

#include <QJsonArray>

namespace gpudesk::cluster {

namespace {

QJsonValue timeOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(isoTime(ms)) : QJsonValue(QJsonValue::Null);
}

QString category(const SimWorkload &w)
{
    if (w.apiType == QLatin1String("workspaces"))
        return QStringLiteral("Build");
    if (w.apiType == QLatin1String("inferences"))
        return QStringLiteral("Deploy");
    return QStringLiteral("Train");
}

QString k8sPhaseOf(const SimWorkload &w)
{
    if (w.phase == QLatin1String("Running"))
        return QStringLiteral("Running");
    if (w.phase == QLatin1String("Completed"))
        return QStringLiteral("Succeeded");
    if (w.phase == QLatin1String("Failed"))
        return QStringLiteral("Failed");
    return QStringLiteral("Pending");
}

double gpuPerPod(const SimWorkload &w)
{
    if (w.gpuRequestKind == QLatin1String("gpu_memory"))
        return double(w.gpuMemoryMib) / double(h100MemoryMib);
    return w.gpusPerPod;
}

QJsonObject podResources(const SimWorkload &w)
{
    QJsonObject gpuMemory;
    if (w.gpuRequestKind == QLatin1String("gpu_memory"))
        gpuMemory.insert(QStringLiteral("request"), QStringLiteral("%1Mi").arg(w.gpuMemoryMib));
    return QJsonObject {{QStringLiteral("gpuRequestType"),
                         w.gpuRequestKind == QLatin1String("gpu_memory")
                             ? QStringLiteral("memory")
                             : QStringLiteral("portion")},
                        {QStringLiteral("gpu"),
                         QJsonObject {{QStringLiteral("request"),
                                       w.gpuRequestKind == QLatin1String("gpu_memory")
                                           ? QJsonValue(QJsonValue::Null)
                                           : QJsonValue(w.gpusPerPod)}}},
                        {QStringLiteral("gpuMemory"), gpuMemory},
                        {QStringLiteral("cpu"),
                         QJsonObject {{QStringLiteral("request"), w.cpuCores}}},
                        {QStringLiteral("cpuMemory"),
                         QJsonObject {{QStringLiteral("request"),
                                       QStringLiteral("%1M").arg(w.cpuMemoryBytes / 1000000)}}}};
}

} // namespace

QJsonObject workloadToApi(const SimWorkload &w, const ClusterIdentity &id)
{
    int runningPods = 0;
    double allocatedGpu = 0;
    for (const SimPod &pod : w.pods) {
        runningPods += pod.k8sPhase == QLatin1String("Running");
        if (!pod.nodeName.isEmpty())
            allocatedGpu += gpuPerPod(w);
    }
    QJsonObject env;
    for (const auto &v : w.spec.value(QLatin1String("environmentVariables")).toArray()) {
        const QJsonObject e = v.toObject();
        env.insert(e.value(QLatin1String("name")).toString(),
                   e.value(QLatin1String("value")).toString());
    }
    const bool suspendable = w.apiType != QLatin1String("inferences");
    QJsonObject o {
        {QStringLiteral("id"), w.id},
        {QStringLiteral("name"), w.name},
        {QStringLiteral("type"), w.displayType()},
        {QStringLiteral("tenantId"), id.tenantId},
        {QStringLiteral("clusterId"), id.clusterId},
        {QStringLiteral("clusterName"), id.clusterName},
        {QStringLiteral("projectId"), w.projectId},
        {QStringLiteral("projectName"), w.projectName},
        {QStringLiteral("departmentId"), w.departmentId},
        {QStringLiteral("departmentName"), w.departmentName},
        {QStringLiteral("namespace"), w.nameSpace()},
        {QStringLiteral("submittedBy"), w.submittedBy},
        {QStringLiteral("source"), w.source},
        {QStringLiteral("priority"), w.priority},
        {QStringLiteral("priorityClassName"), w.priorityClass},
        {QStringLiteral("preemptible"), w.preemptible},
        {QStringLiteral("category"), category(w)},
        {QStringLiteral("phase"), w.phase},
        {QStringLiteral("phaseMessage"), w.phaseMessage},
        {QStringLiteral("phaseUpdatedAt"), timeOrNull(w.phaseUpdatedAtMs)},
        {QStringLiteral("k8sPhase"), k8sPhaseOf(w)},
        {QStringLiteral("desiredPhase"), w.desiredPhase},
        {QStringLiteral("conditions"), QJsonArray()},
        {QStringLiteral("runningPods"), runningPods},
        {QStringLiteral("requestedPods"),
         QJsonObject {{QStringLiteral("number"), w.podCount}, {QStringLiteral("min"), w.podCount}}},
        {QStringLiteral("requestedNodePools"), QJsonArray::fromStringList(w.requestedNodePools)},
        {QStringLiteral("currentNodePools"),
         w.currentNodePool.isEmpty() ? QJsonArray() : QJsonArray {w.currentNodePool}},
        {QStringLiteral("podsRequestedResources"), podResources(w)},
        {QStringLiteral("workloadRequestedResources"),
         QJsonObject {{QStringLiteral("gpu"),
                       QJsonObject {{QStringLiteral("request"), gpuPerPod(w) * w.podCount}}}}},
        {QStringLiteral("allocatedResources"),
         QJsonObject {{QStringLiteral("gpu"), allocatedGpu},
                      {QStringLiteral("gpuMemory"),
                       QStringLiteral("%1Mi").arg(qint64(allocatedGpu * double(h100MemoryMib)))},
                      {QStringLiteral("cpu"),
                       allocatedGpu > 0 || runningPods ? w.cpuCores * w.podCount : 0.0}}},
        {QStringLiteral("images"), QJsonArray {imageOf(w)}},
        {QStringLiteral("command"), w.spec.value(QLatin1String("command")).toString()},
        {QStringLiteral("arguments"), w.spec.value(QLatin1String("args")).toString()},
        {QStringLiteral("environmentVariables"), env},
        {QStringLiteral("distributedFramework"),
         w.distributedFramework.isEmpty() ? QJsonValue(QJsonValue::Null)
                                          : QJsonValue(w.distributedFramework)},
        {QStringLiteral("actionsSupport"),
         QJsonObject {{QStringLiteral("delete"), true}, {QStringLiteral("suspend"), suspendable}}},
        {QStringLiteral("createdAt"), isoTime(w.createdAtMs)},
        {QStringLiteral("updatedAt"), isoTime(w.phaseUpdatedAtMs)},
        {QStringLiteral("completedAt"), timeOrNull(w.completedAtMs)},
        {QStringLiteral("totalPendingTimeSeconds"), w.pendingSimMs / 1000},
        {QStringLiteral("totalRunningTimeSeconds"), w.runningSimMs / 1000},
        {QStringLiteral("pendingSchedulingMessages"), w.pendingSchedulingMessages},
        {QStringLiteral("simulated"), true}};
    return o;
}

QJsonObject podToApi(const SimWorkload &w, int podIndex, const ClusterIdentity &id)
{
    const SimPod &pod = w.pods.at(podIndex);
    QJsonArray devices;
    for (int d : pod.gpuDevices)
        devices.append(d);
    const quint64 h = stableHash(pod.id);
    return QJsonObject {
        {QStringLiteral("id"), pod.id},
        {QStringLiteral("name"), pod.name},
        {QStringLiteral("workloadId"), w.id},
        {QStringLiteral("workloadName"), w.name},
        {QStringLiteral("clusterId"), id.clusterId},
        {QStringLiteral("projectId"), w.projectId},
        {QStringLiteral("projectName"), w.projectName},
        {QStringLiteral("nodeName"),
         pod.nodeName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(pod.nodeName)},
        {QStringLiteral("currentNodePool"),
         pod.nodePool.isEmpty() || pod.nodeName.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                          : QJsonValue(pod.nodePool)},
        {QStringLiteral("requestedNodePools"), QJsonArray::fromStringList(w.requestedNodePools)},
        {QStringLiteral("k8sPhase"), pod.k8sPhase},
        {QStringLiteral("role"), pod.role},
        {QStringLiteral("ip"),
         pod.nodeName.isEmpty()
             ? QJsonValue(QJsonValue::Null)
             : QJsonValue(QStringLiteral("10.244.%1.%2").arg(h % 250).arg(2 + (h >> 8) % 250))},
        {QStringLiteral("containers"),
         QJsonArray {QJsonObject {{QStringLiteral("name"), containerName(w)},
                                  {QStringLiteral("image"), imageOf(w)},
                                  {QStringLiteral("startedAt"), timeOrNull(pod.startedAtMs)}}}},
        {QStringLiteral("requestedResources"), podResources(w)},
        {QStringLiteral("allocatedResources"),
         QJsonObject {{QStringLiteral("gpu"), pod.nodeName.isEmpty() ? 0.0 : gpuPerPod(w)}}},
        {QStringLiteral("gpuDevices"), devices},
        {QStringLiteral("priorityClassName"), w.priorityClass},
        {QStringLiteral("createdAt"), isoTime(pod.createdAtMs)},
        {QStringLiteral("completedAt"), timeOrNull(pod.completedAtMs)}};
}

QJsonObject eventToApi(const SimEvent &e, const SimWorkload *w, const ClusterIdentity &id)
{
    return QJsonObject {{QStringLiteral("id"), e.id},
                        {QStringLiteral("workloadId"), e.workloadId},
                        {QStringLiteral("createdAt"), isoTime(e.createdAtMs)},
                        {QStringLiteral("type"), e.type},
                        {QStringLiteral("clusterId"), id.clusterId},
                        {QStringLiteral("reason"), e.reason},
                        {QStringLiteral("message"), e.message},
                        {QStringLiteral("source"), QStringLiteral("gpudesk-sim")},
                        {QStringLiteral("involvedObject"),
                         QJsonObject {{QStringLiteral("uid"), e.workloadId},
                                      {QStringLiteral("kind"), e.kind},
                                      {QStringLiteral("name"), e.objectName},
                                      {QStringLiteral("namespace"),
                                       w ? w->nameSpace() : QString()}}}};
}

QJsonObject nodeToApi(const SimNode &node,
                      double allocatedGpus,
                      const ClusterIdentity &id,
                      qint64 createdAtMs)
{
    return QJsonObject {{QStringLiteral("id"),
                         QStringLiteral("%1-%2").arg(id.clusterName, node.name)},
                        {QStringLiteral("name"), node.name},
                        {QStringLiteral("clusterUuid"), id.clusterId},
                        {QStringLiteral("status"), QStringLiteral("Ready")},
                        {QStringLiteral("conditions"), QJsonArray()},
                        {QStringLiteral("taints"), QJsonArray()},
                        {QStringLiteral("nodePool"), node.pool},
                        {QStringLiteral("gpuInfo"),
                         QJsonObject {{QStringLiteral("gpuType"),
                                       QString(QStringLiteral("NVIDIA ") + node.gpuType)},
                                      {QStringLiteral("gpuCount"), node.gpuCount},
                                      {QStringLiteral("gpuMemoryMib"), double(node.gpuMemoryMib)}}},
                        {QStringLiteral("allocatedGpus"), allocatedGpus},
                        {QStringLiteral("cpuCores"), node.cpuCores},
                        {QStringLiteral("memoryBytes"), double(node.memoryBytes)},
                        {QStringLiteral("labels"),
                         QJsonObject {{QStringLiteral("node-pool"), node.pool},
                                      {QStringLiteral("nvidia.com/gpu.product"), node.gpuType}}},
                        {QStringLiteral("createdAt"), isoTime(createdAtMs)},
                        {QStringLiteral("updatedAt"), isoTime(createdAtMs)}};
}

QJsonObject submissionReply(const SimWorkload &w, const ClusterIdentity &id)
{
    return QJsonObject {{QStringLiteral("workloadId"), w.id},
                        {QStringLiteral("name"), w.name},
                        {QStringLiteral("requestedName"), w.name},
                        {QStringLiteral("projectId"), w.projectId},
                        {QStringLiteral("departmentId"), w.departmentId},
                        {QStringLiteral("clusterId"), id.clusterId},
                        {QStringLiteral("createdBy"), w.submittedBy},
                        {QStringLiteral("createdAt"), isoTime(w.createdAtMs)},
                        {QStringLiteral("desiredPhase"), w.desiredPhase},
                        {QStringLiteral("actualPhase"), w.phase},
                        {QStringLiteral("spec"), w.spec}};
}

} // namespace gpudesk::cluster
