// End to end, real processes on loopback: a control plane (--seed demo) and two simulated clusters
// that register outbound with their one-time tokens, sync every cycle, and serve their own API.
#include "e2ehelpers.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>

using namespace e2e;

namespace {

const QString clusterANodes = QStringLiteral("pool-a:2x8xH100,pool-b:2x8xH100");
const QString clusterBNodes = QStringLiteral("default:3x8xH100");

} // namespace

class TestClusterSync : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ServerProcess m_cp, m_a, m_b;
    QString m_cpUrl, m_aUrl, m_bUrl;
    quint16 m_aPort = 0;
    QByteArray m_admin, m_x, m_z;
    QHash<QString, QString> m_projects; // name → id
    QHash<QString, QString> m_clusters; // name → id

    QStringList clusterArgs(const QString &name,
                            const QString &nodes,
                            const QString &listen,
                            const QByteArray &token)
    {
        QStringList args {QStringLiteral("cluster"),
                          QStringLiteral("--name"),
                          name,
                          QStringLiteral("--control-plane"),
                          m_cpUrl,
                          QStringLiteral("--listen"),
                          listen,
                          QStringLiteral("--nodes"),
                          nodes,
                          QStringLiteral("--state"),
                          m_dir.filePath(name + QStringLiteral(".sqlite")),
                          QStringLiteral("--time-scale"),
                          QStringLiteral("60"),
                          QStringLiteral("--cycle-ms"),
                          QStringLiteral("500")};
        if (!token.isEmpty())
            args << QStringLiteral("--cluster-token") << QString::fromUtf8(token);
        return args;
    }

    QJsonObject cpWorkload(const QString &id)
    {
        return call("GET", m_cpUrl + QStringLiteral("/api/v1/workloads/") + id, m_admin).object;
    }
    QString cpPhase(const QString &id)
    {
        return cpWorkload(id).value(QStringLiteral("phase")).toString();
    }

    QString submit(const QString &clusterUrl,
                   const QByteArray &token,
                   const QString &type,
                   const QString &name,
                   const QString &project,
                   const QJsonObject &spec,
                   int *status = nullptr)
    {
        const Reply r = call("POST",
                             clusterUrl + QStringLiteral("/api/v1/workloads/") + type,
                             token,
                             QJsonObject {{QStringLiteral("name"), name},
                                          {QStringLiteral("projectId"), m_projects.value(project)},
                                          {QStringLiteral("spec"), spec}});
        if (status)
            *status = r.status;
        if (r.status != 202)
            qWarning() << "submit" << name << r.status << r.raw;
        return r.object.value(QStringLiteral("workloadId")).toString();
    }

    QJsonObject trainingSpec(int gpus, const QString &duration, const QStringList &pools = {})
    {
        QJsonObject spec = annotations(duration);
        spec.insert(QStringLiteral("compute"),
                    QJsonObject {{QStringLiteral("gpuDevicesRequest"), gpus}});
        if (!pools.isEmpty())
            spec.insert(QStringLiteral("nodePools"), QJsonArray::fromStringList(pools));
        return spec;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString tokens = m_dir.filePath(QStringLiteral("tokens.json"));
        m_cpUrl = m_cp.start({QStringLiteral("controlplane"),
                              QStringLiteral("--listen"),
                              QStringLiteral("127.0.0.1:0"),
                              QStringLiteral("--db"),
                              m_dir.filePath(QStringLiteral("cp.sqlite")),
                              QStringLiteral("--seed"),
                              QStringLiteral("demo"),
                              QStringLiteral("--cluster-tokens-file"),
                              tokens},
                             QStringLiteral("control plane listening on "));
        QVERIFY2(!m_cpUrl.isEmpty(), "the control plane starts");
        QFile file(tokens);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject tokenJson = QJsonDocument::fromJson(file.readAll()).object();
        m_aUrl = m_a.start(clusterArgs(QStringLiteral("cluster-a"),
                                       clusterANodes,
                                       QStringLiteral("127.0.0.1:0"),
                                       tokenJson.value(QStringLiteral("cluster-a"))
                                           .toString()
                                           .toUtf8()),
                           QStringLiteral("cluster cluster-a listening on "));
        m_bUrl = m_b.start(clusterArgs(QStringLiteral("cluster-b"),
                                       clusterBNodes,
                                       QStringLiteral("127.0.0.1:0"),
                                       tokenJson.value(QStringLiteral("cluster-b"))
                                           .toString()
                                           .toUtf8()),
                           QStringLiteral("cluster cluster-b listening on "));
        QVERIFY(!m_aUrl.isEmpty());
        QVERIFY(!m_bUrl.isEmpty());
        m_aPort = quint16(QUrl(m_aUrl).port());
        m_admin = signIn(m_cpUrl, QStringLiteral("admin@demo.local"));
        m_x = signIn(m_cpUrl, QStringLiteral("x@demo.local"));
        m_z = signIn(m_cpUrl, QStringLiteral("z@demo.local"));
        QVERIFY(!m_admin.isEmpty() && !m_x.isEmpty() && !m_z.isEmpty());
        // both clusters register outbound and report Connected, their domain and a simulated platform
        QVERIFY(waitFor(
            [this] {
                const Reply r = call("GET", m_cpUrl + QStringLiteral("/api/v1/clusters"), m_admin);
                int connected = 0;
                for (const auto &v : r.array) {
                    const QJsonObject c = v.toObject();
                    m_clusters.insert(c.value(QStringLiteral("name")).toString(),
                                      c.value(QStringLiteral("uuid")).toString());
                    const QJsonObject status = c.value(QStringLiteral("status")).toObject();
                    connected += status.value(QStringLiteral("state")).toString()
                                     == QLatin1String("Connected")
                                 && status.value(QStringLiteral("platform"))
                                            .toObject()
                                            .value(QStringLiteral("type"))
                                            .toString()
                                        == QLatin1String("simulated")
                                 && !c.value(QStringLiteral("domain")).toString().isEmpty();
                }
                return connected == 2;
            },
            20000));
        const Reply projects = call("GET",
                                    m_cpUrl + QStringLiteral("/api/v1/org-unit/projects"),
                                    m_admin);
        for (const auto &v : projects.object.value(QStringLiteral("projects")).toArray())
            m_projects.insert(v.toObject().value(QStringLiteral("name")).toString(),
                              v.toObject().value(QStringLiteral("id")).toVariant().toString());
        QVERIFY(m_projects.contains(QStringLiteral("project-1a")));
        // the cluster knows the org tree (pulled) before we submit
        QVERIFY(waitFor(
            [this] {
                return call("GET", m_aUrl + QStringLiteral("/api/v1/cluster"), m_admin)
                    .object.value(QStringLiteral("registered"))
                    .toBool();
            },
            10000));
        QTest::qWait(1200);
    }

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

    void cleanupTestCase()
    {
        QVERIFY(m_a.stop());
        QVERIFY(m_b.stop());
        m_cp.stop(); // the control plane's own shutdown is tested with the control plane
    }
};

QTEST_GUILESS_MAIN(TestClusterSync)
#include "tst_clustersync.moc"
