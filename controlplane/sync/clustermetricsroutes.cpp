// GET /api/v1/clusters/{uuid}/metrics (api.md §3.11): the cluster's metric history, downsampled to
// numberOfSamples buckets over [start, end]. Values are strings, as in Run:ai.
#include "clustermetrics.h"
#include "core/apihelpers.h"
#include "core/handlers.h"

#include <QJsonArray>

namespace gpudesk::core::handlers {

namespace {

std::optional<QDateTime> timeParameter(const Call &call, const QString &name, Response *error)
{
    const QString text = call.request.queryValue(name);
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (text.isEmpty() || !time.isValid()) {
        *error = errorResponse(400,
                               QStringLiteral(
                                   "Parameter '%1' is required as an ISO-8601 time, e.g. "
                                   "2026-01-01T12:00:00Z.")
                                   .arg(name));
        return std::nullopt;
    }
    return time;
}

} // namespace

Response clusterMetrics(Call &call)
{
    Response error;
    const auto start = timeParameter(call, QStringLiteral("start"), &error);
    if (!start)
        return error;
    const auto end = timeParameter(call, QStringLiteral("end"), &error);
    if (!end)
        return error;
    if (*end < *start)
        return errorResponse(400, QStringLiteral("Parameter 'end' must not be before 'start'."));
    int buckets = 20;
    const QString samplesText = call.request.queryValue(QStringLiteral("numberOfSamples"));
    if (!samplesText.isEmpty()) {
        bool ok = false;
        buckets = samplesText.toInt(&ok);
        if (!ok || buckets < 1 || buckets > 1000)
            return errorResponse(400,
                                 QStringLiteral("Parameter 'numberOfSamples' must be a whole "
                                                "number from 1 to 1000."));
    }
    const QStringList types = call.request.queryValue(QStringLiteral("metricType"))
                                  .split(QLatin1Char(','), Qt::SkipEmptyParts);
    QStringList known;
    for (const auto &type : clustermetrics::metricTypes())
        known.append(type.first);
    if (types.isEmpty())
        return errorResponse(400,
                             QStringLiteral("Parameter 'metricType' is required, one or more of "
                                            "%1.")
                                 .arg(known.join(QStringLiteral(", "))));
    for (const QString &type : types)
        if (!known.contains(type))
            return errorResponse(400,
                                 QStringLiteral("Unknown metricType '%1'; use one or more of %2.")
                                     .arg(type, known.join(QStringLiteral(", "))));
    const QString clusterId = call.param(QStringLiteral("clusterUuid"));
    const QString nodePool = call.request.queryValue(QStringLiteral("nodepoolName"));
    if (!nodePool.isEmpty()
        && call.store.findByName(call.store.nodePools, nodePool, clusterId).isEmpty())
        return errorResponse(404,
                             QStringLiteral("The cluster has no node pool named '%1'.")
                                 .arg(nodePool));
    const QList<QJsonObject> samples = clustermetrics::samples(call.store,
                                                               clusterId,
                                                               nodePool,
                                                               *start,
                                                               *end);
    // Bucket i covers [start + i*step, start + (i+1)*step); its value is the mean of its samples,
    // stamped with the bucket's start. Empty buckets are left out.
    const qint64 from = start->toMSecsSinceEpoch();
    const double step = std::max(1.0, double(end->toMSecsSinceEpoch() - from) / buckets);
    QJsonArray measurements;
    for (const QString &type : types) {
        QString field;
        for (const auto &entry : clustermetrics::metricTypes())
            if (entry.first == type)
                field = entry.second;
        QVector<double> sum(buckets, 0), count(buckets, 0);
        for (const QJsonObject &sample : samples) {
            const double ms = sample.value(QStringLiteral("timestampMs")).toDouble();
            const int bucket = std::min(buckets - 1, int((ms - double(from)) / step));
            sum[bucket] += sample.value(field).toDouble();
            count[bucket] += 1;
        }
        QJsonArray values;
        for (int i = 0; i < buckets; ++i) {
            if (count.at(i) == 0)
                continue;
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(from + qint64(i * step), Qt::UTC);
            values.append(
                QJsonObject {{QStringLiteral("value"),
                              QString::number(sum.at(i) / count.at(i), 'g', 10)},
                             {QStringLiteral("timestamp"), at.toString(Qt::ISODateWithMs)}});
        }
        QJsonObject labels {{QStringLiteral("clusterId"), clusterId}};
        if (!nodePool.isEmpty())
            labels.insert(QStringLiteral("nodepoolName"), nodePool);
        measurements.append(QJsonObject {{QStringLiteral("type"), type},
                                         {QStringLiteral("labels"), labels},
                                         {QStringLiteral("values"), values}});
    }
    return jsonResponse(200, QJsonObject {{QStringLiteral("measurements"), measurements}});
}

} // namespace gpudesk::core::handlers
