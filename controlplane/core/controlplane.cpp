#include "controlplane.h"

#include "auth/secrets.h"
#include "http/json.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace gpudesk::core {

using http::errorResponse;
using http::Request;
using http::Response;

ControlPlane::ControlPlane() = default;
ControlPlane::~ControlPlane() = default;

QString ControlPlane::open(const ControlPlaneOptions &options)
{
    m_options = options;
    const QString error = m_database.open(options.databaseSpec);
    if (!error.isEmpty())
        return error;
    m_store = std::make_unique<Store>(&m_database);
    m_store->load();
    // The signing key lives in the database so tokens stay valid across restarts.
    const QByteArray pem = m_store->meta.value(QStringLiteral("signing-key"))
                               .value(QStringLiteral("pem"))
                               .toString()
                               .toUtf8();
    m_key = pem.isEmpty() ? auth::SigningKey() : auth::SigningKey::fromPrivatePem(pem);
    if (m_key.isNull()) {
        m_key = auth::SigningKey::generate();
        m_store->meta.put(QStringLiteral("signing-key"),
                          QJsonObject {
                              {QStringLiteral("pem"), QString::fromUtf8(m_key.privatePem())}});
    }
    m_verifier = std::make_unique<auth::TokenVerifier>(m_key.publicPem());
    for (const QString &id : m_store->audit.items().keys())
        m_auditSequence = std::max(m_auditSequence, id.toLongLong());
    if (!m_store->meta.contains(QStringLiteral("tenant")))
        m_store->meta.put(QStringLiteral("tenant"),
                          QJsonObject {{QStringLiteral("name"), QStringLiteral("gpudesk")}});
    for (const RouteSpec &spec : routeTable()) {
        const RouteSpec *specPointer = &spec;
        m_router.add(spec.method, spec.pattern, [this, specPointer](const Request &request) {
            return execute(*specPointer, const_cast<Request &>(request));
        });
    }
    return QString();
}

QJsonObject ControlPlane::publicKeyJson() const
{
    return QJsonObject {{QStringLiteral("algorithm"), QStringLiteral("ES256")},
                        {QStringLiteral("kid"), m_key.keyId()},
                        {QStringLiteral("pem"), QString::fromUtf8(m_key.publicPem())}};
}

QByteArray ControlPlane::issueAccessToken(const rbac::Subject &subject) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject claims {{QStringLiteral("sub"), subject.id},
                        {QStringLiteral("subject_type"), subject.type},
                        {QStringLiteral("preferred_username"), subject.name},
                        {QStringLiteral("tenant_id"), m_store->tenantId()},
                        {QStringLiteral("iss"), QStringLiteral("gpudesk-controlplane")},
                        {QStringLiteral("iat"), double(now)},
                        {QStringLiteral("nbf"), double(now)},
                        {QStringLiteral("exp"), double(now + m_options.accessTokenSeconds)},
                        {QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)}};
    if (subject.type == QLatin1String("user"))
        claims.insert(QStringLiteral("email"), subject.name);
    if (!subject.groups.isEmpty())
        claims.insert(QStringLiteral("groups"), QJsonArray::fromStringList(subject.groups));
    return m_key.sign(claims);
}

QJsonObject ControlPlane::issueTokens(const rbac::Subject &subject, bool withRefresh)
{
    const QByteArray access = issueAccessToken(subject);
    QJsonObject reply {{QStringLiteral("accessToken"), QString::fromLatin1(access)},
                       {QStringLiteral("idToken"), QString::fromLatin1(access)},
                       {QStringLiteral("expiresIn"), double(m_options.accessTokenSeconds)}};
    if (withRefresh) {
        const QByteArray refresh = auth::randomToken(32);
        const qint64 expires = QDateTime::currentSecsSinceEpoch() + m_options.refreshTokenSeconds;
        // Only the hash is stored: a database leak does not leak usable refresh tokens.
        m_store->refreshTokens.put(QString::fromLatin1(auth::sha256Hex(refresh)),
                                   QJsonObject {{QStringLiteral("subjectId"), subject.id},
                                                {QStringLiteral("subjectType"), subject.type},
                                                {QStringLiteral("expiresAt"), double(expires)}});
        reply.insert(QStringLiteral("refreshToken"), QString::fromLatin1(refresh));
    }
    return reply;
}

void ControlPlane::revokeSessions(const QString &subjectId)
{
    QStringList doomed;
    for (auto it = m_store->refreshTokens.items().constBegin();
         it != m_store->refreshTokens.items().constEnd();
         ++it) {
        if (it.value().value(QStringLiteral("subjectId")).toString() == subjectId)
            doomed.append(it.key());
    }
    for (const QString &key : doomed)
        m_store->refreshTokens.remove(key);
    m_store->meta.put(QStringLiteral("revoked-before:") + subjectId,
                      QJsonObject {
                          {QStringLiteral("at"), double(QDateTime::currentSecsSinceEpoch())}});
    m_tokenCache.clear();
}

std::optional<rbac::Subject> ControlPlane::authenticate(const Request &request, QString *error)
{
    const QByteArray token = request.bearerToken();
    if (token.isEmpty()) {
        *error = QStringLiteral(
            "Sign in first: the request has no 'Authorization: Bearer <token>' header.");
        return std::nullopt;
    }
    auto cached = m_tokenCache.constFind(token);
    auth::TokenClaims claims;
    if (cached != m_tokenCache.constEnd()
        && cached->expiresAt + 30 >= QDateTime::currentSecsSinceEpoch()) {
        claims = *cached;
    } else {
        const auth::VerifyResult result = m_verifier->verify(token);
        if (!result.ok()) {
            *error = QStringLiteral("The access token is not accepted: %1.").arg(result.error);
            return std::nullopt;
        }
        claims = *result.claims;
        const qint64 revokedBefore = qint64(
            m_store->meta.value(QStringLiteral("revoked-before:") + claims.subject)
                .value(QStringLiteral("at"))
                .toDouble());
        if (claims.issuedAt < revokedBefore) {
            *error = QStringLiteral("The access token was revoked (signed out). Sign in again.");
            return std::nullopt;
        }
        if (m_tokenCache.size() > 20000)
            m_tokenCache.clear();
        m_tokenCache.insert(token, claims);
    }
    rbac::Subject subject {claims.subjectType, claims.subject, claims.name, claims.groups};
    const storage::Collection &owners = subject.type == QLatin1String("service-account")
                                            ? m_store->serviceAccounts
                                            : m_store->users;
    const QJsonObject *owner = owners.find(subject.id);
    if (!owner || owner->value(QStringLiteral("enabled")).toBool(true) == false) {
        *error = QStringLiteral("The account behind this token no longer exists or is disabled.");
        return std::nullopt;
    }
    return subject;
}

Response ControlPlane::execute(const RouteSpec &spec, Request &request)
{
    Call call {request, *this, *m_store, {}, {}, spec.resourceType, {}, {}, {}};
    Response response;
    if (spec.access == Access::Public || spec.access == Access::ClusterToken) {
        response = spec.handler(call);
    } else if (spec.access == Access::ClusterSync) {
        const QByteArray token = request.bearerToken();
        const QString key = QStringLiteral("sync-token:")
                            + QString::fromLatin1(auth::sha256Hex(token));
        const QString clusterId
            = m_store->meta.value(key).value(QStringLiteral("clusterId")).toString();
        if (token.isEmpty() || clusterId.isEmpty() || !m_store->clusters.contains(clusterId))
            return errorResponse(401,
                                 QStringLiteral(
                                     "The cluster sync token is missing, unknown or revoked."));
        call.clusterId = clusterId;
        response = spec.handler(call);
    } else {
        QString error;
        const std::optional<rbac::Subject> subject = authenticate(request, &error);
        if (!subject)
            return errorResponse(401, error);
        call.subject = *subject;
        if (spec.access == Access::Checked) {
            const ScopeResult scope = spec.scope(call);
            if (scope.error) {
                response = *scope.error;
                audit(spec, call, response);
                return response;
            }
            const rbac::Authorizer &authorizer = m_store->authorizer();
            const bool allowed = scope.list ? authorizer.allowedAnywhere(call.subject,
                                                                         spec.resourceType,
                                                                         spec.action)
                                            : authorizer.allowed(call.subject,
                                                                 spec.resourceType,
                                                                 spec.action,
                                                                 *scope.scope);
            if (!allowed) {
                QString where;
                if (!scope.list && scope.scope)
                    where = QStringLiteral(" in %1 '%2'")
                                .arg(rbac::scopeTypeName(scope.scope->type),
                                     scope.scope->type == rbac::ScopeType::Tenant
                                         ? m_store->tenantName()
                                         : authorizer.tree().name(*scope.scope));
                response = errorResponse(403,
                                         QStringLiteral(
                                             "You are not allowed to %1 %2%3. Ask an administrator "
                                             "for a role that grants it.")
                                             .arg(spec.action, spec.resourceType, where));
                audit(spec, call, response);
                return response;
            }
            // Lets clients (and the RBAC test matrix) ask "would this be allowed?" without side effects.
            if (request.header("x-gpudesk-authorize-only") == "true") {
                Response ok;
                ok.status = 204;
                return ok;
            }
        }
        response = spec.handler(call);
    }
    audit(spec, call, response);
    return response;
}

void ControlPlane::audit(const RouteSpec &spec, Call &call, const Response &response)
{
    if (spec.method == "GET" || spec.access == Access::Public || spec.access == Access::ClusterSync)
        return;
    if (spec.access == Access::ClusterToken)
        return;
    QString action = call.auditAction;
    if (action.isEmpty())
        action = spec.method == "POST"     ? QStringLiteral("create")
                 : spec.method == "DELETE" ? QStringLiteral("delete")
                                           : QStringLiteral("update");
    QString entityId = call.auditEntityId;
    QString entityName = call.auditEntityName;
    if ((entityId.isEmpty() || entityName.isEmpty()) && response.body.startsWith('{')) {
        const QJsonObject body = QJsonDocument::fromJson(response.body).object();
        if (entityId.isEmpty()) {
            for (const char *key : {"id", "uuid", "workloadId"}) {
                const QJsonValue value = body.value(QLatin1String(key));
                if (!value.isUndefined() && !value.isNull()) {
                    entityId = value.isString() ? value.toString()
                                                : QString::number(value.toDouble());
                    break;
                }
            }
        }
        if (entityName.isEmpty())
            entityName = body.value(QStringLiteral("name")).toString();
    }
    if (entityId.isEmpty()) {
        for (auto it = call.request.pathParams.constBegin();
             it != call.request.pathParams.constEnd();
             ++it)
            entityId = it.value();
    }
    recordAudit(call.who(),
                call.subject.type == QLatin1String("service-account") ? QStringLiteral("App")
                                                                      : QStringLiteral("User"),
                call.request.peerAddress,
                action,
                call.request,
                spec.resourceType,
                entityName,
                entityId,
                response.status);
}

void ControlPlane::recordAudit(const QString &subject,
                               const QString &subjectType,
                               const QString &sourceIp,
                               const QString &action,
                               const Request &request,
                               const QString &entityType,
                               const QString &entityName,
                               const QString &entityId,
                               int status,
                               const QString &clusterId)
{
    const qint64 sequence = ++m_auditSequence;
    const QString id = QStringLiteral("%1").arg(sequence, 12, 10, QLatin1Char('0'));
    QString clusterName;
    if (!clusterId.isEmpty())
        clusterName = m_store->clusters.value(clusterId).value(QStringLiteral("name")).toString();
    // The URL is logged without its query string: queries could carry secrets in badly written clients.
    const QJsonObject entry {{QStringLiteral("id"), double(sequence)},
                             {QStringLiteral("timestamp"), Store::now()},
                             {QStringLiteral("tenant_id"), m_store->tenantId().toInt()},
                             {QStringLiteral("subject"), subject},
                             {QStringLiteral("subject_type"), subjectType},
                             {QStringLiteral("source_ip"), sourceIp},
                             {QStringLiteral("action"), action},
                             {QStringLiteral("http_method"), QString::fromLatin1(request.method)},
                             {QStringLiteral("url"), request.path},
                             {QStringLiteral("entity_type"), entityType},
                             {QStringLiteral("entity_name"), entityName},
                             {QStringLiteral("entity_id"), entityId},
                             {QStringLiteral("result"),
                              status < 400 ? QStringLiteral("Succeeded") : QStringLiteral("Failed")},
                             {QStringLiteral("http_status_code"), status},
                             {QStringLiteral("cluster_name"), clusterName},
                             {QStringLiteral("cluster_id"), clusterId},
                             {QStringLiteral("request_id"),
                              QUuid::createUuid().toString(QUuid::WithoutBraces)},
                             {QStringLiteral("metadata"), QJsonObject()}};
    m_store->audit.put(id, entry);
}

Response ControlPlane::handle(Request &request)
{
    return m_router.dispatch(request);
}

bool Call::can(const QString &type, const QString &action, const rbac::Scope &scope) const
{
    return store.authorizer().allowed(subject, type, action, scope);
}

} // namespace gpudesk::core
