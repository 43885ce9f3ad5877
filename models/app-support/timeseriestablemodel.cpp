#include "timeseriestablemodel.h"

TimeSeriesTableModel::TimeSeriesTableModel(const QStringList &seriesTitles, QObject *parent)
    : QAbstractTableModel(parent)
    , m_titles(seriesTitles)
{
    m_table.columns.resize(m_titles.size());
}

void TimeSeriesTableModel::setValueTitles(const QStringList &titles)
{
    Q_ASSERT(titles.size() == m_titles.size());
    m_titles = titles;
    emit headerDataChanged(Qt::Horizontal, 1, int(m_titles.size()));
}

void TimeSeriesTableModel::setTable(const TimeSeriesTable &incoming)
{
    TimeSeriesTable table = incoming;
    table.columns.resize(m_titles.size());
    for (QList<double> &column : table.columns)
        column.resize(table.times.size(), 0.0);
    if (table == m_table)
        return;
    const int oldRows = int(m_table.times.size());
    const int newRows = int(table.times.size());
    if (newRows < oldRows) {
        beginRemoveRows({}, newRows, oldRows - 1);
        m_table = table;
        endRemoveRows();
    } else if (newRows > oldRows) {
        beginInsertRows({}, oldRows, newRows - 1);
        m_table = table;
        endInsertRows();
    } else {
        m_table = table;
    }
    const int common = qMin(oldRows, newRows);
    if (common > 0)
        emit dataChanged(index(0, 0), index(common - 1, columnCount() - 1));
}

double TimeSeriesTableModel::maximum(int series) const
{
    double max = 0;
    for (double v : m_table.columns.value(series))
        max = qMax(max, v);
    return max;
}

int TimeSeriesTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_table.times.size());
}

int TimeSeriesTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_titles.size()) + 1;
}

QVariant TimeSeriesTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || (role != Qt::DisplayRole && role != Qt::EditRole))
        return {};
    if (index.column() == 0)
        return qreal(m_table.times.at(index.row()).toMSecsSinceEpoch());
    return m_table.columns.at(index.column() - 1).at(index.row());
}

QVariant TimeSeriesTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section > m_titles.size())
        return {};
    return section == 0 ? QVariant() : QVariant(m_titles.at(section - 1));
}
