#pragma once

// The Overview's charts. Each is a QChartView over one of OverviewSource's table models, bound with a
// model mapper (charts read models; nothing pushes points). Axis ranges and category labels follow
// the model whenever it changes.

#include <QChartView>

class CategoryTableModel;
class TimeSeriesTableModel;

namespace overviewcharts {

// Bars of one or more value columns per category row (horizontal when `horizontal`); the value axis
// runs to at least `fixedMax` (100 for percentages; 0 = follow the data).
QChartView *categoryBars(CategoryTableModel *model,
                         int firstColumn,
                         int lastColumn,
                         bool horizontal,
                         double fixedMax,
                         QWidget *parent);
// A donut of one value column per category row.
QChartView *categoryPie(CategoryTableModel *model, int valueColumn, QWidget *parent);
// Allocated GPUs (left axis) and utilisation % (right axis) over time.
QChartView *overTimeLines(TimeSeriesTableModel *model, QWidget *parent);

void setChartTitle(QChartView *view, const QString &title);

} // namespace overviewcharts
