// The simulated cluster in-process, with the real scheduling engine: lifecycle, gang placement,
// reclaim across projects, logs, node specs, durations and the SQLite state file.
#include "cluster/clusterscheduler.h"
#include "cluster/clustersimulation.h"
#include "cluster/clusterstore.h"
#include "cluster/workloadtiming.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace gpudesk::cluster;

namespace {

QJsonObject resources(const QString &pool, double deserved, double weight = 2)
{
    return QJsonObject {{QStringLiteral("nodePool"), QJsonObject {{QStringLiteral("name"), pool}}},
                        {QStringLiteral("gpu"),
                         QJsonObject {{QStringLiteral("deserved"), deserved},
                                      {QStringLiteral("limit"), -1},
                                      {QStringLiteral("overQuotaWeight"), weight}}}};
}

// department d1 (16 GPUs) with projects p-a (deserved aDeserved) and p-b (deserved bDeserved), one pool
DesiredState org(const QString &pool, double aDeserved, double bDeserved)
{
    const QJsonObject
        reply {{QStringLiteral("cursor"), QStringLiteral("1")},
               {QStringLiteral("departments"),
                QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("d1")},
                                         {QStringLiteral("name"), QStringLiteral("department-1")},
                                         {QStringLiteral("resources"),
                                          QJsonArray {resources(pool, aDeserved + bDeserved)}}}}},
               {QStringLiteral("projects"),
                QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("pa")},
                                         {QStringLiteral("name"), QStringLiteral("project-a")},
                                         {QStringLiteral("parentId"), QStringLiteral("d1")},
                                         {QStringLiteral("resources"),
                                          QJsonArray {resources(pool, aDeserved)}}},
                            QJsonObject {{QStringLiteral("id"), QStringLiteral("pb")},
                                         {QStringLiteral("name"), QStringLiteral("project-b")},
                                         {QStringLiteral("parentId"), QStringLiteral("d1")},
                                         {QStringLiteral("resources"),
                                          QJsonArray {resources(pool, bDeserved)}}}}}};
    return parseDesiredState(reply);
}

QJsonObject training(const QString &name,
                     const QString &project,
                     int gpus,
                     const QString &duration,
                     const QString &outcome = QStringLiteral("succeed"))
{
    return QJsonObject {
        {QStringLiteral("name"), name},
        {QStringLiteral("projectId"), project},
        {QStringLiteral("spec"),
         QJsonObject {{QStringLiteral("compute"),
                       QJsonObject {{QStringLiteral("gpuDevicesRequest"), gpus}}},
                      {QStringLiteral("annotations"),
                       QJsonArray {QJsonObject {{QStringLiteral("name"),
                                                 QStringLiteral("gpudesk.sim/duration")},
                                                {QStringLiteral("value"), duration}},
                                   QJsonObject {{QStringLiteral("name"),
                                                 QStringLiteral("gpudesk.sim/outcome")},
                                                {QStringLiteral("value"), outcome}}}}}}};
}

SubmissionContext context(const QString &type, qint64 now)
{
    SubmissionContext ctx;
    ctx.apiType = type;
    ctx.submittedBy = QStringLiteral("x@demo.local");
    ctx.nowMs = now;
    return ctx;
}

struct Sim
{
    ClusterSimulation sim;
    qint64 now = 1'700'000'000'000;
    explicit Sim(const QString &spec, const DesiredState &state)
        : sim(QStringLiteral("c"), *parseNodeSpec(spec, nullptr), makeClusterScheduler())
    {
        sim.setOrg(state);
    }
    QString submit(const QString &type, const QJsonObject &body)
    {
        SubmissionError error;
        const auto id = sim.submit(body, context(type, now), &error);
        if (!id)
            qWarning() << "submit refused:" << error.message;
        return id.value_or(QString());
    }
    // one cycle of 1 s wall time = `simSeconds` simulated seconds
    void step(double simSeconds = 10)
    {
        now += 1000;
        const CycleStats stats = sim.step(now, qint64(simSeconds * 1000));
        if (!stats.lastError.isEmpty())
            qWarning() << "scheduler:" << stats.lastError;
    }
    QString phase(const QString &id) const
    {
        return sim.workload(id) ? sim.workload(id)->phase : QStringLiteral("<gone>");
    }
};

} // namespace

class TestClusterSimulation : public QObject
{
    Q_OBJECT

private slots:
    void usesTheRealEngine()
    {
        QCOMPARE(makeClusterScheduler()->name(), QStringLiteral("gpudesk-engine"));
    }

    void nodeSpec_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("poolCount");
        QTest::addColumn<int>("nodeCount");
        QTest::newRow("two pools") << "pool-a:16x8xH100,pool-b:4x8xH100" << true << 2 << 20;
        QTest::newRow("default pool") << "8x8xH100" << true << 1 << 8;
        QTest::newRow("empty") << "" << false << 0 << 0;
        QTest::newRow("no type") << "pool-a:16x8" << false << 0 << 0;
        QTest::newRow("bad pool name") << "Pool_A:1x8xH100" << false << 0 << 0;
        QTest::newRow("duplicate") << "a:1x8xH100,a:2x8xH100" << false << 0 << 0;
        QTest::newRow("zero nodes") << "a:0x8xH100" << false << 0 << 0;
    }
    void nodeSpec()
    {
        QFETCH(QString, spec);
        QFETCH(bool, valid);
        QString error;
        const auto parsed = parseNodeSpec(spec, &error);
        QCOMPARE(parsed.has_value(), valid);
        if (!valid) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QFETCH(int, poolCount);
        QFETCH(int, nodeCount);
        QCOMPARE(int(parsed->size()), poolCount);
        QCOMPARE(int(buildNodes(QStringLiteral("c"), *parsed).size()), nodeCount);
    }

    void duration_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("minutes") << "45m" << qint64(45 * 60000);
        QTest::newRow("hours+minutes") << "1h30m" << qint64(90 * 60000);
        QTest::newRow("seconds") << "90s" << qint64(90000);
        QTest::newRow("plain seconds") << "120" << qint64(120000);
        QTest::newRow("garbage") << "soon" << qint64(-1);
        QTest::newRow("trailing junk") << "5mx" << qint64(-1);
    }
    void duration()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const auto parsed = parseSimDuration(text);
        QCOMPARE(parsed.value_or(-1), ms);
    }

    void badSubmissionsAreRefusedInPlainWords_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("words");
        QJsonObject noName = training(QStringLiteral("x"),
                                      QStringLiteral("pa"),
                                      1,
                                      QStringLiteral("1m"));
        noName.remove(QStringLiteral("name"));
        QTest::newRow("no name") << noName << 400 << "name";
        QTest::newRow("bad name") << training(QStringLiteral("Bad_Name"),
                                              QStringLiteral("pa"),
                                              1,
                                              QStringLiteral("1m"))
                                  << 400 << "not valid";
        QTest::newRow("unknown project")
            << training(QStringLiteral("ok"), QStringLiteral("nope"), 1, QStringLiteral("1m"))
            << 404 << "does not exist";
        QTest::newRow("too many gpus")
            << training(QStringLiteral("ok"), QStringLiteral("pa"), 9, QStringLiteral("1m")) << 400
            << "between 0 and 8";
        QTest::newRow("bad duration")
            << training(QStringLiteral("ok"), QStringLiteral("pa"), 1, QStringLiteral("later"))
            << 400 << "gpudesk.sim/duration";
        QJsonObject badPool = training(QStringLiteral("ok"),
                                       QStringLiteral("pa"),
                                       1,
                                       QStringLiteral("1m"));
        QJsonObject spec = badPool.value(QStringLiteral("spec")).toObject();
        spec.insert(QStringLiteral("nodePools"), QJsonArray {QStringLiteral("pool-z")});
        badPool.insert(QStringLiteral("spec"), spec);
        QTest::newRow("unknown pool") << badPool << 400 << "pool-z";
    }
    void badSubmissionsAreRefusedInPlainWords()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QString, words);
        Sim s(QStringLiteral("default:2x8xH100"), org(QStringLiteral("default"), 8, 8));
        SubmissionError error;
        QVERIFY(!s.sim.submit(body, context(QStringLiteral("trainings"), s.now), &error));
        QCOMPARE(error.status, status);
        QVERIFY2(error.message.contains(words), qPrintable(error.message));
    }

    void trainingGoesThroughEveryPhase()
    {
        Sim s(QStringLiteral("default:2x8xH100"), org(QStringLiteral("default"), 8, 8));
        const QString id = s.submit(QStringLiteral("trainings"),
                                    training(QStringLiteral("t1"),
                                             QStringLiteral("pa"),
                                             4,
                                             QStringLiteral("2m")));
        QVERIFY(!id.isEmpty());
        QStringList seen {s.phase(id)};
        bool sampled = false;
        for (int i = 0; i < 40 && !s.sim.workload(id)->isTerminal(); ++i) {
            s.step(10);
            if (seen.last() != s.phase(id))
                seen.append(s.phase(id));
            if (s.phase(id) == QLatin1String("Running") && !sampled) {
                // GPU utilisation and memory follow the workload: busy on its 4 devices, idle elsewhere
                sampled = true;
                const SimPod &pod = s.sim.workload(id)->pods.first();
                const QVector<GpuSample> samples = s.sim.nodeGpuSamples(s.now);
                for (int n = 0; n < s.sim.nodes().size(); ++n)
                    for (int d = 0; d < s.sim.nodes().at(n).gpuCount; ++d) {
                        const bool ours = s.sim.nodes().at(n).name == pod.nodeName
                                          && pod.gpuDevices.contains(d);
                        QCOMPARE(samples.at(n).utilization.at(d) > 70.0, ours);
                        QCOMPARE(samples.at(n).memoryBytes.at(d) > 40LL * 1024 * 1024 * 1024, ours);
                    }
                QVERIFY(s.sim.workloadGpuUtilization(*s.sim.workload(id), s.now) > 70.0);
            }
        }
        QVERIFY(sampled);
        QCOMPARE(seen,
                 (QStringList {QStringLiteral("Creating"),
                               QStringLiteral("Pending"),
                               QStringLiteral("Initializing"),
                               QStringLiteral("Running"),
                               QStringLiteral("Completed")}));
        const SimWorkload *w = s.sim.workload(id);
        QCOMPARE(w->pods.first().k8sPhase, QStringLiteral("Succeeded"));
        // GPUs are released
        for (const SimNode &n : s.sim.nodes())
            QCOMPARE(s.sim.allocatedGpus(n), 0.0);
        const QVector<LogLine> log = podLog(*w, 0, 1.0);
        QVERIFY(log.size() > 5);
        QVERIFY(log.first().text.contains(QStringLiteral("simulated container")));
        QVERIFY(log.last().text.contains(QStringLiteral("Training finished")));
        bool steps = false;
        for (const LogLine &l : log)
            steps = steps
                    || (l.text.startsWith(QStringLiteral("step "))
                        && l.text.contains(QStringLiteral("loss")));
        QVERIFY(steps);
        // deterministic: the same workload state gives the same log
        QCOMPARE(podLog(*w, 0, 1.0).last().text, log.last().text);
    }

    void forcedFailureLooksReal()
    {
        Sim s(QStringLiteral("default:2x8xH100"), org(QStringLiteral("default"), 8, 8));
        const QString id = s.submit(QStringLiteral("trainings"),
                                    training(QStringLiteral("t-fail"),
                                             QStringLiteral("pa"),
                                             1,
                                             QStringLiteral("5m"),
                                             QStringLiteral("fail")));
        for (int i = 0; i < 60 && !s.sim.workload(id)->isTerminal(); ++i)
            s.step(10);
        QCOMPARE(s.phase(id), QStringLiteral("Failed"));
        QVERIFY(s.sim.workload(id)->phaseMessage.contains(QStringLiteral("Error")));
    }

    void distributedIsPlacedAllOrNothing()
    {
        Sim s(QStringLiteral("default:3x8xH100"), org(QStringLiteral("default"), 24, 0));
        QJsonObject big = training(QStringLiteral("too-big"),
                                   QStringLiteral("pa"),
                                   8,
                                   QStringLiteral("30m"));
        QJsonObject spec = big.value(QStringLiteral("spec")).toObject();
        spec.insert(QStringLiteral("numWorkers"), 3); // 4 pods x 8 GPUs on 3 nodes: never fits
        big.insert(QStringLiteral("spec"), spec);
        const QString bigId = s.submit(QStringLiteral("distributed"), big);
        QJsonObject fits = training(QStringLiteral("fits"),
                                    QStringLiteral("pa"),
                                    8,
                                    QStringLiteral("30m"));
        spec.insert(QStringLiteral("numWorkers"), 2); // 3 pods x 8 GPUs on 3 nodes
        fits.insert(QStringLiteral("spec"), spec);
        for (int i = 0; i < 3; ++i)
            s.step();
        const QString fitsId = s.submit(QStringLiteral("distributed"), fits);
        for (int i = 0; i < 4; ++i)
            s.step();
        const SimWorkload *b = s.sim.workload(bigId);
        QCOMPARE(b->phase, QStringLiteral("Pending"));
        for (const SimPod &pod : b->pods)
            QVERIFY2(pod.nodeName.isEmpty(), "a gang job must not be partly placed");
        QVERIFY(!b->pendingSchedulingMessages.isEmpty());
        QVERIFY(!b->pendingSchedulingMessages.first()
                     .toObject()
                     .value(QStringLiteral("userMessage"))
                     .toString()
                     .isEmpty());
        const SimWorkload *f = s.sim.workload(fitsId);
        QVERIFY2(f->isActive(), qPrintable(f->phase + QLatin1Char(' ') + f->phaseMessage));
        QSet<QString> nodes;
        for (const SimPod &pod : f->pods)
            nodes.insert(pod.nodeName);
        QCOMPARE(nodes.size(), 3);
    }

    void inQuotaJobReclaimsFromOverQuotaProject()
    {
        // project-a has no quota and borrows the whole pool; project-b is entitled to 8 GPUs
        Sim s(QStringLiteral("default:2x8xH100"), org(QStringLiteral("default"), 0, 8));
        const QString a1 = s.submit(QStringLiteral("trainings"),
                                    training(QStringLiteral("a1"),
                                             QStringLiteral("pa"),
                                             8,
                                             QStringLiteral("3h")));
        const QString a2 = s.submit(QStringLiteral("trainings"),
                                    training(QStringLiteral("a2"),
                                             QStringLiteral("pa"),
                                             8,
                                             QStringLiteral("3h")));
        for (int i = 0; i < 6; ++i)
            s.step();
        QVERIFY(s.sim.workload(a1)->isActive());
        QVERIFY(s.sim.workload(a2)->isActive());
        const QString b1 = s.submit(QStringLiteral("trainings"),
                                    training(QStringLiteral("b1"),
                                             QStringLiteral("pb"),
                                             8,
                                             QStringLiteral("1h")));
        for (int i = 0; i < 8 && !s.sim.workload(b1)->isActive(); ++i)
            s.step();
        QVERIFY2(s.sim.workload(b1)->isActive(), qPrintable(s.sim.workload(b1)->phaseMessage));
        const bool a1Evicted = s.phase(a1) == QLatin1String("Pending");
        const bool a2Evicted = s.phase(a2) == QLatin1String("Pending");
        QVERIFY(a1Evicted != a2Evicted); // exactly one victim
        const QString victim = a1Evicted ? a1 : a2;
        bool named = false;
        for (const SimEvent &e : s.sim.eventsOf(victim))
            if (e.reason == QLatin1String("Evict"))
                named = e.message.contains(QStringLiteral("b1"))
                        && e.message.contains(QStringLiteral("project-b"))
                        && e.message.contains(QStringLiteral("project-a"))
                        && e.message.contains(QStringLiteral("reclaimed"));
        QVERIFY2(named, "the eviction event names the reclaimer and the victim's project");
    }

    void stateFileRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sqlite"));
        QString id;
        {
            Sim s(QStringLiteral("default:2x8xH100"), org(QStringLiteral("default"), 8, 8));
            id = s.submit(QStringLiteral("trainings"),
                          training(QStringLiteral("keep"),
                                   QStringLiteral("pa"),
                                   2,
                                   QStringLiteral("1h")));
            for (int i = 0; i < 6; ++i)
                s.step();
            QVERIFY(s.sim.workload(id)->isActive());
            ClusterStore store;
            QCOMPARE(store.open(path), QString());
            QVector<const SimWorkload *> changed;
            for (const QString &c : s.sim.takeChangedForStore())
                changed.append(s.sim.workload(c));
            QVERIFY(store.save(changed, {}, s.sim.takeEventsForStore()));
            QVERIFY(store.setValue(QStringLiteral("syncToken"), QStringLiteral("t")));
        }
        ClusterStore store;
        QCOMPARE(store.open(path), QString());
        QCOMPARE(store.value(QStringLiteral("syncToken")), QStringLiteral("t"));
        Sim again(QStringLiteral("default:2x8xH100"), org(QStringLiteral("default"), 8, 8));
        again.sim.restore(store.loadWorkloads(), store.loadEvents());
        const SimWorkload *w = again.sim.workload(id);
        QVERIFY(w);
        QVERIFY(w->isActive());
        QVERIFY(!again.sim.eventsOf(id).isEmpty());
        double allocated = 0;
        for (const SimNode &n : again.sim.nodes())
            allocated += again.sim.allocatedGpus(n);
        QCOMPARE(allocated, 2.0); // its GPUs are held again after the restart
    }
};

QTEST_GUILESS_MAIN(TestClusterSimulation)
#include "tst_clustersimulation.moc"
