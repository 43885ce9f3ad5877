// /api/v1/authorization/access-rules: subject × role × scope. One rule per subject/role/scope; no edit.
#include "core/apihelpers.h"
#include "core/controlplane.h"
#include "core/handlers.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gpudesk::core::handlers {

namespace {

const QStringList subjectTypes {QStringLiteral("user"),
                                QStringLiteral("app"),
                                QStringLiteral("service-account"),
                                QStringLiteral("group")};

http::ListOptions ruleListOptions()
{
    http::ListOptions options;
    options.filterFields = {QStringLiteral("subjectId"),
                            QStringLiteral("subjectType"),
                            QStringLiteral("roleId"),
                            QStringLiteral("scopeId"),
                            QStringLiteral("scopeType"),
                            QStringLiteral("roleName"),
                            QStringLiteral("scopeName"),
                            QStringLiteral("createdAt"),
                            QStringLiteral("createdBy"),
                            QStringLiteral("clusterId")};
    options.sortFields = options.filterFields;
    options.searchFields = {QStringLiteral("subjectId"),
                            QStringLiteral("roleName"),
                            QStringLiteral("scopeName")};
    options.defaultSortBy = QStringLiteral("id");
    return options;
}

rbac::Scope scopeOfRule(const QJsonObject &rule)
{
    return rbac::Scope {rbac::scopeTypeFromName(rule.value(QStringLiteral("scopeType")).toString())
                            .value_or(rbac::ScopeType::Tenant),
                        rule.value(QStringLiteral("scopeId")).toString()};
}

std::function<bool(const QJsonObject &)> visibleRules(
    const Call &call, const QString &action = QStringLiteral("read"))
{
    const rbac::Authorizer &authorizer = call.store.authorizer();
    const rbac::Subject subject = call.subject;
    return [&authorizer, subject, action, &call](const QJsonObject &rule) {
        const rbac::Scope scope = scopeOfRule(rule);
        const rbac::Scope target = authorizer.tree().contains(scope) ? scope
                                                                     : call.store.tenantScope();
        return authorizer.allowed(subject, QStringLiteral("access_rules"), action, target);
    };
}

struct NewRule
{
    QString subjectId, subjectType, scopeId, scopeType, clusterId;
    int roleId = 0;
};

// Creates one rule after checking it; returns 201 + the rule or the error.
Response createRule(Call &call, const NewRule &request)
{
    if (!subjectTypes.contains(request.subjectType))
        return errorResponse(
            400, QStringLiteral("Field 'subjectType' must be user, service-account, app or group."));
    if (request.subjectId.trimmed().isEmpty())
        return errorResponse(400, QStringLiteral("Field 'subjectId' is required."));
    const auto role = call.store.findRole(request.roleId);
    if (!role)
        return errorResponse(400,
                             QStringLiteral("There is no role with id %1.").arg(request.roleId));
    const auto scopeType = rbac::scopeTypeFromName(request.scopeType);
    if (!scopeType)
        return errorResponse(
            400,
            QStringLiteral(
                "Field 'scopeType' must be one of system, tenant, cluster, department, project."));
    const rbac::Scope scope {*scopeType,
                             *scopeType == rbac::ScopeType::System ? QString() : request.scopeId};
    const rbac::OrgTree &tree = call.store.orgTree();
    if (!tree.contains(scope))
        return errorResponse(400,
                             QStringLiteral("There is no %1 with id '%2'.")
                                 .arg(request.scopeType, request.scopeId));
    if (!call.can(QStringLiteral("access_rules"), QStringLiteral("create"), scope))
        return errorResponse(403,
                             QStringLiteral(
                                 "You are not allowed to create access rules in this scope."));
    // No privilege escalation: the caller must hold every permission of the role in that scope.
    for (auto it = role->permissions.constBegin(); it != role->permissions.constEnd(); ++it) {
        for (const QString &action : it.value()) {
            if (!call.can(it.key(), action, scope))
                return errorResponse(403,
                                     QStringLiteral(
                                         "You cannot grant the role '%1' here: it allows %2 on %3, "
                                         "which you do not have in this scope.")
                                         .arg(role->name, action, it.key()));
        }
    }
    if (request.subjectType == QLatin1String("user")
        && call.store.findUserByEmail(request.subjectId).isEmpty()
        && !call.store.users.contains(request.subjectId))
        return errorResponse(400, QStringLiteral("There is no user '%1'.").arg(request.subjectId));
    for (const QJsonObject &existing : call.store.accessRules.items()) {
        if (existing.value(QStringLiteral("subjectId")).toString() == request.subjectId
            && existing.value(QStringLiteral("subjectType")).toString() == request.subjectType
            && existing.value(QStringLiteral("roleId")).toInt() == request.roleId
            && scopeOfRule(existing) == scope)
            return errorResponse(409,
                                 QStringLiteral("This access rule already exists (id %1).")
                                     .arg(existing.value(QStringLiteral("id")).toInt()));
    }
    const int id = int(call.store.nextNumber(QStringLiteral("access-rule")));
    QString clusterId = request.clusterId;
    if (clusterId.isEmpty() && scope.type == rbac::ScopeType::Cluster)
        clusterId = scope.id;
    QJsonObject rule {{QStringLiteral("id"), id},
                      {QStringLiteral("subjectId"), request.subjectId},
                      {QStringLiteral("subjectType"), request.subjectType},
                      {QStringLiteral("roleId"), request.roleId},
                      {QStringLiteral("roleName"), role->name},
                      {QStringLiteral("scopeId"), scope.id},
                      {QStringLiteral("scopeType"), request.scopeType},
                      {QStringLiteral("scopeName"),
                       scope.type == rbac::ScopeType::Tenant ? call.store.tenantName()
                                                             : tree.name(scope)},
                      {QStringLiteral("clusterId"),
                       clusterId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(clusterId)},
                      {QStringLiteral("tenantId"), call.store.tenantId().toInt()},
                      {QStringLiteral("deletedAt"), QJsonValue::Null},
                      {QStringLiteral("status"),
                       QJsonObject {{QStringLiteral("phase"), QStringLiteral("Ready")}}}};
    rule = Store::stamp(rule, call.who());
    if (!call.store.accessRules.put(QString::number(id), rule))
        return storageFailure();
    return jsonResponse(201, rule);
}

Response listRulesWith(Call &call,
                       const std::function<bool(const QJsonObject &)> &visible,
                       bool countOnly)
{
    // Direct query parameters of the OAS (subjectType=user&roleId=3...) narrow the list too.
    const QStringList direct {QStringLiteral("subjectType"),
                              QStringLiteral("roleId"),
                              QStringLiteral("scopeType"),
                              QStringLiteral("scopeId"),
                              QStringLiteral("clusterId")};
    QHash<QString, QString> wanted;
    for (const QString &key : direct) {
        if (call.request.hasQuery(key))
            wanted.insert(key, call.request.queryValue(key));
    }
    const QStringList subjectIds = call.request.query.allQueryItemValues(
        QStringLiteral("subjectIds"));
    auto filter = [&](const QJsonObject &rule) {
        if (visible && !visible(rule))
            return false;
        for (auto it = wanted.constBegin(); it != wanted.constEnd(); ++it) {
            const QJsonValue value = rule.value(it.key());
            const QString text = value.isDouble() ? QString::number(value.toInt())
                                                  : value.toString();
            if (text != it.value())
                return false;
        }
        return subjectIds.isEmpty()
               || subjectIds.contains(rule.value(QStringLiteral("subjectId")).toString());
    };
    ListPage page;
    if (auto error
        = listCollection(call, call.store.accessRules, ruleListOptions(), filter, &page, {}, true))
        return *error;
    if (countOnly)
        return jsonResponse(200, QJsonObject {{QStringLiteral("count"), page.total}});
    QJsonArray rules;
    for (const QJsonObject &rule : page.items)
        rules.append(rule);
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("totalRecords"), page.total},
                                     {QStringLiteral("displayRecords"), int(rules.size())},
                                     {QStringLiteral("accessRules"), rules}});
}

} // namespace

Response listAccessRules(Call &call)
{
    return listRulesWith(call, visibleRules(call), false);
}

Response countAccessRules(Call &call)
{
    return listRulesWith(call, visibleRules(call), true);
}

Response createAccessRule(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    NewRule rule;
    rule.subjectId = reader.requiredString(QStringLiteral("subjectId"));
    rule.subjectType = reader.requiredString(QStringLiteral("subjectType"));
    rule.roleId = int(reader.requiredInteger(QStringLiteral("roleId")));
    rule.scopeType = reader.requiredString(QStringLiteral("scopeType"));
    rule.scopeId = reader.optionalString(QStringLiteral("scopeId"));
    rule.clusterId = reader.optionalString(QStringLiteral("clusterId"));
    if (auto error = reader.finish())
        return *error;
    return createRule(call, rule);
}

Response getAccessRule(Call &call)
{
    QJsonObject rule = call.store.accessRules.value(call.param(QStringLiteral("accessRuleId")));
    rule.insert(QStringLiteral("scopePath"), call.store.orgTree().path(scopeOfRule(rule)));
    return jsonResponse(200, rule);
}

Response deleteAccessRule(Call &call)
{
    const QString id = call.param(QStringLiteral("accessRuleId"));
    const QJsonObject rule = call.store.accessRules.value(id);
    if (!call.store.accessRules.remove(id))
        return storageFailure();
    call.auditEntityName = rule.value(QStringLiteral("subjectId")).toString()
                           + QStringLiteral(" / ")
                           + rule.value(QStringLiteral("roleName")).toString();
    return jsonResponse(200, rule);
}

Response batchAccessRules(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QJsonArray ids = reader.requiredArray(QStringLiteral("ids"));
    const QString action = reader.requiredString(QStringLiteral("action"));
    if (auto error = reader.finish())
        return *error;
    if (action != QLatin1String("delete") && action != QLatin1String("validate_delete"))
        return errorResponse(400,
                             QStringLiteral("Field 'action' must be delete or validate_delete."));
    const auto mayDelete = visibleRules(call, QStringLiteral("delete"));
    QJsonArray succeeded, failed;
    for (const QJsonValue &value : ids) {
        const QString id = value.isDouble() ? QString::number(value.toInt()) : value.toString();
        const QJsonObject rule = call.store.accessRules.value(id);
        auto fail = [&](int code, const QString &message) {
            failed.append(QJsonObject {{QStringLiteral("id"), value},
                                       {QStringLiteral("code"), code},
                                       {QStringLiteral("message"), message}});
        };
        if (rule.isEmpty())
            fail(404, QStringLiteral("There is no access rule with id '%1'.").arg(id));
        else if (!mayDelete(rule))
            fail(403, QStringLiteral("You are not allowed to delete this access rule."));
        else if (action == QLatin1String("delete") && !call.store.accessRules.remove(id))
            fail(503, QStringLiteral("The database refused the change."));
        else
            succeeded.append(value);
    }
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("succeeded"), succeeded},
                                     {QStringLiteral("failed"), failed}});
}

Response batchCreateAccessRules(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QJsonObject payload = reader.optionalObject(QStringLiteral("payload"));
    if (auto error = reader.finish())
        return *error;
    http::FieldReader inner(payload, QStringLiteral("payload"));
    const int roleId = int(inner.requiredInteger(QStringLiteral("roleId")));
    const QString clusterId = inner.optionalString(QStringLiteral("clusterId"));
    const QJsonArray subjects = inner.requiredArray(QStringLiteral("subjects"));
    const QJsonArray scopeList = inner.requiredArray(QStringLiteral("scopes"));
    if (auto error = inner.finish())
        return *error;
    QJsonArray succeeded, failed;
    for (const QJsonValue &subject : subjects) {
        for (const QJsonValue &scope : scopeList) {
            NewRule rule;
            rule.roleId = roleId;
            rule.clusterId = clusterId;
            rule.subjectId = subject.toObject().value(QStringLiteral("subjectId")).toString();
            rule.subjectType = subject.toObject().value(QStringLiteral("subjectType")).toString();
            rule.scopeId = scope.toObject().value(QStringLiteral("scopeId")).toString();
            rule.scopeType = scope.toObject().value(QStringLiteral("scopeType")).toString();
            const Response reply = createRule(call, rule);
            const QJsonObject replyBody = QJsonDocument::fromJson(reply.body).object();
            if (reply.status == 201)
                succeeded.append(replyBody);
            else
                failed.append(QJsonObject {{QStringLiteral("payload"),
                                            QJsonObject {{QStringLiteral("subject"), subject},
                                                         {QStringLiteral("scope"), scope},
                                                         {QStringLiteral("roleId"), roleId}}},
                                           {QStringLiteral("code"), reply.status},
                                           {QStringLiteral("message"),
                                            replyBody.value(QStringLiteral("message"))}});
        }
    }
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("succeeded"), succeeded},
                                     {QStringLiteral("failed"), failed}});
}

} // namespace gpudesk::core::handlers
