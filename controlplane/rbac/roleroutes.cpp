// /api/v1/authorization/roles: predefined roles (read-only) and custom roles built from permission sets.
#include "core/apihelpers.h"
#include "core/controlplane.h"
#include "core/handlers.h"
#include "predefinedroles.h"

#include <QJsonArray>

namespace gpudesk::core::handlers {

namespace {

std::optional<Response> readPermissions(const QJsonArray &list, QHash<QString, QSet<QString>> *out)
{
    static const QSet<QString> actions {QStringLiteral("create"),
                                        QStringLiteral("read"),
                                        QStringLiteral("update"),
                                        QStringLiteral("delete")};
    QSet<QString> known;
    for (const rbac::ResourceTypeInfo &info : rbac::resourceTypes())
        known.insert(info.resourceType);
    for (const QJsonValue &value : list) {
        if (!value.isObject())
            return errorResponse(400,
                                 QStringLiteral(
                                     "Each permission must be an object {resourceType, actions}."));
        const QJsonObject permission = value.toObject();
        const QString type = permission.value(QStringLiteral("resourceType")).toString();
        if (!known.contains(type))
            return errorResponse(400,
                                 QStringLiteral(
                                     "'%1' is not a resource type this control plane knows.")
                                     .arg(type));
        if (!permission.value(QStringLiteral("actions")).isArray())
            return errorResponse(400,
                                 QStringLiteral("The permission for '%1' needs a list of actions.")
                                     .arg(type));
        for (const QJsonValue &action : permission.value(QStringLiteral("actions")).toArray()) {
            if (!actions.contains(action.toString()))
                return errorResponse(
                    400,
                    QStringLiteral("'%1' is not an action; use create, read, update or delete.")
                        .arg(action.toString()));
            (*out)[type].insert(action.toString());
        }
    }
    if (out->isEmpty())
        return errorResponse(400, QStringLiteral("A role needs at least one permission."));
    return std::nullopt;
}

std::optional<Response> parseRole(Call &call, rbac::Role *role)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return body.error;
    http::FieldReader reader(body.object);
    role->name = reader.requiredString(QStringLiteral("name")).trimmed();
    role->description = reader.optionalString(QStringLiteral("description"));
    const QJsonArray permissions = reader.requiredArray(QStringLiteral("permissions"));
    reader.allow({QStringLiteral("id"),
                  QStringLiteral("custom"),
                  QStringLiteral("enabled"),
                  QStringLiteral("effectiveEnabled"),
                  QStringLiteral("createdAt"),
                  QStringLiteral("updatedAt"),
                  QStringLiteral("createdBy"),
                  QStringLiteral("resourceVersion")});
    if (auto error = reader.finish())
        return error;
    return readPermissions(permissions, &role->permissions);
}

QJsonObject roleJson(const rbac::Role &role, const QJsonObject &stored)
{
    QJsonObject json = role.toJson();
    for (const char *key : {"createdAt", "createdBy", "updatedAt", "updatedBy", "resourceVersion"}) {
        if (stored.contains(QLatin1String(key)))
            json.insert(QLatin1String(key), stored.value(QLatin1String(key)));
    }
    json.insert(QStringLiteral("deletedAt"), QJsonValue::Null);
    return json;
}

bool nameTaken(Call &call, const QString &name, int exceptId)
{
    for (const rbac::Role &role : call.store.allRoles()) {
        if (role.id != exceptId && role.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

Response listRoles(Call &call)
{
    QJsonArray out;
    for (const rbac::Role &role : call.store.allRoles())
        out.append(roleJson(role, call.store.roles.value(QString::number(role.id))));
    return jsonResponse(200, out);
}

Response getRole(Call &call)
{
    const auto role = call.store.findRole(call.param(QStringLiteral("roleId")).toInt());
    if (!role)
        return errorResponse(404,
                             QStringLiteral("There is no role with id '%1'.")
                                 .arg(call.param(QStringLiteral("roleId"))));
    return jsonResponse(200, roleJson(*role, call.store.roles.value(QString::number(role->id))));
}

Response createRole(Call &call)
{
    rbac::Role role;
    if (auto error = parseRole(call, &role))
        return *error;
    if (nameTaken(call, role.name, 0))
        return errorResponse(409,
                             QStringLiteral("A role named '%1' already exists.").arg(role.name));
    role.custom = true;
    role.id = int(std::max<qint64>(rbac::firstCustomRoleId,
                                   call.store.nextNumber(QStringLiteral("role"))
                                       + rbac::firstCustomRoleId - 1));
    const QJsonObject stored = Store::stamp(role.toJson(), call.who());
    if (!call.store.roles.put(QString::number(role.id), stored))
        return storageFailure();
    return jsonResponse(201, roleJson(role, stored));
}

Response updateRole(Call &call)
{
    const int id = call.param(QStringLiteral("roleId")).toInt();
    const QJsonObject previous = call.store.roles.value(QString::number(id));
    if (previous.isEmpty()) {
        if (call.store.findRole(id))
            return errorResponse(
                400,
                QStringLiteral(
                    "Predefined roles cannot be changed; create a custom role instead."));
        return errorResponse(404, QStringLiteral("There is no role with id '%1'.").arg(id));
    }
    if (auto conflict = checkIfMatch(call.request, previous))
        return *conflict;
    rbac::Role role;
    if (auto error = parseRole(call, &role))
        return *error;
    if (nameTaken(call, role.name, id))
        return errorResponse(409,
                             QStringLiteral("A role named '%1' already exists.").arg(role.name));
    role.id = id;
    role.custom = true;
    const QJsonObject stored = Store::stamp(role.toJson(), call.who(), previous);
    if (!call.store.roles.put(QString::number(id), stored))
        return storageFailure();
    return jsonResponse(200, roleJson(role, stored));
}

Response deleteRole(Call &call)
{
    const int id = call.param(QStringLiteral("roleId")).toInt();
    const QJsonObject previous = call.store.roles.value(QString::number(id));
    if (previous.isEmpty()) {
        if (call.store.findRole(id))
            return errorResponse(400, QStringLiteral("Predefined roles cannot be deleted."));
        return errorResponse(404, QStringLiteral("There is no role with id '%1'.").arg(id));
    }
    int uses = 0;
    for (const QJsonObject &rule : call.store.accessRules.items())
        uses += rule.value(QStringLiteral("roleId")).toInt() == id ? 1 : 0;
    if (uses > 0)
        return errorResponse(409,
                             QStringLiteral(
                                 "The role is used by %1 access rule(s); delete them first.")
                                 .arg(uses));
    if (!call.store.roles.remove(QString::number(id)))
        return storageFailure();
    call.auditEntityName = previous.value(QStringLiteral("name")).toString();
    Response response;
    response.status = 204;
    return response;
}

} // namespace gpudesk::core::handlers
