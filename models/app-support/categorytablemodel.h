#pragma once

// A small table for category charts (bars, pies): one row per category (a node pool, a workload type,
// a phase, a department), column 0 the label, then one column per value series. Fed whole snapshots;
// applies them as row removals, in-place changes and insertions, never a reset, so a chart or a view
// on it keeps its state while the numbers move.

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

struct CategoryRow
{
    QString key;   // stable identity across snapshots
    QString label; // what the chart shows
    QList<double> values;
    friend bool operator==(const CategoryRow &, const CategoryRow &) = default;
};

class CategoryTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles { KeyRole = Qt::UserRole + 1, ValueRole };

    explicit CategoryTableModel(const QStringList &valueTitles, QObject *parent = nullptr);

    void setValueTitles(const QStringList &titles);
    void setRows(const QList<CategoryRow> &rows);
    QList<CategoryRow> rows() const { return m_rows; }
    int valueCount() const { return int(m_titles.size()); }
    double value(const QString &key, int series) const; // NaN when the key is unknown

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    // The value titles changed (language switch). Not headerDataChanged: Qt 6.4's QBarModelMapper
    // crashes on header changes outside its bar-set columns, so charts rename their sets themselves.
    void valueTitlesChanged();
    void rowsReplaced(); // after every setRows(), for views that lay out per row (bar categories)

private:
    QStringList m_titles;
    QList<CategoryRow> m_rows;
};
