#pragma once

// Everything the Overview dashboard shows, fetched from the control plane's telemetry, org-unit and
// metrics endpoints (api.md §3.11) and kept in table models that the charts read. One refresh round
// sends all calls at once (asynchronously); answers from an older round are dropped. The tiles are the
// telemetry values as the API returns them, so tests can compare them with the API one to one.

#include "categorytablemodel.h"
#include "telemetry.h"
#include "timeseriestablemodel.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class ControlPlaneClient;

struct OverviewTiles
{
    std::optional<double> readyNodes;       // READY_GPU_NODES
    std::optional<double> readyGpus;        // READY_GPUS
    std::optional<double> allocatedGpus;    // ALLOCATED_GPUS
    std::optional<double> runningWorkloads; // WORKLOADS_COUNT, filterByPhases=Running
    std::optional<double> pendingWorkloads; // WORKLOADS_COUNT, filterByPhases=Pending
    friend bool operator==(const OverviewTiles &, const OverviewTiles &) = default;
};

class OverviewSource : public QObject
{
    Q_OBJECT
public:
    enum Tile {
        ReadyNodes,
        ReadyGpus,
        AllocatedGpus,
        RunningWorkloads,
        PendingWorkloads,
        TileCount
    };
    Q_ENUM(Tile)

    explicit OverviewSource(ControlPlaneClient *client, QObject *parent = nullptr);

    // The telemetry request behind each tile (also used by tests to ask the API directly).
    static TelemetryQuery tileQuery(Tile tile, const QString &clusterId = {});

    void setClusterId(const QString &clusterId); // empty = all clusters
    QString clusterId() const { return m_clusterId; }
    // Ids and names of the clusters whose metrics feed the time chart.
    void setClusters(const QList<QPair<QString, QString>> &clusters);
    void setTimeRange(qint64 seconds);
    qint64 timeRange() const { return m_rangeSeconds; }
    void setRefreshInterval(int ms);

    void start(); // refresh now and then every interval
    void stop();
    void refresh();

    OverviewTiles tiles() const { return m_tiles; }
    QDateTime lastRefresh() const { return m_lastRefresh; }
    QString lastError() const { return m_lastError; }

    CategoryTableModel *poolAllocation() const { return m_pools; }  // allocated, total, ratio %
    CategoryTableModel *typeAllocation() const { return m_types; }  // allocated GPUs per type
    CategoryTableModel *workloadPhases() const { return m_phases; } // workloads per phase
    CategoryTableModel *departmentQuota() const { return m_departments; } // quota, allocated
    TimeSeriesTableModel *overTime() const { return m_overTime; }         // allocated GPUs, util %

    void retranslate(); // model headers follow the UI language

signals:
    void tilesChanged(const OverviewTiles &tiles);
    void refreshed(const QDateTime &when); // every call of a round has answered
    void failed(const QString &message);   // one call of a round failed (the others still count)

private:
    // `onFailure` runs instead of `apply` when the call or its parsing fails.
    void requestTelemetry(const TelemetryQuery &query,
                          std::function<void(const TelemetryReading &)> apply,
                          std::function<void()> onFailure = {});
    void requestPools();
    void requestDepartments();
    void requestOverTime();
    void setTile(Tile tile, double value);
    void finishCall(const ApiError &error);

    QPointer<ControlPlaneClient> m_client;
    QString m_clusterId;
    QList<QPair<QString, QString>> m_clusters;
    qint64 m_rangeSeconds = 3600;
    QTimer m_timer;
    quint64 m_round = 0;
    int m_outstanding = 0;
    QStringList m_roundErrors;
    OverviewTiles m_tiles;
    QDateTime m_lastRefresh;
    QString m_lastError;
    CategoryTableModel *m_pools;
    CategoryTableModel *m_types;
    CategoryTableModel *m_phases;
    CategoryTableModel *m_departments;
    TimeSeriesTableModel *m_overTime;
};
