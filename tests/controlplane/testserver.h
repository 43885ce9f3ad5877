#pragma once
// A control plane on a loopback port 0 inside the test process, with a blocking HTTP client that runs
// the event loop while it waits (so the server, on the same thread, answers).

#include "core/controlplane.h"
#include "http/httpserver.h"
#include "seed/demoseed.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

struct HttpReply
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &pair : headers)
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        return QByteArray();
    }
};

class TestServer
{
public:
    // Opens a fresh SQLite database in a temporary folder; seeds the demo tenant when asked.
    bool start(bool seedDemo = true, qint64 maxBodyBytes = 8 * 1024 * 1024)
    {
        gpudesk::core::ControlPlaneOptions options;
        options.databaseSpec = dir.filePath(QStringLiteral("cp.sqlite"));
        if (!cp.open(options).isEmpty())
            return false;
        if (seedDemo && !gpudesk::core::seedDemo(cp, &clusterTokens).isEmpty())
            return false;
        gpudesk::http::ServerOptions serverOptions;
        serverOptions.maxBodyBytes = maxBodyBytes;
        server = std::make_unique<gpudesk::http::HttpServer>(
            [this](const gpudesk::http::Request &request) {
                return cp.handle(const_cast<gpudesk::http::Request &>(request));
            },
            serverOptions);
        if (!server->listen(QHostAddress::LocalHost, 0).isEmpty())
            return false;
        cp.setPublicUrl(server->baseUrl());
        return true;
    }

    QString url() const { return server->baseUrl(); }

    HttpReply request(const QByteArray &method,
                      const QString &path,
                      const QByteArray &body = QByteArray(),
                      const QByteArray &token = QByteArray(),
                      const QList<QPair<QByteArray, QByteArray>> &headers = {},
                      const QByteArray &contentType = "application/json")
    {
        QNetworkRequest request(QUrl(url() + path));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        for (const auto &header : headers)
            request.setRawHeader(header.first, header.second);
        QNetworkReply *reply = network.sendCustomRequest(request, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
        HttpReply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return out;
    }
    HttpReply get(const QString &path, const QByteArray &token)
    {
        return request("GET", path, {}, token);
    }
    HttpReply post(const QString &path, const QJsonValue &body, const QByteArray &token)
    {
        return request("POST", path, toJson(body), token);
    }
    HttpReply put(const QString &path,
                  const QJsonValue &body,
                  const QByteArray &token,
                  const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return request("PUT", path, toJson(body), token, headers);
    }
    static QByteArray toJson(const QJsonValue &value)
    {
        return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                               : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    }

    // An access token for a demo user without the (slow) password check; signed by the server's key.
    QByteArray tokenFor(const QString &email)
    {
        const QJsonObject user = cp.store().findUserByEmail(email);
        return cp.issueAccessToken(
            gpudesk::rbac::Subject {QStringLiteral("user"),
                                    user.value(QStringLiteral("id")).toString(),
                                    email,
                                    {}});
    }
    QString idByName(const gpudesk::storage::Collection &collection, const QString &name)
    {
        return cp.store().findByName(collection, name).value(QStringLiteral("id")).toString();
    }
    QString clusterId(const QString &name)
    {
        return cp.store()
            .findByName(cp.store().clusters, name)
            .value(QStringLiteral("uuid"))
            .toString();
    }

    QTemporaryDir dir;
    gpudesk::core::ControlPlane cp;
    std::unique_ptr<gpudesk::http::HttpServer> server;
    QNetworkAccessManager network;
    QJsonObject clusterTokens;
};

// Base of the API tests: the demo tenant on a TestServer and the ids most of them need.
// initTestCase() calls QVERIFY(startDemo()).
class DemoApiTest : public QObject
{
protected:
    TestServer s;
    QByteArray admin;
    QString clusterA;
    QString d2; // department-2

    bool startDemo()
    {
        if (!s.start())
            return false;
        admin = s.tokenFor(QStringLiteral("admin@demo.local"));
        clusterA = s.clusterId(QStringLiteral("cluster-a"));
        d2 = s.idByName(s.cp.store().departments, QStringLiteral("department-2"));
        return !admin.isEmpty() && !clusterA.isEmpty() && !d2.isEmpty();
    }
};
