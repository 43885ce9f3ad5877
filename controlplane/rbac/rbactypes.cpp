#include "rbactypes.h"

#include "predefinedroles.h"

#include <algorithm>

namespace gpudesk::rbac {

QString scopeTypeName(ScopeType type)
{
    switch (type) {
    case ScopeType::System:
        return QStringLiteral("system");
    case ScopeType::Tenant:
        return QStringLiteral("tenant");
    case ScopeType::Cluster:
        return QStringLiteral("cluster");
    case ScopeType::Department:
        return QStringLiteral("department");
    case ScopeType::Project:
        return QStringLiteral("project");
    }
    return QString();
}

std::optional<ScopeType> scopeTypeFromName(const QString &name)
{
    for (ScopeType type : {ScopeType::System,
                           ScopeType::Tenant,
                           ScopeType::Cluster,
                           ScopeType::Department,
                           ScopeType::Project}) {
        if (scopeTypeName(type) == name)
            return type;
    }
    return std::nullopt;
}

static const QStringList actionOrder {QStringLiteral("create"),
                                      QStringLiteral("read"),
                                      QStringLiteral("update"),
                                      QStringLiteral("delete")};

static QJsonArray permissionArray(const QHash<QString, QSet<QString>> &permissions)
{
    QJsonArray out;
    for (const ResourceTypeInfo &info : resourceTypes()) {
        const QSet<QString> actions = permissions.value(info.resourceType);
        if (actions.isEmpty())
            continue;
        QJsonArray list;
        for (const QString &action : actionOrder) {
            if (actions.contains(action))
                list.append(action);
        }
        out.append(QJsonObject {{QStringLiteral("resourceType"), info.resourceType},
                                {QStringLiteral("displayName"), info.displayName},
                                {QStringLiteral("groupId"), info.groupId},
                                {QStringLiteral("actions"), list}});
    }
    return out;
}

QJsonObject Role::toJson() const
{
    return QJsonObject {{QStringLiteral("id"), id},
                        {QStringLiteral("name"), name},
                        {QStringLiteral("description"), description},
                        {QStringLiteral("custom"), custom},
                        {QStringLiteral("enabled"), true},
                        {QStringLiteral("effectiveEnabled"), true},
                        {QStringLiteral("permissions"), permissionArray(permissions)}};
}

Role Role::fromJson(const QJsonObject &object)
{
    Role role;
    role.id = object.value(QStringLiteral("id")).toInt();
    role.name = object.value(QStringLiteral("name")).toString();
    role.description = object.value(QStringLiteral("description")).toString();
    role.custom = object.value(QStringLiteral("custom")).toBool();
    for (const QJsonValue &value : object.value(QStringLiteral("permissions")).toArray()) {
        const QJsonObject permission = value.toObject();
        QSet<QString> &actions
            = role.permissions[permission.value(QStringLiteral("resourceType")).toString()];
        for (const QJsonValue &action : permission.value(QStringLiteral("actions")).toArray())
            actions.insert(action.toString());
    }
    return role;
}

AccessRule AccessRule::fromJson(const QJsonObject &object)
{
    AccessRule rule;
    rule.id = object.value(QStringLiteral("id")).toInt();
    rule.subjectType = object.value(QStringLiteral("subjectType")).toString();
    rule.subjectId = object.value(QStringLiteral("subjectId")).toString();
    rule.roleId = object.value(QStringLiteral("roleId")).toInt();
    rule.scopeType = scopeTypeFromName(object.value(QStringLiteral("scopeType")).toString())
                         .value_or(ScopeType::Tenant);
    rule.scopeId = object.value(QStringLiteral("scopeId")).toString();
    rule.clusterId = object.value(QStringLiteral("clusterId")).toString();
    return rule;
}

OrgTree::OrgTree()
{
    m_name.insert(Scope {ScopeType::System, QString()}.key(), QStringLiteral("system"));
}

void OrgTree::add(const Scope &scope, const Scope &parent, const QString &name)
{
    m_parent.insert(scope.key(), parent);
    m_name.insert(scope.key(), name);
    m_children[parent.key()].append(scope);
}

void OrgTree::addTenant(const QString &tenantId, const QString &name)
{
    add(Scope {ScopeType::Tenant, tenantId}, Scope {ScopeType::System, QString()}, name);
}
void OrgTree::addCluster(const QString &clusterId, const QString &name, const QString &tenantId)
{
    add(Scope {ScopeType::Cluster, clusterId}, Scope {ScopeType::Tenant, tenantId}, name);
}
void OrgTree::addDepartment(const QString &departmentId,
                            const QString &name,
                            const QString &clusterId)
{
    add(Scope {ScopeType::Department, departmentId}, Scope {ScopeType::Cluster, clusterId}, name);
}
void OrgTree::addProject(const QString &projectId, const QString &name, const QString &departmentId)
{
    add(Scope {ScopeType::Project, projectId}, Scope {ScopeType::Department, departmentId}, name);
}

bool OrgTree::contains(const Scope &scope) const
{
    return scope.type == ScopeType::System || m_parent.contains(scope.key());
}

std::optional<Scope> OrgTree::parent(const Scope &scope) const
{
    const auto it = m_parent.constFind(scope.key());
    if (it == m_parent.constEnd())
        return std::nullopt;
    return *it;
}

QString OrgTree::name(const Scope &scope) const
{
    return m_name.value(scope.key());
}

bool OrgTree::covers(const Scope &ancestor, const Scope &target) const
{
    if (ancestor.type == ScopeType::System)
        return true;
    std::optional<Scope> current = target;
    for (int depth = 0; current && depth < 8; ++depth) {
        if (*current == ancestor)
            return true;
        current = parent(*current);
    }
    return false;
}

QList<Scope> OrgTree::descendants(const Scope &scope) const
{
    QList<Scope> out;
    QList<Scope> pending = m_children.value(scope.key());
    while (!pending.isEmpty()) {
        const Scope next = pending.takeFirst();
        out.append(next);
        pending.append(m_children.value(next.key()));
    }
    return out;
}

QString OrgTree::path(const Scope &scope) const
{
    QStringList names;
    std::optional<Scope> current = scope;
    while (current && current->type != ScopeType::System) {
        names.prepend(name(*current));
        current = parent(*current);
    }
    return names.join(QLatin1Char('/'));
}

QJsonObject PermittedScopes::toJson() const
{
    return QJsonObject {{QStringLiteral("system"), system},
                        {QStringLiteral("tenant"), tenant},
                        {QStringLiteral("tenants"), QJsonArray::fromStringList(tenants)},
                        {QStringLiteral("clusters"), QJsonArray::fromStringList(clusters)},
                        {QStringLiteral("departments"), QJsonArray::fromStringList(departments)},
                        {QStringLiteral("projects"), QJsonArray::fromStringList(projects)}};
}

Authorizer::Authorizer(QList<Role> roles, QList<AccessRule> rules, OrgTree tree)
    : m_rules(std::move(rules))
    , m_tree(std::move(tree))
{
    for (Role &role : roles)
        m_roles.insert(role.id, std::move(role));
}

const Role *Authorizer::role(int id) const
{
    const auto it = m_roles.constFind(id);
    return it == m_roles.constEnd() ? nullptr : &*it;
}

bool Authorizer::matchesSubject(const AccessRule &rule, const Subject &subject) const
{
    if (rule.subjectType == QLatin1String("group"))
        return subject.groups.contains(rule.subjectId);
    const bool serviceAccount = subject.type == QLatin1String("service-account");
    if (serviceAccount
        != (rule.subjectType == QLatin1String("service-account")
            || rule.subjectType == QLatin1String("app")))
        return false;
    return rule.subjectId == subject.id
           || (!subject.name.isEmpty() && rule.subjectId == subject.name);
}

QList<AccessRule> Authorizer::rulesFor(const Subject &subject) const
{
    QList<AccessRule> out;
    for (const AccessRule &rule : m_rules) {
        if (matchesSubject(rule, subject))
            out.append(rule);
    }
    return out;
}

bool Authorizer::allowed(const Subject &subject,
                         const QString &resourceType,
                         const QString &action,
                         const Scope &target) const
{
    for (const AccessRule &rule : m_rules) {
        if (!matchesSubject(rule, subject))
            continue;
        const Role *granted = role(rule.roleId);
        if (granted && granted->allows(resourceType, action) && m_tree.covers(rule.scope(), target))
            return true;
    }
    return false;
}

bool Authorizer::allowedAnywhere(const Subject &subject,
                                 const QString &resourceType,
                                 const QString &action) const
{
    for (const AccessRule &rule : m_rules) {
        const Role *granted = role(rule.roleId);
        if (granted && granted->allows(resourceType, action) && matchesSubject(rule, subject))
            return true;
    }
    return false;
}

PermittedScopes Authorizer::permittedScopes(const Subject &subject,
                                            const QString &resourceType,
                                            const QString &action) const
{
    PermittedScopes out;
    auto addScope = [&out](const Scope &scope) {
        QStringList *list = nullptr;
        switch (scope.type) {
        case ScopeType::System:
            out.system = true;
            return;
        case ScopeType::Tenant:
            out.tenant = true;
            list = &out.tenants;
            break;
        case ScopeType::Cluster:
            list = &out.clusters;
            break;
        case ScopeType::Department:
            list = &out.departments;
            break;
        case ScopeType::Project:
            list = &out.projects;
            break;
        }
        if (!list->contains(scope.id))
            list->append(scope.id);
    };
    for (const AccessRule &rule : m_rules) {
        const Role *granted = role(rule.roleId);
        if (!granted || !granted->allows(resourceType, action) || !matchesSubject(rule, subject))
            continue;
        addScope(rule.scope());
        const QList<Scope> below = rule.scopeType == ScopeType::System
                                       ? m_tree.descendants(Scope {ScopeType::System, QString()})
                                       : m_tree.descendants(rule.scope());
        for (const Scope &scope : below)
            addScope(scope);
    }
    return out;
}

QJsonArray Authorizer::permissions(const Subject &subject) const
{
    QHash<QString, QSet<QString>> merged;
    for (const AccessRule &rule : rulesFor(subject)) {
        if (const Role *granted = role(rule.roleId)) {
            for (auto it = granted->permissions.constBegin(); it != granted->permissions.constEnd();
                 ++it)
                merged[it.key()].unite(it.value());
        }
    }
    return permissionArray(merged);
}

} // namespace gpudesk::rbac
