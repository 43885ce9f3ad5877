// /api/v1/workloads: workloads as synced from the clusters; pods, events, history, metrics, telemetry.
#include "core/apihelpers.h"
#include "core/controlplane.h"
#include "core/handlers.h"
#include "workloadaccess.h"

#include <QJsonArray>

namespace gpudesk::core::handlers {

namespace {

http::ListOptions workloadListOptions()
{
    http::ListOptions options;
    options.filterFields = {QStringLiteral("type"),
                            QStringLiteral("name"),
                            QStringLiteral("clusterId"),
                            QStringLiteral("projectId"),
                            QStringLiteral("projectName"),
                            QStringLiteral("departmentId"),
                            QStringLiteral("departmentName"),
                            QStringLiteral("createdAt"),
                            QStringLiteral("deletedAt"),
                            QStringLiteral("submittedBy"),
                            QStringLiteral("phase"),
                            QStringLiteral("completedAt"),
                            QStringLiteral("nodepool"),
                            QStringLiteral("distributedFramework"),
                            QStringLiteral("allocatedGPU"),
                            QStringLiteral("idleGpus"),
                            QStringLiteral("idleAllocatedGpus"),
                            QStringLiteral("phaseUpdatedAt"),
                            QStringLiteral("category"),
                            QStringLiteral("priority"),
                            QStringLiteral("priorityClassName"),
                            QStringLiteral("totalPendingTimeSeconds"),
                            QStringLiteral("totalRunningTimeSeconds"),
                            QStringLiteral("guaranteedRuntimeEndsAt"),
                            QStringLiteral("source"),
                            QStringLiteral("id")};
    options.sortFields = options.filterFields;
    options.filterFields.append(
        QStringLiteral("stale")); // presented, so filterable but not sortable
    options.searchFields = {QStringLiteral("name"),
                            QStringLiteral("projectName"),
                            QStringLiteral("submittedBy")};
    options.defaultSortBy = QStringLiteral("createdAt");
    return options;
}

std::function<bool(const QJsonObject &)> withDeleted(
    const Call &call, std::function<bool(const QJsonObject &)> visible)
{
    const bool includeDeleted = call.request.queryValue(QStringLiteral("deleted"))
                                == QLatin1String("true");
    return [visible = std::move(visible), includeDeleted](const QJsonObject &workload) {
        const QJsonValue deletedAt = workload.value(QStringLiteral("deletedAt"));
        const bool deleted = deletedAt.isString() && !deletedAt.toString().isEmpty();
        if (deleted != includeDeleted)
            return false;
        return !visible || visible(workload);
    };
}

// Lists a collection of per-workload records (pods, events, history) for one workload.
Response childList(Call &call,
                   const storage::Collection &collection,
                   const QString &key,
                   const QString &sortBy,
                   bool descending)
{
    const QString workloadId = call.param(QStringLiteral("workloadId"));
    http::ListOptions options;
    options.defaultSortBy = sortBy;
    http::Request adjusted = call.request;
    if (!adjusted.hasQuery(QStringLiteral("sortOrder")) && descending)
        adjusted.query.addQueryItem(QStringLiteral("sortOrder"), QStringLiteral("desc"));
    Call inner {adjusted, call.controlPlane, call.store, call.subject, {}, {}, {}, {}, {}};
    ListPage page;
    if (auto error = listCollection(
            inner,
            collection,
            options,
            [&workloadId](const QJsonObject &item) {
                return item.value(QStringLiteral("workloadId")).toString() == workloadId;
            },
            &page))
        return *error;
    return pageReply(key, page);
}

} // namespace

// Filtering by the presented "stale" needs every candidate presented; otherwise only the page is,
// which keeps large lists (100k synced workloads) as fast as before.
bool filtersByStale(const Call &call)
{
    for (const QString &filter :
         call.request.query.allQueryItemValues(QStringLiteral("filterBy"), QUrl::FullyDecoded))
        if (filter.contains(QLatin1String("stale")))
            return true;
    return false;
}

Response listWorkloads(Call &call)
{
    const auto present = workloads::workloadPresenter(call.store);
    const bool presentFirst = filtersByStale(call);
    ListPage page;
    if (auto error = listCollection(call,
                                    call.store.workloads,
                                    workloadListOptions(),
                                    withDeleted(call, workloads::visibleWorkloads(call)),
                                    &page,
                                    presentFirst ? present : nullptr))
        return *error;
    if (!presentFirst)
        for (QJsonObject &item : page.items)
            item = present(item);
    return pageReply(QStringLiteral("workloads"), page);
}

Response countWorkloads(Call &call)
{
    ListPage page;
    if (auto error = listCollection(call,
                                    call.store.workloads,
                                    workloadListOptions(),
                                    withDeleted(call, workloads::visibleWorkloads(call)),
                                    &page,
                                    filtersByStale(call) ? workloads::workloadPresenter(call.store)
                                                         : nullptr,
                                    true))
        return *error;
    return jsonResponse(200, QJsonObject {{QStringLiteral("count"), page.total}});
}

Response getWorkload(Call &call)
{
    return jsonResponse(200,
                        workloads::workloadPresenter(call.store)(
                            call.store.workloads.value(call.param(QStringLiteral("workloadId")))));
}

Response workloadPods(Call &call)
{
    return childList(call,
                     call.store.pods,
                     QStringLiteral("pods"),
                     QStringLiteral("createdAt"),
                     false);
}

Response workloadEvents(Call &call)
{
    return childList(call,
                     call.store.events,
                     QStringLiteral("events"),
                     QStringLiteral("createdAt"),
                     true);
}

Response workloadHistory(Call &call)
{
    return childList(call,
                     call.store.history,
                     QStringLiteral("records"),
                     QStringLiteral("meta.creationTimestamp"),
                     false);
}

Response workloadMetrics(Call &call)
{
    const QString id = call.param(QStringLiteral("workloadId"));
    const QJsonObject sample = call.store.metrics.value(QStringLiteral("workload:") + id);
    const QStringList types = call.request.queryValue(QStringLiteral("metricType"))
                                  .split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (types.isEmpty())
        return errorResponse(400,
                             QStringLiteral(
                                 "Parameter 'metricType' is required, e.g. GPU_UTILIZATION."));
    QJsonArray measurements;
    for (const QString &type : types) {
        QJsonArray values;
        const QString field = type == QLatin1String("GPU_UTILIZATION")
                                  ? QStringLiteral("gpuUtilization")
                              : type == QLatin1String("GPU_MEMORY_USAGE_BYTES")
                                  ? QStringLiteral("gpuMemoryUsageBytes")
                                  : QString();
        // Keep the samples the cluster pushed (newest last); the value is a string, as in Run:ai.
        for (const QJsonValue &point : sample.value(QStringLiteral("series")).toArray()) {
            const QJsonObject p = point.toObject();
            if (!field.isEmpty() && p.contains(field))
                values.append(QJsonObject {{QStringLiteral("value"),
                                            QString::number(p.value(field).toDouble())},
                                           {QStringLiteral("timestamp"),
                                            p.value(QStringLiteral("timestamp"))}});
        }
        measurements.append(QJsonObject {{QStringLiteral("type"), type},
                                         {QStringLiteral("labels"), QJsonObject()},
                                         {QStringLiteral("values"), values}});
    }
    return jsonResponse(200, QJsonObject {{QStringLiteral("measurements"), measurements}});
}

Response listAllPods(Call &call)
{
    Store &store = call.store;
    const auto visible = workloads::visibleWorkloads(call);
    http::ListOptions options;
    options.defaultSortBy = QStringLiteral("createdAt");
    ListPage page;
    if (auto error = listCollection(
            call,
            store.pods,
            options,
            [&](const QJsonObject &pod) {
                if (!visible)
                    return true;
                const QJsonObject *workload = store.workloads.find(
                    pod.value(QStringLiteral("workloadId")).toString());
                return workload && visible(*workload);
            },
            &page))
        return *error;
    return pageReply(QStringLiteral("pods"), page);
}

Response workloadsTelemetry(Call &call)
{
    const QString type = call.request.queryValue(QStringLiteral("telemetryType"));
    if (type != QLatin1String("WORKLOADS_COUNT") && type != QLatin1String("GPU_ALLOCATION"))
        return errorResponse(
            400,
            QStringLiteral("Parameter 'telemetryType' must be WORKLOADS_COUNT or GPU_ALLOCATION."));
    const QString groupBy = call.request.queryValue(QStringLiteral("groupBy"));
    static const QHash<QString, QString>
        groupFields {{QStringLiteral("ClusterId"), QStringLiteral("clusterId")},
                     {QStringLiteral("DepartmentId"), QStringLiteral("departmentId")},
                     {QStringLiteral("ProjectId"), QStringLiteral("projectId")},
                     {QStringLiteral("Type"), QStringLiteral("type")},
                     {QStringLiteral("Phase"), QStringLiteral("phase")},
                     {QStringLiteral("Category"), QStringLiteral("category")}};
    if (!groupBy.isEmpty() && !groupFields.contains(groupBy))
        return errorResponse(400,
                             QStringLiteral("Parameter 'groupBy' must be one of %1.")
                                 .arg(QStringList(groupFields.keys()).join(QStringLiteral(", "))));
    const QStringList phases = call.request.queryValue(QStringLiteral("filterByPhases"))
                                   .split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QString clusterId = call.request.queryValue(QStringLiteral("clusterId"));
    const QString nodePool = call.request.queryValue(QStringLiteral("nodepoolName"));
    const auto visible = workloads::visibleWorkloads(call);
    QMap<QString, double> groups;
    for (const QJsonObject &workload : call.store.workloads.items()) {
        if (workload.value(QStringLiteral("deletedAt")).isString()
            || (visible && !visible(workload)))
            continue;
        if (!clusterId.isEmpty()
            && workload.value(QStringLiteral("clusterId")).toString() != clusterId)
            continue;
        if (!nodePool.isEmpty()
            && !workload.value(QStringLiteral("currentNodePools"))
                    .toArray()
                    .contains(QJsonValue(nodePool))
            && !workload.value(QStringLiteral("requestedNodePools"))
                    .toArray()
                    .contains(QJsonValue(nodePool)))
            continue;
        if (!phases.isEmpty()
            && !phases.contains(workload.value(QStringLiteral("phase")).toString()))
            continue;
        const QString key = groupBy.isEmpty()
                                ? QString()
                                : workload.value(groupFields.value(groupBy)).toVariant().toString();
        groups[key] += type == QLatin1String("WORKLOADS_COUNT")
                           ? 1
                           : workload.value(QStringLiteral("allocatedResources"))
                                 .toObject()
                                 .value(QStringLiteral("gpu"))
                                 .toDouble();
    }
    QJsonArray values;
    for (auto it = groups.constBegin(); it != groups.constEnd(); ++it) {
        QJsonArray groupList;
        if (!groupBy.isEmpty())
            groupList.append(QJsonObject {{QStringLiteral("key"), groupBy},
                                          {QStringLiteral("value"), it.key()},
                                          {QStringLiteral("name"), it.key()}});
        values.append(QJsonObject {{QStringLiteral("value"), QString::number(it.value())},
                                   {QStringLiteral("groups"), groupList}});
    }
    if (groups.isEmpty() && groupBy.isEmpty())
        values.append(QJsonObject {{QStringLiteral("value"), QStringLiteral("0")},
                                   {QStringLiteral("groups"), QJsonArray()}});
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("type"), type},
                                     {QStringLiteral("timestamp"), Store::now()},
                                     {QStringLiteral("values"), values}});
}

} // namespace gpudesk::core::handlers
