#include "metricseriesmodel.h"

#include <QCoreApplication>
#include <QSet>

#include <cmath>
#include <limits>

namespace {
constexpr double missing = std::numeric_limits<double>::quiet_NaN();
}

MetricSeriesModel::MetricSeriesModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int MetricSeriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_times.size());
}

int MetricSeriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1 + int(m_labels.size());
}

int MetricSeriesModel::columnOf(const QString &label) const
{
    const qsizetype i = m_labels.indexOf(label);
    return i < 0 ? -1 : int(i) + 1;
}

QVariant MetricSeriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 t = m_times.at(index.row());
    if (role == TimestampRole)
        return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
    if (index.column() == 0) {
        if (role == Qt::DisplayRole)
            return double(t);
        if (role == Qt::ToolTipRole)
            return QDateTime::fromMSecsSinceEpoch(t).toString(Qt::ISODate);
        return {};
    }
    if (role == SeriesLabelRole)
        return m_labels.at(index.column() - 1);
    if (role != Qt::DisplayRole)
        return {};
    const double v = m_values.at(index.row()).at(index.column() - 1);
    return std::isnan(v) ? QVariant() : QVariant(v);
}

QVariant MetricSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == 0)
        return QCoreApplication::translate("models", "Time");
    return m_labels.value(section - 1);
}

void MetricSeriesModel::setSeries(const QList<api::MetricSeries> &series)
{
    apply(series, true);
}

void MetricSeriesModel::appendSamples(const QList<api::MetricSeries> &series)
{
    apply(series, false);
}

void MetricSeriesModel::apply(const QList<api::MetricSeries> &series, bool removeMissing)
{
    // New values per (time, label).
    QHash<qint64, QHash<QString, double>> incoming;
    QStringList labels;
    for (const api::MetricSeries &s : series) {
        const QString label = s.label();
        if (!labels.contains(label))
            labels << label;
        for (const api::MetricSample &sample : s.values) {
            if (sample.timestamp.isValid())
                incoming[sample.timestamp.toMSecsSinceEpoch()].insert(label, sample.value);
        }
    }
    if (removeMissing) {
        for (int c = int(m_labels.size()) - 1; c >= 0; --c) {
            if (!labels.contains(m_labels.at(c))) {
                beginRemoveColumns({}, c + 1, c + 1);
                m_labels.removeAt(c);
                for (QList<double> &row : m_values)
                    row.removeAt(c);
                endRemoveColumns();
            }
        }
        for (int r = int(m_times.size()) - 1; r >= 0; --r) {
            if (!incoming.contains(m_times.at(r))) {
                int first = r;
                while (first > 0 && !incoming.contains(m_times.at(first - 1)))
                    --first;
                beginRemoveRows({}, first, r);
                m_times.remove(first, r - first + 1);
                m_values.remove(first, r - first + 1);
                endRemoveRows();
                r = first;
            }
        }
    }
    QStringList newLabels;
    for (const QString &l : std::as_const(labels)) {
        if (!m_labels.contains(l))
            newLabels << l;
    }
    if (!newLabels.isEmpty()) {
        const int first = int(m_labels.size()) + 1;
        beginInsertColumns({}, first, first + int(newLabels.size()) - 1);
        m_labels += newLabels;
        for (QList<double> &row : m_values)
            row.resize(m_labels.size(), missing);
        endInsertColumns();
    }
    QList<qint64> times = incoming.keys();
    std::sort(times.begin(), times.end());
    for (qint64 t : std::as_const(times)) {
        const auto pos = std::lower_bound(m_times.begin(), m_times.end(), t);
        int row = int(pos - m_times.begin());
        const QHash<QString, double> &values = incoming.value(t);
        if (pos == m_times.end() || *pos != t) {
            QList<double> cells(m_labels.size(), missing);
            for (auto it = values.constBegin(); it != values.constEnd(); ++it)
                cells[m_labels.indexOf(it.key())] = it.value();
            beginInsertRows({}, row, row);
            m_times.insert(row, t);
            m_values.insert(row, cells);
            endInsertRows();
            continue;
        }
        QList<double> &cells = m_values[row];
        int firstChanged = -1, lastChanged = -1;
        for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
            const int c = int(m_labels.indexOf(it.key()));
            if (cells[c] == it.value())
                continue;
            cells[c] = it.value();
            firstChanged = firstChanged < 0 ? c : std::min(firstChanged, c);
            lastChanged = std::max(lastChanged, c);
        }
        if (removeMissing) { // a series that no longer has a sample at t
            for (int c = 0; c < m_labels.size(); ++c) {
                if (!values.contains(m_labels.at(c)) && !std::isnan(cells[c])) {
                    cells[c] = missing;
                    firstChanged = firstChanged < 0 ? c : std::min(firstChanged, c);
                    lastChanged = std::max(lastChanged, c);
                }
            }
        }
        if (firstChanged >= 0)
            emit dataChanged(index(row, firstChanged + 1), index(row, lastChanged + 1));
    }
}
