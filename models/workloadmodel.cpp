#include "workloadmodel.h"

#include "controlplaneclient.h"

#include <QCoreApplication>

namespace {

double gpuRequestTotal(const api::Workload &w)
{
    return w.gpuRequest * std::max(1, w.requestedPods);
}

// Where the workload runs, else where it asked to run.
QString nodePools(const api::Workload &w)
{
    return (w.currentNodePools.isEmpty() ? w.requestedNodePools : w.currentNodePools)
        .join(QStringLiteral(", "));
}

} // namespace

WorkloadModel::WorkloadModel(QObject *parent)
    : SnapshotTableModel(parent)
{
    using T = api::Workload;
    setColumns({
        columns::text(tr("Workload"), &T::name),
        columns::text(tr("Type"), &T::type),
        columns::text(tr("Status"), &T::phase),
        columns::text(tr("Project"), &T::projectName),
        columns::text(tr("Department"), &T::departmentName),
        columns::text(tr("Created by"), &T::submittedBy),
        {tr("Running/requested pods"),
         [](const T &w) {
             return QVariant(QString::number(w.runningPods) + QLatin1Char('/')
                             + QString::number(w.requestedPods));
         },
         {},
         Qt::AlignRight | Qt::AlignVCenter,
         {},
         // By running pods, then requested pods: one exact number (pod counts stay far below 2^20).
         [](const T &w) { return double(w.runningPods) * (1 << 20) + double(w.requestedPods); }},
        {tr("GPU compute request"),
         [](const T &w) { return QVariant(gpuRequestTotal(w)); },
         {},
         Qt::AlignRight | Qt::AlignVCenter,
         {},
         [](const T &w) { return gpuRequestTotal(w); }},
        columns::number(tr("GPU compute allocation"), &T::allocatedGpus),
        {tr("Priority"),
         [](const T &w) {
             return QVariant(w.priorityClassName.isEmpty() ? QString::number(w.priority)
                                                           : w.priorityClassName);
         },
         {},
         Qt::AlignLeft | Qt::AlignVCenter,
         {},
         [](const T &w) { return double(w.priority); }},
        {tr("Preemptible"),
         [](const T &w) { return QVariant(w.preemptible ? tr("Yes") : tr("No")); },
         {},
         Qt::AlignLeft | Qt::AlignVCenter,
         {},
         [](const T &w) { return w.preemptible ? 1.0 : 0.0; }},
        {tr("Node pool(s)"),
         [](const T &w) { return QVariant(nodePools(w)); },
         {},
         Qt::AlignLeft | Qt::AlignVCenter,
         [](const T &w) { return nodePools(w); }},
        columns::text(tr("Cluster"), &T::clusterId),
        columns::time(tr("Creation time"), &T::createdAt),
        columns::time(tr("Completion time"), &T::completedAt),
    });
}

QVariant WorkloadModel::extraData(const api::Workload &row, int column, int role) const
{
    switch (role) {
    case models::StatusRole:
        return row.phase;
    case WorkloadTypeRole:
        return row.type;
    case ClusterIdRole:
        return row.clusterId;
    case PendingReasonRole:
    case Qt::ToolTipRole: {
        if (role == Qt::ToolTipRole && column != StatusColumn)
            return {};
        QStringList reasons;
        for (const api::SchedulingMessage &m : row.pendingMessages)
            reasons << (m.userMessage.isEmpty() ? m.reason : m.userMessage);
        if (reasons.isEmpty() && !row.phaseMessage.isEmpty())
            reasons << row.phaseMessage;
        return reasons.isEmpty() ? QVariant() : QVariant(reasons.join(QLatin1Char('\n')));
    }
    default:
        return {};
    }
}

bool WorkloadModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_moreAvailable && !m_fetchPending;
}

void WorkloadModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetchPending = true;
    emit fetchMoreRequested(rowCount());
}

void WorkloadModel::appendPage(const api::Page<api::Workload> &page)
{
    m_fetchPending = false;
    m_moreAvailable = page.next >= 0 && !page.items.isEmpty();
    if (page.total >= 0)
        m_total = page.total;
    upsertMany(page.items);
}

WorkloadFeed::WorkloadFeed(ControlPlaneClient *client, WorkloadModel *model, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_model(model)
{
    connect(model, &WorkloadModel::fetchMoreRequested, this, &WorkloadFeed::fetchPage);
}

void WorkloadFeed::start(const QString &search, const QStringList &filterBy)
{
    ++m_generation;
    m_search = search;
    m_filterBy = filterBy;
    m_model->clear();
    m_model->setMoreAvailable(false);
    fetchPage(0);
}

void WorkloadFeed::loadAll()
{
    m_loadAll = true;
    if (!m_inFlight) {
        if (m_model->moreAvailable())
            fetchPage(m_model->rowCount());
        else if (m_model->rowCount() == 0)
            fetchPage(0);
        else
            emit allLoaded();
    }
}

void WorkloadFeed::fetchPage(int offset)
{
    WorkloadQuery q;
    q.offset = offset;
    q.limit = m_pageSize;
    q.search = m_search;
    q.filterBy = m_filterBy;
    q.sortBy = QStringLiteral("createdAt");
    m_inFlight = true;
    const quint64 generation = m_generation;
    m_client->fetchWorkloads(q, this, [this, generation](const Result<api::Page<api::Workload>> &r) {
        if (generation != m_generation)
            return;
        m_inFlight = false;
        if (!r.ok()) {
            m_model->appendPage({{}, m_model->rowCount(), -1}); // keep "more" so a retry can happen
            m_model->setMoreAvailable(true);
            emit failed(r.error);
            return;
        }
        m_model->appendPage(r.value);
        emit pageLoaded(m_model->rowCount());
        if (m_loadAll) {
            if (m_model->moreAvailable())
                fetchPage(m_model->rowCount());
            else {
                m_loadAll = false;
                emit allLoaded();
            }
        }
    });
}

void WorkloadFeed::refresh()
{
    // Re-read the range the user has loaded, then apply it as one snapshot.
    const int wanted = std::max(m_model->rowCount(), m_pageSize);
    const quint64 generation = ++m_generation;
    auto collected = std::make_shared<QList<api::Workload>>();
    auto step = std::make_shared<std::function<void(int)>>();
    std::weak_ptr<std::function<void(int)>> weakStep = step;
    *step = [this, generation, wanted, collected, weakStep](int offset) {
        WorkloadQuery q;
        q.offset = offset;
        q.limit = m_pageSize;
        q.search = m_search;
        q.filterBy = m_filterBy;
        q.sortBy = QStringLiteral("createdAt");
        auto self = weakStep.lock();
        m_client->fetchWorkloads(q,
                                 this,
                                 [this, generation, wanted, collected, self, offset](
                                     const Result<api::Page<api::Workload>> &r) {
                                     if (generation != m_generation)
                                         return;
                                     if (!r.ok()) {
                                         emit failed(r.error);
                                         return;
                                     }
                                     *collected += r.value.items;
                                     const bool more = r.value.next >= 0
                                                       && !r.value.items.isEmpty();
                                     if (more && collected->size() < wanted) {
                                         (*self)(r.value.next > offset ? r.value.next
                                                                       : offset + m_pageSize);
                                         return;
                                     }
                                     m_model->setSnapshot(*collected);
                                     m_model->setMoreAvailable(more);
                                     emit refreshed();
                                 });
    };
    (*step)(0);
}
