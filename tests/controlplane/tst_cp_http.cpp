// The HTTP layer alone: router, list conventions, JSON errors, 413, keep-alive, chunked streaming.
#include "http/httpserver.h"
#include "http/json.h"
#include "http/listquery.h"
#include "http/router.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace gpudesk::http;

class TestHttp : public QObject
{
    Q_OBJECT
private:
    Router m_router;
    std::unique_ptr<HttpServer> m_server;
    std::shared_ptr<ResponseStream> m_stream;

    QByteArray exchange(const QByteArray &raw, int expectedReplies = 1, int timeoutMs = 3000)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        if (!socket.waitForConnected(2000))
            return {};
        socket.write(raw);
        QByteArray received;
        QEventLoop loop;
        connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
            received += socket.readAll();
            if (received.count("HTTP/1.1 ") >= expectedReplies
                && (received.endsWith("}") || received.endsWith("0\r\n\r\n")))
                loop.quit();
        });
        connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        return received + socket.readAll();
    }

private slots:
    void initTestCase()
    {
        m_router.add("GET", QStringLiteral("/items/{id}"), [](const Request &r) {
            return jsonResponse(200,
                                QJsonObject {{QStringLiteral("id"),
                                              r.pathParams.value(QStringLiteral("id"))}});
        });
        m_router.add("GET", QStringLiteral("/items/special"), [](const Request &) {
            return jsonResponse(200, QJsonObject {{QStringLiteral("special"), true}});
        });
        m_router.add("POST", QStringLiteral("/echo"), [](const Request &r) {
            const JsonObjectResult body = parseJsonObject(r);
            if (!body.ok())
                return *body.error;
            FieldReader reader(body.object);
            const QString name = reader.requiredString(QStringLiteral("name"));
            reader.optionalInteger(QStringLiteral("count"));
            if (auto error = reader.finish())
                return *error;
            return jsonResponse(200, QJsonObject {{QStringLiteral("name"), name}});
        });
        m_router.add("GET", QStringLiteral("/stream"), [this](const Request &) {
            Response response;
            response.contentType = "text/plain";
            response.streamer = [this](const std::shared_ptr<ResponseStream> &stream) {
                m_stream = stream;
                stream->write("line 1\n");
                QTimer::singleShot(50, [stream] {
                    stream->write("line 2\n");
                    stream->finish();
                });
            };
            return response;
        });
        ServerOptions options;
        options.maxBodyBytes = 1024;
        m_server = std::make_unique<HttpServer>(
            [this](const Request &r) {
                Request copy = r;
                return m_router.dispatch(copy);
            },
            options);
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0).isEmpty());
        QVERIFY(m_server->port() != 0);
    }

    void pathParametersAndLiteralPrecedence()
    {
        QByteArray reply = exchange("GET /items/42 HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.constData());
        QVERIFY(reply.contains("{\"id\":\"42\"}"));
        reply = exchange("GET /items/special HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(reply.contains("\"special\":true"));
    }

    void unknownPathIs404AndWrongMethodIs405()
    {
        QByteArray reply = exchange("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(reply.startsWith("HTTP/1.1 404"));
        QVERIFY(reply.contains("\"code\":404"));
        reply = exchange("DELETE /items/1 HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(reply.startsWith("HTTP/1.1 405"));
        QVERIFY(reply.contains("Allow: GET"));
    }

    void badBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("messagePart");
        QTest::newRow("empty") << QByteArray() << QByteArray("body is empty");
        QTest::newRow("malformed") << QByteArray("{\"name\":") << QByteArray("not valid JSON");
        QTest::newRow("array") << QByteArray("[1]") << QByteArray("must be a JSON object");
        QTest::newRow("wrong type")
            << QByteArray("{\"name\":5}") << QByteArray("'name' must be a string");
        QTest::newRow("missing") << QByteArray("{}") << QByteArray("'name' is required");
        QTest::newRow("not integer")
            << QByteArray("{\"name\":\"a\",\"count\":1.5}") << QByteArray("whole number");
        QTest::newRow("unknown field")
            << QByteArray("{\"name\":\"a\",\"colour\":1}") << QByteArray("Unknown field: colour");
    }
    void badBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, messagePart);
        const QByteArray reply = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: "
                                          + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY2(reply.startsWith("HTTP/1.1 400"), reply.constData());
        const QJsonObject error = QJsonDocument::fromJson(reply.mid(reply.indexOf("\r\n\r\n") + 4))
                                      .object();
        QCOMPARE(error.value(QStringLiteral("code")).toInt(), 400);
        QVERIFY2(error.value(QStringLiteral("message")).toString().toUtf8().contains(messagePart),
                 reply.constData());
    }

    void hugeBodyIs413BeforeReadingIt()
    {
        const QByteArray reply = exchange(
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n{");
        QVERIFY2(reply.startsWith("HTTP/1.1 413"), reply.constData());
        QVERIFY(reply.contains("the limit is 1024 bytes"));
    }

    // Regression: a "Connection: close" request whose body arrives after its head was never answered.
    void connectionCloseWithBodyInALaterPacket()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(2000));
        socket.write(
            "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 12\r\n\r\n");
        socket.flush();
        QTest::qWait(50);
        socket.write("{\"name\":\"a\"}");
        QByteArray reply;
        QEventLoop loop;
        connect(&socket, &QTcpSocket::readyRead, &loop, [&] { reply += socket.readAll(); });
        connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QTimer::singleShot(3000, &loop, &QEventLoop::quit);
        loop.exec();
        QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.constData());
        QVERIFY(reply.contains("Connection: close"));
    }

    void keepAliveServesPipelinedRequestsInOrder()
    {
        const QByteArray reply = exchange(
            "GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /items/2 HTTP/1.1\r\nHost: x\r\n\r\n", 2);
        QCOMPARE(reply.count("HTTP/1.1 200"), 2);
        QVERIFY(reply.indexOf("\"1\"") < reply.indexOf("\"2\""));
    }

    void chunkedStreamingReply()
    {
        const QByteArray reply = exchange("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY2(reply.contains("Transfer-Encoding: chunked"), reply.constData());
        QVERIFY(reply.contains("7\r\nline 1\n\r\n"));
        QVERIFY(reply.contains("7\r\nline 2\n\r\n"));
        QVERIFY(reply.endsWith("0\r\n\r\n"));
    }

    void filterOperators_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("==") << "name==beta" << QStringList {"beta"};
        QTest::newRow("!=") << "name!=beta" << QStringList {"alpha", "gamma"};
        QTest::newRow("<= number") << "gpus<=2" << QStringList {"alpha", "beta"};
        QTest::newRow(">= number") << "gpus>=2" << QStringList {"beta", "gamma"};
        QTest::newRow("=@ contains") << "name=@mm" << QStringList {"gamma"};
        QTest::newRow("!@ not contains") << "name!@a" << QStringList {};
        QTest::newRow("=^ starts") << "name=^al" << QStringList {"alpha"};
        QTest::newRow("=$ ends") << "name=$ta" << QStringList {"beta"};
        QTest::newRow(">= date") << "createdAt>=2026-02-01T00:00:00Z"
                                 << QStringList {"beta", "gamma"};
        QTest::newRow("two terms") << "gpus>=2,name=^g" << QStringList {"gamma"};
    }
    void filterOperators()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, expected);
        const QList<QJsonObject> items {
            QJsonObject {{"name", "alpha"}, {"gpus", 1}, {"createdAt", "2026-01-01T00:00:00Z"}},
            QJsonObject {{"name", "beta"}, {"gpus", 2}, {"createdAt", "2026-02-01T00:00:00Z"}},
            QJsonObject {{"name", "gamma"}, {"gpus", 8}, {"createdAt", "2026-03-01T00:00:00Z"}}};
        Request request;
        request.query.setQuery(QStringLiteral("sortBy=name&filterBy=")
                               + QString::fromLatin1(QUrl::toPercentEncoding(filter)));
        ListQuery query;
        QVERIFY(!ListQuery::parse(request, ListOptions {}, &query));
        QStringList names;
        for (const QJsonObject &item : query.apply(items))
            names.append(item.value(QStringLiteral("name")).toString());
        QCOMPARE(names, expected);
    }

    void pagingSortingAndLimits()
    {
        QList<QJsonObject> items;
        for (int i = 0; i < 120; ++i)
            items.append(
                QJsonObject {{"name", QStringLiteral("n%1").arg(i, 3, 10, QLatin1Char('0'))},
                             {"i", i}});
        Request request;
        request.query.setQuery(QStringLiteral("offset=100&sortBy=i&sortOrder=desc"));
        ListQuery query;
        QVERIFY(!ListQuery::parse(request, ListOptions {}, &query));
        int total = 0;
        const QList<QJsonObject> page = query.apply(items, &total);
        QCOMPARE(total, 120);
        QCOMPARE(page.size(), 20);
        QCOMPARE(page.first().value("i").toInt(), 19);
        QCOMPARE(query.nextOffset(total), -1);
        QCOMPARE(query.limit, 50);
        for (const char *bad :
             {"limit=0", "limit=501", "offset=-1", "sortOrder=up", "filterBy=name~x", "limit=abc"}) {
            Request badRequest;
            badRequest.query.setQuery(QString::fromLatin1(bad));
            ListQuery ignored;
            const auto error = ListQuery::parse(badRequest, ListOptions {}, &ignored);
            QVERIFY2(error && error->status == 400, bad);
        }
        ListOptions restricted;
        restricted.sortFields = {QStringLiteral("name")};
        Request sortRequest;
        sortRequest.query.setQuery(QStringLiteral("sortBy=secret"));
        ListQuery ignored;
        const auto error = ListQuery::parse(sortRequest, restricted, &ignored);
        QVERIFY(error && error->body.contains("Cannot sort by 'secret'"));
    }
};

QTEST_GUILESS_MAIN(TestHttp)
#include "tst_cp_http.moc"
