// Request infrastructure over real loopback HTTP: values, errors, deadlines, retries, stale answers,
// cancellation and streaming, against the small server in testhttpserver.h.
#include "clusterclient.h"
#include "controlplaneclient.h"
#include "testhttpserver.h"

#include <QSignalSpy>
#include <QTest>

class TestHttpClient : public QObject
{
    Q_OBJECT
private slots:
    void pagedListIsFetchedToTheEnd();
    void bearerTokenIsSent();
    void retriesOnlyIdempotentGets_data();
    void retriesOnlyIdempotentGets();
    void timeoutGivesAnActionableSentence();
    void staleRequestIsDropped();
    void deadContextIsNotCalled();
    void destroyingTheClientAbortsCalls();
    void connectionRefused();
    void httpErrorsCarryTheServerMessage_data();
    void httpErrorsCarryTheServerMessage();
    void unauthorizedIsSignalled();
    void logsStreamLineByLine();
    void clusterActionsUseTypePaths_data();
    void clusterActionsUseTypePaths();
};

void TestHttpClient::pagedListIsFetchedToTheEnd()
{
    TestHttpServer server;
    server.route("GET", QStringLiteral("/api/v1/org-unit/projects"), [](const TestRequest &r) {
        const int offset = r.query.queryItemValue(QStringLiteral("offset")).toInt();
        if (offset == 0)
            return TestReply::json(
                R"({"projects":[{"id":"1","name":"a"},{"id":2,"name":"b"}],"next":2})");
        return TestReply::json(R"({"projects":[{"id":"3","name":"c"}]})");
    });
    ControlPlaneClient client(server.url());
    Result<QList<api::OrgUnit>> result;
    bool called = false;
    client.fetchProjects(this, [&](const auto &r) {
        result = r;
        called = true;
    });
    QTRY_VERIFY(called);
    QVERIFY(result.ok());
    QCOMPARE(result.value.size(), 3);
    QCOMPARE(result.value.at(1).id, QStringLiteral("2"));
    QCOMPARE(server.count("GET", QStringLiteral("/api/v1/org-unit/projects")), 2);
}

void TestHttpClient::bearerTokenIsSent()
{
    TestHttpServer server;
    server.route("GET", QStringLiteral("/api/v1/clusters"), TestReply::json("[]"));
    ControlPlaneClient client(server.url());
    client.setAccessToken(QStringLiteral("tok-123"));
    bool called = false;
    client.fetchClusters(this, [&](const auto &r) { called = r.ok(); });
    QTRY_VERIFY(called);
    QCOMPARE(server.requests().first().headers.value("authorization"), QByteArray("Bearer tok-123"));
}

void TestHttpClient::retriesOnlyIdempotentGets_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("expectedCalls");
    QTest::addColumn<bool>("expectOk");
    QTest::addRow("GET 503 then ok") << QByteArray("GET") << 503 << 2 << true;
    QTest::addRow("GET 500 then ok") << QByteArray("GET") << 500 << 2 << true;
    QTest::addRow("GET 404 is final") << QByteArray("GET") << 404 << 1 << false;
    QTest::addRow("POST 503 never repeated") << QByteArray("POST") << 503 << 1 << false;
    QTest::addRow("DELETE 503 never repeated") << QByteArray("DELETE") << 503 << 1 << false;
}

void TestHttpClient::retriesOnlyIdempotentGets()
{
    QFETCH(QByteArray, verb);
    QFETCH(int, status);
    QFETCH(int, expectedCalls);
    QFETCH(bool, expectOk);
    TestHttpServer server;
    int calls = 0;
    server.route(verb, QStringLiteral("/x"), [&](const TestRequest &) {
        ++calls;
        return calls == 1 ? TestReply::json(R"({"code":0,"message":"busy"})", status)
                          : TestReply::json("{}");
    });
    HttpClient client(server.url(), QStringLiteral("Test server"));
    client.setRetryPolicy(3, 20);
    HttpCall call;
    call.verb = verb;
    call.path = QStringLiteral("/x");
    std::optional<HttpResponse> response;
    client.send(call, this, [&](const HttpResponse &r) { response = r; });
    QTRY_VERIFY(response.has_value());
    QTest::qWait(100); // a wrong extra retry would show up here
    QCOMPARE(calls, expectedCalls);
    QCOMPARE(response->ok(), expectOk);
}

void TestHttpClient::timeoutGivesAnActionableSentence()
{
    TestHttpServer server;
    TestReply hang;
    hang.behaviour = TestReply::Behaviour::Hang;
    server.route("GET", QStringLiteral("/api/v1/clusters"), hang);
    ControlPlaneClient client(server.url());
    client.setDefaultTimeout(300);
    client.setRetryPolicy(1, 10);
    Result<QList<api::Cluster>> result;
    bool called = false;
    QElapsedTimer timer;
    timer.start();
    client.fetchClusters(this, [&](const auto &r) {
        result = r;
        called = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(called, 5000);
    QVERIFY(timer.elapsed() < 3000);
    QCOMPARE(result.error.kind, ApiError::Kind::Timeout);
    QVERIFY2(result.error.message.contains(QStringLiteral("did not answer within 0.3 s")),
             qPrintable(result.error.message));
    QVERIFY(result.error.message.contains(server.url().toString()));
    QCOMPARE(server.count("GET", QStringLiteral("/api/v1/clusters")), 2); // one retry
}

void TestHttpClient::staleRequestIsDropped()
{
    TestHttpServer server;
    int n = 0;
    server.route("GET", QStringLiteral("/api/v1/workloads"), [&](const TestRequest &) {
        ++n;
        TestReply r = TestReply::json(n == 1 ? R"({"workloads":[{"id":"old"}]})"
                                             : R"({"workloads":[{"id":"new"}]})");
        if (n == 1) { // the first answer arrives last
            r.behaviour = TestReply::Behaviour::Delay;
            r.delayMs = 300;
        }
        return r;
    });
    ControlPlaneClient client(server.url());
    QStringList delivered;
    WorkloadQuery q;
    client.fetchWorkloads(q, this, [&](const auto &r) { delivered << r.value.items.value(0).id; });
    QTRY_COMPARE(server.requests().size(), 1);
    client.fetchWorkloads(q, this, [&](const auto &r) { delivered << r.value.items.value(0).id; });
    QTRY_COMPARE(delivered.size(), 1);
    QTest::qWait(500);
    QCOMPARE(delivered, QStringList {QStringLiteral("new")});
}

void TestHttpClient::deadContextIsNotCalled()
{
    TestHttpServer server;
    TestReply slow = TestReply::json("[]");
    slow.behaviour = TestReply::Behaviour::Delay;
    slow.delayMs = 200;
    server.route("GET", QStringLiteral("/api/v1/users"), slow);
    ControlPlaneClient client(server.url());
    bool called = false;
    auto *context = new QObject;
    client.fetchUsers(context, [&](const auto &) { called = true; });
    delete context;
    QTest::qWait(500);
    QVERIFY(!called);
    QTRY_COMPARE(client.pendingCount(), 0);
}

void TestHttpClient::destroyingTheClientAbortsCalls()
{
    TestHttpServer server;
    TestReply hang;
    hang.behaviour = TestReply::Behaviour::Hang;
    server.route("GET", QStringLiteral("/api/v1/nodes"), hang);
    bool called = false;
    {
        ControlPlaneClient client(server.url());
        client.fetchNodes(this, [&](const auto &) { called = true; });
        QTRY_COMPARE(server.requests().size(), 1);
    } // destroyed with the call in flight: no crash, no late callback
    QTest::qWait(200);
    QVERIFY(!called);
}

void TestHttpClient::connectionRefused()
{
    quint16 port = 0;
    {
        TestHttpServer closed;
        port = closed.port();
    }
    QUrl url(QStringLiteral("http://127.0.0.1"));
    url.setPort(port);
    ControlPlaneClient client(url);
    client.setRetryPolicy(0, 10);
    Result<QList<api::Cluster>> result;
    bool called = false;
    client.fetchClusters(this, [&](const auto &r) {
        result = r;
        called = true;
    });
    QTRY_VERIFY(called);
    QCOMPARE(result.error.kind, ApiError::Kind::Network);
    QVERIFY2(result.error.message.contains(QStringLiteral("refused the connection")),
             qPrintable(result.error.message));
}

void TestHttpClient::httpErrorsCarryTheServerMessage_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("fragment");
    QTest::addRow("403") << 403
                         << "You are not allowed to do this: Project 1-a is outside your scope";
    QTest::addRow("404") << 404 << "does not know this item: Project 1-a is outside your scope";
    QTest::addRow("409") << 409 << "refused the request (HTTP 409)";
    QTest::addRow("500") << 500 << "had a problem (HTTP 500)";
}

void TestHttpClient::httpErrorsCarryTheServerMessage()
{
    QFETCH(int, status);
    QFETCH(QString, fragment);
    TestHttpServer server;
    server.route("GET",
                 QStringLiteral("/api/v1/nodes"),
                 TestReply::json(R"({"code":0,"message":"Project 1-a is outside your scope"})",
                                 status));
    ControlPlaneClient client(server.url());
    client.setRetryPolicy(0, 10);
    Result<QList<api::Node>> result;
    bool called = false;
    client.fetchNodes(this, [&](const auto &r) {
        result = r;
        called = true;
    });
    QTRY_VERIFY(called);
    QCOMPARE(result.error.kind, ApiError::Kind::Http);
    QCOMPARE(result.error.httpStatus, status);
    QVERIFY2(result.error.message.contains(fragment), qPrintable(result.error.message));
}

void TestHttpClient::unauthorizedIsSignalled()
{
    TestHttpServer server;
    server.route("GET",
                 QStringLiteral("/api/v1/nodes"),
                 TestReply::json(R"({"code":401,"message":"Token expired"})", 401));
    ControlPlaneClient client(server.url());
    client.setAccessToken(QStringLiteral("old"));
    QSignalSpy spy(&client, &HttpClient::unauthorized);
    client.fetchNodes(this, [](const auto &) {});
    QVERIFY(spy.wait(5000));
}

void TestHttpClient::logsStreamLineByLine()
{
    TestHttpServer server;
    TestReply stream;
    stream.behaviour = TestReply::Behaviour::Stream;
    stream.contentType = "text/plain";
    stream.delayMs = 60;
    stream.chunks = {"step 1 loss=2.3\nstep 2 lo", "ss=2.1\n", "step 3 loss=1.9\ncheckpoint saved"};
    server.route("GET", QStringLiteral("/api/v1/workloads/w1/pods/p1/logs"), stream);
    ClusterClient client(QStringLiteral("cluster-a"), server.url());
    QList<QStringList> batches;
    bool done = false;
    LogOptions options;
    options.follow = true;
    options.tail = 100;
    client.streamLogs(
        QStringLiteral("w1"),
        QStringLiteral("p1"),
        options,
        this,
        [&](const QStringList &lines) { batches << lines; },
        [&](const Result<bool> &r) { done = r.ok(); });
    QTRY_VERIFY(done);
    QStringList all;
    for (const QStringList &b : std::as_const(batches))
        all += b;
    QCOMPARE(all,
             QStringList({QStringLiteral("step 1 loss=2.3"),
                          QStringLiteral("step 2 loss=2.1"),
                          QStringLiteral("step 3 loss=1.9"),
                          QStringLiteral("checkpoint saved")}));
    QVERIFY(batches.size() >= 3); // delivered while streaming, not only at the end
    const TestRequest &r = server.requests().first();
    QCOMPARE(r.query.queryItemValue(QStringLiteral("follow")), QStringLiteral("true"));
    QCOMPARE(r.query.queryItemValue(QStringLiteral("tail")), QStringLiteral("100"));
}

void TestHttpClient::clusterActionsUseTypePaths_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addRow("suspend training")
        << "Training"
        << "suspend" << QByteArray("POST") << "/api/v1/workloads/trainings/w9/suspend";
    QTest::addRow("resume workspace")
        << "Workspace"
        << "resume" << QByteArray("POST") << "/api/v1/workloads/workspaces/w9/resume";
    QTest::addRow("delete distributed")
        << "Distributed"
        << "delete" << QByteArray("DELETE") << "/api/v1/workloads/distributed/w9";
    QTest::addRow("delete inference")
        << "Inference"
        << "delete" << QByteArray("DELETE") << "/api/v1/workloads/inferences/w9";
}

void TestHttpClient::clusterActionsUseTypePaths()
{
    QFETCH(QString, type);
    QFETCH(QString, action);
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    TestHttpServer server;
    server.route(verb, path, TestReply::json(R"({"code":202,"message":"accepted"})", 202));
    ClusterClient client(QStringLiteral("cluster-a"), server.url());
    std::optional<Result<bool>> result;
    auto done = [&](const Result<bool> &r) { result = r; };
    const QString typePath = workloadTypePath(type);
    if (action == QLatin1String("suspend"))
        client.suspend(typePath, QStringLiteral("w9"), this, done);
    else if (action == QLatin1String("resume"))
        client.resume(typePath, QStringLiteral("w9"), this, done);
    else
        client.remove(typePath, QStringLiteral("w9"), this, done);
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->ok(), qPrintable(result->error.message));
    QCOMPARE(server.count(verb, path), 1);
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
