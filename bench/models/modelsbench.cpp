// Benchmark of the workload table: 50,000 rows in WorkloadModel behind SnapshotSortProxy (a
// QSortFilterProxyModel). Prints the time to load, to sort by every column (both orders) and to filter
// by text, and the memory per row. Every sort is a first sort of its column (keys are built when rows
// arrive, not at sort time). Target: sort and filter < 100 ms each.
#include "snapshotsortproxy.h"
#include "workloadmodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

namespace {

long residentKiB()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.value(1).toLong() * 4; // pages of 4 KiB
}

QList<api::Workload> makeWorkloads(int n)
{
    static const char *phases[]
        = {"Pending", "Running", "Completed", "Failed", "Stopped", "Initializing"};
    static const char *types[] = {"Training", "Workspace", "Distributed", "Inference"};
    QList<api::Workload> out;
    out.reserve(n);
    const QDateTime base(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
    for (int i = 0; i < n; ++i) {
        api::Workload w;
        w.id = QStringLiteral("6f1c2b9a-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
        w.name = QStringLiteral("%1-%2")
                     .arg(QString::fromLatin1(types[i % 4]).toLower())
                     .arg(i * 7919 % 100000);
        w.type = QLatin1String(types[i % 4]);
        w.phase = QLatin1String(phases[(i * 31) % 6]);
        w.projectName = QStringLiteral("project-%1").arg(i % 40);
        w.departmentName = QStringLiteral("department-%1").arg(i % 7);
        w.submittedBy = QStringLiteral("user%1@demo.local").arg(i % 300);
        w.clusterId = i % 3 ? QStringLiteral("cluster-a") : QStringLiteral("cluster-b");
        w.priority = (i % 5) * 25 + 25;
        w.priorityClassName = QStringLiteral("p%1").arg(w.priority);
        w.preemptible = i % 2;
        w.requestedPods = 1 + i % 8;
        w.runningPods = w.phase == QLatin1String("Running") ? w.requestedPods : 0;
        w.gpuRequest = (i % 4) ? 1 : 0.5;
        w.allocatedGpus = w.runningPods * w.gpuRequest;
        w.requestedNodePools = {i % 2 ? QStringLiteral("pool-a") : QStringLiteral("pool-b")};
        w.createdAt = base.addSecs(i * 13);
        if (w.phase == QLatin1String("Completed"))
            w.completedAt = w.createdAt.addSecs(3600);
        out.append(w);
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rows = argc > 1 ? QByteArray(argv[1]).toInt() : 50000;
    QTextStream out(stdout);
    out.setRealNumberPrecision(1);
    out.setRealNumberNotation(QTextStream::FixedNotation);

    QList<api::Workload> data = makeWorkloads(rows);
    const long before = residentKiB();
    WorkloadModel model;
    QElapsedTimer t;
    t.start();
    model.setSnapshot(data);
    const double loadMs = t.nsecsElapsed() / 1e6;
    const long after = residentKiB();
    data.clear();
    out << "rows: " << model.rowCount() << "\n";
    out << "load (setSnapshot, first, incl. sort keys): " << loadMs << " ms\n";
    out << "memory per row (model + search text + index + sort keys): "
        << double(after - before) * 1024 / rows << " bytes\n";

    // A second snapshot where every 10th row changed: the live-update path.
    QList<api::Workload> changed = model.rows();
    for (qsizetype i = 0; i < changed.size(); i += 10)
        changed[i].phase = QStringLiteral("Running");
    t.restart();
    model.setSnapshot(changed);
    out << "live snapshot, 10% rows changed: " << t.nsecsElapsed() / 1e6 << " ms\n";

    SnapshotSortProxy proxy;
    proxy.setSourceModel(&model);
    double worstSort = 0;
    for (int c = 0; c < model.columnCount(); ++c) {
        // A one-row live change before each column: its sort keys are updated on arrival, so the
        // sort below is a first sort of this column with nothing cached in the proxy.
        api::Workload touched = model.at(c);
        touched.phaseMessage = QString::number(c);
        model.upsert(touched);
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            t.restart();
            proxy.sort(c, order);
            const double ms = t.nsecsElapsed() / 1e6;
            worstSort = std::max(worstSort, ms);
            out << "sort " << model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString()
                << (order == Qt::AscendingOrder ? " asc: " : " desc: ") << ms << " ms\n";
        }
    }
    double worstFilter = 0;
    for (const QString &text : {QStringLiteral("training-12"),
                                QStringLiteral("running project-7"),
                                QStringLiteral("user42@"),
                                QStringLiteral("cluster-b pending"),
                                QStringLiteral("no-such-workload"),
                                QString()}) {
        t.restart();
        proxy.setFilterText(text);
        const double ms = t.nsecsElapsed() / 1e6;
        worstFilter = std::max(worstFilter, ms);
        out << "filter \"" << text << "\": " << ms << " ms, " << proxy.rowCount() << " rows\n";
    }
    out << "worst sort: " << worstSort << " ms, worst filter: " << worstFilter
        << " ms (target < 100 ms)\n";
    return (worstSort < 100 && worstFilter < 100) ? 0 : 1;
}
