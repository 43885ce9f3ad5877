#pragma once

// Real processes on loopback for the end-to-end cluster tests: gpudesk-server children that announce
// their URL on stdout, and a blocking JSON HTTP helper for the test thread.

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

namespace e2e {

inline QString serverBinary()
{
    return qEnvironmentVariable("GPUDESK_BUILD_DIR")
           + QStringLiteral("/controlplane/gpudesk-server");
}

class ServerProcess
{
public:
    ~ServerProcess() { stop(); }

    // Starts gpudesk-server with `arguments`; returns the URL printed after `prefix`, or empty.
    QString start(const QStringList &arguments, const QString &prefix, int timeoutMs = 30000)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->setStandardErrorFile(QProcess::nullDevice());
        m_process->start(serverBinary(), arguments);
        QByteArray out;
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired() && m_process->state() != QProcess::NotRunning) {
            m_process->waitForReadyRead(100);
            out += m_process->readAllStandardOutput();
            for (const QByteArray &line : out.split('\n')) {
                const QString text = QString::fromUtf8(line).trimmed();
                if (text.startsWith(prefix))
                    return text.mid(prefix.size()).trimmed();
            }
        }
        return QString();
    }
    // SIGTERM, as an operator would; the process must exit cleanly.
    bool stop()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return true;
        m_process->terminate();
        const bool clean = m_process->waitForFinished(10000)
                           && m_process->exitStatus() == QProcess::NormalExit;
        if (!clean) {
            m_process->kill();
            m_process->waitForFinished(3000);
        }
        return clean;
    }
    bool isRunning() const { return m_process && m_process->state() == QProcess::Running; }

private:
    std::unique_ptr<QProcess> m_process;
};

struct Reply
{
    int status = 0;
    QJsonObject object;
    QJsonArray array;
    QByteArray raw;
};

inline Reply call(const QByteArray &method,
                  const QString &url,
                  const QByteArray &token = {},
                  const QJsonObject &body = {})
{
    static QNetworkAccessManager network;
    QNetworkRequest request {QUrl(url)};
    request.setTransferTimeout(15000);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    QByteArray payload;
    if (!body.isEmpty()) {
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    QNetworkReply *reply = network.sendCustomRequest(request, method, payload);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.raw = reply->readAll();
    const QJsonDocument doc = QJsonDocument::fromJson(out.raw);
    out.object = doc.object();
    out.array = doc.array();
    reply->deleteLater();
    return out;
}

inline QByteArray signIn(const QString &cpUrl, const QString &user)
{
    const Reply r = call("POST",
                         cpUrl + QStringLiteral("/api/v1/token"),
                         {},
                         QJsonObject {{QStringLiteral("grantType"), QStringLiteral("password")},
                                      {QStringLiteral("username"), user},
                                      {QStringLiteral("password"), QStringLiteral("gpudesk-demo")}});
    return r.object.value(QStringLiteral("accessToken")).toString().toUtf8();
}

// Polls `probe` every 100 ms until it returns true or the time runs out.
inline bool waitFor(const std::function<bool()> &probe, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (probe())
            return true;
        QTest::qWait(100);
    }
    return probe();
}

inline QJsonObject annotations(const QString &duration,
                               const QString &outcome = QStringLiteral("succeed"))
{
    return QJsonObject {
        {QStringLiteral("annotations"),
         QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("gpudesk.sim/duration")},
                                  {QStringLiteral("value"), duration}},
                     QJsonObject {{QStringLiteral("name"), QStringLiteral("gpudesk.sim/outcome")},
                                  {QStringLiteral("value"), outcome}}}}};
}

} // namespace e2e
