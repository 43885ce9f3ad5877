#include "workloadusage.h"

#include "storage/collection.h"

#include <QJsonArray>

#include <optional>

namespace gpudesk::core::org {

void UsageAmount::add(const UsageAmount &other, int sign)
{
    gpu += sign * other.gpu;
    cpu += sign * other.cpu;
    memory += sign * other.memory;
}

QJsonObject UsageAmount::toJson() const
{
    return QJsonObject {{QStringLiteral("gpu"), double(gpu) / 1e6},
                        {QStringLiteral("cpu"), double(cpu) / 1e6},
                        {QStringLiteral("memory"), double(memory) / 1e6}};
}

void Usage::add(const Usage &other, int sign)
{
    allocated.add(other.allocated, sign);
    allocatedNonPreemptible.add(other.allocatedNonPreemptible, sign);
    requested.add(other.requested, sign);
    workloads += sign * other.workloads;
}

QJsonObject Usage::toJson() const
{
    return QJsonObject {{QStringLiteral("allocated"), allocated.toJson()},
                        {QStringLiteral("allocatedNonPreemptible"),
                         allocatedNonPreemptible.toJson()},
                        {QStringLiteral("requested"), requested.toJson()}};
}

namespace {

qint64 fixed(double value)
{
    return qRound64(value * 1e6);
}

// "2000M", "512Mi", "1G", or a plain number of MB.
double megabytes(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    QString text = value.toString().trimmed();
    double factor = 1;
    for (const auto &[suffix, f] : {std::pair {"Gi", 1073.741824},
                                    std::pair {"Mi", 1.048576},
                                    std::pair {"Ki", 0.001024},
                                    std::pair {"G", 1000.0},
                                    std::pair {"M", 1.0},
                                    std::pair {"K", 0.001}}) {
        if (text.endsWith(QLatin1String(suffix))) {
            text.chop(int(qstrlen(suffix)));
            factor = f;
            break;
        }
    }
    return text.toDouble() * factor;
}

double number(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isObject())
        return value.toObject().value(QStringLiteral("request")).toDouble();
    return value.toDouble();
}

// What a pending workload asks for in total (all its pods).
UsageAmount requestOf(const QJsonObject &workload)
{
    const QJsonObject perPod = workload.value(QStringLiteral("podsRequestedResources")).toObject();
    const double pods = std::max(1.0,
                                 workload.value(QStringLiteral("requestedPods"))
                                     .toObject()
                                     .value(QStringLiteral("number"))
                                     .toDouble());
    const QJsonObject whole = workload.value(QStringLiteral("workloadRequestedResources")).toObject();
    UsageAmount amount;
    amount.gpu = fixed(whole.contains(QStringLiteral("gpu")) ? number(whole, "gpu")
                                                             : number(perPod, "gpu") * pods);
    amount.cpu = fixed(number(perPod, "cpu") * pods * 1000);
    amount.memory = fixed(
        megabytes(
            perPod.value(QStringLiteral("cpuMemory")).toObject().value(QStringLiteral("request")))
        * pods);
    return amount;
}

// What a running workload holds (allocatedResources: gpu devices, cpu cores, cpuMemory).
UsageAmount allocationOf(const QJsonObject &workload)
{
    const QJsonObject allocated = workload.value(QStringLiteral("allocatedResources")).toObject();
    UsageAmount amount;
    amount.gpu = fixed(allocated.value(QStringLiteral("gpu")).toDouble());
    amount.cpu = fixed(allocated.value(QStringLiteral("cpu")).toDouble() * 1000);
    // Clusters that do not report allocated CPU memory (the simulated one) hold what they asked for.
    amount.memory = allocated.contains(QStringLiteral("cpuMemory"))
                        ? fixed(megabytes(allocated.value(QStringLiteral("cpuMemory"))))
                        : requestOf(workload).memory;
    return amount;
}

QString poolOf(const QJsonObject &workload)
{
    for (const char *key : {"currentNodePools", "requestedNodePools"}) {
        const QJsonArray pools = workload.value(QLatin1String(key)).toArray();
        if (!pools.isEmpty() && !pools.first().toString().isEmpty())
            return pools.first().toString();
    }
    return QStringLiteral("default");
}

// One workload's share of the table: the entry it adds to, and what it adds.
struct Contribution
{
    QString projectId;
    QString pool;
    Usage usage;
    bool operator==(const Contribution &) const = default;
};

std::optional<Contribution> contributionOf(const QJsonObject *workload)
{
    if (!workload || workload->value(QStringLiteral("deletedAt")).isString())
        return std::nullopt;
    const QString phase = workload->value(QStringLiteral("phase")).toString();
    const bool holds = phase == QLatin1String("Running") || phase == QLatin1String("Initializing");
    const bool pending = phase == QLatin1String("Pending");
    if (!holds && !pending)
        return std::nullopt;
    Contribution contribution {workload->value(QStringLiteral("projectId")).toVariant().toString(),
                               poolOf(*workload),
                               Usage {}};
    Usage &usage = contribution.usage;
    usage.workloads = 1;
    if (holds) {
        const UsageAmount amount = allocationOf(*workload);
        usage.allocated = amount;
        usage.requested = amount;
        if (!workload->value(QStringLiteral("preemptible")).toBool(true))
            usage.allocatedNonPreemptible = amount;
    } else {
        usage.requested = requestOf(*workload);
    }
    return contribution;
}

void apply(UsageTable *table, const Contribution &contribution, int sign)
{
    PoolUsage &pools = (*table)[contribution.projectId];
    Usage &usage = pools[contribution.pool];
    usage.add(contribution.usage, sign);
    if (usage.workloads == 0) { // nothing left: as if no workload had ever counted here
        pools.remove(contribution.pool);
        if (pools.isEmpty())
            table->remove(contribution.projectId);
    }
}

struct ActiveKey
{
    QString clusterId;
    QString pool;
    bool operator==(const ActiveKey &) const = default;
};

// Where cluster metrics count an active workload: its first current pool, else its first requested
// one, else "default" (an empty first entry counts as it is, unlike quota status's poolOf()).
std::optional<ActiveKey> activeKeyOf(const QJsonObject *workload)
{
    if (!workload || workload->value(QStringLiteral("deletedAt")).isString())
        return std::nullopt;
    const QString phase = workload->value(QStringLiteral("phase")).toString();
    if (phase != QLatin1String("Creating") && phase != QLatin1String("Pending")
        && phase != QLatin1String("Initializing") && phase != QLatin1String("Running"))
        return std::nullopt;
    QJsonArray current = workload->value(QStringLiteral("currentNodePools")).toArray();
    if (current.isEmpty())
        current = workload->value(QStringLiteral("requestedNodePools")).toArray();
    return ActiveKey {workload->value(QStringLiteral("clusterId")).toString(),
                      current.isEmpty() ? QStringLiteral("default") : current.first().toString()};
}

void count(ActiveCounts *counts, const ActiveKey &key, int sign)
{
    QHash<QString, int> &pools = (*counts)[key.clusterId];
    int &n = pools[key.pool];
    n += sign;
    if (n == 0) {
        pools.remove(key.pool);
        if (pools.isEmpty())
            counts->remove(key.clusterId);
    }
}

} // namespace

ActiveCounts WorkloadUsageIndex::computeActive(const storage::Collection &workloads)
{
    ActiveCounts counts;
    for (const QJsonObject &workload : workloads.items()) {
        if (const auto key = activeKeyOf(&workload))
            count(&counts, *key, 1);
    }
    return counts;
}

UsageTable WorkloadUsageIndex::compute(const storage::Collection &workloads)
{
    UsageTable table;
    for (const QJsonObject &workload : workloads.items()) {
        if (const auto contribution = contributionOf(&workload))
            apply(&table, *contribution, 1);
    }
    return table;
}

void WorkloadUsageIndex::rebuild(const storage::Collection &workloads)
{
    m_table = compute(workloads);
    m_active = computeActive(workloads);
}

QSet<QString> WorkloadUsageIndex::update(const QJsonObject *before, const QJsonObject *after)
{
    const auto wasActive = activeKeyOf(before);
    const auto isActive = activeKeyOf(after);
    if (wasActive != isActive) {
        if (wasActive)
            count(&m_active, *wasActive, -1);
        if (isActive)
            count(&m_active, *isActive, 1);
    }
    const auto removed = contributionOf(before);
    const auto added = contributionOf(after);
    if (removed == added)
        return {};
    QSet<QString> changed;
    if (removed) {
        apply(&m_table, *removed, -1);
        changed.insert(removed->projectId);
    }
    if (added) {
        apply(&m_table, *added, 1);
        changed.insert(added->projectId);
    }
    return changed;
}

} // namespace gpudesk::core::org
