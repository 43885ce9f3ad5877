// /api/v1/org-unit/departments: departments of a cluster with per-node-pool quota.
#include "core/controlplane.h"
#include "core/handlers.h"
#include "orgmodel.h"

namespace gpudesk::core::handlers {

namespace {

http::ListOptions departmentListOptions()
{
    http::ListOptions options;
    options.filterFields = {QStringLiteral("name"),
                            QStringLiteral("clusterId"),
                            QStringLiteral("totalGpuQuota"),
                            QStringLiteral("createdAt"),
                            QStringLiteral("id"),
                            QStringLiteral("description"),
                            QStringLiteral("gpuAllocated")};
    options.sortFields = options.filterFields;
    options.presentedSortFields = {QStringLiteral("totalGpuQuota"), QStringLiteral("gpuAllocated")};
    options.searchFields = {QStringLiteral("name"), QStringLiteral("description")};
    options.defaultSortBy = QStringLiteral("name");
    return options;
}

Response listOrCount(Call &call, bool countOnly)
{
    const auto visible = visibleByScope(call,
                                        QStringLiteral("department"),
                                        QStringLiteral("id"),
                                        rbac::ScopeType::Department);
    ListPage page;
    if (auto error = listCollection(
            call,
            call.store.departments,
            departmentListOptions(),
            visible,
            &page,
            [&call](const QJsonObject &d) { return org::presentDepartment(call.store, d); },
            countOnly))
        return *error;
    if (countOnly)
        return jsonResponse(200, QJsonObject {{QStringLiteral("count"), page.total}});
    return pageReply(QStringLiteral("departments"), page);
}

// Reads the optional fields shared by create and update into `department`.
std::optional<Response> readCommon(Call &call, http::FieldReader &reader, QJsonObject *department)
{
    if (reader.has(QStringLiteral("description")))
        department->insert(QStringLiteral("description"),
                           reader.optionalString(QStringLiteral("description")));
    for (const char *key : {"schedulingRules", "nodeTypes"}) {
        if (reader.has(QLatin1String(key)))
            department->insert(QLatin1String(key), reader.optionalObject(QLatin1String(key)));
    }
    if (reader.has(QStringLiteral("defaultNodePools")))
        department->insert(QStringLiteral("defaultNodePools"),
                           reader.optionalArray(QStringLiteral("defaultNodePools")));
    if (reader.has(QStringLiteral("resources"))) {
        const QJsonArray input = reader.optionalArray(QStringLiteral("resources"));
        if (!reader.ok())
            return reader.error();
        QJsonArray resources;
        if (auto error
            = org::normaliseResources(call.store,
                                      department->value(QStringLiteral("clusterId")).toString(),
                                      input,
                                      &resources))
            return error;
        department->insert(QStringLiteral("resources"), resources);
    }
    return std::nullopt;
}

} // namespace

Response listDepartments(Call &call)
{
    return listOrCount(call, false);
}

Response countDepartments(Call &call)
{
    return listOrCount(call, true);
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
    if (auto error = readCommon(call, reader, &department))
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
    return jsonResponse(200,
                        org::presentDepartment(call.store,
                                               call.store.departments.value(
                                                   call.param(QStringLiteral("departmentId")))));
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
    for (const char *key : {"name", "clusterId"}) {
        const QString given = reader.optionalString(QLatin1String(key),
                                                    previous.value(QLatin1String(key)).toString());
        if (given != previous.value(QLatin1String(key)).toString())
            return errorResponse(400,
                                 QStringLiteral("A department's %1 cannot be changed.")
                                     .arg(QLatin1String(key)));
    }
    QJsonObject department = previous;
    if (auto error = readCommon(call, reader, &department))
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
    const QJsonObject previous = call.store.departments.value(
        call.param(QStringLiteral("departmentId")));
    if (auto conflict = checkIfMatch(call.request, org::presentDepartment(call.store, previous)))
        return *conflict;
    const QJsonDocument document = QJsonDocument::fromJson(call.request.body);
    if (!document.isArray())
        return errorResponse(
            400,
            QStringLiteral("The body must be a JSON list of resources (one entry per node pool)."));
    QJsonArray resources;
    if (auto error = org::normaliseResources(call.store,
                                             previous.value(QStringLiteral("clusterId")).toString(),
                                             document.array(),
                                             &resources))
        return *error;
    QJsonObject department = previous;
    if (call.request.method == "PATCH") { // PATCH changes only the pools it names
        QJsonArray merged;
        for (const QJsonValue &old : previous.value(QStringLiteral("resources")).toArray()) {
            bool replaced = false;
            for (const QJsonValue &fresh : resources)
                replaced = replaced
                           || fresh.toObject()
                                      .value(QStringLiteral("nodePool"))
                                      .toObject()
                                      .value(QStringLiteral("name"))
                                  == old.toObject()
                                         .value(QStringLiteral("nodePool"))
                                         .toObject()
                                         .value(QStringLiteral("name"));
            if (!replaced)
                merged.append(old);
        }
        for (const QJsonValue &fresh : resources)
            merged.append(fresh);
        resources = merged;
    }
    department.insert(QStringLiteral("resources"), resources);
    department = Store::stamp(department, call.who(), previous);
    if (!call.store.departments.put(department.value(QStringLiteral("id")).toString(), department))
        return storageFailure();
    call.auditEntityName = department.value(QStringLiteral("name")).toString();
    return org::withWarnings(jsonResponse(200, resources),
                             org::quotaShortfallWarnings(call.store,
                                                         department.value(QStringLiteral("id"))
                                                             .toString()));
}

} // namespace gpudesk::core::handlers
