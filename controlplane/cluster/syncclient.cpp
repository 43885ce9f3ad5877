#include "syncclient.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace gpudesk::cluster {

SyncClient::SyncClient(QUrl controlPlaneUrl, QObject *parent)
    : QObject(parent)
    , m_base(std::move(controlPlaneUrl))
{
    m_network.setAutoDeleteReplies(true);
}

void SyncClient::registerCluster(const QByteArray &clusterToken,
                                 const QJsonObject &body,
                                 Callback done)
{
    send("POST",
         QStringLiteral("/api/v1/cluster-sync/register"),
         clusterToken,
         QJsonDocument(body).toJson(QJsonDocument::Compact),
         std::move(done));
}

void SyncClient::pullDesiredState(const QByteArray &syncToken, const QString &since, Callback done)
{
    QString path = QStringLiteral("/api/v1/cluster-sync/desired-state");
    if (!since.isEmpty())
        path += QStringLiteral("?since=") + QString::fromLatin1(QUrl::toPercentEncoding(since));
    send("GET", path, syncToken, QByteArray(), std::move(done));
}

void SyncClient::pushState(const QByteArray &syncToken, const QByteArray &jsonBody, Callback done)
{
    send("POST", QStringLiteral("/api/v1/cluster-sync/state"), syncToken, jsonBody, std::move(done));
}

void SyncClient::fetchPublicKey(Callback done)
{
    send("GET",
         QStringLiteral("/api/v1/token/public-key"),
         QByteArray(),
         QByteArray(),
         std::move(done));
}

void SyncClient::send(const QByteArray &method,
                      const QString &path,
                      const QByteArray &token,
                      const QByteArray &body,
                      Callback done)
{
    QUrl url = m_base;
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    url.setPath(m_base.path().chopped(m_base.path().endsWith(QLatin1Char('/')) ? 1 : 0)
                + (q < 0 ? path : path.left(q)));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest request(url);
    request.setTransferTimeout(15000);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        SyncReply result;
        result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->readAll();
        const QJsonDocument doc = QJsonDocument::fromJson(data);
        result.body = doc.object();
        if (!result.ok()) {
            const QString message = result.body.value(QLatin1String("message")).toString();
            result.error = result.httpStatus == 0
                               ? QStringLiteral("the control plane did not answer (%1)")
                                     .arg(reply->errorString())
                               : QStringLiteral("HTTP %1: %2")
                                     .arg(result.httpStatus)
                                     .arg(message.isEmpty() ? QString::fromUtf8(data.left(200))
                                                            : message);
        }
        done(result);
    });
}

} // namespace gpudesk::cluster
