// /api/v1/node-pools: the "default" pool always exists per cluster; clusters sync pool status.
#include "core/controlplane.h"
#include "core/handlers.h"
#include "orgmodel.h"

namespace gpudesk::core::handlers {

namespace {

http::ListOptions poolListOptions()
{
    http::ListOptions options;
    options.filterFields = {QStringLiteral("name"),
                            QStringLiteral("clusterId"),
                            QStringLiteral("phase"),
                            QStringLiteral("createdAt"),
                            QStringLiteral("updatedAt"),
                            QStringLiteral("id"),
                            QStringLiteral("isDefault")};
    options.sortFields = options.filterFields;
    options.defaultSortBy = QStringLiteral("name");
    return options;
}

std::optional<Response> readPlacement(http::FieldReader &reader, QJsonObject *pool)
{
    if (!reader.has(QStringLiteral("placementStrategy")))
        return std::nullopt;
    const QJsonObject placement = reader.optionalObject(QStringLiteral("placementStrategy"));
    for (auto it = placement.constBegin(); it != placement.constEnd(); ++it) {
        if (it.key() != QLatin1String("cpu") && it.key() != QLatin1String("gpu"))
            return errorResponse(400,
                                 QStringLiteral("placementStrategy has cpu and gpu only, not '%1'.")
                                     .arg(it.key()));
        if (it.value().toString() != QLatin1String("spread")
            && it.value().toString() != QLatin1String("binpack"))
            return errorResponse(400,
                                 QStringLiteral("placementStrategy.%1 must be spread or binpack.")
                                     .arg(it.key()));
    }
    QJsonObject merged = pool->value(QStringLiteral("placementStrategy")).toObject();
    for (auto it = placement.constBegin(); it != placement.constEnd(); ++it)
        merged.insert(it.key(), it.value());
    pool->insert(QStringLiteral("placementStrategy"), merged);
    return std::nullopt;
}

} // namespace

Response listNodePools(Call &call)
{
    const auto visible = visibleByScope(call,
                                        QStringLiteral("nodepools"),
                                        QStringLiteral("clusterId"),
                                        rbac::ScopeType::Cluster);
    ListPage page;
    if (auto error = listCollection(call, call.store.nodePools, poolListOptions(), visible, &page))
        return *error;
    return pageReply(QStringLiteral("nodepools"), page);
}

Response countNodePools(Call &call)
{
    const auto visible = visibleByScope(call,
                                        QStringLiteral("nodepools"),
                                        QStringLiteral("clusterId"),
                                        rbac::ScopeType::Cluster);
    ListPage page;
    if (auto error
        = listCollection(call, call.store.nodePools, poolListOptions(), visible, &page, {}, true))
        return *error;
    return jsonResponse(200, QJsonObject {{QStringLiteral("count"), page.total}});
}

Response createNodePool(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QString name = reader.requiredString(QStringLiteral("name"));
    const QString clusterId = reader.requiredString(QStringLiteral("clusterId"));
    const QString labelKey = reader.requiredString(QStringLiteral("labelKey"));
    const QString labelValue = reader.requiredString(QStringLiteral("labelValue"));
    reader.allow({QStringLiteral("overProvisioningRatio"),
                  QStringLiteral("gpuNetworkAccelerationDetection"),
                  QStringLiteral("gpuResourceOptimization"),
                  QStringLiteral("schedulingConfiguration"),
                  QStringLiteral("networkTopologyId"),
                  QStringLiteral("gpuNetworkAccelerationLabelKey")});
    QJsonObject pool {{QStringLiteral("placementStrategy"),
                       QJsonObject {{QStringLiteral("cpu"), QStringLiteral("binpack")},
                                    {QStringLiteral("gpu"), QStringLiteral("binpack")}}}};
    if (auto error = readPlacement(reader, &pool))
        return *error;
    if (auto error = reader.finish())
        return *error;
    if (!isValidName(name))
        return errorResponse(400, invalidNameMessage(QStringLiteral("node pool"), name));
    if (!call.store.findByName(call.store.nodePools, name, clusterId).isEmpty())
        return errorResponse(409,
                             QStringLiteral("The cluster already has a node pool named '%1'.")
                                 .arg(name));
    const QString id = call.store.nextId(QStringLiteral("nodepool"));
    pool.insert(QStringLiteral("id"), id);
    pool.insert(QStringLiteral("name"), name);
    pool.insert(QStringLiteral("clusterId"), clusterId);
    pool.insert(QStringLiteral("clusterName"),
                call.store.clusters.value(clusterId).value(QStringLiteral("name")));
    pool.insert(QStringLiteral("tenantId"), call.store.tenantId().toInt());
    pool.insert(QStringLiteral("labelKey"), labelKey);
    pool.insert(QStringLiteral("labelValue"), labelValue);
    pool.insert(QStringLiteral("isDefault"), false);
    pool.insert(QStringLiteral("phase"), QStringLiteral("Empty"));
    pool.insert(QStringLiteral("status"), QJsonObject {{QStringLiteral("nodes"), QJsonArray()}});
    for (const char *key : {"schedulingConfiguration", "gpuResourceOptimization"})
        if (body.object.value(QLatin1String(key)).isObject())
            pool.insert(QLatin1String(key), body.object.value(QLatin1String(key)));
    pool = Store::stamp(pool, call.who());
    if (!call.store.nodePools.put(id, pool))
        return storageFailure();
    // A new pool joins every project and department of its cluster with 0 GPU quota.
    for (storage::Collection *units : {&call.store.departments, &call.store.projects}) {
        for (const QString &key : units->items().keys()) {
            QJsonObject unit = units->value(key);
            if (unit.value(QStringLiteral("clusterId")).toString() != clusterId)
                continue;
            QJsonArray resources = unit.value(QStringLiteral("resources")).toArray();
            resources.append(org::defaultPoolResources(id, name));
            unit.insert(QStringLiteral("resources"), resources);
            units->put(key, unit);
        }
    }
    return jsonResponse(201, pool);
}

Response getNodePool(Call &call)
{
    return jsonResponse(200, call.store.nodePools.value(call.param(QStringLiteral("nodepoolId"))));
}

Response updateNodePool(Call &call)
{
    const QJsonObject previous = call.store.nodePools.value(
        call.param(QStringLiteral("nodepoolId")));
    if (auto conflict = checkIfMatch(call.request, previous))
        return *conflict;
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    QJsonObject pool = previous;
    const bool isDefault = previous.value(QStringLiteral("isDefault")).toBool();
    for (const char *key : {"labelKey", "labelValue"}) {
        if (reader.has(QLatin1String(key))) {
            if (isDefault)
                return errorResponse(400,
                                     QStringLiteral(
                                         "The default node pool has no label to change."));
            pool.insert(QLatin1String(key), reader.optionalString(QLatin1String(key)));
        }
    }
    const QString name = reader.optionalString(QStringLiteral("name"),
                                               previous.value(QStringLiteral("name")).toString());
    if (name != previous.value(QStringLiteral("name")).toString())
        return errorResponse(400, QStringLiteral("A node pool's name cannot be changed."));
    if (auto error = readPlacement(reader, &pool))
        return *error;
    for (const char *key : {"schedulingConfiguration", "gpuResourceOptimization"}) {
        if (reader.has(QLatin1String(key)))
            pool.insert(QLatin1String(key), reader.optionalObject(QLatin1String(key)));
    }
    reader.allow(previous.keys());
    if (auto error = reader.finish())
        return *error;
    pool = Store::stamp(pool, call.who(), previous);
    if (!call.store.nodePools.put(pool.value(QStringLiteral("id")).toString(), pool))
        return storageFailure();
    return jsonResponse(200, pool);
}

Response deleteNodePool(Call &call)
{
    const QString id = call.param(QStringLiteral("nodepoolId"));
    const QJsonObject pool = call.store.nodePools.value(id);
    if (pool.value(QStringLiteral("isDefault")).toBool()
        || pool.value(QStringLiteral("name")).toString() == QLatin1String("default"))
        return errorResponse(400,
                             QStringLiteral(
                                 "The default node pool always exists and cannot be deleted."));
    if (!call.store.nodePools.remove(id))
        return storageFailure();
    const QString name = pool.value(QStringLiteral("name")).toString();
    for (storage::Collection *units : {&call.store.departments, &call.store.projects}) {
        for (const QString &key : units->items().keys()) {
            QJsonObject unit = units->value(key);
            QJsonArray kept;
            for (const QJsonValue &entry : unit.value(QStringLiteral("resources")).toArray())
                if (entry.toObject()
                        .value(QStringLiteral("nodePool"))
                        .toObject()
                        .value(QStringLiteral("id"))
                        .toString()
                    != id)
                    kept.append(entry);
            if (kept.size() != unit.value(QStringLiteral("resources")).toArray().size()) {
                unit.insert(QStringLiteral("resources"), kept);
                units->put(key, unit);
            }
        }
    }
    call.auditEntityName = name;
    return jsonResponse(202,
                        QJsonObject {{QStringLiteral("code"), 202},
                                     {QStringLiteral("message"),
                                      QStringLiteral("The node pool is being deleted.")}});
}

} // namespace gpudesk::core::handlers
