#pragma once

// A small real HTTP/1.1 server on 127.0.0.1 for tests: the client under test talks to it over loopback
// exactly as it would to the control plane. Each route answers with a canned reply or misbehaves on
// purpose (delay, hang, truncate, garbage, chunked stream). Optionally TLS (QSslServer).

#include <QHash>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>

struct TestRequest
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QByteArray target; // the raw request target (absolute for proxied requests)
};

struct TestReply
{
    enum class Behaviour { Normal, Delay, Hang, Truncate, Garbage, CloseAtOnce, Stream };
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    Behaviour behaviour = Behaviour::Normal;
    int delayMs = 0;          // Delay: before answering; Stream: between chunks
    QList<QByteArray> chunks; // Stream

    static TestReply json(const QByteArray &body, int status = 200)
    {
        TestReply r;
        r.status = status;
        r.body = body;
        return r;
    }
};

class TestHttpServer : public QObject
{
public:
    using Handler = std::function<TestReply(const TestRequest &)>;

    explicit TestHttpServer(QObject *parent = nullptr)
        : QObject(parent)
        , m_server(new QTcpServer(this))
    {
        init();
    }
    TestHttpServer(const QSslConfiguration &tls, QObject *parent = nullptr)
        : QObject(parent)
    {
        auto *ssl = new QSslServer(this);
        ssl->setSslConfiguration(tls);
        m_server = ssl;
        init();
    }

    void route(const QByteArray &method, const QString &path, Handler handler)
    {
        m_routes.insert(method + ' ' + path.toUtf8(), std::move(handler));
    }
    void route(const QByteArray &method, const QString &path, const TestReply &reply)
    {
        route(method, path, [reply](const TestRequest &) { return reply; });
    }
    void setFallback(Handler handler) { m_fallback = std::move(handler); }

    QUrl url() const
    {
        QUrl u;
        u.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
        u.setHost(QStringLiteral("127.0.0.1"));
        u.setPort(m_server->serverPort());
        return u;
    }
    quint16 port() const { return m_server->serverPort(); }
    const QList<TestRequest> &requests() const { return m_requests; }
    int count(const QByteArray &method, const QString &path) const
    {
        int n = 0;
        for (const TestRequest &r : m_requests)
            n += (r.method == method && r.path == path) ? 1 : 0;
        return n;
    }
    void close() { m_server->close(); }

private:
    void init()
    {
        m_tls = qobject_cast<QSslServer *>(m_server) != nullptr;
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection())
                accept(socket);
        });
        m_server->listen(QHostAddress::LocalHost, 0);
    }

    void accept(QTcpSocket *socket)
    {
        socket->setParent(this);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            TestRequest request;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.target = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                           lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = request.headers.value("content-length", "0").toLongLong();
            if (buffer->size() < end + 4 + length)
                return;
            request.body = buffer->mid(end + 4, length);
            buffer->clear();
            const QUrl target = QUrl::fromEncoded(request.target);
            request.path = target.path();
            request.query = QUrlQuery(target);
            m_requests.append(request);
            const QByteArray key = request.method + ' ' + request.path.toUtf8();
            TestReply reply;
            if (m_routes.contains(key))
                reply = m_routes.value(key)(request);
            else if (m_fallback)
                reply = m_fallback(request);
            else
                reply = TestReply::json(R"({"code":404,"message":"No such path in the test server"})",
                                        404);
            answer(socket, reply);
        });
    }

    static QByteArray head(const TestReply &reply, qsizetype length, bool chunked = false)
    {
        QByteArray h = "HTTP/1.1 " + QByteArray::number(reply.status)
                       + " X\r\nContent-Type: " + reply.contentType + "\r\nConnection: close\r\n";
        h += chunked ? QByteArray("Transfer-Encoding: chunked\r\n")
                     : "Content-Length: " + QByteArray::number(length) + "\r\n";
        return h + "\r\n";
    }

    void answer(QTcpSocket *socket, const TestReply &reply)
    {
        QPointer<QTcpSocket> s(socket);
        switch (reply.behaviour) {
        case TestReply::Behaviour::Normal:
            s->write(head(reply, reply.body.size()) + reply.body);
            s->disconnectFromHost();
            break;
        case TestReply::Behaviour::Delay:
            QTimer::singleShot(reply.delayMs, this, [s, reply] {
                if (!s)
                    return;
                s->write(head(reply, reply.body.size()) + reply.body);
                s->disconnectFromHost();
            });
            break;
        case TestReply::Behaviour::Hang:
            break; // never answer; the socket stays open until the client gives up
        case TestReply::Behaviour::Truncate:
            s->write(head(reply, reply.body.size() * 2 + 10) + reply.body);
            s->flush();
            s->disconnectFromHost();
            break;
        case TestReply::Behaviour::Garbage:
            s->write(reply.body);
            s->disconnectFromHost();
            break;
        case TestReply::Behaviour::CloseAtOnce:
            s->abort();
            break;
        case TestReply::Behaviour::Stream: {
            s->write(head(reply, 0, true));
            auto index = std::make_shared<int>(0);
            auto *timer = new QTimer(s);
            connect(timer, &QTimer::timeout, s, [s, timer, index, reply] {
                if (*index < reply.chunks.size()) {
                    const QByteArray &c = reply.chunks.at((*index)++);
                    s->write(QByteArray::number(c.size(), 16) + "\r\n" + c + "\r\n");
                } else {
                    timer->stop();
                    s->write("0\r\n\r\n");
                    s->disconnectFromHost();
                }
            });
            timer->start(reply.delayMs);
            break;
        }
        }
    }

    QTcpServer *m_server = nullptr;
    bool m_tls = false;
    QHash<QByteArray, Handler> m_routes;
    Handler m_fallback;
    QList<TestRequest> m_requests;
};
