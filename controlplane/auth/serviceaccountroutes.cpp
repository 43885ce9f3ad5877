// /api/v1/service-accounts: create (secret shown once), list, get, enable/disable, delete, new secret.
#include "core/apihelpers.h"
#include "core/controlplane.h"
#include "core/handlers.h"
#include "secrets.h"

#include <QJsonArray>

namespace gpudesk::core::handlers {

namespace {
QJsonObject present(const QJsonObject &account)
{
    QJsonObject shown = account;
    shown.remove(QStringLiteral("secretHash"));
    return shown;
}

std::optional<Response> findAccount(Call &call, QJsonObject *account)
{
    const QString id = call.param(QStringLiteral("id"));
    *account = call.store.serviceAccounts.value(id);
    if (account->isEmpty())
        return errorResponse(404,
                             QStringLiteral("There is no service account with id '%1'.").arg(id));
    return std::nullopt;
}
} // namespace

Response listServiceAccounts(Call &call)
{
    http::ListOptions options;
    options.defaultLimit = 500;
    options.defaultSortBy = QStringLiteral("name");
    ListPage page;
    if (auto error = listCollection(call, call.store.serviceAccounts, options, {}, &page, present))
        return *error;
    QJsonArray items;
    for (const QJsonObject &account : page.items)
        items.append(account);
    return jsonResponse(200, items);
}

Response createServiceAccount(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QString name = reader.requiredString(QStringLiteral("name"));
    const QString description = reader.optionalString(QStringLiteral("description"));
    if (auto error = reader.finish())
        return *error;
    if (!isValidName(name))
        return errorResponse(400, invalidNameMessage(QStringLiteral("service account"), name));
    if (!call.store.findByName(call.store.serviceAccounts, name).isEmpty())
        return errorResponse(409,
                             QStringLiteral("A service account named '%1' already exists.")
                                 .arg(name));
    const QString id = newUuid();
    const QByteArray secret = auth::randomToken(32);
    QJsonObject account {{QStringLiteral("id"), id},
                         {QStringLiteral("name"), name},
                         {QStringLiteral("description"), description},
                         {QStringLiteral("clientId"), name},
                         {QStringLiteral("enabled"), true},
                         {QStringLiteral("secretHash"),
                          QString::fromLatin1(auth::sha256Hex(secret))}};
    if (!call.store.serviceAccounts.put(id, Store::stamp(account, call.who())))
        return storageFailure();
    return jsonResponse(201,
                        QJsonObject {{QStringLiteral("id"), id},
                                     {QStringLiteral("name"), name},
                                     {QStringLiteral("clientId"), name},
                                     {QStringLiteral("clientSecret"), QString::fromLatin1(secret)}});
}

Response getServiceAccount(Call &call)
{
    QJsonObject account;
    if (auto error = findAccount(call, &account))
        return *error;
    return jsonResponse(200, present(account));
}

Response patchServiceAccount(Call &call)
{
    QJsonObject account;
    if (auto error = findAccount(call, &account))
        return *error;
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    if (auto conflict = checkIfMatch(call.request, present(account)))
        return *conflict;
    http::FieldReader reader(body.object);
    const std::optional<bool> enabled = reader.optionalBool(QStringLiteral("enabled"));
    if (auto error = reader.finish())
        return *error;
    if (enabled)
        account.insert(QStringLiteral("enabled"), *enabled);
    account = Store::stamp(account, call.who(), account);
    if (!call.store.serviceAccounts.put(account.value(QStringLiteral("id")).toString(), account))
        return storageFailure();
    call.controlPlane.clearTokenCache();
    return jsonResponse(200, present(account));
}

Response deleteServiceAccount(Call &call)
{
    QJsonObject account;
    if (auto error = findAccount(call, &account))
        return *error;
    if (!call.store.serviceAccounts.remove(account.value(QStringLiteral("id")).toString()))
        return storageFailure();
    call.controlPlane.clearTokenCache();
    call.auditEntityName = account.value(QStringLiteral("name")).toString();
    Response response;
    response.status = 204;
    return response;
}

Response regenerateServiceAccountSecret(Call &call)
{
    QJsonObject account;
    if (auto error = findAccount(call, &account))
        return *error;
    const QByteArray secret = auth::randomToken(32);
    account.insert(QStringLiteral("secretHash"), QString::fromLatin1(auth::sha256Hex(secret)));
    account = Store::stamp(account, call.who(), account);
    if (!call.store.serviceAccounts.put(account.value(QStringLiteral("id")).toString(), account))
        return storageFailure();
    call.controlPlane.revokeSessions(account.value(QStringLiteral("id")).toString());
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("id"), account.value(QStringLiteral("id"))},
                                     {QStringLiteral("name"), account.value(QStringLiteral("name"))},
                                     {QStringLiteral("clientId"),
                                      account.value(QStringLiteral("clientId"))},
                                     {QStringLiteral("clientSecret"), QString::fromLatin1(secret)}});
}

} // namespace gpudesk::core::handlers
