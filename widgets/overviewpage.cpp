#include "overviewpage.h"
#include "pageheading.h"

#include "overviewcharts.h"

#include <QComboBox>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

namespace {

const char *const tileNames[] = {"readyNodes",
                                 "readyGpus",
                                 "allocatedGpus",
                                 "runningWorkloads",
                                 "pendingWorkloads"};

QString formatNumber(const std::optional<double> &value)
{
    if (!value)
        return QStringLiteral("–");
    // GPU counts may be fractional (GPU fractions); show up to two decimals, no trailing zeros.
    return QLocale().toString(*value, 'g', 10);
}

} // namespace

OverviewPage::OverviewPage(OverviewSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
{
    setObjectName(QStringLiteral("overviewPage"));
    setupViews();
    setupConnections();
    retranslateUi();
    showTiles(m_source->tiles());
}

void OverviewPage::setupViews()
{
    m_heading = createPageHeading(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("overviewStatus"));
    m_rangeLabel = new QLabel(this);
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("timeRange"));
    for (qint64 seconds : {15 * 60, 3600, 6 * 3600, 24 * 3600, 7 * 24 * 3600})
        m_range->addItem(QString(), seconds);
    m_range->setCurrentIndex(m_range->findData(m_source->timeRange()));

    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    auto *header = new QHBoxLayout;
    header->addWidget(m_heading);
    header->addSpacing(16);
    header->addWidget(m_status, 1);
    header->addSpacing(16);
    header->addWidget(m_rangeLabel);
    header->addWidget(m_range);

    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    setupTiles(grid);
    setupCharts(grid);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(scroll, 1);
}

void OverviewPage::setupTiles(QGridLayout *grid)
{
    auto *tiles = new QHBoxLayout;
    for (int t = 0; t < OverviewSource::TileCount; ++t)
        tiles->addWidget(makeTile(OverviewSource::Tile(t)));
    grid->addLayout(tiles, 0, 0, 1, 2);
}

QWidget *OverviewPage::makeTile(OverviewSource::Tile tile)
{
    auto *frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setObjectName(QStringLiteral("tile:") + QLatin1String(tileNames[tile]));
    auto *value = new QLabel(frame);
    value->setObjectName(QStringLiteral("tileValue"));
    QFont font = value->font();
    font.setPointSizeF(font.pointSizeF() * 2.2);
    font.setBold(true);
    value->setFont(font);
    auto *caption = new QLabel(frame);
    caption->setObjectName(QStringLiteral("tileCaption"));
    auto *layout = new QVBoxLayout(frame);
    layout->addWidget(value);
    layout->addWidget(caption);
    m_tileValues[tile] = value;
    m_tileCaptions[tile] = caption;
    return frame;
}

void OverviewPage::setupCharts(QGridLayout *grid)
{
    m_poolChart = overviewcharts::categoryBars(m_source->poolAllocation(), 3, 3, true, 100, this);
    m_poolChart->setObjectName(QStringLiteral("poolAllocationChart"));
    m_typeChart = overviewcharts::categoryPie(m_source->typeAllocation(), 1, this);
    m_typeChart->setObjectName(QStringLiteral("typeAllocationChart"));
    m_phaseChart = overviewcharts::categoryBars(m_source->workloadPhases(), 1, 1, false, 0, this);
    m_phaseChart->setObjectName(QStringLiteral("workloadPhaseChart"));
    m_timeChart = overviewcharts::overTimeLines(m_source->overTime(), this);
    m_timeChart->setObjectName(QStringLiteral("overTimeChart"));
    m_departmentChart
        = overviewcharts::categoryBars(m_source->departmentQuota(), 1, 2, false, 0, this);
    m_departmentChart->setObjectName(QStringLiteral("departmentQuotaChart"));
    grid->addWidget(m_poolChart, 1, 0);
    grid->addWidget(m_typeChart, 1, 1);
    grid->addWidget(m_phaseChart, 2, 0);
    grid->addWidget(m_departmentChart, 2, 1);
    grid->addWidget(m_timeChart, 3, 0, 1, 2);
}

void OverviewPage::setupConnections()
{
    connect(m_source, &OverviewSource::tilesChanged, this, &OverviewPage::showTiles);
    connect(m_source, &OverviewSource::refreshed, this, &OverviewPage::showRefreshed);
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        m_source->setTimeRange(m_range->currentData().toLongLong());
    });
}

QString OverviewPage::tileCaption(OverviewSource::Tile tile) const
{
    switch (tile) {
    case OverviewSource::ReadyNodes:
        return tr("Ready nodes");
    case OverviewSource::ReadyGpus:
        return tr("Ready GPU devices");
    case OverviewSource::AllocatedGpus:
        return tr("Allocated GPUs");
    case OverviewSource::RunningWorkloads:
        return tr("Running workloads");
    case OverviewSource::PendingWorkloads:
        return tr("Pending workloads");
    case OverviewSource::TileCount:
        break;
    }
    return QString();
}

void OverviewPage::retranslateUi()
{
    m_heading->setText(tr("Overview"));
    m_rangeLabel->setText(tr("Time range:"));
    const QStringList ranges {tr("Last 15 minutes"),
                              tr("Last hour"),
                              tr("Last 6 hours"),
                              tr("Last 24 hours"),
                              tr("Last 7 days")};
    for (int i = 0; i < ranges.size(); ++i)
        m_range->setItemText(i, ranges.at(i));
    for (int t = 0; t < OverviewSource::TileCount; ++t)
        m_tileCaptions[t]->setText(tileCaption(OverviewSource::Tile(t)));
    overviewcharts::setChartTitle(m_poolChart, tr("GPU allocation ratio by node pool (%)"));
    overviewcharts::setChartTitle(m_typeChart, tr("GPU allocation by workload type"));
    overviewcharts::setChartTitle(m_phaseChart, tr("Workloads by status"));
    overviewcharts::setChartTitle(m_timeChart, tr("GPU allocation and utilisation over time"));
    overviewcharts::setChartTitle(m_departmentChart, tr("GPU quota and allocation per department"));
    m_source->retranslate();
    if (m_source->lastRefresh().isValid())
        showRefreshed(m_source->lastRefresh());
    else
        m_status->setText(tr("Waiting for the first answer from the control plane…"));
}

void OverviewPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QString OverviewPage::tileText(OverviewSource::Tile tile) const
{
    return m_tileValues[tile]->text();
}

void OverviewPage::showTiles(const OverviewTiles &tiles)
{
    m_tileValues[OverviewSource::ReadyNodes]->setText(formatNumber(tiles.readyNodes));
    m_tileValues[OverviewSource::ReadyGpus]->setText(formatNumber(tiles.readyGpus));
    m_tileValues[OverviewSource::AllocatedGpus]->setText(formatNumber(tiles.allocatedGpus));
    m_tileValues[OverviewSource::RunningWorkloads]->setText(formatNumber(tiles.runningWorkloads));
    m_tileValues[OverviewSource::PendingWorkloads]->setText(formatNumber(tiles.pendingWorkloads));
}

void OverviewPage::showRefreshed(const QDateTime &when)
{
    const QString time = when.time().toString(QStringLiteral("HH:mm:ss"));
    const QString error = m_source->lastError();
    m_status->setText(error.isEmpty() ? tr("Updated %1").arg(time)
                                      : tr("Updated %1 with errors: %2").arg(time, error));
    m_status->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("color: #b42318;"));
    const OverviewTiles tiles = m_source->tiles();
    const bool complete = tiles.readyNodes && tiles.readyGpus && tiles.allocatedGpus
                          && tiles.runningWorkloads && tiles.pendingWorkloads;
    if (!m_hasLiveData && complete) {
        m_hasLiveData = true;
        emit liveDataShown();
    }
}
