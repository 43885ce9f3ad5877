#include "overviewsource.h"

#include "apptr.h"
#include "controlplaneclient.h"

#include <QHash>
#include <QMap>

namespace {

QStringList poolTitles()
{
    return {AppSupportTr::tr("Allocated GPUs"),
            AppSupportTr::tr("GPUs"),
            AppSupportTr::tr("Allocation ratio (%)")};
}

QStringList departmentTitles()
{
    return {AppSupportTr::tr("GPU quota"), AppSupportTr::tr("Allocated GPUs")};
}

QStringList overTimeTitles()
{
    return {AppSupportTr::tr("Allocated GPUs"), AppSupportTr::tr("GPU utilisation (%)")};
}

QList<CategoryRow> rowsByGroup(const TelemetryReading &reading, const QString &groupKey)
{
    QMap<QString, CategoryRow> byLabel; // sorted by label for a stable chart order
    for (const TelemetryValue &v : reading.values) {
        const QString label = v.groupLabel(groupKey);
        CategoryRow &row = byLabel[label];
        row.key = label;
        row.label = label.isEmpty() ? AppSupportTr::tr("(none)") : label;
        row.values = {row.values.value(0) + v.value};
    }
    return byLabel.values();
}

} // namespace

OverviewSource::OverviewSource(ControlPlaneClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_pools(new CategoryTableModel(poolTitles(), this))
    , m_types(new CategoryTableModel({AppSupportTr::tr("Allocated GPUs")}, this))
    , m_phases(new CategoryTableModel({AppSupportTr::tr("Workloads")}, this))
    , m_departments(new CategoryTableModel(departmentTitles(), this))
    , m_overTime(new TimeSeriesTableModel(overTimeTitles(), this))
{
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &OverviewSource::refresh);
}

TelemetryQuery OverviewSource::tileQuery(Tile tile, const QString &clusterId)
{
    TelemetryQuery q;
    q.clusterId = clusterId;
    switch (tile) {
    case ReadyNodes:
        q.type = QStringLiteral("READY_GPU_NODES");
        break;
    case ReadyGpus:
        q.type = QStringLiteral("READY_GPUS");
        break;
    case AllocatedGpus:
        q.type = QStringLiteral("ALLOCATED_GPUS");
        break;
    case RunningWorkloads:
    case PendingWorkloads:
        q.source = TelemetryQuery::Source::Workloads;
        q.type = QStringLiteral("WORKLOADS_COUNT");
        q.phases = {tile == RunningWorkloads ? QStringLiteral("Running")
                                             : QStringLiteral("Pending")};
        break;
    case TileCount:
        break;
    }
    return q;
}

void OverviewSource::setClusterId(const QString &clusterId)
{
    if (clusterId == m_clusterId)
        return;
    m_clusterId = clusterId;
    refresh();
}

void OverviewSource::setClusters(const QList<QPair<QString, QString>> &clusters)
{
    m_clusters = clusters;
}

void OverviewSource::setTimeRange(qint64 seconds)
{
    if (seconds == m_rangeSeconds)
        return;
    m_rangeSeconds = seconds;
    refresh();
}

void OverviewSource::setRefreshInterval(int ms)
{
    m_timer.setInterval(ms);
}

void OverviewSource::start()
{
    refresh();
    m_timer.start();
}

void OverviewSource::stop()
{
    m_timer.stop();
    ++m_round;
}

void OverviewSource::refresh()
{
    if (!m_client)
        return;
    ++m_round;
    m_outstanding = 0;
    m_roundErrors.clear();
    for (int t = 0; t < TileCount; ++t) {
        const auto tile = Tile(t);
        requestTelemetry(tileQuery(tile, m_clusterId),
                         [this, tile](const TelemetryReading &r) { setTile(tile, r.total()); });
    }
    requestPools();
    TelemetryQuery byType;
    byType.source = TelemetryQuery::Source::Workloads;
    byType.clusterId = m_clusterId;
    byType.type = QStringLiteral("GPU_ALLOCATION");
    byType.groupBy = QStringLiteral("Type");
    requestTelemetry(byType, [this](const TelemetryReading &r) {
        m_types->setRows(rowsByGroup(r, QStringLiteral("Type")));
    });
    TelemetryQuery byPhase = byType;
    byPhase.type = QStringLiteral("WORKLOADS_COUNT");
    byPhase.groupBy = QStringLiteral("Phase");
    requestTelemetry(byPhase, [this](const TelemetryReading &r) {
        m_phases->setRows(rowsByGroup(r, QStringLiteral("Phase")));
    });
    requestDepartments();
    requestOverTime();
}

void OverviewSource::requestTelemetry(const TelemetryQuery &query,
                                      std::function<void(const TelemetryReading &)> apply,
                                      std::function<void()> onFailure)
{
    HttpCall call;
    call.path = query.path();
    call.query = query.query();
    call.staleKey = QStringLiteral("overview:") + call.path + QLatin1Char('?')
                    + call.query.toString();
    ++m_outstanding;
    const quint64 round = m_round;
    m_client->callJson(call, this, [this, round, apply, onFailure](const Result<QByteArray> &reply) {
        if (round != m_round)
            return;
        if (!reply.ok()) {
            if (onFailure)
                onFailure();
            finishCall(reply.error);
            return;
        }
        const auto reading = telemetry::parse(reply.value);
        if (reading.ok())
            apply(reading.value);
        else if (onFailure)
            onFailure();
        finishCall(reading.error);
    });
}

void OverviewSource::requestPools()
{
    // One allocated/total pair per node pool name, asked with nodepoolName so that the numbers are the
    // API's own per pool (pools of the same name in several clusters add up, as in the web UI).
    ++m_outstanding;
    const quint64 round = m_round;
    m_client->fetchNodePools(this, [this, round](const Result<QList<api::NodePool>> &reply) {
        if (round != m_round)
            return;
        if (reply.ok()) {
            QStringList names;
            for (const api::NodePool &pool : reply.value) {
                if ((m_clusterId.isEmpty() || pool.clusterId == m_clusterId)
                    && !names.contains(pool.name))
                    names.append(pool.name);
            }
            names.sort();
            auto rows = std::make_shared<QMap<QString, CategoryRow>>();
            auto pending = std::make_shared<int>(int(names.size()) * 2);
            if (names.isEmpty())
                m_pools->setRows({});
            for (const QString &name : std::as_const(names)) {
                (*rows)[name] = CategoryRow {name, name, {0, 0, 0}};
                for (int column : {0, 1}) {
                    TelemetryQuery q;
                    q.clusterId = m_clusterId;
                    q.nodePool = name;
                    q.type = column == 0 ? QStringLiteral("ALLOCATED_GPUS")
                                         : QStringLiteral("TOTAL_GPUS");
                    requestTelemetry(q, [this, rows, pending, name, column](const auto &r) {
                        (*rows)[name].values[column] = r.total();
                        if (--*pending > 0)
                            return;
                        QList<CategoryRow> list = rows->values();
                        for (CategoryRow &row : list)
                            row.values[2] = row.values[1] > 0
                                                ? 100.0 * row.values[0] / row.values[1]
                                                : 0;
                        m_pools->setRows(list);
                    });
                }
            }
        }
        finishCall(reply.error);
    });
}

void OverviewSource::requestDepartments()
{
    // Quota from the departments' own per-pool resources; allocation from the workloads telemetry
    // grouped by department (the department list carries no allocation on every server), falling
    // back to the departments' quota status when the telemetry has no value for one.
    struct Pending
    {
        QList<api::OrgUnit> departments;
        QHash<QString, double> allocated;
        bool haveTelemetry = false;
        int left = 2;
    };
    auto pending = std::make_shared<Pending>();
    auto deliver = [this, pending] {
        if (--pending->left > 0)
            return;
        QList<CategoryRow> rows;
        for (const api::OrgUnit &d : std::as_const(pending->departments)) {
            if (!m_clusterId.isEmpty() && d.clusterId != m_clusterId)
                continue;
            double quota = 0;
            double allocated = 0;
            for (const api::PoolResources &r : d.resources)
                quota += r.gpuDeserved;
            for (const api::PoolAllocation &a : d.allocations)
                allocated += a.gpuAllocated;
            if (pending->haveTelemetry)
                allocated = pending->allocated.value(d.id, allocated);
            rows.append({d.id, d.name, {quota, allocated}});
        }
        std::sort(rows.begin(), rows.end(), [](const CategoryRow &a, const CategoryRow &b) {
            return a.label < b.label;
        });
        m_departments->setRows(rows);
    };
    ++m_outstanding;
    const quint64 round = m_round;
    m_client->fetchDepartments(this, [this, round, pending, deliver](const auto &reply) {
        if (round != m_round)
            return;
        pending->departments = reply.value;
        if (reply.ok())
            deliver();
        finishCall(reply.error);
    });
    TelemetryQuery byDepartment;
    byDepartment.source = TelemetryQuery::Source::Workloads;
    byDepartment.clusterId = m_clusterId;
    byDepartment.type = QStringLiteral("GPU_ALLOCATION");
    byDepartment.groupBy = QStringLiteral("DepartmentId");
    requestTelemetry(
        byDepartment,
        [pending, deliver](const TelemetryReading &r) {
            pending->haveTelemetry = true;
            for (const TelemetryValue &v : r.values) {
                for (const TelemetryGroup &g : v.groups) {
                    if (g.key.compare(QLatin1String("DepartmentId"), Qt::CaseInsensitive) == 0)
                        pending->allocated[g.value] += v.value;
                }
            }
            deliver();
        },
        deliver);
}

void OverviewSource::requestOverTime()
{
    const QDateTime end = QDateTime::currentDateTimeUtc();
    const QDateTime start = end.addSecs(-m_rangeSeconds);
    // Sum allocation over the selected clusters; utilisation is weighted by each cluster's GPUs.
    struct Acc
    {
        QMap<qint64, double> allocated, utilWeighted, gpus;
        int pending = 0;
        bool anyOk = false;
    };
    auto acc = std::make_shared<Acc>();
    const quint64 round = m_round;
    for (const auto &[id, name] : std::as_const(m_clusters)) {
        if (!m_clusterId.isEmpty() && id != m_clusterId)
            continue;
        ++acc->pending;
        ++m_outstanding;
        m_client->fetchMetrics(QStringLiteral("/api/v1/clusters/%1/metrics").arg(id),
                               {QStringLiteral("ALLOCATED_GPU"),
                                QStringLiteral("GPU_UTILIZATION"),
                                QStringLiteral("TOTAL_GPU")},
                               start,
                               end,
                               60,
                               this,
                               [this, round, acc](const Result<QList<api::MetricSeries>> &reply) {
                                   if (round != m_round)
                                       return;
                                   if (reply.ok()) {
                                       acc->anyOk = true;
                                       QMap<qint64, double> util, total;
                                       for (const api::MetricSeries &s : reply.value) {
                                           for (const api::MetricSample &sample : s.values) {
                                               const qint64 t = sample.timestamp.toMSecsSinceEpoch();
                                               if (s.type == QLatin1String("ALLOCATED_GPU"))
                                                   acc->allocated[t] += sample.value;
                                               else if (s.type == QLatin1String("GPU_UTILIZATION"))
                                                   util[t] = sample.value;
                                               else if (s.type == QLatin1String("TOTAL_GPU"))
                                                   total[t] = sample.value;
                                           }
                                       }
                                       for (auto it = util.cbegin(); it != util.cend(); ++it) {
                                           const double weight = total.value(it.key(), 1.0);
                                           acc->utilWeighted[it.key()] += it.value() * weight;
                                           acc->gpus[it.key()] += weight;
                                       }
                                   }
                                   if (--acc->pending == 0 && acc->anyOk) {
                                       TimeSeriesTable table;
                                       table.columns.resize(2);
                                       QList<qint64> times = acc->allocated.keys();
                                       for (qint64 t : acc->utilWeighted.keys()) {
                                           if (!acc->allocated.contains(t))
                                               times.append(t);
                                       }
                                       std::sort(times.begin(), times.end());
                                       for (qint64 t : std::as_const(times)) {
                                           table.times.append(
                                               QDateTime::fromMSecsSinceEpoch(t, Qt::UTC));
                                           table.columns[0].append(acc->allocated.value(t));
                                           const double gpus = acc->gpus.value(t);
                                           table.columns[1].append(
                                               gpus > 0 ? acc->utilWeighted.value(t) / gpus : 0);
                                       }
                                       m_overTime->setTable(table);
                                   }
                                   finishCall(reply.error);
                               });
    }
}

void OverviewSource::setTile(Tile tile, double value)
{
    OverviewTiles next = m_tiles;
    switch (tile) {
    case ReadyNodes:
        next.readyNodes = value;
        break;
    case ReadyGpus:
        next.readyGpus = value;
        break;
    case AllocatedGpus:
        next.allocatedGpus = value;
        break;
    case RunningWorkloads:
        next.runningWorkloads = value;
        break;
    case PendingWorkloads:
        next.pendingWorkloads = value;
        break;
    case TileCount:
        break;
    }
    if (next == m_tiles)
        return;
    m_tiles = next;
    emit tilesChanged(m_tiles);
}

void OverviewSource::finishCall(const ApiError &error)
{
    if (error.isError() && error.kind != ApiError::Kind::Cancelled) {
        m_roundErrors.append(error.message);
        m_lastError = error.message;
        emit failed(error.message);
    }
    if (--m_outstanding == 0) {
        if (m_roundErrors.isEmpty())
            m_lastError.clear();
        m_lastRefresh = QDateTime::currentDateTime();
        emit refreshed(m_lastRefresh);
    }
}

void OverviewSource::retranslate()
{
    m_pools->setValueTitles(poolTitles());
    m_types->setValueTitles({AppSupportTr::tr("Allocated GPUs")});
    m_phases->setValueTitles({AppSupportTr::tr("Workloads")});
    m_departments->setValueTitles(departmentTitles());
    m_overTime->setValueTitles(overTimeTitles());
}
