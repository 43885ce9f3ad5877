#pragma once
// A small HTTP/1.1 server on QTcpServer: keep-alive, pipelining, Content-Length bodies with a size cap
// (413), chunked streaming replies, optional TLS (QSslSocket server mode).

#include "httptypes.h"

#include <QHostAddress>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>

namespace gpudesk::http {

struct ServerOptions
{
    qint64 maxBodyBytes = 8 * 1024 * 1024; // larger bodies get 413
    int maxHeaderBytes = 64 * 1024;        // larger request heads get 431
    int idleTimeoutMs = 120000;            // keep-alive connections idle this long are closed
};

class HttpServer : public QObject
{
    Q_OBJECT
public:
    explicit HttpServer(Handler handler, ServerOptions options = {}, QObject *parent = nullptr);
    ~HttpServer() override;

    // Enables TLS with PEM files. Returns an error message, or empty on success.
    QString setTlsFiles(const QString &certificatePath, const QString &keyPath);
    bool isTls() const { return !m_certificate.isNull(); }

    // Listens; port 0 picks a free port. Returns an error message, or empty on success.
    QString listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QHostAddress address() const;
    // "http://127.0.0.1:8480" (or https).
    QString baseUrl() const;
    void close();

private:
    class Listener;
    friend class Listener;
    friend class Connection;
    void handleNewSocket(qintptr descriptor);

    Handler m_handler;
    ServerOptions m_options;
    QSslCertificate m_certificate;
    QSslKey m_key;
    Listener *m_listener = nullptr;
};

} // namespace gpudesk::http
