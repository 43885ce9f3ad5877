#include "telemetry.h"

#include "apptr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

// Telemetry values arrive as strings ("12") or numbers, like metric values (api.md §6).
bool toNumber(const QJsonValue &v, double *out)
{
    if (v.isDouble()) {
        *out = v.toDouble();
        return true;
    }
    if (v.isString()) {
        bool ok = false;
        *out = v.toString().toDouble(&ok);
        return ok;
    }
    return false;
}

QString textOf(const QJsonValue &v)
{
    return v.isDouble() ? QString::number(v.toDouble()) : v.toString();
}

} // namespace

QString TelemetryValue::groupLabel(const QString &key) const
{
    for (const TelemetryGroup &g : groups) {
        if (g.key.compare(key, Qt::CaseInsensitive) == 0)
            return g.name.isEmpty() ? g.value : g.name;
    }
    return QString();
}

double TelemetryReading::total() const
{
    double sum = 0;
    for (const TelemetryValue &v : values)
        sum += v.value;
    return sum;
}

QString TelemetryQuery::path() const
{
    switch (source) {
    case Source::Nodes:
        return QStringLiteral("/api/v1/nodes/telemetry");
    case Source::Workloads:
        return QStringLiteral("/api/v1/workloads/telemetry");
    case Source::Departments:
        return QStringLiteral("/api/v1/org-unit/departments/telemetry");
    case Source::Projects:
        return QStringLiteral("/api/v1/org-unit/projects/telemetry");
    }
    return QString();
}

QUrlQuery TelemetryQuery::query() const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("telemetryType"), type);
    if (!groupBy.isEmpty())
        q.addQueryItem(QStringLiteral("groupBy"), groupBy);
    if (!clusterId.isEmpty())
        q.addQueryItem(QStringLiteral("clusterId"), clusterId);
    if (!nodePool.isEmpty())
        q.addQueryItem(QStringLiteral("nodepoolName"), nodePool);
    if (!phases.isEmpty())
        q.addQueryItem(QStringLiteral("filterByPhases"), phases.join(QLatin1Char(',')));
    return q;
}

Result<TelemetryReading> telemetry::parse(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    auto fail = [](const QString &detail) {
        return Result<TelemetryReading>::failure(
            ApiError::make(ApiError::Kind::Parse,
                           AppSupportTr::tr("The telemetry answer could not be read."),
                           detail));
    };
    if (!doc.isObject())
        return fail(error.errorString());
    const QJsonObject root = doc.object();
    const QJsonValue valuesJson = root.value(QLatin1String("values"));
    if (!valuesJson.isArray())
        return fail(QStringLiteral("no \"values\" array"));
    TelemetryReading reading;
    reading.type = root.value(QLatin1String("type")).toString();
    reading.timestamp = QDateTime::fromString(root.value(QLatin1String("timestamp")).toString(),
                                              Qt::ISODateWithMs);
    for (const QJsonValue &entry : valuesJson.toArray()) {
        const QJsonObject o = entry.toObject();
        TelemetryValue value;
        if (!toNumber(o.value(QLatin1String("value")), &value.value))
            return fail(QStringLiteral("a value is not a number"));
        for (const QJsonValue &g : o.value(QLatin1String("groups")).toArray()) {
            const QJsonObject go = g.toObject();
            value.groups.append({go.value(QLatin1String("key")).toString(),
                                 textOf(go.value(QLatin1String("value"))),
                                 go.value(QLatin1String("name")).toString()});
        }
        reading.values.append(value);
    }
    return Result<TelemetryReading>::success(reading);
}
