#include "quotastatus.h"

#include <QJsonArray>

namespace gpudesk::core::org {

namespace {

// A department holds what its projects hold: summed over its projects, only when it is presented.
PoolUsage departmentUsage(const Store &store, const QString &departmentId)
{
    PoolUsage pools;
    const UsageTable &table = store.workloadUsage().table();
    for (const QJsonObject &project : store.projects.items()) {
        if (project.value(QStringLiteral("parentId")).toString() != departmentId)
            continue;
        const auto found = table.constFind(project.value(QStringLiteral("id")).toString());
        if (found == table.constEnd())
            continue;
        for (auto it = found->constBegin(); it != found->constEnd(); ++it)
            pools[it.key()].add(it.value());
    }
    return pools;
}

} // namespace

void addQuotaStatus(Store &store, QJsonObject *shown, bool isDepartment)
{
    const QString id = shown->value(QStringLiteral("id")).toString();
    const PoolUsage perPool = isDepartment ? departmentUsage(store, id)
                                           : store.workloadUsage().projectUsage(id);
    // Every pool of the object's quota is listed, idle ones with zeros.
    Usage total;
    QJsonArray statuses;
    QSet<QString> listed;
    for (const QJsonValue &value : shown->value(QStringLiteral("resources")).toArray()) {
        const QJsonObject pool = value.toObject().value(QStringLiteral("nodePool")).toObject();
        const QString name = pool.value(QStringLiteral("name")).toString(QStringLiteral("default"));
        if (listed.contains(name))
            continue;
        listed.insert(name);
        const Usage usage = perPool.value(name);
        total.add(usage);
        QJsonObject status = usage.toJson();
        status.insert(QStringLiteral("nodePool"),
                      QJsonObject {{QStringLiteral("id"), pool.value(QStringLiteral("id"))},
                                   {QStringLiteral("name"), name}});
        statuses.append(status);
    }
    QStringList others = perPool.keys();
    others.sort();
    for (const QString &name : others) {
        if (listed.contains(name))
            continue;
        const Usage usage = perPool.value(name);
        total.add(usage);
        QJsonObject status = usage.toJson();
        const QJsonObject pool
            = store.findByName(store.nodePools,
                               name,
                               shown->value(QStringLiteral("clusterId")).toString());
        status.insert(QStringLiteral("nodePool"),
                      QJsonObject {{QStringLiteral("id"),
                                    pool.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                   : pool.value(QStringLiteral("id"))},
                                   {QStringLiteral("name"), name}});
        statuses.append(status);
    }
    QJsonObject status = shown->value(QStringLiteral("status")).toObject();
    status.insert(QStringLiteral("quotaStatus"), total.toJson());
    status.insert(QStringLiteral("nodePoolQuotaStatuses"), statuses);
    shown->insert(QStringLiteral("status"), status);
    shown->insert(QStringLiteral("gpuAllocated"), total.allocated.gpuValue());
}

} // namespace gpudesk::core::org
