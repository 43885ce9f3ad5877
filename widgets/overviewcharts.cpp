#include "overviewcharts.h"

#include "categorytablemodel.h"
#include "timeseriestablemodel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QDateTimeAxis>
#include <QHBarModelMapper>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QPieSeries>
#include <QVBarModelMapper>
#include <QVPieModelMapper>
#include <QVXYModelMapper>
#include <QValueAxis>

#include <cmath>

namespace {

QChartView *makeView(QChart *chart, QWidget *parent)
{
    chart->setAnimationOptions(QChart::NoAnimation); // live data: animations would lag behind
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

// A "nice" upper bound for a value axis: at least 1, rounded up to 1/2/5 × 10^n.
double niceMax(double value)
{
    if (value <= 5)
        return 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

void watchModel(QAbstractItemModel *model, QObject *context, const std::function<void()> &update)
{
    QObject::connect(model, &QAbstractItemModel::dataChanged, context, update);
    QObject::connect(model, &QAbstractItemModel::rowsInserted, context, update);
    QObject::connect(model, &QAbstractItemModel::rowsRemoved, context, update);
    QObject::connect(model, &QAbstractItemModel::modelReset, context, update);
    QObject::connect(model, &QAbstractItemModel::headerDataChanged, context, update);
}

} // namespace

namespace overviewcharts {

QChartView *categoryBars(CategoryTableModel *model,
                         int firstColumn,
                         int lastColumn,
                         bool horizontal,
                         double fixedMax,
                         QWidget *parent)
{
    auto *chart = new QChart;
    QAbstractBarSeries *series = horizontal
                                     ? static_cast<QAbstractBarSeries *>(new QHorizontalBarSeries)
                                     : new QBarSeries;
    chart->addSeries(series);
    auto *mapper = new QVBarModelMapper(chart);
    mapper->setFirstBarSetColumn(firstColumn);
    mapper->setLastBarSetColumn(lastColumn);
    mapper->setSeries(series);
    mapper->setModel(model);

    auto *categories = new QBarCategoryAxis;
    auto *values = new QValueAxis;
    values->setLabelFormat(QStringLiteral("%.0f"));
    values->setTickCount(6);
    chart->addAxis(categories, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    chart->addAxis(values, horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(categories);
    series->attachAxis(values);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(4);
    chart->legend()->setVisible(lastColumn > firstColumn);

    // Re-mapping rebuilds the bar sets, which takes their names from the (new) header titles.
    QObject::connect(model, &CategoryTableModel::valueTitlesChanged, mapper, [mapper, firstColumn] {
        mapper->setFirstBarSetColumn(firstColumn);
    });
    auto update = [model, categories, values, firstColumn, lastColumn, fixedMax] {
        QStringList labels;
        double max = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            labels << model->index(row, 0).data().toString();
            for (int column = firstColumn; column <= lastColumn; ++column)
                max = qMax(max, model->index(row, column).data().toDouble());
        }
        if (categories->categories() != labels)
            categories->setCategories(labels);
        values->setRange(0, fixedMax > 0 ? qMax(fixedMax, niceMax(max)) : niceMax(max));
    };
    watchModel(model, chart, update);
    update();
    return makeView(chart, parent);
}

QChartView *categoryPie(CategoryTableModel *model, int valueColumn, QWidget *parent)
{
    auto *chart = new QChart;
    auto *series = new QPieSeries;
    series->setHoleSize(0.4);
    chart->addSeries(series);
    auto *mapper = new QVPieModelMapper(chart);
    mapper->setLabelsColumn(0);
    mapper->setValuesColumn(valueColumn);
    mapper->setSeries(series);
    mapper->setModel(model);
    // Slice labels "Training: 12" so the numbers are readable without hovering.
    auto label = [series, model, valueColumn] {
        const auto slices = series->slices();
        for (int i = 0; i < slices.size() && i < model->rowCount(); ++i) {
            slices[i]->setLabel(
                QStringLiteral("%1: %2").arg(model->index(i, 0).data().toString(),
                                             QString::number(
                                                 model->index(i, valueColumn).data().toDouble())));
        }
    };
    watchModel(model, chart, label);
    label();
    chart->legend()->setAlignment(Qt::AlignRight);
    return makeView(chart, parent);
}

QChartView *overTimeLines(TimeSeriesTableModel *model, QWidget *parent)
{
    auto *chart = new QChart;
    auto *allocated = new QLineSeries;
    auto *utilisation = new QLineSeries;
    chart->addSeries(allocated);
    chart->addSeries(utilisation);
    for (auto [series, column] : {std::pair {allocated, 1}, std::pair {utilisation, 2}}) {
        auto *mapper = new QVXYModelMapper(chart);
        mapper->setXColumn(0);
        mapper->setYColumn(column);
        mapper->setSeries(series);
        mapper->setModel(model);
    }
    auto *time = new QDateTimeAxis;
    time->setFormat(QStringLiteral("HH:mm"));
    auto *gpus = new QValueAxis;
    gpus->setLabelFormat(QStringLiteral("%.0f"));
    gpus->setTickCount(6);
    auto *percent = new QValueAxis;
    percent->setRange(0, 100);
    percent->setLabelFormat(QStringLiteral("%.0f%%"));
    percent->setTickCount(6);
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(gpus, Qt::AlignLeft);
    chart->addAxis(percent, Qt::AlignRight);
    allocated->attachAxis(time);
    allocated->attachAxis(gpus);
    utilisation->attachAxis(time);
    utilisation->attachAxis(percent);

    auto update = [model, allocated, utilisation, time, gpus] {
        allocated->setName(model->headerData(1, Qt::Horizontal, Qt::DisplayRole).toString());
        utilisation->setName(model->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString());
        const TimeSeriesTable table = model->table();
        if (!table.times.isEmpty()) {
            time->setRange(table.times.first().toLocalTime(), table.times.last().toLocalTime());
            const qint64 span = table.times.first().secsTo(table.times.last());
            time->setFormat(span > 2 * 86400 ? QStringLiteral("dd.MM HH:mm")
                                             : QStringLiteral("HH:mm"));
        }
        gpus->setRange(0, niceMax(model->maximum(0)));
    };
    watchModel(model, chart, update);
    update();
    return makeView(chart, parent);
}

void setChartTitle(QChartView *view, const QString &title)
{
    view->chart()->setTitle(title);
}

} // namespace overviewcharts
