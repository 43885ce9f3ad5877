// End to end, real processes on loopback (syncfixture.h): workloads submitted to a simulated cluster
// or queued at the control plane run, stream logs, suspend and resume, gang-schedule and reclaim
// quota, and every phase reaches the control plane through cluster-sync.
#include "syncfixture.h"

using namespace e2e;

class TestClusterSync : public ClusterSyncFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startAll(); }

    void trainingRunsStreamsLogsAndCompletes()
    {
        const QString id = submit(m_aUrl,
                                  m_x,
                                  QStringLiteral("trainings"),
                                  QStringLiteral("e2e-train"),
                                  QStringLiteral("project-1a"),
                                  trainingSpec(8, QStringLiteral("4m"), {QStringLiteral("pool-a")}));
        QVERIFY(!id.isEmpty());
        const Reply pods = call("GET",
                                m_aUrl + QStringLiteral("/api/v1/workloads/%1/pods").arg(id),
                                m_x);
        QCOMPARE(pods.status, 200);
        const QString podId = pods.object.value(QStringLiteral("pods"))
                                  .toArray()
                                  .first()
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toString();
        QVERIFY(!podId.isEmpty());

        // follow the log while it runs
        QNetworkAccessManager network;
        QNetworkRequest request(
            QUrl(m_aUrl
                 + QStringLiteral("/api/v1/workloads/%1/pods/%2/logs?follow=true&timestamps=true")
                       .arg(id, podId)));
        request.setRawHeader("Authorization", "Bearer " + m_x);
        QNetworkReply *logReply = network.get(request);
        QByteArray log;
        int chunks = 0;
        connect(logReply, &QNetworkReply::readyRead, this, [&] {
            log += logReply->readAll();
            ++chunks;
        });

        QStringList phases;
        QVERIFY(waitFor(
            [&] {
                const QString phase = cpPhase(id);
                if (!phase.isEmpty() && (phases.isEmpty() || phases.last() != phase))
                    phases.append(phase);
                return phase == QLatin1String("Completed");
            },
            60000));
        QCOMPARE(phases,
                 (QStringList {QStringLiteral("Creating"),
                               QStringLiteral("Pending"),
                               QStringLiteral("Initializing"),
                               QStringLiteral("Running"),
                               QStringLiteral("Completed")}));
        QVERIFY(waitFor([&] { return logReply->isFinished(); }, 10000));
        QCOMPARE(logReply->error(), QNetworkReply::NoError);
        log += logReply->readAll();
        QVERIFY2(chunks >= 2, "the log arrived in pieces while the training ran");
        QVERIFY(log.contains("simulated container e2e-train"));
        QVERIFY(log.contains("step ") && log.contains("loss"));
        QVERIFY(log.contains("Saved checkpoint"));
        QVERIFY(log.trimmed().endsWith(".pt") && log.contains("Training finished"));
        QVERIFY(log.startsWith("20")); // timestamps=true prefixes ISO times
        // tail after the fact
        const Reply tail
            = call("GET",
                   m_aUrl
                       + QStringLiteral("/api/v1/workloads/%1/pods/%2/logs?tail=1").arg(id, podId),
                   m_x);
        QCOMPARE(tail.status, 200);
        QCOMPARE(tail.raw.count('\n'), 1);
        QVERIFY(tail.raw.contains("Training finished"));
        // the control plane kept every phase in the workload's history
        const Reply history = call("GET",
                                   m_cpUrl + QStringLiteral("/api/v1/workloads/%1/history").arg(id),
                                   m_admin);
        QSet<QString> recorded;
        for (const auto &v : history.object.value(QStringLiteral("records")).toArray())
            recorded.insert(v.toObject()
                                .value(QStringLiteral("spec"))
                                .toObject()
                                .value(QStringLiteral("phaseUpdate"))
                                .toObject()
                                .value(QStringLiteral("phase"))
                                .toString());
        for (const char *phase : {"Pending", "Initializing", "Running", "Completed"})
            QVERIFY2(recorded.contains(QLatin1String(phase)), phase);
    }

    void suspendAndResume()
    {
        const QString id = submit(m_aUrl,
                                  m_x,
                                  QStringLiteral("trainings"),
                                  QStringLiteral("e2e-pause"),
                                  QStringLiteral("project-2b"),
                                  trainingSpec(1, QStringLiteral("5h"), {QStringLiteral("pool-b")}));
        QVERIFY(waitFor([&] { return cpPhase(id) == QLatin1String("Running"); }, 20000));
        QCOMPARE(call("POST",
                      m_aUrl + QStringLiteral("/api/v1/workloads/trainings/%1/suspend").arg(id),
                      m_x)
                     .status,
                 202);
        QVERIFY(waitFor([&] { return cpPhase(id) == QLatin1String("Stopped"); }, 10000));
        QCOMPARE(cpWorkload(id)
                     .value(QStringLiteral("allocatedResources"))
                     .toObject()
                     .value(QStringLiteral("gpu"))
                     .toDouble(),
                 0.0);
        QCOMPARE(call("POST",
                      m_aUrl + QStringLiteral("/api/v1/workloads/trainings/%1/resume").arg(id),
                      m_x)
                     .status,
                 202);
        QVERIFY(waitFor([&] { return cpPhase(id) == QLatin1String("Running"); }, 20000));
        QCOMPARE(call("DELETE",
                      m_aUrl + QStringLiteral("/api/v1/workloads/trainings/%1").arg(id),
                      m_x)
                     .status,
                 202);
        QVERIFY(waitFor([&] { return cpPhase(id) == QLatin1String("Deleted"); }, 10000));
    }

    void distributedIsAllOrNothing()
    {
        auto spec = [this](int workers) {
            QJsonObject s = trainingSpec(8, QStringLiteral("2h"));
            s.insert(QStringLiteral("numWorkers"), workers);
            s.insert(QStringLiteral("distributedFramework"), QStringLiteral("PyTorch"));
            return s;
        };
        // 4 pods x 8 GPUs cannot fit on cluster-b's 3 nodes: nothing of it may start
        const QString big = submit(m_bUrl,
                                   m_z,
                                   QStringLiteral("distributed"),
                                   QStringLiteral("e2e-gang-big"),
                                   QStringLiteral("project-3a"),
                                   spec(3));
        QVERIFY(waitFor(
            [&] {
                const QJsonArray messages
                    = cpWorkload(big).value(QStringLiteral("pendingSchedulingMessages")).toArray();
                return !messages.isEmpty()
                       && !messages.first()
                               .toObject()
                               .value(QStringLiteral("userMessage"))
                               .toString()
                               .isEmpty();
            },
            15000));
        QCOMPARE(cpPhase(big), QStringLiteral("Pending"));
        for (const auto &v :
             call("GET", m_bUrl + QStringLiteral("/api/v1/workloads/%1/pods").arg(big), m_z)
                 .object.value(QStringLiteral("pods"))
                 .toArray())
            QVERIFY2(v.toObject().value(QStringLiteral("nodeName")).isNull(),
                     "no pod of a gang is placed alone");
        // 3 pods x 8 GPUs fit exactly: all start together, one per node
        const QString fits = submit(m_bUrl,
                                    m_z,
                                    QStringLiteral("distributed"),
                                    QStringLiteral("e2e-gang-fits"),
                                    QStringLiteral("project-3a"),
                                    spec(2));
        QCOMPARE(call("DELETE",
                      m_bUrl + QStringLiteral("/api/v1/workloads/distributed/%1").arg(big),
                      m_z)
                     .status,
                 202);
        QVERIFY(waitFor([&] { return cpPhase(fits) == QLatin1String("Running"); }, 20000));
        QSet<QString> nodes;
        for (const auto &v :
             call("GET", m_bUrl + QStringLiteral("/api/v1/workloads/%1/pods").arg(fits), m_z)
                 .object.value(QStringLiteral("pods"))
                 .toArray())
            nodes.insert(v.toObject().value(QStringLiteral("nodeName")).toString());
        QCOMPARE(nodes.size(), 3);
        QVERIFY(!nodes.contains(QString()));
        // NCCL initialisation shows in a distributed pod's log
        const QString podId = call("GET",
                                   m_bUrl + QStringLiteral("/api/v1/workloads/%1/pods").arg(fits),
                                   m_z)
                                  .object.value(QStringLiteral("pods"))
                                  .toArray()
                                  .at(1)
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toString();
        const Reply log
            = call("GET",
                   m_bUrl + QStringLiteral("/api/v1/workloads/%1/pods/%2/logs").arg(fits, podId),
                   m_z);
        QCOMPARE(log.status, 200);
        QVERIFY(log.raw.contains("NCCL INFO") && log.raw.contains("Init COMPLETE"));
    }

    void inQuotaJobReclaimsFromOverQuotaProject()
    {
        // project-2b (4 GPUs of quota in pool-a) borrows all 16 GPUs of pool-a
        const QString b1 = submit(m_aUrl,
                                  m_admin,
                                  QStringLiteral("trainings"),
                                  QStringLiteral("e2e-borrow-1"),
                                  QStringLiteral("project-2b"),
                                  trainingSpec(8,
                                               QStringLiteral("10h"),
                                               {QStringLiteral("pool-a")}));
        const QString b2 = submit(m_aUrl,
                                  m_admin,
                                  QStringLiteral("trainings"),
                                  QStringLiteral("e2e-borrow-2"),
                                  QStringLiteral("project-2b"),
                                  trainingSpec(8,
                                               QStringLiteral("10h"),
                                               {QStringLiteral("pool-a")}));
        QVERIFY(waitFor(
            [&] {
                return cpPhase(b1) == QLatin1String("Running")
                       && cpPhase(b2) == QLatin1String("Running");
            },
            20000));
        // project-1a is entitled to its quota: it takes GPUs back
        const QString r = submit(m_aUrl,
                                 m_x,
                                 QStringLiteral("trainings"),
                                 QStringLiteral("e2e-reclaimer"),
                                 QStringLiteral("project-1a"),
                                 trainingSpec(6, QStringLiteral("10h"), {QStringLiteral("pool-a")}));
        QVERIFY(waitFor([&] { return cpPhase(r) == QLatin1String("Running"); }, 30000));
        const QString victim = cpPhase(b1) == QLatin1String("Pending") ? b1 : b2;
        QCOMPARE(cpPhase(victim), QStringLiteral("Pending"));
        QVERIFY(cpPhase(victim == b1 ? b2 : b1) == QLatin1String("Running"));
        // the event (synced to the control plane) names who took the GPUs and whose they were
        QVERIFY(waitFor(
            [&] {
                const Reply events
                    = call("GET",
                           m_cpUrl + QStringLiteral("/api/v1/workloads/%1/events").arg(victim),
                           m_admin);
                for (const auto &v : events.object.value(QStringLiteral("events")).toArray()) {
                    const QString message = v.toObject().value(QStringLiteral("message")).toString();
                    if (v.toObject().value(QStringLiteral("reason")).toString()
                            == QLatin1String("Evict")
                        && message.contains(QStringLiteral("e2e-reclaimer"))
                        && message.contains(QStringLiteral("project-1a"))
                        && message.contains(QStringLiteral("project-2b")))
                        return true;
                }
                return false;
            },
            10000));
    }

    void submissionQueuedAtTheControlPlaneIsPulled()
    {
        // the control plane never calls the cluster: the cluster pulls the queued submission and action
        const Reply r = call("POST",
                             m_cpUrl + QStringLiteral("/api/v1/workloads/trainings"),
                             m_x,
                             QJsonObject {{QStringLiteral("name"), QStringLiteral("e2e-queued")},
                                          {QStringLiteral("useGivenNameAsPrefix"), true},
                                          {QStringLiteral("projectId"),
                                           m_projects.value(QStringLiteral("project-2b"))},
                                          {QStringLiteral("clusterId"),
                                           m_clusters.value(QStringLiteral("cluster-a"))},
                                          {QStringLiteral("spec"),
                                           trainingSpec(1,
                                                        QStringLiteral("5h"),
                                                        {QStringLiteral("pool-b")})}});
        QCOMPARE(r.status, 202);
        const QString id = r.object.value(QStringLiteral("workloadId")).toString();
        QVERIFY(!id.isEmpty());
        QVERIFY(waitFor([&] { return cpPhase(id) == QLatin1String("Running"); }, 20000));
        const QJsonObject onCluster
            = call("GET", m_aUrl + QStringLiteral("/api/v1/workloads/") + id, m_x).object;
        QCOMPARE(onCluster.value(QStringLiteral("name")).toString(),
                 cpWorkload(id).value(QStringLiteral("name")).toString());
        QCOMPARE(onCluster.value(QStringLiteral("submittedBy")).toString(),
                 QStringLiteral("x@demo.local"));
        QCOMPARE(call("POST",
                      m_cpUrl + QStringLiteral("/api/v1/workloads/trainings/%1/suspend").arg(id),
                      m_x)
                     .status,
                 202);
        QVERIFY(waitFor([&] { return cpPhase(id) == QLatin1String("Stopped"); }, 15000));
    }

    void cleanupTestCase() { stopAll(); }
};

QTEST_GUILESS_MAIN(TestClusterSync)
#include "tst_clustersync.moc"
