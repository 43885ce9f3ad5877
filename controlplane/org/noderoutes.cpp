// /api/v1/nodes: nodes as synced from the clusters, their telemetry and metrics.
#include "core/controlplane.h"
#include "core/handlers.h"
#include "orgmodel.h"

namespace gpudesk::core::handlers {

namespace {

http::ListOptions nodeListOptions()
{
    http::ListOptions options;
    options.filterFields = {QStringLiteral("name"),
                            QStringLiteral("status"),
                            QStringLiteral("nodePool"),
                            QStringLiteral("gpuInfo.gpuType"),
                            QStringLiteral("gpuType"),
                            QStringLiteral("clusterUuid"),
                            QStringLiteral("nvLinkDomainUid"),
                            QStringLiteral("nvLinkCliqueId")};
    options.sortFields = options.filterFields;
    options.defaultSortBy = QStringLiteral("name");
    return options;
}

QJsonObject presentNode(const QJsonObject &node)
{
    QJsonObject shown = node;
    shown.insert(QStringLiteral("gpuType"),
                 node.value(QStringLiteral("gpuInfo")).toObject().value(QStringLiteral("gpuType")));
    return shown;
}

Response listOrCount(Call &call, bool countOnly)
{
    const auto visible = visibleByScope(call,
                                        QStringLiteral("nodes"),
                                        QStringLiteral("clusterUuid"),
                                        rbac::ScopeType::Cluster);
    ListPage page;
    if (auto error = listCollection(
            call, call.store.nodes, nodeListOptions(), visible, &page, presentNode, countOnly))
        return *error;
    if (countOnly)
        return jsonResponse(200, QJsonObject {{QStringLiteral("count"), page.total}});
    return pageReply(QStringLiteral("nodes"), page);
}

} // namespace

Response listNodes(Call &call)
{
    return listOrCount(call, false);
}

Response countNodes(Call &call)
{
    return listOrCount(call, true);
}

Response getNode(Call &call)
{
    return jsonResponse(200,
                        presentNode(call.store.nodes.value(call.param(QStringLiteral("nodeId")))));
}

Response nodesTelemetry(Call &call)
{
    const auto visible = visibleByScope(call,
                                        QStringLiteral("nodes"),
                                        QStringLiteral("clusterUuid"),
                                        rbac::ScopeType::Cluster);
    const QString clusterId = call.request.queryValue(QStringLiteral("clusterId"));
    const QString pool = call.request.queryValue(QStringLiteral("nodepoolName"));
    const QString type = call.request.queryValue(QStringLiteral("telemetryType"));
    double readyNodes = 0, totalNodes = 0, readyGpus = 0, totalGpus = 0, allocated = 0;
    for (const QJsonObject &node : call.store.nodes.items()) {
        if ((visible && !visible(node))
            || (!clusterId.isEmpty()
                && node.value(QStringLiteral("clusterUuid")).toString() != clusterId)
            || (!pool.isEmpty() && node.value(QStringLiteral("nodePool")).toString() != pool))
            continue;
        const double gpus = node.value(QStringLiteral("gpuInfo"))
                                .toObject()
                                .value(QStringLiteral("gpuCount"))
                                .toDouble();
        const bool ready = node.value(QStringLiteral("status")).toString()
                           == QLatin1String("Ready");
        totalNodes += 1;
        totalGpus += gpus;
        readyNodes += ready ? 1 : 0;
        readyGpus += ready ? gpus : 0;
        allocated += node.value(QStringLiteral("allocatedGpus")).toDouble();
    }
    const QHash<QString, double> values {{QStringLiteral("READY_GPU_NODES"), readyNodes},
                                         {QStringLiteral("TOTAL_GPU_NODES"), totalNodes},
                                         {QStringLiteral("READY_GPUS"), readyGpus},
                                         {QStringLiteral("TOTAL_GPUS"), totalGpus},
                                         {QStringLiteral("ALLOCATED_GPUS"), allocated},
                                         {QStringLiteral("FREE_GPUS"), readyGpus - allocated}};
    if (!values.contains(type))
        return errorResponse(400,
                             QStringLiteral("Parameter 'telemetryType' must be one of %1.")
                                 .arg(QStringList(values.keys()).join(QStringLiteral(", "))));
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("type"), type},
                                     {QStringLiteral("timestamp"), Store::now()},
                                     {QStringLiteral("values"),
                                      QJsonArray {
                                          QJsonObject {{QStringLiteral("value"),
                                                        QString::number(values.value(type))},
                                                       {QStringLiteral("groups"), QJsonArray()}}}}});
}

Response nodeMetrics(Call &call)
{
    const QJsonObject node = call.store.nodes.value(call.param(QStringLiteral("nodeId")));
    const QJsonObject sample = call.store.metrics.value(
        QStringLiteral("node:") + node.value(QStringLiteral("clusterUuid")).toString()
        + QLatin1Char(':') + node.value(QStringLiteral("name")).toString());
    QJsonArray measurements;
    const QStringList types = call.request.queryValue(QStringLiteral("metricType"))
                                  .split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &type : types) {
        QJsonArray values;
        if (type == QLatin1String("GPU_UTILIZATION")) {
            double sum = 0;
            const QJsonArray perGpu = sample.value(QStringLiteral("gpuUtilization")).toArray();
            for (const QJsonValue &v : perGpu)
                sum += v.toDouble();
            if (!perGpu.isEmpty())
                values.append(
                    QJsonObject {{QStringLiteral("value"), QString::number(sum / perGpu.size())},
                                 {QStringLiteral("timestamp"),
                                  sample.value(QStringLiteral("timestamp"))}});
        } else if (type == QLatin1String("CPU_UTILIZATION")
                   && sample.contains(QStringLiteral("cpuUtilization"))) {
            values.append(
                QJsonObject {{QStringLiteral("value"),
                              QString::number(
                                  sample.value(QStringLiteral("cpuUtilization")).toDouble())},
                             {QStringLiteral("timestamp"),
                              sample.value(QStringLiteral("timestamp"))}});
        }
        measurements.append(QJsonObject {{QStringLiteral("type"), type},
                                         {QStringLiteral("labels"), QJsonObject()},
                                         {QStringLiteral("values"), values}});
    }
    return jsonResponse(200, QJsonObject {{QStringLiteral("measurements"), measurements}});
}

} // namespace gpudesk::core::handlers
