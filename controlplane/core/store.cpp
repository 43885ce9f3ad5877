#include "store.h"

#include "rbac/predefinedroles.h"

#include <QDateTime>

namespace gpudesk::core {

using rbac::Scope;
using rbac::ScopeType;

Store::Store(storage::Database *database)
    : meta(database, QStringLiteral("meta"))
    , users(database, QStringLiteral("user"))
    , serviceAccounts(database, QStringLiteral("service-account"))
    , refreshTokens(database, QStringLiteral("refresh-token"))
    , clusters(database, QStringLiteral("cluster"))
    , departments(database, QStringLiteral("department"))
    , projects(database, QStringLiteral("project"))
    , nodePools(database, QStringLiteral("nodepool"))
    , nodes(database, QStringLiteral("node"))
    , workloads(database, QStringLiteral("workload"))
    , pods(database, QStringLiteral("pod"))
    , events(database, QStringLiteral("event"))
    , history(database, QStringLiteral("history"))
    , metrics(database, QStringLiteral("metric"))
    , clusterMetrics(database, QStringLiteral("cluster-metric"))
    , roles(database, QStringLiteral("role"))
    , accessRules(database, QStringLiteral("access-rule"))
    , settings(database, QStringLiteral("setting"))
    , audit(database, QStringLiteral("audit"))
    , submissions(database, QStringLiteral("submission"))
    , m_database(database)
{
    workloads.setObserver([this](const QJsonObject *before, const QJsonObject *after) {
        workloadChanged(before, after);
    });
    nodePools.setObserver([this](const QJsonObject *before, const QJsonObject *after) {
        for (const char *key : {"id", "name", "clusterId"}) {
            if (!before || !after
                || before->value(QLatin1String(key)) != after->value(QLatin1String(key))) {
                ++m_nodePoolNamesGeneration;
                return;
            }
        }
    });
}

void Store::workloadChanged(const QJsonObject *before, const QJsonObject *after)
{
    for (const QString &projectId : m_workloadUsage.update(before, after)) {
        presentedProjects.invalidate(projectId);
        if (const QJsonObject *project = projects.find(projectId))
            presentedDepartments.invalidate(project->value(QStringLiteral("parentId")).toString());
    }
}

void Store::load()
{
    for (storage::Collection *collection :
         {&meta,        &users,       &serviceAccounts, &refreshTokens, &clusters,
          &departments, &projects,    &nodePools,       &nodes,         &workloads,
          &pods,        &events,      &history,         &metrics,       &clusterMetrics,
          &roles,       &accessRules, &settings,        &audit,         &submissions})
        collection->load();
    m_workloadUsage.rebuild(workloads);
    ++m_nodePoolNamesGeneration;
}

QString Store::tenantName() const
{
    const QString name
        = meta.value(QStringLiteral("tenant")).value(QStringLiteral("name")).toString();
    return name.isEmpty() ? QStringLiteral("gpudesk") : name;
}

qint64 Store::nextNumber(const QString &counter)
{
    const QString key = QStringLiteral("counter:") + counter;
    const qint64 next = qint64(meta.value(key).value(QStringLiteral("value")).toDouble()) + 1;
    meta.put(key, QJsonObject {{QStringLiteral("value"), double(next)}});
    return next;
}

QString Store::now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QJsonObject Store::stamp(QJsonObject object, const QString &by, const QJsonObject &previous)
{
    const QString timestamp = now();
    if (previous.isEmpty()) {
        object.insert(QStringLiteral("createdAt"), timestamp);
        object.insert(QStringLiteral("createdBy"), by);
    } else {
        object.insert(QStringLiteral("createdAt"), previous.value(QStringLiteral("createdAt")));
        object.insert(QStringLiteral("createdBy"), previous.value(QStringLiteral("createdBy")));
    }
    object.insert(QStringLiteral("updatedAt"), timestamp);
    object.insert(QStringLiteral("updatedBy"), by);
    const qint64 version = previous.value(QStringLiteral("resourceVersion")).toString().toLongLong()
                           + 1;
    object.insert(QStringLiteral("resourceVersion"), QString::number(version));
    return object;
}

QList<rbac::Role> Store::allRoles() const
{
    QList<rbac::Role> out = rbac::predefinedRoles();
    for (const QJsonObject &object : roles.values())
        out.append(rbac::Role::fromJson(object));
    return out;
}

std::optional<rbac::Role> Store::findRole(int id) const
{
    for (const rbac::Role &role : rbac::predefinedRoles()) {
        if (role.id == id)
            return role;
    }
    const QString key = QString::number(id);
    if (roles.contains(key))
        return rbac::Role::fromJson(roles.value(key));
    return std::nullopt;
}

quint64 Store::orgGeneration() const
{
    return clusters.generation() * 1000003ULL + departments.generation() * 1009ULL
           + projects.generation();
}

const rbac::OrgTree &Store::orgTree()
{
    if (m_treeGeneration != orgGeneration()) {
        rbac::OrgTree tree;
        tree.addTenant(tenantId(), tenantName());
        for (const QJsonObject &cluster : clusters.items())
            tree.addCluster(cluster.value(QStringLiteral("uuid")).toString(),
                            cluster.value(QStringLiteral("name")).toString(),
                            tenantId());
        for (const QJsonObject &department : departments.items())
            tree.addDepartment(department.value(QStringLiteral("id")).toString(),
                               department.value(QStringLiteral("name")).toString(),
                               department.value(QStringLiteral("clusterId")).toString());
        for (const QJsonObject &project : projects.items())
            tree.addProject(project.value(QStringLiteral("id")).toString(),
                            project.value(QStringLiteral("name")).toString(),
                            project.value(QStringLiteral("parentId")).toString());
        m_tree = std::move(tree);
        m_treeGeneration = orgGeneration();
    }
    return m_tree;
}

const rbac::Authorizer &Store::authorizer()
{
    const quint64 generation = orgGeneration() * 31ULL + accessRules.generation() * 7ULL
                               + roles.generation();
    if (!m_authorizer || m_authorizerGeneration != generation) {
        QList<rbac::AccessRule> rules;
        for (const QJsonObject &object : accessRules.items())
            rules.append(rbac::AccessRule::fromJson(object));
        m_authorizer = std::make_unique<rbac::Authorizer>(allRoles(), rules, orgTree());
        m_authorizerGeneration = generation;
    }
    return *m_authorizer;
}

std::optional<Scope> Store::projectScope(const QString &projectId) const
{
    if (!projects.contains(projectId))
        return std::nullopt;
    return Scope {ScopeType::Project, projectId};
}

std::optional<Scope> Store::departmentScope(const QString &departmentId) const
{
    if (!departments.contains(departmentId))
        return std::nullopt;
    return Scope {ScopeType::Department, departmentId};
}

std::optional<Scope> Store::clusterScope(const QString &clusterId) const
{
    if (!clusters.contains(clusterId))
        return std::nullopt;
    return Scope {ScopeType::Cluster, clusterId};
}

QJsonObject Store::findByName(const storage::Collection &collection,
                              const QString &name,
                              const QString &clusterId) const
{
    for (const QJsonObject &object : collection.items()) {
        if (object.value(QStringLiteral("name")).toString() == name
            && (clusterId.isEmpty()
                || object.value(QStringLiteral("clusterId")).toString() == clusterId))
            return object;
    }
    return QJsonObject();
}

QJsonObject Store::findUserByEmail(const QString &email) const
{
    for (const QJsonObject &object : users.items()) {
        if (object.value(QStringLiteral("username")).toString().compare(email, Qt::CaseInsensitive)
            == 0)
            return object;
    }
    return QJsonObject();
}

} // namespace gpudesk::core
