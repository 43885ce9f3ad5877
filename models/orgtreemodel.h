#pragma once

// The organisation tree: tenant → departments → projects, with quota (deserved GPUs), allocated GPUs and
// fair share per node pool as columns (three per pool, after the name). Fed value snapshots; a new
// snapshot becomes row inserts, dataChanged and row removals (a project moved to another department is
// removed there and inserted here), never a reset. Quota cells are editable (EditRole or DeservedRole,
// LimitRole, OverQuotaWeightRole): the model keeps the edit and emits quotaEdited() for the editor to
// send; the next snapshot from the server is the truth.

#include "apitypes.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <vector>

class OrgTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Kind { TenantNode, DepartmentNode, ProjectNode };
    enum Metric { QuotaMetric, AllocatedMetric, FairShareMetric, MetricCount };
    enum Roles {
        IdRole = Qt::UserRole + 1, // unit id (empty for the tenant)
        KindRole,                  // Kind
        NodePoolRole,              // the pool of a metric column
        MetricRole,                // Metric of a column
        DeservedRole,              // editable
        LimitRole,                 // editable, -1 = unlimited
        OverQuotaWeightRole,       // editable, -1 = default
        AllocatedRole,
        FairShareRole,
        OverQuotaRole, // bool: allocated > deserved in this pool
    };

    explicit OrgTreeModel(QObject *parent = nullptr);
    ~OrgTreeModel() override;

    // `pools` in display order with their GPU capacity (used for the fair-share estimate).
    void setSnapshot(const QString &tenantName,
                     const QList<api::OrgUnit> &departments,
                     const QList<api::OrgUnit> &projects,
                     const QList<QPair<QString, double>> &pools);

    QStringList nodePools() const { return m_pools; }
    int columnFor(const QString &pool, Metric metric) const;
    QModelIndex indexOfUnit(const QString &id, int column = 0) const;
    const api::OrgUnit *unit(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

signals:
    // The user changed a quota; `resources` is the unit's full per-pool list with the change applied
    // (ready for ControlPlaneClient::updateResources).
    void quotaEdited(const api::OrgUnit &unit, const QList<api::PoolResources> &resources);

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(Node *node, int column = 0) const;
    void syncChildren(Node *parent,
                      const QList<api::OrgUnit> &wanted,
                      const QHash<QString, QList<api::OrgUnit>> &projectsByParent);
    void syncPools(const QStringList &pools);
    void refreshAllCells(Node *node);
    double allocatedOf(const Node *node, const QString &pool) const;

    std::unique_ptr<Node> m_root; // invisible; its single child is the tenant
    QStringList m_pools;
    QHash<QString, QHash<QString, double>> m_fairShare;
};
