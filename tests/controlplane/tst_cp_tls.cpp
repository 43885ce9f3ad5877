// HTTPS: the control plane serves TLS from PEM files; a client that trusts only that certificate (full
// verification, no errors ignored) gets its answers.
#include "testserver.h"

#include <QProcess>
#include <QSslConfiguration>
#include <QTest>

class TestTls : public QObject
{
    Q_OBJECT
private slots:
    void servesHttpsWithVerifiedCertificate()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {"req",
                       "-x509",
                       "-newkey",
                       "ec",
                       "-pkeyopt",
                       "ec_paramgen_curve:P-256",
                       "-nodes",
                       "-subj",
                       "/CN=127.0.0.1",
                       "-addext",
                       "subjectAltName=IP:127.0.0.1",
                       "-days",
                       "1",
                       "-keyout",
                       key,
                       "-out",
                       cert});
        QVERIFY(openssl.waitForFinished(20000));
        QCOMPARE(openssl.exitCode(), 0);

        gpudesk::core::ControlPlane cp;
        gpudesk::core::ControlPlaneOptions options;
        options.databaseSpec = dir.filePath(QStringLiteral("cp.sqlite"));
        QVERIFY(cp.open(options).isEmpty());
        gpudesk::http::HttpServer server([&cp](const gpudesk::http::Request &r) {
            return cp.handle(const_cast<gpudesk::http::Request &>(r));
        });
        QCOMPARE(server.setTlsFiles(QStringLiteral("/nonexistent.pem"), key).isEmpty(), false);
        QVERIFY(server.setTlsFiles(cert, key).isEmpty());
        QVERIFY(server.listen(QHostAddress::LocalHost, 0).isEmpty());
        QVERIFY(server.baseUrl().startsWith(QStringLiteral("https://127.0.0.1:")));

        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(server.baseUrl() + QStringLiteral("/api/v1/token/public-key")));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(cert));
        request.setSslConfiguration(tls);
        QNetworkReply *reply = network.get(request);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
        QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object().value("algorithm").toString(),
                 QStringLiteral("ES256"));
        delete reply;

        // A client that does not trust the certificate is refused (verification stays on).
        QNetworkAccessManager fresh; // a new manager: the first one would reuse its verified connection
        QNetworkReply *untrusted = fresh.get(
            QNetworkRequest(QUrl(server.baseUrl() + QStringLiteral("/api/v1/token/public-key"))));
        QEventLoop loop2;
        connect(untrusted, &QNetworkReply::finished, &loop2, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop2, &QEventLoop::quit);
        loop2.exec();
        QCOMPARE(untrusted->error(), QNetworkReply::SslHandshakeFailedError);
        delete untrusted;
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_cp_tls.moc"
