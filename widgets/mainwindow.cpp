#include "mainwindow.h"

#include "clusterstatusarea.h"
#include "commandpalette.h"
#include "placeholderpage.h"
#include "unreachablebanners.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setupViews();
    setupToolBar();
    setupActions();
    setupConnections();
    retranslateUi();
    m_navigation->setCurrentRow(Overview);
    resize(1280, 800);
}

QString MainWindow::pageTitle(int page) const
{
    switch (page) {
    case Overview:
        return tr("Overview");
    case Analytics:
        return tr("Analytics");
    case Workloads:
        return tr("Workloads");
    case Organization:
        return tr("Organization");
    case Access:
        return tr("Access");
    case Nodes:
        return tr("Nodes & node pools");
    case Clusters:
        return tr("Clusters");
    case EventHistory:
        return tr("Event history");
    case Settings:
        return tr("Settings");
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
    m_pages->setObjectName(QStringLiteral("pages"));
    for (int page = 0; page < PageCount; ++page) {
        m_navigation->addItem(QString());
        auto *placeholder = new PlaceholderPage(pageTitle(page), m_pages);
        placeholder->setObjectName(QStringLiteral("placeholder%1").arg(page));
        m_pages->addWidget(placeholder);
    }
    m_banners = new UnreachableBanners(central);
    m_banners->setObjectName(QStringLiteral("unreachableBanners"));

    auto *right = new QVBoxLayout;
    right->addWidget(m_banners);
    right->addWidget(m_pages, 1);
    auto *layout = new QHBoxLayout(central);
    layout->addWidget(m_navigation);
    layout->addLayout(right, 1);
    setCentralWidget(central);

    m_statusArea = new ClusterStatusArea(this);
    m_statusArea->setObjectName(QStringLiteral("clusterStatusArea"));
    statusBar()->addPermanentWidget(m_statusArea);
    m_palette = new CommandPalette(this);
}

void MainWindow::setupToolBar()
{
    auto *toolBar = addToolBar(QString());
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    m_clusterLabel = new QLabel(toolBar);
    m_clusterSelector = new QComboBox(toolBar);
    m_clusterSelector->setObjectName(QStringLiteral("clusterSelector"));
    m_clusterSelector->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_connectionLabel = new QLabel(toolBar);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    auto *spacer = new QWidget(toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(m_clusterLabel);
    toolBar->addWidget(m_clusterSelector);
    toolBar->addWidget(spacer);
    toolBar->addWidget(m_connectionLabel);
    fillClusterSelector();
}

void MainWindow::setupActions()
{
    // Ctrl+1 … Ctrl+9 jump to the pages in sidebar order; the same actions feed the palette.
    for (int page = 0; page < PageCount; ++page) {
        auto *action = new QAction(this);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + page)));
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, [this, page] { setCurrentPage(page); });
        addAction(action);
        m_pageActions.append(action);
    }
    m_paletteAction = new QAction(this);
    m_paletteAction->setObjectName(QStringLiteral("openCommandPalette"));
    m_paletteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_paletteAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_paletteAction, &QAction::triggered, this, &MainWindow::openPalette);
    addAction(m_paletteAction);
}

void MainWindow::setupConnections()
{
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        m_pages->setCurrentIndex(row);
        emit currentPageChanged(row);
    });
    connect(m_clusterSelector, &QComboBox::currentIndexChanged, this, [this] {
        emit currentClusterChanged(currentClusterId());
    });
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("gpudesk"));
    for (int page = 0; page < PageCount; ++page) {
        m_navigation->item(page)->setText(pageTitle(page));
        if (auto *placeholder = qobject_cast<PlaceholderPage *>(m_pages->widget(page)))
            placeholder->setTitle(pageTitle(page));
        m_pageActions[page]->setText(
            tr("Go to %1").arg(pageTitle(page).replace(QLatin1Char('&'), QLatin1String("&&"))));
    }
    m_paletteAction->setText(tr("Command palette"));
    m_clusterLabel->setText(tr("Cluster:") + QLatin1Char(' '));
    fillClusterSelector();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

int MainWindow::currentPage() const
{
    return m_pages->currentIndex();
}

void MainWindow::setCurrentPage(int page)
{
    if (page >= 0 && page < PageCount)
        m_navigation->setCurrentRow(page);
}

void MainWindow::setPage(int page, QWidget *widget)
{
    Q_ASSERT(page >= 0 && page < PageCount);
    QWidget *old = m_pages->widget(page);
    const bool wasCurrent = m_pages->currentIndex() == page;
    m_pages->insertWidget(page, widget);
    m_pages->removeWidget(old);
    old->deleteLater();
    if (wasCurrent)
        m_pages->setCurrentIndex(page);
}

QWidget *MainWindow::page(int page) const
{
    return m_pages->widget(page);
}

void MainWindow::addPaletteAction(QAction *action)
{
    m_extraActions.append(action);
    addAction(action);
}

QList<QAction *> MainWindow::paletteActions() const
{
    return m_pageActions + m_extraActions;
}

void MainWindow::openPalette()
{
    m_palette->setActions(paletteActions());
    m_palette->popup();
}

void MainWindow::setClusters(const QList<ClusterState> &clusters)
{
    m_clusters = clusters;
    fillClusterSelector();
    m_statusArea->setClusters(clusters);
    m_banners->setClusters(clusters);
}

void MainWindow::updateCluster(const ClusterState &cluster)
{
    auto it = std::find_if(m_clusters.begin(), m_clusters.end(), [&](const ClusterState &c) {
        return c.id == cluster.id;
    });
    if (it == m_clusters.end()) {
        m_clusters.append(cluster);
        fillClusterSelector();
    } else {
        *it = cluster;
    }
    m_statusArea->updateCluster(cluster);
    m_banners->updateCluster(cluster);
}

QString MainWindow::currentClusterId() const
{
    return m_clusterSelector->currentData().toString();
}

void MainWindow::setConnectionDescription(const QString &text)
{
    m_connectionLabel->setText(text);
}

void MainWindow::fillClusterSelector()
{
    const QString selected = currentClusterId();
    const QSignalBlocker blocker(m_clusterSelector);
    m_clusterSelector->clear();
    m_clusterSelector->addItem(tr("All clusters"), QString());
    for (const ClusterState &cluster : std::as_const(m_clusters))
        m_clusterSelector->addItem(cluster.name, cluster.id);
    const int index = m_clusterSelector->findData(selected);
    m_clusterSelector->setCurrentIndex(index < 0 ? 0 : index);
}
