#include "quotastatus.h"

#include <QHash>
#include <QJsonArray>

#include <memory>

namespace gpudesk::core::org {

namespace {

struct Amount
{
    double gpu = 0;
    double cpu = 0;    // millicores, like Resources.cpu.deserved
    double memory = 0; // MB, like Resources.memory.deserved
    void add(const Amount &other)
    {
        gpu += other.gpu;
        cpu += other.cpu;
        memory += other.memory;
    }
    QJsonObject toJson() const
    {
        return QJsonObject {{QStringLiteral("gpu"), gpu},
                            {QStringLiteral("cpu"), cpu},
                            {QStringLiteral("memory"), memory}};
    }
};

struct Usage
{
    Amount allocated, allocatedNonPreemptible, requested;
    void add(const Usage &other)
    {
        allocated.add(other.allocated);
        allocatedNonPreemptible.add(other.allocatedNonPreemptible);
        requested.add(other.requested);
    }
    QJsonObject toJson() const
    {
        return QJsonObject {{QStringLiteral("allocated"), allocated.toJson()},
                            {QStringLiteral("allocatedNonPreemptible"),
                             allocatedNonPreemptible.toJson()},
                            {QStringLiteral("requested"), requested.toJson()}};
    }
};

// Per project id, per node pool name.
using UsageTable = QHash<QString, QHash<QString, Usage>>;

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
Amount requestOf(const QJsonObject &workload)
{
    const QJsonObject perPod = workload.value(QStringLiteral("podsRequestedResources")).toObject();
    const double pods = std::max(1.0,
                                 workload.value(QStringLiteral("requestedPods"))
                                     .toObject()
                                     .value(QStringLiteral("number"))
                                     .toDouble());
    Amount amount;
    const QJsonObject whole = workload.value(QStringLiteral("workloadRequestedResources")).toObject();
    amount.gpu = whole.contains(QStringLiteral("gpu")) ? number(whole, "gpu")
                                                       : number(perPod, "gpu") * pods;
    amount.cpu = number(perPod, "cpu") * pods * 1000;
    amount.memory
        = megabytes(
              perPod.value(QStringLiteral("cpuMemory")).toObject().value(QStringLiteral("request")))
          * pods;
    return amount;
}

// What a running workload holds (allocatedResources: gpu devices, cpu cores, cpuMemory).
Amount allocationOf(const QJsonObject &workload)
{
    const QJsonObject allocated = workload.value(QStringLiteral("allocatedResources")).toObject();
    Amount amount;
    amount.gpu = allocated.value(QStringLiteral("gpu")).toDouble();
    amount.cpu = allocated.value(QStringLiteral("cpu")).toDouble() * 1000;
    // Clusters that do not report allocated CPU memory (the simulated one) hold what they asked for.
    amount.memory = allocated.contains(QStringLiteral("cpuMemory"))
                        ? megabytes(allocated.value(QStringLiteral("cpuMemory")))
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

UsageTable computeUsage(const Store &store)
{
    UsageTable table;
    for (const QJsonObject &workload : store.workloads.items()) {
        if (workload.value(QStringLiteral("deletedAt")).isString())
            continue;
        const QString phase = workload.value(QStringLiteral("phase")).toString();
        const bool holds = phase == QLatin1String("Running")
                           || phase == QLatin1String("Initializing");
        const bool pending = phase == QLatin1String("Pending");
        if (!holds && !pending)
            continue;
        Usage &usage = table[workload.value(QStringLiteral("projectId")).toVariant().toString()]
                            [poolOf(workload)];
        if (holds) {
            const Amount amount = allocationOf(workload);
            usage.allocated.add(amount);
            usage.requested.add(amount);
            if (!workload.value(QStringLiteral("preemptible")).toBool(true))
                usage.allocatedNonPreemptible.add(amount);
        } else {
            usage.requested.add(requestOf(workload));
        }
    }
    return table;
}

// Recomputed only when the synced workloads changed, so project lists stay fast.
const UsageTable &usageTable(const Store &store)
{
    struct Cache
    {
        const Store *store = nullptr;
        quint64 generation = ~0ULL;
        qsizetype size = -1;
        UsageTable table;
    };
    static Cache cache;
    const quint64 generation = store.workloads.generation();
    if (cache.store != &store || cache.generation != generation
        || cache.size != store.workloads.size()) {
        cache.table = computeUsage(store);
        cache.store = &store;
        cache.generation = generation;
        cache.size = store.workloads.size();
    }
    return cache.table;
}

// Per department id, per node pool: the usage of its projects, summed in one pass over the projects
// (not one pass per department), again only when workloads or projects changed.
const UsageTable &departmentUsageTable(const Store &store)
{
    struct Cache
    {
        const Store *store = nullptr;
        quint64 workloadsGeneration = ~0ULL;
        qsizetype workloadsSize = -1;
        quint64 projectsGeneration = ~0ULL;
        UsageTable table;
    };
    static Cache cache;
    if (cache.store != &store || cache.workloadsGeneration != store.workloads.generation()
        || cache.workloadsSize != store.workloads.size()
        || cache.projectsGeneration != store.projects.generation()) {
        const UsageTable &projects = usageTable(store);
        cache.table.clear();
        for (const QJsonObject &project : store.projects.items()) {
            const auto found = projects.constFind(project.value(QStringLiteral("id")).toString());
            if (found == projects.constEnd())
                continue;
            QHash<QString, Usage> &pools
                = cache.table[project.value(QStringLiteral("parentId")).toString()];
            for (auto it = found->constBegin(); it != found->constEnd(); ++it)
                pools[it.key()].add(it.value());
        }
        cache.store = &store;
        cache.workloadsGeneration = store.workloads.generation();
        cache.workloadsSize = store.workloads.size();
        cache.projectsGeneration = store.projects.generation();
    }
    return cache.table;
}

} // namespace

void addQuotaStatus(Store &store, QJsonObject *shown, bool isDepartment)
{
    const QString id = shown->value(QStringLiteral("id")).toString();
    const QHash<QString, Usage> perPool = isDepartment ? departmentUsageTable(store).value(id)
                                                       : usageTable(store).value(id);
    // Every pool of the object's quota is listed, idle ones with zeros.
    Usage total;
    QJsonArray statuses;
    QSet<QString> listed;
    for (const QJsonValue &value : shown->value(QStringLiteral("resources")).toArray()) {
        const QJsonObject pool = value.toObject().value(QStringLiteral("nodePool")).toObject();
        const QString name = pool.value(QStringLiteral("name")).toString(QStringLiteral("default"));
        if (listed.contains(name))
            continue;
        listed.insert(name);
        const Usage usage = perPool.value(name);
        total.add(usage);
        QJsonObject status = usage.toJson();
        status.insert(QStringLiteral("nodePool"),
                      QJsonObject {{QStringLiteral("id"), pool.value(QStringLiteral("id"))},
                                   {QStringLiteral("name"), name}});
        statuses.append(status);
    }
    QStringList others = perPool.keys();
    others.sort();
    for (const QString &name : others) {
        if (listed.contains(name))
            continue;
        const Usage usage = perPool.value(name);
        total.add(usage);
        QJsonObject status = usage.toJson();
        const QJsonObject pool
            = store.findByName(store.nodePools,
                               name,
                               shown->value(QStringLiteral("clusterId")).toString());
        status.insert(QStringLiteral("nodePool"),
                      QJsonObject {{QStringLiteral("id"),
                                    pool.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                   : pool.value(QStringLiteral("id"))},
                                   {QStringLiteral("name"), name}});
        statuses.append(status);
    }
    QJsonObject status = shown->value(QStringLiteral("status")).toObject();
    status.insert(QStringLiteral("quotaStatus"), total.toJson());
    status.insert(QStringLiteral("nodePoolQuotaStatuses"), statuses);
    shown->insert(QStringLiteral("status"), status);
    shown->insert(QStringLiteral("gpuAllocated"), total.allocated.gpu);
}

} // namespace gpudesk::core::org
