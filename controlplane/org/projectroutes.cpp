// /api/v1/org-unit/projects: projects in a department, namespace runai-<name>, per-node-pool quota.
#include "core/controlplane.h"
#include "core/handlers.h"
#include "orgmodel.h"
#include "orgunitroutes.h"

namespace gpudesk::core::handlers {

using org::projectKind;

namespace {

// Project-only fields on top of org::readCommonFields.
std::optional<Response> readCommon(Call &call, http::FieldReader &reader, QJsonObject *project)
{
    if (reader.has(QStringLiteral("enforceRunaiScheduler")))
        project->insert(QStringLiteral("enforceRunaiScheduler"),
                        reader.optionalBool(QStringLiteral("enforceRunaiScheduler")).value_or(true));
    return org::readCommonFields(call, reader, project);
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
    return org::listOrCount(call, projectKind(), false);
}

Response countProjects(Call &call)
{
    return org::listOrCount(call, projectKind(), true);
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
    return org::getOne(call, projectKind());
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
    if (auto error = org::rejectChanged(projectKind(),
                                        reader,
                                        previous,
                                        {QStringLiteral("name"),
                                         QStringLiteral("clusterId"),
                                         QStringLiteral("parentId"),
                                         QStringLiteral("requestedNamespace")}))
        return *error;
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
    return org::putResources(call, projectKind());
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
