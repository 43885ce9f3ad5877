#pragma once

// The workloads table (api.md §4 Workloads page columns). Built for 50,000 rows: it fetches incrementally
// through canFetchMore()/fetchMore() (a view scrolling to the end asks for the next page), and sorts and
// filters through SnapshotSortProxy with typed comparisons and cached search text.
// WorkloadFeed connects it to ControlPlaneClient's paged GET /api/v1/workloads.

#include "apierror.h"
#include "apitypes.h"
#include "snapshottablemodel.h"

#include <QObject>

class ControlPlaneClient;

class WorkloadModel : public SnapshotTableModel<api::Workload>
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        TypeColumn,
        StatusColumn,
        ProjectColumn,
        DepartmentColumn,
        SubmittedByColumn,
        PodsColumn,
        GpuRequestColumn,
        GpuAllocationColumn,
        PriorityColumn,
        PreemptibleColumn,
        NodePoolsColumn,
        ClusterColumn,
        CreatedColumn,
        CompletedColumn,
        ColumnCount
    };
    enum Roles { PendingReasonRole = models::FirstCustomRole, WorkloadTypeRole, ClusterIdRole };

    explicit WorkloadModel(QObject *parent = nullptr);

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // A page from the paged API: new rows appended, known rows updated. next < 0 = no more pages.
    void appendPage(const api::Page<api::Workload> &page);
    void setMoreAvailable(bool more) { m_moreAvailable = more; }
    bool moreAvailable() const { return m_moreAvailable; }
    int totalHint() const { return m_total; }

signals:
    // fetchMore() was called by a view; the feed should deliver the page at `offset`.
    void fetchMoreRequested(int offset);

protected:
    QVariant extraData(const api::Workload &row, int column, int role) const override;

private:
    bool m_moreAvailable = false;
    bool m_fetchPending = false;
    int m_total = -1;
};

// Feeds a WorkloadModel from the control plane: first page on start(), further pages on demand, and
// refresh() re-reads the loaded range and applies it as a snapshot (inserts, changes, removals).
class WorkloadFeed : public QObject
{
    Q_OBJECT
public:
    WorkloadFeed(ControlPlaneClient *client, WorkloadModel *model, QObject *parent = nullptr);

    void setPageSize(int size) { m_pageSize = size; }
    void start(const QString &search = {}, const QStringList &filterBy = {});
    void refresh();
    // Fetches pages until everything is loaded (the benchmark and offline snapshots need it).
    void loadAll();
    bool isLoading() const { return m_inFlight; }

signals:
    void pageLoaded(int rowsNow);
    void refreshed();
    void allLoaded();
    void failed(const ApiError &error);

private:
    void fetchPage(int offset);

    ControlPlaneClient *m_client;
    WorkloadModel *m_model;
    int m_pageSize = 500;
    QString m_search;
    QStringList m_filterBy;
    bool m_inFlight = false;
    bool m_loadAll = false;
    quint64 m_generation = 0;
};
