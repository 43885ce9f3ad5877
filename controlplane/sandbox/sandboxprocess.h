#pragma once

// The sandbox's helpers: child processes that announce their URL on stdout, and the few control-plane
// calls the sandbox makes as the demo administrator (sign in, fetch a cluster's one-time token, wait
// until the clusters are Connected).

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace gpudesk::sandbox {

class SandboxChild : public QObject
{
    Q_OBJECT
public:
    SandboxChild(QString label,
                 const QString &program,
                 const QStringList &arguments,
                 const QProcessEnvironment &environment,
                 QObject *parent = nullptr);

    // Waits for a stdout line starting with `prefix` and returns the rest of it (the URL), or empty
    // when the child exited or the time ran out.
    QString waitForUrl(const QString &prefix, int timeoutMs);
    QString lastOutput() const;
    qint64 pid() const { return m_process.processId(); }
    void stop(int graceMs);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

signals:
    void exited(const QString &description);

private:
    QString m_label;
    QProcess m_process;
    QByteArray m_stdout;
    bool m_stopping = false;
};

class SandboxProcesses
{
public:
    ~SandboxProcesses();
    SandboxChild *start(const QString &label,
                        const QString &program,
                        const QStringList &arguments,
                        const QProcessEnvironment &environment);
    // Clusters first, the control plane last; SIGTERM, then SIGKILL after a grace period.
    void stopAll();

private:
    QList<SandboxChild *> m_children;
};

class ControlPlaneAdmin
{
public:
    explicit ControlPlaneAdmin(QString baseUrl)
        : m_base(std::move(baseUrl))
    { }
    QString signIn();
    QString waitForConnected(const QStringList &clusterNames, int timeoutMs);

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QString error;
    };
    Reply call(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    QString m_base;
    QByteArray m_accessToken;
};

// Reads {"cluster-a": TOKEN|null, ...} written by `controlplane --cluster-tokens-file`.
QByteArray clusterTokenFromFile(const QString &path, const QString &clusterName);
// True when a cluster state file already holds a registration (no cluster token needed).
bool stateFileIsRegistered(const QString &path);
// The demo users' password: GPUDESK_DEMO_PASSWORD, or the sandbox-only default.
QString demoPassword();

} // namespace gpudesk::sandbox
