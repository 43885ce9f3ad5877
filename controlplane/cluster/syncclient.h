#pragma once

// The outbound half of cluster-sync (docs/cluster-sync.md): the cluster calls the control plane to
// register, pull desired state and push its state. It never listens for the control plane.

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace gpudesk::cluster {

struct SyncReply
{
    int httpStatus = 0; // 0 = no answer (connection refused, timeout)
    QJsonObject body;
    QString error; // plain words when not 2xx
    bool ok() const { return httpStatus >= 200 && httpStatus < 300; }
};

class SyncClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const SyncReply &)>;

    explicit SyncClient(QUrl controlPlaneUrl, QObject *parent = nullptr);

    void registerCluster(const QByteArray &clusterToken, const QJsonObject &body, Callback done);
    void pullDesiredState(const QByteArray &syncToken, const QString &since, Callback done);
    void pushState(const QByteArray &syncToken, const QByteArray &jsonBody, Callback done);
    void fetchPublicKey(Callback done);

    QUrl controlPlaneUrl() const { return m_base; }

private:
    void send(const QByteArray &method,
              const QString &path,
              const QByteArray &token,
              const QByteArray &body,
              Callback done);
    QUrl m_base;
    QNetworkAccessManager m_network;
};

} // namespace gpudesk::cluster
