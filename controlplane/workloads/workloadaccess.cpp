#include "workloadaccess.h"
#include "org/orgmodel.h"

#include <memory>

namespace gpudesk::core::workloads {

rbac::Scope workloadScope(Store &store, const QJsonObject &workload)
{
    const QString projectId = workload.value(QStringLiteral("projectId")).toString();
    if (store.projects.contains(projectId))
        return rbac::Scope {rbac::ScopeType::Project, projectId};
    return rbac::Scope {rbac::ScopeType::Cluster,
                        workload.value(QStringLiteral("clusterId")).toString()};
}

std::function<bool(const QJsonObject &)> visibleWorkloads(const Call &call,
                                                          const QString &resourceType)
{
    Store &store = call.store;
    const rbac::Authorizer &authorizer = store.authorizer();
    if (authorizer.allowed(call.subject, resourceType, QStringLiteral("read"), store.tenantScope()))
        return {};
    // Expand the caller's grants once per request (they include descendant scopes), then each workload
    // is a set lookup instead of a walk up the org tree.
    const rbac::PermittedScopes permitted = authorizer.permittedScopes(call.subject,
                                                                       resourceType,
                                                                       QStringLiteral("read"));
    const QSet<QString> projects(permitted.projects.cbegin(), permitted.projects.cend());
    const QSet<QString> clusters(permitted.clusters.cbegin(), permitted.clusters.cend());
    return [&store, projects, clusters](const QJsonObject &workload) {
        const QString projectId = workload.value(QStringLiteral("projectId")).toString();
        if (store.projects.contains(projectId))
            return projects.contains(projectId);
        return clusters.contains(workload.value(QStringLiteral("clusterId")).toString());
    };
}

QString resourceTypeOf(const QJsonObject &workload)
{
    const QString type = workload.value(QStringLiteral("type")).toString().toLower();
    if (type.contains(QLatin1String("inference")))
        return QStringLiteral("inferences");
    if (type.contains(QLatin1String("workspace")) || type.contains(QLatin1String("interactive")))
        return QStringLiteral("workspaces");
    return QStringLiteral("trainings");
}

std::function<QJsonObject(const QJsonObject &)> workloadPresenter(const Store &store)
{
    // clusterId -> staleSince (null when the cluster is not Disconnected)
    auto staleSince = std::make_shared<QHash<QString, QJsonValue>>();
    return [&store, staleSince](const QJsonObject &workload) {
        const QString clusterId = workload.value(QStringLiteral("clusterId")).toString();
        auto it = staleSince->constFind(clusterId);
        if (it == staleSince->constEnd()) {
            const QJsonObject cluster = store.clusters.value(clusterId);
            const bool stale = !cluster.isEmpty()
                               && org::clusterState(cluster) == QLatin1String("Disconnected");
            it = staleSince->insert(clusterId,
                                    stale ? cluster.value(QStringLiteral("lastLiveness"))
                                          : QJsonValue(QJsonValue::Null));
        }
        QJsonObject shown = workload;
        shown.insert(QStringLiteral("stale"), !it->isNull());
        shown.insert(QStringLiteral("staleSince"), *it);
        return shown;
    };
}

} // namespace gpudesk::core::workloads
