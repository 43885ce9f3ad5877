#include "fairshare.h"

#include "plugins/proportion/fairshare.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace fairshare {

namespace eng = gpudesk::engine::proportion;

namespace {

constexpr int kGpu = 0;
constexpr double kMediumWeight = 2; // Run:ai over-quota weight "Medium", our default for null/−1
constexpr int kDefaultPriority = 100; // the engine's default queue priority
// Stands for "request unknown": more GPUs than any cluster has, so only limits and weights bind.
// Finite on purpose, so sums over a department stay ordinary arithmetic.
constexpr double kUnlimitedRequest = 1e12;

double weightOf(double runaiWeight)
{
    return runaiWeight < 0 ? kMediumWeight : runaiWeight;
}

std::optional<double> reportedRequest(const api::PoolAllocation &a)
{
    if (!a.gpuRequestedReported)
        return std::nullopt;
    // The engine's request is allocated + pending; never let it fall below what is already running.
    return std::max(a.gpuRequested, a.gpuAllocated);
}

std::optional<double> requestOf(const api::OrgUnit &u, const QString &pool)
{
    if (const api::PoolAllocation *a = u.allocationFor(pool))
        return reportedRequest(*a);
    // Node pools off: only the summed status is there, and it is this pool's when it is the only one.
    if (u.allocations.isEmpty() && u.quotaStatus && u.resources.size() <= 1)
        return reportedRequest(*u.quotaStatus);
    return std::nullopt;
}

eng::QueueDemand demandFor(const api::OrgUnit &u, const QString &pool, int parent, int order)
{
    eng::QueueDemand q;
    q.name = u.id.toStdString();
    q.parent = parent;
    q.createdOrder = order;
    const api::PoolResources *r = u.resourcesFor(pool);
    q.priority = enginePriority(r ? r->priority : QString());
    eng::ResourceDemand &gpu = q.resource[kGpu];
    gpu.deserved = r ? (r->gpuDeserved < 0 ? -1 : r->gpuDeserved) : 0;
    gpu.limit = r && r->gpuLimit >= 0 ? r->gpuLimit : -1;
    gpu.weight = weightOf(r ? r->gpuOverQuotaWeight : -1);
    gpu.request = requestOf(u, pool).value_or(kUnlimitedRequest);
    return q;
}

} // namespace

int enginePriority(const QString &runaiPriority)
{
    bool isNumber = false;
    const int number = runaiPriority.trimmed().toInt(&isNumber);
    if (isNumber)
        return number;
    QString key = runaiPriority.toLower();
    key.remove(QLatin1Char('-')).remove(QLatin1Char('_')).remove(QLatin1Char(' '));
    // Only the order matters to the division; "Normal" sits at the engine default.
    static const QHash<QString, int> levels {{QStringLiteral("lowest"), 25},
                                             {QStringLiteral("verylow"), 25},
                                             {QStringLiteral("low"), 50},
                                             {QStringLiteral("mediumlow"), 75},
                                             {QStringLiteral("belownormal"), 75},
                                             {QStringLiteral("normal"), kDefaultPriority},
                                             {QStringLiteral("medium"), kDefaultPriority},
                                             {QStringLiteral("mediumhigh"), 125},
                                             {QStringLiteral("abovenormal"), 125},
                                             {QStringLiteral("high"), 150},
                                             {QStringLiteral("veryhigh"), 200},
                                             {QStringLiteral("highest"), 200}};
    return levels.value(key, kDefaultPriority);
}

QList<double> divide(double total,
                     const QList<double> &deserved,
                     const QList<double> &weights,
                     const QList<double> &limits,
                     const QList<double> &requests)
{
    const qsizetype n = deserved.size();
    std::vector<eng::QueueDemand> queues(static_cast<std::size_t>(n));
    std::vector<const eng::QueueDemand *> siblings;
    for (qsizetype i = 0; i < n; ++i) {
        eng::QueueDemand &q = queues[std::size_t(i)];
        q.name = std::to_string(i);
        q.createdOrder = double(i);
        eng::ResourceDemand &gpu = q.resource[kGpu];
        gpu.deserved = deserved[i] < 0 ? -1 : deserved[i];
        gpu.weight = weightOf(i < weights.size() ? weights[i] : -1);
        gpu.limit = i < limits.size() && limits[i] >= 0 ? limits[i] : -1;
        gpu.request = i < requests.size() && requests[i] >= 0 ? requests[i] : kUnlimitedRequest;
        siblings.push_back(&q);
    }
    std::vector<double> share(std::size_t(n), 0.0);
    eng::divideOneLevel(total, siblings, kGpu, 0.0, share);
    return QList<double>(share.begin(), share.end());
}

QList<double> divide(double total,
                     const QList<double> &deserved,
                     const QList<double> &weights,
                     const QList<double> &limits)
{
    return divide(total, deserved, weights, limits, {});
}

QHash<QString, QHash<QString, double>> estimate(const QList<api::OrgUnit> &departments,
                                                const QList<api::OrgUnit> &projects,
                                                const QHash<QString, double> &poolGpus)
{
    QHash<QString, int> departmentIndex;
    for (qsizetype i = 0; i < departments.size(); ++i)
        departmentIndex.insert(departments.at(i).id, int(i));

    QHash<QString, QHash<QString, double>> out;
    for (auto pool = poolGpus.constBegin(); pool != poolGpus.constEnd(); ++pool) {
        std::vector<eng::QueueDemand> queues;
        queues.reserve(std::size_t(departments.size() + projects.size()));
        for (qsizetype i = 0; i < departments.size(); ++i)
            queues.push_back(demandFor(departments.at(i), pool.key(), -1, int(i)));
        // A department requests what its projects request (the engine's aggregation up the tree);
        // without projects, what it reports itself.
        std::vector<double> childRequests(std::size_t(departments.size()), 0.0);
        std::vector<bool> hasChildren(std::size_t(departments.size()), false);
        for (qsizetype i = 0; i < projects.size(); ++i) {
            const api::OrgUnit &p = projects.at(i);
            const int parent = departmentIndex.value(p.parentId, -1);
            queues.push_back(demandFor(p, pool.key(), parent, int(i)));
            if (parent >= 0) {
                double &sum = childRequests[std::size_t(parent)];
                sum = std::min(kUnlimitedRequest, sum + queues.back().resource[kGpu].request);
                hasChildren[std::size_t(parent)] = true;
            }
        }
        for (std::size_t d = 0; d < childRequests.size(); ++d) {
            if (hasChildren[d])
                queues[d].resource[kGpu].request = childRequests[d];
        }

        gpudesk::engine::Resources total;
        total.gpu = pool.value();
        const eng::DivisionResult result = eng::divideHierarchy(total, queues, 0.0);
        for (std::size_t q = 0; q < queues.size(); ++q) {
            const api::OrgUnit &u = q < std::size_t(departments.size())
                                        ? departments.at(qsizetype(q))
                                        : projects.at(qsizetype(q) - departments.size());
            out[u.id][pool.key()] = result.fairShare[q].gpu;
        }
    }
    return out;
}

} // namespace fairshare
