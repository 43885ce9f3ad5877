// /api/v1/org-unit/departments: departments of a cluster with per-node-pool quota.
#include "core/controlplane.h"
#include "core/handlers.h"
#include "orgmodel.h"
#include "orgunitroutes.h"

namespace gpudesk::core::handlers {

using org::departmentKind;

Response listDepartments(Call &call)
{
    return org::listOrCount(call, departmentKind(), false);
}

Response countDepartments(Call &call)
{
    return org::listOrCount(call, departmentKind(), true);
}

Response createDepartment(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QString name = reader.requiredString(QStringLiteral("name"));
    const QString clusterId = reader.requiredString(QStringLiteral("clusterId"));
    if (!reader.ok())
        return *reader.error();
    if (!isValidName(name))
        return errorResponse(400, invalidNameMessage(QStringLiteral("department"), name));
    if (!call.store.findByName(call.store.departments, name, clusterId).isEmpty())
        return errorResponse(409,
                             QStringLiteral("The cluster already has a department named '%1'.")
                                 .arg(name));
    QJsonObject department {{QStringLiteral("name"), name},
                            {QStringLiteral("clusterId"), clusterId},
                            {QStringLiteral("description"), QString()},
                            {QStringLiteral("tenantId"), call.store.tenantId().toInt()},
                            {QStringLiteral("schedulingRules"), QJsonValue::Null},
                            {QStringLiteral("defaultNodePools"), QJsonValue::Null},
                            {QStringLiteral("nodeTypes"), QJsonValue::Null},
                            {QStringLiteral("resources"),
                             org::defaultResources(call.store, clusterId)}};
    if (auto error = org::readCommonFields(call, reader, &department))
        return *error;
    if (auto error = reader.finish())
        return *error;
    const QString id = call.store.nextId(QStringLiteral("org-unit"));
    department.insert(QStringLiteral("id"), id);
    department = Store::stamp(department, call.who());
    if (!call.store.departments.put(id, department))
        return storageFailure();
    return jsonResponse(201, org::presentDepartment(call.store, department));
}

Response getDepartment(Call &call)
{
    return org::getOne(call, departmentKind());
}

Response updateDepartment(Call &call)
{
    const QJsonObject previous = call.store.departments.value(
        call.param(QStringLiteral("departmentId")));
    if (auto conflict = checkIfMatch(call.request, org::presentDepartment(call.store, previous)))
        return *conflict;
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    // PUT cannot change the name or the cluster; echoing them unchanged is fine.
    if (auto error = org::rejectChanged(departmentKind(),
                                        reader,
                                        previous,
                                        {QStringLiteral("name"), QStringLiteral("clusterId")}))
        return *error;
    QJsonObject department = previous;
    if (auto error = org::readCommonFields(call, reader, &department))
        return *error;
    reader.allow(org::presentDepartment(call.store, previous).keys());
    if (auto error = reader.finish())
        return *error;
    department = Store::stamp(department, call.who(), previous);
    if (!call.store.departments.put(department.value(QStringLiteral("id")).toString(), department))
        return storageFailure();
    return org::withWarnings(jsonResponse(200, org::presentDepartment(call.store, department)),
                             org::quotaShortfallWarnings(call.store,
                                                         department.value(QStringLiteral("id"))
                                                             .toString()));
}

Response deleteDepartment(Call &call)
{
    const QString id = call.param(QStringLiteral("departmentId"));
    for (const QJsonObject &project : call.store.projects.items()) {
        if (project.value(QStringLiteral("parentId")).toString() == id)
            return errorResponse(409,
                                 QStringLiteral("The department still has projects (for example "
                                                "'%1'); delete or move them first.")
                                     .arg(project.value(QStringLiteral("name")).toString()));
    }
    const QJsonObject department = call.store.departments.value(id);
    if (!call.store.departments.remove(id))
        return storageFailure();
    call.auditEntityName = department.value(QStringLiteral("name")).toString();
    Response response;
    response.status = 204;
    return response;
}

Response putDepartmentResources(Call &call)
{
    return org::putResources(call, departmentKind());
}

} // namespace gpudesk::core::handlers
