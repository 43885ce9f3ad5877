#pragma once

// One HTTP call. The request object owns its QNetworkReply (Qt Creator's NetworkQuery pattern): it aborts
// the reply when destroyed, so dropping the object cancels the call. It enforces a deadline, retries
// idempotent GETs with exponential backoff, checks the certificate pin, and turns every outcome into an
// HttpResponse that carries either the body or an ApiError with a sentence for the user.

#include "apierror.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QObject>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

struct HttpResponse
{
    int status = 0;
    QByteArray body;
    ApiError error;
    bool ok() const { return !error.isError(); }
};

struct RequestOptions
{
    int timeoutMs = 15000; // whole call; for streams: until the headers arrive
    int maxRetries = 2;    // GET only; other verbs are never repeated
    int backoffMs = 400;   // first retry delay, doubled each time
    bool stream = false;   // deliver the body as it arrives (chunkReceived), no overall deadline
    QByteArray pin;        // raw SHA-256 of the expected server certificate, empty = no pin
    QString serviceName;   // "the control plane at https://…" – the subject of error sentences
};

class ApiRequest : public QObject
{
    Q_OBJECT
public:
    ApiRequest(QNetworkAccessManager *manager,
               const QNetworkRequest &request,
               QByteArray verb,
               QByteArray body,
               RequestOptions options,
               QObject *parent = nullptr);
    ~ApiRequest() override;

    void start();
    int attempts() const { return m_attempt; }
    QByteArray verb() const { return m_verb; }

signals:
    void chunkReceived(const QByteArray &data);
    void finished(const HttpResponse &response);

private:
    void startAttempt();
    void onFinished();
    void onTimeout();
    void finish(HttpResponse response);
    bool shouldRetry(const HttpResponse &response) const;
    ApiError errorFor(QNetworkReply *reply, int status, const QByteArray &body) const;

    QNetworkAccessManager *m_manager;
    QNetworkRequest m_request;
    QByteArray m_verb;
    QByteArray m_body;
    RequestOptions m_options;
    std::unique_ptr<QNetworkReply> m_reply;
    QTimer m_deadline;
    QTimer m_retryTimer;
    int m_attempt = 0;
    bool m_timedOut = false;
    bool m_pinFailed = false;
    QString m_sslErrorText;
};

// A sentence naming the service, used by clients when they describe themselves in error messages.
QString describeService(const QString &what, const QUrl &url);
