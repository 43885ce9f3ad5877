#pragma once

// Can this computer reach a cluster's own URL? Run:ai sends workload actions and logs straight to the
// cluster, which often sits behind a firewall (api.md §4). The monitor probes the URL; any HTTP answer,
// even 401 or 404, means reachable; a refused connection, a timeout or an untrusted certificate means
// unreachable, and the reason is kept so that workload actions can say why they were not tried.

#include <QObject>
#include <QTimer>

class HttpClient;

class ClusterReachability : public QObject
{
    Q_OBJECT
public:
    enum class State { Unknown, Probing, Reachable, Unreachable };
    Q_ENUM(State)

    explicit ClusterReachability(HttpClient *client, QObject *parent = nullptr);

    State state() const { return m_state; }
    QString reason() const { return m_reason; } // a sentence, empty unless Unreachable
    bool isUnreachable() const { return m_state == State::Unreachable; }

    void probe();
    void setProbeInterval(int ms); // 0 = no periodic probing
    void setProbeTimeout(int ms) { m_timeoutMs = ms; }

signals:
    void stateChanged(ClusterReachability::State state, const QString &reason);
    void probed(); // after every probe, changed or not

private:
    void setState(State state, const QString &reason);

    HttpClient *m_client;
    State m_state = State::Unknown;
    QString m_reason;
    QTimer m_timer;
    int m_timeoutMs = 5000;
    bool m_probing = false;
};
