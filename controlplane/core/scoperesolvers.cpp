// Scope resolvers: how a route finds the org scope that the caller's permissions must cover.
#include "apiroute.h"
#include "store.h"

#include <QJsonDocument>

namespace gpudesk::core::scopes {

using http::errorResponse;
using rbac::Scope;
using rbac::ScopeType;

namespace {

ScopeResult found(const Scope &scope)
{
    ScopeResult result;
    result.scope = scope;
    return result;
}

ScopeResult notFound(const QString &what, const QString &id)
{
    ScopeResult result;
    result.error = errorResponse(404, QStringLiteral("There is no %1 with id '%2'.").arg(what, id));
    return result;
}

ScopeResult badRequest(const QString &message)
{
    ScopeResult result;
    result.error = errorResponse(400, message);
    return result;
}

// Reads one string (or number) field from a JSON body without judging the rest; the handler does that.
std::optional<QString> bodyField(Call &call, const QString &field, ScopeResult *error)
{
    const QJsonDocument document = QJsonDocument::fromJson(call.request.body);
    if (!document.isObject()) {
        *error = badRequest(
            QStringLiteral("The body must be a JSON object with the field '%1'.").arg(field));
        return std::nullopt;
    }
    const QJsonValue value = document.object().value(field);
    if (value.isString() && !value.toString().isEmpty())
        return value.toString();
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    *error = badRequest(QStringLiteral("Field '%1' is required.").arg(field));
    return std::nullopt;
}

} // namespace

ScopeResolver tenant()
{
    return [](Call &call) { return found(call.store.tenantScope()); };
}

ScopeResolver list()
{
    return [](Call &) {
        ScopeResult result;
        result.list = true;
        return result;
    };
}

ScopeResolver projectParam(const QString &param)
{
    return [param](Call &call) {
        const QString id = call.param(param);
        const auto scope = call.store.projectScope(id);
        return scope ? found(*scope) : notFound(QStringLiteral("project"), id);
    };
}

ScopeResolver departmentParam(const QString &param)
{
    return [param](Call &call) {
        const QString id = call.param(param);
        const auto scope = call.store.departmentScope(id);
        return scope ? found(*scope) : notFound(QStringLiteral("department"), id);
    };
}

ScopeResolver clusterParam(const QString &param)
{
    return [param](Call &call) {
        const QString id = call.param(param);
        const auto scope = call.store.clusterScope(id);
        return scope ? found(*scope) : notFound(QStringLiteral("cluster"), id);
    };
}

ScopeResolver nodePoolParam(const QString &param)
{
    return [param](Call &call) {
        const QString id = call.param(param);
        const QJsonObject *pool = call.store.nodePools.find(id);
        if (!pool)
            return notFound(QStringLiteral("node pool"), id);
        return found(
            Scope {ScopeType::Cluster, pool->value(QStringLiteral("clusterId")).toString()});
    };
}

ScopeResolver nodeParam(const QString &param)
{
    return [param](Call &call) {
        const QString id = call.param(param);
        const QJsonObject *node = call.store.nodes.find(id);
        if (!node)
            return notFound(QStringLiteral("node"), id);
        return found(
            Scope {ScopeType::Cluster, node->value(QStringLiteral("clusterUuid")).toString()});
    };
}

ScopeResolver workloadParam(const QString &param)
{
    return [param](Call &call) {
        const QString id = call.param(param);
        const QJsonObject *workload = call.store.workloads.find(id);
        if (!workload)
            return notFound(QStringLiteral("workload"), id);
        const QString projectId = workload->value(QStringLiteral("projectId")).toString();
        if (call.store.projects.contains(projectId))
            return found(Scope {ScopeType::Project, projectId});
        return found(
            Scope {ScopeType::Cluster, workload->value(QStringLiteral("clusterId")).toString()});
    };
}

ScopeResolver projectInBody(const QString &field)
{
    return [field](Call &call) {
        ScopeResult error;
        const auto id = bodyField(call, field, &error);
        if (!id)
            return error;
        const auto scope = call.store.projectScope(*id);
        return scope ? found(*scope)
                     : badRequest(QStringLiteral("There is no project with id '%1'.").arg(*id));
    };
}

ScopeResolver departmentInBody(const QString &field)
{
    return [field](Call &call) {
        ScopeResult error;
        const auto id = bodyField(call, field, &error);
        if (!id)
            return error;
        const auto scope = call.store.departmentScope(*id);
        return scope ? found(*scope)
                     : badRequest(QStringLiteral("There is no department with id '%1'.").arg(*id));
    };
}

ScopeResolver clusterInBody(const QString &field)
{
    return [field](Call &call) {
        ScopeResult error;
        const auto id = bodyField(call, field, &error);
        if (!id)
            return error;
        const auto scope = call.store.clusterScope(*id);
        return scope ? found(*scope)
                     : badRequest(QStringLiteral("There is no cluster with id '%1'.").arg(*id));
    };
}

static ScopeResult scopeOf(Call &call, const QString &typeName, const QString &id)
{
    const auto type = rbac::scopeTypeFromName(typeName);
    if (!type)
        return badRequest(QStringLiteral(
            "Field 'scopeType' must be one of system, tenant, cluster, department, project."));
    const Scope scope {*type, *type == ScopeType::System ? QString() : id};
    if (*type == ScopeType::Tenant && id != call.store.tenantId())
        return badRequest(QStringLiteral("There is no tenant with id '%1'.").arg(id));
    if (!call.store.orgTree().contains(scope))
        return badRequest(QStringLiteral("There is no %1 with id '%2'.").arg(typeName, id));
    return found(scope);
}

ScopeResolver accessRuleInBody()
{
    return [](Call &call) {
        ScopeResult error;
        const auto type = bodyField(call, QStringLiteral("scopeType"), &error);
        if (!type)
            return error;
        const auto id = bodyField(call, QStringLiteral("scopeId"), &error);
        if (!id && *type != QLatin1String("system"))
            return error;
        return scopeOf(call, *type, id.value_or(QString()));
    };
}

ScopeResolver accessRuleParam(const QString &param)
{
    return [param](Call &call) {
        const QString id = call.param(param);
        const QJsonObject *rule = call.store.accessRules.find(id);
        if (!rule)
            return notFound(QStringLiteral("access rule"), id);
        ScopeResult result = scopeOf(call,
                                     rule->value(QStringLiteral("scopeType")).toString(),
                                     rule->value(QStringLiteral("scopeId")).toString());
        if (result.error) // the scope was deleted since; only tenant-wide admins may see the rule
            return found(call.store.tenantScope());
        return result;
    };
}

} // namespace gpudesk::core::scopes
