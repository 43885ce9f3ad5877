#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;
class SnapshotSortProxy;
class Workspace;
class WorkloadFeed;
class WorkloadModel;

// Workloads: the table (fetched page by page, 50,000 rows fine) with a text filter and column sort,
// and a details pane with the pending explanation (pendingSchedulingMessages' userMessage). Suspend,
// resume and delete go straight to the workload's cluster; when that cluster is unreachable they are
// disabled and say why.
class WorkloadsPage : public QWidget
{
    Q_OBJECT
public:
    WorkloadsPage(Workspace *workspace,
                  WorkloadModel *model,
                  WorkloadFeed *feed,
                  QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    SnapshotSortProxy *proxy() const { return m_proxy; }
    // Selects the first row (in view order) whose workload belongs to `clusterId`; false if none.
    bool selectFirstOfCluster(const QString &clusterId);
    // Selects the workload with this id; false when it is not in the (filtered) table.
    bool selectWorkload(const QString &id);
    QString detailsText() const;
    QString pendingText() const;
    // Why workload actions are disabled for the current selection; empty when they are enabled.
    QString actionsDisabledReason() const;

signals:
    // A suspend/resume/delete request came back (accepted or refused; the status line says which).
    void actionFinished(bool accepted);

protected:
    void changeEvent(QEvent *event) override;

private:
    void setupViews();
    void setupConnections();
    void retranslateUi();
    void showCurrent();
    void updateActions();
    void runAction(const QString &action);
    QString currentWorkloadId() const;
    QString currentClusterId() const;

    Workspace *m_workspace;
    WorkloadModel *m_model;
    WorkloadFeed *m_feed;
    SnapshotSortProxy *m_proxy = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_status = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QTextBrowser *m_details = nullptr;
    QLabel *m_pending = nullptr;
    QLabel *m_actionNote = nullptr;
    QPushButton *m_suspend = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_delete = nullptr;
    QString m_disabledReason;
    bool m_columnsSized = false;
    bool m_lastActionOk = false;
};
