// The control plane on PostgreSQL (QPSQL): a throwaway cluster (pgcluster.h), the storage layer's
// migrations and documents on it, then gpudesk-server --db postgresql://… over real HTTP: seed, org
// units, If-Match conflicts, access rules, the audit log, and a restart that keeps everything.
#include "pgcluster.h"
#include "storage/database.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

class TestPostgresql : public QObject
{
    Q_OBJECT
private:
    PgCluster pg;
    QProcess server;
    QString url;
    QByteArray admin;
    QNetworkAccessManager network;
    // Created by the tests below and checked again after the restart.
    QString departmentId, projectId, projectVersion, ruleId;

    static QString serverPath()
    {
        return QDir(qEnvironmentVariable("GPUDESK_BUILD_DIR"))
            .filePath(QStringLiteral("controlplane/gpudesk-server"));
    }

    // Starts gpudesk-server on the cluster's "gpudesk" database; returns an error message or empty.
    QString startServer()
    {
        server.setProcessChannelMode(QProcess::SeparateChannels);
        server.start(serverPath(),
                     {QStringLiteral("controlplane"),
                      QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--db"),
                      pg.url(QStringLiteral("gpudesk")),
                      QStringLiteral("--seed"),
                      QStringLiteral("demo")});
        if (!server.waitForStarted(5000))
            return QStringLiteral("gpudesk-server did not start");
        QByteArray line;
        for (int i = 0; i < 300 && !line.contains('\n'); ++i) {
            if (server.state() != QProcess::Running)
                break;
            server.waitForReadyRead(100);
            line += server.readAllStandardOutput();
        }
        const QByteArray prefix = "control plane listening on ";
        if (!line.startsWith(prefix))
            return QStringLiteral("no listening line: %1 / %2")
                .arg(QString::fromUtf8(line), QString::fromUtf8(server.readAllStandardError()));
        url = QString::fromLatin1(line.mid(prefix.size()).trimmed());
        return QString();
    }

    void stopServer()
    {
        if (server.state() == QProcess::NotRunning)
            return;
        server.terminate();
        if (!server.waitForFinished(10000)) {
            server.kill();
            server.waitForFinished(5000);
        }
    }

    Reply call(const QByteArray &method,
               const QString &path,
               const QJsonObject &body = {},
               const QByteArray &ifMatch = {})
    {
        QNetworkRequest request(QUrl(url + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        if (!admin.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + admin);
        if (!ifMatch.isEmpty())
            request.setRawHeader("If-Match", ifMatch);
        const QByteArray data = method == "GET" || method == "DELETE"
                                    ? QByteArray()
                                    : QJsonDocument(body).toJson(QJsonDocument::Compact);
        QNetworkReply *reply = network.sendCustomRequest(request, method, data);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        Reply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        reply->deleteLater();
        return out;
    }

    QByteArray login()
    {
        const QByteArray saved = admin;
        admin.clear();
        const Reply reply = call("POST",
                                 QStringLiteral("/api/v1/token"),
                                 QJsonObject {{"grantType", "password"},
                                              {"username", "admin@demo.local"},
                                              {"password", "gpudesk-demo"}});
        admin = saved;
        return reply.json().value("accessToken").toString().toLatin1();
    }

    // A second connection straight to the database, to look at what the server wrote.
    QSqlDatabase rawConnection(const QString &database)
    {
        QSqlDatabase db = QSqlDatabase::contains(database)
                              ? QSqlDatabase::database(database)
                              : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), database);
        db.setHostName(pg.socketFolder());
        db.setPort(PgCluster::port());
        db.setUserName(QStringLiteral("postgres"));
        db.setDatabaseName(database);
        db.open();
        return db;
    }

    int countRows(const QString &database, const QString &sql)
    {
        QSqlQuery query(rawConnection(database));
        if (!query.exec(sql) || !query.next())
            return -1;
        return query.value(0).toInt();
    }

private slots:
    void initTestCase()
    {
        const QString error = pg.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        qInfo("PostgreSQL under test: %s", qPrintable(pg.version()));
        QVERIFY2(pg.createDatabase(QStringLiteral("gpudesk")).isEmpty(), "createdb gpudesk");
        QVERIFY2(pg.createDatabase(QStringLiteral("storage")).isEmpty(), "createdb storage");
    }

    void storageMigratesOnceAndKeepsDocuments()
    {
        const QString spec = pg.url(QStringLiteral("storage"));
        {
            gpudesk::storage::Database db;
            QCOMPARE(db.open(spec), QString());
            QVERIFY(db.isPostgres());
            QCOMPARE(db.schemaVersion(), 1);
            // Quotes, backslashes, non-ASCII and a large body go through the placeholders unharmed.
            const QByteArray body = QStringLiteral("{\"name\":\"it\u2019s \\\"quoted\\\" \\\\ "
                                                   "\u00fcn\u00efc\u00f8d\u00e9 \u2713 ' ;--\"}")
                                        .toUtf8();
            const QByteArray big = "{\"blob\":\"" + QByteArray(300000, 'x') + "\"}";
            QVERIFY(db.transaction());
            QVERIFY2(db.upsert(QStringLiteral("project"), QStringLiteral("1"), body),
                     qPrintable(db.lastError()));
            QVERIFY(db.upsert(QStringLiteral("project"), QStringLiteral("2"), big));
            QVERIFY(db.upsert(QStringLiteral("user"), QStringLiteral("1"), "{}"));
            QVERIFY(db.commit());
            // Upsert replaces (ON CONFLICT … DO UPDATE), it does not add a second row.
            QVERIFY(db.upsert(QStringLiteral("project"), QStringLiteral("2"), "{\"v\":2}"));
            QVERIFY(db.remove(QStringLiteral("user"), QStringLiteral("1")));
            auto rows = db.loadAll(QStringLiteral("project"));
            std::sort(rows.begin(), rows.end());
            QCOMPARE(rows.size(), 2);
            QCOMPARE(rows.at(0).second, body);
            QCOMPARE(rows.at(1).second, QByteArray("{\"v\":2}"));
            QVERIFY(db.loadAll(QStringLiteral("user")).isEmpty());
        }
        // Opening again runs no migration a second time and still sees the documents.
        gpudesk::storage::Database again;
        QCOMPARE(again.open(spec), QString());
        QCOMPARE(again.schemaVersion(), 1);
        QCOMPARE(again.loadAll(QStringLiteral("project")).size(), 2);
        again.close();
        QCOMPARE(countRows(QStringLiteral("storage"),
                           QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
                 1);
        // A database from a newer server is refused with a message, not damaged.
        QSqlQuery insert(rawConnection(QStringLiteral("storage")));
        QVERIFY2(insert.exec(QStringLiteral("INSERT INTO schema_migrations (version) VALUES (99)")),
                 qPrintable(insert.lastError().text()));
        gpudesk::storage::Database newer;
        QVERIFY(newer.open(spec).contains(QLatin1String("newer gpudesk-server")));
        newer.close();
        QVERIFY(insert.exec(QStringLiteral("DELETE FROM schema_migrations WHERE version = 99")));
    }

    void badDatabaseSpecsGiveClearErrors_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing database name")
            << QStringLiteral("postgresql://postgres@localhost:5432/") << QStringLiteral("URL");
        QTest::newRow("database does not exist")
            << QStringLiteral("nosuchdb") << QStringLiteral("cannot open the database");
    }

    void badDatabaseSpecsGiveClearErrors()
    {
        QFETCH(QString, spec);
        QFETCH(QString, expected);
        if (spec == QLatin1String("nosuchdb"))
            spec = pg.url(spec);
        gpudesk::storage::Database db;
        const QString error = db.open(spec);
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void serverMigratesAndSeedsOnPostgres()
    {
        QVERIFY(QFile::exists(serverPath()));
        const QString error = startServer();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        admin = login();
        QVERIFY(!admin.isEmpty());
        // The schema and the seeded documents are in PostgreSQL itself.
        QCOMPARE(countRows(QStringLiteral("gpudesk"),
                           QStringLiteral("SELECT MAX(version) FROM schema_migrations")),
                 1);
        QVERIFY(countRows(QStringLiteral("gpudesk"),
                          QStringLiteral("SELECT COUNT(*) FROM documents WHERE kind = 'project'"))
                >= 4);
        const Reply projects = call("GET", QStringLiteral("/api/v1/org-unit/projects"));
        QCOMPARE(projects.status, 200);
        QStringList names;
        for (const QJsonValue &project : projects.json().value("projects").toArray())
            names.append(project.toObject().value("name").toString());
        QVERIFY2(names.contains(QStringLiteral("project-1a"))
                     && names.contains(QStringLiteral("project-3a")),
                 qPrintable(names.join(QLatin1Char(','))));
    }

    void departmentsAndProjects()
    {
        QString clusterId;
        const QJsonArray clusters
            = QJsonDocument::fromJson(call("GET", QStringLiteral("/api/v1/clusters")).body).array();
        for (const QJsonValue &cluster : clusters)
            if (cluster.toObject().value("name").toString() == QLatin1String("cluster-a"))
                clusterId = cluster.toObject().value("uuid").toString();
        QVERIFY(!clusterId.isEmpty());
        Reply reply = call("POST",
                           QStringLiteral("/api/v1/org-unit/departments"),
                           QJsonObject {{"name", "pg-research"}, {"clusterId", clusterId}});
        QCOMPARE(reply.status, 201);
        departmentId = reply.json().value("id").toString();
        reply = call("POST",
                     QStringLiteral("/api/v1/org-unit/projects"),
                     QJsonObject {{"name", "pg-vision"},
                                  {"parentId", departmentId},
                                  {"description", "trains on PostgreSQL"}});
        QCOMPARE(reply.status, 201);
        projectId = reply.json().value("id").toString();
        QCOMPARE(reply.json().value("status").toObject().value("namespace").toString(),
                 QStringLiteral("runai-pg-vision"));
        // A duplicate name is refused; a bad name is a 400 in words.
        QCOMPARE(call("POST",
                      QStringLiteral("/api/v1/org-unit/projects"),
                      QJsonObject {{"name", "pg-vision"}, {"parentId", departmentId}})
                     .status,
                 409);
        QCOMPARE(call("POST",
                      QStringLiteral("/api/v1/org-unit/projects"),
                      QJsonObject {{"name", "Bad Name"}, {"parentId", departmentId}})
                     .status,
                 400);
        reply = call("GET",
                     QStringLiteral("/api/v1/org-unit/projects?filterBy=parentId==") + departmentId);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value("projects").toArray().size(), 1);
        QCOMPARE(call("GET", QStringLiteral("/api/v1/org-unit/projects/count"))
                     .json()
                     .value("count")
                     .toInt(),
                 countRows(QStringLiteral("gpudesk"),
                           QStringLiteral(
                               "SELECT COUNT(*) FROM documents WHERE kind = 'project'")));
        reply = call("GET", QStringLiteral("/api/v1/org-unit/departments/") + departmentId);
        QCOMPARE(reply.json().value("children").toArray().size(), 1);
    }

    void ifMatchConflictOnPostgres()
    {
        const QString path = QStringLiteral("/api/v1/org-unit/projects/") + projectId;
        const QString version = call("GET", path).json().value("resourceVersion").toString();
        QVERIFY(!version.isEmpty());
        Reply reply = call("PUT", path, QJsonObject {{"description", "first"}}, version.toLatin1());
        QCOMPARE(reply.status, 200);
        projectVersion = reply.json().value("resourceVersion").toString();
        QCOMPARE(projectVersion, QString::number(version.toInt() + 1));
        reply = call("PUT", path, QJsonObject {{"description", "second"}}, version.toLatin1());
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.json()
                     .value("details")
                     .toObject()
                     .value("current")
                     .toObject()
                     .value("description")
                     .toString(),
                 QStringLiteral("first"));
        QCOMPARE(call("GET", path).json().value("description").toString(), QStringLiteral("first"));
    }

    void accessRulesOnPostgres()
    {
        Reply reply = call("POST",
                           QStringLiteral("/api/v1/authorization/access-rules"),
                           QJsonObject {{"subjectId", "x@demo.local"},
                                        {"subjectType", "user"},
                                        {"roleId", 11},
                                        {"scopeType", "project"},
                                        {"scopeId", projectId}});
        QCOMPARE(reply.status, 201);
        ruleId = QString::number(reply.json().value("id").toInt());
        QCOMPARE(call("POST",
                      QStringLiteral("/api/v1/authorization/access-rules"),
                      QJsonObject {{"subjectId", "x@demo.local"},
                                   {"subjectType", "user"},
                                   {"roleId", 11},
                                   {"scopeType", "project"},
                                   {"scopeId", projectId}})
                     .status,
                 409);
        reply = call("GET", QStringLiteral("/api/v1/authorization/access-rules/") + ruleId);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value("scopeId").toString(), projectId);
    }

    void auditLogOnPostgres()
    {
        const Reply reply
            = call("GET",
                   QStringLiteral(
                       "/api/v1/audit/log?numberOfSamples=1000&filterBy=entity_type==project,"
                       "action==create,result==Succeeded"));
        QCOMPARE(reply.status, 200);
        QStringList names;
        for (const QJsonValue &entry : reply.json().value("audit_logs").toArray())
            names.append(entry.toObject().value("entity_name").toString());
        QVERIFY2(names.contains(QStringLiteral("pg-vision")), qPrintable(names.join(',')));
        QVERIFY(countRows(QStringLiteral("gpudesk"),
                          QStringLiteral("SELECT COUNT(*) FROM documents WHERE kind = 'audit'"))
                >= 5);
    }

    void restartKeepsEverything()
    {
        stopServer();
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        const QString error = startServer(); // --seed demo again: seeds only an empty tenant
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // Tokens signed before the restart still verify: the signing key lives in the database.
        Reply reply = call("GET", QStringLiteral("/api/v1/org-unit/projects/") + projectId);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value("name").toString(), QStringLiteral("pg-vision"));
        QCOMPARE(reply.json().value("description").toString(), QStringLiteral("first"));
        QCOMPARE(reply.json().value("resourceVersion").toString(), projectVersion);
        QCOMPARE(call("GET", QStringLiteral("/api/v1/authorization/access-rules/") + ruleId).status,
                 200);
        QCOMPARE(call("GET", QStringLiteral("/api/v1/org-unit/projects?filterBy=name==project-1a"))
                     .json()
                     .value("projects")
                     .toArray()
                     .size(),
                 1); // the seed did not run twice
        admin = login();
        QVERIFY(!admin.isEmpty());
        // New ids continue after the old ones (counters persisted), no collision.
        reply = call("POST",
                     QStringLiteral("/api/v1/org-unit/projects"),
                     QJsonObject {{"name", "pg-after-restart"}, {"parentId", departmentId}});
        QCOMPARE(reply.status, 201);
        QVERIFY(reply.json().value("id").toString().toInt() > projectId.toInt());
    }

    void cleanupTestCase()
    {
        stopServer();
        for (const QString &name : QSqlDatabase::connectionNames())
            QSqlDatabase::removeDatabase(name);
        pg.stop();
    }
};

QTEST_GUILESS_MAIN(TestPostgresql)
#include "tst_cp_postgresql.moc"
