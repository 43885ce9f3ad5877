#include "mainwindow.h"

#include "placeholderpage.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QShortcut>
#include <QStackedWidget>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("gpudesk"));
    setupViews();
    setupShortcuts();
    resize(1280, 800);
}

QString MainWindow::pageTitle(int page) const
{
    switch (page) {
    case Overview: return tr("Overview");
    case Analytics: return tr("Analytics");
    case Workloads: return tr("Workloads");
    case Organization: return tr("Organization");
    case Access: return tr("Access");
    case Nodes: return tr("Nodes & node pools");
    case Clusters: return tr("Clusters");
    case EventHistory: return tr("Event history");
    case Settings: return tr("Settings");
    }
    return QString();
}

void MainWindow::setupViews()
{
    auto *central = new QWidget(this);
    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(200);
    m_pages = new QStackedWidget(central);
    for (int page = 0; page < PageCount; ++page) {
        m_navigation->addItem(pageTitle(page));
        m_pages->addWidget(new PlaceholderPage(pageTitle(page), m_pages));
    }
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(Overview);

    auto *layout = new QHBoxLayout(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
}

void MainWindow::setupShortcuts()
{
    // Ctrl+1 … Ctrl+9 jump to the pages in sidebar order.
    for (int page = 0; page < PageCount; ++page) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + page)), this);
        connect(shortcut, &QShortcut::activated, this, [this, page] { setCurrentPage(page); });
    }
}

int MainWindow::currentPage() const
{
    return m_pages->currentIndex();
}

void MainWindow::setCurrentPage(int page)
{
    m_navigation->setCurrentRow(page);
}
