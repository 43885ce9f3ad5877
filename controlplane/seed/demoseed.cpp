#include "demoseed.h"

#include "auth/secrets.h"
#include "core/controlplane.h"
#include "org/orgmodel.h"
#include "rbac/predefinedroles.h"

#include <QJsonArray>
#include <QUuid>

namespace gpudesk::core {

namespace {

const QString seeder = QStringLiteral("demo-seed");

QString addCluster(Store &store, const QString &name, const QStringList &pools)
{
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    store.clusters.put(uuid,
                       Store::stamp(QJsonObject {{QStringLiteral("uuid"), uuid},
                                                 {QStringLiteral("id"), uuid},
                                                 {QStringLiteral("tenantId"),
                                                  store.tenantId().toInt()},
                                                 {QStringLiteral("name"), name},
                                                 {QStringLiteral("domain"), QString()},
                                                 {QStringLiteral("version"), QString()},
                                                 {QStringLiteral("lastLiveness"), QJsonValue::Null},
                                                 {QStringLiteral("deletedAt"), QJsonValue::Null},
                                                 {QStringLiteral("status"), QJsonObject()}},
                                    seeder));
    org::ensureDefaultNodePool(store, uuid, seeder);
    for (const QString &pool : pools) {
        const QString id = store.nextId(QStringLiteral("nodepool"));
        store.nodePools
            .put(id,
                 Store::stamp(QJsonObject {{QStringLiteral("id"), id},
                                           {QStringLiteral("name"), pool},
                                           {QStringLiteral("clusterId"), uuid},
                                           {QStringLiteral("clusterName"), name},
                                           {QStringLiteral("tenantId"), store.tenantId().toInt()},
                                           {QStringLiteral("labelKey"),
                                            QStringLiteral("gpudesk.io/node-pool")},
                                           {QStringLiteral("labelValue"), pool},
                                           {QStringLiteral("isDefault"), false},
                                           {QStringLiteral("phase"), QStringLiteral("Empty")},
                                           {QStringLiteral("placementStrategy"),
                                            QJsonObject {{QStringLiteral("cpu"),
                                                          QStringLiteral("binpack")},
                                                         {QStringLiteral("gpu"),
                                                          QStringLiteral("binpack")}}},
                                           {QStringLiteral("status"),
                                            QJsonObject {{QStringLiteral("nodes"), QJsonArray()}}}},
                              seeder));
    }
    org::issueClusterToken(store, uuid);
    return uuid;
}

// Per-pool GPU quota: {"pool-a": 6, ...}; pools not named get 0. Weight 2 (Medium) everywhere.
QJsonArray quotas(Store &store, const QString &clusterId, const QHash<QString, double> &gpus)
{
    QJsonArray resources = org::defaultResources(store, clusterId);
    for (qsizetype i = 0; i < resources.size(); ++i) {
        QJsonObject entry = resources.at(i).toObject();
        const QString pool = entry.value(QStringLiteral("nodePool"))
                                 .toObject()
                                 .value(QStringLiteral("name"))
                                 .toString();
        QJsonObject gpu = entry.value(QStringLiteral("gpu")).toObject();
        gpu.insert(QStringLiteral("deserved"), gpus.value(pool, 0));
        entry.insert(QStringLiteral("gpu"), gpu);
        resources[i] = entry;
    }
    return resources;
}

QString addDepartment(Store &store,
                      const QString &name,
                      const QString &description,
                      const QString &clusterId,
                      const QHash<QString, double> &gpus)
{
    const QString id = store.nextId(QStringLiteral("org-unit"));
    store.departments.put(id,
                          Store::stamp(QJsonObject {{QStringLiteral("id"), id},
                                                    {QStringLiteral("name"), name},
                                                    {QStringLiteral("description"), description},
                                                    {QStringLiteral("clusterId"), clusterId},
                                                    {QStringLiteral("tenantId"),
                                                     store.tenantId().toInt()},
                                                    {QStringLiteral("resources"),
                                                     quotas(store, clusterId, gpus)}},
                                       seeder));
    return id;
}

QString addProject(Store &store,
                   const QString &name,
                   const QString &description,
                   const QString &departmentId,
                   const QHash<QString, double> &gpus)
{
    const QString clusterId
        = store.departments.value(departmentId).value(QStringLiteral("clusterId")).toString();
    const QString id = store.nextId(QStringLiteral("org-unit"));
    const QString name_space = QStringLiteral("runai-") + name;
    store.projects
        .put(id,
             Store::stamp(QJsonObject {{QStringLiteral("id"), id},
                                       {QStringLiteral("name"), name},
                                       {QStringLiteral("description"), description},
                                       {QStringLiteral("clusterId"), clusterId},
                                       {QStringLiteral("parentId"), departmentId},
                                       {QStringLiteral("tenantId"), store.tenantId().toInt()},
                                       {QStringLiteral("requestedNamespace"), name_space},
                                       {QStringLiteral("enforceRunaiScheduler"), true},
                                       {QStringLiteral("resources"), quotas(store, clusterId, gpus)},
                                       {QStringLiteral("status"),
                                        QJsonObject {{QStringLiteral("namespace"), name_space},
                                                     {QStringLiteral("phase"),
                                                      QStringLiteral("Ready")}}}},
                          seeder));
    return id;
}

void addUser(Store &store, const QString &email, const QByteArray &passwordHash)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    store.users.put(id,
                    Store::stamp(QJsonObject {{QStringLiteral("id"), id},
                                              {QStringLiteral("username"), email},
                                              {QStringLiteral("isLocal"), true},
                                              {QStringLiteral("groups"), QJsonArray()},
                                              {QStringLiteral("enabled"), true},
                                              {QStringLiteral("lastLogin"), QJsonValue::Null},
                                              {QStringLiteral("passwordHash"),
                                               QString::fromLatin1(passwordHash)}},
                                 seeder));
}

void addRule(Store &store,
             const QString &email,
             const QString &roleName,
             rbac::ScopeType scopeType,
             const QString &scopeId)
{
    const int roleId = rbac::predefinedRoleId(roleName);
    const int id = int(store.nextNumber(QStringLiteral("access-rule")));
    const rbac::Scope scope {scopeType, scopeId};
    store.accessRules
        .put(QString::number(id),
             Store::stamp(QJsonObject {{QStringLiteral("id"), id},
                                       {QStringLiteral("subjectId"), email},
                                       {QStringLiteral("subjectType"), QStringLiteral("user")},
                                       {QStringLiteral("roleId"), roleId},
                                       {QStringLiteral("roleName"), roleName},
                                       {QStringLiteral("scopeType"), rbac::scopeTypeName(scopeType)},
                                       {QStringLiteral("scopeId"), scopeId},
                                       {QStringLiteral("scopeName"),
                                        scopeType == rbac::ScopeType::Tenant
                                            ? store.tenantName()
                                            : store.orgTree().name(scope)},
                                       {QStringLiteral("clusterId"), QJsonValue::Null},
                                       {QStringLiteral("tenantId"), store.tenantId().toInt()},
                                       {QStringLiteral("deletedAt"), QJsonValue::Null},
                                       {QStringLiteral("status"),
                                        QJsonObject {
                                            {QStringLiteral("phase"), QStringLiteral("Ready")}}}},
                          seeder));
}

} // namespace

QString seedDemo(ControlPlane &controlPlane, QJsonObject *clusterTokens)
{
    Store &store = controlPlane.store();
    if (!store.meta.contains(QStringLiteral("seeded:demo"))) {
        if (!store.clusters.items().isEmpty())
            return QStringLiteral(
                "the database already holds clusters; the demo seed needs an empty database");
        store.database()->transaction();
        store.meta.put(QStringLiteral("tenant"),
                       QJsonObject {{QStringLiteral("name"), QStringLiteral("demo")}});
        const QString clusterA = addCluster(store,
                                            QStringLiteral("cluster-a"),
                                            {QStringLiteral("pool-a"), QStringLiteral("pool-b")});
        const QString clusterB = addCluster(store, QStringLiteral("cluster-b"), {});
        using Q = QHash<QString, double>;
        const QString d1 = addDepartment(store,
                                         QStringLiteral("department-1"),
                                         QStringLiteral("Department 1"),
                                         clusterA,
                                         Q {{QStringLiteral("pool-a"), 8},
                                            {QStringLiteral("pool-b"), 4}});
        const QString d2 = addDepartment(store,
                                         QStringLiteral("department-2"),
                                         QStringLiteral("Department 2"),
                                         clusterA,
                                         Q {{QStringLiteral("pool-a"), 8},
                                            {QStringLiteral("pool-b"), 8}});
        const QString d3 = addDepartment(store,
                                         QStringLiteral("department-3"),
                                         QStringLiteral("Department 3"),
                                         clusterB,
                                         Q {{QStringLiteral("default"), 12}});
        // project-1a and project-2a hold most quota; project-2b has a little and stays idle; project-3a
        // owns most of cluster-b. Over-quota work in 2a can borrow 2b's idle share.
        const QString p1a = addProject(store,
                                       QStringLiteral("project-1a"),
                                       QStringLiteral("Project 1-a"),
                                       d1,
                                       Q {{QStringLiteral("pool-a"), 6},
                                          {QStringLiteral("pool-b"), 4}});
        const QString p2a = addProject(store,
                                       QStringLiteral("project-2a"),
                                       QStringLiteral("Project 2-a"),
                                       d2,
                                       Q {{QStringLiteral("pool-a"), 4},
                                          {QStringLiteral("pool-b"), 6}});
        const QString p2b = addProject(store,
                                       QStringLiteral("project-2b"),
                                       QStringLiteral("Project 2-b"),
                                       d2,
                                       Q {{QStringLiteral("pool-a"), 4},
                                          {QStringLiteral("pool-b"), 2}});
        const QString p3a = addProject(store,
                                       QStringLiteral("project-3a"),
                                       QStringLiteral("Project 3-a"),
                                       d3,
                                       Q {{QStringLiteral("default"), 8}});
        Q_UNUSED(p2a)
        // One hash for all demo users: they share the documented sandbox password anyway, and PBKDF2 is
        // deliberately slow.
        const QString password = qEnvironmentVariableIsSet("GPUDESK_DEMO_PASSWORD")
                                     ? qEnvironmentVariable("GPUDESK_DEMO_PASSWORD")
                                     : QString::fromLatin1(defaultDemoPassword);
        const QByteArray hash = auth::hashPassword(password);
        const QStringList emails {QStringLiteral("admin"),
                                  QStringLiteral("dept-admin"),
                                  QStringLiteral("operator"),
                                  QStringLiteral("support"),
                                  QStringLiteral("mle"),
                                  QStringLiteral("manager"),
                                  QStringLiteral("x"),
                                  QStringLiteral("y"),
                                  QStringLiteral("z")};
        for (const QString &user : emails)
            addUser(store, user + QStringLiteral("@demo.local"), hash);
        using rbac::ScopeType;
        const QString tenant = store.tenantId();
        addRule(store,
                QStringLiteral("admin@demo.local"),
                QStringLiteral("Application Administrator"),
                ScopeType::Tenant,
                tenant);
        addRule(store,
                QStringLiteral("dept-admin@demo.local"),
                QStringLiteral("Department Administrator"),
                ScopeType::Department,
                d1);
        addRule(store,
                QStringLiteral("operator@demo.local"),
                QStringLiteral("NVIDIA Cloud Operator"),
                ScopeType::Tenant,
                tenant);
        addRule(store,
                QStringLiteral("support@demo.local"),
                QStringLiteral("NVIDIA Cloud Support"),
                ScopeType::Tenant,
                tenant);
        addRule(store,
                QStringLiteral("mle@demo.local"),
                QStringLiteral("ML Engineer"),
                ScopeType::Department,
                d2);
        addRule(store,
                QStringLiteral("manager@demo.local"),
                QStringLiteral("Research Manager"),
                ScopeType::Department,
                d1);
        addRule(store,
                QStringLiteral("x@demo.local"),
                QStringLiteral("L1 Researcher"),
                ScopeType::Project,
                p1a);
        addRule(store,
                QStringLiteral("x@demo.local"),
                QStringLiteral("L1 Researcher"),
                ScopeType::Project,
                p2b);
        addRule(store,
                QStringLiteral("y@demo.local"),
                QStringLiteral("Research Manager"),
                ScopeType::Department,
                d1);
        addRule(store,
                QStringLiteral("y@demo.local"),
                QStringLiteral("Research Manager"),
                ScopeType::Department,
                d2);
        addRule(store,
                QStringLiteral("z@demo.local"),
                QStringLiteral("Viewer"),
                ScopeType::Department,
                d2);
        addRule(store,
                QStringLiteral("z@demo.local"),
                QStringLiteral("L2 Researcher"),
                ScopeType::Project,
                p3a);
        store.meta.put(QStringLiteral("seeded:demo"),
                       QJsonObject {{QStringLiteral("at"), Store::now()}});
        if (!store.database()->commit())
            return QStringLiteral("could not save the demo tenant: %1")
                .arg(store.database()->lastError());
    }
    for (const QJsonObject &cluster : store.clusters.items()) {
        const QString token = store.meta
                                  .value(QStringLiteral("cluster-install:")
                                         + cluster.value(QStringLiteral("uuid")).toString())
                                  .value(QStringLiteral("token"))
                                  .toString();
        clusterTokens->insert(cluster.value(QStringLiteral("name")).toString(),
                              token.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(token));
    }
    return QString();
}

} // namespace gpudesk::core
