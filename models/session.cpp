#include "session.h"

#include "keychainstore.h"

#include <QCoreApplication>

namespace {

const QString accessKey = QStringLiteral("access-token");
const QString refreshKey = QStringLiteral("refresh-token");
const QString secretKey = QStringLiteral("client-secret");

} // namespace

Session::Session(const ConnectionProfile &profile, KeychainStore *keychain, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_keychain(keychain)
    , m_controlPlane(new ControlPlaneClient(profile.controlPlaneUrl, this))
{
    m_setupError = m_controlPlane->setNetworkSettings(profile.network);
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &Session::refreshNow);
    connect(m_controlPlane, &HttpClient::unauthorized, this, [this] {
        if (m_state == State::LoggedIn)
            refreshNow();
    });
    connect(m_keychain, &KeychainStore::written, this, [this](const QString &key) {
        m_pendingWrites.remove(key);
    });
    connect(m_keychain, &KeychainStore::removed, this, [this](const QString &key) {
        if (m_pendingRemovals.remove(key) && m_pendingRemovals.isEmpty()
            && m_state == State::LoggingOut) {
            setState(State::LoggedOut);
            emit loggedOut();
        }
    });
    connect(m_keychain, &KeychainStore::failed, this, &Session::onKeychainFailed);
    connect(m_keychain, &KeychainStore::readFinished, this, &Session::onKeychainRead);
}

Session::~Session() = default;

ClusterClient *Session::clusterClient(const QString &clusterName, const QUrl &url)
{
    const QString key = url.toString(QUrl::StripTrailingSlash);
    if (ClusterClient *existing = m_clusters.value(key))
        return existing;
    auto *client = new ClusterClient(clusterName, url, this);
    client->setNetworkSettings(m_profile.network);
    client->setAccessToken(m_tokens.accessToken);
    connect(client, &HttpClient::unauthorized, this, [this] {
        if (m_state == State::LoggedIn)
            refreshNow();
    });
    m_clusters.insert(key, client);
    return client;
}

void Session::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void Session::fail(const ApiError &error)
{
    m_refreshTimer.stop();
    setState(State::LoggedOut);
    emit loginFailed(error);
}

void Session::login(const QString &secret)
{
    if (m_setupError.isError()) {
        fail(m_setupError);
        return;
    }
    setState(State::LoggingIn);
    auto done = [this](const Result<api::TokenSet> &r) {
        if (!r.ok()) {
            fail(r.error);
            return;
        }
        acceptTokens(r.value, false);
    };
    if (m_profile.authMethod == ConnectionProfile::AuthMethod::ServiceAccount) {
        m_clientSecret = secret;
        m_controlPlane->loginWithClientCredentials(m_profile.username, secret, this, done);
    } else {
        m_controlPlane->loginWithPassword(m_profile.username, secret, this, done);
    }
}

void Session::restore()
{
    if (m_setupError.isError()) {
        fail(m_setupError);
        return;
    }
    setState(State::LoggingIn);
    m_restoring = true;
    m_keychain->read(m_profile.keychainKey(
        m_profile.authMethod == ConnectionProfile::AuthMethod::ServiceAccount ? secretKey
                                                                              : refreshKey));
}

void Session::onKeychainRead(const QString &key, const QByteArray &secret)
{
    if (!m_restoring)
        return;
    m_restoring = false;
    auto done = [this](const Result<api::TokenSet> &r) {
        if (!r.ok()) {
            fail(r.error);
            return;
        }
        acceptTokens(r.value, false);
    };
    if (key == m_profile.keychainKey(secretKey)) {
        m_clientSecret = QString::fromUtf8(secret);
        m_controlPlane->loginWithClientCredentials(m_profile.username, m_clientSecret, this, done);
    } else if (key == m_profile.keychainKey(refreshKey)) {
        m_controlPlane->refreshToken(QString::fromUtf8(secret), this, done);
    }
}

void Session::onKeychainFailed(const QString &key, const QString &message, bool notFound)
{
    if (m_restoring && key.startsWith(m_profile.keychainKey(QString()))) {
        m_restoring = false;
        fail(ApiError::make(
            ApiError::Kind::Storage,
            notFound ? tr("No saved login for profile %1: log in again.").arg(m_profile.name)
                     : tr("The keychain could not be read (%1): log in again.").arg(message)));
        return;
    }
    const bool wasWrite = m_pendingWrites.remove(key);
    const bool wasRemoval = m_pendingRemovals.remove(key);
    if (!wasWrite && !wasRemoval)
        return;
    emit warning(tr("The keychain refused to store or delete %1: %2").arg(key, message));
    if (wasRemoval && m_pendingRemovals.isEmpty() && m_state == State::LoggingOut) {
        setState(State::LoggedOut);
        emit loggedOut();
    }
}

void Session::acceptTokens(const api::TokenSet &tokens, bool isRefresh)
{
    const QString oldRefresh = m_tokens.refreshToken;
    m_tokens = tokens;
    if (m_tokens.refreshToken.isEmpty() && isRefresh)
        m_tokens.refreshToken = oldRefresh; // servers may keep the old refresh token valid
    m_controlPlane->setAccessToken(m_tokens.accessToken);
    for (ClusterClient *c : std::as_const(m_clusters))
        c->setAccessToken(m_tokens.accessToken);
    m_expiry = QDateTime::currentDateTimeUtc().addSecs(tokens.expiresInSeconds);
    scheduleRefresh(tokens.expiresInSeconds);
    storeSecrets();
    setState(State::LoggedIn);
    if (isRefresh)
        emit tokenRefreshed();
    else
        emit loggedIn();
}

void Session::scheduleRefresh(qint64 expiresIn)
{
    if (expiresIn <= 0) {
        m_refreshTimer.stop();
        return;
    }
    const qint64 lead = std::min<qint64>(m_refreshLead, expiresIn / 2);
    m_refreshTimer.start(std::chrono::milliseconds((expiresIn - lead) * 1000));
}

void Session::refreshNow()
{
    if (m_refreshing || m_state != State::LoggedIn)
        return;
    m_refreshing = true;
    auto done = [this](const Result<api::TokenSet> &r) {
        m_refreshing = false;
        if (r.ok()) {
            acceptTokens(r.value, true);
            return;
        }
        if (r.error.kind == ApiError::Kind::Http) { // refused: the session is over
            m_refreshTimer.stop();
            m_tokens = {};
            m_controlPlane->setAccessToken({});
            for (ClusterClient *c : std::as_const(m_clusters))
                c->setAccessToken({});
            setState(State::LoggedOut);
            emit expired(r.error);
            return;
        }
        // Network trouble: the current token is still good for a while; try again soon.
        m_refreshTimer.start(std::chrono::seconds(10));
        emit warning(r.error.message);
    };
    if (!m_tokens.refreshToken.isEmpty())
        m_controlPlane->refreshToken(m_tokens.refreshToken, this, done);
    else if (!m_clientSecret.isEmpty())
        m_controlPlane->loginWithClientCredentials(m_profile.username, m_clientSecret, this, done);
    else
        m_refreshing = false;
}

void Session::storeSecrets()
{
    auto write = [this](const QString &what, const QString &value) {
        if (value.isEmpty())
            return;
        const QString key = m_profile.keychainKey(what);
        m_pendingWrites.insert(key);
        m_keychain->write(key, value.toUtf8());
    };
    write(accessKey, m_tokens.accessToken);
    write(refreshKey, m_tokens.refreshToken);
    if (m_profile.authMethod == ConnectionProfile::AuthMethod::ServiceAccount)
        write(secretKey, m_clientSecret);
}

void Session::wipeSecrets()
{
    for (const QString &what : {accessKey, refreshKey, secretKey}) {
        const QString key = m_profile.keychainKey(what);
        m_pendingRemovals.insert(key);
        m_keychain->remove(key);
    }
}

void Session::logout()
{
    if (m_state == State::LoggingOut)
        return;
    m_refreshTimer.stop();
    setState(State::LoggingOut);
    const QString refresh = m_tokens.refreshToken;
    m_tokens = {};
    m_clientSecret.clear();
    auto finish = [this] {
        m_controlPlane->setAccessToken({});
        for (ClusterClient *c : std::as_const(m_clusters))
            c->setAccessToken({});
        m_controlPlane->cancelAll();
        wipeSecrets();
    };
    if (refresh.isEmpty()) {
        finish();
        return;
    }
    // Revoke first (it needs the access token), then wipe whatever the revocation's outcome: a server
    // we cannot reach must not keep the user logged in on this computer.
    m_controlPlane->revokeToken(refresh, this, [this, finish](const Result<bool> &r) {
        if (!r.ok())
            emit warning(
                tr("The control plane could not revoke the session (%1); it was removed from "
                   "this computer anyway.")
                    .arg(r.error.message));
        finish();
    });
}
