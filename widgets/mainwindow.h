#pragma once

#include "clusterstate.h"

#include <QList>
#include <QMainWindow>

class ClusterStatusArea;
class CommandPalette;
class QAction;
class QComboBox;
class QLabel;
class QListWidget;
class QStackedWidget;
class UnreachableBanners;

// The shell: a navigation sidebar on the left, one page per entry on the right, a cluster selector
// on top, banners for unreachable clusters above the pages and one status indicator per cluster in
// the status bar. Ctrl+1…9 switch pages, Ctrl+K opens the command palette.
// Pages start as placeholders that say they are not built; the app's wiring installs real pages with
// setPage() once it has the models they read.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page {
        Overview,
        Analytics,
        Workloads,
        Organization,
        Access,
        Nodes,
        Clusters,
        EventHistory,
        Settings,
        PageCount
    };

    explicit MainWindow(QWidget *parent = nullptr);

    int currentPage() const;
    void setCurrentPage(int page);
    QString pageTitle(int page) const;

    // Replaces the page's placeholder; the window takes ownership.
    void setPage(int page, QWidget *widget);
    QWidget *page(int page) const;

    // Extra entries for the command palette (the "Go to" entries for every page are built in).
    void addPaletteAction(QAction *action);
    QList<QAction *> paletteActions() const;
    CommandPalette *commandPalette() const { return m_palette; }

    void setClusters(const QList<ClusterState> &clusters);
    void updateCluster(const ClusterState &cluster);
    QString currentClusterId() const; // empty = all clusters
    void setConnectionDescription(const QString &text);

signals:
    void currentPageChanged(int page);
    void currentClusterChanged(const QString &clusterId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void setupViews();
    void setupToolBar();
    void setupActions();
    void setupConnections();
    void retranslateUi();
    void fillClusterSelector();
    void openPalette();

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    QComboBox *m_clusterSelector = nullptr;
    QLabel *m_clusterLabel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    ClusterStatusArea *m_statusArea = nullptr;
    UnreachableBanners *m_banners = nullptr;
    CommandPalette *m_palette = nullptr;
    QAction *m_paletteAction = nullptr;
    QList<QAction *> m_pageActions;
    QList<QAction *> m_extraActions;
    QList<ClusterState> m_clusters;
};
