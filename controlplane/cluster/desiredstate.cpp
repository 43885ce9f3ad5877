#include "desiredstate.h"

namespace gpudesk::cluster {

namespace {

QString idString(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    return value.toString();
}

double numberOr(const QJsonValue &value, double fallback)
{
    return value.isDouble() ? value.toDouble() : fallback;
}

OrgUnit parseOrgUnit(const QJsonObject &o, qint64 order)
{
    OrgUnit unit;
    unit.id = idString(o.value(QLatin1String("id")));
    unit.name = o.value(QLatin1String("name")).toString();
    unit.parentId = idString(o.value(QLatin1String("parentId")));
    if (unit.parentId.isEmpty())
        unit.parentId = idString(o.value(QLatin1String("departmentId")));
    unit.createdOrder = order;
    for (const auto &v : o.value(QLatin1String("defaultNodePools")).toArray())
        unit.defaultNodePools.append(
            v.isObject() ? v.toObject().value(QLatin1String("name")).toString() : v.toString());
    for (const auto &rv : o.value(QLatin1String("resources")).toArray()) {
        const QJsonObject r = rv.toObject();
        QString pool
            = r.value(QLatin1String("nodePool")).toObject().value(QLatin1String("name")).toString();
        if (pool.isEmpty())
            pool = QStringLiteral("default");
        const QJsonObject gpu = r.value(QLatin1String("gpu")).toObject();
        PoolQuota quota;
        quota.gpuDeserved = numberOr(gpu.value(QLatin1String("deserved")), 0);
        quota.gpuLimit = numberOr(gpu.value(QLatin1String("limit")), -1);
        quota.overQuotaWeight = numberOr(gpu.value(QLatin1String("overQuotaWeight")), 2);
        unit.quotaByPool.insert(pool, quota);
    }
    return unit;
}

} // namespace

const OrgUnit *DesiredState::project(const QString &id) const
{
    for (const OrgUnit &p : projects)
        if (p.id == id)
            return &p;
    return nullptr;
}

const OrgUnit *DesiredState::projectByName(const QString &name) const
{
    for (const OrgUnit &p : projects)
        if (p.name == name)
            return &p;
    return nullptr;
}

const OrgUnit *DesiredState::department(const QString &id) const
{
    for (const OrgUnit &d : departments)
        if (d.id == id)
            return &d;
    return nullptr;
}

DesiredState parseDesiredState(const QJsonObject &reply)
{
    DesiredState state;
    state.received = true;
    state.cursor = idString(reply.value(QLatin1String("cursor")));
    qint64 order = 0;
    for (const auto &v : reply.value(QLatin1String("departments")).toArray())
        state.departments.append(parseOrgUnit(v.toObject(), order++));
    for (const auto &v : reply.value(QLatin1String("projects")).toArray())
        state.projects.append(parseOrgUnit(v.toObject(), order++));
    for (const auto &v : reply.value(QLatin1String("roles")).toArray())
        state.roles.append(rbac::Role::fromJson(v.toObject()));
    for (const auto &v : reply.value(QLatin1String("accessRules")).toArray())
        state.accessRules.append(rbac::AccessRule::fromJson(v.toObject()));
    state.tenantId = idString(reply.value(QLatin1String("tenantId")));
    for (const auto &v : reply.value(QLatin1String("submissions")).toArray()) {
        const QJsonObject o = v.toObject();
        QueuedSubmission s;
        s.id = idString(o.value(QLatin1String("id")));
        s.action = o.value(QLatin1String("action")).toString();
        s.type = o.value(QLatin1String("type")).toString();
        s.workloadId = o.value(QLatin1String("workloadId")).toString();
        s.body = o.value(QLatin1String("body")).toObject();
        s.submittedBy = o.value(QLatin1String("submittedBy")).toString();
        state.submissions.append(s);
    }
    return state;
}

} // namespace gpudesk::cluster
