// The victim order kept across preemptors (VictimOrderCache): a walk of the victim queue with
// the kept leaf orders must hand out exactly the units of a walk that keys every leaf afresh,
// at the start and after committed statements that evict and re-place victims (the cache is
// told only which jobs changed).
#include "benchshapes.h"

#include "actions/common/victimqueue.h"
#include "framework/joborder.h"
#include "framework/statement.h"

#include <QTest>

#include <utility>
#include <vector>

using namespace gpudesk::engine;

namespace {

using Units = std::vector<std::pair<int, std::vector<int>>>; // (job, tasks) per unit

Units walk(const Session &s, const VictimLists &lists, VictimOrderCache *cache)
{
    VictimQueue queue(s, lists, {}, jobTieBreakRanks(s), cache);
    Units out;
    for (VictimUnit u = queue.next(); u.job >= 0; u = queue.next())
        out.emplace_back(u.job, std::vector<int>(u.tasks.begin(), u.tasks.end()));
    return out;
}

void commitTellingCache(Statement &stmt, const Session &s, VictimOrderCache &cache)
{
    stmt.forEachChangedTask(
        [&](int t) { cache.jobChanged(s.snapshot().tasks[std::size_t(t)].job); });
    stmt.commit();
}

} // namespace

class TestVictimOrder : public QObject
{
    Q_OBJECT
private slots:
    void keptOrderMatchesFreshOrder_data();
    void keptOrderMatchesFreshOrder();
};

void TestVictimOrder::keptOrderMatchesFreshOrder_data()
{
    QTest::addColumn<QString>("shape");
    QTest::addColumn<int>("nodes");
    QTest::addColumn<unsigned>("seed");
    QTest::addColumn<int>("every"); // the statements touch every n-th job with active tasks

    QTest::newRow("large 20 nodes, every 3rd job") << "large" << 20 << 1u << 3;
    QTest::newRow("large 20 nodes seed 7, every 2nd job") << "large" << 20 << 7u << 2;
    QTest::newRow("full-cycle 30 nodes, every 5th job") << "full-cycle" << 30 << 1u << 5;
    QTest::newRow("whatif 12 nodes, every job") << "whatif" << 12 << 3u << 1;
}

void TestVictimOrder::keptOrderMatchesFreshOrder()
{
    QFETCH(QString, shape);
    QFETCH(int, nodes);
    QFETCH(unsigned, seed);
    QFETCH(int, every);

    gpudesk::sim::BenchShape bench;
    QVERIFY(gpudesk::sim::makeBenchShape(shape.toStdString(), nodes, seed, bench));
    Session s(std::move(bench.snapshot));
    // Per leaf queue its preemptible jobs in index order, as reclaim hands them over.
    std::vector<std::vector<int>> byQueue(s.queues.size());
    for (std::size_t j = 0; j < s.jobBrief.size(); ++j) {
        if (s.jobBrief[j].queue >= 0 && s.jobBrief[j].preemptible)
            byQueue[std::size_t(s.jobBrief[j].queue)].push_back(int(j));
    }
    VictimLists lists;
    for (const auto &list : byQueue) {
        if (!list.empty())
            lists.emplace_back(list);
    }
    VictimOrderCache cache(s, jobTieBreakRanks(s));
    const Units initial = walk(s, lists, &cache);
    QVERIFY(initial.size() > 10);
    QCOMPARE(initial, walk(s, lists, nullptr));

    // Evict every n-th victim job: whole one-task jobs leave the order, gangs above their
    // minimum change elastic state or give fewer units.
    Statement evictions(s);
    std::vector<int> evicted;
    int seen = 0;
    for (const auto &list : byQueue) {
        for (int j : list) {
            if (s.activeAllocatedCount(j) == 0 || seen++ % every != 0)
                continue;
            for (int t : s.snapshot().jobs[std::size_t(j)].tasks) {
                if (isActiveAllocated(s.snapshot().tasks[std::size_t(t)].status)) {
                    evictions.evict(t);
                    evicted.push_back(t);
                    if (evicted.size() % 2 == 0) // every other job keeps some tasks
                        break;
                }
            }
        }
    }
    QVERIFY(!evicted.empty());
    commitTellingCache(evictions, s, cache);
    const Units afterEvictions = walk(s, lists, nullptr);
    QVERIFY(afterEvictions != initial);
    QCOMPARE(walk(s, lists, &cache), afterEvictions);

    // Pipeline every other evicted task back onto its node: those jobs re-enter the order.
    Statement returns(s);
    for (std::size_t i = 0; i < evicted.size(); i += 2) {
        // Copies: placing a releasing task rewrites its node and groups first.
        const Task task = s.snapshot().tasks[std::size_t(evicted[i])];
        returns.pipeline(evicted[i], task.node, task.gpuGroups);
    }
    commitTellingCache(returns, s, cache);
    const Units afterReturns = walk(s, lists, nullptr);
    QVERIFY(afterReturns != afterEvictions);
    QCOMPARE(walk(s, lists, &cache), afterReturns);
    // A cache built fresh in this state agrees too.
    VictimOrderCache fresh(s, jobTieBreakRanks(s));
    QCOMPARE(walk(s, lists, &fresh), afterReturns);
}

QTEST_GUILESS_MAIN(TestVictimOrder)
#include "tst_victimorder.moc"
