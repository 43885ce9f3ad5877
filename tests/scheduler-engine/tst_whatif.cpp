// What-if comparison, forecast and determinism of the engine (issue 3).
#include "engine.h"

#include <QTest>

using namespace gpudesk::engine;

namespace {

// One 4-GPU node; project-a runs a 4-GPU job, project-b (no quota) waits with a 2-GPU job.
const char *kSnapshot = R"({"schema": "kai-scenario/1", "name": "whatif",
 "run": {"mode": "single_action", "actions": ["allocate","consolidation","reclaim","preempt","stalegangeviction"]},
 "nodes": [{"name": "node0", "gpus": 4}],
 "queues": [{"name": "dept", "gpu": {"deserved": -1, "limit": -1, "over_quota_weight": 1}},
            {"name": "project-a", "parent": "dept", "gpu": {"deserved": 4, "over_quota_weight": 1}},
            {"name": "project-b", "parent": "dept", "gpu": {"deserved": 0, "over_quota_weight": 0}}],
 "jobs": [{"name": "a-run", "queue": "project-a", "priority": 50, "type": "train",
           "expected_duration_seconds": 3600, "running_since_seconds": 600,
           "tasks": [{"gpus": 4, "status": "running", "node": "node0"}]},
          {"name": "b-job", "queue": "project-b", "priority": 50, "type": "train",
           "expected_duration_seconds": 1800, "tasks": [{"gpus": 2}]}]})";

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
    void forecastStartAfterRunningJobEnds();
    void forecastHypotheticalJob();
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

void TestWhatIf::forecastStartAfterRunningJobEnds()
{
    const auto f = forecast(snapshot(), ForecastOptions {});
    QCOMPARE(f.size(), std::size_t(2));
    QCOMPARE(f[0].job, std::string("a-run"));
    QVERIFY(f[0].runningNow);
    QCOMPARE(f[0].estimatedEndSeconds, 3000.0); // 3600 expected, 600 already run
    QCOMPARE(f[1].job, std::string("b-job"));
    QVERIFY(!f[1].runningNow);
    QCOMPARE(f[1].estimatedStartSeconds, 3000.0);
    QCOMPARE(f[1].estimatedEndSeconds, 4800.0);
}

void TestWhatIf::forecastHypotheticalJob()
{
    Change c;
    c.kind = Change::Kind::WorkloadSubmit;
    c.job.name = "new-job";
    c.job.queueName = "project-b";
    c.job.expectedDurationSeconds = 100;
    Task t;
    t.id = "new-job-0";
    t.kind = GpuRequestKind::Whole;
    t.request = Resources {2, 1000, 1e9};
    c.tasks.push_back(t);
    const auto f = forecast(snapshot(), ForecastOptions {}, c);
    QCOMPARE(f.size(), std::size_t(3));
    QCOMPARE(f[2].job, std::string("new-job"));
    // The node frees at 3000 s: both 2-GPU jobs of project-b fit then.
    QCOMPARE(f[2].estimatedStartSeconds, 3000.0);
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
