#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

// The shell: a navigation sidebar on the left, one page per entry on the right.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { Overview, Analytics, Workloads, Organization, Access, Nodes, Clusters, EventHistory,
                Settings, PageCount };

    explicit MainWindow(QWidget *parent = nullptr);

    int currentPage() const;
    void setCurrentPage(int page);
    QString pageTitle(int page) const;

private:
    void setupViews();
    void setupShortcuts();

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
};
