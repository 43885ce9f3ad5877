// The app's non-widget helpers: chart table models, telemetry parsing, the sandbox launcher.
#include "categorytablemodel.h"
#include "sandboxlauncher.h"
#include "telemetry.h"
#include "timeseriestablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using Rows = QList<CategoryRow>;
Q_DECLARE_METATYPE(CategoryRow)

class TestAppSupport : public QObject
{
    Q_OBJECT
private slots:
    void categoryModelAppliesSnapshots_data();
    void categoryModelAppliesSnapshots();
    void categoryModelNeverResets();
    void timeSeriesModel_data();
    void timeSeriesModel();
    void parseTelemetry_data();
    void parseTelemetry();
    void telemetryQuery_data();
    void telemetryQuery();
    void parseSandboxInfo_data();
    void parseSandboxInfo();
    void launcherReportsMissingServer();
    void launcherReportsEarlyExit();
};

static QStringList dump(const QAbstractItemModel &model)
{
    QStringList lines;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model.columnCount(); ++c)
            cells << model.index(r, c).data().toString();
        lines << cells.join(QLatin1Char('|'));
    }
    return lines;
}

void TestAppSupport::categoryModelAppliesSnapshots_data()
{
    QTest::addColumn<Rows>("first");
    QTest::addColumn<Rows>("second");
    QTest::addColumn<QStringList>("expected");
    const Rows ab {{QStringLiteral("a"), QStringLiteral("A"), {1, 2}},
                   {QStringLiteral("b"), QStringLiteral("B"), {3, 4}}};
    QTest::addRow("unchanged") << ab << ab
                               << QStringList {QStringLiteral("A|1|2"), QStringLiteral("B|3|4")};
    QTest::addRow("value changes")
        << ab << Rows {{QStringLiteral("a"), QStringLiteral("A"), {5, 6}}, ab.at(1)}
        << QStringList {QStringLiteral("A|5|6"), QStringLiteral("B|3|4")};
    QTest::addRow("row removed") << ab << Rows {ab.at(1)} << QStringList {QStringLiteral("B|3|4")};
    QTest::addRow("row added") << ab
                               << (ab + Rows {{QStringLiteral("c"), QStringLiteral("C"), {7}}})
                               << QStringList {QStringLiteral("A|1|2"),
                                               QStringLiteral("B|3|4"),
                                               QStringLiteral("C|7|0")};
    QTest::addRow("all replaced") << ab << Rows {{QStringLiteral("z"), QStringLiteral("Z"), {9, 9}}}
                                  << QStringList {QStringLiteral("Z|9|9")};
    QTest::addRow("emptied") << ab << Rows {} << QStringList {};
}

void TestAppSupport::categoryModelAppliesSnapshots()
{
    QFETCH(Rows, first);
    QFETCH(Rows, second);
    QFETCH(QStringList, expected);
    CategoryTableModel model({QStringLiteral("x"), QStringLiteral("y")});
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(first);
    model.setRows(second);
    QCOMPARE(dump(model), expected);
    QCOMPARE(model.headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("y"));
}

void TestAppSupport::categoryModelNeverResets()
{
    CategoryTableModel model({QStringLiteral("x")});
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.setRows({{QStringLiteral("a"), QStringLiteral("A"), {1}}});
    model.setRows({{QStringLiteral("a"), QStringLiteral("A"), {1}}});
    QCOMPARE(changes.count(), 0); // same snapshot: nothing to tell the views
    model.setRows({{QStringLiteral("a"), QStringLiteral("A"), {2}}});
    QCOMPARE(changes.count(), 1);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.value(QStringLiteral("a"), 0), 2.0);
}

void TestAppSupport::timeSeriesModel_data()
{
    QTest::addColumn<int>("firstRows");
    QTest::addColumn<int>("secondRows");
    QTest::addRow("grows") << 2 << 5;
    QTest::addRow("shrinks") << 5 << 2;
    QTest::addRow("same length") << 3 << 3;
    QTest::addRow("to empty") << 3 << 0;
}

void TestAppSupport::timeSeriesModel()
{
    QFETCH(int, firstRows);
    QFETCH(int, secondRows);
    TimeSeriesTableModel model({QStringLiteral("alloc"), QStringLiteral("util")});
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QDateTime t0 = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    auto table = [&](int rows, double scale) {
        TimeSeriesTable t;
        t.columns.resize(2);
        for (int i = 0; i < rows; ++i) {
            t.times << t0.addSecs(60 * i);
            t.columns[0] << i * scale;
            t.columns[1] << 10 * i * scale;
        }
        return t;
    };
    model.setTable(table(firstRows, 1));
    model.setTable(table(secondRows, 2));
    QCOMPARE(model.rowCount(), secondRows);
    QCOMPARE(model.columnCount(), 3);
    if (secondRows > 0) {
        const int last = secondRows - 1;
        QCOMPARE(model.index(last, 0).data().toDouble(),
                 double(t0.addSecs(60 * last).toMSecsSinceEpoch()));
        QCOMPARE(model.index(last, 1).data().toDouble(), last * 2.0);
        QCOMPARE(model.index(last, 2).data().toDouble(), last * 20.0);
        QCOMPARE(model.maximum(1), last * 20.0);
    }
}

void TestAppSupport::parseTelemetry_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("total");
    QTest::addColumn<QString>("firstGroupLabel");
    QTest::addRow("string value") << QByteArray(
        R"({"type":"READY_GPUS","timestamp":"2026-01-01T00:00:00Z","values":[{"value":"16"}]})")
                                  << true << 16.0 << QString();
    QTest::addRow("number value") << QByteArray(R"({"type":"X","values":[{"value":3.5}]})") << true
                                  << 3.5 << QString();
    QTest::addRow("grouped, name preferred") << QByteArray(R"({"type":"ALLOCATED_GPUS","values":[
               {"value":"4","groups":[{"key":"Nodepool","value":"np1","name":"default"}]},
               {"value":"2","groups":[{"key":"Nodepool","value":"np2"}]}]})")
                                             << true << 6.0 << QStringLiteral("default");
    QTest::addRow("empty values") << QByteArray(R"({"type":"X","values":[]})") << true << 0.0
                                  << QString();
    QTest::addRow("not json") << QByteArray("<html>") << false << 0.0 << QString();
    QTest::addRow("no values") << QByteArray(R"({"type":"X"})") << false << 0.0 << QString();
    QTest::addRow("value not a number")
        << QByteArray(R"({"values":[{"value":"many"}]})") << false << 0.0 << QString();
}

void TestAppSupport::parseTelemetry()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(double, total);
    QFETCH(QString, firstGroupLabel);
    const auto result = telemetry::parse(body);
    QCOMPARE(result.ok(), ok);
    if (!ok) {
        QCOMPARE(result.error.kind, ApiError::Kind::Parse);
        QVERIFY(!result.error.message.isEmpty());
        return;
    }
    QCOMPARE(result.value.total(), total);
    if (!firstGroupLabel.isEmpty())
        QCOMPARE(result.value.values.first().groupLabel(QStringLiteral("nodepool")),
                 firstGroupLabel);
}

void TestAppSupport::telemetryQuery_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("groupBy");
    QTest::addColumn<QStringList>("phases");
    QTest::addColumn<QString>("expectedPath");
    QTest::addColumn<QString>("expectedQuery");
    QTest::addRow("nodes") << int(TelemetryQuery::Source::Nodes) << QString() << QStringList {}
                           << QStringLiteral("/api/v1/nodes/telemetry")
                           << QStringLiteral("telemetryType=T");
    QTest::addRow("workloads pending")
        << int(TelemetryQuery::Source::Workloads) << QString()
        << QStringList {QStringLiteral("Pending")} << QStringLiteral("/api/v1/workloads/telemetry")
        << QStringLiteral("telemetryType=T&filterByPhases=Pending");
    QTest::addRow("departments grouped")
        << int(TelemetryQuery::Source::Departments) << QStringLiteral("NodepoolId")
        << QStringList {} << QStringLiteral("/api/v1/org-unit/departments/telemetry")
        << QStringLiteral("telemetryType=T&groupBy=NodepoolId");
}

void TestAppSupport::telemetryQuery()
{
    QFETCH(int, source);
    QFETCH(QString, groupBy);
    QFETCH(QStringList, phases);
    QFETCH(QString, expectedPath);
    QFETCH(QString, expectedQuery);
    TelemetryQuery q;
    q.source = TelemetryQuery::Source(source);
    q.type = QStringLiteral("T");
    q.groupBy = groupBy;
    q.phases = phases;
    QCOMPARE(q.path(), expectedPath);
    QCOMPARE(q.query().toString(), expectedQuery);
}

void TestAppSupport::parseSandboxInfo_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("clusters");
    QTest::addRow("two clusters") << QByteArray(
        R"({"controlPlaneUrl":"http://127.0.0.1:4000","clusters":[
               {"name":"cluster-a","url":"http://127.0.0.1:4001","pid":11},
               {"name":"cluster-b","url":"http://127.0.0.1:4002","pid":"12"}]})")
                                  << true << 2;
    QTest::addRow("no url") << QByteArray(R"({"clusters":[]})") << false << 0;
    QTest::addRow("cluster without name")
        << QByteArray(R"({"controlPlaneUrl":"http://127.0.0.1:1","clusters":[{"url":"http://x"}]})")
        << false << 0;
    QTest::addRow("truncated") << QByteArray(R"({"controlPlaneUrl":"http://127.0.)") << false << 0;
}

void TestAppSupport::parseSandboxInfo()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(int, clusters);
    SandboxInfo info;
    QString error;
    QCOMPARE(SandboxLauncher::parseInfo(json, &info, &error), ok);
    QCOMPARE(error.isEmpty(), ok);
    QCOMPARE(info.clusters.size(), clusters);
    if (ok && clusters == 2) {
        QCOMPARE(info.clusters.at(1).pid, qint64(12));
        QCOMPARE(info.clusters.at(0).url, QUrl(QStringLiteral("http://127.0.0.1:4001")));
    }
}

void TestAppSupport::launcherReportsMissingServer()
{
    qputenv("GPUDESK_SERVER", "/nonexistent/gpudesk-server");
    SandboxLauncher launcher;
    QSignalSpy failed(&launcher, &SandboxLauncher::failed);
    launcher.start();
    qunsetenv("GPUDESK_SERVER");
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("gpudesk-server was not found")));
    QCOMPARE(launcher.state(), SandboxLauncher::State::Failed);
}

void TestAppSupport::launcherReportsEarlyExit()
{
    // A server that exits at once (like a sandbox whose ports are taken) must give a sentence with its
    // exit code, not a hang.
    SandboxLauncher launcher;
    launcher.setServerPath(QStringLiteral("/bin/false"));
    QSignalSpy failed(&launcher, &SandboxLauncher::failed);
    QSignalSpy ready(&launcher, &SandboxLauncher::ready);
    launcher.start();
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("exited with code 1")),
             qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(ready.count(), 0);
}

QTEST_GUILESS_MAIN(TestAppSupport)
#include "tst_appsupport.moc"
