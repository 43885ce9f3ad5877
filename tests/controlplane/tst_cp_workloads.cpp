// Cluster-sync and workloads over real HTTP on loopback with a real SQLite database: register, pull
// queued submissions, push state, then workload lists (paging, sort, filter, RBAC), pods, events,
// history, metrics, telemetry, suspend and deleted workloads.
#include "testserver.h"

#include <QTest>

class TestWorkloads : public DemoApiTest
{
    Q_OBJECT
private:
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
    // cluster-b's sync token (its one-time cluster token registers once per test run).
    QString clusterBSync()
    {
        if (m_clusterBSync.isEmpty())
            m_clusterBSync = syncToken(QStringLiteral("cluster-b"));
        return m_clusterBSync;
    }
    QString m_clusterBSync;

    // The listed project or department `id` from a full list.
    QJsonObject listed(const QString &kind, const QString &id)
    {
        for (const QJsonValue &item :
             s.get(QStringLiteral("/api/v1/org-unit/") + kind, admin).json().value(kind).toArray())
            if (item.toObject().value("id").toString() == id)
                return item.toObject();
        return QJsonObject();
    }
    // {allocated gpu, requested gpu} of one node pool in a presented quota status (0 when unlisted).
    static QPair<double, double> poolGpus(const QJsonObject &shown, const QString &pool)
    {
        for (const QJsonValue &value :
             shown.value("status").toObject().value("nodePoolQuotaStatuses").toArray()) {
            const QJsonObject status = value.toObject();
            if (status.value("nodePool").toObject().value("name").toString() == pool)
                return {status.value("allocated").toObject().value("gpu").toDouble(),
                        status.value("requested").toObject().value("gpu").toDouble()};
        }
        return {0, 0};
    }

private slots:
    void initTestCase() { QVERIFY(startDemo()); }

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

    // Project and department lists are served from a cache of presented objects: every synced
    // workload and every quota change shows in the next list and get, and a list item is the same
    // object a get returns.
    void presentedOrgUnitsFollowSyncedWorkloadsAndEdits()
    {
        const QString p3a = s.idByName(s.cp.store().projects, QStringLiteral("project-3a"));
        const QString d3 = s.idByName(s.cp.store().departments, QStringLiteral("department-3"));
        const double projectBefore = listed("projects", p3a).value("gpuAllocated").toDouble();
        const double departmentBefore = listed("departments", d3).value("gpuAllocated").toDouble();
        const QString sync = clusterBSync();
        QVERIFY(!sync.isEmpty());
        const QJsonObject push {
            {"workloads",
             QJsonArray {QJsonObject {{"id", "cache-w1"},
                                      {"name", "cache-job"},
                                      {"type", "Training"},
                                      {"projectName", "project-3a"},
                                      {"phase", "Running"},
                                      {"createdAt", "2026-03-01T00:00:00.000Z"},
                                      {"allocatedResources", QJsonObject {{"gpu", 3}}}}}}};
        QCOMPARE(s.post(QStringLiteral("/api/v1/cluster-sync/state"), push, sync.toLatin1()).status,
                 200);
        QCOMPARE(listed("projects", p3a).value("gpuAllocated").toDouble(), projectBefore + 3);
        QCOMPARE(listed("departments", d3).value("gpuAllocated").toDouble(), departmentBefore + 3);
        const QString path = QStringLiteral("/api/v1/org-unit/projects/") + p3a;
        QCOMPARE(s.get(path, admin).json(), listed("projects", p3a));
        // A quota edit shows at once in the list, the get and the department's aggregate.
        const HttpReply patched
            = s.request("PATCH",
                        path + QStringLiteral("/resources"),
                        TestServer::toJson(QJsonArray {
                            QJsonObject {{"nodePool", QJsonObject {{"name", "default"}}},
                                         {"gpu", QJsonObject {{"deserved", 5}}}}}),
                        admin);
        QCOMPARE(patched.status, 200);
        QCOMPARE(listed("projects", p3a).value("totalGpuQuota").toDouble(), 5.0);
        QCOMPARE(s.get(path, admin).json(), listed("projects", p3a));
        bool aggregated = false;
        for (const QJsonValue &entry :
             listed("departments", d3).value("projectsAggregatedResources").toArray())
            aggregated = aggregated
                         || (entry.toObject().value("nodePool").toObject().value("name")
                                 == QLatin1String("default")
                             && entry.toObject().value("gpu").toObject().value("deserved").toDouble()
                                    == 5.0);
        QVERIFY(aggregated);
        // The workload goes away: the allocation is gone from the next list.
        QCOMPARE(s.post(QStringLiteral("/api/v1/cluster-sync/state"),
                        QJsonObject {{"removedWorkloadIds", QJsonArray {"cache-w1"}}},
                        sync.toLatin1())
                     .status,
                 200);
        QCOMPARE(listed("projects", p3a).value("gpuAllocated").toDouble(), projectBefore);
    }
    // A push changes a workload's usage (phase, pool, GPUs, completion, removal): the very next
    // project and department lists show the new usage per node pool, and only the entries of that
    // project and its department were dropped from the presentation cache (project-1a and
    // department-1 stay cached).
    void listAfterPushShowsNewUsage_data()
    {
        QTest::addColumn<QJsonObject>("change"); // merged into the workload; empty: removed
        QTest::addColumn<QString>("pool");       // where the changed workload counts
        QTest::addColumn<double>("allocatedGpu");
        QTest::addColumn<double>("requestedGpu");
        QTest::newRow("more GPUs") << QJsonObject {{"allocatedResources", QJsonObject {{"gpu", 5}}}}
                                   << "default" << 5.0 << 5.0;
        QTest::newRow("back to pending")
            << QJsonObject {{"phase", "Pending"},
                            {"podsRequestedResources",
                             QJsonObject {{"gpu", QJsonObject {{"request", 2}}}}},
                            {"requestedPods", QJsonObject {{"number", 2}}}}
            << "default" << 0.0 << 4.0;
        QTest::newRow("moved to pool-b")
            << QJsonObject {{"currentNodePools", QJsonArray {"pool-b"}}} << "pool-b" << 3.0 << 3.0;
        QTest::newRow("completed")
            << QJsonObject {{"phase", "Completed"}} << "default" << 0.0 << 0.0;
        QTest::newRow("removed") << QJsonObject() << "default" << 0.0 << 0.0;
    }

    void listAfterPushShowsNewUsage()
    {
        QFETCH(QJsonObject, change);
        QFETCH(QString, pool);
        QFETCH(double, allocatedGpu);
        QFETCH(double, requestedGpu);
        const QString p3a = s.idByName(s.cp.store().projects, QStringLiteral("project-3a"));
        const QString p1a = s.idByName(s.cp.store().projects, QStringLiteral("project-1a"));
        const QString d3 = s.idByName(s.cp.store().departments, QStringLiteral("department-3"));
        const QString d1 = s.idByName(s.cp.store().departments, QStringLiteral("department-1"));
        const QString sync = clusterBSync();
        QVERIFY(!sync.isEmpty());
        auto push = [&](const QJsonObject &body) {
            return s.post(QStringLiteral("/api/v1/cluster-sync/state"), body, sync.toLatin1()).status;
        };
        const QJsonObject projectBefore = listed("projects", p3a);
        const QJsonObject departmentBefore = listed("departments", d3);
        const QString id = QStringLiteral("usage-") + QString::fromLatin1(QTest::currentDataTag());
        QJsonObject workload {{"id", id},
                              {"name", "usage-job"},
                              {"type", "Training"},
                              {"projectName", "project-3a"},
                              {"phase", "Running"},
                              {"createdAt", "2026-03-01T00:00:00.000Z"},
                              {"allocatedResources", QJsonObject {{"gpu", 3}}}};
        QCOMPARE(push(QJsonObject {{"workloads", QJsonArray {workload}}}), 200);
        QCOMPARE(poolGpus(listed("projects", p3a), "default").first,
                 poolGpus(projectBefore, "default").first + 3);
        QCOMPARE(poolGpus(listed("departments", d3), "default").first,
                 poolGpus(departmentBefore, "default").first + 3);
        listed("departments", d3); // every entry is cached now

        if (change.isEmpty()) {
            QCOMPARE(push(QJsonObject {{"removedWorkloadIds", QJsonArray {id}}}), 200);
        } else {
            for (auto it = change.constBegin(); it != change.constEnd(); ++it)
                workload.insert(it.key(), it.value());
            QCOMPARE(push(QJsonObject {{"workloads", QJsonArray {workload}}}), 200);
        }
        const gpudesk::core::Store &store = s.cp.store();
        QVERIFY(store.presentedProjects.json(p3a) == nullptr);
        QVERIFY(store.presentedDepartments.json(d3) == nullptr);
        QVERIFY(store.presentedProjects.json(p1a) != nullptr);
        QVERIFY(store.presentedDepartments.json(d1) != nullptr);

        const QJsonObject project = listed("projects", p3a);
        const QJsonObject department = listed("departments", d3);
        const QList<QPair<QJsonObject, QJsonObject>> beforeAndNow {{projectBefore, project},
                                                                   {departmentBefore, department}};
        for (const auto &[before, now] : beforeAndNow) {
            const auto baseline = poolGpus(before, pool);
            QCOMPARE(poolGpus(now, pool).first, baseline.first + allocatedGpu);
            QCOMPARE(poolGpus(now, pool).second, baseline.second + requestedGpu);
            if (pool != QLatin1String("default")) // moved away: nothing left in default
                QCOMPARE(poolGpus(now, "default"), poolGpus(before, "default"));
            QCOMPARE(now.value("gpuAllocated").toDouble(),
                     before.value("gpuAllocated").toDouble() + allocatedGpu);
        }
        QCOMPARE(s.get(QStringLiteral("/api/v1/org-unit/projects/") + p3a, admin).json(), project);
        // Leave no usage behind for the next row.
        QCOMPARE(push(QJsonObject {{"removedWorkloadIds", QJsonArray {id}}}), 200);
        QCOMPARE(listed("projects", p3a).value("gpuAllocated"), projectBefore.value("gpuAllocated"));
    }
};

QTEST_GUILESS_MAIN(TestWorkloads)
#include "tst_cp_workloads.moc"
