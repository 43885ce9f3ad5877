#pragma once

// Time series for line charts (QVXYModelMapper): column 0 is the sample time in milliseconds since the
// epoch, each further column one series. Fed whole snapshots; rows are changed in place, and only the
// difference in length is inserted or removed.

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QStringList>

struct TimeSeriesTable
{
    QList<QDateTime> times;
    QList<QList<double>> columns; // one per series, each as long as `times`
    friend bool operator==(const TimeSeriesTable &, const TimeSeriesTable &) = default;
};

class TimeSeriesTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit TimeSeriesTableModel(const QStringList &seriesTitles, QObject *parent = nullptr);

    void setValueTitles(const QStringList &titles);
    void setTable(const TimeSeriesTable &table);
    TimeSeriesTable table() const { return m_table; }
    double maximum(int series) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QStringList m_titles;
    TimeSeriesTable m_table;
};
