#pragma once

// One login to one control plane, and the clients that use it. The session logs in with a password or a
// service account's client id and secret, keeps the tokens in memory and in the OS keychain only,
// refreshes the access token before it expires, hands it to the control plane client and every cluster
// client (one login serves both, architecture.md), and on logout revokes the refresh token and wipes
// the keychain entries.

#include "clusterclient.h"
#include "connectionprofile.h"
#include "controlplaneclient.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

class KeychainStore;

class Session : public QObject
{
    Q_OBJECT
public:
    enum class State { LoggedOut, LoggingIn, LoggedIn, LoggingOut };
    Q_ENUM(State)

    // `keychain` is not owned; it must outlive the session.
    Session(const ConnectionProfile &profile, KeychainStore *keychain, QObject *parent = nullptr);
    ~Session() override;

    const ConnectionProfile &profile() const { return m_profile; }
    // Non-empty when the profile's TLS or proxy settings are unusable (then every call will fail).
    ApiError setupError() const { return m_setupError; }
    State state() const { return m_state; }
    bool isLoggedIn() const { return m_state == State::LoggedIn; }
    QDateTime accessTokenExpiry() const { return m_expiry; }

    ControlPlaneClient *controlPlane() const { return m_controlPlane; }
    // The client for one cluster URL, created on first use with this session's token and TLS/proxy
    // settings; the same object for the same URL afterwards.
    ClusterClient *clusterClient(const QString &clusterName, const QUrl &url);
    QList<ClusterClient *> clusterClients() const { return m_clusters.values(); }

    // `secret` = the password (AuthMethod::Password) or the client secret (ServiceAccount). It is kept
    // only in memory, except a service account secret, which goes to the keychain so that the session
    // can get a new token after a restart.
    void login(const QString &secret);
    // Resumes from the keychain (refresh token, or the service account secret) without asking.
    void restore();
    void logout();
    void refreshNow();

    // Refresh this many seconds before expiry (at the latest half-way through the token's life).
    void setRefreshLeadSeconds(int seconds) { m_refreshLead = seconds; }

signals:
    void stateChanged(Session::State state);
    void loggedIn();
    void loginFailed(const ApiError &error);
    void tokenRefreshed();
    // The session ended without a logout: the refresh was refused (e.g. the token was revoked).
    void expired(const ApiError &error);
    void loggedOut();
    void warning(const QString &message); // e.g. the keychain could not store the refresh token

private:
    void setState(State state);
    void acceptTokens(const api::TokenSet &tokens, bool isRefresh);
    void scheduleRefresh(qint64 expiresInSeconds);
    void storeSecrets();
    void wipeSecrets();
    void onKeychainFailed(const QString &key, const QString &message, bool notFound);
    void onKeychainRead(const QString &key, const QByteArray &secret);
    void fail(const ApiError &error);

    ConnectionProfile m_profile;
    KeychainStore *m_keychain;
    ControlPlaneClient *m_controlPlane;
    QHash<QString, ClusterClient *> m_clusters; // by URL
    ApiError m_setupError;
    State m_state = State::LoggedOut;
    api::TokenSet m_tokens;
    QString m_clientSecret; // service accounts only
    QDateTime m_expiry;
    QTimer m_refreshTimer;
    int m_refreshLead = 60;
    bool m_refreshing = false;
    QSet<QString> m_pendingWrites;
    QSet<QString> m_pendingRemovals;
    bool m_restoring = false;
};
