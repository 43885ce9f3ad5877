// A hostile server: malformed, truncated, slow and silent replies must each end in one error value with a
// sentence for the user, within the deadline, never a crash or a hang.
#include "clusterclient.h"
#include "controlplaneclient.h"
#include "testhttpserver.h"

#include <QElapsedTimer>
#include <QTest>

class TestHostileServer : public QObject
{
    Q_OBJECT
private slots:
    void badRepliesBecomeErrors_data();
    void badRepliesBecomeErrors();
    void brokenLogStreamEndsWithError();
    void manyConcurrentBadRepliesDoNotLeak();
};

Q_DECLARE_METATYPE(TestReply::Behaviour)

void TestHostileServer::badRepliesBecomeErrors_data()
{
    QTest::addColumn<TestReply::Behaviour>("behaviour");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("kind");
    using B = TestReply::Behaviour;
    QTest::addRow("garbage instead of HTTP")
        << B::Garbage << QByteArray("\x16\x03\x01 not http at all\r\n\r\n") << 200
        << int(ApiError::Kind::Network);
    QTest::addRow("truncated body")
        << B::Truncate << QByteArray(R"({"projects":[{"id":"1","name":"a"},)") << 200
        << int(ApiError::Kind::Network);
    QTest::addRow("connection closed at once")
        << B::CloseAtOnce << QByteArray() << 200 << int(ApiError::Kind::Network);
    QTest::addRow("slower than the deadline")
        << B::Delay << QByteArray(R"({"projects":[]})") << 200 << int(ApiError::Kind::Timeout);
    QTest::addRow("never answers")
        << B::Hang << QByteArray() << 200 << int(ApiError::Kind::Timeout);
    QTest::addRow("invalid JSON with 200")
        << B::Normal << QByteArray(R"({"projects":[{"id":)") << 200 << int(ApiError::Kind::Parse);
    QTest::addRow("HTML error page")
        << B::Normal << QByteArray("<html><h1>502 Bad Gateway</h1></html>") << 502
        << int(ApiError::Kind::Http);
    QTest::addRow("JSON of the wrong shape")
        << B::Normal << QByteArray(R"({"unexpected":true})") << 200 << int(ApiError::Kind::Parse);
    QTest::addRow("empty 200") << B::Normal << QByteArray() << 200 << int(ApiError::Kind::Parse);
    QTest::addRow("deeply nested JSON")
        << B::Normal << QByteArray(5000, '[') << 200 << int(ApiError::Kind::Parse);
}

void TestHostileServer::badRepliesBecomeErrors()
{
    QFETCH(TestReply::Behaviour, behaviour);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(int, kind);
    TestHttpServer server;
    TestReply reply = TestReply::json(body, status);
    reply.behaviour = behaviour;
    reply.delayMs = 2000;
    server.route("GET", QStringLiteral("/api/v1/org-unit/projects"), reply);
    ControlPlaneClient client(server.url());
    client.setDefaultTimeout(500);
    client.setRetryPolicy(1, 20);
    int calls = 0;
    Result<QList<api::OrgUnit>> result;
    QElapsedTimer timer;
    timer.start();
    client.fetchProjects(this, [&](const auto &r) {
        ++calls;
        result = r;
    });
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 8000);
    QVERIFY(timer.elapsed() < 4000);
    QVERIFY(!result.ok());
    QCOMPARE(int(result.error.kind), kind);
    QVERIFY(result.error.message.size() > 20);
    QTest::qWait(100);
    QCOMPARE(calls, 1); // exactly once
}

void TestHostileServer::brokenLogStreamEndsWithError()
{
    TestHttpServer server;
    TestReply reply = TestReply::json("line one\nline two\npartial", 200);
    reply.behaviour = TestReply::Behaviour::Truncate;
    server.route("GET", QStringLiteral("/api/v1/workloads/w/pods/p/logs"), reply);
    ClusterClient client(QStringLiteral("cluster-b"), server.url());
    QStringList lines;
    std::optional<Result<bool>> done;
    client.streamLogs(
        QStringLiteral("w"),
        QStringLiteral("p"),
        LogOptions {},
        this,
        [&](const QStringList &l) { lines += l; },
        [&](const Result<bool> &r) { done = r; });
    QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), 8000);
    QVERIFY(!done->ok());
    QVERIFY(done->error.message.contains(QStringLiteral("cluster-b")));
    QVERIFY(lines.contains(QStringLiteral("line one"))); // what did arrive was shown
}

void TestHostileServer::manyConcurrentBadRepliesDoNotLeak()
{
    TestHttpServer server;
    int n = 0;
    server.route("GET", QStringLiteral("/api/v1/nodes"), [&](const TestRequest &) {
        TestReply r = TestReply::json(R"({"nodes":[{"id":"n1"}]})");
        r.behaviour = (n++ % 2) ? TestReply::Behaviour::Truncate : TestReply::Behaviour::Garbage;
        return r;
    });
    ControlPlaneClient client(server.url());
    client.setRetryPolicy(0, 10);
    int finished = 0;
    for (int i = 0; i < 40; ++i)
        client.fetchMetrics(QStringLiteral("/api/v1/nodes"),
                            {QStringLiteral("X")},
                            {},
                            {},
                            1,
                            this,
                            [&](const auto &) { ++finished; });
    // all share one stale key: only the newest may be delivered
    QTRY_COMPARE_WITH_TIMEOUT(finished, 1, 8000);
    QTRY_COMPARE_WITH_TIMEOUT(client.pendingCount(), 0, 8000);
}

QTEST_GUILESS_MAIN(TestHostileServer)
#include "tst_hostileserver.moc"
