#include "clustermetrics.h"

#include <QJsonArray>

#include <algorithm>

namespace gpudesk::core::clustermetrics {

namespace {

const QString wholeCluster = QStringLiteral("*");

QString seriesPrefix(const QString &clusterId, const QString &pool)
{
    return clusterId + QLatin1Char('|') + pool + QLatin1Char('|');
}

struct PoolFigures
{
    double nodes = 0, gpus = 0, allocated = 0, gpuMemoryMib = 0;
    double utilizationSum = 0, utilizationCount = 0, memoryUsedBytes = 0;
    double cpuSum = 0, cpuCount = 0, quota = 0, workloads = 0;
    void add(const PoolFigures &o)
    {
        nodes += o.nodes;
        gpus += o.gpus;
        allocated += o.allocated;
        gpuMemoryMib += o.gpuMemoryMib;
        utilizationSum += o.utilizationSum;
        utilizationCount += o.utilizationCount;
        memoryUsedBytes += o.memoryUsedBytes;
        cpuSum += o.cpuSum;
        cpuCount += o.cpuCount;
        quota += o.quota;
        workloads += o.workloads;
    }
    QJsonObject toSample(const QString &clusterId, const QString &pool, qint64 ms) const
    {
        const double memoryBytes = gpuMemoryMib * 1024 * 1024;
        return QJsonObject {{QStringLiteral("clusterId"), clusterId},
                            {QStringLiteral("nodePool"), pool},
                            {QStringLiteral("timestampMs"), double(ms)},
                            {QStringLiteral("totalGpuNodes"), nodes},
                            {QStringLiteral("totalGpu"), gpus},
                            {QStringLiteral("allocatedGpu"), allocated},
                            {QStringLiteral("unallocatedGpu"), std::max(0.0, gpus - allocated)},
                            {QStringLiteral("gpuUtilization"),
                             utilizationCount > 0 ? utilizationSum / utilizationCount : 0.0},
                            {QStringLiteral("gpuMemoryUtilization"),
                             memoryBytes > 0 ? 100.0 * memoryUsedBytes / memoryBytes : 0.0},
                            {QStringLiteral("cpuUtilization"),
                             cpuCount > 0 ? cpuSum / cpuCount : 0.0},
                            {QStringLiteral("gpuQuota"), quota},
                            {QStringLiteral("workloadsCount"), workloads}};
    }
};

void putBounded(Store &store, const QString &prefix, qint64 ms, const QJsonObject &sample)
{
    store.clusterMetrics.put(prefix + QStringLiteral("%1").arg(ms, 15, 10, QLatin1Char('0')),
                             sample);
    QStringList keys;
    for (auto it = store.clusterMetrics.items().constBegin();
         it != store.clusterMetrics.items().constEnd();
         ++it)
        if (it.key().startsWith(prefix))
            keys.append(it.key());
    if (keys.size() <= maxSamplesPerSeries)
        return;
    keys.sort(); // zero-padded times: oldest first
    for (qsizetype i = 0; i < keys.size() - maxSamplesPerSeries; ++i)
        store.clusterMetrics.remove(keys.at(i));
}

} // namespace

const QList<QPair<QString, QString>> &metricTypes()
{
    static const QList<QPair<QString, QString>>
        types {{QStringLiteral("TOTAL_GPU_NODES"), QStringLiteral("totalGpuNodes")},
               {QStringLiteral("TOTAL_GPU"), QStringLiteral("totalGpu")},
               {QStringLiteral("ALLOCATED_GPU"), QStringLiteral("allocatedGpu")},
               {QStringLiteral("UNALLOCATED_GPU"), QStringLiteral("unallocatedGpu")},
               {QStringLiteral("GPU_UTILIZATION"), QStringLiteral("gpuUtilization")},
               {QStringLiteral("GPU_MEMORY_UTILIZATION"), QStringLiteral("gpuMemoryUtilization")},
               {QStringLiteral("CPU_UTILIZATION"), QStringLiteral("cpuUtilization")},
               {QStringLiteral("GPU_QUOTA"), QStringLiteral("gpuQuota")},
               {QStringLiteral("WORKLOADS_COUNT"), QStringLiteral("workloadsCount")}};
    return types;
}

void recordSample(Store &store, const QString &clusterId, const QDateTime &at)
{
    const qint64 ms = at.toMSecsSinceEpoch();
    const auto last = store.lastClusterSampleMs.constFind(clusterId);
    if (last != store.lastClusterSampleMs.constEnd() && ms >= *last
        && ms - *last < sampleIntervalSeconds * 1000LL)
        return;
    QHash<QString, PoolFigures> pools;
    for (const QJsonObject &pool : store.nodePools.items())
        if (pool.value(QStringLiteral("clusterId")).toString() == clusterId)
            pools[pool.value(QStringLiteral("name")).toString()];
    for (const QJsonObject &node : store.nodes.items()) {
        if (node.value(QStringLiteral("clusterUuid")).toString() != clusterId)
            continue;
        const QString name = node.value(QStringLiteral("name")).toString();
        PoolFigures &f
            = pools[node.value(QStringLiteral("nodePool")).toString(QStringLiteral("default"))];
        const QJsonObject gpuInfo = node.value(QStringLiteral("gpuInfo")).toObject();
        const double gpus = gpuInfo.value(QStringLiteral("gpuCount")).toDouble();
        f.nodes += gpus > 0 ? 1 : 0;
        f.gpus += gpus;
        f.allocated += node.value(QStringLiteral("allocatedGpus")).toDouble();
        f.gpuMemoryMib += gpus * gpuInfo.value(QStringLiteral("gpuMemoryMib")).toDouble();
        const QJsonObject latest = store.metrics.value(QStringLiteral("node:") + clusterId
                                                       + QLatin1Char(':') + name);
        for (const QJsonValue &v : latest.value(QStringLiteral("gpuUtilization")).toArray()) {
            f.utilizationSum += v.toDouble();
            f.utilizationCount += 1;
        }
        for (const QJsonValue &v : latest.value(QStringLiteral("gpuMemoryUsedBytes")).toArray())
            f.memoryUsedBytes += v.toDouble();
        if (latest.contains(QStringLiteral("cpuUtilization"))) {
            f.cpuSum += latest.value(QStringLiteral("cpuUtilization")).toDouble();
            f.cpuCount += 1;
        }
    }
    // GPU quota of a pool: what the cluster's projects are guaranteed there.
    for (const QJsonObject &project : store.projects.items()) {
        if (project.value(QStringLiteral("clusterId")).toString() != clusterId)
            continue;
        for (const QJsonValue &value : project.value(QStringLiteral("resources")).toArray()) {
            const QJsonObject entry = value.toObject();
            const QString pool = entry.value(QStringLiteral("nodePool"))
                                     .toObject()
                                     .value(QStringLiteral("name"))
                                     .toString(QStringLiteral("default"));
            pools[pool].quota += entry.value(QStringLiteral("gpu"))
                                     .toObject()
                                     .value(QStringLiteral("deserved"))
                                     .toDouble();
        }
    }
    PoolFigures total;
    // Active workloads per pool from the store's index, kept current as workloads are written (a
    // walk over every workload here cost ~0.3 s at 100k every sample interval, blocking requests).
    const QHash<QString, int> active = store.workloadUsage().activeWorkloads().value(clusterId);
    for (auto it = active.constBegin(); it != active.constEnd(); ++it) {
        total.workloads += it.value();
        pools[it.key()].workloads += it.value();
    }
    const double workloads = total.workloads;
    for (auto it = pools.constBegin(); it != pools.constEnd(); ++it) {
        total.add(it.value());
        putBounded(store,
                   seriesPrefix(clusterId, it.key()),
                   ms,
                   it.value().toSample(clusterId, it.key(), ms));
    }
    total.workloads = workloads; // every active workload once, whatever its pool
    putBounded(store,
               seriesPrefix(clusterId, wholeCluster),
               ms,
               total.toSample(clusterId, QString(), ms));
    store.lastClusterSampleMs.insert(clusterId, ms);
}

QList<QJsonObject> samples(const Store &store,
                           const QString &clusterId,
                           const QString &nodePool,
                           const QDateTime &start,
                           const QDateTime &end)
{
    const QString prefix = seriesPrefix(clusterId, nodePool.isEmpty() ? wholeCluster : nodePool);
    const double from = double(start.toMSecsSinceEpoch());
    const double to = double(end.toMSecsSinceEpoch());
    QList<QPair<double, QJsonObject>> found;
    for (auto it = store.clusterMetrics.items().constBegin();
         it != store.clusterMetrics.items().constEnd();
         ++it) {
        if (!it.key().startsWith(prefix))
            continue;
        const double ms = it.value().value(QStringLiteral("timestampMs")).toDouble();
        if (ms >= from && ms <= to)
            found.append({ms, it.value()});
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) {
        return a.first < b.first;
    });
    QList<QJsonObject> out;
    out.reserve(found.size());
    for (const auto &entry : found)
        out.append(entry.second);
    return out;
}

} // namespace gpudesk::core::clustermetrics
