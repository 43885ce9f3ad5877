// Roles, custom roles, access rules (single and batch, no privilege escalation), permitted scopes and
// security settings over real HTTP on loopback with a real SQLite database.
#include "testserver.h"

#include <QTest>

class TestAccess : public DemoApiTest
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(startDemo()); }

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
};

QTEST_GUILESS_MAIN(TestAccess)
#include "tst_cp_access.moc"
