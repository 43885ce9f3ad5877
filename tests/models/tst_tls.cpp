// TLS and proxy settings against real servers on loopback: a self-signed certificate made with the
// openssl command at test time is refused without its CA and accepted with it; a pin narrows trust
// further but never replaces verification; an explicit proxy really carries the requests.
#include "controlplaneclient.h"
#include "testhttpserver.h"

#include <QFile>
#include <QProcess>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

class TestTls : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void verification_data();
    void verification();
    void unusableSettingsAreRefused_data();
    void unusableSettingsAreRefused();
    void explicitProxyCarriesRequests();

private:
    QTemporaryDir m_dir;
    QString m_certPath;
    QSslConfiguration m_serverConfig;
    QString m_fingerprint;
};

void TestTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_certPath = m_dir.filePath(QStringLiteral("cert.pem"));
    const QString keyPath = m_dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"),
                   QStringLiteral("-x509"),
                   QStringLiteral("-newkey"),
                   QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"),
                   QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"),
                   keyPath,
                   QStringLiteral("-out"),
                   m_certPath,
                   QStringLiteral("-days"),
                   QStringLiteral("2"),
                   QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"),
                   QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1")});
    QVERIFY(openssl.waitForFinished(30000));
    QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());
    QFile certFile(m_certPath);
    QFile keyFile(keyPath);
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate cert(certFile.readAll(), QSsl::Pem);
    const QSslKey key(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
    QVERIFY(!cert.isNull() && !key.isNull());
    m_serverConfig = QSslConfiguration::defaultConfiguration();
    m_serverConfig.setLocalCertificate(cert);
    m_serverConfig.setPrivateKey(key);
    m_serverConfig.setPeerVerifyMode(
        QSslSocket::VerifyNone); // the server does not ask for a client cert
    m_fingerprint = net::fingerprint(cert);
}

void TestTls::verification_data()
{
    QTest::addColumn<bool>("withCa");
    QTest::addColumn<QString>("pin"); // "right", "wrong" or empty
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("fragment");
    QTest::addRow("system CAs only: refused") << false << QString() << false << "is not trusted";
    QTest::addRow("with the CA bundle: accepted") << true << QString() << true << QString();
    QTest::addRow("CA and the right pin: accepted") << true << "right" << true << QString();
    QTest::addRow("CA and a wrong pin: refused")
        << true << "wrong" << false << "does not match the pinned";
    QTest::addRow("right pin without CA: still refused")
        << false << "right" << false << "is not trusted";
}

void TestTls::verification()
{
    QFETCH(bool, withCa);
    QFETCH(QString, pin);
    QFETCH(bool, accepted);
    QFETCH(QString, fragment);
    TestHttpServer server(m_serverConfig);
    server.route("GET", QStringLiteral("/api/v1/clusters"), TestReply::json(R"([{"uuid":"c1"}])"));
    QCOMPARE(server.url().scheme(), QStringLiteral("https"));

    ControlPlaneClient client(server.url());
    client.setRetryPolicy(0, 10);
    NetworkSettings settings;
    settings.proxy.mode = ProxySettings::Mode::None;
    if (withCa)
        settings.tls.caBundlePath = m_certPath;
    if (pin == QLatin1String("right"))
        settings.tls.pinnedSha256 = m_fingerprint;
    else if (pin == QLatin1String("wrong"))
        settings.tls.pinnedSha256 = QString(64, QLatin1Char('a'));
    const ApiError settingsError = client.setNetworkSettings(settings);
    QVERIFY2(!settingsError.isError(), qPrintable(settingsError.message));

    std::optional<Result<QList<api::Cluster>>> result;
    client.fetchClusters(this, [&](const auto &r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
    QCOMPARE(result->ok(), accepted);
    if (accepted) {
        QCOMPARE(result->value.size(), 1);
    } else {
        QCOMPARE(result->error.kind, ApiError::Kind::Tls);
        QVERIFY2(result->error.message.contains(fragment), qPrintable(result->error.message));
    }
}

void TestTls::unusableSettingsAreRefused_data()
{
    QTest::addColumn<QString>("caPath");
    QTest::addColumn<QString>("pin");
    QTest::addColumn<QString>("fragment");
    QTest::addRow("missing CA file") << "/nonexistent/ca.pem" << QString() << "cannot be read";
    QTest::addRow("CA file without certificates")
        << "SELF" << QString() << "contains no PEM certificate";
    QTest::addRow("pin too short") << QString() << "AB:CD"
                                   << "is not a SHA-256 fingerprint";
    QTest::addRow("pin not hex") << QString() << QString(64, QLatin1Char('z'))
                                 << "is not a SHA-256 fingerprint";
}

void TestTls::unusableSettingsAreRefused()
{
    QFETCH(QString, caPath);
    QFETCH(QString, pin);
    QFETCH(QString, fragment);
    if (caPath == QLatin1String("SELF")) { // a readable file that is not PEM
        caPath = m_dir.filePath(QStringLiteral("not-a-ca.txt"));
        QFile f(caPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello\n");
    }
    ControlPlaneClient client(QUrl(QStringLiteral("https://127.0.0.1:1")));
    NetworkSettings settings;
    settings.tls.caBundlePath = caPath;
    settings.tls.pinnedSha256 = pin;
    const ApiError error = client.setNetworkSettings(settings);
    QCOMPARE(error.kind, ApiError::Kind::Tls);
    QVERIFY2(error.message.contains(fragment), qPrintable(error.message));
    QCOMPARE(client.networkSettings(), NetworkSettings()); // old settings kept
}

void TestTls::explicitProxyCarriesRequests()
{
    // The "proxy" answers every request itself; the target host does not exist, so only a request that
    // went through the proxy can succeed.
    TestHttpServer proxy;
    proxy.setFallback(
        [](const TestRequest &) { return TestReply::json(R"([{"uuid":"via-proxy"}])"); });
    ControlPlaneClient client(
        QUrl(QStringLiteral("http://control-plane.gpudesk-test.invalid:8480")));
    client.setRetryPolicy(0, 10);
    NetworkSettings settings;
    settings.proxy.mode = ProxySettings::Mode::Explicit;
    settings.proxy.host = QStringLiteral("127.0.0.1");
    settings.proxy.port = proxy.port();
    QVERIFY(!client.setNetworkSettings(settings).isError());
    std::optional<Result<QList<api::Cluster>>> result;
    client.fetchClusters(this, [&](const auto &r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
    QVERIFY2(result->ok(), qPrintable(result->error.message));
    QCOMPARE(result->value.first().uuid, QStringLiteral("via-proxy"));
    QVERIFY(proxy.requests().first().target.startsWith(
        "http://control-plane.gpudesk-test.invalid:8480/api/v1/clusters"));
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
