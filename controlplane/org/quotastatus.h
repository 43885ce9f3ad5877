#pragma once
// Quota status of departments and projects (api.md §3.2-3.3): what the synced workloads of a cluster
// hold (allocated, allocatedNonPreemptible) and ask for (requested), per node pool and summed, read
// from the store's WorkloadUsageIndex (workloadusage.h).

#include "core/store.h"

#include <QJsonObject>

namespace gpudesk::core::org {

// Fills status.quotaStatus, status.nodePoolQuotaStatuses[] and the top-level gpuAllocated of a
// presented project or department (a department sums its projects).
void addQuotaStatus(Store &store, QJsonObject *shown, bool isDepartment);

} // namespace gpudesk::core::org
