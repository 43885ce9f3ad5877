#pragma once
// The shape of one API route: who may call it (resourceType, action, scope resolver) and its handler.
// Every route of the control plane is listed in routes.cpp; ControlPlane::execute() is the one place
// that enforces the declaration.

#include "http/httptypes.h"
#include "http/json.h"
#include "rbac/rbactypes.h"

#include <functional>
#include <optional>

namespace gpudesk::core {

class ControlPlane;
class Store;

// One request in flight, with the authenticated caller.
struct Call
{
    const http::Request &request;
    ControlPlane &controlPlane;
    Store &store;
    rbac::Subject subject; // empty type for anonymous / cluster calls
    QString clusterId;     // set for cluster-sync calls
    QString resourceType;  // from the route
    // Filled by handlers for the audit log when the reply does not carry them.
    QString auditEntityId;
    QString auditEntityName;
    QString auditAction; // overrides create/update/delete (e.g. "sign-in")

    QString param(const QString &name) const { return request.pathParams.value(name); }
    QString who() const { return subject.name.isEmpty() ? subject.id : subject.name; }
    // For list filtering and per-item checks.
    bool can(const QString &resourceType, const QString &action, const rbac::Scope &scope) const;
};

using ApiHandler = std::function<http::Response(Call &)>;

// What a scope resolver found: a scope to check, a list (check "anywhere", handler filters), or an
// early reply (404 for an unknown id, 400 for a body without the scope field).
struct ScopeResult
{
    std::optional<rbac::Scope> scope;
    bool list = false;
    std::optional<http::Response> error;
};
using ScopeResolver = std::function<ScopeResult(Call &)>;

enum class Access {
    Public,        // no credentials (token endpoints, public key)
    Authenticated, // any signed-in subject (e.g. "my access rules")
    ClusterToken,  // a cluster's one-time registration token (checked by the handler)
    ClusterSync,   // a registered cluster's sync token
    Checked        // resourceType × action × scope, enforced by the Authorizer
};

struct RouteSpec
{
    QByteArray method;
    QString pattern;
    Access access = Access::Checked;
    QString resourceType;
    QString action; // create | read | update | delete
    ScopeResolver scope;
    ApiHandler handler;
};

// Scope resolvers used by the route table.
namespace scopes {
ScopeResolver tenant();
ScopeResolver list();
ScopeResolver projectParam(const QString &param);
ScopeResolver departmentParam(const QString &param);
ScopeResolver clusterParam(const QString &param);
ScopeResolver nodePoolParam(const QString &param);
ScopeResolver nodeParam(const QString &param);
ScopeResolver workloadParam(const QString &param);
ScopeResolver projectInBody(const QString &field);
ScopeResolver departmentInBody(const QString &field);
ScopeResolver clusterInBody(const QString &field);
ScopeResolver accessRuleInBody();
ScopeResolver accessRuleParam(const QString &param);
} // namespace scopes

const QList<RouteSpec> &routeTable();

} // namespace gpudesk::core
