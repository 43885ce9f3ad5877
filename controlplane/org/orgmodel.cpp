#include "orgmodel.h"
#include "quotastatus.h"

#include <QDateTime>
#include <QJsonDocument>

namespace gpudesk::core::org {

namespace {

std::optional<Response> checkQuota(const QJsonObject &entry,
                                   const QString &resource,
                                   const QString &where,
                                   QJsonObject *out,
                                   bool required)
{
    const QJsonValue value = entry.value(resource);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return errorResponse(400, QStringLiteral("%1 needs a '%2' quota.").arg(where, resource));
        return std::nullopt;
    }
    if (!value.isObject())
        return errorResponse(400,
                             QStringLiteral(
                                 "%1: '%2' must be an object {deserved, limit, overQuotaWeight}.")
                                 .arg(where, resource));
    QJsonObject quota = value.toObject();
    static const QSet<QString> known {QStringLiteral("deserved"),
                                      QStringLiteral("limit"),
                                      QStringLiteral("overQuotaWeight"),
                                      QStringLiteral("units")};
    for (auto it = quota.constBegin(); it != quota.constEnd(); ++it) {
        if (!known.contains(it.key()))
            return errorResponse(400,
                                 QStringLiteral("%1: unknown field '%2.%3'.")
                                     .arg(where, resource, it.key()));
    }
    for (const char *key : {"deserved", "limit", "overQuotaWeight"}) {
        const QJsonValue number = quota.value(QLatin1String(key));
        if (number.isUndefined() || number.isNull())
            continue;
        if (!number.isDouble())
            return errorResponse(400,
                                 QStringLiteral("%1: '%2.%3' must be a number.")
                                     .arg(where, resource, QLatin1String(key)));
        // limit -1 means "no limit"; any other negative number is a mistake.
        const bool unlimited = QLatin1String(key) == QLatin1String("limit")
                               && number.toDouble() == -1;
        if (number.toDouble() < 0 && !unlimited)
            return errorResponse(400,
                                 QStringLiteral("%1: '%2.%3' cannot be negative (%4).")
                                     .arg(where, resource, QLatin1String(key))
                                     .arg(number.toDouble()));
    }
    if (!quota.contains(QStringLiteral("deserved"))
        || quota.value(QStringLiteral("deserved")).isNull())
        quota.insert(QStringLiteral("deserved"), 0);
    out->insert(resource, quota);
    return std::nullopt;
}

double deservedGpu(const QJsonObject &entry)
{
    return entry.value(QStringLiteral("gpu")).toObject().value(QStringLiteral("deserved")).toDouble();
}

QString poolName(const QJsonObject &entry)
{
    return entry.value(QStringLiteral("nodePool"))
        .toObject()
        .value(QStringLiteral("name"))
        .toString();
}

QString number(double value)
{
    return QString::number(value, 'g', 10);
}

} // namespace

std::optional<Response> normaliseResources(Store &store,
                                           const QString &clusterId,
                                           const QJsonArray &input,
                                           QJsonArray *output)
{
    QSet<QString> seen;
    for (qsizetype i = 0; i < input.size(); ++i) {
        const QString where = QStringLiteral("resources[%1]").arg(i);
        if (!input.at(i).isObject())
            return errorResponse(400, QStringLiteral("%1 must be an object.").arg(where));
        const QJsonObject entry = input.at(i).toObject();
        static const QSet<QString> known {QStringLiteral("nodePool"),
                                          QStringLiteral("gpu"),
                                          QStringLiteral("cpu"),
                                          QStringLiteral("memory"),
                                          QStringLiteral("priority")};
        for (auto it = entry.constBegin(); it != entry.constEnd(); ++it) {
            if (!known.contains(it.key()))
                return errorResponse(400,
                                     QStringLiteral("%1: unknown field '%2'.").arg(where, it.key()));
        }
        const QJsonObject requested = entry.value(QStringLiteral("nodePool")).toObject();
        const QString wantedId = requested.value(QStringLiteral("id")).isDouble()
                                     ? QString::number(requested.value(QStringLiteral("id")).toInt())
                                     : requested.value(QStringLiteral("id")).toString();
        const QString wantedName = requested.value(QStringLiteral("name")).toString();
        QJsonObject pool;
        for (const QJsonObject &candidate : store.nodePools.items()) {
            if (candidate.value(QStringLiteral("clusterId")).toString() != clusterId)
                continue;
            if ((!wantedId.isEmpty() && candidate.value(QStringLiteral("id")).toString() == wantedId)
                || (wantedId.isEmpty()
                    && candidate.value(QStringLiteral("name")).toString() == wantedName))
                pool = candidate;
        }
        if (pool.isEmpty()) {
            if (wantedId.isEmpty() && wantedName.isEmpty())
                return errorResponse(
                    400,
                    QStringLiteral("%1 must name its node pool (nodePool.id or nodePool.name).")
                        .arg(where));
            return errorResponse(400,
                                 QStringLiteral("%1: the cluster has no node pool '%2'.")
                                     .arg(where, wantedName.isEmpty() ? wantedId : wantedName));
        }
        const QString name = pool.value(QStringLiteral("name")).toString();
        if (seen.contains(name))
            return errorResponse(400,
                                 QStringLiteral("%1: node pool '%2' appears twice.")
                                     .arg(where, name));
        seen.insert(name);
        QJsonObject normalised {
            {QStringLiteral("nodePool"),
             QJsonObject {{QStringLiteral("id"), pool.value(QStringLiteral("id"))},
                          {QStringLiteral("name"), name}}}};
        if (auto error = checkQuota(entry, QStringLiteral("gpu"), where, &normalised, true))
            return error;
        if (auto error = checkQuota(entry, QStringLiteral("cpu"), where, &normalised, false))
            return error;
        if (auto error = checkQuota(entry, QStringLiteral("memory"), where, &normalised, false))
            return error;
        if (entry.contains(QStringLiteral("priority"))
            && !entry.value(QStringLiteral("priority")).isString()
            && !entry.value(QStringLiteral("priority")).isNull())
            return errorResponse(400, QStringLiteral("%1: 'priority' must be a string.").arg(where));
        normalised.insert(QStringLiteral("priority"),
                          entry.value(QStringLiteral("priority")).isString()
                              ? entry.value(QStringLiteral("priority"))
                              : QJsonValue(QStringLiteral("Normal")));
        output->append(normalised);
    }
    return std::nullopt;
}

QJsonObject defaultPoolResources(const QJsonValue &poolId, const QJsonValue &poolName)
{
    return QJsonObject {{QStringLiteral("nodePool"),
                         QJsonObject {{QStringLiteral("id"), poolId},
                                      {QStringLiteral("name"), poolName}}},
                        {QStringLiteral("gpu"),
                         QJsonObject {{QStringLiteral("deserved"), 0},
                                      {QStringLiteral("limit"), -1},
                                      {QStringLiteral("overQuotaWeight"), 2}}},
                        {QStringLiteral("cpu"),
                         QJsonObject {{QStringLiteral("deserved"), 0},
                                      {QStringLiteral("limit"), -1}}},
                        {QStringLiteral("memory"),
                         QJsonObject {{QStringLiteral("deserved"), 0},
                                      {QStringLiteral("limit"), -1},
                                      {QStringLiteral("units"), QStringLiteral("Mib")}}},
                        {QStringLiteral("priority"), QStringLiteral("Normal")}};
}

QJsonArray defaultResources(Store &store, const QString &clusterId)
{
    QJsonArray out;
    for (const QJsonObject &pool : store.nodePools.items()) {
        if (pool.value(QStringLiteral("clusterId")).toString() != clusterId)
            continue;
        out.append(defaultPoolResources(pool.value(QStringLiteral("id")),
                                        pool.value(QStringLiteral("name"))));
    }
    return out;
}

QString clusterState(const QJsonObject &cluster)
{
    const QString liveness = cluster.value(QStringLiteral("lastLiveness")).toString();
    if (liveness.isEmpty())
        return QStringLiteral("WaitingToConnect");
    const QDateTime last = QDateTime::fromString(liveness, Qt::ISODateWithMs);
    return last.isValid()
                   && last.secsTo(QDateTime::currentDateTimeUtc()) <= livenessThresholdSeconds
               ? QStringLiteral("Connected")
               : QStringLiteral("Disconnected");
}

QJsonObject presentCluster(const Store &, const QJsonObject &cluster)
{
    QJsonObject shown = cluster;
    const QString state = clusterState(cluster);
    QJsonObject status = cluster.value(QStringLiteral("status")).toObject();
    status.insert(QStringLiteral("state"), state);
    if (!status.contains(QStringLiteral("conditions")))
        status.insert(QStringLiteral("conditions"), QJsonArray());
    shown.insert(QStringLiteral("status"), status);
    return shown;
}

static QJsonObject totals(const QJsonArray &resources)
{
    double gpu = 0, cpu = 0, memory = 0;
    for (const QJsonValue &value : resources) {
        const QJsonObject entry = value.toObject();
        gpu += deservedGpu(entry);
        cpu += entry.value(QStringLiteral("cpu"))
                   .toObject()
                   .value(QStringLiteral("deserved"))
                   .toDouble();
        memory += entry.value(QStringLiteral("memory"))
                      .toObject()
                      .value(QStringLiteral("deserved"))
                      .toDouble();
    }
    return QJsonObject {{QStringLiteral("gpuQuota"), gpu},
                        {QStringLiteral("cpuQuota"), cpu},
                        {QStringLiteral("memoryQuota"), memory}};
}

QJsonObject presentDepartment(Store &store, const QJsonObject &department)
{
    QJsonObject shown = department;
    const QString id = department.value(QStringLiteral("id")).toString();
    QJsonArray children;
    QHash<QString, double> aggregated;
    for (const QJsonObject &project : store.projects.items()) {
        if (project.value(QStringLiteral("parentId")).toString() != id)
            continue;
        children.append(QJsonObject {{QStringLiteral("id"), project.value(QStringLiteral("id"))},
                                     {QStringLiteral("name"), project.value(QStringLiteral("name"))},
                                     {QStringLiteral("children"), QJsonArray()}});
        for (const QJsonValue &value : project.value(QStringLiteral("resources")).toArray())
            aggregated[poolName(value.toObject())] += deservedGpu(value.toObject());
    }
    QJsonArray aggregatedList;
    for (auto it = aggregated.constBegin(); it != aggregated.constEnd(); ++it)
        aggregatedList.append(
            QJsonObject {{QStringLiteral("nodePool"),
                          QJsonObject {{QStringLiteral("name"), it.key()}}},
                         {QStringLiteral("gpu"),
                          QJsonObject {{QStringLiteral("deserved"), it.value()}}}});
    shown.insert(QStringLiteral("children"), children);
    shown.insert(QStringLiteral("projectsAggregatedResources"), aggregatedList);
    shown.insert(QStringLiteral("totalResources"),
                 totals(department.value(QStringLiteral("resources")).toArray()));
    shown.insert(QStringLiteral("totalGpuQuota"),
                 totals(department.value(QStringLiteral("resources")).toArray())
                     .value(QStringLiteral("gpuQuota")));
    addQuotaStatus(store, &shown, true);
    return shown;
}

QJsonObject presentProject(Store &store, const QJsonObject &project)
{
    QJsonObject shown = project;
    const QJsonObject department = store.departments.value(
        project.value(QStringLiteral("parentId")).toString());
    shown.insert(QStringLiteral("parentName"), department.value(QStringLiteral("name")));
    shown.insert(QStringLiteral("departmentId"), project.value(QStringLiteral("parentId")));
    shown.insert(QStringLiteral("parent"),
                 QJsonObject {{QStringLiteral("id"), department.value(QStringLiteral("id"))},
                              {QStringLiteral("name"), department.value(QStringLiteral("name"))},
                              {QStringLiteral("parent"), QJsonValue::Null}});
    shown.insert(QStringLiteral("totalResources"),
                 totals(project.value(QStringLiteral("resources")).toArray()));
    shown.insert(QStringLiteral("totalGpuQuota"),
                 totals(project.value(QStringLiteral("resources")).toArray())
                     .value(QStringLiteral("gpuQuota")));
    addQuotaStatus(store, &shown, false);
    return shown;
}

// Everything a presented department or project reads besides itself and its quota usage (a workload
// write drops just the entries whose usage it changed: Store::workloadChanged()).
static PresentationCache::Generation presentationGeneration(const Store &store)
{
    return {store.projects.generation(),
            store.departments.generation(),
            store.nodePoolNamesGeneration()};
}

const PresentationCache::Entry &presentedDepartment(Store &store, const QJsonObject &department)
{
    return store.presentedDepartments.get(presentationGeneration(store),
                                          department.value(QStringLiteral("id")).toString(),
                                          [&] { return presentDepartment(store, department); });
}

const PresentationCache::Entry &presentedProject(Store &store, const QJsonObject &project)
{
    return store.presentedProjects.get(presentationGeneration(store),
                                       project.value(QStringLiteral("id")).toString(),
                                       [&] { return presentProject(store, project); });
}

QStringList quotaShortfallWarnings(Store &store, const QString &departmentId)
{
    const QJsonObject department = store.departments.value(departmentId);
    if (department.isEmpty())
        return {};
    QHash<QString, double> projectSums;
    for (const QJsonObject &project : store.projects.items()) {
        if (project.value(QStringLiteral("parentId")).toString() != departmentId)
            continue;
        for (const QJsonValue &value : project.value(QStringLiteral("resources")).toArray())
            projectSums[poolName(value.toObject())] += deservedGpu(value.toObject());
    }
    QHash<QString, double> departmentQuota;
    for (const QJsonValue &value : department.value(QStringLiteral("resources")).toArray())
        departmentQuota[poolName(value.toObject())] += deservedGpu(value.toObject());
    QStringList warnings;
    QStringList pools = projectSums.keys();
    pools.sort();
    for (const QString &pool : pools) {
        const double sum = projectSums.value(pool);
        const double quota = departmentQuota.value(pool);
        if (quota < sum)
            warnings.append(
                QStringLiteral(
                    "Department '%1' has %2 GPU(s) of quota in node pool '%3' but its projects "
                    "together have %4: a shortfall of %5 GPU(s). Projects may not get their "
                    "deserved quota.")
                    .arg(department.value(QStringLiteral("name")).toString(),
                         number(quota),
                         pool,
                         number(sum),
                         number(sum - quota)));
    }
    return warnings;
}

Response withWarnings(Response response, const QStringList &warnings)
{
    if (warnings.isEmpty())
        return response;
    if (response.body.startsWith('{')) { // list bodies keep their shape; the header still warns
        QJsonObject body = QJsonDocument::fromJson(response.body).object();
        body.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
        response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    QString header = warnings.first();
    header.replace(QLatin1Char('"'), QLatin1Char('\''));
    response.setHeader("Warning", "299 gpudesk \"" + header.toUtf8() + '"');
    return response;
}

void ensureDefaultNodePool(Store &store, const QString &clusterId, const QString &by)
{
    for (const QJsonObject &pool : store.nodePools.items()) {
        if (pool.value(QStringLiteral("clusterId")).toString() == clusterId
            && pool.value(QStringLiteral("name")).toString() == QLatin1String("default"))
            return;
    }
    const QString id = store.nextId(QStringLiteral("nodepool"));
    const QJsonObject pool {{QStringLiteral("id"), id},
                            {QStringLiteral("name"), QStringLiteral("default")},
                            {QStringLiteral("clusterId"), clusterId},
                            {QStringLiteral("clusterName"),
                             store.clusters.value(clusterId).value(QStringLiteral("name"))},
                            {QStringLiteral("tenantId"), store.tenantId().toInt()},
                            {QStringLiteral("labelKey"), QString()},
                            {QStringLiteral("labelValue"), QString()},
                            {QStringLiteral("isDefault"), true},
                            {QStringLiteral("phase"), QStringLiteral("Empty")},
                            {QStringLiteral("placementStrategy"),
                             QJsonObject {{QStringLiteral("cpu"), QStringLiteral("binpack")},
                                          {QStringLiteral("gpu"), QStringLiteral("binpack")}}},
                            {QStringLiteral("status"),
                             QJsonObject {{QStringLiteral("nodes"), QJsonArray()}}}};
    store.nodePools.put(id, Store::stamp(pool, by));
}

} // namespace gpudesk::core::org
