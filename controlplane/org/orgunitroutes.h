#pragma once
// What the department and project routes share (Run:ai treats both as org units): listing and
// counting, the optional fields of create/update, fields an update may not change, and PUT/PATCH of
// the per-node-pool resources. departmentroutes.cpp and projectroutes.cpp keep what differs.

#include "core/apihelpers.h"
#include "core/presentcache.h"
#include "http/json.h"

namespace gpudesk::core::org {

struct OrgUnitKind
{
    QString singular; // "department": messages and the list's resourceType
    QString plural;   // "departments": the list's key
    QString idParam;  // "departmentId": the path parameter
    rbac::ScopeType scopeType;
    storage::Collection Store::*collection;
    PresentationCache Store::*cache;
    const PresentationCache::Entry &(*presented)(Store &, const QJsonObject &);
    QJsonObject (*present)(Store &, const QJsonObject &);
    http::ListOptions listOptions;
    // The department whose quota shortfall a change of this unit can cause (itself, or the parent).
    QString (*departmentOf)(const QJsonObject &);
};

const OrgUnitKind &departmentKind();
const OrgUnitKind &projectKind();

// GET list or /count with paging, sort, filter, search and the caller's scopes.
Response listOrCount(Call &call, const OrgUnitKind &kind, bool countOnly);
// GET one (the route's scope resolver already answered 404 for an unknown id).
Response getOne(Call &call, const OrgUnitKind &kind);
// Reads the optional fields create and update share (description, schedulingRules, nodeTypes,
// defaultNodePools, resources) into `unit`; resources are validated against the unit's cluster.
std::optional<Response> readCommonFields(Call &call, http::FieldReader &reader, QJsonObject *unit);
// 400 when the body gives any of `keys` with another value than `previous` has.
std::optional<Response> rejectChanged(const OrgUnitKind &kind,
                                      http::FieldReader &reader,
                                      const QJsonObject &previous,
                                      const QStringList &keys);
// PUT (replace) or PATCH (only the pools it names) of a unit's resources, with If-Match and the
// department quota shortfall warning.
Response putResources(Call &call, const OrgUnitKind &kind);

} // namespace gpudesk::core::org
