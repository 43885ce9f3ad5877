#pragma once
// Shared rules of the org tree: per-node-pool quota ("resources") validation, computed fields of
// clusters, departments and projects, and the department-quota shortfall warning.

#include "core/apihelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace gpudesk::core::org {

// Validates and normalises a Resources[] list for a cluster (fills nodePool {id, name}; unknown pools,
// negative quotas and wrong types are 400 errors that name the entry).
std::optional<Response> normaliseResources(Store &store,
                                           const QString &clusterId,
                                           const QJsonArray &input,
                                           QJsonArray *output);
// Zero-quota resources of one node pool (GPU over-quota weight 2, no limits, priority Normal).
QJsonObject defaultPoolResources(const QJsonValue &poolId, const QJsonValue &poolName);
// Zero-quota resources for every node pool of a cluster.
QJsonArray defaultResources(Store &store, const QString &clusterId);

// A cluster whose lastLiveness is older than this is Disconnected (docs/cluster-sync.md).
constexpr int livenessThresholdSeconds = 30;
// WaitingToConnect (never synced), Connected or Disconnected, from lastLiveness.
QString clusterState(const QJsonObject &cluster);

QJsonObject presentCluster(const Store &store, const QJsonObject &cluster);
QJsonObject presentDepartment(Store &store, const QJsonObject &department);
QJsonObject presentProject(Store &store, const QJsonObject &project);
// presentDepartment/presentProject through the store's presentation cache (the shown object and its
// JSON), valid until projects, departments, node pools or synced workloads change.
const PresentationCache::Entry &presentedDepartment(Store &store, const QJsonObject &department);
const PresentationCache::Entry &presentedProject(Store &store, const QJsonObject &project);

// Warnings when a department's deserved GPU quota in a node pool is below the sum of its projects'.
QStringList quotaShortfallWarnings(Store &store, const QString &departmentId);
// Adds "warnings" to the body and a Warning header (RFC 7234 style) when there are any.
Response withWarnings(Response response, const QStringList &warnings);

// Issues a fresh one-time cluster token (the previous pending one stops working); clusterroutes.cpp.
QString issueClusterToken(Store &store, const QString &clusterId);

// Creates the cluster's "default" node pool if it is missing.
void ensureDefaultNodePool(Store &store, const QString &clusterId, const QString &by);

} // namespace gpudesk::core::org
