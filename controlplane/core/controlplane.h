#pragma once
// The reference control plane: state, tokens, the route table and the one authorization check.
// HTTP transport is separate (http::HttpServer calls handle()).

#include "apiroute.h"
#include "auth/jwt.h"
#include "auth/loginthrottle.h"
#include "http/router.h"
#include "storage/database.h"
#include "store.h"

#include <QHash>

#include <memory>

namespace gpudesk::core {

struct ControlPlaneOptions
{
    QString databaseSpec; // SQLite path or postgresql://...
    qint64 accessTokenSeconds = 3600;
    qint64 refreshTokenSeconds = 14 * 24 * 3600;
    QString publicUrl; // how clusters reach us (install info)
};

class ControlPlane
{
public:
    ControlPlane();
    ~ControlPlane();

    QString open(const ControlPlaneOptions &options);
    http::Response handle(http::Request &request);

    Store &store() { return *m_store; }
    const ControlPlaneOptions &options() const { return m_options; }
    void setPublicUrl(const QString &url) { m_options.publicUrl = url; }
    const auth::SigningKey &signingKey() const { return m_key; }
    QJsonObject publicKeyJson() const;
    auth::LoginThrottle &throttle() { return m_throttle; }

    // {accessToken, idToken, refreshToken, expiresIn}; refreshToken omitted when withRefresh is false.
    QJsonObject issueTokens(const rbac::Subject &subject, bool withRefresh);
    QByteArray issueAccessToken(const rbac::Subject &subject) const;
    // Revokes every refresh token of a subject and every access token issued before now.
    void revokeSessions(const QString &subjectId);
    // Forgets cached token checks (after revocations and deletions).
    void clearTokenCache() { m_tokenCache.clear(); }

    // Appends one audit (event history) entry.
    void recordAudit(const QString &subject,
                     const QString &subjectType,
                     const QString &sourceIp,
                     const QString &action,
                     const http::Request &request,
                     const QString &entityType,
                     const QString &entityName,
                     const QString &entityId,
                     int status,
                     const QString &clusterId = QString());

    QStringList routePatterns() const { return m_router.patterns(); }

private:
    http::Response execute(const RouteSpec &spec, http::Request &request);
    std::optional<rbac::Subject> authenticate(const http::Request &request, QString *error);
    void audit(const RouteSpec &spec, Call &call, const http::Response &response);

    ControlPlaneOptions m_options;
    storage::Database m_database;
    std::unique_ptr<Store> m_store;
    auth::SigningKey m_key;
    std::unique_ptr<auth::TokenVerifier> m_verifier;
    auth::LoginThrottle m_throttle;
    http::Router m_router;
    QHash<QByteArray, auth::TokenClaims> m_tokenCache;
    qint64 m_auditSequence = 0;
};

} // namespace gpudesk::core
