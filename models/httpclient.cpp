#include "httpclient.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>

HttpClient::HttpClient(const QUrl &baseUrl, const QString &serviceName, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
    , m_serviceName(serviceName)
    , m_manager(new QNetworkAccessManager(this))
{
    m_sslConfiguration = net::sslConfiguration({}).value;
    // Redirects only within the same scheme: a https → http downgrade would leak the token.
    m_manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    net::applyProxy(m_manager, m_settings.proxy);
}

HttpClient::~HttpClient()
{
    // Requests own replies that live under m_manager: end them before QObject deletes the manager.
    const auto requests = findChildren<ApiRequest *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(requests);
}

ApiError HttpClient::setNetworkSettings(const NetworkSettings &settings)
{
    const auto ssl = net::sslConfiguration(settings.tls);
    if (!ssl.ok())
        return ssl.error;
    QByteArray pin;
    if (!settings.tls.pinnedSha256.trimmed().isEmpty()) {
        pin = net::parsePin(settings.tls.pinnedSha256);
        if (pin.isEmpty()) {
            return ApiError::make(
                ApiError::Kind::Tls,
                QCoreApplication::translate("HttpClient",
                                            "The certificate pin \"%1\" is not a SHA-256 "
                                            "fingerprint (64 hex digits or base64).")
                    .arg(settings.tls.pinnedSha256));
        }
    }
    m_settings = settings;
    m_sslConfiguration = ssl.value;
    m_pin = pin;
    net::applyProxy(m_manager, settings.proxy);
    m_manager->clearConnectionCache(); // a new CA or proxy must not ride on an old connection
    return {};
}

void HttpClient::setRetryPolicy(int maxRetries, int backoffMs)
{
    m_maxRetries = maxRetries;
    m_backoffMs = backoffMs;
}

QUrl HttpClient::urlFor(const HttpCall &call) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + call.path);
    url.setQuery(call.query);
    return url;
}

ApiRequest *HttpClient::send(const HttpCall &call,
                             QObject *context,
                             ResponseHandler handler,
                             ChunkHandler onChunk)
{
    QNetworkRequest request(urlFor(call));
    request.setSslConfiguration(m_sslConfiguration);
    request.setRawHeader("Accept", "application/json");
    if (!call.body.isEmpty() || call.verb == "POST" || call.verb == "PUT" || call.verb == "PATCH")
        request.setHeader(QNetworkRequest::ContentTypeHeader, call.contentType);
    if (call.authenticated && !m_accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_accessToken.toUtf8());
    // The deadline is ours; Qt's transfer timeout only guards a stalled stream.
    if (call.stream)
        request.setTransferTimeout(0);

    RequestOptions options;
    options.timeoutMs = call.timeoutMs >= 0 ? call.timeoutMs : m_timeoutMs;
    options.maxRetries = call.maxRetries >= 0 ? call.maxRetries : m_maxRetries;
    options.backoffMs = m_backoffMs;
    options.stream = call.stream;
    options.pin = m_pin;
    options.serviceName = m_serviceName;

    quint64 generation = 0;
    if (!call.staleKey.isEmpty()) {
        generation = ++m_generation[call.staleKey];
        if (QPointer<ApiRequest> older = m_latest.value(call.staleKey)) {
            // Its destructor aborts the reply; its handler never runs.
            older->disconnect(this);
            older->setProperty("gpudeskDone", true);
            older->deleteLater();
        }
    }

    auto *request_ = new ApiRequest(m_manager, request, call.verb, call.body, options, this);
    if (!call.staleKey.isEmpty())
        m_latest.insert(call.staleKey, request_);
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    const QString key = call.staleKey;
    const bool authenticated = call.authenticated && !m_accessToken.isEmpty();
    if (onChunk) {
        connect(request_,
                &ApiRequest::chunkReceived,
                this,
                [guard, hasContext, onChunk](const QByteArray &d) {
                    if (!hasContext || guard)
                        onChunk(d);
                });
    }
    connect(request_,
            &ApiRequest::finished,
            this,
            [this, request_, guard, hasContext, handler, key, generation, authenticated](
                const HttpResponse &response) {
                request_->setProperty("gpudeskDone", true);
                request_->deleteLater();
                if (!key.isEmpty()) {
                    if (m_generation.value(key) != generation)
                        return; // a newer call with this key exists: this answer is stale
                    m_latest.remove(key);
                }
                if (authenticated && response.status == 401)
                    emit unauthorized();
                if (hasContext && !guard)
                    return;
                if (handler)
                    handler(response);
            });
    request_->start();
    return request_;
}

void HttpClient::cancel(const QString &staleKey)
{
    ++m_generation[staleKey];
    if (QPointer<ApiRequest> request = m_latest.take(staleKey)) {
        request->disconnect(this);
        request->setProperty("gpudeskDone", true);
        request->deleteLater();
    }
}

void HttpClient::cancelAll()
{
    const auto requests = findChildren<ApiRequest *>(Qt::FindDirectChildrenOnly);
    for (ApiRequest *r : requests) {
        r->disconnect(this);
        r->setProperty("gpudeskDone", true);
        r->deleteLater();
    }
    m_latest.clear();
    for (auto it = m_generation.begin(); it != m_generation.end(); ++it)
        ++it.value();
}

int HttpClient::pendingCount() const
{
    int n = 0;
    const auto requests = findChildren<ApiRequest *>(Qt::FindDirectChildrenOnly);
    for (ApiRequest *r : requests)
        n += r->property("gpudeskDone").toBool() ? 0 : 1;
    return n;
}
