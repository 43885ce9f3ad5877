// What-if comparison and determinism of the engine (issue 3).
#include "benchshapes.h"
#include "engine.h"
#include "whatif/steadystate.h"
#include "whatiffixtures.h"

#include <QTest>

using namespace gpudesk::engine;
using namespace whatiffixtures;

namespace {

Snapshot namedSnapshot(const QString &name)
{
    if (name == QLatin1String("one-node"))
        return parse(kSnapshot);
    if (name == QLatin1String("reclaim"))
        return parse(kReclaimSnapshot);
    return parse(kMixedSnapshot);
}

// The cluster as the console sends it: the snapshot after the cluster's scheduler ran it.
Snapshot steady(Snapshot s)
{
    s.config.useSchedulingSignatures = true;
    SteadyState st = runToSteadyState(std::move(s));
    if (!st.converged)
        qFatal("test snapshot does not converge");
    return st.takeNextState();
}

QString outcomeOf(const Comparison &c, const std::string &job)
{
    for (const auto &j : c.jobs) {
        if (j.job == job)
            return QString::fromStdString(std::string(toString(j.outcome)));
    }
    return QStringLiteral("(no row)");
}

// Every field of both comparisons, row by row; the first difference in words.
QString firstDifference(const Comparison &x, const Comparison &y)
{
    if (x.jobs.size() != y.jobs.size())
        return QStringLiteral("job row counts differ");
    for (std::size_t i = 0; i < x.jobs.size(); ++i) {
        const auto &a = x.jobs[i];
        const auto &b = y.jobs[i];
        const QString job = QString::fromStdString(a.job);
        if (a.job != b.job)
            return QStringLiteral("row %1: %2 vs %3").arg(i).arg(job, QString::fromStdString(b.job));
        if (a.outcome != b.outcome)
            return job + QStringLiteral(": outcome ")
                   + QString::fromStdString(std::string(toString(a.outcome)))
                   + QStringLiteral(" vs ")
                   + QString::fromStdString(std::string(toString(b.outcome)));
        if (a.statusBefore != b.statusBefore || a.statusAfter != b.statusAfter)
            return job + QStringLiteral(": status");
        if (a.reasonBefore != b.reasonBefore || a.reasonAfter != b.reasonAfter)
            return job + QStringLiteral(": reason");
        if (a.messageBefore != b.messageBefore || a.messageAfter != b.messageAfter)
            return job + QStringLiteral(": message ") + QString::fromStdString(a.messageAfter)
                   + QStringLiteral(" vs ") + QString::fromStdString(b.messageAfter);
    }
    if (x.queues.size() != y.queues.size())
        return QStringLiteral("queue row counts differ");
    for (std::size_t i = 0; i < x.queues.size(); ++i) {
        const auto &a = x.queues[i];
        const auto &b = y.queues[i];
        auto same = [](const Resources &r, const Resources &s) {
            return r.gpu == s.gpu && r.cpu == s.cpu && r.memory == s.memory;
        };
        if (a.queue != b.queue || !same(a.fairShareBefore, b.fairShareBefore)
            || !same(a.fairShareAfter, b.fairShareAfter)
            || !same(a.allocatedBefore, b.allocatedBefore)
            || !same(a.allocatedAfter, b.allocatedAfter))
            return QString::fromStdString(a.queue) + QStringLiteral(": fair share or allocation");
    }
    return {};
}

Snapshot snapshot()
{
    auto r = parseSnapshotJson(kSnapshot);
    if (!r)
        qFatal("%s", r.error().c_str());
    return r.value();
}

const JobComparison *findJob(const Comparison &c, const std::string &name)
{
    for (const auto &j : c.jobs) {
        if (j.job == name)
            return &j;
    }
    return nullptr;
}

} // namespace

class TestWhatIf : public QObject
{
    Q_OBJECT
private slots:
    void compareChanges_data();
    void compareChanges();
    void unknownQueueIsAnError();
    void sharedBaselineMatchesNaive_data();
    void sharedBaselineMatchesNaive();
    void sharedBaselineChargesEvictionsToTheChange();
    void steadyInputConvergesInFewRounds();
    void startInBaselineAnywayIsNotTheChange_data();
    void startInBaselineAnywayIsNotTheChange();
    void sharedMatchesNaiveOnBenchCluster_data();
    void sharedMatchesNaiveOnBenchCluster();
    void roundsStopAtARepeatedPlacement();
    void sameInputSameBytes();
};

void TestWhatIf::compareChanges_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("bOutcome");
    QTest::addColumn<QString>("aOutcome");
    QTest::addColumn<double>("bFairShareAfter");

    // Quotas are over-subscribed then (4 + 2 on 4 GPUs): project-a is not above its fair share
    // of 4, so reclaim is not allowed (§8.3) and b keeps waiting although its share is 2.
    QTest::newRow("quota for project-b alone: over-subscribed, b still waits")
        << int(Change::Kind::QuotaEdit) << "stays_pending"
        << "stays_running" << 2.0;
    QTest::newRow("add a node: b starts, a keeps running") << int(Change::Kind::NodeAdd) << "starts"
                                                           << "stays_running" << 0.0;
    QTest::newRow("delete a-run: b starts") << int(Change::Kind::WorkloadDelete) << "starts"
                                            << "removed" << 0.0;
    QTest::newRow("cordon the node: b stays pending")
        << int(Change::Kind::NodeCordon) << "stays_pending"
        << "stays_running" << 0.0;
}

void TestWhatIf::compareChanges()
{
    QFETCH(int, kind);
    QFETCH(QString, bOutcome);
    QFETCH(QString, aOutcome);
    QFETCH(double, bFairShareAfter);

    Change c;
    c.kind = Change::Kind(kind);
    switch (c.kind) {
    case Change::Kind::QuotaEdit:
        c.name = "project-b";
        c.deserved = Resources {2, -1, -1};
        break;
    case Change::Kind::NodeAdd:
        c.node.name = "node1";
        c.node.gpus = 4;
        break;
    case Change::Kind::WorkloadDelete:
        c.name = "a-run";
        break;
    default:
        c.name = "node0";
        break;
    }
    const CompareResult r = compare(snapshot(), {c});
    QVERIFY2(r.error.empty(), r.error.c_str());
    const JobComparison *b = findJob(r.comparison, "b-job");
    const JobComparison *a = findJob(r.comparison, "a-run");
    QVERIFY(a && b);
    QCOMPARE(QString::fromStdString(std::string(toString(b->outcome))), bOutcome);
    QCOMPARE(QString::fromStdString(std::string(toString(a->outcome))), aOutcome);
    QCOMPARE(QString::fromStdString(b->statusBefore), QStringLiteral("pending"));
    QVERIFY(!b->reasonBefore.empty());
    for (const auto &q : r.comparison.queues) {
        if (q.queue == "project-b")
            QCOMPARE(q.fairShareAfter.gpu + 1, bFairShareAfter + 1);
    }
}

void TestWhatIf::unknownQueueIsAnError()
{
    Change c;
    c.kind = Change::Kind::QuotaEdit;
    c.name = "nope";
    const CompareResult r = compare(snapshot(), {c});
    QCOMPARE(QString::fromStdString(r.error), QStringLiteral("no queue named nope"));
}

void TestWhatIf::sharedBaselineMatchesNaive_data()
{
    QTest::addColumn<QString>("snapshotName");
    QTest::addColumn<bool>("steadyInput"); // run the snapshot to a steady state first (realistic)
    QTest::addColumn<QStringList>("changes");
    QTest::addColumn<QString>("job");     // a job whose outcome the row also pins down
    QTest::addColumn<QString>("outcome"); // its outcome (both ways)

    const struct
    {
        const char *snapshot;
        bool steady;
        QStringList changes;
        const char *job;
        const char *outcome;
    } rows[] = {
        {"one-node", false, {QStringLiteral("quota:project-b:2")}, "b-job", "stays_pending"},
        {"one-node", false, {QStringLiteral("add-node:node1:4")}, "b-job", "starts"},
        {"one-node", false, {QStringLiteral("delete:a-run")}, "b-job", "starts"},
        {"one-node", false, {QStringLiteral("suspend:a-run")}, "a-run", "removed"},
        {"one-node", false, {QStringLiteral("remove-node:node0")}, "a-run", "evicted"},
        {"one-node", false, {QStringLiteral("submit:new:project-a:2:1")}, "new", "stays_pending"},
        {"reclaim", true, {QStringLiteral("quota:project-b:6")}, "b-1", "stays_running"},
        {"reclaim", true, {QStringLiteral("add-node:node2:4")}, "a-5", "starts"},
        {"reclaim", true, {QStringLiteral("remove-node:node1")}, "b-0", "evicted"},
        {"reclaim", true, {QStringLiteral("cordon:node1")}, "b-0", "stays_running"},
        {"reclaim", true, {QStringLiteral("delete:b-0")}, "b-0", "removed"},
        {"reclaim", true, {QStringLiteral("submit:b-2:project-b:1:1")}, "b-2", "stays_pending"},
        {"reclaim",
         true,
         {QStringLiteral("add-node:node2:4"), QStringLiteral("quota:project-a:8")},
         "a-5",
         "starts"},
        {"mixed", true, {QStringLiteral("add-node:n3:4")}, "p1-more", "starts"},
        {"mixed", true, {QStringLiteral("quota:p2:8")}, "p2-small", "stays_pending"},
        {"mixed", true, {QStringLiteral("delete:p1-train")}, "p1-more", "starts"},
        {"mixed", true, {QStringLiteral("suspend:p1-frac")}, "p1-frac", "removed"},
        {"mixed", true, {QStringLiteral("cordon:n2")}, "p1-frac", "stays_running"},
        {"mixed", true, {QStringLiteral("remove-node:n2")}, "p2-gang", "evicted"},
        {"mixed", true, {QStringLiteral("submit:p1-gang:p1:4:2")}, "p1-gang", "stays_pending"},
        {"mixed", false, {QStringLiteral("add-node:n3:4")}, "p1-more", "starts"},
        {"mixed", false, {QStringLiteral("delete:p1-train")}, "p1-more", "starts"},
    };
    for (const auto &r : rows) {
        const QString label = QStringLiteral("%1%2: %3")
                                  .arg(QLatin1String(r.snapshot),
                                       r.steady ? QStringLiteral(" (steady)") : QString(),
                                       r.changes.join(QStringLiteral(", ")));
        QTest::newRow(qPrintable(label))
            << QString::fromLatin1(r.snapshot) << r.steady << r.changes
            << QString::fromLatin1(r.job) << QString::fromLatin1(r.outcome);
    }
}

// The shared-baseline way (after side from the baseline's steady state) gives the same per-job and
// per-queue comparison as running both sides from the snapshot, on snapshots whose baseline does
// not evict anything on its way to the steady state (above all the realistic case, a snapshot the
// cluster's scheduler already ran).
void TestWhatIf::sharedBaselineMatchesNaive()
{
    QFETCH(QString, snapshotName);
    QFETCH(bool, steadyInput);
    QFETCH(QStringList, changes);
    QFETCH(QString, job);
    QFETCH(QString, outcome);

    Snapshot input = namedSnapshot(snapshotName);
    if (steadyInput)
        input = steady(std::move(input));
    std::vector<Change> cs;
    for (const QString &c : std::as_const(changes))
        cs.push_back(parseChange(c));
    CompareOptions shared;
    CompareOptions naive;
    naive.sharedBaseline = false;
    const CompareResult a = compare(input, cs, shared);
    const CompareResult b = compare(input, cs, naive);
    QVERIFY2(a.error.empty(), a.error.c_str());
    QVERIFY2(b.error.empty(), b.error.c_str());
    QVERIFY(a.stats.convergedBefore && a.stats.convergedAfter);
    QVERIFY(b.stats.convergedBefore && b.stats.convergedAfter);
    const QString diff = firstDifference(a.comparison, b.comparison);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(outcomeOf(a.comparison, job.toStdString()), outcome);
    // The after side run alongside the baseline (used when the snapshot is a steady state) and
    // the one run from the baseline's steady state give the same.
    CompareOptions sequential;
    sequential.parallel = false;
    const CompareResult c = compare(input, cs, sequential);
    QVERIFY2(c.error.empty(), c.error.c_str());
    const QString seqDiff = firstDifference(a.comparison, c.comparison);
    QVERIFY2(seqDiff.isEmpty(), qPrintable(seqDiff));
    QCOMPARE(a.stats.roundsAfter, c.stats.roundsAfter);
    QVERIFY(!c.stats.afterRanAlongside);
    if (steadyInput)
        QVERIFY(a.stats.afterRanAlongside);
    if (steadyInput)
        QCOMPARE(a.stats.roundsBefore, 1); // a steady input: one round that changes nothing
}

// Where the two ways differ, the shared baseline is the right one: in the reclaim snapshot b-1
// starts in the baseline by reclaiming from project-a; with project-b's quota cut to 0 the change
// takes GPUs back from project-b. The naive way never starts b's jobs on the after side, so it
// cannot say that the change reclaims one of them.
void TestWhatIf::sharedBaselineChargesEvictionsToTheChange()
{
    const Snapshot input = parse(kReclaimSnapshot);
    const std::vector<Change> cs {parseChange(QStringLiteral("quota:project-b:0"))};
    const CompareResult r = compare(input, cs);
    QVERIFY2(r.error.empty(), r.error.c_str());
    int reclaimedB = 0, runningBefore = 0;
    for (const auto &j : r.comparison.jobs) {
        if (j.job.rfind("b-", 0) != 0)
            continue;
        runningBefore += j.statusBefore == "running";
        reclaimedB += j.outcome == JobOutcome::Reclaimed;
        if (j.outcome == JobOutcome::Reclaimed) {
            QCOMPARE(j.statusAfter, std::string("pending"));
            QVERIFY(!j.messageAfter.empty());
        }
    }
    QCOMPARE(runningBefore, 2); // both of project-b's jobs run in the baseline
    QCOMPARE(reclaimedB, 1);    // fair share 2 of 8 after the cut: one 2-GPU job goes back

    CompareOptions naive;
    naive.sharedBaseline = false;
    const CompareResult n = compare(input, cs, naive);
    QVERIFY2(n.error.empty(), n.error.c_str());
    for (const auto &j : n.comparison.jobs)
        QVERIFY2(j.outcome != JobOutcome::Reclaimed, j.job.c_str());
}

// A snapshot that is already a steady state needs one baseline round; a quota edit's after side
// converges in a few rounds from there (the naive way replays the whole way to the steady state).
void TestWhatIf::steadyInputConvergesInFewRounds()
{
    const Snapshot input = steady(parse(kReclaimSnapshot));
    const CompareResult r = compare(input, {parseChange(QStringLiteral("quota:project-b:6"))});
    QVERIFY2(r.error.empty(), r.error.c_str());
    QCOMPARE(r.stats.roundsBefore, 1);
    QVERIFY(r.stats.convergedAfter);
    QVERIFY2(r.stats.roundsAfter <= 3, qPrintable(QString::number(r.stats.roundsAfter)));
}

void TestWhatIf::startInBaselineAnywayIsNotTheChange_data()
{
    QTest::addColumn<bool>("sharedBaseline");
    QTest::newRow("shared baseline") << true;
    QTest::newRow("naive") << false;
}

// The mixed snapshot as sent has p2-gang pending although n1 is free: the baseline starts it
// anyway. Adding a 4-GPU node then starts p1-more; p2-gang is "stays running", not "starts".
void TestWhatIf::startInBaselineAnywayIsNotTheChange()
{
    QFETCH(bool, sharedBaseline);
    CompareOptions options;
    options.sharedBaseline = sharedBaseline;
    const CompareResult r = compare(parse(kMixedSnapshot),
                                    {parseChange(QStringLiteral("add-node:n3:4"))},
                                    options);
    QVERIFY2(r.error.empty(), r.error.c_str());
    QVERIFY(r.stats.roundsBefore > 1); // not a steady state as sent
    const JobComparison *gang = findJob(r.comparison, "p2-gang");
    QVERIFY(gang);
    QCOMPARE(gang->statusBefore, std::string("running"));
    QCOMPARE(outcomeOf(r.comparison, "p2-gang"), QStringLiteral("stays_running"));
    QCOMPARE(outcomeOf(r.comparison, "p1-more"), QStringLiteral("starts"));
}

void TestWhatIf::sharedMatchesNaiveOnBenchCluster_data()
{
    QTest::addColumn<int>("nodes");
    QTest::addColumn<QString>("change");
    QTest::addColumn<bool>("somethingChanges"); // some job starts or is evicted
    for (int nodes : {6, 12, 24}) {
        const QString n = QString::number(nodes);
        // project-0 deserves 0.8 x 8 x nodes / 8 GPUs; double it.
        const QString quota = QStringLiteral("quota:project-0:") + QString::number(1.6 * nodes);
        QTest::newRow(qPrintable(n + QStringLiteral(" nodes, ") + quota)) << nodes << quota << true;
        QTest::newRow(qPrintable(n + QStringLiteral(" nodes, add a node")))
            << nodes << QStringLiteral("add-node:node-new:8") << true;
        QTest::newRow(qPrintable(n + QStringLiteral(" nodes, remove a node")))
            << nodes << QStringLiteral("remove-node:node-00001") << true;
        QTest::newRow(qPrintable(n + QStringLiteral(" nodes, cordon a node")))
            << nodes << QStringLiteral("cordon:node-00000") << false;
        QTest::newRow(qPrintable(n + QStringLiteral(" nodes, submit a gang")))
            << nodes << QStringLiteral("submit:new-gang:project-1:8:2") << false;
    }
}

// The what-if bench's cluster (mixed whole / 4-GPU / quarter-GPU / CPU-only pods, gangs, two
// departments of four projects, production settings) run to a steady state, as the console
// sends it: the shared-baseline way and the naive way give the same comparison in every field.
void TestWhatIf::sharedMatchesNaiveOnBenchCluster()
{
    QFETCH(int, nodes);
    QFETCH(QString, change);
    QFETCH(bool, somethingChanges);

    gpudesk::sim::BenchShape shape;
    QVERIFY(gpudesk::sim::makeBenchShape("whatif", nodes, 1, shape));
    shape.snapshot.config.maxConsolidationPreemptees = 16;
    shape.snapshot.config.useSchedulingSignatures = true;
    shape.snapshot.config.stalenessGracePeriodSeconds = 60;
    SteadyState prepared = runToSteadyState(std::move(shape.snapshot), 50);
    QVERIFY(prepared.converged);
    const Snapshot cluster = prepared.takeNextState();

    const std::vector<Change> cs {parseChange(change)};
    CompareOptions naive;
    naive.sharedBaseline = false;
    const CompareResult a = compare(cluster, cs);
    const CompareResult b = compare(cluster, cs, naive);
    QVERIFY2(a.error.empty(), a.error.c_str());
    QVERIFY2(b.error.empty(), b.error.c_str());
    QCOMPARE(a.stats.roundsBefore, 1);
    QCOMPARE(a.stats.convergedAfter, b.stats.convergedAfter);
    const QString diff = firstDifference(a.comparison, b.comparison);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QVERIFY(a.stats.afterRanAlongside);
    CompareOptions sequential;
    sequential.parallel = false;
    const CompareResult c = compare(cluster, cs, sequential);
    const QString seqDiff = firstDifference(a.comparison, c.comparison);
    QVERIFY2(seqDiff.isEmpty(), qPrintable(seqDiff));
    QCOMPARE(a.stats.roundsAfter, c.stats.roundsAfter);
    int changed = 0;
    for (const auto &j : a.comparison.jobs)
        changed += j.outcome != JobOutcome::StaysPending && j.outcome != JobOutcome::StaysRunning
                   && j.outcome != JobOutcome::New;
    if (somethingChanges)
        QVERIFY(changed > 0);
}

// On the 100-node bench cluster, doubling project-0's quota sends the rounds into a cycle (jobs
// of two projects take the same GPUs back and forth). The rounds stop at the first repeated
// placement instead of running to maxRounds, and the reported cycle is real: from the state the
// rounds stopped in, that many more rounds give the same placement back.
void TestWhatIf::roundsStopAtARepeatedPlacement()
{
    gpudesk::sim::BenchShape shape;
    QVERIFY(gpudesk::sim::makeBenchShape("whatif", 100, 1, shape));
    shape.snapshot.config.maxConsolidationPreemptees = 16;
    shape.snapshot.config.useSchedulingSignatures = true;
    shape.snapshot.config.stalenessGracePeriodSeconds = 60;
    SteadyState prepared = runToSteadyState(std::move(shape.snapshot), 50);
    QVERIFY(prepared.converged);
    Snapshot after = prepared.takeNextState();
    QVERIFY(applyChanges(after, {parseChange(QStringLiteral("quota:project-0:160"))}).empty());

    const int maxRounds = 40;
    SteadyState st = runToSteadyState(std::move(after), maxRounds);
    QVERIFY(!st.converged);
    QVERIFY(st.cycleLength >= 2);
    QVERIFY(st.rounds < maxRounds);
    const int length = st.cycleLength;
    const Snapshot inCycle = st.takeNextState();
    SteadyState again = runToSteadyState(inCycle, length);
    QCOMPARE(again.rounds, length);
    QCOMPARE(again.cycleLength, length);
    const Snapshot back = again.takeNextState();
    for (std::size_t t = 0; t < back.tasks.size(); ++t) {
        QCOMPARE(int(back.tasks[t].status), int(inCycle.tasks[t].status));
        QCOMPARE(back.tasks[t].node, inCycle.tasks[t].node);
    }
}

void TestWhatIf::sameInputSameBytes()
{
    const auto first = runScenarioJson(kSnapshot);
    QVERIFY2(first.ok(), first ? "" : first.error().c_str());
    for (int i = 0; i < 5; ++i) {
        const auto again = runScenarioJson(kSnapshot);
        QVERIFY(again.ok());
        QCOMPARE(again.value(), first.value());
    }
    QVERIFY(first.value().find("\"reason\"") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestWhatIf)
#include "tst_whatif.moc"
