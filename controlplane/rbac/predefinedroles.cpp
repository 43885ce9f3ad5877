#include "predefinedroles.h"

namespace gpudesk::rbac {

namespace {

const QSet<QString> crud {QStringLiteral("create"),
                          QStringLiteral("read"),
                          QStringLiteral("update"),
                          QStringLiteral("delete")};
const QSet<QString> readOnly {QStringLiteral("read")};
const QSet<QString> readUpdate {QStringLiteral("read"), QStringLiteral("update")};

QStringList allTypes()
{
    QStringList names;
    for (const ResourceTypeInfo &info : resourceTypes())
        names.append(info.resourceType);
    return names;
}

Role makeRole(int id,
              const QString &name,
              const QString &description,
              const QList<QPair<QStringList, QSet<QString>>> &grants)
{
    Role role;
    role.id = id;
    role.name = name;
    role.description = description;
    for (const auto &grant : grants) {
        for (const QString &type : grant.first)
            role.permissions[type].unite(grant.second);
    }
    return role;
}

QStringList list(std::initializer_list<const char *> names)
{
    QStringList out;
    for (const char *name : names)
        out.append(QString::fromLatin1(name));
    return out;
}

QList<Role> buildRoles()
{
    const QStringList workloadTypes = list({"workloads", "trainings", "workspaces", "inferences"});
    const QStringList physicalView = list({"cluster", "nodepools", "nodes"});
    QList<Role> roles;
    roles.append(makeRole(1,
                          QStringLiteral("System Administrator"),
                          QStringLiteral("Manages everything in every scope."),
                          {{allTypes(), crud}}));
    roles.append(
        makeRole(2,
                 QStringLiteral("Application Administrator"),
                 QStringLiteral(
                     "Manages the whole tenant: organisation, clusters, users, roles, access "
                     "rules, settings and workloads."),
                 {{allTypes(), crud}}));
    roles.append(
        makeRole(3,
                 QStringLiteral("Department Administrator"),
                 QStringLiteral(
                     "Edits its departments (cannot create them), manages their projects and "
                     "workloads and assigns roles within them."),
                 {{list({"department"}), readUpdate},
                  {list({"project", "access_rules"}) + workloadTypes, crud},
                  {list({"users", "service-account", "roles", "dashboards-overview"}) + physicalView,
                   readOnly}}));
    roles.append(
        makeRole(4,
                 QStringLiteral("NVIDIA Cloud Operator"),
                 QStringLiteral(
                     "Manages settings, SSO, clusters and node pools; views nodes, users, access "
                     "rules and event history; cannot create users, assign roles or see customer "
                     "data."),
                 {{list({"settings", "security-settings", "cluster", "cluster-config", "nodepools"}),
                   crud},
                  {list({"tenant", "nodes", "users", "access_rules", "roles", "events-history"}),
                   readOnly}}));
    roles.append(makeRole(5,
                          QStringLiteral("NVIDIA Cloud Support"),
                          QStringLiteral("Views everything and changes nothing."),
                          {{allTypes(), readOnly}}));
    roles.append(
        makeRole(6,
                 QStringLiteral("L1 Researcher"),
                 QStringLiteral("Submits and manages workloads of every type in its projects."),
                 {{workloadTypes, crud},
                  {list({"project", "department", "dashboards-overview"}) + physicalView,
                   readOnly}}));
    roles.append(
        makeRole(7,
                 QStringLiteral("L2 Researcher"),
                 QStringLiteral("Submits and manages trainings and workspaces in its projects."),
                 {{list({"workloads", "trainings", "workspaces"}), crud},
                  {list({"project"}) + physicalView, readOnly}}));
    roles.append(
        makeRole(8,
                 QStringLiteral("Research Manager"),
                 QStringLiteral("Manages projects and views their workloads."),
                 {{list({"project"}), crud},
                  {list({"department", "dashboards-overview"}) + workloadTypes + physicalView,
                   readOnly}}));
    roles.append(makeRole(9,
                          QStringLiteral("ML Engineer"),
                          QStringLiteral(
                              "Deploys and manages inference workloads; views the organisation and "
                              "physical resources."),
                          {{list({"inferences"}), crud},
                           {list({"workloads", "project", "department", "dashboards-overview"})
                                + physicalView,
                            readOnly}}));
    roles.append(
        makeRole(10,
                 QStringLiteral("Editor"),
                 QStringLiteral(
                     "Manages departments and projects; views the other screens and dashboards."),
                 {{list({"department", "project"}), crud},
                  {list({"dashboards-overview", "users", "access_rules", "roles"}) + workloadTypes
                       + physicalView,
                   readOnly}}));
    roles.append(makeRole(11,
                          QStringLiteral("Viewer"),
                          QStringLiteral("Views everything in its scope."),
                          {{list({"department", "project", "dashboards-overview"}) + workloadTypes
                                + physicalView,
                            readOnly}}));
    return roles;
}

} // namespace

const QList<ResourceTypeInfo> &resourceTypes()
{
    static const QList<ResourceTypeInfo> types = [] {
        auto info = [](const char *type, const char *display, const char *group) {
            return ResourceTypeInfo {QString::fromLatin1(type),
                                     QString::fromLatin1(display),
                                     QString::fromLatin1(group)};
        };
        return QList<ResourceTypeInfo> {
            info("tenant", "Tenant", "organization"),
            info("department", "Departments", "organization"),
            info("project", "Projects", "organization"),
            info("cluster", "Clusters", "physical-resource"),
            info("cluster-config", "Cluster configuration", "physical-resource"),
            info("nodepools", "Node pools", "physical-resource"),
            info("nodes", "Nodes", "physical-resource"),
            info("users", "Users", "iam"),
            info("service-account", "Service accounts", "iam"),
            info("roles", "Roles", "iam"),
            info("access_rules", "Access rules", "iam"),
            info("settings", "General settings", "iam"),
            info("security-settings", "Security settings", "iam"),
            info("events-history", "Event history", "iam"),
            info("dashboards-overview", "Overview dashboard", "dashboard"),
            info("workloads", "Workloads", "workload"),
            info("trainings", "Trainings", "workload"),
            info("workspaces", "Workspaces", "workload"),
            info("inferences", "Inferences", "workload"),
        };
    }();
    return types;
}

ResourceTypeInfo resourceTypeInfo(const QString &resourceType)
{
    for (const ResourceTypeInfo &info : resourceTypes()) {
        if (info.resourceType == resourceType)
            return info;
    }
    return ResourceTypeInfo {resourceType, resourceType, QStringLiteral("organization")};
}

const QList<Role> &predefinedRoles()
{
    static const QList<Role> roles = buildRoles();
    return roles;
}

int predefinedRoleId(const QString &name)
{
    for (const Role &role : predefinedRoles()) {
        if (role.name.compare(name, Qt::CaseInsensitive) == 0)
            return role.id;
    }
    return 0;
}

} // namespace gpudesk::rbac
