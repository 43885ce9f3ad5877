// Cluster-sync (docs/cluster-sync.md): a cluster registers with its one-time cluster token, then pulls
// the desired state and pushes what it has. The control plane never opens a connection to a cluster.
#include "auth/secrets.h"
#include "clustermetrics.h"
#include "core/apihelpers.h"
#include "core/controlplane.h"
#include "core/handlers.h"
#include "org/orgmodel.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrl>
#include <QUuid>

namespace gpudesk::core::handlers {

namespace {

const QUuid nodeNamespace(QStringLiteral("{5b0c4c3e-7f57-4a31-9d5e-3d1c2f6a8b10}"));

QString idOf(const QJsonObject &object)
{
    const QJsonValue id = object.value(QStringLiteral("id"));
    return id.isDouble() ? QString::number(qint64(id.toDouble())) : id.toString();
}

QJsonArray clusterItems(const storage::Collection &collection,
                        const QString &clusterId,
                        const std::function<QJsonObject(const QJsonObject &)> &present = {})
{
    QJsonArray out;
    for (const QJsonObject &item : collection.items()) {
        if (item.value(QStringLiteral("clusterId")).toString() == clusterId)
            out.append(present ? present(item) : item);
    }
    return out;
}

// Fills the org names of a pushed workload from its projectId (or its project name).
QJsonObject enrichWorkload(Store &store,
                           const QString &clusterId,
                           QJsonObject workload,
                           const QJsonObject &previous)
{
    workload.insert(QStringLiteral("clusterId"), clusterId);
    workload.insert(QStringLiteral("tenantId"), store.tenantId().toInt());
    QJsonObject project = store.projects.value(
        workload.value(QStringLiteral("projectId")).toString());
    if (project.isEmpty() && workload.contains(QStringLiteral("projectName")))
        project = store.findByName(store.projects,
                                   workload.value(QStringLiteral("projectName")).toString(),
                                   clusterId);
    if (!project.isEmpty()) {
        const QString departmentId = project.value(QStringLiteral("parentId")).toString();
        workload.insert(QStringLiteral("projectId"), project.value(QStringLiteral("id")));
        workload.insert(QStringLiteral("projectName"), project.value(QStringLiteral("name")));
        workload.insert(QStringLiteral("departmentId"), departmentId);
        workload.insert(QStringLiteral("departmentName"),
                        store.departments.value(departmentId).value(QStringLiteral("name")));
    }
    for (const char *kept : {"source", "desiredPhase", "submittedBy"}) {
        if (!workload.contains(QLatin1String(kept)) && previous.contains(QLatin1String(kept)))
            workload.insert(QLatin1String(kept), previous.value(QLatin1String(kept)));
    }
    if (!workload.contains(QStringLiteral("deletedAt")))
        workload.insert(QStringLiteral("deletedAt"), QJsonValue::Null);
    return workload;
}

void addHistory(Store &store, const QString &workloadId, const QJsonObject &workload)
{
    const qint64 number = store.nextNumber(QStringLiteral("history"));
    const QJsonObject record {
        {QStringLiteral("workloadId"), workloadId},
        {QStringLiteral("meta"),
         QJsonObject {{QStringLiteral("creationTimestamp"),
                       workload.value(QStringLiteral("phaseUpdatedAt")).toString(Store::now())},
                      {QStringLiteral("type"), QStringLiteral("PhaseUpdate")}}},
        {QStringLiteral("spec"),
         QJsonObject {
             {QStringLiteral("phaseUpdate"),
              QJsonObject {{QStringLiteral("phase"), workload.value(QStringLiteral("phase"))},
                           {QStringLiteral("phaseMessage"),
                            workload.value(QStringLiteral("phaseMessage"))}}}}}};
    store.history.put(QStringLiteral("%1").arg(number, 12, 10, QLatin1Char('0')), record);
}

std::optional<Response> requireArray(const QJsonObject &body, const char *key)
{
    const QJsonValue value = body.value(QLatin1String(key));
    if (!value.isUndefined() && !value.isNull() && !value.isArray())
        return errorResponse(400,
                             QStringLiteral("Field '%1' must be a list.").arg(QLatin1String(key)));
    return std::nullopt;
}

} // namespace

Response registerCluster(Call &call)
{
    Store &store = call.store;
    const QByteArray token = call.request.bearerToken();
    const QString key = QStringLiteral("cluster-token:")
                        + QString::fromLatin1(auth::sha256Hex(token));
    const QString clusterId = store.meta.value(key).value(QStringLiteral("clusterId")).toString();
    if (token.isEmpty() || clusterId.isEmpty() || !store.clusters.contains(clusterId))
        return errorResponse(
            401,
            QStringLiteral(
                "The cluster token is unknown or was already used. Get a new one from the "
                "cluster's install info."));
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    reader.optionalString(QStringLiteral("name"));
    const QString domain = reader.optionalString(QStringLiteral("domain"));
    const QString version = reader.optionalString(QStringLiteral("version"));
    const QJsonObject platform = reader.optionalObject(QStringLiteral("platform"));
    if (auto error = reader.finish())
        return *error;
    // One-time: the registration token is consumed, a long-lived sync token replaces it.
    store.meta.remove(key);
    store.meta.remove(QStringLiteral("cluster-install:") + clusterId);
    const QByteArray syncToken = "gdst_" + auth::randomToken(32);
    store.meta.put(QStringLiteral("sync-token:") + QString::fromLatin1(auth::sha256Hex(syncToken)),
                   QJsonObject {{QStringLiteral("clusterId"), clusterId},
                                {QStringLiteral("createdAt"), Store::now()}});
    QJsonObject cluster = store.clusters.value(clusterId);
    const QJsonObject previous = cluster;
    if (!domain.isEmpty())
        cluster.insert(QStringLiteral("domain"), domain);
    if (!version.isEmpty())
        cluster.insert(QStringLiteral("version"), version);
    QJsonObject status = cluster.value(QStringLiteral("status")).toObject();
    status.insert(QStringLiteral("platform"), platform);
    cluster.insert(QStringLiteral("status"), status);
    cluster.insert(QStringLiteral("lastLiveness"), Store::now());
    if (!store.clusters.put(clusterId,
                            Store::stamp(cluster, QStringLiteral("cluster-sync"), previous)))
        return storageFailure();
    call.controlPlane.recordAudit(cluster.value(QStringLiteral("name")).toString(),
                                  QStringLiteral("Cluster"),
                                  call.request.peerAddress,
                                  QStringLiteral("sign-in"),
                                  call.request,
                                  QStringLiteral("cluster"),
                                  cluster.value(QStringLiteral("name")).toString(),
                                  clusterId,
                                  200,
                                  clusterId);
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("clusterId"), clusterId},
                                     {QStringLiteral("tenantId"), store.tenantId()},
                                     {QStringLiteral("syncToken"), QString::fromLatin1(syncToken)},
                                     {QStringLiteral("tokenPublicKey"),
                                      call.controlPlane.publicKeyJson()}});
}

Response desiredState(Call &call)
{
    Store &store = call.store;
    const QString clusterId = call.clusterId;
    // Pulling also counts as liveness.
    QJsonObject cluster = store.clusters.value(clusterId);
    cluster.insert(QStringLiteral("lastLiveness"), Store::now());
    store.clusters.put(clusterId, cluster);
    QJsonArray roles;
    for (const rbac::Role &role : store.allRoles())
        roles.append(role.toJson());
    const rbac::OrgTree &tree = store.orgTree();
    const rbac::Scope clusterScope {rbac::ScopeType::Cluster, clusterId};
    QJsonArray rules;
    for (const QJsonObject &rule : store.accessRules.items()) {
        const auto type = rbac::scopeTypeFromName(
            rule.value(QStringLiteral("scopeType")).toString());
        const rbac::Scope scope {type.value_or(rbac::ScopeType::Tenant),
                                 rule.value(QStringLiteral("scopeId")).toString()};
        // Rules above the cluster (system, tenant) and inside it matter to it.
        if (tree.covers(scope, clusterScope) || tree.covers(clusterScope, scope))
            rules.append(rule);
    }
    QJsonArray submissions;
    QStringList keys = store.submissions.items().keys();
    keys.sort();
    for (const QString &key : keys) {
        const QJsonObject submission = store.submissions.value(key);
        if (submission.value(QStringLiteral("clusterId")).toString() == clusterId)
            submissions.append(submission);
    }
    const quint64 cursor = store.departments.generation() + store.projects.generation()
                           + store.nodePools.generation() + store.accessRules.generation()
                           + store.roles.generation() + store.submissions.generation();
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("cursor"), QString::number(cursor)},
                                     {QStringLiteral("clusterId"), clusterId},
                                     {QStringLiteral("departments"),
                                      clusterItems(store.departments,
                                                   clusterId,
                                                   [&store](const QJsonObject &d) {
                                                       return org::presentDepartment(store, d);
                                                   })},
                                     {QStringLiteral("projects"),
                                      clusterItems(store.projects,
                                                   clusterId,
                                                   [&store](const QJsonObject &p) {
                                                       return org::presentProject(store, p);
                                                   })},
                                     {QStringLiteral("nodePools"),
                                      clusterItems(store.nodePools, clusterId)},
                                     {QStringLiteral("roles"), roles},
                                     {QStringLiteral("accessRules"), rules},
                                     {QStringLiteral("submissions"), submissions}});
}

Response pushState(Call &call)
{
    Store &store = call.store;
    const QString clusterId = call.clusterId;
    const http::JsonObjectResult parsed = http::parseJsonObject(call.request);
    if (!parsed.ok())
        return *parsed.error;
    const QJsonObject &body = parsed.object;
    for (const char *key : {"ackedSubmissionIds",
                            "nodes",
                            "nodePools",
                            "workloads",
                            "removedWorkloadIds",
                            "pods",
                            "removedPodIds",
                            "events"}) {
        if (auto error = requireArray(body, key))
            return *error;
    }
    const QJsonValue domainValue = body.value(QStringLiteral("domain"));
    if (!domainValue.isUndefined() && !domainValue.isNull() && !domainValue.isString())
        return errorResponse(400, QStringLiteral("Field 'domain' must be a URL string."));
    const QString domain = domainValue.toString();
    if (!domain.isEmpty()) {
        const QUrl url(domain, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return errorResponse(400,
                                 QStringLiteral("Field 'domain' must be an http(s) URL such as "
                                                "http://127.0.0.1:8481, not '%1'.")
                                     .arg(domain));
    }
    const QString now = Store::now();
    store.database()->transaction();
    for (const QJsonValue &value : body.value(QStringLiteral("ackedSubmissionIds")).toArray()) {
        for (const QString &key : store.submissions.items().keys()) {
            const QJsonObject submission = store.submissions.value(key);
            if (submission.value(QStringLiteral("id")).toString() == value.toString()
                && submission.value(QStringLiteral("clusterId")).toString() == clusterId)
                store.submissions.remove(key);
        }
    }
    const bool fullSync = body.value(QStringLiteral("fullSync")).toBool();
    QSet<QString> seenNodes, seenWorkloads, seenPods;
    for (const QJsonValue &value : body.value(QStringLiteral("nodes")).toArray()) {
        QJsonObject node = value.toObject();
        const QString name = node.value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            continue;
        const QString id = QUuid::createUuidV5(nodeNamespace, clusterId + QLatin1Char('/') + name)
                               .toString(QUuid::WithoutBraces);
        node.insert(QStringLiteral("id"), id);
        node.insert(QStringLiteral("clusterUuid"), clusterId);
        node.insert(QStringLiteral("updatedAt"), now);
        if (!node.contains(QStringLiteral("createdAt")))
            node.insert(QStringLiteral("createdAt"),
                        store.nodes.value(id).value(QStringLiteral("createdAt")).toString(now));
        store.nodes.put(id, node);
        seenNodes.insert(id);
    }
    for (const QJsonValue &value : body.value(QStringLiteral("nodePools")).toArray()) {
        const QJsonObject pushed = value.toObject();
        const QString name = pushed.value(QStringLiteral("name")).toString();
        if (!isValidName(name))
            continue;
        QJsonObject pool = store.findByName(store.nodePools, name, clusterId);
        if (pool.isEmpty()) {
            if (name == QLatin1String("default"))
                org::ensureDefaultNodePool(store, clusterId, QStringLiteral("cluster-sync"));
            pool = store.findByName(store.nodePools, name, clusterId);
        }
        if (pool.isEmpty()) { // a pool the cluster has and we did not know: adopt it
            const QString id = store.nextId(QStringLiteral("nodepool"));
            pool = Store::stamp(
                QJsonObject {{QStringLiteral("id"), id},
                             {QStringLiteral("name"), name},
                             {QStringLiteral("clusterId"), clusterId},
                             {QStringLiteral("isDefault"), false},
                             {QStringLiteral("tenantId"), store.tenantId().toInt()},
                             {QStringLiteral("labelKey"),
                              pushed.value(QStringLiteral("labelKey"))
                                  .toString(QStringLiteral("gpudesk.io/node-pool"))},
                             {QStringLiteral("labelValue"),
                              pushed.value(QStringLiteral("labelValue")).toString(name)},
                             {QStringLiteral("clusterName"),
                              store.clusters.value(clusterId).value(QStringLiteral("name"))}},
                QStringLiteral("cluster-sync"));
        }
        QJsonObject status = pool.value(QStringLiteral("status")).toObject();
        for (const char *key : {"nodes", "gpus", "allocatedGpus"})
            if (pushed.contains(QLatin1String(key)))
                status.insert(QLatin1String(key), pushed.value(QLatin1String(key)));
        pool.insert(QStringLiteral("status"), status);
        if (pushed.contains(QStringLiteral("phase")))
            pool.insert(QStringLiteral("phase"), pushed.value(QStringLiteral("phase")));
        if (pushed.value(QStringLiteral("placementStrategy")).isObject())
            pool.insert(QStringLiteral("placementStrategy"),
                        pushed.value(QStringLiteral("placementStrategy")));
        store.nodePools.put(pool.value(QStringLiteral("id")).toString(), pool);
    }
    for (const QJsonValue &value : body.value(QStringLiteral("workloads")).toArray()) {
        const QJsonObject pushed = value.toObject();
        const QString id = idOf(pushed);
        if (id.isEmpty())
            continue;
        const QJsonObject previous = store.workloads.value(id);
        const QJsonObject workload = enrichWorkload(store, clusterId, pushed, previous);
        if (previous.value(QStringLiteral("phase")) != workload.value(QStringLiteral("phase")))
            addHistory(store, id, workload);
        if (previous != workload)
            store.workloads.put(id, workload);
        seenWorkloads.insert(id);
    }
    auto markDeleted = [&](const QString &id) {
        QJsonObject workload = store.workloads.value(id);
        if (workload.isEmpty()
            || workload.value(QStringLiteral("clusterId")).toString() != clusterId
            || workload.value(QStringLiteral("deletedAt")).isString())
            return;
        workload.insert(QStringLiteral("deletedAt"), now);
        workload.insert(QStringLiteral("phase"), QStringLiteral("Deleted"));
        addHistory(store, id, workload);
        store.workloads.put(id, workload);
    };
    for (const QJsonValue &value : body.value(QStringLiteral("removedWorkloadIds")).toArray())
        markDeleted(value.toString());
    for (const QJsonValue &value : body.value(QStringLiteral("pods")).toArray()) {
        QJsonObject pod = value.toObject();
        const QString id = idOf(pod);
        if (id.isEmpty())
            continue;
        pod.insert(QStringLiteral("clusterId"), clusterId);
        store.pods.put(id, pod);
        seenPods.insert(id);
    }
    for (const QJsonValue &value : body.value(QStringLiteral("removedPodIds")).toArray())
        store.pods.remove(value.toString());
    for (const QJsonValue &value : body.value(QStringLiteral("events")).toArray()) {
        QJsonObject event = value.toObject();
        QString id = idOf(event);
        if (id.isEmpty())
            id = newUuid();
        event.insert(QStringLiteral("id"), id);
        event.insert(QStringLiteral("clusterId"), clusterId);
        store.events.put(clusterId + QLatin1Char(':') + id, event);
    }
    const QJsonObject metrics = body.value(QStringLiteral("metrics")).toObject();
    const QString timestamp = metrics.value(QStringLiteral("timestamp")).toString(now);
    for (const QJsonValue &value : metrics.value(QStringLiteral("nodes")).toArray()) {
        QJsonObject sample = value.toObject();
        sample.insert(QStringLiteral("timestamp"), timestamp);
        store.metrics.put(QStringLiteral("node:") + clusterId + QLatin1Char(':')
                              + sample.value(QStringLiteral("name")).toString(),
                          sample);
    }
    for (const QJsonValue &value : metrics.value(QStringLiteral("workloads")).toArray()) {
        QJsonObject point = value.toObject();
        const QString key = QStringLiteral("workload:") + idOf(point);
        point.insert(QStringLiteral("timestamp"), timestamp);
        // Keep the last 120 samples per workload for the metrics endpoint.
        QJsonArray series = store.metrics.value(key).value(QStringLiteral("series")).toArray();
        series.append(point);
        while (series.size() > 120)
            series.removeFirst();
        store.metrics.put(key, QJsonObject {{QStringLiteral("series"), series}});
    }
    if (fullSync) {
        for (const QString &id : store.nodes.items().keys())
            if (store.nodes.value(id).value(QStringLiteral("clusterUuid")).toString() == clusterId
                && !seenNodes.contains(id))
                store.nodes.remove(id);
        for (const QString &id : store.workloads.items().keys())
            if (store.workloads.value(id).value(QStringLiteral("clusterId")).toString() == clusterId
                && !seenWorkloads.contains(id)
                && store.workloads.value(id).value(QStringLiteral("phase")).toString()
                       != QLatin1String("Creating"))
                markDeleted(id);
        for (const QString &id : store.pods.items().keys())
            if (store.pods.value(id).value(QStringLiteral("clusterId")).toString() == clusterId
                && !seenPods.contains(id))
                store.pods.remove(id);
    }
    QDateTime sampleTime = QDateTime::fromString(timestamp, Qt::ISODateWithMs);
    if (!sampleTime.isValid())
        sampleTime = QDateTime::currentDateTimeUtc();
    clustermetrics::recordSample(store, clusterId, sampleTime);
    QJsonObject cluster = store.clusters.value(clusterId);
    cluster.insert(QStringLiteral("lastLiveness"), now);
    // A cluster restarted on another port stays reachable: its URL follows what it pushes.
    if (!domain.isEmpty() && cluster.value(QStringLiteral("domain")).toString() != domain)
        cluster.insert(QStringLiteral("domain"), domain);
    store.clusters.put(clusterId, cluster);
    if (!store.database()->commit())
        return storageFailure();
    return jsonResponse(200, QJsonObject {{QStringLiteral("receivedAt"), now}});
}

} // namespace gpudesk::core::handlers
