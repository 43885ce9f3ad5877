// POST /api/v1/token (JSON), POST /api/v2/token (OAuth2 form), public key, sign-out, own password.
#include "core/apihelpers.h"
#include "core/controlplane.h"
#include "core/handlers.h"
#include "secrets.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUrlQuery>

namespace gpudesk::core::handlers {

namespace {

struct GrantOutcome
{
    QJsonObject tokens;
    int status = 200;
    QString oauthError; // RFC 6749 code for v2
    QString message;
    bool ok() const { return status == 200; }
};

GrantOutcome failure(int status, const QString &oauthError, const QString &message)
{
    GrantOutcome outcome;
    outcome.status = status;
    outcome.oauthError = oauthError;
    outcome.message = message;
    return outcome;
}

// Case-insensitive field lookup: clients send appId, AppId and appID alike.
QString field(const QHash<QString, QString> &fields, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        const QString value = fields.value(QString::fromLatin1(name).toLower());
        if (!value.isEmpty())
            return value;
    }
    return QString();
}

GrantOutcome passwordGrant(Call &call, const QString &username, const QString &password)
{
    ControlPlane &cp = call.controlPlane;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (username.isEmpty() || password.isEmpty())
        return failure(400,
                       QStringLiteral("invalid_request"),
                       QStringLiteral("Give both a username and a password."));
    const qint64 wait = cp.throttle().retryAfter(username, call.request.peerAddress, nowMs);
    if (wait > 0)
        return failure(429,
                       QStringLiteral("temporarily_unavailable"),
                       QStringLiteral("Too many failed sign-ins. Try again in %1 seconds.")
                           .arg(wait));
    QJsonObject user = call.store.findUserByEmail(username);
    const bool good
        = !user.isEmpty() && user.value(QStringLiteral("enabled")).toBool(true)
          && auth::verifyPassword(password,
                                  user.value(QStringLiteral("passwordHash")).toString().toUtf8());
    if (!good) {
        cp.throttle().recordFailure(username, call.request.peerAddress, nowMs);
        return failure(401,
                       QStringLiteral("invalid_grant"),
                       QStringLiteral("The username or password is wrong."));
    }
    cp.throttle().recordSuccess(username);
    user.insert(QStringLiteral("lastLogin"), Store::now());
    call.store.users.put(user.value(QStringLiteral("id")).toString(), user);
    GrantOutcome outcome;
    outcome.tokens = cp.issueTokens(rbac::Subject {QStringLiteral("user"),
                                                   user.value(QStringLiteral("id")).toString(),
                                                   user.value(QStringLiteral("username")).toString(),
                                                   {}},
                                    true);
    return outcome;
}

GrantOutcome clientGrant(Call &call, const QString &clientId, const QString &secret)
{
    ControlPlane &cp = call.controlPlane;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (clientId.isEmpty() || secret.isEmpty())
        return failure(400,
                       QStringLiteral("invalid_request"),
                       QStringLiteral(
                           "Give the service account's client id and secret (appId/appSecret or "
                           "clientId/clientSecret)."));
    const qint64 wait = cp.throttle().retryAfter(clientId, call.request.peerAddress, nowMs);
    if (wait > 0)
        return failure(429,
                       QStringLiteral("temporarily_unavailable"),
                       QStringLiteral("Too many failed sign-ins. Try again in %1 seconds.")
                           .arg(wait));
    QJsonObject account;
    for (const QJsonObject &candidate : call.store.serviceAccounts.items()) {
        if (candidate.value(QStringLiteral("clientId")).toString() == clientId)
            account = candidate;
    }
    // The secret is compared as a SHA-256 hash: secrets are long random strings, so no slow hash is needed.
    const bool good = !account.isEmpty() && account.value(QStringLiteral("enabled")).toBool(true)
                      && auth::constantTimeEquals(auth::sha256Hex(secret.toUtf8()),
                                                  account.value(QStringLiteral("secretHash"))
                                                      .toString()
                                                      .toLatin1());
    if (!good) {
        cp.throttle().recordFailure(clientId, call.request.peerAddress, nowMs);
        return failure(401,
                       QStringLiteral("invalid_client"),
                       QStringLiteral("The client id or secret is wrong."));
    }
    GrantOutcome outcome;
    outcome.tokens = cp.issueTokens(rbac::Subject {QStringLiteral("service-account"),
                                                   account.value(QStringLiteral("id")).toString(),
                                                   account.value(QStringLiteral("name")).toString(),
                                                   {}},
                                    false);
    return outcome;
}

GrantOutcome refreshGrant(Call &call, const QString &refreshToken)
{
    if (refreshToken.isEmpty())
        return failure(400,
                       QStringLiteral("invalid_request"),
                       QStringLiteral("Give the refresh token."));
    const QString key = QString::fromLatin1(auth::sha256Hex(refreshToken.toUtf8()));
    const QJsonObject stored = call.store.refreshTokens.value(key);
    if (stored.isEmpty()
        || qint64(stored.value(QStringLiteral("expiresAt")).toDouble())
               < QDateTime::currentSecsSinceEpoch())
        return failure(401,
                       QStringLiteral("invalid_grant"),
                       QStringLiteral(
                           "The refresh token is unknown, expired or was revoked. Sign in again."));
    const QJsonObject user = call.store.users.value(
        stored.value(QStringLiteral("subjectId")).toString());
    if (user.isEmpty() || !user.value(QStringLiteral("enabled")).toBool(true))
        return failure(401,
                       QStringLiteral("invalid_grant"),
                       QStringLiteral("The account no longer exists."));
    // Rotation: a refresh token works once.
    call.store.refreshTokens.remove(key);
    GrantOutcome outcome;
    outcome.tokens = call.controlPlane.issueTokens(
        rbac::Subject {QStringLiteral("user"),
                       user.value(QStringLiteral("id")).toString(),
                       user.value(QStringLiteral("username")).toString(),
                       {}},
        true);
    return outcome;
}

GrantOutcome runGrant(Call &call,
                      const QString &grant,
                      const QHash<QString, QString> &fields,
                      QString *subjectName)
{
    if (grant == QLatin1String("password")) {
        *subjectName = field(fields, {"username"});
        return passwordGrant(call, *subjectName, field(fields, {"password"}));
    }
    if (grant == QLatin1String("app_token") || grant == QLatin1String("client_credentials")) {
        *subjectName = field(fields, {"appId", "clientId", "client_id"});
        return clientGrant(call,
                           *subjectName,
                           field(fields, {"appSecret", "clientSecret", "client_secret"}));
    }
    if (grant == QLatin1String("refresh_token"))
        return refreshGrant(call, field(fields, {"refreshToken", "refresh_token"}));
    if (grant.isEmpty())
        return failure(400, QStringLiteral("invalid_request"), QStringLiteral("Give a grant type."));
    return failure(400,
                   QStringLiteral("unsupported_grant_type"),
                   QStringLiteral(
                       "The grant type '%1' is not supported here; use password, app_token, "
                       "client_credentials or refresh_token.")
                       .arg(grant));
}

void auditSignIn(Call &call,
                 const QString &grant,
                 const QString &subjectName,
                 const GrantOutcome &outcome)
{
    if (grant == QLatin1String("refresh_token") || subjectName.isEmpty())
        return;
    const bool app = grant != QLatin1String("password");
    call.controlPlane.recordAudit(subjectName,
                                  app ? QStringLiteral("App") : QStringLiteral("User"),
                                  call.request.peerAddress,
                                  QStringLiteral("sign-in"),
                                  call.request,
                                  app ? QStringLiteral("service-account") : QStringLiteral("users"),
                                  subjectName,
                                  QString(),
                                  outcome.status);
}

} // namespace

Response tokenV1(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    QHash<QString, QString> fields;
    for (auto it = body.object.constBegin(); it != body.object.constEnd(); ++it) {
        if (!it.value().isString() && !it.value().isNull())
            return errorResponse(400, QStringLiteral("Field '%1' must be a string.").arg(it.key()));
        fields.insert(it.key().toLower(), it.value().toString());
    }
    const QString grant = field(fields, {"grantType", "grant_type"});
    QString subjectName;
    const GrantOutcome outcome = runGrant(call, grant, fields, &subjectName);
    auditSignIn(call, grant, subjectName, outcome);
    if (!outcome.ok())
        return errorResponse(outcome.status, outcome.message);
    return jsonResponse(200, outcome.tokens);
}

Response tokenV2(Call &call)
{
    auto oauthError = [](int status, const QString &code, const QString &description) {
        return jsonResponse(status,
                            QJsonObject {{QStringLiteral("error"), code},
                                         {QStringLiteral("error_description"), description}});
    };
    if (!call.request.header("content-type")
             .toLower()
             .startsWith("application/x-www-form-urlencoded"))
        return oauthError(400,
                          QStringLiteral("invalid_request"),
                          QStringLiteral(
                              "Send the fields form-encoded (application/x-www-form-urlencoded)."));
    QByteArray form = call.request.body;
    form.replace('+', "%20");
    const QUrlQuery query(QString::fromLatin1(form));
    QHash<QString, QString> fields;
    for (const auto &item : query.queryItems(QUrl::FullyDecoded))
        fields.insert(item.first.toLower(), item.second);
    const QString grant = fields.value(QStringLiteral("grant_type"));
    if (grant == QLatin1String("authorization_code"))
        return oauthError(
            400,
            QStringLiteral("unsupported_grant_type"),
            QStringLiteral(
                "This control plane has no browser sign-in; use password or client_credentials."));
    QString subjectName;
    const GrantOutcome outcome = runGrant(call,
                                          grant == QLatin1String("app_token") ? QString() : grant,
                                          fields,
                                          &subjectName);
    auditSignIn(call, grant, subjectName, outcome);
    if (!outcome.ok())
        return oauthError(outcome.status == 429 ? 400 : outcome.status,
                          outcome.oauthError,
                          outcome.message);
    QJsonObject reply {{QStringLiteral("access_token"),
                        outcome.tokens.value(QStringLiteral("accessToken"))},
                       {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                       {QStringLiteral("expires_in"),
                        outcome.tokens.value(QStringLiteral("expiresIn"))},
                       {QStringLiteral("id_token"),
                        outcome.tokens.value(QStringLiteral("idToken"))}};
    if (outcome.tokens.contains(QStringLiteral("refreshToken")))
        reply.insert(QStringLiteral("refresh_token"),
                     outcome.tokens.value(QStringLiteral("refreshToken")));
    return jsonResponse(200, reply);
}

Response publicKey(Call &call)
{
    return jsonResponse(200, call.controlPlane.publicKeyJson());
}

Response signOut(Call &call)
{
    call.controlPlane.revokeSessions(call.subject.id);
    call.auditAction = QStringLiteral("sign-out");
    call.auditEntityId = call.subject.id;
    call.auditEntityName = call.subject.name;
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("code"), 200},
                                     {QStringLiteral("message"), QStringLiteral("Signed out.")}});
}

Response changeOwnPassword(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QString current = reader.requiredString(QStringLiteral("currentPassword"));
    const QString next = reader.requiredString(QStringLiteral("newPassword"));
    if (auto error = reader.finish())
        return *error;
    if (call.subject.type != QLatin1String("user"))
        return errorResponse(400, QStringLiteral("Only users have passwords."));
    QJsonObject user = call.store.users.value(call.subject.id);
    if (!auth::verifyPassword(current,
                              user.value(QStringLiteral("passwordHash")).toString().toUtf8()))
        return errorResponse(400, QStringLiteral("The current password is wrong."));
    if (next.size() < 8)
        return errorResponse(400,
                             QStringLiteral("The new password must have at least 8 characters."));
    user.insert(QStringLiteral("passwordHash"), QString::fromLatin1(auth::hashPassword(next)));
    user.insert(QStringLiteral("mustChangePassword"), false);
    if (!call.store.users.put(call.subject.id, Store::stamp(user, call.who(), user)))
        return storageFailure();
    call.auditAction = QStringLiteral("reset-password");
    call.auditEntityId = call.subject.id;
    call.auditEntityName = call.subject.name;
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("code"), 200},
                                     {QStringLiteral("message"),
                                      QStringLiteral("Password changed.")}});
}

} // namespace gpudesk::core::handlers
