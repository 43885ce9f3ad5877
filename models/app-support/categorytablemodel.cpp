#include "categorytablemodel.h"

#include <QSet>

#include <cmath>

CategoryTableModel::CategoryTableModel(const QStringList &valueTitles, QObject *parent)
    : QAbstractTableModel(parent)
    , m_titles(valueTitles)
{ }

void CategoryTableModel::setValueTitles(const QStringList &titles)
{
    Q_ASSERT(titles.size() == m_titles.size());
    m_titles = titles;
    emit valueTitlesChanged();
}

void CategoryTableModel::setRows(const QList<CategoryRow> &rows)
{
    QSet<QString> incoming;
    for (const CategoryRow &row : rows)
        incoming.insert(row.key);
    // Remove rows that are gone, from the bottom so the indexes stay valid.
    for (int r = int(m_rows.size()) - 1; r >= 0; --r) {
        if (!incoming.contains(m_rows.at(r).key)) {
            beginRemoveRows({}, r, r);
            m_rows.removeAt(r);
            endRemoveRows();
        }
    }
    // Change the ones that stayed, append the new ones.
    for (CategoryRow row : rows) {
        row.values.resize(m_titles.size(), 0.0);
        const auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const CategoryRow &existing) {
            return existing.key == row.key;
        });
        if (it != m_rows.end()) {
            if (*it != row) {
                *it = row;
                const int r = int(it - m_rows.begin());
                emit dataChanged(index(r, 0), index(r, columnCount() - 1));
            }
            continue;
        }
        const int r = int(m_rows.size());
        beginInsertRows({}, r, r);
        m_rows.append(row);
        endInsertRows();
    }
    emit rowsReplaced();
}

double CategoryTableModel::value(const QString &key, int series) const
{
    for (const CategoryRow &row : m_rows) {
        if (row.key == key)
            return row.values.value(series, std::nan(""));
    }
    return std::nan("");
}

int CategoryTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CategoryTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_titles.size()) + 1;
}

QVariant CategoryTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CategoryRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == 0)
            return row.label;
        return row.values.value(index.column() - 1);
    case ValueRole:
        return index.column() == 0 ? QVariant() : QVariant(row.values.value(index.column() - 1));
    case KeyRole:
        return row.key;
    }
    return {};
}

QVariant CategoryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section > m_titles.size())
        return {};
    return section == 0 ? QVariant() : QVariant(m_titles.at(section - 1));
}
