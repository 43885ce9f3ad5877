// /api/v1/org-unit/projects: projects in a department, namespace runai-<name>, per-node-pool quota.
#include "core/controlplane.h"
#include "core/handlers.h"
#include "orgmodel.h"

namespace gpudesk::core::handlers {

namespace {

http::ListOptions projectListOptions()
{
    http::ListOptions options;
    options.filterFields = {QStringLiteral("name"),
                            QStringLiteral("clusterId"),
                            QStringLiteral("departmentId"),
                            QStringLiteral("parentId"),
                            QStringLiteral("parentName"),
                            QStringLiteral("totalGpuQuota"),
                            QStringLiteral("createdAt"),
                            QStringLiteral("id"),
                            QStringLiteral("status.phase"),
                            QStringLiteral("phase"),
                            QStringLiteral("description"),
                            QStringLiteral("gpuAllocated")};
    options.sortFields = options.filterFields;
    options.presentedSortFields = {QStringLiteral("totalGpuQuota"), QStringLiteral("gpuAllocated")};
    options.searchFields = {QStringLiteral("name"),
                            QStringLiteral("description"),
                            QStringLiteral("parentName")};
    options.defaultSortBy = QStringLiteral("name");
    return options;
}

Response listOrCount(Call &call, bool countOnly)
{
    const auto visible = visibleByScope(call,
                                        QStringLiteral("project"),
                                        QStringLiteral("id"),
                                        rbac::ScopeType::Project);
    ListPage page;
    if (auto error = listCollection(
            call,
            call.store.projects,
            projectListOptions(),
            visible,
            &page,
            [&call](const QJsonObject &p) { return org::presentProject(call.store, p); },
            countOnly))
        return *error;
    if (countOnly)
        return jsonResponse(200, QJsonObject {{QStringLiteral("count"), page.total}});
    return pageReply(QStringLiteral("projects"), page);
}

std::optional<Response> readCommon(Call &call, http::FieldReader &reader, QJsonObject *project)
{
    if (reader.has(QStringLiteral("description")))
        project->insert(QStringLiteral("description"),
                        reader.optionalString(QStringLiteral("description")));
    if (reader.has(QStringLiteral("enforceRunaiScheduler")))
        project->insert(QStringLiteral("enforceRunaiScheduler"),
                        reader.optionalBool(QStringLiteral("enforceRunaiScheduler")).value_or(true));
    for (const char *key : {"schedulingRules", "nodeTypes"}) {
        if (reader.has(QLatin1String(key)))
            project->insert(QLatin1String(key), reader.optionalObject(QLatin1String(key)));
    }
    if (reader.has(QStringLiteral("defaultNodePools")))
        project->insert(QStringLiteral("defaultNodePools"),
                        reader.optionalArray(QStringLiteral("defaultNodePools")));
    if (reader.has(QStringLiteral("resources"))) {
        const QJsonArray input = reader.optionalArray(QStringLiteral("resources"));
        if (!reader.ok())
            return reader.error();
        QJsonArray resources;
        if (auto error
            = org::normaliseResources(call.store,
                                      project->value(QStringLiteral("clusterId")).toString(),
                                      input,
                                      &resources))
            return error;
        project->insert(QStringLiteral("resources"), resources);
    }
    return reader.ok() ? std::nullopt : reader.error();
}

QJsonObject statusFor(const QString &name_space)
{
    return QJsonObject {{QStringLiteral("namespace"), name_space},
                        {QStringLiteral("phase"), QStringLiteral("Ready")},
                        {QStringLiteral("phaseMessage"), QString()},
                        {QStringLiteral("lastUpdatedTime"), Store::now()}};
}

} // namespace

Response listProjects(Call &call)
{
    return listOrCount(call, false);
}

Response countProjects(Call &call)
{
    return listOrCount(call, true);
}

Response createProject(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QString name = reader.requiredString(QStringLiteral("name"));
    const QString parentId = reader.requiredString(QStringLiteral("parentId"));
    const QJsonObject department = call.store.departments.value(parentId);
    const QString clusterId
        = reader.optionalString(QStringLiteral("clusterId"),
                                department.value(QStringLiteral("clusterId")).toString());
    const QString requestedNamespace = reader.optionalString(QStringLiteral("requestedNamespace"));
    if (!reader.ok())
        return *reader.error();
    if (!isValidName(name))
        return errorResponse(400, invalidNameMessage(QStringLiteral("project"), name));
    if (clusterId != department.value(QStringLiteral("clusterId")).toString())
        return errorResponse(400,
                             QStringLiteral(
                                 "The department '%1' belongs to another cluster than '%2'.")
                                 .arg(department.value(QStringLiteral("name")).toString(),
                                      clusterId));
    if (!call.store.findByName(call.store.projects, name, clusterId).isEmpty())
        return errorResponse(409,
                             QStringLiteral("The cluster already has a project named '%1'.")
                                 .arg(name));
    const QString name_space = requestedNamespace.isEmpty() ? QStringLiteral("runai-") + name
                                                            : requestedNamespace;
    if (!isValidName(name_space))
        return errorResponse(400, invalidNameMessage(QStringLiteral("namespace"), name_space));
    QJsonObject project {{QStringLiteral("name"), name},
                         {QStringLiteral("clusterId"), clusterId},
                         {QStringLiteral("parentId"), parentId},
                         {QStringLiteral("tenantId"), call.store.tenantId().toInt()},
                         {QStringLiteral("description"), QString()},
                         {QStringLiteral("requestedNamespace"), name_space},
                         {QStringLiteral("enforceRunaiScheduler"), true},
                         {QStringLiteral("schedulingRules"), QJsonValue::Null},
                         {QStringLiteral("defaultNodePools"), QJsonValue::Null},
                         {QStringLiteral("nodeTypes"), QJsonValue::Null},
                         {QStringLiteral("resources"), org::defaultResources(call.store, clusterId)},
                         {QStringLiteral("status"), statusFor(name_space)}};
    if (auto error = readCommon(call, reader, &project))
        return *error;
    if (auto error = reader.finish())
        return *error;
    const QString id = call.store.nextId(QStringLiteral("org-unit"));
    project.insert(QStringLiteral("id"), id);
    project = Store::stamp(project, call.who());
    if (!call.store.projects.put(id, project))
        return storageFailure();
    return org::withWarnings(jsonResponse(201, org::presentProject(call.store, project)),
                             org::quotaShortfallWarnings(call.store, parentId));
}

Response getProject(Call &call)
{
    return jsonResponse(200,
                        org::presentProject(call.store,
                                            call.store.projects.value(
                                                call.param(QStringLiteral("projectId")))));
}

Response updateProject(Call &call)
{
    const QJsonObject previous = call.store.projects.value(call.param(QStringLiteral("projectId")));
    if (auto conflict = checkIfMatch(call.request, org::presentProject(call.store, previous)))
        return *conflict;
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    for (const char *key : {"name", "clusterId", "parentId", "requestedNamespace"}) {
        const QString given = reader.optionalString(QLatin1String(key),
                                                    previous.value(QLatin1String(key)).toString());
        if (given != previous.value(QLatin1String(key)).toString())
            return errorResponse(400,
                                 QStringLiteral("A project's %1 cannot be changed.")
                                     .arg(QLatin1String(key)));
    }
    QJsonObject project = previous;
    if (auto error = readCommon(call, reader, &project))
        return *error;
    reader.allow(org::presentProject(call.store, previous).keys());
    if (auto error = reader.finish())
        return *error;
    project = Store::stamp(project, call.who(), previous);
    if (!call.store.projects.put(project.value(QStringLiteral("id")).toString(), project))
        return storageFailure();
    return org::withWarnings(jsonResponse(200, org::presentProject(call.store, project)),
                             org::quotaShortfallWarnings(call.store,
                                                         project.value(QStringLiteral("parentId"))
                                                             .toString()));
}

Response deleteProject(Call &call)
{
    const QString id = call.param(QStringLiteral("projectId"));
    const QJsonObject project = call.store.projects.value(id);
    if (!call.store.projects.remove(id))
        return storageFailure();
    call.auditEntityName = project.value(QStringLiteral("name")).toString();
    return jsonResponse(202,
                        QJsonObject {{QStringLiteral("code"), 202},
                                     {QStringLiteral("message"),
                                      QStringLiteral("The project is being deleted.")}});
}

Response putProjectResources(Call &call)
{
    const QJsonObject previous = call.store.projects.value(call.param(QStringLiteral("projectId")));
    if (auto conflict = checkIfMatch(call.request, org::presentProject(call.store, previous)))
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
    if (call.request.method == "PATCH") {
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
    QJsonObject project = previous;
    project.insert(QStringLiteral("resources"), resources);
    project = Store::stamp(project, call.who(), previous);
    if (!call.store.projects.put(project.value(QStringLiteral("id")).toString(), project))
        return storageFailure();
    call.auditEntityName = project.value(QStringLiteral("name")).toString();
    return org::withWarnings(jsonResponse(200, resources),
                             org::quotaShortfallWarnings(call.store,
                                                         project.value(QStringLiteral("parentId"))
                                                             .toString()));
}

Response priorities(Call &)
{
    QJsonArray list;
    const QList<QPair<const char *, int>> levels {{"very-low", 25},
                                                  {"low", 40},
                                                  {"medium-low", 65},
                                                  {"medium", 80},
                                                  {"medium-high", 90},
                                                  {"high", 125},
                                                  {"very-high", 150}};
    for (const auto &level : levels)
        list.append(QJsonObject {{QStringLiteral("name"), QLatin1String(level.first)},
                                 {QStringLiteral("value"), level.second},
                                 {QStringLiteral("isDefault"), level.second == 80}});
    return jsonResponse(200, QJsonObject {{QStringLiteral("priorities"), list}});
}

} // namespace gpudesk::core::handlers
