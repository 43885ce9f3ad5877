#pragma once
// What the synced workloads hold and ask for, per project and node pool (the input of quota status,
// api.md §3.2-3.3), kept current as workloads are written: a change costs the change (subtract the old
// document's contribution, add the new one's), never a walk over every workload.
//
// Amounts are sums of fixed-point integers (millionths of a GPU, a millicore, an MB), so the table
// built change by change is exactly the one a full recomputation gives, whatever the order.

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace gpudesk::storage {
class Collection;
}

namespace gpudesk::core::org {

struct UsageAmount
{
    qint64 gpu = 0;    // millionths of a GPU
    qint64 cpu = 0;    // millionths of a millicore (Resources.cpu.deserved is in millicores)
    qint64 memory = 0; // millionths of an MB (Resources.memory.deserved is in MB)
    void add(const UsageAmount &other, int sign = 1);
    bool operator==(const UsageAmount &) const = default;
    double gpuValue() const { return double(gpu) / 1e6; }
    QJsonObject toJson() const; // {gpu, cpu, memory} as numbers in their API units
};

struct Usage
{
    UsageAmount allocated, allocatedNonPreemptible, requested;
    int workloads = 0; // workloads contributing; an entry with none is dropped
    void add(const Usage &other, int sign = 1);
    bool operator==(const Usage &) const = default;
    QJsonObject toJson() const; // {allocated, allocatedNonPreemptible, requested}
};

using PoolUsage = QHash<QString, Usage>;      // per node pool name
using UsageTable = QHash<QString, PoolUsage>; // per project id
// Active workloads (Creating, Pending, Initializing, Running) per cluster id, per node pool, for the
// cluster metrics samples taken as clusters push (sync/clustermetrics.h).
using ActiveCounts = QHash<QString, QHash<QString, int>>;

class WorkloadUsageIndex
{
public:
    // The table recomputed from every workload (what the index must always equal).
    static UsageTable compute(const storage::Collection &workloads);
    static ActiveCounts computeActive(const storage::Collection &workloads);

    void rebuild(const storage::Collection &workloads);
    // A workload changed from `before` to `after` (nullptr: absent). Returns the projects whose usage
    // changed (none when the change does not touch usage, e.g. a new updatedAt).
    QSet<QString> update(const QJsonObject *before, const QJsonObject *after);

    const UsageTable &table() const { return m_table; }
    PoolUsage projectUsage(const QString &projectId) const { return m_table.value(projectId); }
    const ActiveCounts &activeWorkloads() const { return m_active; }

private:
    UsageTable m_table;
    ActiveCounts m_active;
};

} // namespace gpudesk::core::org
