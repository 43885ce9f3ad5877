// The org tree, the role × permission matrix and the metric series table under
// QAbstractItemModelTester, through a full load and a stream of live snapshots.
#include "metricseriesmodel.h"
#include "orgtreemodel.h"
#include "rolepermissionmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

api::OrgUnit unit(api::OrgUnit::Kind kind,
                  const QString &id,
                  const QString &name,
                  const QString &parent,
                  double deservedA,
                  double allocatedA)
{
    api::OrgUnit u;
    u.kind = kind;
    u.id = id;
    u.name = name;
    u.parentId = parent;
    api::PoolResources r;
    r.nodePoolName = QStringLiteral("pool-a");
    r.gpuDeserved = deservedA;
    u.resources = {r};
    if (allocatedA >= 0) { // -1: the server reported no figure (departments: sum of projects)
        api::PoolAllocation a;
        a.nodePoolName = QStringLiteral("pool-a");
        a.gpuAllocated = allocatedA;
        u.allocations = {a};
    }
    return u;
}

api::OrgUnit dep(const QString &id, double deserved, double allocated = -1)
{
    return unit(api::OrgUnit::Kind::Department,
                id,
                QStringLiteral("Department ") + id,
                {},
                deserved,
                allocated);
}

api::OrgUnit proj(const QString &id, const QString &parent, double deserved, double allocated = 0)
{
    return unit(api::OrgUnit::Kind::Project,
                id,
                QStringLiteral("Project ") + id,
                parent,
                deserved,
                allocated);
}

// "name|quota|allocated" for every node, depth-first, indented by depth.
QStringList dump(const QAbstractItemModel &m, const QModelIndex &parent = {}, int depth = 0)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex i = m.index(r, 0, parent);
        QString line = QString(depth * 2, QLatin1Char(' ')) + i.data().toString();
        for (int c = 1; c < m.columnCount(parent) && c <= 2; ++c)
            line += QLatin1Char('|') + m.index(r, c, parent).data().toString();
        out << line;
        out += dump(m, i, depth + 1);
    }
    return out;
}

api::Role role(const QString &id, const QString &name, const QList<api::Permission> &permissions)
{
    api::Role r;
    r.id = id;
    r.name = name;
    r.permissions = permissions;
    return r;
}

api::MetricSeries series(const QString &gpu, int from, int to, double base)
{
    api::MetricSeries s;
    s.type = QStringLiteral("GPU_UTILIZATION");
    s.labels.insert(QStringLiteral("gpu"), gpu);
    for (int t = from; t < to; ++t)
        s.values.append({QDateTime::fromSecsSinceEpoch(1'800'000'000 + t * 60, Qt::UTC), base + t});
    return s;
}

} // namespace

class TestStructuredModels : public QObject
{
    Q_OBJECT
private slots:
    void orgTreeLiveUpdates_data();
    void orgTreeLiveUpdates();
    void orgTreeEditing_data();
    void orgTreeEditing();
    void rolePermissionMatrix();
    void metricSeriesWindow();
};

void TestStructuredModels::orgTreeLiveUpdates_data()
{
    QTest::addColumn<QList<api::OrgUnit>>("departments");
    QTest::addColumn<QList<api::OrgUnit>>("projects");
    QTest::addColumn<QStringList>("expected");
    const QString t = QStringLiteral("demo|");
    QTest::addRow("first load") << QList<api::OrgUnit> {dep("1", 4), dep("2", 8)}
                                << QList<api::OrgUnit> {proj("11", "1", 4, 2),
                                                        proj("21", "2", 4, 6),
                                                        proj("22", "2", 4)}
                                << QStringList {"demo|12|8",
                                                "  Department 1|4|2",
                                                "    Project 11|4|2",
                                                "  Department 2|8|6",
                                                "    Project 21|4|6",
                                                "    Project 22|4|0"};
    QTest::addRow("quota changed, project added") << QList<api::OrgUnit> {dep("1", 6), dep("2", 8)}
                                                  << QList<api::OrgUnit> {proj("11", "1", 4, 2),
                                                                          proj("12", "1", 2, 1),
                                                                          proj("21", "2", 4, 6),
                                                                          proj("22", "2", 4)}
                                                  << QStringList {"demo|14|9",
                                                                  "  Department 1|6|3",
                                                                  "    Project 11|4|2",
                                                                  "    Project 12|2|1",
                                                                  "  Department 2|8|6",
                                                                  "    Project 21|4|6",
                                                                  "    Project 22|4|0"};
    QTest::addRow("project moved to another department")
        << QList<api::OrgUnit> {dep("1", 6), dep("2", 8)}
        << QList<api::OrgUnit> {proj("11", "1", 4, 2), proj("21", "2", 4, 6), proj("22", "1", 4)}
        << QStringList {"demo|14|8",
                        "  Department 1|6|2",
                        "    Project 11|4|2",
                        "    Project 22|4|0",
                        "  Department 2|8|6",
                        "    Project 21|4|6"};
    QTest::addRow("department removed, its project orphaned")
        << QList<api::OrgUnit> {dep("1", 6)}
        << QList<api::OrgUnit> {proj("11", "1", 4, 2), proj("21", "2", 4, 6)}
        << QStringList {"demo|10|8", "  Department 1|6|2", "    Project 11|4|2", "  Project 21|4|6"};
    Q_UNUSED(t)
}

void TestStructuredModels::orgTreeLiveUpdates()
{
    // One model across all rows of the table: each row is the next live snapshot.
    static OrgTreeModel *model = nullptr;
    static QAbstractItemModelTester *tester = nullptr;
    static QSignalSpy *resets = nullptr;
    if (QByteArray(QTest::currentDataTag()) == "first load") {
        delete tester;
        delete resets;
        delete model;
        model = new OrgTreeModel;
        tester = new QAbstractItemModelTester(model,
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        resets = new QSignalSpy(model, &QAbstractItemModel::modelAboutToBeReset);
    }
    QFETCH(QList<api::OrgUnit>, departments);
    QFETCH(QList<api::OrgUnit>, projects);
    QFETCH(QStringList, expected);
    model->setSnapshot(QStringLiteral("demo"),
                       departments,
                       projects,
                       {{QStringLiteral("pool-a"), 32}, {QStringLiteral("pool-b"), 8}});
    QCOMPARE(dump(*model), expected);
    QCOMPARE(model->columnCount(), 1 + 2 * OrgTreeModel::MetricCount);
    QCOMPARE(resets->size(), 0);
    QVERIFY(
        model
            ->headerData(model->columnFor(QStringLiteral("pool-b"), OrgTreeModel::FairShareMetric),
                         Qt::Horizontal,
                         Qt::DisplayRole)
            .toString()
            .contains(QStringLiteral("pool-b")));
}

void TestStructuredModels::orgTreeEditing_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("edit quota") << int(Qt::EditRole) << 7.0 << true;
    QTest::addRow("deserved role") << int(OrgTreeModel::DeservedRole) << 3.0 << true;
    QTest::addRow("limit role") << int(OrgTreeModel::LimitRole) << 10.0 << true;
    QTest::addRow("weight role") << int(OrgTreeModel::OverQuotaWeightRole) << 3.0 << true;
    QTest::addRow("negative quota refused") << int(Qt::EditRole) << -1.0 << false;
}

void TestStructuredModels::orgTreeEditing()
{
    QFETCH(int, role);
    QFETCH(double, value);
    QFETCH(bool, accepted);
    OrgTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(QStringLiteral("demo"),
                      {dep("1", 4)},
                      {proj("11", "1", 2)},
                      {{QStringLiteral("pool-a"), 16}});
    QSignalSpy edited(&model, &OrgTreeModel::quotaEdited);
    const QModelIndex cell = model.indexOfUnit(QStringLiteral("11"),
                                               model.columnFor(QStringLiteral("pool-a"),
                                                               OrgTreeModel::QuotaMetric));
    QVERIFY(cell.flags() & Qt::ItemIsEditable);
    QVERIFY(!(model.index(0, 1).flags() & Qt::ItemIsEditable)); // the tenant row is not
    QCOMPARE(model.setData(cell, value, role), accepted);
    QCOMPARE(edited.size(), accepted ? 1 : 0);
    if (!accepted)
        return;
    QCOMPARE(cell.data(role == Qt::EditRole ? int(OrgTreeModel::DeservedRole) : role).toDouble(),
             value);
    const auto resources = edited.first().at(1).value<QList<api::PoolResources>>();
    QCOMPARE(resources.size(), 1);
    QCOMPARE(edited.first().at(0).value<api::OrgUnit>().id, QStringLiteral("11"));
}

void TestStructuredModels::rolePermissionMatrix()
{
    RolePermissionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    const api::Permission readProjects {QStringLiteral("project"),
                                        QStringLiteral("Projects"),
                                        QStringLiteral("organization"),
                                        {QStringLiteral("read")}};
    const api::Permission crudProjects {QStringLiteral("project"),
                                        QStringLiteral("Projects"),
                                        QStringLiteral("organization"),
                                        {QStringLiteral("create"),
                                         QStringLiteral("read"),
                                         QStringLiteral("update"),
                                         QStringLiteral("delete")}};
    const api::Permission crudWorkloads {QStringLiteral("workloads"),
                                         QStringLiteral("Workloads"),
                                         QStringLiteral("workload"),
                                         {QStringLiteral("create"),
                                          QStringLiteral("read"),
                                          QStringLiteral("delete")}};
    const api::Permission readUsers {QStringLiteral("users"),
                                     QStringLiteral("Users"),
                                     QStringLiteral("iam"),
                                     {QStringLiteral("read")}};

    model.setRoles({role("1", "Viewer", {readProjects}),
                    role("2", "L1 researcher", {readProjects, crudWorkloads})});
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.resourceTypes(),
             QStringList({QStringLiteral("project"), QStringLiteral("workloads")}));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("CRD"));
    QCOMPARE(model.index(1, 0).data().toString(), QString());
    QCOMPARE(model.headerData(0, Qt::Vertical, Qt::DisplayRole).toString(),
             QStringLiteral("Projects"));

    // Live: a role gains permissions, a new role appears, one disappears, a resource type arrives.
    model.setRoles({role("2", "L1 researcher", {crudProjects, crudWorkloads}),
                    role("3", "System administrator", {crudProjects, crudWorkloads, readUsers})});
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("L1 researcher"));
    QCOMPARE(model.resourceTypes(),
             QStringList(
                 {QStringLiteral("project"), QStringLiteral("users"), QStringLiteral("workloads")}));
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("CRUD"));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("R"));
    QCOMPARE(model.index(1, 1).data(RolePermissionModel::ActionsRole).toStringList(),
             QStringList {QStringLiteral("read")});
    model.setRoles({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.size(), 0);
}

void TestStructuredModels::metricSeriesWindow()
{
    MetricSeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    model.setSeries({series("0", 0, 10, 10), series("1", 0, 10, 50)});
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.index(0, 0).data().toDouble(), 1'800'000'000'000.0); // ms, for QVXYModelMapper
    QCOMPARE(model.index(3, model.columnOf(QStringLiteral("GPU_UTILIZATION gpu=1")))
                 .data()
                 .toDouble(),
             53.0);

    // The window slides: five old samples leave, five new arrive; gpu 1 stops reporting, gpu 2 starts.
    model.setSeries({series("0", 5, 15, 10), series("2", 12, 15, 90)});
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.seriesLabels(),
             QStringList({QStringLiteral("GPU_UTILIZATION gpu=0"),
                          QStringLiteral("GPU_UTILIZATION gpu=2")}));
    QCOMPARE(model.index(0, 1).data().toDouble(), 15.0);
    QVERIFY(!model.index(0, 2).data().isValid()); // gpu 2 has no sample at t=5
    QCOMPARE(model.index(9, 2).data().toDouble(), 104.0);
    for (int r = 1; r < model.rowCount(); ++r)
        QVERIFY(model.index(r - 1, 0).data().toDouble() < model.index(r, 0).data().toDouble());

    model.appendSamples({series("0", 15, 16, 10)});
    QCOMPARE(model.rowCount(), 11);
    QCOMPARE(model.index(10, 1).data().toDouble(), 25.0);
    QCOMPARE(resets.size(), 0);
}

QTEST_GUILESS_MAIN(TestStructuredModels)
#include "tst_structuredmodels.moc"
