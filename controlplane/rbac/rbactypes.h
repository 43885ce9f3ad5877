#pragma once
// Value types of role-based access control: roles with permission sets, access rules, and the org tree
// of scopes (system > tenant > cluster > department > project). Plain structs so the simulated clusters
// can build them from what they pulled. Keep this header stable.

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace gpudesk::rbac {

enum class ScopeType { System, Tenant, Cluster, Department, Project };
QString scopeTypeName(ScopeType type);
std::optional<ScopeType> scopeTypeFromName(const QString &name);

struct Scope
{
    ScopeType type = ScopeType::System;
    QString id; // empty for system
    QString key() const { return scopeTypeName(type) + QLatin1Char(':') + id; }
    bool operator==(const Scope &other) const { return type == other.type && id == other.id; }
};

// A role: resourceType -> allowed actions ("create", "read", "update", "delete").
struct Role
{
    int id = 0;
    QString name;
    QString description;
    bool custom = false;
    QHash<QString, QSet<QString>> permissions;

    bool allows(const QString &resourceType, const QString &action) const
    {
        return permissions.value(resourceType).contains(action);
    }
    // RoleV1 shape (permissions[{resourceType, displayName, groupId, actions[]}]).
    QJsonObject toJson() const;
    static Role fromJson(const QJsonObject &object);
};

struct AccessRule
{
    int id = 0;
    QString subjectType; // user | service-account | group | app
    QString subjectId;   // user e-mail / service-account id / group name
    int roleId = 0;
    ScopeType scopeType = ScopeType::Tenant;
    QString scopeId;
    QString clusterId;
    Scope scope() const { return Scope {scopeType, scopeId}; }
    static AccessRule fromJson(const QJsonObject &object);
};

// Who asks. Users match rules by subjectType "user" and subjectId = e-mail or id; service accounts by
// "service-account"/"app" and id or name; groups by "group".
struct Subject
{
    QString type; // user | service-account
    QString id;
    QString name;
    QStringList groups;
};

// The scope hierarchy. Every scope except system has one parent.
class OrgTree
{
public:
    OrgTree();
    void addTenant(const QString &tenantId, const QString &name);
    void addCluster(const QString &clusterId, const QString &name, const QString &tenantId);
    void addDepartment(const QString &departmentId, const QString &name, const QString &clusterId);
    void addProject(const QString &projectId, const QString &name, const QString &departmentId);

    bool contains(const Scope &scope) const;
    std::optional<Scope> parent(const Scope &scope) const;
    QString name(const Scope &scope) const;
    // True when `ancestor` is `target` or one of its ancestors.
    bool covers(const Scope &ancestor, const Scope &target) const;
    QList<Scope> descendants(const Scope &scope) const; // not including scope itself
    // "tenant/cluster-a/department-1/project-1a" style path of names.
    QString path(const Scope &scope) const;

private:
    void add(const Scope &scope, const Scope &parent, const QString &name);
    QHash<QString, Scope> m_parent;
    QHash<QString, QString> m_name;
    QHash<QString, QList<Scope>> m_children;
};

struct PermittedScopes
{
    bool system = false;
    bool tenant = false;
    QStringList tenants, clusters, departments, projects;
    QJsonObject toJson() const;
};

// Answers "may this subject do action on resourceType in this scope?". A rule grants its role in its
// scope and every descendant scope.
class Authorizer
{
public:
    Authorizer() = default;
    Authorizer(QList<Role> roles, QList<AccessRule> rules, OrgTree tree);

    bool allowed(const Subject &subject,
                 const QString &resourceType,
                 const QString &action,
                 const Scope &target) const;
    // Allowed in at least one scope (used to decide between 403 and a filtered list).
    bool allowedAnywhere(const Subject &subject,
                         const QString &resourceType,
                         const QString &action) const;
    PermittedScopes permittedScopes(const Subject &subject,
                                    const QString &resourceType,
                                    const QString &action) const;
    // Union of the permissions of every role the subject holds anywhere (RoleV1 permission list).
    QJsonArray permissions(const Subject &subject) const;
    QList<AccessRule> rulesFor(const Subject &subject) const;
    const OrgTree &tree() const { return m_tree; }
    const Role *role(int id) const;

private:
    bool matchesSubject(const AccessRule &rule, const Subject &subject) const;
    QHash<int, Role> m_roles;
    QList<AccessRule> m_rules;
    OrgTree m_tree;
};

} // namespace gpudesk::rbac
