// The engine bridge: cached cluster state → one kai-scenario/1 snapshot per node pool, saved and loaded
// unchanged, and accepted by the real scheduling engine.
#include "enginebridge.h"

#include "engine.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace {

scenario::ClusterState sampleState()
{
    scenario::ClusterState s;
    s.clusterName = QStringLiteral("cluster-a");
    auto unit = [](api::OrgUnit::Kind kind,
                   const QString &id,
                   const QString &name,
                   const QString &parent,
                   double a,
                   double b) {
        api::OrgUnit u;
        u.kind = kind;
        u.id = id;
        u.name = name;
        u.parentId = parent;
        api::PoolResources ra;
        ra.nodePoolName = QStringLiteral("pool-a");
        ra.gpuDeserved = a;
        ra.gpuOverQuotaWeight = 3;
        api::PoolResources rb;
        rb.nodePoolName = QStringLiteral("pool-b");
        rb.gpuDeserved = b;
        rb.gpuLimit = 8;
        u.resources = {ra, rb};
        return u;
    };
    s.departments = {unit(api::OrgUnit::Kind::Department,
                          QStringLiteral("7"),
                          QStringLiteral("department-1"),
                          {},
                          16,
                          8)};
    s.projects = {unit(api::OrgUnit::Kind::Project,
                       QStringLiteral("33"),
                       QStringLiteral("project-1a"),
                       QStringLiteral("7"),
                       8,
                       4),
                  unit(api::OrgUnit::Kind::Project,
                       QStringLiteral("34"),
                       QStringLiteral("project-1b"),
                       QStringLiteral("7"),
                       8,
                       0)};
    for (const QString &pool : {QStringLiteral("pool-a"), QStringLiteral("pool-b")}) {
        api::NodePool p;
        p.id = pool;
        p.name = pool;
        s.nodePools << p;
    }
    for (int i = 0; i < 3; ++i) {
        api::Node n;
        n.id = QStringLiteral("n%1").arg(i);
        n.name = QStringLiteral("node-%1").arg(i);
        n.nodePool = i < 2 ? QStringLiteral("pool-a") : QStringLiteral("pool-b");
        n.gpuCount = 8;
        n.cpuCores = 64;
        n.memoryBytes = 512e9;
        n.gpuMemoryBytes = 80.0 * 1024 * 1024 * 1024;
        s.nodes << n;
    }
    const QDateTime t0(QDate(2026, 11, 23), QTime(8, 0), Qt::UTC);
    auto workload = [&](const QString &id,
                        const QString &project,
                        const QString &phase,
                        int pods,
                        double gpu,
                        const QString &pool,
                        int minutes) {
        api::Workload w;
        w.id = id;
        w.name = QStringLiteral("job-") + id;
        w.type = QStringLiteral("Training");
        w.projectName = project;
        w.phase = phase;
        w.priority = 50;
        w.preemptible = true;
        w.requestedPods = pods;
        w.gpuRequest = gpu;
        w.requestedNodePools = {pool};
        w.createdAt = t0.addSecs(minutes * 60);
        return w;
    };
    s.workloads = {workload(QStringLiteral("w1"),
                            QStringLiteral("project-1a"),
                            QStringLiteral("Running"),
                            2,
                            4,
                            QStringLiteral("pool-a"),
                            0),
                   workload(QStringLiteral("w2"),
                            QStringLiteral("project-1b"),
                            QStringLiteral("Pending"),
                            1,
                            0.5,
                            QStringLiteral("pool-a"),
                            10),
                   workload(QStringLiteral("w3"),
                            QStringLiteral("project-1a"),
                            QStringLiteral("Completed"),
                            1,
                            1,
                            QStringLiteral("pool-a"),
                            5),
                   workload(QStringLiteral("w4"),
                            QStringLiteral("project-1a"),
                            QStringLiteral("Pending"),
                            1,
                            2,
                            QStringLiteral("pool-b"),
                            20)};
    for (int i = 0; i < 2; ++i) {
        api::Pod p;
        p.id = QStringLiteral("p%1").arg(i);
        p.name = QStringLiteral("job-w1-%1").arg(i);
        p.workloadId = QStringLiteral("w1");
        p.nodeName = QStringLiteral("node-%1").arg(i);
        p.phase = QStringLiteral("Running");
        s.pods << p;
    }
    return s;
}

} // namespace

class TestEngineBridge : public QObject
{
    Q_OBJECT
private slots:
    void onePerNodePool();
    void roundTripThroughTheScenarioFormat();
    void engineAcceptsTheSnapshot();
    void badFilesAreErrors_data();
    void badFilesAreErrors();
};

void TestEngineBridge::onePerNodePool()
{
    const QDateTime now(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
    const QList<scenario::Snapshot> snaps = scenario::build(sampleState(), now);
    QCOMPARE(snaps.size(), 2);
    const scenario::Snapshot &a = snaps.first();
    QCOMPARE(a.nodePool, QStringLiteral("pool-a"));
    QCOMPARE(a.nodes.size(), 2);
    QCOMPARE(a.nodes.first().gpuMemoryMib, 81920);
    QCOMPARE(a.nodes.first().labels.value(QStringLiteral("kai.scheduler/type")),
             QStringLiteral("node-0"));
    QCOMPARE(a.queues.size(), 3);
    QCOMPARE(a.queues.at(1).parent, QStringLiteral("department-1"));
    QCOMPARE(a.queues.at(1).gpu.deserved, 8.0);
    QCOMPARE(a.queues.at(1).gpu.overQuotaWeight, 3.0);
    QCOMPARE(snaps.at(1).queues.at(1).gpu.limit, 8.0);
    QCOMPARE(snaps.at(1).queues.at(1).gpu.overQuotaWeight, 2.0); // unset → Medium
    QCOMPARE(a.jobs.size(), 2); // the completed w3 is not scheduling state
    const scenario::Job &running = a.jobs.first();
    QCOMPARE(running.name, QStringLiteral("w1"));
    QCOMPARE(running.displayName, QStringLiteral("job-w1"));
    QCOMPARE(running.tasks.size(), 2);
    QCOMPARE(running.tasks.at(1).status, QStringLiteral("running"));
    QCOMPARE(running.tasks.at(1).node, QStringLiteral("node-1"));
    QCOMPARE(running.tasks.at(1).gpuRequestKind, QStringLiteral("whole"));
    QCOMPARE(running.createdMinutesAgo, 60);
    const scenario::Job &fraction = a.jobs.at(1);
    QCOMPARE(fraction.tasks.first().gpuRequestKind, QStringLiteral("fraction"));
    QCOMPARE(fraction.tasks.first().status, QStringLiteral("pending"));
    QCOMPARE(fraction.creationRank, 1);
    QCOMPARE(snaps.at(1).jobs.size(), 1);
}

void TestEngineBridge::roundTripThroughTheScenarioFormat()
{
    QTemporaryDir dir;
    const QList<scenario::Snapshot> snaps = scenario::build(sampleState());
    for (const scenario::Snapshot &s : snaps) {
        const QString path = dir.filePath(s.nodePool + QStringLiteral(".kai-scenario.json"));
        const ApiError saved = scenario::save(s, path);
        QVERIFY2(!saved.isError(), qPrintable(saved.message));
        const auto loaded = scenario::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.message));
        QCOMPARE(loaded.value.name, s.name);
        QCOMPARE(loaded.value.takenAt, s.takenAt);
        QVERIFY(loaded.value.nodes == s.nodes);
        QVERIFY(loaded.value.queues == s.queues);
        for (qsizetype j = 0; j < s.jobs.size(); ++j) {
            const scenario::Job &x = loaded.value.jobs.at(j), &y = s.jobs.at(j);
            QCOMPARE(x.createdMinutesAgo, y.createdMinutesAgo);
            QCOMPARE(x.tasks.size(), y.tasks.size());
            for (qsizetype k = 0; k < x.tasks.size(); ++k) {
                QCOMPARE(x.tasks[k].cpuMillis, y.tasks[k].cpuMillis);
                QCOMPARE(x.tasks[k].memoryBytes, y.tasks[k].memoryBytes);
                QCOMPARE(x.tasks[k].gpuRequestKind, y.tasks[k].gpuRequestKind);
                QCOMPARE(x.tasks[k].gpuMemoryMib, y.tasks[k].gpuMemoryMib);
                QVERIFY(x.tasks[k] == y.tasks[k]);
            }
        }
        QVERIFY(loaded.value.jobs == s.jobs);
        QVERIFY(loaded.value == s);
        QCOMPARE(QJsonDocument(scenario::toJson(loaded.value)).toJson(),
                 QJsonDocument(scenario::toJson(s)).toJson());
    }
}

void TestEngineBridge::engineAcceptsTheSnapshot()
{
    const QList<scenario::Snapshot> snaps = scenario::build(sampleState());
    for (const scenario::Snapshot &s : snaps) {
        const QByteArray json = QJsonDocument(scenario::toJson(s)).toJson(QJsonDocument::Compact);
        const auto parsed = gpudesk::engine::parseSnapshotJson(
            std::string_view(json.constData(), size_t(json.size())));
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
        const auto result = gpudesk::engine::runScenarioJson(
            std::string_view(json.constData(), size_t(json.size())));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        const QJsonObject out = QJsonDocument::fromJson(QByteArray::fromStdString(result.value()))
                                    .object();
        // Every job of the snapshot is in the engine's answer.
        for (const scenario::Job &j : s.jobs)
            QVERIFY2(out.value(QStringLiteral("jobs")).toObject().contains(j.name),
                     qPrintable(j.name));
    }
}

void TestEngineBridge::badFilesAreErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addRow("not json") << QByteArray("hello");
    QTest::addRow("other schema") << QByteArray(R"({"schema":"kai-fairshare/1"})");
    QTest::addRow("array") << QByteArray("[]");
}

void TestEngineBridge::badFilesAreErrors()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    const auto r = scenario::load(path);
    QVERIFY(!r.ok());
    QVERIFY(!r.error.message.isEmpty());
    QVERIFY(!scenario::load(dir.filePath(QStringLiteral("missing.json"))).ok());
}

QTEST_GUILESS_MAIN(TestEngineBridge)
#include "tst_enginebridge.moc"
