// The quota usage index (org/workloadusage.h) kept by the Store as workloads are written: after any
// sequence of upserts, phase changes, pool moves, resource and project changes, deletions and
// removals, it equals a full recomputation over every workload, and it reports the projects whose
// usage a write changed (the presentation cache drops exactly those). The active-workload counts per
// cluster and pool (cluster metrics samples) are checked the same way.

#include "core/store.h"
#include "org/workloadusage.h"
#include "storage/database.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using gpudesk::core::Store;
using gpudesk::core::org::PoolUsage;
using gpudesk::core::org::UsageTable;
using gpudesk::core::org::WorkloadUsageIndex;

namespace {

// One line per project and pool, sorted: a readable diff when two tables differ.
QString describe(const UsageTable &table)
{
    QStringList lines;
    for (auto project = table.constBegin(); project != table.constEnd(); ++project)
        for (auto pool = project->constBegin(); pool != project->constEnd(); ++pool) {
            const auto &u = pool.value();
            lines.append(QStringLiteral("%1/%2 n=%3 alloc=%4,%5,%6 nonpre=%7,%8,%9 req=%10,%11,%12")
                             .arg(project.key(), pool.key())
                             .arg(u.workloads)
                             .arg(u.allocated.gpu)
                             .arg(u.allocated.cpu)
                             .arg(u.allocated.memory)
                             .arg(u.allocatedNonPreemptible.gpu)
                             .arg(u.allocatedNonPreemptible.cpu)
                             .arg(u.allocatedNonPreemptible.memory)
                             .arg(u.requested.gpu)
                             .arg(u.requested.cpu)
                             .arg(u.requested.memory));
        }
    lines.sort();
    return lines.join(QLatin1Char('\n'));
}

// Random workload documents in every shape quota status reads.
class WorkloadMaker
{
public:
    explicit WorkloadMaker(quint32 seed)
        : m_random(seed)
    { }
    int below(int n) { return int(m_random.bounded(n)); }
    template<typename T>
    T pick(std::initializer_list<T> list)
    {
        return *(list.begin() + below(int(list.size())));
    }

    QJsonValue projectId()
    {
        // Stored project ids are strings; some clusters send numbers.
        const int n = 1 + below(4);
        return below(4) == 0 ? QJsonValue(n) : QJsonValue(QString::number(n));
    }
    QString phase()
    {
        return pick({"Running",
                     "Running",
                     "Initializing",
                     "Pending",
                     "Pending",
                     "Completed",
                     "Failed",
                     "Creating"});
    }
    void setPools(QJsonObject *workload)
    {
        workload->remove(QStringLiteral("currentNodePools"));
        workload->remove(QStringLiteral("requestedNodePools"));
        for (const char *key : {"currentNodePools", "requestedNodePools"}) {
            const int choice = below(4);
            if (choice == 0)
                continue;
            workload->insert(QLatin1String(key),
                             choice == 1 ? QJsonArray {QString()}
                                         : QJsonArray {choice == 2 ? "pool-a" : "pool-b"});
        }
    }
    void setResources(QJsonObject *workload)
    {
        QJsonObject allocated {{"gpu", pick({0.0, 0.1, 0.5, 1.0, 2.0, 8.0})},
                               {"cpu", pick({0.0, 0.25, 1.0, 3.5})}};
        if (below(2) == 0)
            allocated.insert("cpuMemory", pick<QJsonValue>({"512Mi", "2G", "1.5Gi", 300.0, "64K"}));
        workload->insert("allocatedResources", allocated);
        workload->insert("podsRequestedResources",
                         QJsonObject {{"gpu", QJsonObject {{"request", pick({0.0, 0.3, 1.0, 4.0})}}},
                                      {"cpu", QJsonObject {{"request", pick({0.1, 2.0})}}},
                                      {"cpuMemory",
                                       QJsonObject {
                                           {"request", pick<QJsonValue>({"100M", "1Gi", 50.0})}}}});
        workload->insert("requestedPods", QJsonObject {{"number", below(4)}});
        if (below(3) == 0)
            workload->insert("workloadRequestedResources", QJsonObject {{"gpu", pick({1.0, 2.5})}});
        else
            workload->remove("workloadRequestedResources");
    }
    QJsonObject workload(const QString &id)
    {
        QJsonObject workload {{"id", id},
                              {"projectId", projectId()},
                              {"clusterId", pick({"c1", "c1", "c2"})},
                              {"phase", phase()}};
        if (below(3) == 0)
            workload.insert("preemptible", below(2) == 0);
        setPools(&workload);
        setResources(&workload);
        return workload;
    }

private:
    QRandomGenerator m_random;
};

} // namespace

class TestQuotaUsage : public QObject
{
    Q_OBJECT

private slots:
    void incrementalEqualsFullRecomputation_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("steps");
        QTest::newRow("seed 1") << 1u << 1500;
        QTest::newRow("seed 7") << 7u << 1500;
        QTest::newRow("seed 42") << 42u << 3000;
        QTest::newRow("seed 2026") << 2026u << 3000;
        QTest::newRow("seed 99991, few workloads") << 99991u << 400;
    }

    void incrementalEqualsFullRecomputation()
    {
        QFETCH(quint32, seed);
        QFETCH(int, steps);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        gpudesk::storage::Database database;
        QCOMPARE(database.open(dir.filePath(QStringLiteral("cp.sqlite"))), QString());
        Store store(&database);
        store.load();
        QVERIFY(database.transaction());
        // A second index fed by hand with the same changes, to check which projects it reports.
        WorkloadUsageIndex mirror;
        WorkloadMaker maker(seed);
        int nextId = 0;
        QStringList ids;
        QHash<QString, int> kinds; // which operations ran, so a seed cannot silently skip them
        for (int step = 0; step < steps; ++step) {
            const bool create = ids.size() < 5 || maker.below(5) == 0;
            const QString id = create ? QStringLiteral("w-%1").arg(nextId++)
                                      : ids.at(maker.below(int(ids.size())));
            const QJsonObject before = store.workloads.value(id);
            QJsonObject after = create ? maker.workload(id) : before;
            QString kind = QStringLiteral("create");
            if (!create) {
                switch (maker.below(8)) {
                case 0:
                    kind = QStringLiteral("phase");
                    after.insert("phase", maker.phase());
                    break;
                case 1:
                    kind = QStringLiteral("pool move");
                    maker.setPools(&after);
                    break;
                case 2:
                    kind = QStringLiteral("resources");
                    maker.setResources(&after);
                    break;
                case 3:
                    kind = QStringLiteral("project");
                    after.insert("projectId", maker.projectId());
                    break;
                case 4:
                    kind = QStringLiteral("mark deleted");
                    after.insert("deletedAt", "2026-11-23T12:00:00.000Z");
                    after.insert("phase", "Deleted");
                    break;
                case 5:
                    kind = QStringLiteral("remove");
                    break;
                case 6:
                    kind = QStringLiteral("preemptible");
                    after.insert("preemptible", maker.below(2) == 0);
                    break;
                default:
                    kind = QStringLiteral("untouched usage");
                    after.insert("updatedAt", QString::number(step));
                    break;
                }
            }
            ++kinds[kind];
            const UsageTable old = mirror.table();
            QSet<QString> reported;
            if (kind == QLatin1String("remove")) {
                QVERIFY(store.workloads.remove(id));
                ids.removeOne(id);
                reported = mirror.update(&before, nullptr);
            } else {
                QVERIFY(store.workloads.put(id, after));
                if (create)
                    ids.append(id);
                reported = mirror.update(create ? nullptr : &before, &after);
            }
            const UsageTable full = WorkloadUsageIndex::compute(store.workloads);
            if (store.workloadUsage().table() != full) {
                QCOMPARE(describe(store.workloadUsage().table()), describe(full));
                QFAIL("tables differ in a way describe() does not show");
            }
            QVERIFY(mirror.table() == full);
            QVERIFY(store.workloadUsage().activeWorkloads()
                    == WorkloadUsageIndex::computeActive(store.workloads));
            // Every project whose usage changed is reported (and nothing when usage is untouched).
            QSet<QString> projects;
            for (const UsageTable *table : {&old, &full})
                for (auto it = table->constBegin(); it != table->constEnd(); ++it)
                    projects.insert(it.key());
            for (const QString &project : std::as_const(projects))
                if (old.value(project) != full.value(project))
                    QVERIFY2(reported.contains(project),
                             qPrintable(QStringLiteral("step %1 (%2): project %3 not reported")
                                            .arg(step)
                                            .arg(kind, project)));
            if (kind == QLatin1String("untouched usage"))
                QVERIFY(reported.isEmpty());
        }
        for (const char *kind : {"create",
                                 "phase",
                                 "pool move",
                                 "resources",
                                 "project",
                                 "mark deleted",
                                 "remove",
                                 "preemptible",
                                 "untouched usage"})
            QVERIFY2(kinds.value(QLatin1String(kind)) > 0, kind);
        QVERIFY(!store.workloadUsage().table().isEmpty());
        // A restart rebuilds the same table from the database.
        QVERIFY(database.commit());
        Store reloaded(&database);
        reloaded.load();
        QCOMPARE(describe(reloaded.workloadUsage().table()),
                 describe(store.workloadUsage().table()));
        QVERIFY(reloaded.workloadUsage().activeWorkloads()
                == store.workloadUsage().activeWorkloads());
        QVERIFY(!store.workloadUsage().activeWorkloads().isEmpty());
    }

    // Fixed-point sums: fractions add up exactly, in any order, and come out in API units.
    void amountsAreExactInApiUnits()
    {
        QTemporaryDir dir;
        gpudesk::storage::Database database;
        QCOMPARE(database.open(dir.filePath(QStringLiteral("cp.sqlite"))), QString());
        Store store(&database);
        store.load();
        for (int i = 0; i < 3; ++i)
            QVERIFY(store.workloads.put(QStringLiteral("w%1").arg(i),
                                        QJsonObject {{"projectId", "1"},
                                                     {"phase", "Running"},
                                                     {"preemptible", false},
                                                     {"allocatedResources",
                                                      QJsonObject {{"gpu", 0.1},
                                                                   {"cpu", 0.5},
                                                                   {"cpuMemory", "512Mi"}}}}));
        const PoolUsage usage = store.workloadUsage().projectUsage(QStringLiteral("1"));
        QCOMPARE(usage.keys(), QStringList {QStringLiteral("default")});
        const QJsonObject json = usage.value(QStringLiteral("default")).toJson();
        const QJsonObject allocated = json.value("allocated").toObject();
        QCOMPARE(allocated.value("gpu").toDouble(), 0.3); // not 0.30000000000000004
        QCOMPARE(allocated.value("cpu").toDouble(), 1500.0);
        QCOMPARE(allocated.value("memory").toDouble(), 3 * 536.870912);
        QCOMPARE(json.value("allocatedNonPreemptible").toObject(), allocated);
        QCOMPARE(json.value("requested").toObject(), allocated);
        // The last workload leaves: no entry at all, as if none had ever run there.
        for (int i = 0; i < 3; ++i)
            QVERIFY(store.workloads.remove(QStringLiteral("w%1").arg(i)));
        QVERIFY(store.workloadUsage().table().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestQuotaUsage)
#include "tst_cp_quotausage.moc"
