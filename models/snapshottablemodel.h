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

#include <QtEndian>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
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
    // < 0, 0, > 0 like strcmp, for two source rows in one column. Keyed columns compare the sort keys
    // stored when the rows arrived (see SortKeys), so this is what a proxy calls per comparison.
    virtual int compareRows(int left, int right, int column) const = 0;
    // Lower-case text of the row's columns, cached; what a text filter searches.
    virtual const QString &searchText(int row) const = 0;

protected:
    // One column's sort keys, one per row, kept in step with the rows by every insert, change and
    // removal. Building them costs a little at load time (amortised over the rows as they arrive) so
    // that a first sort of 50,000 rows is only integer/memcmp comparisons, no QString folding, no
    // QVariant and no QCollator per comparison.
    struct SortKeys
    {
        enum class Kind { Compare, Text, Number };
        Kind kind = Kind::Compare;
        std::vector<QByteArray> text; // case-folded UTF-8: byte order = case-insensitive order
        std::vector<double> number;
        // Equal raw values share one folded key (a column of 40 project names costs 40 keys, not
        // 50,000). A column with many distinct values (names) stops interning: sharing would not pay.
        QHash<QString, QByteArray> intern;
        bool interning = true;
        // Columns that stopped interning (names: every key its own allocation) also keep the first 16
        // key bytes of every row side by side, so most comparisons never touch the scattered keys.
        // Empty, or one per row.
        std::vector<std::array<quint64, 2>> prefix;
    };
    // The first 16 bytes, zero-padded, big-endian: comparing two prefixes as integers gives the
    // same order as comparing those bytes (a difference there decides the whole comparison).
    static std::array<quint64, 2> prefixOf(const QByteArray &key)
    {
        unsigned char bytes[16] = {};
        std::memcpy(bytes, key.constData(), size_t(std::min<qsizetype>(key.size(), 16)));
        return {qFromBigEndian<quint64>(bytes), qFromBigEndian<quint64>(bytes + 8)};
    }
    static constexpr qsizetype MaxInternedValues = 4096;

    static QByteArray foldedKey(const QString &text) { return text.toCaseFolded().toUtf8(); }
    static QByteArray internedKey(SortKeys &keys, const QString &raw)
    {
        if (!keys.interning)
            return foldedKey(raw);
        const auto it = keys.intern.constFind(raw);
        if (it != keys.intern.cend())
            return *it;
        QByteArray key = foldedKey(raw);
        if (keys.intern.size() >= MaxInternedValues) {
            keys.interning = false;
            keys.intern = {};
        } else {
            keys.intern.insert(raw, key);
        }
        return key;
    }
    // The keyed part of compareRows(); `keyed` false = the column compares rows with a function.
    int compareKeys(int left, int right, int column, bool *keyed) const
    {
        const SortKeys &k = m_sortKeys[size_t(column)];
        *keyed = true;
        switch (k.kind) {
        case SortKeys::Kind::Number: {
            const double a = k.number[size_t(left)];
            const double b = k.number[size_t(right)];
            return a < b ? -1 : (b < a ? 1 : 0);
        }
        case SortKeys::Kind::Text: {
            if (!k.prefix.empty()) {
                const auto &x = k.prefix[size_t(left)];
                const auto &y = k.prefix[size_t(right)];
                if (x != y)
                    return x < y ? -1 : 1;
            }
            const QByteArray &a = k.text[size_t(left)];
            const QByteArray &b = k.text[size_t(right)];
            if (a.constData() == b.constData()) // interned: same value
                return 0;
            return a.compare(b);
        }
        case SortKeys::Kind::Compare:
            break;
        }
        *keyed = false;
        return 0;
    }

    std::vector<SortKeys> m_sortKeys; // one per column
};

template<typename T>
struct ColumnSpec
{
    QString title;
    std::function<QVariant(const T &)> display;
    std::function<int(const T &, const T &)> compare = {}; // optional: defaults to comparing display
    Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter;
    // Sort keys, computed once when a row arrives or changes. A column with neither sorts with
    // `compare` per comparison when it has one, else by its display text (case-insensitive).
    std::function<QString(const T &)> textKey = {};  // sort by this text, case-insensitive
    std::function<double(const T &)> numberKey = {}; // sort by this number
};

namespace columns {

template<typename T>
ColumnSpec<T> text(const QString &title, QString T::*field)
{
    return {title,
            [field](const T &r) { return QVariant(r.*field); },
            {},
            Qt::AlignLeft | Qt::AlignVCenter,
            [field](const T &r) { return r.*field; }};
}

template<typename T, typename N>
ColumnSpec<T> number(const QString &title, N T::*field)
{
    return {title,
            [field](const T &r) { return QVariant::fromValue(r.*field); },
            {},
            Qt::AlignRight | Qt::AlignVCenter,
            {},
            [field](const T &r) { return double(r.*field); }};
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
            {},
            Qt::AlignLeft | Qt::AlignVCenter,
            {},
            [field](const T &r) {
                // Exact: milliseconds since 1970 stay far below 2^53.
                return (r.*field).isValid() ? double((r.*field).toMSecsSinceEpoch()) : 0.0;
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
        bool keyed = false;
        const int order = compareKeys(left, right, column, &keyed);
        if (keyed)
            return order;
        return m_columns.at(column).compare(m_rows.at(left), m_rows.at(right));
    }

    const QString &searchText(int row) const override { return m_search.at(row); }

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
        setSortKeys(row, item);
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
        m_rows.removeAt(row);
        m_search.removeAt(row);
        eraseSortKeys(row, row + 1);
        rebuildIndex();
        endRemoveRows();
        return true;
    }

    void clear()
    {
        if (m_rows.isEmpty())
            return;
        beginRemoveRows({}, 0, int(m_rows.size()) - 1);
        m_rows.clear();
        m_search.clear();
        m_index.clear();
        for (SortKeys &keys : m_sortKeys)
            keys = SortKeys {keys.kind, {}, {}, {}, true, {}};
        endRemoveRows();
    }

protected:
    // Call once, in the constructor, before any row arrives.
    void setColumns(QList<ColumnSpec<T>> specs)
    {
        Q_ASSERT(m_rows.isEmpty());
        m_columns = std::move(specs);
        m_sortKeys.assign(size_t(m_columns.size()), SortKeys {});
        for (qsizetype c = 0; c < m_columns.size(); ++c) {
            ColumnSpec<T> &column = m_columns[c];
            if (!column.textKey && !column.numberKey && !column.compare) {
                const auto display = column.display;
                column.textKey = [display](const T &row) { return display(row).toString(); };
            }
            m_sortKeys[size_t(c)].kind = column.numberKey ? SortKeys::Kind::Number
                                         : column.textKey ? SortKeys::Kind::Text
                                                          : SortKeys::Kind::Compare;
        }
    }
    // Roles beyond the common ones (colours, icons, raw values), per model.
    virtual QVariant extraData(const T &row, int column, int role) const
    {
        Q_UNUSED(row)
        Q_UNUSED(column)
        Q_UNUSED(role)
        return {};
    }

private:
    // Stores `item`'s sort keys at `row` (row == rowCount before the append = a new row).
    void setSortKeys(qsizetype row, const T &item)
    {
        for (size_t c = 0; c < m_sortKeys.size(); ++c) {
            SortKeys &keys = m_sortKeys[c];
            const ColumnSpec<T> &column = m_columns.at(qsizetype(c));
            switch (keys.kind) {
            case SortKeys::Kind::Number: {
                const double value = column.numberKey(item);
                if (size_t(row) == keys.number.size())
                    keys.number.push_back(value);
                else
                    keys.number[size_t(row)] = value;
                break;
            }
            case SortKeys::Kind::Text: {
                QByteArray value = internedKey(keys, column.textKey(item));
                if (size_t(row) == keys.text.size())
                    keys.text.push_back(std::move(value));
                else
                    keys.text[size_t(row)] = std::move(value);
                if (keys.interning)
                    break;
                if (keys.prefix.size() < keys.text.size()) { // interning just stopped: all rows
                    keys.prefix.reserve(keys.text.capacity());
                    while (keys.prefix.size() < keys.text.size())
                        keys.prefix.push_back(prefixOf(keys.text[keys.prefix.size()]));
                } else {
                    keys.prefix[size_t(row)] = prefixOf(keys.text[size_t(row)]);
                }
                break;
            }
            case SortKeys::Kind::Compare:
                break;
            }
        }
    }

    void eraseSortKeys(qsizetype first, qsizetype end)
    {
        for (SortKeys &keys : m_sortKeys) {
            if (keys.kind == SortKeys::Kind::Number)
                keys.number.erase(keys.number.begin() + first, keys.number.begin() + end);
            else if (keys.kind == SortKeys::Kind::Text)
                keys.text.erase(keys.text.begin() + first, keys.text.begin() + end);
            if (!keys.prefix.empty())
                keys.prefix.erase(keys.prefix.begin() + first, keys.prefix.begin() + end);
        }
    }

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
            m_rows.remove(first, last - first + 1);
            m_search.remove(first, last - first + 1);
            eraseSortKeys(first, last + 1);
            endRemoveRows();
            removed = true;
            last = first - 1;
        }
        if (removed)
            rebuildIndex();
    }

    void changeRows(const QList<T> &snapshot)
    {
        // (row, position in snapshot) of every changed row, in row order.
        std::vector<std::pair<int, qsizetype>> changed;
        for (qsizetype i = 0; i < snapshot.size(); ++i) {
            const int row = m_index.value(snapshot.at(i).key(), -1);
            if (row >= 0 && !(m_rows.at(row) == snapshot.at(i)))
                changed.emplace_back(row, i);
        }
        std::sort(changed.begin(), changed.end());
        // One contiguous run at a time: update it, then signal it. A sorting proxy re-places the run
        // by comparing with rows it has not been told about yet, so those must still hold the values
        // (and sort keys) the proxy's order was built from.
        for (size_t first = 0; first < changed.size();) {
            size_t last = first;
            while (last + 1 < changed.size() && changed[last + 1].first == changed[last].first + 1)
                ++last;
            for (size_t k = first; k <= last; ++k) {
                const int row = changed[k].first;
                const T &item = snapshot.at(changed[k].second);
                m_rows[row] = item;
                m_search[row] = makeSearchText(item);
                setSortKeys(row, item);
            }
            emit dataChanged(index(changed[first].first, 0),
                             index(changed[last].first, columnCount() - 1));
            first = last + 1;
        }
    }

    void appendRows(const QList<T> &items)
    {
        if (items.isEmpty())
            return;
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(items.size()) - 1);
        m_rows.reserve(m_rows.size() + items.size());
        m_search.reserve(m_rows.size() + items.size());
        const size_t needed = size_t(m_rows.size() + items.size());
        auto grow = [needed](auto &vector) { // exact for a first load, geometric for pages
            if (needed > vector.capacity())
                vector.reserve(std::max(needed, vector.capacity() + vector.capacity() / 2));
        };
        for (SortKeys &keys : m_sortKeys) {
            if (keys.kind == SortKeys::Kind::Number)
                grow(keys.number);
            else if (keys.kind == SortKeys::Kind::Text)
                grow(keys.text);
            if (!keys.prefix.empty())
                grow(keys.prefix);
        }
        for (const T &item : items) {
            setSortKeys(m_rows.size(), item);
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
};
