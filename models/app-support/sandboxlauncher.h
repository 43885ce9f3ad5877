#pragma once

// Starts `gpudesk-server sandbox` as a child process for the "Local sandbox" profile: a control plane
// and two simulated clusters on free loopback ports. Reports each line the server prints as progress,
// and `ready` once it printed "sandbox ready" and wrote sandbox.json. Stopping (or destroying the
// launcher) sends SIGTERM and, if the server does not exit within a few seconds, kills it.

#include <QList>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <memory>

class QTemporaryDir;

struct SandboxCluster
{
    QString name;
    QUrl url;
    qint64 pid = 0;
    friend bool operator==(const SandboxCluster &, const SandboxCluster &) = default;
};

struct SandboxInfo
{
    QUrl controlPlaneUrl;
    QList<SandboxCluster> clusters;
    QString directory;
    friend bool operator==(const SandboxInfo &, const SandboxInfo &) = default;
};

class SandboxLauncher : public QObject
{
    Q_OBJECT
public:
    enum class State { NotStarted, Starting, Ready, Failed, Stopped };
    Q_ENUM(State)

    explicit SandboxLauncher(QObject *parent = nullptr);
    ~SandboxLauncher() override;

    // Where gpudesk-server is: $GPUDESK_SERVER, next to the app, ../controlplane/ in the build tree,
    // then PATH. Empty when none exists.
    static QString findServer(const QString &applicationDir);
    // The demo administrator of the sandbox; the password comes from GPUDESK_DEMO_PASSWORD.
    static QString demoUser();
    static QString demoPassword();
    // Parses sandbox.json; an error sentence in `error` when it is not what the sandbox writes.
    static bool parseInfo(const QByteArray &json, SandboxInfo *info, QString *error);

    void setServerPath(const QString &path) { m_serverPath = path; }
    void setTimeScale(double scale) { m_timeScale = scale; }
    void setStartTimeout(int ms) { m_startTimeoutMs = ms; }
    // Directory for sandbox.json and the databases; default: a temporary one removed on stop.
    void setDirectory(const QString &dir) { m_directory = dir; }

    void start();
    void stop();

    State state() const { return m_state; }
    SandboxInfo info() const { return m_info; }
    QString errorString() const { return m_error; }
    qint64 processId() const;
    QStringList output() const { return m_output; }

signals:
    void progress(const QString &line);
    void ready(const SandboxInfo &info);
    void failed(const QString &message);
    void stopped();

private:
    void onReadyRead();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void fail(const QString &message);
    void readInfo();
    QString lastLines() const;

    QString m_serverPath;
    QString m_directory;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QProcess *m_process = nullptr;
    QTimer m_startTimer;
    QByteArray m_buffer;
    QStringList m_output;
    SandboxInfo m_info;
    QString m_error;
    State m_state = State::NotStarted;
    double m_timeScale = 0;
    int m_startTimeoutMs = 60000;
};
