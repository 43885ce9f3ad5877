// Every endpoint family over real HTTP on loopback with a real SQLite database: happy paths, paging,
// sort and filter, validation errors, If-Match conflicts, quota warnings, CIDRs, sync and audit.
#include "testserver.h"

#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

class TestApi : public QObject
{
    Q_OBJECT
private:
    TestServer s;
    QByteArray admin;
    QString clusterA;
    QString d2; // department-2

    QString syncToken(const QString &clusterName)
    {
        const QByteArray token = s.clusterTokens.value(clusterName).toString().toLatin1();
        const HttpReply reply = s.request("POST",
                                          QStringLiteral("/api/v1/cluster-sync/register"),
                                          TestServer::toJson(
                                              QJsonObject {{"name", "x"},
                                                           {"domain", "https://gpu-a.example.com"},
                                                           {"version", "sim-1"},
                                                           {"platform",
                                                            QJsonObject {{"type", "simulated"},
                                                                         {"kubeVersion", "1.30"}}}}),
                                          token);
        return reply.json().value(QStringLiteral("syncToken")).toString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(s.start());
        admin = s.tokenFor(QStringLiteral("admin@demo.local"));
        clusterA = s.clusterId(QStringLiteral("cluster-a"));
        d2 = s.idByName(s.cp.store().departments, QStringLiteral("department-2"));
        QVERIFY(!clusterA.isEmpty() && !d2.isEmpty());
    }

    void tokenV1AcceptsEveryAppIdSpellingAndPassword()
    {
        HttpReply reply = s.post(QStringLiteral("/api/v1/token"),
                                 QJsonObject {{"grantType", "password"},
                                              {"username", "x@demo.local"},
                                              {"password", "gpudesk-demo"}},
                                 {});
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json().value("accessToken").toString().count(QLatin1Char('.')) == 2);
        QCOMPARE(reply.json().value("expiresIn").toInt(), 3600);
        const QString refresh = reply.json().value("refreshToken").toString();
        QVERIFY(!refresh.isEmpty());
        // Refresh works once (rotation), then the old refresh token is dead.
        reply = s.post(QStringLiteral("/api/v1/token"),
                       QJsonObject {{"grantType", "refresh_token"}, {"refreshToken", refresh}},
                       {});
        QCOMPARE(reply.status, 200);
        const QString rotated = reply.json().value("refreshToken").toString();
        reply = s.post(QStringLiteral("/api/v1/token"),
                       QJsonObject {{"grantType", "refresh_token"}, {"refreshToken", refresh}},
                       {});
        QCOMPARE(reply.status, 401);
        // A service account, then app_token/client_credentials with three spellings of appId.
        reply = s.post(QStringLiteral("/api/v1/service-accounts"),
                       QJsonObject {{"name", "ci-bot"}},
                       admin);
        QCOMPARE(reply.status, 201);
        const QString secret = reply.json().value("clientSecret").toString();
        const QString accountId = reply.json().value("id").toString();
        QVERIFY(!secret.isEmpty());
        for (const char *key : {"appId", "AppId", "appID"}) {
            reply = s.post(QStringLiteral("/api/v1/token"),
                           QJsonObject {{"grantType", "app_token"},
                                        {QLatin1String(key), "ci-bot"},
                                        {"appSecret", secret}},
                           {});
            QVERIFY2(reply.status == 200, key);
        }
        reply = s.post(QStringLiteral("/api/v1/token"),
                       QJsonObject {{"grantType", "client_credentials"},
                                    {"clientId", "ci-bot"},
                                    {"clientSecret", "wrong"}},
                       {});
        QCOMPARE(reply.status, 401);
        // The secret is shown once; GET never returns it. Regenerating invalidates the old one.
        QVERIFY(!s.get(QStringLiteral("/api/v1/service-accounts/") + accountId, admin)
                     .body.contains("secret"));
        reply = s.post(QStringLiteral("/api/v1/service-accounts/") + accountId
                           + QStringLiteral("/secret"),
                       QJsonObject {},
                       admin);
        QCOMPARE(reply.status, 200);
        reply = s.post(QStringLiteral("/api/v1/token"),
                       QJsonObject {{"grantType", "app_token"},
                                    {"appId", "ci-bot"},
                                    {"appSecret", secret}},
                       {});
        QCOMPARE(reply.status, 401);
        Q_UNUSED(rotated)
    }

    void tokenV2IsFormEncodedWithOAuthErrors()
    {
        HttpReply reply
            = s.request("POST",
                        QStringLiteral("/api/v2/token"),
                        "grant_type=password&username=y%40demo.local&password=gpudesk-demo",
                        {},
                        {},
                        "application/x-www-form-urlencoded");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value("token_type").toString(), QStringLiteral("Bearer"));
        QVERIFY(!reply.json().value("access_token").toString().isEmpty());
        reply = s.request("POST",
                          QStringLiteral("/api/v2/token"),
                          "grant_type=magic",
                          {},
                          {},
                          "application/x-www-form-urlencoded");
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value("error").toString(), QStringLiteral("unsupported_grant_type"));
        reply = s.request("POST",
                          QStringLiteral("/api/v2/token"),
                          "grant_type=password&username=y%40demo.local&password=nope",
                          {},
                          {},
                          "application/x-www-form-urlencoded");
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value("error").toString(), QStringLiteral("invalid_grant"));
    }

    void publicKeyVerifiesIssuedTokens()
    {
        const HttpReply reply = s.get(QStringLiteral("/api/v1/token/public-key"), {});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value("algorithm").toString(), QStringLiteral("ES256"));
        const auto verified
            = gpudesk::auth::verifyAccessToken(admin,
                                               reply.json().value("pem").toString().toLatin1());
        QVERIFY2(verified.ok(), qPrintable(verified.error));
        QCOMPARE(verified.claims->name, QStringLiteral("admin@demo.local"));
    }

    void missingOrBadTokenIs401()
    {
        QCOMPARE(s.get(QStringLiteral("/api/v1/org-unit/projects"), {}).status, 401);
        QCOMPARE(s.get(QStringLiteral("/api/v1/org-unit/projects"), "abc.def.ghi").status, 401);
    }

    void usersCreateResetLogoutDelete()
    {
        HttpReply reply = s.post(QStringLiteral("/api/v1/users"),
                                 QJsonObject {{"email", "new@demo.local"}},
                                 admin);
        QCOMPARE(reply.status, 201);
        const QString id = reply.json().value("id").toString();
        const QString temp = reply.json().value("tempPassword").toString();
        QCOMPARE(temp.size(), 16);
        QCOMPARE(s.post(QStringLiteral("/api/v1/users"),
                        QJsonObject {{"email", "new@demo.local"}},
                        admin)
                     .status,
                 409);
        QCOMPARE(s.post(QStringLiteral("/api/v1/users"),
                        QJsonObject {{"email", "not-an-email"}},
                        admin)
                     .status,
                 400);
        reply = s.get(QStringLiteral("/api/v1/users?filterBy=username=@new"), admin);
        QCOMPARE(reply.array().size(), 1);
        QVERIFY(!reply.body.contains("passwordHash"));
        QCOMPARE(s.get(QStringLiteral("/api/v1/users/count"), admin).json().value("count").toInt(),
                 10);
        // Sign in with the temporary password, then an admin logs the user out: the token stops working.
        reply = s.post(QStringLiteral("/api/v1/token"),
                       QJsonObject {{"grantType", "password"},
                                    {"username", "new@demo.local"},
                                    {"password", temp}},
                       {});
        QCOMPARE(reply.status, 200);
        const QByteArray token = reply.json().value("accessToken").toString().toLatin1();
        QCOMPARE(s.get(QStringLiteral("/api/v1/authorization/permissions"), token).status, 200);
        QTest::qWait(
            1100); // tokens issued in the same second as the logout would still count as "before"
        QCOMPARE(s.post(QStringLiteral("/api/v1/users/") + id + QStringLiteral("/logout"),
                        QJsonObject {},
                        admin)
                     .status,
                 200);
        QCOMPARE(s.get(QStringLiteral("/api/v1/authorization/permissions"), token).status, 401);
        reply = s.post(QStringLiteral("/api/v1/users/") + id + QStringLiteral("/password"),
                       QJsonObject {},
                       admin);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json().value("tempPassword").toString() != temp);
        QCOMPARE(s.request("DELETE", QStringLiteral("/api/v1/users/") + id, {}, admin).status, 204);
        QCOMPARE(s.get(QStringLiteral("/api/v1/users/") + id, admin).status, 404);
    }

    void failedLoginsAreThrottled()
    {
        int status = 0;
        for (int i = 0; i < 6; ++i)
            status = s.post(QStringLiteral("/api/v1/token"),
                            QJsonObject {{"grantType", "password"},
                                         {"username", "z@demo.local"},
                                         {"password", "wrong"}},
                            {})
                         .status;
        QCOMPARE(status, 429);
        // Even the right password waits while locked.
        QCOMPARE(s.post(QStringLiteral("/api/v1/token"),
                        QJsonObject {{"grantType", "password"},
                                     {"username", "z@demo.local"},
                                     {"password", "gpudesk-demo"}},
                        {})
                     .status,
                 429);
    }

    void projectsListPagingSortFilterSearch()
    {
        HttpReply reply = s.get(QStringLiteral(
                                    "/api/v1/org-unit/projects?sortBy=name&sortOrder=desc&limit=2"),
                                admin);
        QCOMPARE(reply.status, 200);
        QJsonArray projects = reply.json().value("projects").toArray();
        QCOMPARE(projects.size(), 2);
        QCOMPARE(projects.at(0).toObject().value("name").toString(), QStringLiteral("project-3a"));
        QCOMPARE(reply.json().value("next").toInt(), 2);
        reply
            = s.get(QStringLiteral(
                        "/api/v1/org-unit/projects?filterBy=parentName==department-2&sortBy=name"),
                    admin);
        projects = reply.json().value("projects").toArray();
        QCOMPARE(projects.size(), 2);
        QCOMPARE(projects.at(1).toObject().value("name").toString(), QStringLiteral("project-2b"));
        QCOMPARE(projects.at(1).toObject().value("requestedNamespace").toString(),
                 QStringLiteral("runai-project-2b"));
        reply = s.get(QStringLiteral("/api/v1/org-unit/projects?search=1-a"), admin);
        QCOMPARE(reply.json().value("projects").toArray().size(), 1);
        QCOMPARE(s.get(QStringLiteral("/api/v1/org-unit/projects/count"), admin)
                     .json()
                     .value("count")
                     .toInt(),
                 4);
        QCOMPARE(s.get(QStringLiteral("/api/v1/org-unit/projects?sortBy=password"), admin).status,
                 400);
        QCOMPARE(s.get(QStringLiteral("/api/v1/org-unit/projects?limit=501"), admin).status, 400);
        QCOMPARE(s.get(QStringLiteral("/api/v1/org-unit/projects?filterBy=name~x"), admin).status,
                 400);
    }

    void projectValidation_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("messagePart");
        const QByteArray parent = "\"parentId\":\"" + d2.toLatin1() + "\"";
        QTest::newRow("bad name") << QByteArray("{\"name\":\"Bad_Name\"," + parent + "}") << 400
                                  << "not a valid project name";
        QTest::newRow("digit first") << QByteArray("{\"name\":\"1abc\"," + parent + "}") << 400
                                     << "not a valid project name";
        QTest::newRow("unknown field")
            << QByteArray("{\"name\":\"p-x\",\"colour\":\"red\"," + parent + "}") << 400
            << "Unknown field: colour";
        QTest::newRow("wrong type")
            << QByteArray("{\"name\":7," + parent + "}") << 400 << "'name' must be a string";
        QTest::newRow("malformed") << QByteArray("{\"name\":") << 400 << "JSON object";
        QTest::newRow("no parent")
            << QByteArray("{\"name\":\"p-x\"}") << 400 << "'parentId' is required";
        QTest::newRow("negative quota") << QByteArray(
            "{\"name\":\"p-x\"," + parent
            + ",\"resources\":[{\"nodePool\":{\"name\":\"pool-a\"},\"gpu\":{\"deserved\":-2}}]}")
                                        << 400 << "cannot be negative";
        QTest::newRow("unknown pool") << QByteArray(
            "{\"name\":\"p-x\"," + parent
            + ",\"resources\":[{\"nodePool\":{\"name\":\"pool-z\"},\"gpu\":{\"deserved\":1}}]}")
                                      << 400 << "no node pool 'pool-z'";
        QTest::newRow("quota not number") << QByteArray(
            "{\"name\":\"p-x\"," + parent
            + ",\"resources\":[{\"nodePool\":{\"name\":\"pool-a\"},\"gpu\":{\"deserved\":\"2\"}}]}")
                                          << 400 << "must be a number";
        QTest::newRow("duplicate") << QByteArray("{\"name\":\"project-2a\"," + parent + "}") << 409
                                   << "already has a project";
    }
    void projectValidation()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, messagePart);
        const HttpReply reply = s.request("POST",
                                          QStringLiteral("/api/v1/org-unit/projects"),
                                          body,
                                          admin);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.json().value("code").toInt(), status);
        QVERIFY2(reply.json().value("message").toString().contains(messagePart),
                 reply.body.constData());
    }

    void departmentShortfallIsAcceptedWithWarning()
    {
        // department-2 has 8 GPUs in pool-a, its projects 4 + 4; a new project with 3 makes it 11.
        const QJsonObject body {{"name", "project-2c"},
                                {"parentId", d2},
                                {"resources",
                                 QJsonArray {
                                     QJsonObject {{"nodePool", QJsonObject {{"name", "pool-a"}}},
                                                  {"gpu", QJsonObject {{"deserved", 3}}}}}}};
        const HttpReply reply = s.post(QStringLiteral("/api/v1/org-unit/projects"), body, admin);
        QCOMPARE(reply.status, 201);
        const QString warning = reply.json().value("warnings").toArray().first().toString();
        QVERIFY2(warning.contains(QStringLiteral("'department-2'"))
                     && warning.contains(QStringLiteral("'pool-a'"))
                     && warning.contains(QStringLiteral("shortfall of 3")),
                 qPrintable(warning));
        QVERIFY(reply.header("Warning").startsWith("299"));
        QCOMPARE(reply.json().value("status").toObject().value("namespace").toString(),
                 QStringLiteral("runai-project-2c"));
        const QString id = reply.json().value("id").toString();
        QCOMPARE(s.request("DELETE", QStringLiteral("/api/v1/org-unit/projects/") + id, {}, admin)
                     .status,
                 202);
    }

    void ifMatchConflictReturnsCurrentObject()
    {
        const QString id = s.idByName(s.cp.store().projects, QStringLiteral("project-1a"));
        const QString path = QStringLiteral("/api/v1/org-unit/projects/") + id;
        const QJsonObject current = s.get(path, admin).json();
        const QString version = current.value("resourceVersion").toString();
        QVERIFY(!version.isEmpty());
        HttpReply reply = s.put(path,
                                QJsonObject {{"description", "first"}},
                                admin,
                                {{"If-Match", version.toLatin1()}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value("resourceVersion").toString(),
                 QString::number(version.toInt() + 1));
        // The second admin still holds the old version: 409 with the current object, nothing overwritten.
        reply = s.put(path,
                      QJsonObject {{"description", "second"}},
                      admin,
                      {{"If-Match", version.toLatin1()}});
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.json()
                     .value("details")
                     .toObject()
                     .value("current")
                     .toObject()
                     .value("description")
                     .toString(),
                 QStringLiteral("first"));
        // Without If-Match, last write wins (Run:ai behaviour).
        QCOMPARE(s.put(path, QJsonObject {{"description", "third"}}, admin).status, 200);
        QCOMPARE(s.put(path, QJsonObject {{"name", "renamed"}}, admin).status, 400);
    }

    void departmentsNodePoolsAndClusters()
    {
        HttpReply reply = s.post(QStringLiteral("/api/v1/org-unit/departments"),
                                 QJsonObject {{"name", "department-9"}, {"clusterId", clusterA}},
                                 admin);
        QCOMPARE(reply.status, 201);
        const QString id = reply.json().value("id").toString();
        QCOMPARE(reply.json().value("resources").toArray().size(),
                 3); // default, pool-a, pool-b with 0 quota
        QCOMPARE(s.get(QStringLiteral(
                           "/api/v1/org-unit/departments?filterBy=name=^department-&sortBy=name"),
                       admin)
                     .json()
                     .value("departments")
                     .toArray()
                     .size(),
                 4);
        QCOMPARE(s.request("DELETE", QStringLiteral("/api/v1/org-unit/departments/") + d2, {}, admin)
                     .status,
                 409); // has projects
        QCOMPARE(s.request("DELETE", QStringLiteral("/api/v1/org-unit/departments/") + id, {}, admin)
                     .status,
                 204);
        // Node pools: default always exists and cannot be deleted; new pools join every org unit.
        reply = s.get(QStringLiteral("/api/v1/node-pools?filterBy=clusterId==") + clusterA
                          + QStringLiteral(",name==default"),
                      admin);
        const QString defaultPool
            = reply.json().value("nodepools").toArray().first().toObject().value("id").toString();
        QCOMPARE(s.request("DELETE", QStringLiteral("/api/v1/node-pools/") + defaultPool, {}, admin)
                     .status,
                 400);
        reply = s.post(QStringLiteral("/api/v1/node-pools"),
                       QJsonObject {{"name", "pool-c"},
                                    {"clusterId", clusterA},
                                    {"labelKey", "k"},
                                    {"labelValue", "v"}},
                       admin);
        QCOMPARE(reply.status, 201);
        const QJsonObject project = s.get(QStringLiteral("/api/v1/org-unit/projects/")
                                              + s.idByName(s.cp.store().projects,
                                                           QStringLiteral("project-1a")),
                                          admin)
                                        .json();
        QVERIFY(QJsonDocument(project.value("resources").toArray()).toJson().contains("pool-c"));
        QCOMPARE(s.request("DELETE",
                           QStringLiteral("/api/v1/node-pools/")
                               + reply.json().value("id").toString(),
                           {},
                           admin)
                     .status,
                 202);
        // Clusters: create → install info with a one-time token; bad names and URLs are 400.
        reply = s.post(QStringLiteral("/api/v1/clusters"),
                       QJsonObject {{"name", "cluster-c"}, {"domain", "https://c.example.com"}},
                       admin);
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.json().value("status").toObject().value("state").toString(),
                 QStringLiteral("WaitingToConnect"));
        const QString uuid = reply.json().value("uuid").toString();
        reply = s.get(QStringLiteral("/api/v1/clusters/") + uuid
                          + QStringLiteral("/cluster-install-info"),
                      admin);
        QVERIFY(reply.json().value("clusterToken").toString().startsWith(QStringLiteral("gdct_")));
        QCOMPARE(s.post(QStringLiteral("/api/v1/clusters"),
                        QJsonObject {{"name", "Cluster C"}},
                        admin)
                     .status,
                 400);
        QCOMPARE(s.post(QStringLiteral("/api/v1/clusters"),
                        QJsonObject {{"name", "cluster-d"}, {"domain", "not a url"}},
                        admin)
                     .status,
                 400);
        QCOMPARE(s.get(QStringLiteral("/api/v1/clusters"), admin).array().size(), 3);
        QCOMPARE(s.request("DELETE", QStringLiteral("/api/v1/clusters/") + uuid, {}, admin).status,
                 204);
    }

    void clusterNetworkCidrs()
    {
        const QString path = QStringLiteral("/api/v1/clusters/") + clusterA
                             + QStringLiteral("/network-security");
        HttpReply reply = s.put(path,
                                QJsonObject {{"ingressCidrs",
                                              QJsonArray {"10.0.0.0/8", "192.168.1.0/24"}},
                                             {"egressCidrs", QJsonArray {"fd00::/8"}}},
                                admin);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value("ingressCidrs").toArray().size(), 2);
        reply = s.put(path,
                      QJsonObject {{"ingressCidrs", QJsonArray {"10.0.0.0/8", "10.0.0.300/8"}},
                                   {"egressCidrs", QJsonArray()}},
                      admin);
        QCOMPARE(reply.status, 400);
        QVERIFY2(reply.json().value("message").toString().contains(
                     QStringLiteral("'10.0.0.300/8'")),
                 reply.body.constData());
        reply = s.put(path,
                      QJsonObject {{"ingressCidrs", QJsonArray {"10.0.0.1"}},
                                   {"egressCidrs", QJsonArray()}},
                      admin);
        QCOMPARE(reply.status, 400);
        reply = s.put(path,
                      QJsonObject {{"ingressCidrs", QJsonArray()},
                                   {"egressCidrs", QJsonArray {"0.0.0.0/0"}}},
                      admin);
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json().value("message").toString().contains(
            QStringLiteral("acknowledgeOpenToInternet")));
        reply = s.put(path,
                      QJsonObject {{"ingressCidrs", QJsonArray()},
                                   {"egressCidrs", QJsonArray {"0.0.0.0/0"}},
                                   {"acknowledgeOpenToInternet", true}},
                      admin);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json()
                    .value("warnings")
                    .toArray()
                    .first()
                    .toString()
                    .contains(QStringLiteral("0.0.0.0/0")));
        QCOMPARE(s.get(path, admin).json().value("egressCidrs").toArray().first().toString(),
                 QStringLiteral("0.0.0.0/0"));
    }

    void rolesAndAccessRules()
    {
        HttpReply reply = s.get(QStringLiteral("/api/v1/authorization/roles"), admin);
        QStringList names;
        for (const QJsonValue &role : reply.array())
            names.append(role.toObject().value("name").toString());
        for (const char *expected : {"System Administrator",
                                     "Application Administrator",
                                     "Department Administrator",
                                     "NVIDIA Cloud Operator",
                                     "NVIDIA Cloud Support",
                                     "L1 Researcher",
                                     "L2 Researcher",
                                     "Research Manager",
                                     "ML Engineer",
                                     "Editor",
                                     "Viewer"})
            QVERIFY2(names.contains(QLatin1String(expected)), expected);
        reply = s.post(QStringLiteral("/api/v1/authorization/roles"),
                       QJsonObject {{"name", "Node watcher"},
                                    {"permissions",
                                     QJsonArray {QJsonObject {{"resourceType", "nodes"},
                                                              {"actions", QJsonArray {"read"}}}}}},
                       admin);
        QCOMPARE(reply.status, 201);
        const int roleId = reply.json().value("id").toInt();
        QVERIFY(roleId >= 100);
        QCOMPARE(s.post(QStringLiteral("/api/v1/authorization/roles"),
                        QJsonObject {{"name", "Bad"},
                                     {"permissions",
                                      QJsonArray {QJsonObject {{"resourceType", "nodes"},
                                                               {"actions", QJsonArray {"fly"}}}}}},
                        admin)
                     .status,
                 400);
        QCOMPARE(s.put(QStringLiteral("/api/v1/authorization/roles/1"),
                       QJsonObject {{"name", "x"}, {"permissions", QJsonArray()}},
                       admin)
                     .status,
                 400);
        // Grant the custom role to z on cluster-a; z now sees cluster-a's nodes scope but not users.
        reply = s.post(QStringLiteral("/api/v1/authorization/access-rules"),
                       QJsonObject {{"subjectId", "z@demo.local"},
                                    {"subjectType", "user"},
                                    {"roleId", roleId},
                                    {"scopeType", "cluster"},
                                    {"scopeId", clusterA}},
                       admin);
        QCOMPARE(reply.status, 201);
        const int ruleId = reply.json().value("id").toInt();
        QCOMPARE(s.post(QStringLiteral("/api/v1/authorization/access-rules"),
                        QJsonObject {{"subjectId", "z@demo.local"},
                                     {"subjectType", "user"},
                                     {"roleId", roleId},
                                     {"scopeType", "cluster"},
                                     {"scopeId", clusterA}},
                        admin)
                     .status,
                 409);
        const QByteArray z = s.tokenFor(QStringLiteral("z@demo.local"));
        reply = s.get(QStringLiteral("/api/v1/authorization/me/access-rules"), z);
        QCOMPARE(reply.json().value("accessRules").toObject().value("totalRecords").toInt(), 3);
        reply = s.post(QStringLiteral("/api/v1/authorization/permitted-scopes"),
                       QJsonObject {{"resourceType", "nodes"}, {"action", "read"}},
                       z);
        QVERIFY(
            reply.json().value("read").toObject().value("clusters").toArray().contains(clusterA));
        QCOMPARE(s.get(QStringLiteral("/api/v1/authorization/access-rules?subjectType=user&roleId=")
                           + QString::number(roleId),
                       admin)
                     .json()
                     .value("totalRecords")
                     .toInt(),
                 1);
        QCOMPARE(s.get(QStringLiteral("/api/v1/authorization/access-rules/")
                           + QString::number(ruleId),
                       admin)
                     .json()
                     .value("scopePath")
                     .toString(),
                 QStringLiteral("demo/cluster-a"));
        QCOMPARE(s.request("DELETE",
                           QStringLiteral("/api/v1/authorization/roles/") + QString::number(roleId),
                           {},
                           admin)
                     .status,
                 409); // in use
        reply = s.post(QStringLiteral("/api/v1/authorization/access-rules/batch"),
                       QJsonObject {{"ids", QJsonArray {ruleId, 99999}}, {"action", "delete"}},
                       admin);
        QCOMPARE(reply.json().value("succeeded").toArray().size(), 1);
        QCOMPARE(reply.json().value("failed").toArray().first().toObject().value("code").toInt(),
                 404);
        QCOMPARE(s.request("DELETE",
                           QStringLiteral("/api/v1/authorization/roles/") + QString::number(roleId),
                           {},
                           admin)
                     .status,
                 204);
        // No privilege escalation: a department admin cannot hand out Application Administrator.
        const QByteArray deptAdmin = s.tokenFor(QStringLiteral("dept-admin@demo.local"));
        const QString d1 = s.idByName(s.cp.store().departments, QStringLiteral("department-1"));
        reply = s.post(QStringLiteral("/api/v1/authorization/access-rules"),
                       QJsonObject {{"subjectId", "x@demo.local"},
                                    {"subjectType", "user"},
                                    {"roleId", 2},
                                    {"scopeType", "department"},
                                    {"scopeId", d1}},
                       deptAdmin);
        QCOMPARE(reply.status, 403);
        reply = s.post(QStringLiteral("/api/v1/authorization/access-rules/batch-create"),
                       QJsonObject {
                           {"payload",
                            QJsonObject {{"roleId", 11},
                                         {"subjects",
                                          QJsonArray {QJsonObject {{"subjectId", "x@demo.local"},
                                                                   {"subjectType", "user"}}}},
                                         {"scopes",
                                          QJsonArray {QJsonObject {{"scopeId", d1},
                                                                   {"scopeType", "department"}},
                                                      QJsonObject {{"scopeId", d2},
                                                                   {"scopeType", "department"}}}}}}},
                       deptAdmin);
        QCOMPARE(reply.json().value("succeeded").toArray().size(), 1); // department-1 only
        QCOMPARE(reply.json().value("failed").toArray().first().toObject().value("code").toInt(),
                 403);
    }

    void syncSubmissionsAndWorkloads()
    {
        // Register with the one-time token; a second register with it is 401.
        const QString sync = syncToken(QStringLiteral("cluster-a"));
        QVERIFY(sync.startsWith(QStringLiteral("gdst_")));
        QCOMPARE(s.request("POST",
                           QStringLiteral("/api/v1/cluster-sync/register"),
                           "{}",
                           s.clusterTokens.value("cluster-a").toString().toLatin1())
                     .status,
                 401);
        QCOMPARE(s.get(QStringLiteral("/api/v1/clusters/") + clusterA, admin)
                     .json()
                     .value("status")
                     .toObject()
                     .value("state")
                     .toString(),
                 QStringLiteral("Connected"));
        QCOMPARE(s.get(QStringLiteral("/api/v1/clusters/") + clusterA, admin)
                     .json()
                     .value("domain")
                     .toString(),
                 QStringLiteral("https://gpu-a.example.com"));
        // x submits a training in project-1a through the control plane: 202, queued.
        const QByteArray x = s.tokenFor(QStringLiteral("x@demo.local"));
        const QString p1a = s.idByName(s.cp.store().projects, QStringLiteral("project-1a"));
        const QString p3a = s.idByName(s.cp.store().projects, QStringLiteral("project-3a"));
        HttpReply reply = s.post(QStringLiteral("/api/v1/workloads/trainings"),
                                 QJsonObject {{"name", "train-1"},
                                              {"projectId", p1a},
                                              {"clusterId", clusterA},
                                              {"spec",
                                               QJsonObject {{"image", "pytorch:24"},
                                                            {"compute",
                                                             QJsonObject {
                                                                 {"gpuDevicesRequest", 2}}}}}},
                                 x);
        QCOMPARE(reply.status, 202);
        const QString workloadId = reply.json().value("workloadId").toString();
        QCOMPARE(s.post(QStringLiteral("/api/v1/workloads/trainings"),
                        QJsonObject {{"name", "train-1"},
                                     {"projectId", p1a},
                                     {"clusterId", clusterA}},
                        x)
                     .status,
                 409);
        QCOMPARE(s.post(QStringLiteral("/api/v1/workloads/trainings"),
                        QJsonObject {{"name", "t"}, {"projectId", p3a}, {"clusterId", clusterA}},
                        x)
                     .status,
                 403);
        reply = s.get(QStringLiteral("/api/v1/cluster-sync/desired-state"), sync.toLatin1());
        QCOMPARE(reply.status, 200);
        const QJsonArray submissions = reply.json().value("submissions").toArray();
        QCOMPARE(submissions.size(), 1);
        QCOMPARE(submissions.first().toObject().value("workloadId").toString(), workloadId);
        QCOMPARE(submissions.first()
                     .toObject()
                     .value("body")
                     .toObject()
                     .value("spec")
                     .toObject()
                     .value("image")
                     .toString(),
                 QStringLiteral("pytorch:24"));
        QCOMPARE(reply.json().value("projects").toArray().size(), 3); // cluster-a's projects only
        QVERIFY(reply.json().value("roles").toArray().size() >= 11);
        QCOMPARE(s.get(QStringLiteral("/api/v1/cluster-sync/desired-state"), "gdst_wrong").status,
                 401);
        // The cluster acks and pushes state: the workload runs, plus 30 more for paging.
        QJsonArray workloads {QJsonObject {{"id", workloadId},
                                           {"name", "train-1"},
                                           {"type", "Training"},
                                           {"projectId", p1a},
                                           {"phase", "Running"},
                                           {"createdAt", "2026-01-01T00:00:00.000Z"},
                                           {"submittedBy", "x@demo.local"}}};
        for (int i = 0; i < 30; ++i)
            workloads.append(
                QJsonObject {{"id", QStringLiteral("w-%1").arg(i)},
                             {"name", QStringLiteral("job-%1").arg(i, 2, 10, QLatin1Char('0'))},
                             {"type", "Training"},
                             {"projectName", i % 2 ? "project-1a" : "project-2a"},
                             {"phase", i % 3 ? "Running" : "Pending"},
                             {"createdAt",
                              QStringLiteral("2026-02-%1T00:00:00.000Z")
                                  .arg(i % 28 + 1, 2, 10, QLatin1Char('0'))}});
        const QJsonObject
            push {{"ackedSubmissionIds", QJsonArray {submissions.first().toObject().value("id")}},
                  {"nodes",
                   QJsonArray {
                       QJsonObject {{"name", "node-1"},
                                    {"status", "Ready"},
                                    {"nodePool", "pool-a"},
                                    {"gpuInfo", QJsonObject {{"gpuType", "H100"}, {"gpuCount", 8}}},
                                    {"allocatedGpus", 2}}}},
                  {"nodePools",
                   QJsonArray {QJsonObject {{"name", "pool-a"},
                                            {"nodes", 1},
                                            {"gpus", 8},
                                            {"allocatedGpus", 2},
                                            {"phase", "Ready"}}}},
                  {"workloads", workloads},
                  {"pods",
                   QJsonArray {QJsonObject {{"id", "pod-1"},
                                            {"name", "train-1-0"},
                                            {"workloadId", workloadId},
                                            {"k8sPhase", "Running"},
                                            {"createdAt", "2026-01-01T00:00:01Z"}}}},
                  {"events",
                   QJsonArray {QJsonObject {{"id", "e1"},
                                            {"workloadId", workloadId},
                                            {"createdAt", "2026-01-01T00:00:02Z"},
                                            {"type", "Normal"},
                                            {"reason", "Scheduled"},
                                            {"message", "placed on node-1"}}}},
                  {"metrics",
                   QJsonObject {{"timestamp", "2026-01-01T00:01:00Z"},
                                {"workloads",
                                 QJsonArray {QJsonObject {{"id", workloadId},
                                                          {"gpuUtilization", 87.5}}}}}}};
        QCOMPARE(s.post(QStringLiteral("/api/v1/cluster-sync/state"), push, sync.toLatin1()).status,
                 200);
        QCOMPARE(s.get(QStringLiteral("/api/v1/cluster-sync/desired-state"), sync.toLatin1())
                     .json()
                     .value("submissions")
                     .toArray()
                     .size(),
                 0);
        QCOMPARE(s.request("POST",
                           QStringLiteral("/api/v1/cluster-sync/state"),
                           "{\"nodes\":5}",
                           sync.toLatin1())
                     .status,
                 400);
        // Lists: paging, sort, filter and RBAC (x sees 1-a and 2-b only, so not the 2-a jobs).
        reply = s.get(QStringLiteral("/api/v1/workloads?limit=10&sortBy=createdAt&sortOrder=desc"),
                      admin);
        QCOMPARE(reply.json().value("workloads").toArray().size(), 10);
        QCOMPARE(reply.json().value("next").toInt(), 10);
        QCOMPARE(s.get(QStringLiteral("/api/v1/workloads/count"), admin).json().value("count").toInt(),
                 31);
        QCOMPARE(s.get(QStringLiteral("/api/v1/workloads/count?filterBy=phase==Pending"), admin)
                     .json()
                     .value("count")
                     .toInt(),
                 10);
        QCOMPARE(s.get(QStringLiteral("/api/v1/workloads/count"), x).json().value("count").toInt(),
                 16);
        reply = s.get(QStringLiteral(
                          "/api/v1/workloads?filterBy=projectName==project-2a&limit=500"),
                      x);
        QCOMPARE(reply.json().value("workloads").toArray().size(), 0);
        reply = s.get(QStringLiteral("/api/v1/workloads/") + workloadId, x);
        QCOMPARE(reply.json().value("phase").toString(), QStringLiteral("Running"));
        QCOMPARE(reply.json().value("departmentName").toString(), QStringLiteral("department-1"));
        QCOMPARE(reply.json().value("source").toString(), QStringLiteral("Control-plane"));
        QCOMPARE(s.get(QStringLiteral("/api/v1/workloads/w-0"), x).status, 403); // project-2a
        QCOMPARE(s.get(QStringLiteral("/api/v1/workloads/") + workloadId + QStringLiteral("/pods"),
                       x)
                     .json()
                     .value("pods")
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(s.get(QStringLiteral("/api/v1/workloads/") + workloadId + QStringLiteral("/events"),
                       x)
                     .json()
                     .value("events")
                     .toArray()
                     .size(),
                 1);
        QVERIFY(
            s.get(QStringLiteral("/api/v1/workloads/") + workloadId + QStringLiteral("/history"), x)
                .json()
                .value("records")
                .toArray()
                .size()
            >= 1);
        reply = s.get(QStringLiteral("/api/v1/workloads/") + workloadId
                          + QStringLiteral("/metrics?metricType=GPU_UTILIZATION"),
                      x);
        QCOMPARE(reply.json()
                     .value("measurements")
                     .toArray()
                     .first()
                     .toObject()
                     .value("values")
                     .toArray()
                     .first()
                     .toObject()
                     .value("value")
                     .toString(),
                 QStringLiteral("87.5"));
        reply
            = s.get(QStringLiteral(
                        "/api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT&groupBy=Phase"),
                    admin);
        QCOMPARE(reply.json().value("values").toArray().size(), 2);
        QCOMPARE(s.get(QStringLiteral("/api/v1/nodes?filterBy=gpuType==H100"), admin)
                     .json()
                     .value("nodes")
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(s.get(QStringLiteral("/api/v1/nodes/telemetry?telemetryType=FREE_GPUS"), admin)
                     .json()
                     .value("values")
                     .toArray()
                     .first()
                     .toObject()
                     .value("value")
                     .toString(),
                 QStringLiteral("6"));
        // Suspend is queued for the cluster.
        QCOMPARE(s.post(QStringLiteral("/api/v1/workloads/trainings/") + workloadId
                            + QStringLiteral("/suspend"),
                        QJsonObject {},
                        x)
                     .status,
                 202);
        const QJsonArray queued = s.get(QStringLiteral("/api/v1/cluster-sync/desired-state"),
                                        sync.toLatin1())
                                      .json()
                                      .value("submissions")
                                      .toArray();
        QCOMPARE(queued.first().toObject().value("action").toString(), QStringLiteral("suspend"));
        // Removed workloads are kept, marked deleted, and listed with deleted=true.
        QCOMPARE(s.post(QStringLiteral("/api/v1/cluster-sync/state"),
                        QJsonObject {{"removedWorkloadIds", QJsonArray {"w-1"}}},
                        sync.toLatin1())
                     .status,
                 200);
        QCOMPARE(s.get(QStringLiteral("/api/v1/workloads/count?deleted=true"), admin)
                     .json()
                     .value("count")
                     .toInt(),
                 1);
    }

    void auditLogRecordsMutationsSignInsAndDownloads()
    {
        HttpReply reply
            = s.get(QStringLiteral(
                        "/api/v1/audit/log?numberOfSamples=1000&filterBy=action==sign-in"),
                    admin);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json().value("total").toInt() >= 3);
        const QJsonObject entry = reply.json().value("audit_logs").toArray().first().toObject();
        for (const char *key : {"subject",
                                "subject_type",
                                "source_ip",
                                "entity_type",
                                "result",
                                "http_status_code",
                                "timestamp"})
            QVERIFY2(entry.contains(QLatin1String(key)), key);
        QCOMPARE(entry.value("source_ip").toString(), QStringLiteral("127.0.0.1"));
        reply = s.get(QStringLiteral("/api/v1/audit/"
                                     "log?filterBy=entity_type==project,action==create,result=="
                                     "Succeeded&numberOfSamples=1000"),
                      admin);
        QVERIFY(reply.json().value("total").toInt() >= 1);
        reply = s.get(QStringLiteral(
                          "/api/v1/audit/log?filterBy=result==Failed&numberOfSamples=1000"),
                      admin);
        QVERIFY(reply.json().value("total").toInt() >= 5); // the validation failures above
        QVERIFY(!reply.body.contains("gpudesk-demo"));     // no password ever lands in the log
        const int total
            = s.get(QStringLiteral("/api/v1/audit/log"), admin).json().value("total").toInt();
        QVERIFY(total > 20);
        reply = s.get(QStringLiteral("/api/v1/audit/log/file?file_type=CSV"), admin);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.header("Content-Type").startsWith("text/csv"));
        QCOMPARE(reply.body.count('\n'),
                 total + 1 + 0); // header + every row, no cap (the GET itself is not audited)
        reply = s.get(QStringLiteral("/api/v1/audit/log/file?file_type=JSON"), admin);
        QCOMPARE(reply.array().size(), total);
        QCOMPARE(s.get(QStringLiteral("/api/v1/audit/log/file?file_type=XML"), admin).status, 400);
        QCOMPARE(s.get(QStringLiteral("/api/v1/audit/log?start=yesterday"), admin).status, 400);
        // Sign-out is recorded with its subject.
        const QByteArray y = s.tokenFor(QStringLiteral("y@demo.local"));
        QCOMPARE(s.post(QStringLiteral("/api/v1/me/logout"), QJsonObject {}, y).status, 200);
        reply = s.get(QStringLiteral(
                          "/api/v1/audit/log?filterBy=action==sign-out,subject==y@demo.local"),
                      admin);
        QCOMPARE(reply.json().value("total").toInt(), 1);
    }

    void securitySettings()
    {
        QCOMPARE(s.put(QStringLiteral("/api/v1/security/settings/browserSessionTimeout"),
                       QJsonObject {{"idleTimeout", 1800}},
                       admin)
                     .status,
                 200);
        QCOMPARE(s.get(QStringLiteral("/api/v1/security/settings"), admin)
                     .json()
                     .value("browserSessionTimeout")
                     .toObject()
                     .value("idleTimeout")
                     .toInt(),
                 1800);
        QCOMPARE(s.put(QStringLiteral("/api/v1/security/settings/browserSessionTimeout"),
                       QJsonObject {{"idleTimeout", 5}},
                       admin)
                     .status,
                 400);
        QCOMPARE(s.put(QStringLiteral("/api/v1/security/settings/logoutRedirectUri"),
                       QJsonObject {{"uri", "http://plain"}},
                       admin)
                     .status,
                 400);
        QCOMPARE(s.get(QStringLiteral("/api/v1/security/settings/nope"), admin).status, 404);
        QCOMPARE(s.put(QStringLiteral("/api/v1/security/settings/browserSessionTimeout"),
                       QJsonObject {{"idleTimeout", 1800}},
                       s.tokenFor(QStringLiteral("support@demo.local")))
                     .status,
                 403);
    }

    void hugeBodyIs413()
    {
        // A raw socket: QNetworkAccessManager reports an early reply during an upload as an error.
        const QByteArray big(9 * 1024 * 1024, 'a');
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, s.server->port());
        QVERIFY(socket.waitForConnected(2000));
        socket.write("POST /api/v1/org-unit/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                     + admin + "\r\nContent-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(big.size()) + "\r\n\r\n" + big);
        QByteArray reply;
        QEventLoop loop;
        connect(&socket, &QTcpSocket::readyRead, &loop, [&] { reply += socket.readAll(); });
        connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        loop.exec();
        reply += socket.readAll();
        QVERIFY2(reply.startsWith("HTTP/1.1 413"), reply.left(200).constData());
        QVERIFY(reply.contains("the limit is 8388608 bytes"));
    }
};

QTEST_GUILESS_MAIN(TestApi)
#include "tst_cp_api.moc"
