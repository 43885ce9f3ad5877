// Min-runtime protection (scheduling.md §12): when the victim lists may skip the per-job check.
// anyProtection() must be false only when no victim of the action can be protected.
#include "whatiffixtures.h"

#include "framework/session.h"
#include "plugins/minruntime/minruntime.h"

#include <QTest>

using namespace gpudesk::engine;

class TestMinRuntime : public QObject
{
    Q_OBJECT
private slots:
    void anyProtection_data();
    void anyProtection();
};

void TestMinRuntime::anyProtection_data()
{
    QTest::addColumn<bool>("plugin");
    QTest::addColumn<double>("defaultReclaim");
    QTest::addColumn<double>("queueReclaim"); // project-a's own value (-1: the default)
    QTest::addColumn<double>("defaultPreempt");
    QTest::addColumn<double>("queuePreempt");
    QTest::addColumn<bool>("reclaimProtects"); // some project-a job is protected from project-b
    QTest::addColumn<bool>("preemptProtects");
    QTest::addColumn<bool>("reclaimPossible"); // anyProtection(reclaim)
    QTest::addColumn<bool>("preemptPossible");

    // project-a's jobs have run for 600 s.
    QTest::newRow("defaults: nothing protected")
        << true << 0.0 << -1.0 << 0.0 << -1.0 << false << false << false << false;
    QTest::newRow("reclaim default 1 h")
        << true << 3600.0 << -1.0 << 0.0 << -1.0 << true << false << true << false;
    QTest::newRow("preempt default 1 h")
        << true << 0.0 << -1.0 << 3600.0 << -1.0 << false << true << false << true;
    QTest::newRow("queue sets reclaim 1 h")
        << true << 0.0 << 3600.0 << 0.0 << -1.0 << true << false << true << false;
    QTest::newRow("queue sets preempt 1 h")
        << true << 0.0 << -1.0 << 0.0 << 3600.0 << false << true << false << true;
    // Conservative: a positive default anywhere keeps the per-job check.
    QTest::newRow("queue 0 overrides default 1 h")
        << true << 3600.0 << 0.0 << 0.0 << -1.0 << false << false << true << false;
    QTest::newRow("plugin off") << false << 3600.0 << 3600.0 << 3600.0 << 3600.0 << false << false
                                << false << false;
    // A min runtime the victims already passed: protection is possible, just not for them.
    QTest::newRow("reclaim default 5 min")
        << true << 300.0 << -1.0 << 0.0 << -1.0 << false << false << true << false;
}

void TestMinRuntime::anyProtection()
{
    QFETCH(bool, plugin);
    QFETCH(double, defaultReclaim);
    QFETCH(double, queueReclaim);
    QFETCH(double, defaultPreempt);
    QFETCH(double, queuePreempt);
    QFETCH(bool, reclaimProtects);
    QFETCH(bool, preemptProtects);
    QFETCH(bool, reclaimPossible);
    QFETCH(bool, preemptPossible);

    Snapshot snapshot = whatiffixtures::parse(whatiffixtures::kReclaimSnapshot);
    snapshot.config.plugins.minruntime = plugin;
    snapshot.config.plugins.defaultReclaimMinRuntimeSeconds = defaultReclaim;
    snapshot.config.plugins.defaultPreemptMinRuntimeSeconds = defaultPreempt;
    int projectA = -1, projectB = -1;
    for (std::size_t q = 0; q < snapshot.queues.size(); ++q) {
        if (snapshot.queues[q].name == "project-a") {
            projectA = int(q);
            snapshot.queues[q].reclaimMinRuntimeSeconds = queueReclaim;
            snapshot.queues[q].preemptMinRuntimeSeconds = queuePreempt;
        } else if (snapshot.queues[q].name == "project-b") {
            projectB = int(q);
        }
    }
    QVERIFY(projectA >= 0 && projectB >= 0);
    const Session session(snapshot);

    bool reclaimProtected = false, preemptProtected = false;
    for (std::size_t j = 0; j < session.snapshot().jobs.size(); ++j) {
        if (session.snapshot().jobs[j].queue != projectA)
            continue;
        reclaimProtected = reclaimProtected
                           || minruntime::protectedFromReclaim(session, int(j), projectB);
        preemptProtected = preemptProtected || minruntime::protectedFromPreempt(session, int(j));
    }
    QCOMPARE(reclaimProtected, reclaimProtects);
    QCOMPARE(preemptProtected, preemptProtects);
    QCOMPARE(minruntime::anyProtection(session, false), reclaimPossible);
    QCOMPARE(minruntime::anyProtection(session, true), preemptPossible);
}

QTEST_APPLESS_MAIN(TestMinRuntime)
#include "tst_minruntime.moc"
