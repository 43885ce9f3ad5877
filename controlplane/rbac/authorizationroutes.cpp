// The caller's own view of RBAC: permissions, permitted scopes, "my" access rules.
#include "core/apihelpers.h"
#include "core/controlplane.h"
#include "core/handlers.h"

#include <QJsonArray>

namespace gpudesk::core::handlers {

Response myPermissions(Call &call)
{
    return jsonResponse(200, call.store.authorizer().permissions(call.subject));
}

Response permittedScopes(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QString resourceType = reader.requiredString(QStringLiteral("resourceType"));
    const QString action = reader.optionalString(QStringLiteral("action"));
    if (auto error = reader.finish())
        return *error;
    const rbac::Authorizer &authorizer = call.store.authorizer();
    QJsonObject reply;
    const QStringList actions = action.isEmpty() ? QStringList {QStringLiteral("create"),
                                                                QStringLiteral("read"),
                                                                QStringLiteral("update"),
                                                                QStringLiteral("delete")}
                                                 : QStringList {action};
    for (const QString &each : actions)
        reply.insert(each, authorizer.permittedScopes(call.subject, resourceType, each).toJson());
    return jsonResponse(200, reply);
}

namespace {
QJsonArray myRules(Call &call)
{
    QJsonArray rules;
    for (const rbac::AccessRule &rule : call.store.authorizer().rulesFor(call.subject))
        rules.append(call.store.accessRules.value(QString::number(rule.id)));
    return rules;
}
} // namespace

Response myAccessRules(Call &call)
{
    const QJsonArray rules = myRules(call);
    return jsonResponse(200,
                        QJsonObject {
                            {QStringLiteral("accessRules"),
                             QJsonObject {{QStringLiteral("totalRecords"), int(rules.size())},
                                          {QStringLiteral("displayRecords"), int(rules.size())},
                                          {QStringLiteral("accessRules"), rules}}}});
}

Response countMyAccessRules(Call &call)
{
    return jsonResponse(200, QJsonObject {{QStringLiteral("count"), int(myRules(call).size())}});
}

} // namespace gpudesk::core::handlers
