#pragma once

// One JSON object → one value type. Tolerant of the quirks api.md §6 lists (snake_case as well as
// camelCase keys, numbers sent as strings, int as well as string ids); a missing field gives the
// type's default. apiparsers.h builds whole replies out of these.

#include "apitypes.h"

#include <QJsonObject>

namespace api {

TokenSet tokenFromJson(const QJsonObject &o);
Cluster clusterFromJson(const QJsonObject &o);
User userFromJson(const QJsonObject &o);
ServiceAccount serviceAccountFromJson(const QJsonObject &o);
Role roleFromJson(const QJsonObject &o);
AccessRule accessRuleFromJson(const QJsonObject &o);
AuditEntry auditFromJson(const QJsonObject &o);
MetricSeries metricFromJson(const QJsonObject &o);
// workloadId fills in events that do not name their workload (the per-workload events route).
WorkloadEvent eventFromJson(const QJsonObject &o, const QString &workloadId = {});
OrgUnit orgUnitFromJson(const QJsonObject &o, OrgUnit::Kind kind);
Workload workloadFromJson(const QJsonObject &o);
Pod podFromJson(const QJsonObject &o);
Node nodeFromJson(const QJsonObject &o);
NodePool nodePoolFromJson(const QJsonObject &o);

} // namespace api
