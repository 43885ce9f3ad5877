#pragma once
// Who may see or act on a synced workload: its project's scope (or its cluster's when the project is
// not known to the control plane).

#include "core/apiroute.h"
#include "core/store.h"

#include <functional>

namespace gpudesk::core::workloads {

rbac::Scope workloadScope(Store &store, const QJsonObject &workload);
// A predicate for lists; empty when the caller may read workloads tenant-wide.
std::function<bool(const QJsonObject &)> visibleWorkloads(
    const Call &call, const QString &resourceType = QStringLiteral("workloads"));
// The resourceType that guards a workload's type ("Training" -> trainings, ...).
QString resourceTypeOf(const QJsonObject &workload);

// Presents synced workloads: a workload of a Disconnected cluster keeps its last synced state but gets
// "stale": true and "staleSince" (the cluster's lastLiveness); others get "stale": false (a gpudesk
// extension, docs/cluster-sync.md). The presenter caches cluster states for the call.
std::function<QJsonObject(const QJsonObject &)> workloadPresenter(const Store &store);

} // namespace gpudesk::core::workloads
