#include "httpserver.h"

#include "json.h"

#include <QFile>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace gpudesk::http {

class HttpServer::Listener : public QTcpServer
{
public:
    explicit Listener(HttpServer *owner)
        : QTcpServer(owner)
        , m_owner(owner)
    { }

protected:
    void incomingConnection(qintptr descriptor) override { m_owner->handleNewSocket(descriptor); }

private:
    HttpServer *m_owner;
};

// One client connection: reads requests one after the other and writes their replies in order.
class Connection : public QObject
{
public:
    Connection(QTcpSocket *socket,
               const Handler &handler,
               const ServerOptions &options,
               QObject *parent)
        : QObject(parent)
        , m_socket(socket)
        , m_handler(handler)
        , m_options(options)
    {
        socket->setParent(this);
        m_idle.setSingleShot(true);
        m_idle.setInterval(options.idleTimeoutMs);
        connect(&m_idle, &QTimer::timeout, this, [this] { m_socket->abort(); });
        connect(socket, &QTcpSocket::readyRead, this, &Connection::readAvailable);
        connect(socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
        m_idle.start();
    }

    ~Connection() override
    {
        if (m_streamClosed)
            m_streamClosed();
    }

    bool streaming() const { return m_streaming; }
    void writeChunk(const QByteArray &chunk)
    {
        if (!m_streaming || chunk.isEmpty())
            return;
        m_socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
    }
    void finishStream()
    {
        if (!m_streaming)
            return;
        m_streaming = false;
        m_streamClosed = nullptr;
        m_socket->write("0\r\n\r\n");
        if (m_closeAfterReply)
            m_socket->disconnectFromHost();
        else
            QTimer::singleShot(0, this, &Connection::readAvailable);
    }
    std::function<void()> m_streamClosed;

private:
    void onDisconnected()
    {
        if (m_streamClosed) {
            auto callback = std::move(m_streamClosed);
            m_streamClosed = nullptr;
            m_streaming = false;
            callback();
        }
        deleteLater();
    }

    void sendError(int status, const QString &message)
    {
        Response response = errorResponse(status, message);
        m_closeAfterReply = true;
        writeResponse(response, "HTTP/1.1");
    }

    void readAvailable()
    {
        if (m_streaming)
            return; // the next pipelined request waits until the stream ends
        if (m_discardRemaining > 0) {
            // After a 413 the client may still be uploading: read and drop the rest so it sees the reply
            // instead of a reset connection, then close.
            m_discardRemaining -= m_socket->readAll().size();
            if (m_discardRemaining <= 0)
                m_socket->disconnectFromHost();
            return;
        }
        m_buffer.append(m_socket->readAll());
        while (!m_streaming && m_socket->state() == QAbstractSocket::ConnectedState
               && !m_finalReplySent) {
            if (!m_headParsed) {
                const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
                if (headEnd < 0) {
                    if (m_buffer.size() > m_options.maxHeaderBytes)
                        sendError(431, QStringLiteral("The request headers are too large."));
                    return;
                }
                if (!parseHead(m_buffer.left(headEnd)))
                    return;
                m_buffer.remove(0, headEnd + 4);
                m_headParsed = true;
            }
            if (m_buffer.size() < m_contentLength)
                return;
            m_request.body = m_buffer.left(m_contentLength);
            m_buffer.remove(0, m_contentLength);
            m_headParsed = false;
            m_idle.start();
            Request request = std::move(m_request);
            m_request = Request();
            Response response = m_handler(request);
            writeResponse(response, m_version);
        }
    }

    bool parseHead(const QByteArray &head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
            sendError(400, QStringLiteral("The request line is not valid HTTP/1.1."));
            return false;
        }
        m_request = Request();
        m_request.method = requestLine.at(0);
        m_version = requestLine.at(2);
        const QByteArray target = requestLine.at(1);
        const qsizetype question = target.indexOf('?');
        const QByteArray rawPath = question < 0 ? target : target.left(question);
        m_request.rawQuery = question < 0 ? QByteArray() : target.mid(question + 1);
        m_request.path = QUrl::fromPercentEncoding(rawPath);
        // '+' means space in query strings from HTML forms; QUrlQuery keeps it literal, so convert.
        QByteArray query = m_request.rawQuery;
        query.replace('+', "%20");
        m_request.query.setQuery(QString::fromLatin1(query));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (m_request.headers.contains(name))
                m_request.headers[name] += ", " + value;
            else
                m_request.headers.insert(name, value);
        }
        const QHostAddress peer = m_socket->peerAddress();
        bool isV4 = false;
        const quint32 v4 = peer.toIPv4Address(&isV4);
        m_request.peerAddress = isV4 ? QHostAddress(v4).toString() : peer.toString();
        const QByteArray connection = m_request.header("connection").toLower();
        m_closeAfterReply = connection.contains("close")
                            || (m_version == "HTTP/1.0" && !connection.contains("keep-alive"));
        if (m_request.header("transfer-encoding").toLower().contains("chunked")) {
            sendError(411,
                      QStringLiteral("Send the body with a Content-Length header; chunked request "
                                     "bodies are not supported."));
            return false;
        }
        bool ok = true;
        const QByteArray lengthText = m_request.header("content-length");
        m_contentLength = lengthText.isEmpty() ? 0 : lengthText.toLongLong(&ok);
        if (!ok || m_contentLength < 0) {
            sendError(400, QStringLiteral("The Content-Length header is not a number."));
            return false;
        }
        if (m_contentLength > m_options.maxBodyBytes) {
            const qint64 alreadyHere = m_buffer.size() - (m_buffer.indexOf("\r\n\r\n") + 4);
            m_discardRemaining = std::min<qint64>(m_contentLength - alreadyHere,
                                                  512LL * 1024 * 1024);
            m_closeAfterReply = true;
            Response response
                = errorResponse(413,
                                QStringLiteral(
                                    "The request body is %1 bytes; the limit is %2 bytes.")
                                    .arg(m_contentLength)
                                    .arg(m_options.maxBodyBytes));
            writeResponse(response, "HTTP/1.1", m_discardRemaining <= 0);
            m_buffer.clear();
            m_idle.setInterval(10000); // give up draining after 10 s of silence
            m_idle.start();
            return false;
        }
        return true;
    }

    void writeResponse(Response &response, const QByteArray &version, bool closeNow = true)
    {
        QByteArray out;
        out.reserve(256 + response.body.size());
        out += (version == "HTTP/1.0" ? "HTTP/1.0 " : "HTTP/1.1 ")
               + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
        if (!response.contentType.isEmpty() && (response.status != 204 || response.streamer))
            out += "Content-Type: " + response.contentType + "\r\n";
        for (const auto &header : response.headers)
            out += header.first + ": " + header.second + "\r\n";
        if (response.streamer) {
            out += "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n";
        } else if (response.status != 204) {
            out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        }
        if (m_closeAfterReply)
            out += "Connection: close\r\n";
        out += "\r\n";
        if (!response.streamer)
            out += response.body;
        m_socket->write(out);
        if (response.streamer) {
            m_streaming = true;
            m_idle.stop();
            response.streamer(makeStream());
            return;
        }
        if (m_closeAfterReply) {
            m_finalReplySent = true; // nothing more is read from this connection
            if (closeNow)
                m_socket->disconnectFromHost();
        }
    }

    std::shared_ptr<ResponseStream> makeStream();

    QTcpSocket *m_socket;
    const Handler &m_handler;
    ServerOptions m_options;
    QTimer m_idle;
    QByteArray m_buffer;
    Request m_request;
    QByteArray m_version;
    qint64 m_contentLength = 0;
    qint64 m_discardRemaining = 0;
    bool m_finalReplySent = false;
    bool m_headParsed = false;
    bool m_closeAfterReply = false;
    bool m_streaming = false;
};

namespace {
class ConnectionStream : public ResponseStream
{
public:
    explicit ConnectionStream(Connection *connection)
        : m_connection(connection)
    { }
    bool isOpen() const override
    {
        return !m_finished && m_connection && m_connection->streaming();
    }
    void write(const QByteArray &chunk) override
    {
        if (isOpen())
            m_connection->writeChunk(chunk);
    }
    void finish() override
    {
        if (m_finished)
            return;
        m_finished = true;
        if (m_connection)
            m_connection->finishStream();
    }
    void setOnClosed(std::function<void()> callback) override
    {
        if (m_connection)
            m_connection->m_streamClosed = std::move(callback);
    }

private:
    QPointer<Connection> m_connection;
    bool m_finished = false;
};
} // namespace

std::shared_ptr<ResponseStream> Connection::makeStream()
{
    return std::make_shared<ConnectionStream>(this);
}

HttpServer::HttpServer(Handler handler, ServerOptions options, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_options(options)
    , m_listener(new Listener(this))
{ }

HttpServer::~HttpServer() = default;

QString HttpServer::setTlsFiles(const QString &certificatePath, const QString &keyPath)
{
    QFile certificateFile(certificatePath);
    if (!certificateFile.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read the TLS certificate %1: %2")
            .arg(certificatePath, certificateFile.errorString());
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read the TLS key %1: %2").arg(keyPath, keyFile.errorString());
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(certificateFile.readAll(),
                                                                          QSsl::Pem);
    if (certificates.isEmpty())
        return QStringLiteral("%1 holds no PEM certificate").arg(certificatePath);
    const QByteArray keyData = keyFile.readAll();
    QSslKey key(keyData, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyData, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        return QStringLiteral("%1 holds no PEM private key (EC or RSA, unencrypted)").arg(keyPath);
    m_certificate = certificates.first();
    m_key = key;
    return QString();
}

QString HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_listener->listen(address, port))
        return m_listener->errorString();
    return QString();
}

quint16 HttpServer::port() const
{
    return m_listener->serverPort();
}

QHostAddress HttpServer::address() const
{
    return m_listener->serverAddress();
}

QString HttpServer::baseUrl() const
{
    QString host = address().toString();
    if (address().protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return (isTls() ? QStringLiteral("https://") : QStringLiteral("http://")) + host
           + QLatin1Char(':') + QString::number(port());
}

void HttpServer::close()
{
    m_listener->close();
}

void HttpServer::handleNewSocket(qintptr descriptor)
{
    QTcpSocket *socket = nullptr;
    if (isTls()) {
        auto *ssl = new QSslSocket;
        if (!ssl->setSocketDescriptor(descriptor)) {
            delete ssl;
            return;
        }
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(m_certificate);
        configuration.setPrivateKey(m_key);
        configuration.setPeerVerifyMode(
            QSslSocket::VerifyNone); // clients are not asked for certificates
        ssl->setSslConfiguration(configuration);
        ssl->startServerEncryption();
        socket = ssl;
    } else {
        socket = new QTcpSocket;
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    new Connection(socket, m_handler, m_options, this);
}

} // namespace gpudesk::http
