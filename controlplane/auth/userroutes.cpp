// /api/v1/users: create (temporary password shown once), list, get, delete, logout, reset password.
#include "core/apihelpers.h"
#include "core/controlplane.h"
#include "core/handlers.h"
#include "secrets.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace gpudesk::core::handlers {

namespace {

QJsonObject present(const QJsonObject &user)
{
    QJsonObject shown = user;
    shown.remove(QStringLiteral("passwordHash"));
    return shown;
}

http::ListOptions userListOptions()
{
    http::ListOptions options;
    options.filterFields = {QStringLiteral("username"),
                            QStringLiteral("createdBy"),
                            QStringLiteral("lastLogin"),
                            QStringLiteral("createdAt"),
                            QStringLiteral("updatedAt"),
                            QStringLiteral("isLocal")};
    options.sortFields = options.filterFields;
    options.searchFields = {QStringLiteral("username")};
    options.defaultLimit = 500;
    options.defaultSortBy = QStringLiteral("username");
    return options;
}

} // namespace

Response listUsers(Call &call)
{
    ListPage page;
    if (auto error = listCollection(call, call.store.users, userListOptions(), {}, &page, present))
        return *error;
    QJsonArray items; // Run:ai returns users as a bare array
    for (const QJsonObject &user : page.items)
        items.append(user);
    return jsonResponse(200, items);
}

Response countUsers(Call &call)
{
    ListPage page;
    if (auto error
        = listCollection(call, call.store.users, userListOptions(), {}, &page, present, true))
        return *error;
    return jsonResponse(200, QJsonObject {{QStringLiteral("count"), page.total}});
}

Response createUser(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QString email = reader.requiredString(QStringLiteral("email")).trimmed();
    reader.optionalBool(QStringLiteral("resetPassword"));
    reader.optionalBool(QStringLiteral("notify"));
    const QJsonArray groups = reader.optionalArray(QStringLiteral("groups"));
    if (auto error = reader.finish())
        return *error;
    static const QRegularExpression emailPattern(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (!emailPattern.match(email).hasMatch())
        return errorResponse(400, QStringLiteral("'%1' is not an e-mail address.").arg(email));
    if (!call.store.findUserByEmail(email).isEmpty())
        return errorResponse(409,
                             QStringLiteral("A user with the e-mail %1 already exists.").arg(email));
    const QString password = auth::randomPassword();
    const QString id = newUuid();
    QJsonObject user {{QStringLiteral("id"), id},
                      {QStringLiteral("username"), email.toLower()},
                      {QStringLiteral("isLocal"), true},
                      {QStringLiteral("groups"), groups},
                      {QStringLiteral("enabled"), true},
                      {QStringLiteral("mustChangePassword"), true},
                      {QStringLiteral("lastLogin"), QJsonValue::Null},
                      {QStringLiteral("passwordHash"),
                       QString::fromLatin1(auth::hashPassword(password))}};
    user = Store::stamp(user, call.who());
    if (!call.store.users.put(id, user))
        return storageFailure();
    call.auditEntityName = email;
    return jsonResponse(201,
                        QJsonObject {{QStringLiteral("id"), id},
                                     {QStringLiteral("username"), email.toLower()},
                                     {QStringLiteral("tempPassword"), password}});
}

Response getUser(Call &call)
{
    const QJsonObject *user = call.store.users.find(call.param(QStringLiteral("userId")));
    if (!user)
        return errorResponse(404,
                             QStringLiteral("There is no user with id '%1'.")
                                 .arg(call.param(QStringLiteral("userId"))));
    return jsonResponse(200, present(*user));
}

Response deleteUser(Call &call)
{
    const QString id = call.param(QStringLiteral("userId"));
    const QJsonObject user = call.store.users.value(id);
    if (user.isEmpty())
        return errorResponse(404, QStringLiteral("There is no user with id '%1'.").arg(id));
    if (id == call.subject.id)
        return errorResponse(400, QStringLiteral("You cannot delete your own user."));
    call.controlPlane.revokeSessions(id);
    if (!call.store.users.remove(id))
        return storageFailure();
    call.auditEntityId = id;
    call.auditEntityName = user.value(QStringLiteral("username")).toString();
    Response response;
    response.status = 204;
    return response;
}

Response logoutUser(Call &call)
{
    const QString id = call.param(QStringLiteral("userId"));
    const QJsonObject user = call.store.users.value(id);
    if (user.isEmpty())
        return errorResponse(404, QStringLiteral("There is no user with id '%1'.").arg(id));
    call.controlPlane.revokeSessions(id);
    call.auditAction = QStringLiteral("sign-out");
    call.auditEntityId = id;
    call.auditEntityName = user.value(QStringLiteral("username")).toString();
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("code"), 200},
                                     {QStringLiteral("message"),
                                      QStringLiteral("The user's sessions were ended.")}});
}

Response resetUserPassword(Call &call)
{
    const QString id = call.param(QStringLiteral("userId"));
    QJsonObject user = call.store.users.value(id);
    if (user.isEmpty())
        return errorResponse(404, QStringLiteral("There is no user with id '%1'.").arg(id));
    const QString password = auth::randomPassword();
    user.insert(QStringLiteral("passwordHash"), QString::fromLatin1(auth::hashPassword(password)));
    user.insert(QStringLiteral("mustChangePassword"), true);
    if (!call.store.users.put(id, Store::stamp(user, call.who(), user)))
        return storageFailure();
    call.controlPlane.revokeSessions(id);
    call.auditAction = QStringLiteral("reset-password");
    call.auditEntityId = id;
    call.auditEntityName = user.value(QStringLiteral("username")).toString();
    return jsonResponse(200, QJsonObject {{QStringLiteral("tempPassword"), password}});
}

} // namespace gpudesk::core::handlers
