// Every flat entity model under QAbstractItemModelTester: a full load, then a stream of live updates
// (snapshots that remove, change and add rows; single upserts and removals). The rows must always match
// the last snapshot, and the model must never reset.
#include "snapshotsortproxy.h"
#include "tablemodels.h"
#include "workloadmodel.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

namespace {

// make(i, version): item number i as it looks in snapshot `version` (status changes with the version).
template<typename T>
using Maker = std::function<T(int, int)>;

QString status(int i, int version)
{
    static const QStringList phases = {QStringLiteral("Pending"),
                                       QStringLiteral("Running"),
                                       QStringLiteral("Completed")};
    return phases.at((i + version) % phases.size());
}

QDateTime at(int i)
{
    return QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC).addSecs(i * 37);
}

template<typename T>
QStringList keys(const SnapshotTableModel<T> &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, 0).data(models::KeyRole).toString();
    return out;
}

template<typename Model, typename T>
void exercise(Maker<T> make)
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.columnCount() > 2);
    for (int c = 0; c < model.columnCount(); ++c)
        QVERIFY(!model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString().isEmpty());

    // Full load.
    QList<T> snapshot;
    for (int i = 0; i < 300; ++i)
        snapshot << make(i, 0);
    model.setSnapshot(snapshot);
    QCOMPARE(model.rowCount(), 300);
    QCOMPARE(inserted.size(), 1);

    // Live updates: each round drops some rows, changes some, adds some.
    QRandomGenerator rng(42);
    QSet<int> present;
    for (int i = 0; i < 300; ++i)
        present.insert(i);
    int next = 300;
    for (int version = 1; version <= 12; ++version) {
        QSet<int> now;
        for (int i : std::as_const(present)) {
            if (rng.bounded(10) != 0) // ~10% disappear
                now.insert(i);
        }
        for (int k = 0; k < 20; ++k)
            now.insert(next++);
        QList<int> ordered(now.begin(), now.end());
        std::sort(ordered.begin(), ordered.end());
        QList<T> snap;
        QStringList expectedKeys;
        for (int i : std::as_const(ordered)) {
            snap << make(i, (i % 3 == 0) ? version : 0); // every third item changes each round
            expectedKeys << snap.last().key();
        }
        model.setSnapshot(snap);
        QStringList shown = keys(model);
        std::sort(shown.begin(), shown.end());
        std::sort(expectedKeys.begin(), expectedKeys.end());
        QCOMPARE(shown, expectedKeys);
        for (const T &item : std::as_const(snap))
            QVERIFY(*model.find(item.key()) == item);
        present = now;
    }
    QVERIFY(removed.size() > 0);
    QVERIFY(changed.size() > 0);

    // Single live events.
    const T extra = make(100000, 0);
    model.upsert(extra);
    QCOMPARE(model.rowOfKey(extra.key()), model.rowCount() - 1);
    model.upsert(make(100000, 1));
    QVERIFY(*model.find(extra.key()) == make(100000, 1));
    QVERIFY(model.removeKey(extra.key()));
    QVERIFY(!model.removeKey(extra.key()));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.size(), 0); // never a reset

    // Sorting and filtering through the proxy agree with the data.
    model.setSnapshot({make(3, 0), make(1, 0), make(2, 0)});
    SnapshotSortProxy proxy;
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.sort(0);
    QCOMPARE(proxy.rowCount(), 3);
    for (int r = 1; r < proxy.rowCount(); ++r)
        QVERIFY(model.compareRows(proxy.mapToSource(proxy.index(r - 1, 0)).row(),
                                  proxy.mapToSource(proxy.index(r, 0)).row(),
                                  0)
                <= 0);
    // Filter by the first column whose three values differ: exactly that row remains.
    int distinct = -1;
    for (int c = 0; c < model.columnCount() && distinct < 0; ++c) {
        QSet<QString> values;
        for (int r = 0; r < 3; ++r)
            values.insert(model.index(r, c).data().toString());
        if (values.size() == 3 && !values.contains(QString()))
            distinct = c;
    }
    QVERIFY(distinct >= 0);
    proxy.setFilterText(model.index(model.rowOfKey(make(2, 0).key()), distinct).data().toString());
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(models::KeyRole).toString(), make(2, 0).key());
    proxy.setFilterText(QStringLiteral("no-such-text-anywhere"));
    QCOMPARE(proxy.rowCount(), 0);
}

} // namespace

class TestTableModels : public QObject
{
    Q_OBJECT
private slots:
    void fullLoadAndLiveUpdates_data();
    void fullLoadAndLiveUpdates();
    void workloadPendingReasonAndStatus();
    void workloadSortThroughProxy_data();
    void workloadSortThroughProxy();
    void manyDistinctNamesSort();
};

void TestTableModels::fullLoadAndLiveUpdates_data()
{
    QTest::addColumn<QString>("model");
    for (const char *name : {"clusters",
                             "node pools",
                             "nodes",
                             "pods",
                             "users",
                             "service accounts",
                             "access rules",
                             "workload events",
                             "event history",
                             "workloads"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestTableModels::fullLoadAndLiveUpdates()
{
    QFETCH(QString, model);
    const auto id = [](int i) { return QStringLiteral("id-%1").arg(i, 6, 10, QLatin1Char('0')); };
    if (model == QLatin1String("clusters")) {
        exercise<ClusterModel, api::Cluster>([&](int i, int v) {
            api::Cluster c;
            c.uuid = id(i);
            c.name = QStringLiteral("cluster-%1").arg(i);
            c.state = v % 2 ? QStringLiteral("Disconnected") : QStringLiteral("Connected");
            c.lastLiveness = at(i + v);
            return c;
        });
    } else if (model == QLatin1String("node pools")) {
        exercise<NodePoolModel, api::NodePool>([&](int i, int v) {
            api::NodePool p;
            p.id = id(i);
            p.name = QStringLiteral("pool-%1").arg(i);
            p.phase = status(i, v);
            p.gpus = 64;
            p.allocatedGpus = (i + v) % 64;
            return p;
        });
    } else if (model == QLatin1String("nodes")) {
        exercise<NodeModel, api::Node>([&](int i, int v) {
            api::Node n;
            n.id = id(i);
            n.name = QStringLiteral("node-%1").arg(i);
            n.status = v % 2 ? QStringLiteral("NotReady") : QStringLiteral("Ready");
            n.notReadyReason = v % 2 ? QStringLiteral("KubeletDown") : QString();
            n.gpuCount = 8;
            n.allocatedGpus = (i + v) % 9;
            return n;
        });
    } else if (model == QLatin1String("pods")) {
        exercise<PodModel, api::Pod>([&](int i, int v) {
            api::Pod p;
            p.id = id(i);
            p.name = QStringLiteral("pod-%1").arg(i);
            p.phase = status(i, v);
            p.gpuAllocated = 0.5 * (v % 3);
            p.createdAt = at(i);
            return p;
        });
    } else if (model == QLatin1String("users")) {
        exercise<UserModel, api::User>([&](int i, int v) {
            api::User u;
            u.id = id(i);
            u.username = QStringLiteral("user%1@demo.local").arg(i);
            u.lastLogin = at(v);
            u.groups = {QStringLiteral("g%1").arg(v)};
            return u;
        });
    } else if (model == QLatin1String("service accounts")) {
        exercise<ServiceAccountModel, api::ServiceAccount>([&](int i, int v) {
            api::ServiceAccount s;
            s.id = id(i);
            s.name = QStringLiteral("sa-%1").arg(i);
            s.clientId = QStringLiteral("client-%1").arg(i);
            s.enabled = v % 2 == 0;
            return s;
        });
    } else if (model == QLatin1String("access rules")) {
        exercise<AccessRuleModel, api::AccessRule>([&](int i, int v) {
            api::AccessRule a;
            a.id = QString::number(i);
            a.subjectId = QStringLiteral("user%1@demo.local").arg(i);
            a.subjectType = QStringLiteral("user");
            a.roleName = v % 2 ? QStringLiteral("Viewer") : QStringLiteral("L1 researcher");
            a.scopeType = QStringLiteral("project");
            a.scopeName = QStringLiteral("project-%1").arg(i % 7);
            return a;
        });
    } else if (model == QLatin1String("workload events")) {
        exercise<WorkloadEventModel, api::WorkloadEvent>([&](int i, int v) {
            api::WorkloadEvent e;
            e.id = id(i);
            e.createdAt = at(i);
            e.type = v % 2 ? QStringLiteral("Warning") : QStringLiteral("Normal");
            e.reason = QStringLiteral("Scheduled");
            e.message = QStringLiteral("event %1 v%2").arg(i).arg(v);
            return e;
        });
    } else if (model == QLatin1String("event history")) {
        exercise<AuditLogModel, api::AuditEntry>([&](int i, int v) {
            api::AuditEntry e;
            e.id = QString::number(i);
            e.timestamp = at(i);
            e.subject = QStringLiteral("admin@demo.local");
            e.action = QStringLiteral("update");
            e.entityName = QStringLiteral("project-%1").arg(i);
            e.result = v % 2 ? QStringLiteral("Failed") : QStringLiteral("Succeeded");
            return e;
        });
    } else if (model == QLatin1String("workloads")) {
        exercise<WorkloadModel, api::Workload>([&](int i, int v) {
            api::Workload w;
            w.id = id(i);
            w.name = QStringLiteral("train-%1").arg(i);
            w.type = QStringLiteral("Training");
            w.phase = status(i, v);
            w.projectName = QStringLiteral("project-%1").arg(i % 5);
            w.requestedPods = 1 + i % 4;
            w.gpuRequest = 1;
            w.createdAt = at(i);
            return w;
        });
    } else {
        QFAIL("unknown model");
    }
}

void TestTableModels::workloadPendingReasonAndStatus()
{
    WorkloadModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    api::Workload w;
    w.id = QStringLiteral("w1");
    w.phase = QStringLiteral("Pending");
    w.pendingMessages = {{QStringLiteral("pool-a"),
                          QStringLiteral("OverLimit"),
                          {},
                          QStringLiteral("Project team-a is over its GPU limit in pool-a.")}};
    model.setSnapshot({w});
    const QModelIndex status = model.index(0, WorkloadModel::StatusColumn);
    QCOMPARE(status.data().toString(), QStringLiteral("Pending"));
    QCOMPARE(status.data(models::StatusRole).toString(), QStringLiteral("Pending"));
    QCOMPARE(status.data(Qt::ToolTipRole).toString(),
             QStringLiteral("Project team-a is over its GPU limit in pool-a."));
    QVERIFY(!model.index(0, WorkloadModel::NameColumn).data(Qt::ToolTipRole).isValid());
}

// The proxy sorts with sort keys the model stores when rows arrive; the expected orders below are
// worked out by hand from the column's documented meaning, not from the model's own comparison.
void TestTableModels::workloadSortThroughProxy_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QList<api::Workload>>("rows"); // ids w0..w3
    QTest::addColumn<QStringList>("ascending");     // ids in ascending order

    auto four = [] {
        QList<api::Workload> rows(4);
        for (int i = 0; i < 4; ++i)
            rows[i].id = QStringLiteral("w%1").arg(i);
        return rows;
    };
    QList<api::Workload> rows = four();
    rows[0].name = QStringLiteral("beta");
    rows[1].name = QStringLiteral("Alpha");
    rows[2].name = QStringLiteral("gamma");
    rows[3].name = QStringLiteral("ALPHA-2");
    QTest::newRow("name, case-insensitive")
        << int(WorkloadModel::NameColumn) << rows << QStringList {"w1", "w3", "w0", "w2"};

    rows = four();
    const int pods[4][2] = {{1, 4}, {0, 8}, {1, 2}, {0, 1}};
    for (int i = 0; i < 4; ++i) {
        rows[i].runningPods = pods[i][0];
        rows[i].requestedPods = pods[i][1];
    }
    QTest::newRow("pods, running then requested")
        << int(WorkloadModel::PodsColumn) << rows << QStringList {"w3", "w1", "w2", "w0"};

    rows = four();
    const double gpu[4][2] = {{0.5, 4}, {1, 1}, {0.25, 2}, {1, 3}}; // totals 2, 1, 0.5, 3
    for (int i = 0; i < 4; ++i) {
        rows[i].gpuRequest = gpu[i][0];
        rows[i].requestedPods = int(gpu[i][1]);
    }
    QTest::newRow("GPU request total")
        << int(WorkloadModel::GpuRequestColumn) << rows << QStringList {"w2", "w1", "w0", "w3"};

    rows = four();
    const QDateTime base(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
    rows[0].createdAt = base.addSecs(30);
    rows[2].createdAt = base.addSecs(10);
    rows[3].createdAt = base.addSecs(20); // w1 has none: first
    QTest::newRow("creation time")
        << int(WorkloadModel::CreatedColumn) << rows << QStringList {"w1", "w2", "w3", "w0"};

    rows = four();
    rows[0].currentNodePools = {QStringLiteral("pool-b")};
    rows[1].requestedNodePools = {QStringLiteral("Pool-A")};
    rows[2].currentNodePools = {QStringLiteral("pool-c")};
    rows[2].requestedNodePools = {QStringLiteral("pool-a")};
    rows[3].requestedNodePools = {QStringLiteral("pool-a"), QStringLiteral("pool-b")};
    QTest::newRow("node pools, current before requested")
        << int(WorkloadModel::NodePoolsColumn) << rows << QStringList {"w1", "w3", "w0", "w2"};

    rows = four();
    const int priorities[4] = {100, 25, 75, 50};
    for (int i = 0; i < 4; ++i)
        rows[i].priority = priorities[i];
    rows[2].priorityClassName = QStringLiteral("a-high"); // shown, but sorts by its number
    QTest::newRow("priority by number")
        << int(WorkloadModel::PriorityColumn) << rows << QStringList {"w1", "w3", "w2", "w0"};
}

void TestTableModels::workloadSortThroughProxy()
{
    QFETCH(int, column);
    QFETCH(QList<api::Workload>, rows);
    QFETCH(QStringList, ascending);
    WorkloadModel model;
    SnapshotSortProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    model.setSnapshot(rows);
    auto shown = [&proxy] {
        QStringList ids;
        for (int r = 0; r < proxy.rowCount(); ++r)
            ids << proxy.index(r, 0).data(models::KeyRole).toString();
        return ids;
    };
    proxy.sort(column, Qt::AscendingOrder);
    QCOMPARE(shown(), ascending);
    proxy.sort(column, Qt::DescendingOrder);
    QStringList descending = ascending;
    std::reverse(descending.begin(), descending.end());
    QCOMPARE(shown(), descending);

    // Live updates keep the stored keys in step with the rows: remove the first row (every other
    // row moves up one), then add it back at the end; the order must not change.
    proxy.sort(column, Qt::AscendingOrder);
    const api::Workload first = *model.find(ascending.first());
    QVERIFY(model.removeKey(first.id));
    QCOMPARE(shown(), ascending.mid(1));
    model.upsert(first);
    QCOMPARE(shown(), ascending);
    // A change that moves a row: the lowest row becomes a copy of the highest one's sort value.
    api::Workload changed = *model.find(ascending.last());
    changed.id = ascending.first();
    changed.phaseMessage = QStringLiteral("changed");
    model.setSnapshot({changed,
                       *model.find(ascending.at(1)),
                       *model.find(ascending.at(2)),
                       *model.find(ascending.at(3))});
    QCOMPARE(shown().mid(0, 2), ascending.mid(1, 2));
}

// More distinct names than the model interns (its high-cardinality path, with 16-byte key prefixes):
// the order must still equal a case-insensitive QString comparison, also after removals and changes.
void TestTableModels::manyDistinctNamesSort()
{
    QList<api::Workload> rows;
    for (int i = 0; i < 6000; ++i) {
        api::Workload w;
        w.id = QStringLiteral("w%1").arg(i);
        const int n = (i * 7919) % 6007;
        w.name = i % 3 == 0   ? QStringLiteral("Very-Long-Workload-Name-%1").arg(n)
                 : i % 3 == 1 ? QStringLiteral("job-%1").arg(n)
                              : QStringLiteral("JOB-%1-b").arg(n);
        rows << w;
    }
    WorkloadModel model;
    SnapshotSortProxy proxy;
    proxy.setSourceModel(&model);
    model.setSnapshot(rows);
    proxy.sort(WorkloadModel::NameColumn);
    auto check = [&proxy] {
        for (int r = 1; r < proxy.rowCount(); ++r) {
            const QString a = proxy.index(r - 1, WorkloadModel::NameColumn).data().toString();
            const QString b = proxy.index(r, WorkloadModel::NameColumn).data().toString();
            if (a.compare(b, Qt::CaseInsensitive) > 0)
                return QStringLiteral("%1 before %2").arg(a, b);
        }
        return QString();
    };
    QCOMPARE(check(), QString());
    for (int i = 0; i < 6000; i += 7)
        QVERIFY(model.removeKey(QStringLiteral("w%1").arg(i)));
    QCOMPARE(proxy.rowCount(), 6000 - 858);
    QCOMPARE(check(), QString());
    QList<api::Workload> changed = model.rows();
    for (qsizetype i = 0; i < changed.size(); i += 5)
        changed[i].name = QStringLiteral("a-renamed-%1").arg(i);
    model.setSnapshot(changed);
    QCOMPARE(check(), QString());
    QVERIFY(proxy.index(0, WorkloadModel::NameColumn).data().toString().startsWith(u"a-renamed-"));
}

QTEST_GUILESS_MAIN(TestTableModels)
#include "tst_tablemodels.moc"
