// What the control plane derives from cluster-sync pushes: quota status of projects and departments,
// the cluster metrics history (GET /api/v1/clusters/{uuid}/metrics), telemetry filters, stale workloads
// of Disconnected clusters and the cluster URL following its pushes. Real HTTP, real SQLite.
#include "core/store.h"
#include "sync/clustermetrics.h"
#include "testserver.h"

#include <QTest>
#include <QUrlQuery>

#include <variant>

namespace {

const QDateTime t0 = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);

// Walks a JSON path: keys for objects, numbers for arrays.
QJsonValue at(QJsonValue value, std::initializer_list<std::variant<const char *, int>> path)
{
    for (const auto &step : path)
        value = std::holds_alternative<int>(step)
                    ? value.toArray().at(std::get<int>(step))
                    : value.toObject().value(QLatin1String(std::get<const char *>(step)));
    return value;
}

QString iso(const QDateTime &time)
{
    return time.toString(Qt::ISODateWithMs);
}

QJsonObject running(const QString &id,
                    const QString &project,
                    const QString &phase,
                    const QString &pool,
                    double gpu,
                    double cpu,
                    bool preemptible)
{
    return QJsonObject {{"id", id},
                        {"name", id},
                        {"type", "Training"},
                        {"projectName", project},
                        {"phase", phase},
                        {"preemptible", preemptible},
                        {"createdAt", "2026-01-01T00:00:00.000Z"},
                        {"currentNodePools", QJsonArray {pool}},
                        {"requestedNodePools", QJsonArray {pool}},
                        {"allocatedResources",
                         QJsonObject {{"gpu", gpu}, {"cpu", cpu}, {"cpuMemory", "2000M"}}}};
}

// A node of 8 GPUs (80 GiB each) and its metric sample with every GPU at `utilization` and half
// its memory used.
QPair<QJsonObject, QJsonObject> node(const QString &name,
                                     const QString &pool,
                                     double allocated,
                                     double utilization)
{
    QJsonArray util, memory;
    for (int i = 0; i < 8; ++i) {
        util.append(utilization);
        memory.append(40960.0 * 1024 * 1024);
    }
    return {QJsonObject {{"name", name},
                         {"status", "Ready"},
                         {"nodePool", pool},
                         {"gpuInfo",
                          QJsonObject {{"gpuType", "NVIDIA H100"},
                                       {"gpuCount", 8},
                                       {"gpuMemoryMib", 81920}}},
                         {"allocatedGpus", allocated}},
            QJsonObject {{"name", name},
                         {"gpuUtilization", util},
                         {"gpuMemoryUsedBytes", memory},
                         {"cpuUtilization", 10}}};
}

} // namespace

class TestSyncStatus : public QObject
{
    Q_OBJECT
private:
    TestServer s;
    QByteArray admin;
    QString clusterA, clusterB;
    QByteArray syncA, syncB;

    QByteArray registerCluster(const QString &name)
    {
        const HttpReply reply = s.post(QStringLiteral("/api/v1/cluster-sync/register"),
                                       QJsonObject {{"domain", "http://127.0.0.1:1111"}},
                                       s.clusterTokens.value(name).toString().toLatin1());
        return reply.json().value(QStringLiteral("syncToken")).toString().toLatin1();
    }
    int push(const QByteArray &token, const QJsonObject &body)
    {
        return s.post(QStringLiteral("/api/v1/cluster-sync/state"), body, token).status;
    }
    QJsonObject orgUnit(const QString &kind, const QString &name)
    {
        const auto &collection = kind == QLatin1String("projects") ? s.cp.store().projects
                                                                   : s.cp.store().departments;
        return s
            .get(QStringLiteral("/api/v1/org-unit/%1/%2").arg(kind, s.idByName(collection, name)),
                 admin)
            .json();
    }
    HttpReply metrics(const QString &query, const QByteArray &token)
    {
        return s.get(QStringLiteral("/api/v1/clusters/%1/metrics?%2").arg(clusterA, query), token);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(s.start());
        admin = s.tokenFor(QStringLiteral("admin@demo.local"));
        clusterA = s.clusterId(QStringLiteral("cluster-a"));
        clusterB = s.clusterId(QStringLiteral("cluster-b"));
        syncA = registerCluster(QStringLiteral("cluster-a"));
        syncB = registerCluster(QStringLiteral("cluster-b"));
        QVERIFY(syncA.startsWith("gdst_") && syncB.startsWith("gdst_"));
        QJsonObject pending {{"id", "w3"},
                             {"name", "w3"},
                             {"type", "Training"},
                             {"projectName", "project-1a"},
                             {"phase", "Pending"},
                             {"createdAt", "2026-01-01T00:00:00.000Z"},
                             {"requestedNodePools", QJsonArray {"pool-a"}},
                             {"requestedPods", QJsonObject {{"number", 3}}},
                             {"podsRequestedResources",
                              QJsonObject {{"gpu", QJsonObject {{"request", 1}}},
                                           {"cpu", QJsonObject {{"request", 2}}},
                                           {"cpuMemory", QJsonObject {{"request", "1000M"}}}}}};
        // w2's cluster reports no allocated CPU memory: it holds what its pod asked for.
        QJsonObject w2 = running("w2", "project-1a", "Initializing", "pool-b", 1, 1, true);
        w2.insert("allocatedResources", QJsonObject {{"gpu", 1}, {"cpu", 1}});
        w2.insert("podsRequestedResources",
                  QJsonObject {{"cpuMemory", QJsonObject {{"request", "500M"}}}});
        const QJsonArray workloads {running("w1", "project-1a", "Running", "pool-a", 2, 4, false),
                                    w2,
                                    pending,
                                    running("w4", "project-2a", "Running", "pool-a", 4, 0, true),
                                    running("w5", "project-2b", "Completed", "pool-a", 0, 0, true),
                                    running("w6", "project-2b", "Running", "pool-a", 1, 0, true)};
        QCOMPARE(push(syncA,
                      QJsonObject {{"workloads", workloads},
                                   {"removedWorkloadIds", QJsonArray {"w6"}}}),
                 200);
        QCOMPARE(push(syncB,
                      QJsonObject {
                          {"workloads",
                           QJsonArray {
                               running("b1", "project-3a", "Running", "default", 2, 0, true)}}}),
                 200);
        // Three metric pushes 20 s apart: pool-a GPUs at 30 %, 60 %, 90 %; pool-b idle.
        const QList<double> utilizations {30, 60, 90};
        for (int i = 0; i < utilizations.size(); ++i) {
            const auto a1 = node(QStringLiteral("a1"), QStringLiteral("pool-a"), 8, utilizations[i]);
            const auto a2 = node(QStringLiteral("a2"), QStringLiteral("pool-a"), 4, utilizations[i]);
            const auto b1 = node(QStringLiteral("b1"), QStringLiteral("pool-b"), 0, 0);
            QCOMPARE(push(syncA,
                          QJsonObject {{"nodes", QJsonArray {a1.first, a2.first, b1.first}},
                                       {"metrics",
                                        QJsonObject {{"timestamp", iso(t0.addSecs(20 * i))},
                                                     {"nodes",
                                                      QJsonArray {a1.second,
                                                                  a2.second,
                                                                  b1.second}}}}}),
                     200);
        }
    }

    void quotaStatus_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("pool"); // empty: status.quotaStatus
        QTest::addColumn<double>("allocated");
        QTest::addColumn<double>("nonPreemptible");
        QTest::addColumn<double>("requested");
        // w1 (2 GPUs, non-preemptible) + w2 (1, Initializing) hold; w3 waits for 3 x 1 GPU.
        QTest::newRow("project-1a total") << "projects"
                                          << "project-1a"
                                          << "" << 3.0 << 2.0 << 6.0;
        QTest::newRow("project-1a pool-a") << "projects"
                                           << "project-1a"
                                           << "pool-a" << 2.0 << 2.0 << 5.0;
        QTest::newRow("project-1a pool-b") << "projects"
                                           << "project-1a"
                                           << "pool-b" << 1.0 << 0.0 << 1.0;
        QTest::newRow("project-1a idle default") << "projects"
                                                 << "project-1a"
                                                 << "default" << 0.0 << 0.0 << 0.0;
        QTest::newRow("project-2a") << "projects"
                                    << "project-2a"
                                    << "pool-a" << 4.0 << 0.0 << 4.0;
        // w5 completed, w6 deleted: neither counts.
        QTest::newRow("project-2b") << "projects"
                                    << "project-2b"
                                    << "" << 0.0 << 0.0 << 0.0;
        QTest::newRow("project-3a other cluster") << "projects"
                                                  << "project-3a"
                                                  << "" << 2.0 << 0.0 << 2.0;
        QTest::newRow("department-1 sums 1a") << "departments"
                                              << "department-1"
                                              << "" << 3.0 << 2.0 << 6.0;
        QTest::newRow("department-2 sums 2a+2b") << "departments"
                                                 << "department-2"
                                                 << "pool-a" << 4.0 << 0.0 << 4.0;
    }
    void quotaStatus()
    {
        QFETCH(QString, kind);
        QFETCH(QString, name);
        QFETCH(QString, pool);
        QFETCH(double, allocated);
        QFETCH(double, nonPreemptible);
        QFETCH(double, requested);
        const QJsonObject status = orgUnit(kind, name).value("status").toObject();
        QJsonObject quota;
        if (pool.isEmpty()) {
            quota = status.value("quotaStatus").toObject();
        } else {
            for (const QJsonValue &value : status.value("nodePoolQuotaStatuses").toArray()) {
                const QJsonObject nodePool = value.toObject().value("nodePool").toObject();
                if (nodePool.value("name").toString() == pool) {
                    QVERIFY2(!nodePool.value("id").toString().isEmpty(), "node pool id missing");
                    quota = value.toObject();
                }
            }
        }
        QVERIFY2(!quota.isEmpty(), qPrintable(QStringLiteral("no quota status for ") + pool));
        QCOMPARE(quota.value("allocated").toObject().value("gpu").toDouble(), allocated);
        QCOMPARE(quota.value("allocatedNonPreemptible").toObject().value("gpu").toDouble(),
                 nonPreemptible);
        QCOMPARE(quota.value("requested").toObject().value("gpu").toDouble(), requested);
    }

    void quotaStatusCpuMemoryListsAndSort()
    {
        const QJsonObject total = orgUnit(QStringLiteral("projects"), QStringLiteral("project-1a"))
                                      .value("status")
                                      .toObject()
                                      .value("quotaStatus")
                                      .toObject();
        // cpu in millicores (w1 4 cores + w2 1; w3 asks 3 x 2), memory in MB (w1 2000 + w2's
        // requested 500; w3 3 x 1000).
        QCOMPARE(total.value("allocated").toObject().value("cpu").toDouble(), 5000.0);
        QCOMPARE(total.value("requested").toObject().value("cpu").toDouble(), 11000.0);
        QCOMPARE(total.value("allocated").toObject().value("memory").toDouble(), 2500.0);
        QCOMPARE(total.value("requested").toObject().value("memory").toDouble(), 5500.0);
        // Lists carry the status too, and filter and sort by gpuAllocated.
        HttpReply reply = s.get(QStringLiteral(
                                    "/api/v1/org-unit/projects?filterBy=gpuAllocated%3E%3D3"
                                    "&sortBy=gpuAllocated&sortOrder=desc"),
                                admin);
        QCOMPARE(reply.status, 200);
        QStringList names;
        for (const QJsonValue &value : reply.json().value("projects").toArray())
            names.append(value.toObject().value("name").toString());
        QCOMPARE(names, QStringList({"project-2a", "project-1a"}));
        reply = s.get(QStringLiteral("/api/v1/org-unit/departments?sortBy=gpuAllocated&limit=1"),
                      admin);
        QCOMPARE(reply.status, 200);
        const QJsonArray departments = reply.json().value("departments").toArray();
        QCOMPARE(departments.size(), 1);
        QCOMPARE(departments.first().toObject().value("name").toString(),
                 QStringLiteral("department-3")); // b1's 2 GPUs, below department-1's 3
        QCOMPARE(departments.first().toObject().value("gpuAllocated").toDouble(), 2.0);
        QCOMPARE(reply.json().value("next").toInt(), 1);
    }

    void clusterMetrics_data()
    {
        QTest::addColumn<QString>("pool");
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("samples");
        QTest::addColumn<QStringList>("values");
        const QStringList three {"3", "3", "3"};
        QTest::newRow("nodes") << ""
                               << "TOTAL_GPU_NODES" << 3 << three;
        QTest::newRow("gpus") << ""
                              << "TOTAL_GPU" << 3 << QStringList {"24", "24", "24"};
        QTest::newRow("allocated") << ""
                                   << "ALLOCATED_GPU" << 3 << QStringList {"12", "12", "12"};
        QTest::newRow("unallocated pool-a") << "pool-a"
                                            << "UNALLOCATED_GPU" << 2 << QStringList {"4", "4"};
        // 16 of 24 GPUs at 30/60/90 %, 8 idle.
        QTest::newRow("utilization") << ""
                                     << "GPU_UTILIZATION" << 3 << QStringList {"20", "40", "60"};
        QTest::newRow("utilization pool-a")
            << "pool-a"
            << "GPU_UTILIZATION" << 3 << QStringList {"30", "60", "90"};
        QTest::newRow("downsampled to one") << "pool-a"
                                            << "GPU_UTILIZATION" << 1 << QStringList {"60"};
        QTest::newRow("memory") << "pool-b"
                                << "GPU_MEMORY_UTILIZATION" << 1 << QStringList {"50"};
        // Active workloads: w1, w2, w3, w4 (w5 completed, w6 deleted); w3 waits for pool-a.
        QTest::newRow("workloads") << ""
                                   << "WORKLOADS_COUNT" << 1 << QStringList {"4"};
        QTest::newRow("workloads pool-a") << "pool-a"
                                          << "WORKLOADS_COUNT" << 1 << QStringList {"3"};
    }
    void clusterMetrics()
    {
        QFETCH(QString, pool);
        QFETCH(QString, type);
        QFETCH(int, samples);
        QFETCH(QStringList, values);
        QUrlQuery query;
        query.addQueryItem("start", iso(t0));
        query.addQueryItem("end", iso(t0.addSecs(60)));
        query.addQueryItem("numberOfSamples", QString::number(samples));
        query.addQueryItem("metricType", type + QStringLiteral(",TOTAL_GPU"));
        if (!pool.isEmpty())
            query.addQueryItem("nodepoolName", pool);
        const HttpReply reply = metrics(query.toString(QUrl::FullyEncoded), admin);
        QCOMPARE(reply.status, 200);
        const QJsonArray measurements = reply.json().value("measurements").toArray();
        QCOMPARE(measurements.size(), 2);
        const QJsonObject measurement = measurements.first().toObject();
        QCOMPARE(measurement.value("type").toString(), type);
        QCOMPARE(measurement.value("labels").toObject().value("clusterId").toString(), clusterA);
        QStringList got, stamps;
        for (const QJsonValue &value : measurement.value("values").toArray()) {
            QVERIFY(value.toObject().value("value").isString());
            got.append(value.toObject().value("value").toString());
            stamps.append(value.toObject().value("timestamp").toString());
        }
        QCOMPARE(got, values);
        // Buckets are stamped with their start: [t0, t0+60s) split into `samples` equal parts.
        for (int i = 0; i < stamps.size(); ++i)
            QCOMPARE(QDateTime::fromString(stamps.at(i), Qt::ISODateWithMs),
                     t0.addSecs(qint64(60 / samples) * i));
    }

    void clusterMetricsQuotaAndBadInput()
    {
        double quota = 0;
        for (const QJsonObject &project : s.cp.store().projects.items())
            if (project.value("clusterId").toString() == clusterA)
                for (const QJsonValue &r : project.value("resources").toArray())
                    quota += r.toObject().value("gpu").toObject().value("deserved").toDouble();
        QVERIFY(quota > 0);
        HttpReply reply = metrics(QStringLiteral("start=%1&end=%2&numberOfSamples=1&metricType="
                                                 "GPU_QUOTA")
                                      .arg(iso(t0), iso(t0.addSecs(60))),
                                  admin);
        QCOMPARE(reply.status, 200);
        QCOMPARE(at(reply.json(), {"measurements", 0, "values", 0, "value"}).toString(),
                 QString::number(quota));
        // Nothing outside the window.
        reply = metrics(QStringLiteral("start=%1&end=%2&metricType=TOTAL_GPU")
                            .arg(iso(t0.addDays(-2)), iso(t0.addDays(-1))),
                        admin);
        QCOMPARE(reply.status, 200);
        QCOMPARE(at(reply.json(), {"measurements", 0, "values"}).toArray().size(), 0);
        const QString window = QStringLiteral("start=%1&end=%2").arg(iso(t0), iso(t0.addSecs(60)));
        const QList<QPair<QString, int>>
            bad {{QStringLiteral("end=%1&metricType=TOTAL_GPU").arg(iso(t0)), 400},
                 {window, 400},
                 {window + QStringLiteral("&metricType=NOPE"), 400},
                 {window + QStringLiteral("&metricType=TOTAL_GPU&numberOfSamples=0"), 400},
                 {window + QStringLiteral("&metricType=TOTAL_GPU&nodepoolName=nope"), 404},
                 {QStringLiteral("start=%1&end=%2&metricType=TOTAL_GPU")
                      .arg(iso(t0.addSecs(60)), iso(t0)),
                  400}};
        for (const auto &[query, status] : bad) {
            reply = metrics(query, admin);
            QVERIFY2(reply.status == status, qPrintable(query + QString::fromUtf8(reply.body)));
            QVERIFY(!reply.json().value("message").toString().isEmpty());
        }
        // RBAC: dashboards-overview at cluster scope; x is granted projects only.
        QCOMPARE(metrics(window + QStringLiteral("&metricType=TOTAL_GPU"),
                         s.tokenFor(QStringLiteral("x@demo.local")))
                     .status,
                 403);
        QCOMPARE(metrics(window + QStringLiteral("&metricType=TOTAL_GPU"), QByteArray()).status,
                 401);
    }

    void clusterMetricsHistoryIsBoundedAndPersisted()
    {
        gpudesk::core::Store &store = s.cp.store();
        // A series of its own (a cluster id without pools or nodes: only the whole-cluster series).
        const QString cluster = QStringLiteral("history-test");
        // Samples closer together than the interval are skipped.
        const int before = store.clusterMetrics.size();
        gpudesk::core::clustermetrics::recordSample(store, cluster, t0.addDays(1));
        gpudesk::core::clustermetrics::recordSample(store, cluster, t0.addDays(1).addSecs(1));
        QCOMPARE(store.clusterMetrics.size(), before + 1); // recorded once
        const int total = gpudesk::core::clustermetrics::maxSamplesPerSeries + 30;
        for (int i = 1; i < total; ++i)
            gpudesk::core::clustermetrics::recordSample(store,
                                                        cluster,
                                                        t0.addDays(1).addSecs(10 * i));
        const auto kept = gpudesk::core::clustermetrics::samples(store,
                                                                 cluster,
                                                                 QString(),
                                                                 t0,
                                                                 t0.addDays(3));
        QCOMPARE(kept.size(), gpudesk::core::clustermetrics::maxSamplesPerSeries);
        QCOMPARE(qint64(kept.first().value("timestampMs").toDouble()),
                 t0.addDays(1).addSecs(300).toMSecsSinceEpoch()); // the 30 oldest went
        // Written through to SQLite: a fresh store on the same database reads the same history.
        gpudesk::core::Store reloaded(store.database());
        reloaded.load();
        QCOMPARE(reloaded.clusterMetrics.size(), store.clusterMetrics.size());
    }

    void telemetryFilters_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("workloads all")
            << "/api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT"
            << "6";
        QTest::newRow("workloads cluster-a")
            << "/api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT&clusterId=A"
            << "5";
        QTest::newRow("workloads cluster-b")
            << "/api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT&clusterId=B"
            << "1";
        QTest::newRow("workloads pool-b")
            << "/api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT&clusterId=A"
               "&nodepoolName=pool-b"
            << "1";
        QTest::newRow("gpu allocation cluster-a")
            << "/api/v1/workloads/telemetry?telemetryType=GPU_ALLOCATION&clusterId=A"
            << "7";
        QTest::newRow("nodes cluster-a") << "/api/v1/nodes/telemetry?telemetryType=TOTAL_GPUS"
                                            "&clusterId=A"
                                         << "24";
        QTest::newRow("nodes pool-a") << "/api/v1/nodes/telemetry?telemetryType=ALLOCATED_GPUS"
                                         "&clusterId=A&nodepoolName=pool-a"
                                      << "12";
        QTest::newRow("nodes cluster-b") << "/api/v1/nodes/telemetry?telemetryType=TOTAL_GPUS"
                                            "&clusterId=B"
                                         << "0";
    }
    void telemetryFilters()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        path.replace(QStringLiteral("clusterId=A"), QStringLiteral("clusterId=") + clusterA);
        path.replace(QStringLiteral("clusterId=B"), QStringLiteral("clusterId=") + clusterB);
        const HttpReply reply = s.get(path, admin);
        QCOMPARE(reply.status, 200);
        QCOMPARE(at(reply.json(), {"values", 0, "value"}).toString(), expected);
    }

    void disconnectedClusterWorkloadsAreStale()
    {
        gpudesk::core::Store &store = s.cp.store();
        // cluster-b last spoke two minutes ago (beyond the 30 s threshold).
        const QString lastSeen = iso(QDateTime::currentDateTimeUtc().addSecs(-120));
        QJsonObject cluster = store.clusters.value(clusterB);
        cluster.insert("lastLiveness", lastSeen);
        QVERIFY(store.clusters.put(clusterB, cluster));
        QCOMPARE(at(s.get(QStringLiteral("/api/v1/clusters/") + clusterB, admin).json(),
                    {"status", "state"})
                     .toString(),
                 QStringLiteral("Disconnected"));
        QJsonObject b1 = s.get(QStringLiteral("/api/v1/workloads/b1"), admin).json();
        QCOMPARE(b1.value("phase").toString(), QStringLiteral("Running")); // last synced state
        QCOMPARE(b1.value("stale").toBool(), true);
        QCOMPARE(b1.value("staleSince").toString(), lastSeen);
        const QJsonObject w1 = s.get(QStringLiteral("/api/v1/workloads/w1"), admin).json();
        QCOMPARE(w1.value("stale").toBool(true), false);
        QVERIFY(w1.value("staleSince").isNull());
        HttpReply reply = s.get(QStringLiteral("/api/v1/workloads?filterBy=stale==true"), admin);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value("workloads").toArray().size(), 1);
        QCOMPARE(at(reply.json(), {"workloads", 0, "id"}).toString(), QStringLiteral("b1"));
        reply = s.get(QStringLiteral("/api/v1/workloads/count?filterBy=stale==true"), admin);
        QCOMPARE(reply.json().value("count").toInt(), 1);
        // Unfiltered lists mark it too.
        reply = s.get(QStringLiteral("/api/v1/workloads?filterBy=name==b1"), admin);
        QCOMPARE(at(reply.json(), {"workloads", 0, "stale"}).toBool(), true);
        QCOMPARE(at(reply.json(), {"workloads", 0, "staleSince"}).toString(), lastSeen);
        // Departments and projects of the Disconnected cluster are still served.
        QCOMPARE(orgUnit(QStringLiteral("projects"), QStringLiteral("project-3a"))
                     .value("name")
                     .toString(),
                 QStringLiteral("project-3a"));
        // The next push brings it back: no longer stale.
        QCOMPARE(push(syncB, QJsonObject {}), 200);
        b1 = s.get(QStringLiteral("/api/v1/workloads/b1"), admin).json();
        QCOMPARE(b1.value("stale").toBool(true), false);
    }

    void pushUpdatesDomain_data()
    {
        QTest::addColumn<QJsonValue>("domain");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("stored");
        QTest::newRow("new port") << QJsonValue("http://127.0.0.1:2222") << 200
                                  << "http://127.0.0.1:2222";
        QTest::newRow("absent keeps it")
            << QJsonValue(QJsonValue::Undefined) << 200 << "http://127.0.0.1:2222";
        QTest::newRow("https") << QJsonValue("https://gpu-a.example.com:8443") << 200
                               << "https://gpu-a.example.com:8443";
        QTest::newRow("not a URL")
            << QJsonValue("not a url") << 400 << "https://gpu-a.example.com:8443";
        QTest::newRow("wrong scheme")
            << QJsonValue("ftp://host") << 400 << "https://gpu-a.example.com:8443";
        QTest::newRow("wrong type") << QJsonValue(5) << 400 << "https://gpu-a.example.com:8443";
    }
    void pushUpdatesDomain()
    {
        QFETCH(QJsonValue, domain);
        QFETCH(int, status);
        QFETCH(QString, stored);
        QJsonObject body;
        if (!domain.isUndefined())
            body.insert("domain", domain);
        const HttpReply reply = s.post(QStringLiteral("/api/v1/cluster-sync/state"), body, syncA);
        QCOMPARE(reply.status, status);
        if (status != 200)
            QVERIFY(reply.json().value("message").toString().contains(QStringLiteral("domain")));
        QCOMPARE(s.get(QStringLiteral("/api/v1/clusters/") + clusterA, admin)
                     .json()
                     .value("domain")
                     .toString(),
                 stored);
    }
};

QTEST_MAIN(TestSyncStatus)
#include "tst_cp_syncstatus.moc"
