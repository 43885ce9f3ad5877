#pragma once
// Every route handler of the control plane, grouped by resource family. The route table (routes.cpp)
// wires them to paths and declares their authorization; the families live in their own folders.

#include "apiroute.h"

namespace gpudesk::core::handlers {

using http::Response;

// auth/tokenroutes.cpp
Response tokenV1(Call &);
Response tokenV2(Call &);
Response publicKey(Call &);
Response signOut(Call &);
Response changeOwnPassword(Call &);
// auth/userroutes.cpp
Response listUsers(Call &);
Response countUsers(Call &);
Response createUser(Call &);
Response getUser(Call &);
Response deleteUser(Call &);
Response logoutUser(Call &);
Response resetUserPassword(Call &);
// auth/serviceaccountroutes.cpp
Response listServiceAccounts(Call &);
Response createServiceAccount(Call &);
Response getServiceAccount(Call &);
Response patchServiceAccount(Call &);
Response deleteServiceAccount(Call &);
Response regenerateServiceAccountSecret(Call &);
// rbac/roleroutes.cpp
Response listRoles(Call &);
Response getRole(Call &);
Response createRole(Call &);
Response updateRole(Call &);
Response deleteRole(Call &);
// rbac/accessruleroutes.cpp
Response listAccessRules(Call &);
Response countAccessRules(Call &);
Response createAccessRule(Call &);
Response getAccessRule(Call &);
Response deleteAccessRule(Call &);
Response batchAccessRules(Call &);
Response batchCreateAccessRules(Call &);
// rbac/authorizationroutes.cpp
Response myPermissions(Call &);
Response permittedScopes(Call &);
Response myAccessRules(Call &);
Response countMyAccessRules(Call &);
// org/clusterroutes.cpp
Response listClusters(Call &);
Response createCluster(Call &);
Response getCluster(Call &);
Response updateCluster(Call &);
Response deleteCluster(Call &);
Response clusterInstallInfo(Call &);
Response getClusterNetwork(Call &);
Response putClusterNetwork(Call &);
// org/departmentroutes.cpp
Response listDepartments(Call &);
Response countDepartments(Call &);
Response createDepartment(Call &);
Response getDepartment(Call &);
Response updateDepartment(Call &);
Response deleteDepartment(Call &);
Response putDepartmentResources(Call &);
// org/projectroutes.cpp
Response listProjects(Call &);
Response countProjects(Call &);
Response createProject(Call &);
Response getProject(Call &);
Response updateProject(Call &);
Response deleteProject(Call &);
Response putProjectResources(Call &);
Response priorities(Call &);
// org/nodepoolroutes.cpp
Response listNodePools(Call &);
Response countNodePools(Call &);
Response createNodePool(Call &);
Response getNodePool(Call &);
Response updateNodePool(Call &);
Response deleteNodePool(Call &);
// org/noderoutes.cpp
Response listNodes(Call &);
Response countNodes(Call &);
Response getNode(Call &);
Response nodesTelemetry(Call &);
Response nodeMetrics(Call &);
Response clusterMetrics(Call &); // sync/clustermetricsroutes.cpp
// workloads/workloadroutes.cpp
Response listWorkloads(Call &);
Response countWorkloads(Call &);
Response getWorkload(Call &);
Response workloadPods(Call &);
Response workloadEvents(Call &);
Response workloadHistory(Call &);
Response workloadMetrics(Call &);
Response listAllPods(Call &);
Response workloadsTelemetry(Call &);
// workloads/submissionroutes.cpp
Response submitWorkload(Call &);
Response getTypedWorkload(Call &);
Response deleteTypedWorkload(Call &);
Response suspendWorkload(Call &);
Response resumeWorkload(Call &);
Response batchWorkloads(Call &);
// sync/clustersyncroutes.cpp
Response registerCluster(Call &);
Response desiredState(Call &);
Response pushState(Call &);
// audit/auditroutes.cpp
Response auditLog(Call &);
Response auditLogFile(Call &);
// settings/securitysettingsroutes.cpp
Response listSecuritySettings(Call &);
Response getSecuritySetting(Call &);
Response putSecuritySetting(Call &);

} // namespace gpudesk::core::handlers
