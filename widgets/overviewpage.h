#pragma once

#include "overviewsource.h"

#include <QWidget>

class QChartView;
class QComboBox;
class QGridLayout;
class QLabel;

// The Overview dashboard: five tiles (ready nodes, ready GPUs, allocated GPUs, running and pending
// workloads) and five charts, all read from an OverviewSource. The page only wires source → views.
class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPage(OverviewSource *source, QWidget *parent = nullptr);

    // The tile's shown text ("–" until the API answered).
    QString tileText(OverviewSource::Tile tile) const;
    bool hasLiveData() const { return m_hasLiveData; }

signals:
    // The first complete refresh has been shown (tiles and charts filled from the API).
    void liveDataShown();

protected:
    void changeEvent(QEvent *event) override;

private:
    void setupViews();
    void setupTiles(QGridLayout *grid);
    void setupCharts(QGridLayout *grid);
    void setupConnections();
    void retranslateUi();
    void showTiles(const OverviewTiles &tiles);
    void showRefreshed(const QDateTime &when);
    QWidget *makeTile(OverviewSource::Tile tile);
    QString tileCaption(OverviewSource::Tile tile) const;

    OverviewSource *m_source;
    QLabel *m_heading = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_rangeLabel = nullptr;
    QComboBox *m_range = nullptr;
    QLabel *m_tileValues[OverviewSource::TileCount] = {};
    QLabel *m_tileCaptions[OverviewSource::TileCount] = {};
    QChartView *m_poolChart = nullptr;
    QChartView *m_typeChart = nullptr;
    QChartView *m_phaseChart = nullptr;
    QChartView *m_timeChart = nullptr;
    QChartView *m_departmentChart = nullptr;
    bool m_hasLiveData = false;
};
