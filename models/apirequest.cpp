#include "apirequest.h"

#include "apiparsers.h"
#include "networksettings.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>

QString describeService(const QString &what, const QUrl &url)
{
    return what + QLatin1Char(' ')
           + url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery);
}

ApiRequest::ApiRequest(QNetworkAccessManager *manager,
                       const QNetworkRequest &request,
                       QByteArray verb,
                       QByteArray body,
                       RequestOptions options,
                       QObject *parent)
    : QObject(parent)
    , m_manager(manager)
    , m_request(request)
    , m_verb(std::move(verb))
    , m_body(std::move(body))
    , m_options(std::move(options))
{
    m_deadline.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &ApiRequest::onTimeout);
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiRequest::startAttempt);
}

ApiRequest::~ApiRequest()
{
    if (m_reply) {
        // The destructor may run inside one of the reply's own signals: abort now, delete later.
        QNetworkReply *reply = m_reply.release();
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void ApiRequest::start()
{
    startAttempt();
}

void ApiRequest::startAttempt()
{
    ++m_attempt;
    m_timedOut = false;
    m_pinFailed = false;
    m_sslErrorText.clear();
    m_reply.reset(m_manager->sendCustomRequest(m_request, m_verb, m_body));
    QNetworkReply *reply = m_reply.get();
    connect(reply, &QNetworkReply::finished, this, &ApiRequest::onFinished);
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Never ignored: we only remember why, for the message.
        QStringList texts;
        for (const QSslError &e : errors)
            texts << e.errorString();
        m_sslErrorText = texts.join(QLatin1String("; "));
    });
    if (!m_options.pin.isEmpty()) {
        connect(reply, &QNetworkReply::encrypted, this, [this, reply] {
            if (!net::pinMatches(reply->sslConfiguration().peerCertificate(), m_options.pin)) {
                m_pinFailed = true;
                reply->abort();
            }
        });
    }
    if (m_options.stream) {
        connect(reply, &QNetworkReply::metaDataChanged, this, [this] { m_deadline.stop(); });
        connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
            m_deadline.stop();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status >= 200 && status < 300)
                emit chunkReceived(reply->readAll());
        });
    }
    if (m_options.timeoutMs > 0)
        m_deadline.start(m_options.timeoutMs);
}

void ApiRequest::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort(); // finished() follows synchronously and reports the timeout
}

void ApiRequest::onFinished()
{
    m_deadline.stop();
    std::unique_ptr<QNetworkReply> reply = std::move(m_reply);
    HttpResponse response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.error = errorFor(reply.get(), response.status, response.body);
    reply->disconnect(this);
    reply.release()->deleteLater(); // we are inside its finished() signal
    if (shouldRetry(response)) {
        m_retryTimer.start(m_options.backoffMs * (1 << (m_attempt - 1)));
        return;
    }
    finish(std::move(response));
}

bool ApiRequest::shouldRetry(const HttpResponse &response) const
{
    if (m_verb != "GET" || m_attempt > m_options.maxRetries || m_options.stream)
        return false;
    switch (response.error.kind) {
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
        return true;
    case ApiError::Kind::Http:
        return response.status >= 500 || response.status == 429;
    default:
        return false;
    }
}

void ApiRequest::finish(HttpResponse response)
{
    emit finished(response);
}

ApiError ApiRequest::errorFor(QNetworkReply *reply, int status, const QByteArray &body) const
{
    const QString who = m_options.serviceName;
    const QString detail = reply->errorString();
    if (m_timedOut) {
        return ApiError::make(ApiError::Kind::Timeout,
                              tr("%1 did not answer within %2 s. Check that it is running and that "
                                 "your network or proxy lets the connection through.")
                                  .arg(who)
                                  .arg(m_options.timeoutMs / 1000.0),
                              detail);
    }
    if (m_pinFailed) {
        return ApiError::make(
            ApiError::Kind::Tls,
            tr("The certificate of %1 does not match the pinned fingerprint, so the "
               "connection was stopped. If the certificate was replaced on purpose, "
               "update the pin in the connection profile.")
                .arg(who),
            net::fingerprint(reply->sslConfiguration().peerCertificate()));
    }
    const QNetworkReply::NetworkError code = reply->error();
    if (code == QNetworkReply::SslHandshakeFailedError || !m_sslErrorText.isEmpty()) {
        return ApiError::make(
            ApiError::Kind::Tls,
            tr("The certificate of %1 is not trusted (%2). If you trust this server, "
               "add its CA bundle or pin its certificate in the connection profile.")
                .arg(who, m_sslErrorText.isEmpty() ? detail : m_sslErrorText),
            detail);
    }
    if (status >= 400) {
        QString serverMessage = api::errorBodyMessage(body);
        if (serverMessage.isEmpty())
            serverMessage = QString::fromUtf8(body.left(200)).trimmed();
        QString message;
        if (status == 401)
            message = tr("%1 did not accept your credentials: %2. Log in again.")
                          .arg(who, serverMessage);
        else if (status == 403)
            message = tr("You are not allowed to do this: %1").arg(serverMessage);
        else if (status == 404)
            message = tr("%1 does not know this item: %2").arg(who, serverMessage);
        else if (status >= 500)
            message = tr("%1 had a problem (HTTP %2): %3. Try again later.")
                          .arg(who)
                          .arg(status)
                          .arg(serverMessage);
        else
            message
                = tr("%1 refused the request (HTTP %2): %3").arg(who).arg(status).arg(serverMessage);
        return ApiError::make(ApiError::Kind::Http, message, detail, status);
    }
    switch (code) {
    case QNetworkReply::NoError:
        if (status == 0 && reply->url().scheme().startsWith(QLatin1String("http"))) {
            return ApiError::make(ApiError::Kind::Network,
                                  tr("%1 closed the connection without an HTTP answer.").arg(who));
        }
        return {};
    case QNetworkReply::OperationCanceledError:
        return ApiError::make(ApiError::Kind::Cancelled, tr("The request was cancelled."), detail);
    case QNetworkReply::ConnectionRefusedError:
        return ApiError::make(ApiError::Kind::Network,
                              tr("%1 refused the connection. Check that it is running and that the "
                                 "address and port are right.")
                                  .arg(who),
                              detail);
    case QNetworkReply::HostNotFoundError:
        return ApiError::make(ApiError::Kind::Network,
                              tr("The host name of %1 cannot be found. Check the address and your "
                                 "DNS or proxy settings.")
                                  .arg(who),
                              detail);
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::UnknownNetworkError:
        return ApiError::make(ApiError::Kind::Network,
                              tr("%1 closed the connection before the answer was complete. Try "
                                 "again; if it keeps happening, the server or a proxy is failing.")
                                  .arg(who),
                              detail);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::ProxyConnectionClosedError:
        return ApiError::make(ApiError::Kind::Network,
                              tr("The proxy refused or failed the connection to %1 (%2). Check the "
                                 "proxy settings of the connection profile.")
                                  .arg(who, detail),
                              detail);
    default:
        return ApiError::make(ApiError::Kind::Network,
                              tr("%1 cannot be reached: %2.").arg(who, detail),
                              detail);
    }
}
