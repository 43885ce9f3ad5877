#include "sandboxprocess.h"

#include "cluster/clusterstore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>

#include <algorithm>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
#endif

namespace gpudesk::sandbox {

SandboxChild::SandboxChild(QString label,
                           const QString &program,
                           const QStringList &arguments,
                           const QProcessEnvironment &environment,
                           QObject *parent)
    : QObject(parent)
    , m_label(std::move(label))
{
    // stdout carries the "listening on" line; stderr (logs) goes straight to the sandbox's stderr
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.setProcessEnvironment(environment);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, [this] {
        m_stdout += m_process.readAllStandardOutput();
        if (m_stdout.size() > 64 * 1024)
            m_stdout = m_stdout.right(32 * 1024);
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (!m_stopping)
            emit exited(QStringLiteral("%1 exited unexpectedly (%2 %3)")
                            .arg(m_label,
                                 status == QProcess::CrashExit ? QStringLiteral("crash, signal")
                                                               : QStringLiteral("exit code"))
                            .arg(code));
    });
#ifdef Q_OS_LINUX
    // A sandbox killed outright (SIGKILL, a crash) must not leave its clusters running: the kernel
    // sends each child SIGTERM when the sandbox dies, and they stop as they do on Ctrl-C.
    const pid_t sandboxPid = ::getpid();
    m_process.setChildProcessModifier([sandboxPid] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != sandboxPid) // the sandbox died before prctl took effect
            ::raise(SIGTERM);
    });
#endif
    m_process.start(program, arguments);
}

QString SandboxChild::waitForUrl(const QString &prefix, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        for (const QByteArray &raw : m_stdout.split('\n')) {
            const QString line = QString::fromUtf8(raw).trimmed();
            if (line.startsWith(prefix))
                return line.mid(prefix.size()).trimmed();
        }
        if (m_process.state() == QProcess::NotRunning)
            return QString();
        m_process.waitForReadyRead(
            int(std::min<qint64>(200, std::max<qint64>(1, deadline.remainingTime()))));
        m_stdout += m_process.readAllStandardOutput();
    }
    return QString();
}

QString SandboxChild::lastOutput() const
{
    const QString text = QString::fromUtf8(m_stdout).trimmed();
    return text.isEmpty() ? QStringLiteral("(no output; see the messages above)") : text.right(400);
}

void SandboxChild::stop(int graceMs)
{
    m_stopping = true;
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // SIGTERM: the child saves its state and exits
    if (!m_process.waitForFinished(graceMs)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

SandboxProcesses::~SandboxProcesses()
{
    stopAll();
}

SandboxChild *SandboxProcesses::start(const QString &label,
                                      const QString &program,
                                      const QStringList &arguments,
                                      const QProcessEnvironment &environment)
{
    auto *child = new SandboxChild(label, program, arguments, environment);
    m_children.append(child);
    return child;
}

void SandboxProcesses::stopAll()
{
    // clusters first (they push a last state), the control plane last
    for (auto it = m_children.rbegin(); it != m_children.rend(); ++it)
        (*it)->stop(8000);
    qDeleteAll(m_children);
    m_children.clear();
}

ControlPlaneAdmin::Reply ControlPlaneAdmin::call(const QByteArray &method,
                                                 const QString &path,
                                                 const QJsonObject &body)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(m_base + path));
    request.setTransferTimeout(15000);
    if (!m_accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_accessToken);
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
    out.body = reply->readAll();
    if (out.status < 200 || out.status >= 300) {
        const QString message
            = QJsonDocument::fromJson(out.body).object().value(QLatin1String("message")).toString();
        out.error = out.status == 0 ? reply->errorString()
                                    : QStringLiteral("HTTP %1 %2").arg(out.status).arg(message);
    }
    reply->deleteLater();
    return out;
}

QString ControlPlaneAdmin::signIn()
{
    const Reply reply = call("POST",
                             QStringLiteral("/api/v1/token"),
                             QJsonObject {{QStringLiteral("grantType"), QStringLiteral("password")},
                                          {QStringLiteral("username"),
                                           QStringLiteral("admin@demo.local")},
                                          {QStringLiteral("password"), demoPassword()}});
    if (!reply.error.isEmpty())
        return reply.error;
    m_accessToken = QJsonDocument::fromJson(reply.body)
                        .object()
                        .value(QLatin1String("accessToken"))
                        .toString()
                        .toUtf8();
    return m_accessToken.isEmpty() ? QStringLiteral("the token reply held no accessToken")
                                   : QString();
}

QString ControlPlaneAdmin::waitForConnected(const QStringList &clusterNames, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QString last;
    while (!deadline.hasExpired()) {
        const Reply reply = call("GET", QStringLiteral("/api/v1/clusters"));
        QStringList waiting = clusterNames;
        if (reply.error.isEmpty()) {
            for (const auto &v : QJsonDocument::fromJson(reply.body).array()) {
                const QJsonObject cluster = v.toObject();
                if (cluster.value(QLatin1String("status"))
                        .toObject()
                        .value(QLatin1String("state"))
                        .toString()
                    == QLatin1String("Connected"))
                    waiting.removeAll(cluster.value(QLatin1String("name")).toString());
            }
            if (waiting.isEmpty())
                return QString();
            last = QStringLiteral("still waiting for %1 to connect")
                       .arg(waiting.join(QStringLiteral(", ")));
        } else {
            last = reply.error;
        }
        QEventLoop loop;
        QTimer::singleShot(250, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return QStringLiteral("the clusters did not connect to the control plane in time: ") + last;
}

QByteArray clusterTokenFromFile(const QString &path, const QString &clusterName)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return QJsonDocument::fromJson(file.readAll()).object().value(clusterName).toString().toUtf8();
}

bool stateFileIsRegistered(const QString &path)
{
    if (!QFileInfo::exists(path))
        return false;
    cluster::ClusterStore store;
    return store.open(path).isEmpty() && !store.value(QStringLiteral("syncToken")).isEmpty();
}

QString demoPassword()
{
    return qEnvironmentVariableIsSet("GPUDESK_DEMO_PASSWORD")
               ? qEnvironmentVariable("GPUDESK_DEMO_PASSWORD")
               : QStringLiteral("gpudesk-demo");
}

} // namespace gpudesk::sandbox
