#include "sandboxlauncher.h"

#include "apptr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
#endif

namespace {

const char readyLine[] = "sandbox ready";

bool isExecutable(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

} // namespace

SandboxLauncher::SandboxLauncher(QObject *parent)
    : QObject(parent)
{
    m_startTimer.setSingleShot(true);
    connect(&m_startTimer, &QTimer::timeout, this, [this] {
        fail(AppSupportTr::tr("The local sandbox did not become ready within %1 seconds.")
                 .arg(m_startTimeoutMs / 1000));
        stop();
    });
}

SandboxLauncher::~SandboxLauncher()
{
    stop();
}

QString SandboxLauncher::findServer(const QString &applicationDir)
{
    const QString fromEnv = qEnvironmentVariable("GPUDESK_SERVER");
    if (!fromEnv.isEmpty())
        return isExecutable(fromEnv) ? fromEnv : QString();
    const QString name = QStringLiteral("gpudesk-server");
    const QDir dir(applicationDir);
    for (const QString &candidate :
         {dir.filePath(name), dir.filePath(QStringLiteral("../controlplane/") + name)}) {
        if (isExecutable(candidate))
            return QDir::cleanPath(candidate);
    }
    return QStandardPaths::findExecutable(name);
}

QString SandboxLauncher::demoUser()
{
    return QStringLiteral("admin@demo.local");
}

QString SandboxLauncher::demoPassword()
{
    const QString fromEnv = qEnvironmentVariable("GPUDESK_DEMO_PASSWORD");
    return fromEnv.isEmpty() ? QStringLiteral("gpudesk-demo") : fromEnv;
}

bool SandboxLauncher::parseInfo(const QByteArray &json, SandboxInfo *info, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = AppSupportTr::tr("sandbox.json is not a JSON object (%1).")
                     .arg(parseError.errorString());
        return false;
    }
    const QJsonObject root = doc.object();
    SandboxInfo parsed;
    parsed.controlPlaneUrl = QUrl(root.value(QLatin1String("controlPlaneUrl")).toString());
    if (!parsed.controlPlaneUrl.isValid() || parsed.controlPlaneUrl.scheme().isEmpty()) {
        *error = AppSupportTr::tr("sandbox.json has no valid controlPlaneUrl.");
        return false;
    }
    const QJsonArray clusters = root.value(QLatin1String("clusters")).toArray();
    for (const QJsonValue &value : clusters) {
        const QJsonObject c = value.toObject();
        SandboxCluster cluster;
        cluster.name = c.value(QLatin1String("name")).toString();
        cluster.url = QUrl(c.value(QLatin1String("url")).toString());
        cluster.pid = c.value(QLatin1String("pid")).toVariant().toLongLong();
        if (cluster.name.isEmpty() || !cluster.url.isValid()) {
            *error = AppSupportTr::tr("sandbox.json lists a cluster without a name or URL.");
            return false;
        }
        parsed.clusters.append(cluster);
    }
    *info = parsed;
    return true;
}

void SandboxLauncher::start()
{
    if (m_state == State::Starting || m_state == State::Ready)
        return;
    if (m_serverPath.isEmpty())
        m_serverPath = findServer(QCoreApplication::applicationDirPath());
    if (m_serverPath.isEmpty()) {
        fail(
            AppSupportTr::tr("gpudesk-server was not found next to gpudesk or on the PATH, so the "
                             "local sandbox cannot start. Install gpudesk-server or choose another "
                             "profile."));
        return;
    }
    QString dir = m_directory;
    if (dir.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>(QDir::tempPath()
                                                    + QStringLiteral("/gpudesk-sandbox-XXXXXX"));
        if (!m_tempDir->isValid()) {
            fail(AppSupportTr::tr("Could not create a folder for the local sandbox: %1")
                     .arg(m_tempDir->errorString()));
            return;
        }
        dir = m_tempDir->path();
    }
    m_info = {};
    m_info.directory = dir;
    m_output.clear();
    m_buffer.clear();
    m_error.clear();
    QStringList arguments {QStringLiteral("sandbox"), QStringLiteral("--dir"), dir};
    if (m_timeScale > 0)
        arguments << QStringLiteral("--time-scale") << QString::number(m_timeScale);

    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &SandboxLauncher::onReadyRead);
    connect(m_process, &QProcess::finished, this, &SandboxLauncher::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(AppSupportTr::tr("gpudesk-server could not be started: %1")
                     .arg(m_process->errorString()));
    });
    m_state = State::Starting;
    emit progress(AppSupportTr::tr("Starting the local sandbox (%1)…").arg(m_serverPath));
    m_startTimer.start(m_startTimeoutMs);
#ifdef Q_OS_LINUX
    // If gpudesk is killed or crashes, the kernel sends the sandbox SIGTERM, which stops its
    // clusters and control plane cleanly; a normal quit still goes through stop().
    const pid_t appPid = ::getpid();
    m_process->setChildProcessModifier([appPid] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != appPid) // gpudesk died before prctl took effect
            ::raise(SIGTERM);
    });
#endif
    m_process->start(m_serverPath, arguments);
}

void SandboxLauncher::stop()
{
    m_startTimer.stop();
    if (!m_process)
        return;
    QProcess *process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    if (process->state() != QProcess::NotRunning) {
        process->terminate(); // SIGTERM: the sandbox stops its clusters and the control plane
        if (!process->waitForFinished(8000)) {
            process->kill();
            process->waitForFinished(2000);
        }
    }
    delete process;
    m_tempDir.reset();
    if (m_state != State::Failed)
        m_state = State::Stopped;
    emit stopped();
}

qint64 SandboxLauncher::processId() const
{
    return m_process ? m_process->processId() : 0;
}

void SandboxLauncher::onReadyRead()
{
    m_buffer += m_process->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_buffer.left(newline)).trimmed();
        m_buffer.remove(0, newline + 1);
        if (line.isEmpty())
            continue;
        m_output.append(line);
        if (m_output.size() > 200)
            m_output.removeFirst();
        if (m_state == State::Starting) {
            emit progress(line);
            if (line == QLatin1String(readyLine))
                readInfo();
        }
    }
}

void SandboxLauncher::readInfo()
{
    m_startTimer.stop();
    QFile file(QDir(m_info.directory).filePath(QStringLiteral("sandbox.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        fail(AppSupportTr::tr("The sandbox said it is ready but %1 cannot be read: %2")
                 .arg(file.fileName(), file.errorString()));
        stop();
        return;
    }
    SandboxInfo info;
    QString error;
    if (!parseInfo(file.readAll(), &info, &error)) {
        fail(error);
        stop();
        return;
    }
    info.directory = m_info.directory;
    m_info = info;
    m_state = State::Ready;
    emit ready(m_info);
}

void SandboxLauncher::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_state == State::Starting) {
        fail(
            status == QProcess::CrashExit
                ? AppSupportTr::tr("The local sandbox crashed while starting. Its last output:\n%1")
                      .arg(lastLines())
                : AppSupportTr::tr("The local sandbox exited with code %1 while starting. Its last "
                                   "output:\n%2")
                      .arg(exitCode)
                      .arg(lastLines()));
    } else if (m_state == State::Ready) {
        fail(AppSupportTr::tr("The local sandbox stopped unexpectedly (exit code %1).")
                 .arg(exitCode));
    }
    m_startTimer.stop();
}

void SandboxLauncher::fail(const QString &message)
{
    if (m_state == State::Failed)
        return;
    m_state = State::Failed;
    m_error = message;
    emit failed(message);
}

QString SandboxLauncher::lastLines() const
{
    return m_output.mid(qMax(0, m_output.size() - 5)).join(QLatin1Char('\n'));
}
