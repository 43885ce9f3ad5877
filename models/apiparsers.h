#pragma once

// JSON → value types, as pure functions. Each one tolerates the quirks api.md §6 lists: bare arrays as well
// as wrapped lists ({"projects": […]}), snake_case as well as camelCase keys, numbers sent as strings
// (metric values), int as well as string ids. A body that is not what we expect is a Parse error value.

#include "apiconverters.h" // single-object converters, for the engine bridge and tests
#include "apierror.h"
#include "apitypes.h"

#include <QByteArray>
#include <QJsonObject>

namespace api {

Result<TokenSet> parseToken(const QByteArray &body);
Result<QList<Cluster>> parseClusters(const QByteArray &body);
Result<Page<OrgUnit>> parseDepartments(const QByteArray &body);
Result<Page<OrgUnit>> parseProjects(const QByteArray &body);
Result<QList<NodePool>> parseNodePools(const QByteArray &body);
Result<QList<Node>> parseNodes(const QByteArray &body);
Result<Page<Workload>> parseWorkloads(const QByteArray &body);
Result<Workload> parseWorkload(const QByteArray &body);
Result<Page<Pod>> parsePods(const QByteArray &body);
Result<Page<WorkloadEvent>> parseEvents(const QByteArray &body, const QString &workloadId = {});
Result<QList<User>> parseUsers(const QByteArray &body);
Result<QList<ServiceAccount>> parseServiceAccounts(const QByteArray &body);
Result<QList<Role>> parseRoles(const QByteArray &body);
Result<Page<AccessRule>> parseAccessRules(const QByteArray &body);
Result<Page<AuditEntry>> parseAuditLog(const QByteArray &body);
Result<QList<MetricSeries>> parseMetrics(const QByteArray &body);
Result<SubmitReply> parseSubmitReply(const QByteArray &body);

// The message of a Run:ai error body ({code, message, details}) or an OAuth2 one ({error,
// error_description}); empty when the body is neither.
QString errorBodyMessage(const QByteArray &body);

} // namespace api
