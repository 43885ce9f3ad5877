// Durability: gpudesk-server is killed with SIGKILL in the middle of a write loop; after a restart on
// the same database every write that was answered 2xx is there.
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <signal.h>

class TestDurability : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir dir;
    QNetworkAccessManager network;

    QString serverPath() const
    {
        return QDir(qEnvironmentVariable("GPUDESK_BUILD_DIR"))
            .filePath(QStringLiteral("controlplane/gpudesk-server"));
    }

    // Starts the server; returns its URL or empty.
    QString start(QProcess &process)
    {
        process.start(serverPath(),
                      {QStringLiteral("controlplane"),
                       QStringLiteral("--listen"),
                       QStringLiteral("127.0.0.1:0"),
                       QStringLiteral("--db"),
                       dir.filePath(QStringLiteral("cp.sqlite")),
                       QStringLiteral("--seed"),
                       QStringLiteral("demo")});
        if (!process.waitForStarted(5000))
            return {};
        QByteArray line;
        for (int i = 0; i < 100 && !line.contains('\n'); ++i) {
            process.waitForReadyRead(100);
            line += process.readAllStandardOutput();
        }
        const QByteArray prefix = "control plane listening on ";
        if (!line.startsWith(prefix))
            return {};
        return QString::fromLatin1(line.mid(prefix.size()).trimmed());
    }

    QNetworkReply *send(const QString &url,
                        const QByteArray &method,
                        const QString &path,
                        const QByteArray &body,
                        const QByteArray &token)
    {
        QNetworkRequest request(QUrl(url + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        return network.sendCustomRequest(request, method, body);
    }

    QJsonDocument wait(QNetworkReply *reply, int *status = nullptr)
    {
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        if (status)
            *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonDocument document = QJsonDocument::fromJson(reply->readAll());
        reply->deleteLater();
        return document;
    }

    QByteArray login(const QString &url)
    {
        return wait(
                   send(url,
                        "POST",
                        QStringLiteral("/api/v1/token"),
                        R"({"grantType":"password","username":"admin@demo.local","password":"gpudesk-demo"})",
                        {}))
            .object()
            .value("accessToken")
            .toString()
            .toLatin1();
    }

private slots:
    void killDuringWritesKeepsEveryAcknowledgedWrite()
    {
        QVERIFY(QFile::exists(serverPath()));
        QProcess server;
        const QString url = start(server);
        QVERIFY2(!url.isEmpty(), server.readAllStandardError().constData());
        const QByteArray token = login(url);
        QVERIFY(!token.isEmpty());
        const QJsonArray clusters
            = wait(send(url, "GET", QStringLiteral("/api/v1/clusters"), {}, token)).array();
        const QString clusterId = clusters.first().toObject().value("uuid").toString();
        // Keep four requests in flight all the time; kill the server after ~1.5 s, whatever is in flight.
        QStringList acknowledged;
        int sent = 0;
        bool killed = false;
        QList<QNetworkReply *> inFlight;
        QEventLoop loop;
        std::function<void()> sendOne = [&] {
            const QString name = QStringLiteral("durable-%1").arg(sent++);
            QNetworkReply *reply = send(url,
                                        "POST",
                                        QStringLiteral("/api/v1/org-unit/departments"),
                                        QJsonDocument(
                                            QJsonObject {{"name", name}, {"clusterId", clusterId}})
                                            .toJson(),
                                        token);
            inFlight.append(reply);
            connect(reply, &QNetworkReply::finished, &loop, [&, reply, name] {
                inFlight.removeAll(reply);
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() / 100 == 2)
                    acknowledged.append(name);
                reply->deleteLater();
                if (!killed)
                    sendOne();
                else if (inFlight.isEmpty())
                    loop.quit();
            });
        };
        for (int i = 0; i < 4; ++i)
            sendOne();
        QTimer::singleShot(1500, &loop, [&] {
            killed = true;
            ::kill(pid_t(server.processId()), SIGKILL);
        });
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
        server.waitForFinished(5000);
        QCOMPARE(server.exitStatus(), QProcess::CrashExit);
        QVERIFY2(acknowledged.size() > 20, qPrintable(QString::number(acknowledged.size())));
        qInfo("acknowledged %lld of %d writes before SIGKILL", qlonglong(acknowledged.size()), sent);

        QProcess restarted;
        const QString url2 = start(restarted);
        QVERIFY(!url2.isEmpty());
        const QByteArray token2 = login(url2);
        QSet<QString> present;
        for (int offset = 0;; offset += 500) {
            const QJsonObject page
                = wait(send(url2,
                            "GET",
                            QStringLiteral("/api/v1/org-unit/departments?limit=500&offset=%1")
                                .arg(offset),
                            {},
                            token2))
                      .object();
            for (const QJsonValue &department : page.value("departments").toArray())
                present.insert(department.toObject().value("name").toString());
            if (!page.contains("next"))
                break;
        }
        for (const QString &name : acknowledged)
            QVERIFY2(present.contains(name),
                     qPrintable(name + QStringLiteral(" was acknowledged but is missing")));
        restarted.kill();
        restarted.waitForFinished(3000);
    }
};

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_cp_durability.moc"
