#pragma once
// History of cluster-level metrics built from what clusters push (docs/cluster-sync.md): one sample per
// cluster and node pool ("*" = the whole cluster) at most every sampleIntervalSeconds, at most
// maxSamplesPerSeries kept per series, in memory and in SQLite (Store::clusterMetrics).

#include "core/store.h"

#include <QDateTime>
#include <QJsonObject>

namespace gpudesk::core::clustermetrics {

constexpr int sampleIntervalSeconds = 10;
constexpr int maxSamplesPerSeries = 720; // two hours at one sample per 10 s

// The metricType values GET /api/v1/clusters/{uuid}/metrics serves, and the sample field of each.
const QList<QPair<QString, QString>> &metricTypes();

// Records one sample per node pool of the cluster (and the cluster total) from the synced nodes,
// the pushed node metrics, the quota tree and the workloads. Skips when the last one is too recent.
void recordSample(Store &store, const QString &clusterId, const QDateTime &at);

// Samples of a series in [start, end], oldest first.
QList<QJsonObject> samples(const Store &store,
                           const QString &clusterId,
                           const QString &nodePool,
                           const QDateTime &start,
                           const QDateTime &end);

} // namespace gpudesk::core::clustermetrics
