#include "clusterreachability.h"

#include "httpclient.h"

#include <QCoreApplication>

ClusterReachability::ClusterReachability(HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(&m_timer, &QTimer::timeout, this, &ClusterReachability::probe);
}

void ClusterReachability::setProbeInterval(int ms)
{
    if (ms <= 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(ms);
}

void ClusterReachability::probe()
{
    if (m_probing)
        return;
    m_probing = true;
    if (m_state == State::Unknown)
        setState(State::Probing, {});
    HttpCall call;
    call.path = QStringLiteral("/api/v1/workloads");
    call.query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1"));
    call.timeoutMs = m_timeoutMs;
    call.maxRetries = 0;
    call.staleKey = QStringLiteral("reachability-probe");
    m_client->send(call, this, [this](const HttpResponse &response) {
        m_probing = false;
        switch (response.error.kind) {
        case ApiError::Kind::None:
        case ApiError::Kind::Http: // it answered: reachable, whatever it thinks of us
            setState(State::Reachable, {});
            break;
        default:
            setState(State::Unreachable,
                     QCoreApplication::translate("ClusterReachability",
                                                 "Workload actions and logs for this cluster are "
                                                 "unavailable from this computer: %1")
                         .arg(response.error.message));
            break;
        }
        emit probed();
    });
}

void ClusterReachability::setState(State state, const QString &reason)
{
    if (state == m_state && reason == m_reason)
        return;
    m_state = state;
    m_reason = reason;
    emit stateChanged(state, reason);
}
