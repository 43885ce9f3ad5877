#pragma once
// The predefined roles and their permission sets, and the catalogue of resource types.

#include "rbactypes.h"

namespace gpudesk::rbac {

struct ResourceTypeInfo
{
    QString resourceType;
    QString displayName;
    QString groupId; // organization | physical-resource | iam | dashboard | workload | workload-asset
};

const QList<ResourceTypeInfo> &resourceTypes();
ResourceTypeInfo resourceTypeInfo(const QString &resourceType);
// Ids 1..N, stable across releases (custom roles start at 100).
const QList<Role> &predefinedRoles();
constexpr int firstCustomRoleId = 100;
// Role ids by name for code that needs one (e.g. the demo seed): "System Administrator" -> 1.
int predefinedRoleId(const QString &name);

} // namespace gpudesk::rbac
