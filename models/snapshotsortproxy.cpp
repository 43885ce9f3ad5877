#include "snapshotsortproxy.h"

#include "snapshottablemodel.h"

SnapshotSortProxy::SnapshotSortProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void SnapshotSortProxy::setSourceModel(QAbstractItemModel *source)
{
    // Any other source falls back to QSortFilterProxyModel's QVariant comparisons.
    m_source = qobject_cast<const SnapshotModelBase *>(source);
    QSortFilterProxyModel::setSourceModel(source);
}

void SnapshotSortProxy::setFilterText(const QString &text)
{
    const QStringList words = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateRowsFilter();
}

bool SnapshotSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_source)
        return QSortFilterProxyModel::lessThan(left, right);
    // The source's precomputed sort keys, by row: no QVariant, no string folding per comparison.
    const int order = m_source->compareRows(left.row(), right.row(), left.column());
    if (order != 0)
        return order < 0;
    return left.row() < right.row(); // stable for equal keys
}

bool SnapshotSortProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    QString fallback;
    const QString *text = nullptr;
    if (m_source) {
        text = &m_source->searchText(sourceRow);
    } else {
        const QAbstractItemModel *model = sourceModel();
        for (int c = 0; c < model->columnCount(sourceParent); ++c)
            fallback += model->index(sourceRow, c, sourceParent).data().toString().toLower()
                        + QLatin1Char(' ');
        text = &fallback;
    }
    for (const QString &word : m_words) {
        if (!text->contains(word))
            return false;
    }
    return true;
}
