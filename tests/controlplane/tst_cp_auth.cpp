// Tokens (v1 JSON, v2 form-encoded OAuth2), the public key, users, login throttling and the audit log,
// over real HTTP on loopback with a real SQLite database.
#include "testserver.h"

#include <QTest>

class TestAuth : public DemoApiTest
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(startDemo()); }

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

    void auditLogRecordsMutationsSignInsAndDownloads()
    {
        // The tests above signed in, failed to sign in and changed users; one project creation too.
        QCOMPARE(s.post(QStringLiteral("/api/v1/org-unit/projects"),
                        QJsonObject {{"name", "audited"},
                                     {"parentId",
                                      s.idByName(s.cp.store().departments,
                                                 QStringLiteral("department-1"))}},
                        admin)
                     .status,
                 201);
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
};

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_cp_auth.moc"
