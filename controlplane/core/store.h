#pragma once
// The control plane's state: one in-memory Collection per resource kind, written through to the
// database, plus the derived org tree and authorizer.

#include "org/workloadusage.h"
#include "presentcache.h"
#include "rbac/rbactypes.h"
#include "storage/collection.h"

#include <QJsonObject>

#include <memory>
#include <optional>

namespace gpudesk::core {

class Store
{
public:
    explicit Store(storage::Database *database);
    Store(const Store &) = delete; // the collections' observers point at this object
    Store &operator=(const Store &) = delete;
    void load();
    storage::Database *database() const { return m_database; }

    storage::Collection meta; // counters, signing key, tenant
    storage::Collection users;
    storage::Collection serviceAccounts;
    storage::Collection refreshTokens; // keyed by SHA-256 of the token
    storage::Collection clusters;
    storage::Collection departments;
    storage::Collection projects;
    storage::Collection nodePools;
    storage::Collection nodes;
    storage::Collection workloads;
    storage::Collection pods;
    storage::Collection events;
    storage::Collection history;
    storage::Collection metrics; // latest metric samples per node / workload
    storage::Collection
        clusterMetrics;        // bounded history of cluster / node-pool samples (clustermetrics.h)
    storage::Collection roles; // custom roles only; predefined ones live in code
    storage::Collection accessRules;
    storage::Collection settings;
    storage::Collection audit;
    storage::Collection submissions;

    QString tenantId() const { return QStringLiteral("1"); }
    QString tenantName() const;
    // Persistent counters for numeric ids ("project" -> "1", "2", ...).
    qint64 nextNumber(const QString &counter);
    QString nextId(const QString &counter) { return QString::number(nextNumber(counter)); }

    // Sets createdAt/By on first write, updatedAt/By always, and increments resourceVersion.
    static QJsonObject stamp(QJsonObject object,
                             const QString &by,
                             const QJsonObject &previous = QJsonObject());
    static QString now();

    QList<rbac::Role> allRoles() const;
    std::optional<rbac::Role> findRole(int id) const;
    const rbac::OrgTree &orgTree();
    const rbac::Authorizer &authorizer();

    // Scope of an org object, or nullopt when unknown.
    std::optional<rbac::Scope> projectScope(const QString &projectId) const;
    std::optional<rbac::Scope> departmentScope(const QString &departmentId) const;
    std::optional<rbac::Scope> clusterScope(const QString &clusterId) const;
    rbac::Scope tenantScope() const { return rbac::Scope {rbac::ScopeType::Tenant, tenantId()}; }

    // Finds an object by "name" in a collection (optionally within a cluster).
    QJsonObject findByName(const storage::Collection &collection,
                           const QString &name,
                           const QString &clusterId = QString()) const;
    // Finds a user by e-mail (case-insensitive).
    QJsonObject findUserByEmail(const QString &email) const;

    // Presented projects and departments with their JSON (org/orgmodel.h presentedProject()).
    // A workload write drops only the entries of the project (and its department) whose quota usage
    // it changed; edits of the org tree or of node pool names drop them all.
    PresentationCache presentedProjects;
    PresentationCache presentedDepartments;
    // Quota usage of the synced workloads per project and node pool, kept current on every write.
    const org::WorkloadUsageIndex &workloadUsage() const { return m_workloadUsage; }
    // Changes when a node pool is added or removed or its id, name or cluster changes (not its
    // synced status), which is all a presented project or department reads of node pools.
    quint64 nodePoolNamesGeneration() const { return m_nodePoolNamesGeneration; }

    // Time (ms since epoch) of the newest cluster-metrics sample per cluster; memory only.
    QHash<QString, qint64> lastClusterSampleMs;

private:
    quint64 orgGeneration() const;
    void workloadChanged(const QJsonObject *before, const QJsonObject *after);
    org::WorkloadUsageIndex m_workloadUsage;
    quint64 m_nodePoolNamesGeneration = 0;
    storage::Database *m_database;
    quint64 m_treeGeneration = ~0ULL;
    quint64 m_authorizerGeneration = ~0ULL;
    rbac::OrgTree m_tree;
    std::unique_ptr<rbac::Authorizer> m_authorizer;
};

} // namespace gpudesk::core
