// /api/v1/security/settings/{key}: autoRedirectSSO, browserSessionTimeout, logoutRedirectUri.
#include "core/apihelpers.h"
#include "core/controlplane.h"
#include "core/handlers.h"

#include <QUrl>

namespace gpudesk::core::handlers {

namespace {

QJsonObject defaults()
{
    return QJsonObject {{QStringLiteral("autoRedirectSSO"),
                         QJsonObject {{QStringLiteral("enabled"), false},
                                      {QStringLiteral("idpAlias"), QString()}}},
                        {QStringLiteral("browserSessionTimeout"),
                         QJsonObject {{QStringLiteral("idleTimeout"), 3600}}},
                        {QStringLiteral("logoutRedirectUri"),
                         QJsonObject {{QStringLiteral("uri"), QString()}}}};
}

QJsonObject current(Store &store, const QString &key)
{
    const QJsonObject stored = store.settings.value(key);
    return stored.isEmpty() ? defaults().value(key).toObject() : stored;
}

} // namespace

Response listSecuritySettings(Call &call)
{
    QJsonObject all;
    for (const QString &key : defaults().keys())
        all.insert(key, current(call.store, key));
    return jsonResponse(200, all);
}

Response getSecuritySetting(Call &call)
{
    const QString key = call.param(QStringLiteral("key"));
    if (!defaults().contains(key))
        return errorResponse(404,
                             QStringLiteral("There is no security setting '%1'. Known: %2.")
                                 .arg(key, defaults().keys().join(QStringLiteral(", "))));
    return jsonResponse(200, current(call.store, key));
}

Response putSecuritySetting(Call &call)
{
    const QString key = call.param(QStringLiteral("key"));
    if (!defaults().contains(key))
        return errorResponse(404,
                             QStringLiteral("There is no security setting '%1'. Known: %2.")
                                 .arg(key, defaults().keys().join(QStringLiteral(", "))));
    const QJsonObject previous = current(call.store, key);
    if (auto conflict = checkIfMatch(call.request, previous))
        return *conflict;
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    reader.allow({QStringLiteral("resourceVersion"),
                  QStringLiteral("createdAt"),
                  QStringLiteral("createdBy"),
                  QStringLiteral("updatedAt"),
                  QStringLiteral("updatedBy")});
    QJsonObject value;
    if (key == QLatin1String("autoRedirectSSO")) {
        value.insert(QStringLiteral("enabled"),
                     reader.optionalBool(QStringLiteral("enabled")).value_or(false));
        value.insert(QStringLiteral("idpAlias"), reader.optionalString(QStringLiteral("idpAlias")));
    } else if (key == QLatin1String("browserSessionTimeout")) {
        const qint64 idle = reader.requiredInteger(QStringLiteral("idleTimeout"));
        if (reader.ok() && (idle < 60 || idle > 7 * 24 * 3600))
            return errorResponse(400,
                                 QStringLiteral(
                                     "idleTimeout must be between 60 seconds and 7 days."));
        value.insert(QStringLiteral("idleTimeout"), double(idle));
    } else {
        const QString uri = reader.optionalString(QStringLiteral("uri"));
        const QUrl url(uri, QUrl::StrictMode);
        if (!uri.isEmpty() && (!url.isValid() || url.scheme() != QLatin1String("https")))
            return errorResponse(400, QStringLiteral("'%1' is not an https:// address.").arg(uri));
        value.insert(QStringLiteral("uri"), uri);
    }
    if (auto error = reader.finish())
        return *error;
    value = Store::stamp(value, call.who(), call.store.settings.value(key));
    if (!call.store.settings.put(key, value))
        return storageFailure();
    call.auditEntityName = key;
    call.auditEntityId = key;
    return jsonResponse(200, value);
}

} // namespace gpudesk::core::handlers
