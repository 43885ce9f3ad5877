#pragma once

// Metric time series as a table that QtCharts can map (QVXYModelMapper): column 0 is the sample time in
// milliseconds since the epoch (a number, as the mapper reads DisplayRole with toReal()), then one column
// per series (type + labels, e.g. "GPU_UTILIZATION gpu=0"). Rows are the union of timestamps in time
// order; a missing sample is an empty cell. New snapshots become row removals (samples that left the
// window), inserts at their time position, value changes and series column inserts/removals.

#include "apitypes.h"

#include <QAbstractTableModel>

class MetricSeriesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles { TimestampRole = Qt::UserRole + 1, SeriesLabelRole };

    explicit MetricSeriesModel(QObject *parent = nullptr);

    void setSeries(const QList<api::MetricSeries> &series);
    // Live update: adds samples to existing series or new ones (no removals).
    void appendSamples(const QList<api::MetricSeries> &series);
    QStringList seriesLabels() const { return m_labels; }
    int columnOf(const QString &label) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void apply(const QList<api::MetricSeries> &series, bool removeMissing);

    QStringList m_labels;          // column c+1 = m_labels[c]
    QList<qint64> m_times;         // sorted
    QList<QList<double>> m_values; // [row][series], NaN = no sample
};
