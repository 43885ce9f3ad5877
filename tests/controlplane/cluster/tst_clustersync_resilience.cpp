// End to end, real processes on loopback (syncfixture.h): a restarted cluster keeps its workloads and
// keeps syncing, researchers are refused outside their projects, bad requests get clear errors, and a
// stopped cluster turns Disconnected while the control plane's metadata keeps working.
#include "syncfixture.h"

using namespace e2e;

class TestClusterSyncResilience : public ClusterSyncFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startAll(); }

    // Long-running workloads on both clusters (and one that completes) for the tests below.
    void workloadsRunOnBothClusters()
    {
        struct Job
        {
            const char *name;
            QByteArray token;
            const char *project;
            int gpus;
            const char *duration;
            const char *pool;
            const char *phase;
        };
        const QList<Job> onA {{"e2e-keep-1", m_x, "project-1a", 1, "10h", "pool-a", "Running"},
                              {"e2e-keep-2", m_x, "project-2b", 1, "10h", "pool-b", "Running"},
                              {"e2e-keep-3", m_admin, "project-2a", 1, "10h", "pool-b", "Running"},
                              {"e2e-done", m_x, "project-1a", 1, "1m", "pool-a", "Completed"}};
        QHash<QString, QString> expected; // id → phase
        for (const Job &job : onA) {
            const QString id = submit(m_aUrl,
                                      job.token,
                                      QStringLiteral("trainings"),
                                      QLatin1String(job.name),
                                      QLatin1String(job.project),
                                      trainingSpec(job.gpus,
                                                   QLatin1String(job.duration),
                                                   {QLatin1String(job.pool)}));
            QVERIFY2(!id.isEmpty(), job.name);
            expected.insert(id, QLatin1String(job.phase));
        }
        const QString onB = submit(m_bUrl,
                                   m_z,
                                   QStringLiteral("trainings"),
                                   QStringLiteral("e2e-keep-b"),
                                   QStringLiteral("project-3a"),
                                   trainingSpec(8, QStringLiteral("10h")));
        QVERIFY(!onB.isEmpty());
        expected.insert(onB, QStringLiteral("Running"));
        QVERIFY(waitFor(
            [&] {
                for (auto it = expected.constBegin(); it != expected.constEnd(); ++it)
                    if (cpPhase(it.key()) != it.value())
                        return false;
                return true;
            },
            30000));
    }

    void restartedClusterKeepsItsWorkloads()
    {
        const Reply before = call("GET",
                                  m_aUrl + QStringLiteral("/api/v1/workloads?limit=500"),
                                  m_admin);
        QHash<QString, QString> phases;
        for (const auto &v : before.object.value(QStringLiteral("workloads")).toArray())
            phases.insert(v.toObject().value(QStringLiteral("id")).toString(),
                          v.toObject().value(QStringLiteral("phase")).toString());
        QVERIFY(phases.size() >= 4);
        QVERIFY2(m_a.stop(), "SIGTERM stops the cluster cleanly");
        // same URL, same state file, no cluster token: it resumes with its stored registration
        m_aUrl = m_a.start(clusterArgs(QStringLiteral("cluster-a"),
                                       clusterANodes,
                                       QStringLiteral("127.0.0.1:%1").arg(m_aPort),
                                       QByteArray()),
                           QStringLiteral("cluster cluster-a listening on "));
        QVERIFY(!m_aUrl.isEmpty());
        const Reply after = call("GET",
                                 m_aUrl + QStringLiteral("/api/v1/workloads?limit=500"),
                                 m_admin);
        QCOMPARE(after.status, 200);
        QHash<QString, QString> again;
        for (const auto &v : after.object.value(QStringLiteral("workloads")).toArray())
            again.insert(v.toObject().value(QStringLiteral("id")).toString(),
                         v.toObject().value(QStringLiteral("phase")).toString());
        QCOMPARE(again.keys().size(), phases.keys().size());
        for (auto it = phases.begin(); it != phases.end(); ++it)
            if (it.value() == QLatin1String("Running") || it.value() == QLatin1String("Completed"))
                QCOMPARE(again.value(it.key()), it.value());
        // and it keeps syncing
        QTest::qWait(2000);
        const Reply clusters = call("GET", m_cpUrl + QStringLiteral("/api/v1/clusters"), m_admin);
        for (const auto &v : clusters.array)
            if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("cluster-a"))
                QCOMPARE(v.toObject()
                             .value(QStringLiteral("status"))
                             .toObject()
                             .value(QStringLiteral("state"))
                             .toString(),
                         QStringLiteral("Connected"));
    }

    void researcherOutsideTheirProjectsIsRefused()
    {
        int status = 0;
        submit(m_aUrl,
               m_x,
               QStringLiteral("trainings"),
               QStringLiteral("e2e-denied"),
               QStringLiteral("project-2a"),
               trainingSpec(1, QStringLiteral("5m")),
               &status);
        QCOMPARE(status, 403);
        const Reply r = call("POST",
                             m_aUrl + QStringLiteral("/api/v1/workloads/trainings"),
                             m_x,
                             QJsonObject {{QStringLiteral("name"), QStringLiteral("e2e-denied")},
                                          {QStringLiteral("projectId"),
                                           m_projects.value(QStringLiteral("project-2a"))},
                                          {QStringLiteral("spec"),
                                           trainingSpec(1, QStringLiteral("5m"))}});
        QCOMPARE(r.object.value(QStringLiteral("code")).toInt(), 403);
        const QString message = r.object.value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(QStringLiteral("x@demo.local"))
                     && message.contains(QStringLiteral("project-2a")),
                 qPrintable(message));
        // no token, or a forged one
        QCOMPARE(call("GET", m_aUrl + QStringLiteral("/api/v1/workloads")).status, 401);
        QCOMPARE(call("GET", m_aUrl + QStringLiteral("/api/v1/workloads"), m_x + "x").status, 401);
        // x sees only the workloads of projects granted to them
        for (const auto &v : call("GET", m_aUrl + QStringLiteral("/api/v1/workloads?limit=500"), m_x)
                                 .object.value(QStringLiteral("workloads"))
                                 .toArray()) {
            const QString project = v.toObject().value(QStringLiteral("projectName")).toString();
            QVERIFY2(project == QLatin1String("project-1a")
                         || project == QLatin1String("project-2b"),
                     qPrintable(project));
        }
    }

    void badRequestsGetClearErrors()
    {
        const QString base = m_aUrl + QStringLiteral("/api/v1/workloads");
        QNetworkAccessManager network;
        QNetworkRequest request {QUrl(base + QStringLiteral("/trainings"))};
        request.setRawHeader("Authorization", "Bearer " + m_x);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = network.post(request, QByteArray("{not json"));
        QVERIFY(waitFor([&] { return reply->isFinished(); }, 5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        const QJsonObject error = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(error.value(QStringLiteral("code")).toInt(), 400);
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        delete reply;

        const Reply unknown = call("GET", base + QStringLiteral("/no-such-id"), m_x);
        QCOMPARE(unknown.status, 404);
        QVERIFY(unknown.object.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("no-such-id")));
        const Reply badSpec = call("POST",
                                   base + QStringLiteral("/trainings"),
                                   m_x,
                                   QJsonObject {{QStringLiteral("name"), QStringLiteral("e2e-bad")},
                                                {QStringLiteral("projectId"),
                                                 m_projects.value(QStringLiteral("project-1a"))},
                                                {QStringLiteral("spec"),
                                                 trainingSpec(12, QStringLiteral("5m"))}});
        QCOMPARE(badSpec.status, 400);
        QVERIFY(badSpec.object.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("gpuDevicesRequest")));

        // logs of a running pod, asked for wrongly
        QString running;
        for (const auto &v : call("GET", base + QStringLiteral("?limit=500"), m_x)
                                 .object.value(QStringLiteral("workloads"))
                                 .toArray())
            if (v.toObject().value(QStringLiteral("phase")).toString() == QLatin1String("Running"))
                running = v.toObject().value(QStringLiteral("id")).toString();
        QVERIFY(!running.isEmpty());
        const QString podId = call("GET", base + QStringLiteral("/%1/pods").arg(running), m_x)
                                  .object.value(QStringLiteral("pods"))
                                  .toArray()
                                  .first()
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toString();
        const QString logs = base + QStringLiteral("/%1/pods/%2/logs").arg(running, podId);
        QCOMPARE(call("GET", logs + QStringLiteral("?tail=abc"), m_x).status, 400);
        const Reply container = call("GET", logs + QStringLiteral("?container=sidecar"), m_x);
        QCOMPARE(container.status, 400);
        QVERIFY(container.object.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("sidecar")));
        QCOMPARE(call("GET", base + QStringLiteral("/%1/pods/not-a-pod/logs").arg(running), m_x)
                     .status,
                 404);
        const Reply tail = call("GET", logs + QStringLiteral("?tail=3"), m_x);
        QCOMPARE(tail.status, 200);
        QCOMPARE(tail.raw.count('\n'), 3);
    }

    void stoppedClusterTurnsDisconnectedWhileMetadataWorks()
    {
        QVERIFY(m_b.stop());
        QVERIFY(waitFor(
            [this] {
                for (const auto &v :
                     call("GET", m_cpUrl + QStringLiteral("/api/v1/clusters"), m_admin).array)
                    if (v.toObject().value(QStringLiteral("name")).toString()
                        == QLatin1String("cluster-b"))
                        return v.toObject()
                                   .value(QStringLiteral("status"))
                                   .toObject()
                                   .value(QStringLiteral("state"))
                                   .toString()
                               == QLatin1String("Disconnected");
                return false;
            },
            45000));
        QCOMPARE(call("GET", m_cpUrl + QStringLiteral("/api/v1/org-unit/departments"), m_admin)
                     .status,
                 200);
        QCOMPARE(call("GET", m_cpUrl + QStringLiteral("/api/v1/org-unit/projects"), m_admin).status,
                 200);
        // its workloads keep their last synced state
        const Reply list = call("GET",
                                m_cpUrl + QStringLiteral("/api/v1/workloads?limit=500"),
                                m_admin);
        int fromB = 0;
        for (const auto &v : list.object.value(QStringLiteral("workloads")).toArray())
            fromB += v.toObject().value(QStringLiteral("clusterId")).toString()
                         == m_clusters.value(QStringLiteral("cluster-b"))
                     && v.toObject().value(QStringLiteral("phase")).toString()
                            == QLatin1String("Running");
        QVERIFY(fromB >= 1);
    }

    void cleanupTestCase() { stopAll(); }
};

QTEST_GUILESS_MAIN(TestClusterSyncResilience)
#include "tst_clustersync_resilience.moc"
