#include "orgtreemodel.h"

#include "fairshare.h"

#include <QCoreApplication>
#include <QSet>

struct OrgTreeModel::Node
{
    Kind kind = TenantNode;
    api::OrgUnit unit; // empty for the root and the tenant
    QString tenantName;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return int(i);
        }
        return -1;
    }
    QString key() const { return QString::number(int(kind)) + QLatin1Char(':') + unit.id; }
};

namespace {

QString keyOf(const api::OrgUnit &u)
{
    const int kind = u.kind == api::OrgUnit::Kind::Department ? OrgTreeModel::DepartmentNode
                                                              : OrgTreeModel::ProjectNode;
    return QString::number(kind) + QLatin1Char(':') + u.id;
}

} // namespace

OrgTreeModel::OrgTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{ }

OrgTreeModel::~OrgTreeModel() = default;

double OrgTreeModel::allocatedOf(const Node *node, const QString &pool) const
{
    // A unit's own figure when the server reported one, else the sum of its children's.
    if (node->kind != TenantNode) {
        if (const api::PoolAllocation *a = node->unit.allocationFor(pool))
            return a->gpuAllocated;
    }
    double sum = 0;
    for (const auto &c : node->children)
        sum += allocatedOf(c.get(), pool);
    return sum;
}

OrgTreeModel::Node *OrgTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex OrgTreeModel::indexFor(Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, node);
}

QModelIndex OrgTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *p = nodeFor(parent);
    return createIndex(row, column, p->children.at(size_t(row)).get());
}

QModelIndex OrgTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *node = nodeFor(child);
    return indexFor(node->parent);
}

int OrgTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int OrgTreeModel::columnCount(const QModelIndex &) const
{
    return 1 + int(m_pools.size()) * MetricCount;
}

int OrgTreeModel::columnFor(const QString &pool, Metric metric) const
{
    const qsizetype p = m_pools.indexOf(pool);
    return p < 0 ? -1 : 1 + int(p) * MetricCount + metric;
}

const api::OrgUnit *OrgTreeModel::unit(const QModelIndex &index) const
{
    Node *node = nodeFor(index);
    return (node && node->kind != TenantNode && node != m_root.get()) ? &node->unit : nullptr;
}

QModelIndex OrgTreeModel::indexOfUnit(const QString &id, int column) const
{
    std::function<Node *(Node *)> find = [&](Node *n) -> Node * {
        for (auto &c : n->children) {
            if (c->kind != TenantNode && c->unit.id == id)
                return c.get();
            if (Node *hit = find(c.get()))
                return hit;
        }
        return nullptr;
    };
    return indexFor(find(m_root.get()), column);
}

QVariant OrgTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    if (section == 0)
        return QCoreApplication::translate("models", "Name");
    const int p = (section - 1) / MetricCount;
    if (p < 0 || p >= m_pools.size())
        return {};
    static const char *names[] = {QT_TRANSLATE_NOOP("models", "%1: GPU quota"),
                                  QT_TRANSLATE_NOOP("models", "%1: allocated GPUs"),
                                  QT_TRANSLATE_NOOP("models", "%1: fair share")};
    return QCoreApplication::translate("models", names[(section - 1) % MetricCount])
        .arg(m_pools.at(p));
}

Qt::ItemFlags OrgTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    Node *node = nodeFor(index);
    if (node->kind != TenantNode && index.column() > 0
        && (index.column() - 1) % MetricCount == QuotaMetric)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant OrgTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    Node *node = nodeFor(index);
    const int column = index.column();
    if (role == IdRole)
        return node->unit.id;
    if (role == KindRole)
        return int(node->kind);
    if (column == 0) {
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return node->kind == TenantNode ? node->tenantName : node->unit.name;
        return {};
    }
    const QString pool = m_pools.value((column - 1) / MetricCount);
    const Metric metric = Metric((column - 1) % MetricCount);
    if (role == NodePoolRole)
        return pool;
    if (role == MetricRole)
        return int(metric);

    // Figures for this node and pool; the tenant shows the sums of what hangs under it.
    double deserved = 0, limit = -1, weight = -1, allocated = allocatedOf(node, pool), fair = 0;
    if (node->kind == TenantNode) {
        for (const auto &c : node->children) {
            if (const api::PoolResources *r = c->unit.resourcesFor(pool))
                deserved += r->gpuDeserved;
            fair += m_fairShare.value(c->unit.id).value(pool);
        }
    } else {
        if (const api::PoolResources *r = node->unit.resourcesFor(pool)) {
            deserved = r->gpuDeserved;
            limit = r->gpuLimit;
            weight = r->gpuOverQuotaWeight;
        }
        fair = m_fairShare.value(node->unit.id).value(pool);
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (metric) {
        case QuotaMetric:
            return deserved;
        case AllocatedMetric:
            return allocated;
        default:
            return std::round(fair * 100) / 100;
        }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case DeservedRole:
        return deserved;
    case LimitRole:
        return limit;
    case OverQuotaWeightRole:
        return weight;
    case AllocatedRole:
        return allocated;
    case FairShareRole:
        return fair;
    case OverQuotaRole:
        return allocated > deserved + 1e-9;
    default:
        return {};
    }
}

bool OrgTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() == 0)
        return false;
    Node *node = nodeFor(index);
    if (node->kind == TenantNode)
        return false;
    if (role == Qt::EditRole && (index.column() - 1) % MetricCount != QuotaMetric)
        return false;
    if (role != Qt::EditRole && role != DeservedRole && role != LimitRole
        && role != OverQuotaWeightRole)
        return false;
    bool ok = false;
    const double v = value.toDouble(&ok);
    if (!ok || (role != LimitRole && role != OverQuotaWeightRole && v < 0))
        return false; // a negative quota is not an edit we pass on
    const QString pool = m_pools.value((index.column() - 1) / MetricCount);
    api::PoolResources *r = nullptr;
    for (api::PoolResources &candidate : node->unit.resources) {
        if (candidate.nodePoolName == pool)
            r = &candidate;
    }
    if (!r) {
        api::PoolResources added;
        added.nodePoolName = pool;
        node->unit.resources.append(added);
        r = &node->unit.resources.last();
    }
    double *field = role == LimitRole             ? &r->gpuLimit
                    : role == OverQuotaWeightRole ? &r->gpuOverQuotaWeight
                                                  : &r->gpuDeserved;
    if (*field == v)
        return true;
    *field = v;
    const int first = columnFor(pool, QuotaMetric);
    emit dataChanged(indexFor(node, first), indexFor(node, first + MetricCount - 1));
    if (node->parent && node->parent != m_root.get()) // the parent's sums change too
        emit dataChanged(indexFor(node->parent, first),
                         indexFor(node->parent, first + MetricCount - 1));
    emit quotaEdited(node->unit, node->unit.resources);
    return true;
}

void OrgTreeModel::syncPools(const QStringList &pools)
{
    if (pools == m_pools)
        return;
    if (m_root->children.empty() || m_pools.isEmpty()) {
        // Nothing shown yet, or only the name column: plain column inserts.
        if (m_root->children.empty() && !m_pools.isEmpty()) {
            beginRemoveColumns({}, 1, columnCount() - 1);
            m_pools.clear();
            endRemoveColumns();
        }
        if (m_root->children.empty()) {
            if (!pools.isEmpty()) {
                beginInsertColumns({}, 1, int(pools.size()) * MetricCount);
                m_pools = pools;
                endInsertColumns();
            }
            return;
        }
    }
    // Node pools were added or removed while rows are shown. Rare (an admin action), and every column
    // after the name moves, so this one case resets the model.
    beginResetModel();
    m_pools = pools;
    endResetModel();
}

void OrgTreeModel::setSnapshot(const QString &tenantName,
                               const QList<api::OrgUnit> &departments,
                               const QList<api::OrgUnit> &projects,
                               const QList<QPair<QString, double>> &pools)
{
    QStringList poolNames;
    QHash<QString, double> capacity;
    for (const auto &p : pools) {
        poolNames << p.first;
        capacity.insert(p.first, p.second);
    }
    syncPools(poolNames);
    m_fairShare = fairshare::estimate(departments, projects, capacity);

    if (m_root->children.empty()) {
        beginInsertRows({}, 0, 0);
        auto tenant = std::make_unique<Node>();
        tenant->kind = TenantNode;
        tenant->tenantName = tenantName;
        tenant->parent = m_root.get();
        m_root->children.push_back(std::move(tenant));
        endInsertRows();
    }
    Node *tenant = m_root->children.front().get();
    if (tenant->tenantName != tenantName) {
        tenant->tenantName = tenantName;
        emit dataChanged(indexFor(tenant), indexFor(tenant));
    }

    QHash<QString, QList<api::OrgUnit>> projectsByParent;
    QSet<QString> departmentIds;
    for (const api::OrgUnit &d : departments)
        departmentIds.insert(d.id);
    QList<api::OrgUnit> topLevel = departments;
    for (const api::OrgUnit &p : projects) {
        if (departmentIds.contains(p.parentId))
            projectsByParent[p.parentId].append(p);
        else
            topLevel.append(p); // a project without a known department hangs off the tenant
    }
    syncChildren(tenant, topLevel, projectsByParent);
    refreshAllCells(tenant);
}

void OrgTreeModel::syncChildren(Node *parent,
                                const QList<api::OrgUnit> &wanted,
                                const QHash<QString, QList<api::OrgUnit>> &projectsByParent)
{
    QHash<QString, const api::OrgUnit *> wantedByKey;
    for (const api::OrgUnit &u : wanted)
        wantedByKey.insert(keyOf(u), &u);
    const QModelIndex parentIndex = indexFor(parent);

    for (int row = int(parent->children.size()) - 1; row >= 0; --row) {
        if (!wantedByKey.contains(parent->children[size_t(row)]->key())) {
            beginRemoveRows(parentIndex, row, row);
            parent->children.erase(parent->children.begin() + row);
            endRemoveRows();
        }
    }
    QHash<QString, Node *> existing;
    for (auto &c : parent->children)
        existing.insert(c->key(), c.get());
    for (const api::OrgUnit &u : wanted) {
        Node *node = existing.value(keyOf(u));
        if (node) {
            if (!(node->unit == u)) {
                node->unit = u;
                emit dataChanged(indexFor(node, 0), indexFor(node, columnCount() - 1));
            }
        } else {
            const int row = int(parent->children.size());
            beginInsertRows(parentIndex, row, row);
            auto created = std::make_unique<Node>();
            created->kind = u.kind == api::OrgUnit::Kind::Department ? DepartmentNode : ProjectNode;
            created->unit = u;
            created->parent = parent;
            node = created.get();
            parent->children.push_back(std::move(created));
            existing.insert(keyOf(u), node);
            endInsertRows();
        }
        if (node->kind == DepartmentNode)
            syncChildren(node, projectsByParent.value(u.id), projectsByParent);
    }
}

void OrgTreeModel::refreshAllCells(Node *node)
{
    // Fair share and sums depend on siblings: after a snapshot every figure may have moved.
    if (columnCount() > 1)
        emit dataChanged(indexFor(node, 1), indexFor(node, columnCount() - 1));
    if (node->children.empty() || columnCount() <= 1)
        return;
    const int last = int(node->children.size()) - 1;
    emit dataChanged(indexFor(node->children.front().get(), 1),
                     indexFor(node->children.back().get(), columnCount() - 1));
    Q_UNUSED(last)
    for (auto &c : node->children) {
        if (!c->children.empty())
            refreshAllCells(c.get());
    }
}
