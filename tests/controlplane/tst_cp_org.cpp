// Org units over real HTTP on loopback with a real SQLite database: projects (paging, sort, filter,
// search, validation), department quota shortfall warnings, If-Match conflicts, departments, node
// pools, clusters, network CIDRs and the body size limit.
#include "testserver.h"

#include <QTcpSocket>
#include <QTest>

class TestOrg : public DemoApiTest
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(startDemo()); }

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

QTEST_GUILESS_MAIN(TestOrg)
#include "tst_cp_org.moc"
