#include "workloadaccess.h"

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
    const rbac::Subject subject = call.subject;
    return [&store, &authorizer, subject, resourceType](const QJsonObject &workload) {
        return authorizer.allowed(subject,
                                  resourceType,
                                  QStringLiteral("read"),
                                  workloadScope(store, workload));
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

} // namespace gpudesk::core::workloads
