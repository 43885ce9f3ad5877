#include "workloadspage.h"
#include "pageheading.h"

#include "clusterclient.h"
#include "snapshotsortproxy.h"
#include "workloadmodel.h"
#include "workspace.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {

// The API's plural path segment for a workload type (api.md §3.9).
QString typePath(const QString &type)
{
    const QString t = type.toLower();
    if (t.startsWith(QLatin1String("train")))
        return QStringLiteral("trainings");
    if (t.startsWith(QLatin1String("distrib")))
        return QStringLiteral("distributed");
    if (t.startsWith(QLatin1String("infer")))
        return QStringLiteral("inferences");
    return QStringLiteral("workspaces");
}

} // namespace

WorkloadsPage::WorkloadsPage(Workspace *workspace,
                             WorkloadModel *model,
                             WorkloadFeed *feed,
                             QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(model)
    , m_feed(feed)
{
    setObjectName(QStringLiteral("workloadsPage"));
    setupViews();
    setupConnections();
    retranslateUi();
    showCurrent();
}

void WorkloadsPage::setupViews()
{
    m_heading = createPageHeading(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("workloadsStatus"));
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("workloadFilter"));
    m_filter->setClearButtonEnabled(true);

    m_proxy = new SnapshotSortProxy(this);
    m_proxy->setSourceModel(m_model);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("workloadTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(WorkloadModel::CreatedColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);

    m_details = new QTextBrowser(this);
    m_details->setObjectName(QStringLiteral("workloadDetails"));
    m_pending = new QLabel(this);
    m_pending->setObjectName(QStringLiteral("pendingExplanation"));
    m_pending->setWordWrap(true);
    m_pending->setTextFormat(Qt::PlainText);
    m_pending->setStyleSheet(QStringLiteral("background: #fff8e1; padding: 6px;"));
    m_actionNote = new QLabel(this);
    m_actionNote->setObjectName(QStringLiteral("actionsDisabledNote"));
    m_actionNote->setWordWrap(true);
    m_actionNote->setStyleSheet(QStringLiteral("color: #b42318;"));
    m_suspend = new QPushButton(this);
    m_suspend->setObjectName(QStringLiteral("suspendWorkload"));
    m_resume = new QPushButton(this);
    m_resume->setObjectName(QStringLiteral("resumeWorkload"));
    m_delete = new QPushButton(this);
    m_delete->setObjectName(QStringLiteral("deleteWorkload"));

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_suspend);
    actions->addWidget(m_resume);
    actions->addWidget(m_delete);
    actions->addStretch();
    auto *pane = new QWidget(this);
    auto *paneLayout = new QVBoxLayout(pane);
    paneLayout->setContentsMargins(0, 0, 0, 0);
    paneLayout->addLayout(actions);
    paneLayout->addWidget(m_actionNote);
    paneLayout->addWidget(m_pending);
    paneLayout->addWidget(m_details, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(pane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *header = new QHBoxLayout;
    header->addWidget(m_heading);
    header->addStretch();
    header->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_filter);
    layout->addWidget(splitter, 1);
}

void WorkloadsPage::setupConnections()
{
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &SnapshotSortProxy::setFilterText);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &WorkloadsPage::showCurrent);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &WorkloadsPage::showCurrent);
    auto showCount = [this] {
        m_status->setText(tr("%n workload(s) loaded", nullptr, m_model->rowCount()));
        if (!m_columnsSized && m_model->rowCount() > 0) {
            m_table->resizeColumnsToContents(); // looks at the visible rows only: cheap at 50k
            m_columnsSized = true;
        }
    };
    connect(m_feed, &WorkloadFeed::pageLoaded, this, showCount);
    connect(m_feed, &WorkloadFeed::refreshed, this, showCount);
    connect(m_feed, &WorkloadFeed::failed, this, [this](const ApiError &error) {
        m_status->setText(tr("Could not load workloads: %1").arg(error.message));
    });
    connect(m_workspace, &Workspace::clusterChanged, this, &WorkloadsPage::updateActions);
    connect(m_suspend, &QPushButton::clicked, this, [this] {
        runAction(QStringLiteral("suspend"));
    });
    connect(m_resume, &QPushButton::clicked, this, [this] { runAction(QStringLiteral("resume")); });
    connect(m_delete, &QPushButton::clicked, this, [this] { runAction(QStringLiteral("delete")); });
}

void WorkloadsPage::retranslateUi()
{
    m_heading->setText(tr("Workloads"));
    m_filter->setPlaceholderText(
        tr("Filter: every word must occur in the row, e.g. “pending team-a”"));
    m_suspend->setText(tr("Suspend"));
    m_resume->setText(tr("Resume"));
    m_delete->setText(tr("Delete…"));
    showCurrent();
}

void WorkloadsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QString WorkloadsPage::currentWorkloadId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0).data(models::KeyRole).toString()
                             : QString();
}

QString WorkloadsPage::currentClusterId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(WorkloadModel::ClusterIdRole).toString() : QString();
}

void WorkloadsPage::showCurrent()
{
    const api::Workload *w = m_model->find(currentWorkloadId());
    if (!w) {
        m_details->setPlainText(tr("Select a workload to see its details."));
        m_pending->hide();
        updateActions();
        return;
    }
    const QString clusterName = [&] {
        for (const WorkspaceCluster &c : m_workspace->clusters()) {
            if (c.id == w->clusterId)
                return c.name;
        }
        return w->clusterId;
    }();
    QStringList lines {
        tr("Workload: %1").arg(w->name),
        tr("Type: %1").arg(w->type),
        tr("Status: %1").arg(w->phase),
        tr("Project: %1").arg(w->projectName),
        tr("Department: %1").arg(w->departmentName),
        tr("Cluster: %1").arg(clusterName),
        tr("Created by: %1").arg(w->submittedBy),
        tr("GPUs requested per pod: %1, allocated: %2").arg(w->gpuRequest).arg(w->allocatedGpus),
        tr("Pods running/requested: %1/%2").arg(w->runningPods).arg(w->requestedPods)};
    if (!w->phaseMessage.isEmpty())
        lines << tr("Message: %1").arg(w->phaseMessage);
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
    QStringList reasons;
    for (const api::SchedulingMessage &m : w->pendingMessages) {
        const QString text = m.userMessage.isEmpty() ? m.reason : m.userMessage;
        reasons << (m.nodePool.isEmpty() ? text : tr("Node pool %1: %2").arg(m.nodePool, text));
    }
    m_pending->setVisible(!reasons.isEmpty());
    m_pending->setText(tr("Why it is pending:") + QLatin1Char('\n')
                       + reasons.join(QLatin1Char('\n')));
    updateActions();
}

QString WorkloadsPage::detailsText() const
{
    return m_details->toPlainText();
}

QString WorkloadsPage::pendingText() const
{
    return m_pending->isVisible() ? m_pending->text() : QString();
}

QString WorkloadsPage::actionsDisabledReason() const
{
    return m_disabledReason;
}

void WorkloadsPage::updateActions()
{
    const QString clusterId = currentClusterId();
    const QString unreachable = m_workspace->unreachableReason(clusterId);
    const api::Workload *w = m_model->find(currentWorkloadId());
    if (!w)
        m_disabledReason = tr("No workload selected.");
    else if (!unreachable.isEmpty())
        m_disabledReason = tr("Workload actions are disabled: the workload's cluster cannot be "
                              "reached (%1).")
                               .arg(unreachable);
    else
        m_disabledReason.clear();
    const bool enabled = m_disabledReason.isEmpty();
    // Run:ai reports a suspended workload as "Stopped" (the UI's STOP/RUN); accept both names.
    const bool suspended = w
                           && (w->phase == QLatin1String("Stopped")
                               || w->phase == QLatin1String("Suspended"));
    // Inference workloads cannot be suspended (api.md §3.9: no suspend/resume for inferences).
    const bool suspendable = w && typePath(w->type) != QLatin1String("inferences");
    m_suspend->setEnabled(enabled && suspendable && !suspended);
    m_resume->setEnabled(enabled && suspendable && suspended);
    m_delete->setEnabled(enabled);
    for (QPushButton *b : {m_suspend, m_resume, m_delete})
        b->setToolTip(m_disabledReason);
    m_actionNote->setVisible(w && !enabled);
    m_actionNote->setText(m_disabledReason);
}

void WorkloadsPage::runAction(const QString &action)
{
    const api::Workload *w = m_model->find(currentWorkloadId());
    ClusterClient *client = w ? m_workspace->clusterClient(w->clusterId) : nullptr;
    if (!w || !client)
        return;
    if (action == QLatin1String("delete")
        && QMessageBox::question(this,
                                 tr("Delete workload"),
                                 tr("Delete the workload “%1”? This cannot be undone.").arg(w->name))
               != QMessageBox::Yes)
        return;
    const QString id = w->id;
    const QString name = w->name;
    auto done = [this, name](const Result<bool> &result) {
        m_lastActionOk = result.ok();
        m_status->setText(result.ok() ? tr("Request for “%1” accepted.").arg(name)
                                      : tr("“%1”: %2").arg(name, result.error.message));
        emit actionFinished(result.ok());
        if (result.ok())
            m_feed->refresh();
    };
    const QString type = typePath(w->type);
    if (action == QLatin1String("suspend"))
        client->suspend(type, id, this, done);
    else if (action == QLatin1String("resume"))
        client->resume(type, id, this, done);
    else
        client->remove(type, id, this, done);
}

bool WorkloadsPage::selectFirstOfCluster(const QString &clusterId)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(WorkloadModel::ClusterIdRole).toString() == clusterId) {
            m_table->setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

bool WorkloadsPage::selectWorkload(const QString &id)
{
    const int row = m_model->rowOfKey(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_table->setCurrentIndex(index);
    return true;
}
