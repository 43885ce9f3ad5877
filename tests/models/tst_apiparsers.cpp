// The JSON → value converters against the real shapes of api.md, including the quirks of §6.
#include "apiparsers.h"

#include <QTest>

class TestApiParsers : public QObject
{
    Q_OBJECT
private slots:
    void listShapes_data();
    void listShapes();
    void idsAsIntOrString_data();
    void idsAsIntOrString();
    void metricValuesAsStrings();
    void auditLogSnakeCase();
    void tokenKeys_data();
    void tokenKeys();
    void projectResources();
    void quotaStatuses_data();
    void quotaStatuses();
    void workloadFields();
    void malformed_data();
    void malformed();
    void errorBodies_data();
    void errorBodies();
};

void TestApiParsers::listShapes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("next");
    QTest::addRow("clusters bare array")
        << QByteArray(R"([{"uuid":"c1","name":"a"},{"uuid":"c2","name":"b"}])") << "clusters" << 2
        << -1;
    QTest::addRow("clusters wrapped")
        << QByteArray(R"({"clusters":[{"uuid":"c1","name":"a"}]})") << "clusters" << 1 << -1;
    QTest::addRow("users bare") << QByteArray(R"([{"id":"u1","username":"x@demo.local"}])")
                                << "users" << 1 << -1;
    QTest::addRow("roles bare") << QByteArray(R"([{"id":3,"name":"Viewer","permissions":[]}])")
                                << "roles" << 1 << -1;
    QTest::addRow("service accounts bare")
        << QByteArray(R"([{"id":"s","name":"ci","clientId":"c"}])") << "service-accounts" << 1
        << -1;
    QTest::addRow("projects wrapped with next")
        << QByteArray(R"({"projects":[{"id":"33","name":"p"},{"id":"34","name":"q"}],"next":50})")
        << "projects" << 2 << 50;
    QTest::addRow("projects wrapped, next null")
        << QByteArray(R"({"projects":[],"next":null})") << "projects" << 0 << -1;
    QTest::addRow("projects as bare array")
        << QByteArray(R"([{"id":"33","name":"p"}])") << "projects" << 1 << -1;
    QTest::addRow("node pools lower-case key")
        << QByteArray(R"({"nodepools":[{"id":"1","name":"default"}]})") << "nodepools" << 1 << -1;
    QTest::addRow("access rules records")
        << QByteArray(R"({"totalRecords":1,"displayRecords":1,"accessRules":[{"id":7}]})")
        << "access-rules" << 1 << -1;
    QTest::addRow("me access rules double-wrapped")
        << QByteArray(R"({"accessRules":{"totalRecords":2,"accessRules":[{"id":7},{"id":8}]}})")
        << "access-rules" << 2 << -1;
    QTest::addRow("workloads next as string")
        << QByteArray(R"({"workloads":[{"id":"w"}],"next":"500"})") << "workloads" << 1 << 500;
}

void TestApiParsers::listShapes()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, kind);
    QFETCH(int, count);
    QFETCH(int, next);
    int got = -1;
    int gotNext = -1;
    ApiError error;
    if (kind == QLatin1String("clusters")) {
        auto r = api::parseClusters(body);
        got = int(r.value.size());
        error = r.error;
    } else if (kind == QLatin1String("users")) {
        auto r = api::parseUsers(body);
        got = int(r.value.size());
        error = r.error;
    } else if (kind == QLatin1String("roles")) {
        auto r = api::parseRoles(body);
        got = int(r.value.size());
        error = r.error;
    } else if (kind == QLatin1String("service-accounts")) {
        auto r = api::parseServiceAccounts(body);
        got = int(r.value.size());
        error = r.error;
    } else if (kind == QLatin1String("projects")) {
        auto r = api::parseProjects(body);
        got = int(r.value.items.size());
        gotNext = r.value.next;
        error = r.error;
    } else if (kind == QLatin1String("nodepools")) {
        auto r = api::parseNodePools(body);
        got = int(r.value.size());
        error = r.error;
    } else if (kind == QLatin1String("access-rules")) {
        auto r = api::parseAccessRules(body);
        got = int(r.value.items.size());
        error = r.error;
    } else if (kind == QLatin1String("workloads")) {
        auto r = api::parseWorkloads(body);
        got = int(r.value.items.size());
        gotNext = r.value.next;
        error = r.error;
    }
    QVERIFY2(!error.isError(), qPrintable(error.message + QLatin1Char(' ') + error.detail));
    QCOMPARE(got, count);
    QCOMPARE(gotNext, next);
}

void TestApiParsers::idsAsIntOrString_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("roleId");
    QTest::addRow("int ids") << QByteArray(
        R"({"accessRules":[{"id":12,"roleId":3,"scopeId":"33"}]})")
                             << "12"
                             << "3";
    QTest::addRow("string ids") << QByteArray(
        R"({"accessRules":[{"id":"12","roleId":"3","scopeId":33}]})")
                                << "12"
                                << "3";
    QTest::addRow("big int id") << QByteArray(R"({"accessRules":[{"id":2147483647,"roleId":0}]})")
                                << "2147483647"
                                << "0";
}

void TestApiParsers::idsAsIntOrString()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, id);
    QFETCH(QString, roleId);
    const auto r = api::parseAccessRules(body);
    QVERIFY(r.ok());
    QCOMPARE(r.value.items.first().id, id);
    QCOMPARE(r.value.items.first().roleId, roleId);
}

void TestApiParsers::metricValuesAsStrings()
{
    const QByteArray body = R"({"measurements":[{"type":"GPU_UTILIZATION","labels":{"gpu":"0"},
        "values":[{"value":"42.5","timestamp":"2026-11-23T09:00:00Z"},{"value":17,"timestamp":"2026-11-23T09:01:00Z"},
                  {"value":"n/a","timestamp":"2026-11-23T09:02:00Z"}]}]})";
    const auto r = api::parseMetrics(body);
    QVERIFY(r.ok());
    QCOMPARE(r.value.size(), 1);
    const api::MetricSeries &m = r.value.first();
    QCOMPARE(m.type, QStringLiteral("GPU_UTILIZATION"));
    QCOMPARE(m.label(), QStringLiteral("GPU_UTILIZATION gpu=0"));
    QCOMPARE(m.values.size(), 3);
    QCOMPARE(m.values[0].value, 42.5);
    QCOMPARE(m.values[1].value, 17.0);
    QCOMPARE(m.values[2].value, 0.0); // unparsable → 0, not a crash
    QCOMPARE(m.values[1].timestamp, QDateTime(QDate(2026, 11, 23), QTime(9, 1), Qt::UTC));
}

void TestApiParsers::auditLogSnakeCase()
{
    const QByteArray body
        = R"({"total":1,"next":null,"audit_logs":[{"id":5,"timestamp":"2026-11-23T08:00:00.123Z",
        "tenant_id":1,"subject":"admin@demo.local","subject_type":"User","source_ip":"10.0.0.1","action":"create",
        "http_method":"POST","url":"/api/v1/org-unit/projects","entity_type":"project","entity_name":"p1",
        "entity_id":"33","result":"Succeeded","http_status_code":201,"cluster_name":"cluster-a"}]})";
    const auto r = api::parseAuditLog(body);
    QVERIFY(r.ok());
    QCOMPARE(r.value.total, 1);
    const api::AuditEntry &e = r.value.items.first();
    QCOMPARE(e.id, QStringLiteral("5"));
    QCOMPARE(e.subjectType, QStringLiteral("User"));
    QCOMPARE(e.sourceIp, QStringLiteral("10.0.0.1"));
    QCOMPARE(e.httpMethod, QStringLiteral("POST"));
    QCOMPARE(e.entityName, QStringLiteral("p1"));
    QCOMPARE(e.httpStatusCode, 201);
    QCOMPARE(e.clusterName, QStringLiteral("cluster-a"));
    QCOMPARE(e.timestamp.time().msec(), 123);
}

void TestApiParsers::tokenKeys_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("access");
    QTest::addColumn<qint64>("expires");
    QTest::addRow("v1 camelCase") << QByteArray(
        R"({"accessToken":"a1","refreshToken":"r","expiresIn":3600})")
                                  << "a1" << qint64(3600);
    QTest::addRow("v2 snake_case")
        << QByteArray(R"({"access_token":"a2","token_type":"Bearer","expires_in":"36000"})") << "a2"
        << qint64(36000);
    QTest::addRow("odd casing") << QByteArray(R"({"AccessToken":"a3","ExpiresIn":60})") << "a3"
                                << qint64(60);
}

void TestApiParsers::tokenKeys()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, access);
    QFETCH(qint64, expires);
    const auto r = api::parseToken(body);
    QVERIFY(r.ok());
    QCOMPARE(r.value.accessToken, access);
    QCOMPARE(r.value.expiresInSeconds, expires);
}

void TestApiParsers::projectResources()
{
    const QByteArray body
        = R"({"projects":[{"id":"33","name":"project-1a","clusterId":"c1","parentId":"7",
      "resources":[{"nodePool":{"id":"22","name":"default"},"gpu":{"deserved":2,"limit":null,"overQuotaWeight":3},
                    "cpu":{"deserved":1000,"limit":null},"memory":{"deserved":2,"limit":null,"units":"GB"},"priority":"Normal"}],
      "status":{"phase":"Ready","nodePoolQuotaStatuses":[{"nodePoolName":"default","allocated":{"gpu":"1.5","cpu":500},
                 "requested":{"gpu":4}}]}}]})";
    const auto r = api::parseProjects(body);
    QVERIFY(r.ok());
    const api::OrgUnit &p = r.value.items.first();
    QCOMPARE(p.parentId, QStringLiteral("7"));
    QCOMPARE(p.phase, QStringLiteral("Ready"));
    const api::PoolResources *res = p.resourcesFor(QStringLiteral("default"));
    QVERIFY(res);
    QCOMPARE(res->gpuDeserved, 2.0);
    QCOMPARE(res->gpuLimit, -1.0);
    QCOMPARE(res->gpuOverQuotaWeight, 3.0);
    QCOMPARE(res->memoryDeservedMb, 2000.0);
    const api::PoolAllocation *a = p.allocationFor(QStringLiteral("default"));
    QVERIFY(a);
    QCOMPARE(a->gpuAllocated, 1.5);
    QCOMPARE(a->gpuRequested, 4.0);
}

void TestApiParsers::quotaStatuses_data()
{
    // status.quotaStatus (summed) and status.nodePoolQuotaStatuses[] (per pool), api.md "Resources".
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<bool>("poolReported");  // a "default" entry in nodePoolQuotaStatuses
    QTest::addColumn<bool>("poolRequested"); // … with requested.gpu
    QTest::addColumn<double>("poolRequestedGpu");
    QTest::addColumn<bool>("totalReported"); // status.quotaStatus present
    QTest::addColumn<bool>("totalRequested");
    QTest::addColumn<double>("totalRequestedGpu");
    QTest::addColumn<double>("totalAllocatedGpu");
    QTest::addRow("both, as the control plane sends them")
        << QByteArray(
               R"({"quotaStatus":{"allocated":{"gpu":3,"cpu":0,"memory":0},"requested":{"gpu":5}},
            "nodePoolQuotaStatuses":[{"nodePool":{"id":"22","name":"default"},"allocated":{"gpu":3},
                                      "requested":{"gpu":"5"}}]})")
        << true << true << 5.0 << true << true << 5.0 << 3.0;
    QTest::addRow("requested zero is a figure, not unknown")
        << QByteArray(R"({"quotaStatus":{"allocated":{"gpu":0},"requested":{"gpu":0}},
            "nodePoolQuotaStatuses":[{"nodePoolName":"default","requested":{"gpu":0}}]})")
        << true << true << 0.0 << true << true << 0.0 << 0.0;
    QTest::addRow("requested missing or null: unknown")
        << QByteArray(R"({"quotaStatus":{"allocated":{"gpu":2},"requested":{"gpu":null}},
            "nodePoolQuotaStatuses":[{"nodePoolName":"default","allocated":{"gpu":2}}]})")
        << true << false << 0.0 << true << false << 0.0 << 2.0;
    QTest::addRow("node pools off: only quotaStatus")
        << QByteArray(R"({"quotaStatus":{"allocated":{"gpu":1},"requested":{"gpu":4}}})") << false
        << false << 0.0 << true << true << 4.0 << 1.0;
    QTest::addRow("no status figures at all") << QByteArray(R"({"phase":"Ready"})") << false
                                              << false << 0.0 << false << false << 0.0 << 0.0;
}

void TestApiParsers::quotaStatuses()
{
    QFETCH(QByteArray, status);
    QFETCH(bool, poolReported);
    QFETCH(bool, poolRequested);
    QFETCH(double, poolRequestedGpu);
    QFETCH(bool, totalReported);
    QFETCH(bool, totalRequested);
    QFETCH(double, totalRequestedGpu);
    QFETCH(double, totalAllocatedGpu);
    const QByteArray body = R"({"projects":[{"id":"33","name":"p","parentId":"7","status":)"
                            + status + "}]}";
    const auto r = api::parseProjects(body);
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    const api::OrgUnit &p = r.value.items.first();
    const api::PoolAllocation *a = p.allocationFor(QStringLiteral("default"));
    QCOMPARE(a != nullptr, poolReported);
    if (a) {
        QCOMPARE(a->gpuRequestedReported, poolRequested);
        QCOMPARE(a->gpuRequested, poolRequestedGpu);
    }
    QCOMPARE(p.quotaStatus.has_value(), totalReported);
    if (p.quotaStatus) {
        QVERIFY(p.quotaStatus->nodePoolName.isEmpty());
        QCOMPARE(p.quotaStatus->gpuRequestedReported, totalRequested);
        QCOMPARE(p.quotaStatus->gpuRequested, totalRequestedGpu);
        QCOMPARE(p.quotaStatus->gpuAllocated, totalAllocatedGpu);
    }
}

void TestApiParsers::workloadFields()
{
    const QByteArray body
        = R"({"id":"w-1","name":"train-a","type":"Training","projectName":"p","phase":"Pending",
      "priority":50,"priorityClassName":"train","preemptible":true,"runningPods":0,
      "requestedPods":{"number":4,"min":4},"podsRequestedResources":{"gpuRequestType":"portion","gpu":{"request":0.5}},
      "requestedNodePools":["pool-a","pool-b"],"pendingSchedulingMessages":[{"nodePool":"pool-a",
      "phaseReason":"OverLimit","userMessage":"Project p is over its GPU limit in pool-a."}],
      "createdAt":"2026-11-23T08:00:00Z"})";
    const auto r = api::parseWorkload(body);
    QVERIFY(r.ok());
    QCOMPARE(r.value.requestedPods, 4);
    QCOMPARE(r.value.minPods, 4);
    QCOMPARE(r.value.gpuRequest, 0.5);
    QCOMPARE(r.value.gpuRequestType, QStringLiteral("portion"));
    QCOMPARE(r.value.requestedNodePools,
             QStringList({QStringLiteral("pool-a"), QStringLiteral("pool-b")}));
    QCOMPARE(r.value.pendingMessages.size(), 1);
    QCOMPARE(r.value.pendingMessages.first().phaseReason, QStringLiteral("OverLimit"));
    QVERIFY(r.value.preemptible);
}

void TestApiParsers::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>");
    QTest::addRow("truncated") << QByteArray(R"({"projects":[{"id":"33","na)");
    QTest::addRow("wrong list key") << QByteArray(R"({"items_here":[]})");
    QTest::addRow("a number") << QByteArray("42");
    QTest::addRow("binary") << QByteArray("\x00\xff\xfe{", 4);
}

void TestApiParsers::malformed()
{
    QFETCH(QByteArray, body);
    const auto r = api::parseProjects(body);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.kind, ApiError::Kind::Parse);
    QVERIFY(!r.error.message.isEmpty());
    QVERIFY(!api::parseToken(body).ok());
    QVERIFY(!api::parseWorkload(body).ok());
}

void TestApiParsers::errorBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::addRow("run:ai") << QByteArray(
        R"({"code":400,"message":"Bad request - Resource should have a name"})")
                            << "Bad request - Resource should have a name";
    QTest::addRow("oauth2") << QByteArray(
        R"({"error":"invalid_grant","error_description":"Wrong password"})")
                            << "Wrong password";
    QTest::addRow("oauth2 bare") << QByteArray(R"({"error":"invalid_client"})") << "invalid_client";
    QTest::addRow("not json") << QByteArray("Bad Gateway") << "";
}

void TestApiParsers::errorBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QCOMPARE(api::errorBodyMessage(body), message);
}

QTEST_GUILESS_MAIN(TestApiParsers)
#include "tst_apiparsers.moc"
