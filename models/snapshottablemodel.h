#pragma once

// Table models fed value snapshots (hotspot's "models never fetch" rule). setSnapshot() compares the new
// list with the rows shown, by key, and turns the difference into row removals, dataChanged and row
// inserts: never a model reset, so a user who scrolls or has a row selected keeps their place while live
// updates arrive. Existing rows keep their order; new rows are appended (views sort through a proxy).
//
// SnapshotModelBase is the non-template part that SnapshotSortProxy (snapshotsortproxy.h) uses to sort
// and filter 50,000 rows without going through QVariant.

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <algorithm>
#include <functional>
#include <numeric>
#include <string>
#include <vector>

namespace models {

enum Role {
    KeyRole = Qt::UserRole + 1, // the row's id (QString)
    SortRole,                   // a value that sorts naturally (numbers as numbers, times as times)
    SearchTextRole,             // lower-case text of all columns, what the text filter matches
    StatusRole,                 // raw status / phase string, for delegates that colour it
    FirstCustomRole = Qt::UserRole + 32
};

} // namespace models

class SnapshotModelBase : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;
    // < 0, 0, > 0 like strcmp, for two source rows in one column.
    virtual int compareRows(int left, int right, int column) const = 0;
    // Lower-case text of the row's columns, cached; what a text filter searches.
    virtual const QString &searchText(int row) const = 0;
    // The position of each row in `column`'s sort order (equal values share a rank). Computed once per
    // column and kept until the rows change, so a proxy's O(n log n) comparisons are integer compares.
    virtual const QList<int> &sortRanks(int column) const = 0;
};

template<typename T>
struct ColumnSpec
{
    QString title;
    std::function<QVariant(const T &)> display;
    std::function<int(const T &, const T &)> compare = {}; // optional: defaults to comparing display
    Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter;
    std::function<QString(const T &)> textKey = {}; // optional: sort by this (lower-case) text, faster
};

namespace columns {

template<typename T>
ColumnSpec<T> text(const QString &title, QString T::*field)
{
    return {title,
            [field](const T &r) { return QVariant(r.*field); },
            [field](const T &a, const T &b) {
                return (a.*field).compare(b.*field, Qt::CaseInsensitive);
            }};
}

template<typename T, typename N>
ColumnSpec<T> number(const QString &title, N T::*field)
{
    return {title,
            [field](const T &r) { return QVariant::fromValue(r.*field); },
            [field](const T &a, const T &b) {
                return a.*field < b.*field ? -1 : (b.*field < a.*field ? 1 : 0);
            },
            Qt::AlignRight | Qt::AlignVCenter};
}

template<typename T>
ColumnSpec<T> time(const QString &title, QDateTime T::*field)
{
    return {title,
            [field](const T &r) {
                return (r.*field).isValid()
                           ? QVariant((r.*field).toLocalTime().toString(Qt::ISODate))
                           : QVariant();
            },
            [field](const T &a, const T &b) {
                const qint64 x = (a.*field).isValid() ? (a.*field).toMSecsSinceEpoch() : 0;
                const qint64 y = (b.*field).isValid() ? (b.*field).toMSecsSinceEpoch() : 0;
                return x < y ? -1 : (y < x ? 1 : 0);
            }};
}

} // namespace columns

template<typename T>
class SnapshotTableModel : public SnapshotModelBase
{
public:
    explicit SnapshotTableModel(QObject *parent = nullptr)
        : SnapshotModelBase(parent)
    { }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_columns.size());
    }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const T &row = m_rows.at(index.row());
        const ColumnSpec<T> &column = m_columns.at(index.column());
        switch (role) {
        case Qt::DisplayRole:
        case models::SortRole:
            return column.display(row);
        case Qt::TextAlignmentRole:
            return QVariant::fromValue(column.alignment);
        case models::KeyRole:
            return row.key();
        case models::SearchTextRole:
            return m_search.at(index.row());
        default:
            return extraData(row, index.column(), role);
        }
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0
            && section < m_columns.size())
            return m_columns.at(section).title;
        return QAbstractTableModel::headerData(section, orientation, role);
    }

    int compareRows(int left, int right, int column) const override
    {
        const ColumnSpec<T> &c = m_columns.at(column);
        const T &a = m_rows.at(left);
        const T &b = m_rows.at(right);
        if (c.compare)
            return c.compare(a, b);
        const auto order = QVariant::compare(c.display(a), c.display(b));
        return order == QPartialOrdering::Less ? -1 : (order == QPartialOrdering::Greater ? 1 : 0);
    }

    const QString &searchText(int row) const override { return m_search.at(row); }

    const QList<int> &sortRanks(int column) const override
    {
        auto it = m_ranks.find(column);
        if (it != m_ranks.end())
            return *it;
        const ColumnSpec<T> &c = m_columns.at(column);
        const int n = int(m_rows.size());
        QList<int> order(n);
        std::iota(order.begin(), order.end(), 0);
        QList<int> ranks(n, 0);
        if (c.textKey) {
            // Contiguous UTF-8 keys sort several times faster than QString comparisons.
            std::vector<std::pair<std::string, int>> keys;
            keys.reserve(size_t(n));
            for (int i = 0; i < n; ++i)
                keys.emplace_back(c.textKey(m_rows.at(i)).toStdString(), i);
            std::sort(keys.begin(), keys.end());
            for (int i = 0; i < n; ++i) {
                const bool tie = i > 0 && keys[size_t(i)].first == keys[size_t(i - 1)].first;
                ranks[keys[size_t(i)].second] = tie ? ranks[keys[size_t(i - 1)].second] : i;
            }
        } else {
            std::stable_sort(order.begin(), order.end(), [this, column](int a, int b) {
                return compareRows(a, b, column) < 0;
            });
            for (int i = 1; i < n; ++i)
                ranks[order[i]] = compareRows(order[i], order[i - 1], column) == 0
                                      ? ranks[order[i - 1]]
                                      : i;
        }
        return *m_ranks.insert(column, std::move(ranks));
    }

    const QList<T> &rows() const { return m_rows; }
    const T &at(int row) const { return m_rows.at(row); }
    int rowOfKey(const QString &key) const { return m_index.value(key, -1); }
    const T *find(const QString &key) const
    {
        const int row = rowOfKey(key);
        return row < 0 ? nullptr : &m_rows.at(row);
    }

    // Makes the shown rows equal to `snapshot` with removals, changes and inserts (no reset).
    void setSnapshot(const QList<T> &snapshot)
    {
        QHash<QString, qsizetype> wanted;
        wanted.reserve(snapshot.size());
        for (qsizetype i = 0; i < snapshot.size(); ++i)
            wanted.insert(snapshot.at(i).key(), i);
        removeRowsWhere([&wanted](const T &row) { return !wanted.contains(row.key()); });
        QList<T> added;
        for (const T &item : snapshot) {
            if (!m_index.contains(item.key()))
                added.append(item);
        }
        changeRows(snapshot);
        appendRows(added);
    }

    // Inserts or updates one row (a live update from a stream or a single GET).
    void upsert(const T &item)
    {
        const int row = rowOfKey(item.key());
        if (row < 0) {
            appendRows({item});
            return;
        }
        if (m_rows.at(row) == item)
            return;
        m_rows[row] = item;
        m_search[row] = makeSearchText(item);
        m_ranks.clear();
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
    }

    // Appends rows whose keys are new and updates those already shown (a page of a paged list).
    void upsertMany(const QList<T> &items)
    {
        QList<T> added;
        QHash<QString, bool> seen;
        for (const T &item : items) {
            if (m_index.contains(item.key()))
                upsert(item);
            else if (!seen.contains(item.key())) {
                seen.insert(item.key(), true);
                added.append(item);
            }
        }
        appendRows(added);
    }

    bool removeKey(const QString &key)
    {
        const int row = rowOfKey(key);
        if (row < 0)
            return false;
        beginRemoveRows({}, row, row);
        m_ranks.clear();
        m_rows.removeAt(row);
        m_search.removeAt(row);
        rebuildIndex();
        endRemoveRows();
        return true;
    }

    void clear()
    {
        if (m_rows.isEmpty())
            return;
        beginRemoveRows({}, 0, int(m_rows.size()) - 1);
        m_ranks.clear();
        m_rows.clear();
        m_search.clear();
        m_index.clear();
        endRemoveRows();
    }

protected:
    void setColumns(QList<ColumnSpec<T>> specs) { m_columns = std::move(specs); }
    // Roles beyond the common ones (colours, icons, raw values), per model.
    virtual QVariant extraData(const T &row, int column, int role) const
    {
        Q_UNUSED(row)
        Q_UNUSED(column)
        Q_UNUSED(role)
        return {};
    }

private:
    QString makeSearchText(const T &item) const
    {
        QString text;
        for (const ColumnSpec<T> &c : m_columns) {
            text += c.display(item).toString();
            text += QLatin1Char('\x1f'); // a separator no search text contains
        }
        return text.toLower();
    }

    void rebuildIndex()
    {
        m_index.clear();
        m_index.reserve(m_rows.size());
        for (qsizetype i = 0; i < m_rows.size(); ++i)
            m_index.insert(m_rows.at(i).key(), int(i));
    }

    template<typename Pred>
    void removeRowsWhere(Pred pred)
    {
        // From the end, one contiguous run at a time, so every signal describes the current rows.
        int last = int(m_rows.size()) - 1;
        bool removed = false;
        while (last >= 0) {
            if (!pred(m_rows.at(last))) {
                --last;
                continue;
            }
            int first = last;
            while (first > 0 && pred(m_rows.at(first - 1)))
                --first;
            beginRemoveRows({}, first, last);
            m_ranks.clear();
            m_rows.remove(first, last - first + 1);
            m_search.remove(first, last - first + 1);
            endRemoveRows();
            removed = true;
            last = first - 1;
        }
        if (removed)
            rebuildIndex();
    }

    void changeRows(const QList<T> &snapshot)
    {
        int runStart = -1;
        int runEnd = -1;
        auto flush = [&] {
            if (runStart >= 0)
                emit dataChanged(index(runStart, 0), index(runEnd, columnCount() - 1));
            runStart = runEnd = -1;
        };
        QList<int> changed;
        for (const T &item : snapshot) {
            const int row = m_index.value(item.key(), -1);
            if (row < 0 || m_rows.at(row) == item)
                continue;
            m_rows[row] = item;
            m_search[row] = makeSearchText(item);
            m_ranks.clear();
            changed.append(row);
        }
        std::sort(changed.begin(), changed.end());
        for (int row : std::as_const(changed)) {
            if (runEnd >= 0 && row == runEnd + 1) {
                runEnd = row;
                continue;
            }
            flush();
            runStart = runEnd = row;
        }
        flush();
    }

    void appendRows(const QList<T> &items)
    {
        if (items.isEmpty())
            return;
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(items.size()) - 1);
        m_ranks.clear();
        m_rows.reserve(m_rows.size() + items.size());
        m_search.reserve(m_rows.size() + items.size());
        for (const T &item : items) {
            m_index.insert(item.key(), int(m_rows.size()));
            m_rows.append(item);
            m_search.append(makeSearchText(item));
        }
        endInsertRows();
    }

    QList<ColumnSpec<T>> m_columns;
    QList<T> m_rows;
    QList<QString> m_search;
    QHash<QString, int> m_index;
    mutable QHash<int, QList<int>> m_ranks; // column → rank per row, cleared on every change
};
