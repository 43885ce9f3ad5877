#pragma once

// Point-in-time telemetry (api.md §3.11): GET /api/v1/{nodes|workloads}/telemetry and
// /api/v1/org-unit/{projects|departments}/telemetry reply {type, timestamp, values:[{value, groups}]}.
// The Overview tiles and category charts read these numbers, so they are exactly what the API says.

#include "apierror.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrlQuery>

struct TelemetryGroup
{
    QString key;   // e.g. Nodepool, Type, Phase
    QString value; // the group's id or value
    QString name;  // display name, may be empty
    friend bool operator==(const TelemetryGroup &, const TelemetryGroup &) = default;
};

struct TelemetryValue
{
    double value = 0;
    QList<TelemetryGroup> groups;
    // The display label of the group with `key`: its name, else its value.
    QString groupLabel(const QString &key) const;
    friend bool operator==(const TelemetryValue &, const TelemetryValue &) = default;
};

struct TelemetryReading
{
    QString type;
    QDateTime timestamp;
    QList<TelemetryValue> values;
    double total() const; // the sum over all values (one value when not grouped)
    friend bool operator==(const TelemetryReading &, const TelemetryReading &) = default;
};

// One telemetry request: which endpoint, which type, optional groupBy and filters.
struct TelemetryQuery
{
    enum class Source { Nodes, Workloads, Departments, Projects };
    Source source = Source::Nodes;
    QString type;    // READY_GPU_NODES, WORKLOADS_COUNT, GPU_QUOTA …
    QString groupBy; // Nodepool, Type, Phase …; empty = not grouped
    QString clusterId;
    QString nodePool;   // nodes only: nodepoolName
    QStringList phases; // workloads only: filterByPhases
    QString path() const;
    QUrlQuery query() const;
};

namespace telemetry {
Result<TelemetryReading> parse(const QByteArray &body);
}
