// Session against a token endpoint on loopback and the real Secret Service (run through
// scripts/test-session): login, refresh before expiry, restore from the keychain, logout revokes and
// wipes; connection profiles in QSettings never contain a secret.
#include "keychainreader.h"
#include "keychainstore.h"
#include "session.h"
#include "testhttpserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace {

// Token endpoint: password "right-pw" for alice, secret "sa-secret" for client "ci-bot"; each token
// lives 2 s so that a refresh is due within the test.
class TokenServer : public TestHttpServer
{
public:
    QStringList revoked;
    int issued = 0;
    bool refuseRefresh = false;

    TokenServer()
    {
        route("POST", QStringLiteral("/api/v1/token"), [this](const TestRequest &r) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            const QString grant = body.value(QStringLiteral("grantType")).toString();
            bool ok = false;
            if (grant == QLatin1String("password"))
                ok = body.value(QStringLiteral("username")).toString() == QLatin1String("alice")
                     && body.value(QStringLiteral("password")).toString()
                            == QLatin1String("right-pw");
            else if (grant == QLatin1String("client_credentials"))
                ok = body.value(QStringLiteral("clientID")).toString() == QLatin1String("ci-bot")
                     && body.value(QStringLiteral("clientSecret")).toString()
                            == QLatin1String("sa-secret");
            else if (grant == QLatin1String("refresh_token"))
                ok = !refuseRefresh
                     && body.value(QStringLiteral("refreshToken"))
                            .toString()
                            .startsWith(QLatin1String("refresh-"))
                     && !revoked.contains(body.value(QStringLiteral("refreshToken")).toString());
            if (!ok)
                return TestReply::json(R"({"code":401,"message":"Wrong user name or password"})",
                                       401);
            ++issued;
            const QByteArray n = QByteArray::number(issued);
            return TestReply::json(R"({"accessToken":"access-)" + n
                                   + R"(","refreshToken":"refresh-)" + n + R"(","expiresIn":2})");
        });
        route("POST", QStringLiteral("/api/v1/me/logout"), [this](const TestRequest &r) {
            if (!r.headers.value("authorization").startsWith("Bearer access-"))
                return TestReply::json(R"({"code":401,"message":"no token"})", 401);
            revoked << QJsonDocument::fromJson(r.body)
                           .object()
                           .value(QStringLiteral("refreshToken"))
                           .toString();
            return TestReply::json(R"({"code":200,"message":"Signed out."})");
        });
        route("GET", QStringLiteral("/api/v1/clusters"), [](const TestRequest &r) {
            return r.headers.value("authorization").startsWith("Bearer access-")
                       ? TestReply::json("[]")
                       : TestReply::json(R"({"code":401,"message":"no token"})", 401);
        });
    }
};

ConnectionProfile profileFor(const QUrl &url, ConnectionProfile::AuthMethod method)
{
    ConnectionProfile p;
    p.name = QStringLiteral("test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.controlPlaneUrl = url;
    p.authMethod = method;
    p.username = method == ConnectionProfile::AuthMethod::Password ? QStringLiteral("alice")
                                                                   : QStringLiteral("ci-bot");
    p.network.proxy.mode = ProxySettings::Mode::None;
    return p;
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT
private slots:
    void loginRefreshLogout_data();
    void loginRefreshLogout();
    void wrongPasswordIsRefused();
    void restoreFromKeychain();
    void revokedRefreshExpiresTheSession();
    void profilesHoldNoSecrets();
    void clusterClientsShareTheToken();
};

void TestSession::loginRefreshLogout_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<QString>("secret");
    QTest::addRow("password") << int(ConnectionProfile::AuthMethod::Password) << "right-pw";
    QTest::addRow("service account")
        << int(ConnectionProfile::AuthMethod::ServiceAccount) << "sa-secret";
}

void TestSession::loginRefreshLogout()
{
    QFETCH(int, method);
    QFETCH(QString, secret);
    TokenServer server;
    KeychainStore keychain(QStringLiteral("gpudesk-test"));
    const ConnectionProfile profile = profileFor(server.url(),
                                                 ConnectionProfile::AuthMethod(method));
    Session session(profile, &keychain);
    QVERIFY(!session.setupError().isError());
    QSignalSpy loggedIn(&session, &Session::loggedIn);
    QSignalSpy refreshed(&session, &Session::tokenRefreshed);
    QSignalSpy loggedOut(&session, &Session::loggedOut);
    session.setRefreshLeadSeconds(1);

    session.login(secret);
    QVERIFY(loggedIn.wait(10000));
    QVERIFY(session.isLoggedIn());
    QCOMPARE(session.controlPlane()->accessToken(), QStringLiteral("access-1"));
    QTRY_COMPARE_WITH_TIMEOUT(readKeychain(keychain,
                                           profile.keychainKey(QStringLiteral("refresh-token"))),
                              QByteArray("refresh-1"),
                              10000);
    if (profile.authMethod == ConnectionProfile::AuthMethod::ServiceAccount)
        QCOMPARE(readKeychain(keychain, profile.keychainKey(QStringLiteral("client-secret"))),
                 QByteArray("sa-secret"));

    // expiresIn 2 s, lead 1 s: the refresh happens about 1 s after login, before expiry.
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(session.controlPlane()->accessToken(), QStringLiteral("access-2"));
    QVERIFY(session.accessTokenExpiry() > QDateTime::currentDateTimeUtc());
    QTRY_COMPARE_WITH_TIMEOUT(readKeychain(keychain,
                                           profile.keychainKey(QStringLiteral("refresh-token"))),
                              QByteArray("refresh-2"),
                              10000);

    session.logout();
    QVERIFY(loggedOut.wait(10000));
    QCOMPARE(session.state(), Session::State::LoggedOut);
    QVERIFY(server.revoked.contains(QStringLiteral("refresh-2")));
    QVERIFY(session.controlPlane()->accessToken().isEmpty());
    for (const QString &what : {QStringLiteral("access-token"),
                                QStringLiteral("refresh-token"),
                                QStringLiteral("client-secret")})
        QCOMPARE(readKeychain(keychain, profile.keychainKey(what)), QByteArray("<missing>"));
}

void TestSession::wrongPasswordIsRefused()
{
    TokenServer server;
    KeychainStore keychain(QStringLiteral("gpudesk-test"));
    Session session(profileFor(server.url(), ConnectionProfile::AuthMethod::Password), &keychain);
    QSignalSpy failed(&session, &Session::loginFailed);
    session.login(QStringLiteral("wrong"));
    QVERIFY(failed.wait(10000));
    const auto error = failed.first().first().value<ApiError>();
    QCOMPARE(error.httpStatus, 401);
    QVERIFY2(error.message.contains(QStringLiteral("Wrong user name or password")),
             qPrintable(error.message));
    QCOMPARE(session.state(), Session::State::LoggedOut);
}

void TestSession::restoreFromKeychain()
{
    TokenServer server;
    KeychainStore keychain(QStringLiteral("gpudesk-test"));
    const ConnectionProfile profile = profileFor(server.url(),
                                                 ConnectionProfile::AuthMethod::Password);
    {
        Session first(profile, &keychain);
        QSignalSpy loggedIn(&first, &Session::loggedIn);
        first.login(QStringLiteral("right-pw"));
        QVERIFY(loggedIn.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(readKeychain(keychain,
                                               profile.keychainKey(
                                                   QStringLiteral("refresh-token"))),
                                  QByteArray("refresh-1"),
                                  10000);
    }
    Session second(profile, &keychain); // "after a restart": no password given
    QSignalSpy loggedIn(&second, &Session::loggedIn);
    second.restore();
    QVERIFY(loggedIn.wait(10000));
    QCOMPARE(second.controlPlane()->accessToken(), QStringLiteral("access-2"));
    QSignalSpy out(&second, &Session::loggedOut);
    second.logout();
    QVERIFY(out.wait(10000));

    Session third(profile, &keychain); // nothing left to restore
    QSignalSpy failed(&third, &Session::loginFailed);
    third.restore();
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::Storage);
}

void TestSession::revokedRefreshExpiresTheSession()
{
    TokenServer server;
    server.refuseRefresh = true;
    KeychainStore keychain(QStringLiteral("gpudesk-test"));
    const ConnectionProfile profile = profileFor(server.url(),
                                                 ConnectionProfile::AuthMethod::Password);
    Session session(profile, &keychain);
    session.setRefreshLeadSeconds(1);
    QSignalSpy loggedIn(&session, &Session::loggedIn);
    QSignalSpy expired(&session, &Session::expired);
    session.login(QStringLiteral("right-pw"));
    QVERIFY(loggedIn.wait(10000));
    QVERIFY(expired.wait(5000));
    QCOMPARE(session.state(), Session::State::LoggedOut);
    QVERIFY(session.controlPlane()->accessToken().isEmpty());
    QSignalSpy out(&session, &Session::loggedOut);
    session.logout(); // cleans the keychain even though the session already ended
    QVERIFY(out.wait(10000));
}

void TestSession::profilesHoldNoSecrets()
{
    TokenServer server;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("gpudesk.ini"));
    KeychainStore keychain(QStringLiteral("gpudesk-test"));
    ConnectionProfile profile = profileFor(server.url(),
                                           ConnectionProfile::AuthMethod::ServiceAccount);
    profile.network.tls.pinnedSha256 = QString(64, QLatin1Char('b'));
    profile.network.proxy = {ProxySettings::Mode::Explicit,
                             QStringLiteral("proxy.corp"),
                             3128,
                             QStringLiteral("bob")};
    {
        QSettings settings(path, QSettings::IniFormat);
        profiles::save(settings, profile);
        ConnectionProfile other = profileFor(server.url(), ConnectionProfile::AuthMethod::Password);
        other.name = QStringLiteral("second");
        profiles::save(settings, other);
        profile.username = QStringLiteral("ci-bot"); // update in place
        profiles::save(settings, profile);
    }
    {
        QSettings settings(path, QSettings::IniFormat);
        const QList<ConnectionProfile> loaded = profiles::load(settings);
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.first(), profile);
        profiles::remove(settings, QStringLiteral("second"));
        QCOMPARE(profiles::load(settings).size(), 1);
    }
    profile.network = {};
    profile.network.proxy.mode = ProxySettings::Mode::None;
    Session session(profile, &keychain);
    QSignalSpy loggedIn(&session, &Session::loggedIn);
    session.login(QStringLiteral("sa-secret"));
    QVERIFY(loggedIn.wait(10000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains("ci-bot"));
    QVERIFY(!content.contains("sa-secret"));
    QVERIFY(!content.contains("access-"));
    QVERIFY(!content.contains("refresh-"));
    QSignalSpy out(&session, &Session::loggedOut);
    session.logout();
    QVERIFY(out.wait(10000));
}

void TestSession::clusterClientsShareTheToken()
{
    TokenServer server;
    TestHttpServer cluster;
    cluster.route("GET",
                  QStringLiteral("/api/v1/workloads/w/pods"),
                  TestReply::json(R"({"pods":[]})"));
    KeychainStore keychain(QStringLiteral("gpudesk-test"));
    Session session(profileFor(server.url(), ConnectionProfile::AuthMethod::Password), &keychain);
    ClusterClient *early = session.clusterClient(QStringLiteral("cluster-a"), cluster.url());
    QCOMPARE(session.clusterClient(QStringLiteral("cluster-a"), cluster.url()), early);
    QSignalSpy loggedIn(&session, &Session::loggedIn);
    session.login(QStringLiteral("right-pw"));
    QVERIFY(loggedIn.wait(10000));
    bool done = false;
    early->fetchPods(QStringLiteral("w"), this, [&](const auto &r) { done = r.ok(); });
    QTRY_VERIFY(done);
    QCOMPARE(cluster.requests().first().headers.value("authorization"),
             QByteArray("Bearer access-1"));
    QSignalSpy out(&session, &Session::loggedOut);
    session.logout();
    QVERIFY(out.wait(10000));
    QVERIFY(early->accessToken().isEmpty());
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
