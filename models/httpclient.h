#pragma once

// The shared HTTP side of ControlPlaneClient and ClusterClient: one QNetworkAccessManager per client,
// TLS and proxy settings, the bearer token, and the bookkeeping that drops stale answers. Requests that
// share a `staleKey` supersede each other: starting a new one aborts the older one, and only the newest
// generation is ever delivered (hotspot's JobTracker idea).

#include "apirequest.h"
#include "networksettings.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QNetworkAccessManager;

struct HttpCall
{
    QByteArray verb = "GET";
    QString path; // appended to the base URL, e.g. "/api/v1/org-unit/projects"
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType = "application/json";
    QString staleKey; // optional: newer calls with the same key cancel this one
    bool stream = false;
    bool authenticated = true;
    int timeoutMs = -1;  // -1 = the client's default
    int maxRetries = -1; // -1 = the client's default (GET only in any case)
};

class HttpClient : public QObject
{
    Q_OBJECT
public:
    using ResponseHandler = std::function<void(const HttpResponse &)>;
    using ChunkHandler = std::function<void(const QByteArray &)>;

    HttpClient(const QUrl &baseUrl, const QString &serviceName, QObject *parent = nullptr);
    ~HttpClient() override;

    QUrl baseUrl() const { return m_baseUrl; }
    QString serviceName() const { return m_serviceName; }
    QNetworkAccessManager *networkAccessManager() const { return m_manager; }

    // Fails (and keeps the old settings) when the CA bundle or the pin is unusable.
    ApiError setNetworkSettings(const NetworkSettings &settings);
    NetworkSettings networkSettings() const { return m_settings; }
    void setAccessToken(const QString &token) { m_accessToken = token; }
    QString accessToken() const { return m_accessToken; }
    void setDefaultTimeout(int ms) { m_timeoutMs = ms; }
    int defaultTimeout() const { return m_timeoutMs; }
    void setRetryPolicy(int maxRetries, int backoffMs);

    // Starts a call; `handler` runs once with the outcome unless the call is cancelled, superseded, or
    // `context` is destroyed first. The returned request can be deleted to cancel it.
    ApiRequest *send(const HttpCall &call,
                     QObject *context,
                     ResponseHandler handler,
                     ChunkHandler onChunk = {});
    void cancel(const QString &staleKey);
    void cancelAll();
    int pendingCount() const;

signals:
    // A call with a token came back 401: the session may want to refresh.
    void unauthorized();

private:
    QUrl urlFor(const HttpCall &call) const;

    QUrl m_baseUrl;
    QString m_serviceName;
    QNetworkAccessManager *m_manager;
    NetworkSettings m_settings;
    QSslConfiguration m_sslConfiguration;
    QByteArray m_pin;
    QString m_accessToken;
    int m_timeoutMs = 15000;
    int m_maxRetries = 2;
    int m_backoffMs = 400;
    QHash<QString, QPointer<ApiRequest>> m_latest;
    QHash<QString, quint64> m_generation;
};
