#include "orgunitroutes.h"

#include "orgmodel.h"

namespace gpudesk::core::org {

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

QString poolName(const QJsonValue &entry)
{
    return entry.toObject()
        .value(QStringLiteral("nodePool"))
        .toObject()
        .value(QStringLiteral("name"))
        .toString();
}

// PATCH semantics: the old entries of pools `fresh` does not name, then every fresh entry.
QJsonArray mergeByPool(const QJsonArray &old, const QJsonArray &fresh)
{
    QSet<QString> replaced;
    for (const QJsonValue &entry : fresh)
        replaced.insert(poolName(entry));
    QJsonArray merged;
    for (const QJsonValue &entry : old) {
        if (!replaced.contains(poolName(entry)))
            merged.append(entry);
    }
    for (const QJsonValue &entry : fresh)
        merged.append(entry);
    return merged;
}

} // namespace

const OrgUnitKind &departmentKind()
{
    static const OrgUnitKind kind {QStringLiteral("department"),
                                   QStringLiteral("departments"),
                                   QStringLiteral("departmentId"),
                                   rbac::ScopeType::Department,
                                   &Store::departments,
                                   &Store::presentedDepartments,
                                   &presentedDepartment,
                                   &presentDepartment,
                                   departmentListOptions(),
                                   [](const QJsonObject &department) {
                                       return department.value(QStringLiteral("id")).toString();
                                   }};
    return kind;
}

const OrgUnitKind &projectKind()
{
    static const OrgUnitKind kind {QStringLiteral("project"),
                                   QStringLiteral("projects"),
                                   QStringLiteral("projectId"),
                                   rbac::ScopeType::Project,
                                   &Store::projects,
                                   &Store::presentedProjects,
                                   &presentedProject,
                                   &presentProject,
                                   projectListOptions(),
                                   [](const QJsonObject &project) {
                                       return project.value(QStringLiteral("parentId")).toString();
                                   }};
    return kind;
}

Response listOrCount(Call &call, const OrgUnitKind &kind, bool countOnly)
{
    const auto visible = visibleByScope(call, kind.singular, QStringLiteral("id"), kind.scopeType);
    ListPage page;
    if (auto error = listCollection(
            call,
            call.store.*kind.collection,
            kind.listOptions,
            visible,
            &page,
            [&](const QJsonObject &unit) { return kind.presented(call.store, unit).shown; },
            countOnly))
        return *error;
    if (countOnly)
        return jsonResponse(200, QJsonObject {{QStringLiteral("count"), page.total}});
    return pageReply(kind.plural, page, call.store.*kind.cache);
}

Response getOne(Call &call, const OrgUnitKind &kind)
{
    const storage::Collection &collection = call.store.*kind.collection;
    const PresentationCache::Entry &entry = kind.presented(call.store,
                                                           collection.value(
                                                               call.param(kind.idParam)));
    Response response;
    response.body = entry.json;
    return response;
}

std::optional<Response> readCommonFields(Call &call, http::FieldReader &reader, QJsonObject *unit)
{
    if (reader.has(QStringLiteral("description")))
        unit->insert(QStringLiteral("description"),
                     reader.optionalString(QStringLiteral("description")));
    for (const char *key : {"schedulingRules", "nodeTypes"}) {
        if (reader.has(QLatin1String(key)))
            unit->insert(QLatin1String(key), reader.optionalObject(QLatin1String(key)));
    }
    if (reader.has(QStringLiteral("defaultNodePools")))
        unit->insert(QStringLiteral("defaultNodePools"),
                     reader.optionalArray(QStringLiteral("defaultNodePools")));
    if (reader.has(QStringLiteral("resources"))) {
        const QJsonArray input = reader.optionalArray(QStringLiteral("resources"));
        if (!reader.ok())
            return reader.error();
        QJsonArray resources;
        if (auto error = normaliseResources(call.store,
                                            unit->value(QStringLiteral("clusterId")).toString(),
                                            input,
                                            &resources))
            return error;
        unit->insert(QStringLiteral("resources"), resources);
    }
    return reader.ok() ? std::nullopt : reader.error();
}

std::optional<Response> rejectChanged(const OrgUnitKind &kind,
                                      http::FieldReader &reader,
                                      const QJsonObject &previous,
                                      const QStringList &keys)
{
    for (const QString &key : keys) {
        const QString old = previous.value(key).toString();
        if (reader.optionalString(key, old) != old)
            return errorResponse(400,
                                 QStringLiteral("A %1's %2 cannot be changed.")
                                     .arg(kind.singular, key));
    }
    return std::nullopt;
}

Response putResources(Call &call, const OrgUnitKind &kind)
{
    storage::Collection &collection = call.store.*kind.collection;
    const QJsonObject previous = collection.value(call.param(kind.idParam));
    if (auto conflict = checkIfMatch(call.request, kind.present(call.store, previous)))
        return *conflict;
    const QJsonDocument document = QJsonDocument::fromJson(call.request.body);
    if (!document.isArray())
        return errorResponse(
            400,
            QStringLiteral("The body must be a JSON list of resources (one entry per node pool)."));
    QJsonArray resources;
    if (auto error = normaliseResources(call.store,
                                        previous.value(QStringLiteral("clusterId")).toString(),
                                        document.array(),
                                        &resources))
        return *error;
    if (call.request.method == "PATCH") // PATCH changes only the pools it names
        resources = mergeByPool(previous.value(QStringLiteral("resources")).toArray(), resources);
    QJsonObject unit = previous;
    unit.insert(QStringLiteral("resources"), resources);
    unit = Store::stamp(unit, call.who(), previous);
    if (!collection.put(unit.value(QStringLiteral("id")).toString(), unit))
        return storageFailure();
    call.auditEntityName = unit.value(QStringLiteral("name")).toString();
    return withWarnings(jsonResponse(200, resources),
                        quotaShortfallWarnings(call.store, kind.departmentOf(unit)));
}

} // namespace gpudesk::core::org
