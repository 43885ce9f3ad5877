// /api/v1/clusters: create (install info with a one-time cluster token), list, get, rename, delete;
// per-cluster network security (ingress/egress CIDR lists).
#include "auth/secrets.h"
#include "core/controlplane.h"
#include "core/handlers.h"
#include "orgmodel.h"

#include <QHostAddress>

namespace gpudesk::core::org {

// Issues a fresh one-time cluster token for a cluster (the old pending one stops working).
QString issueClusterToken(Store &store, const QString &clusterId)
{
    const QString previous = store.meta.value(QStringLiteral("cluster-install:") + clusterId)
                                 .value(QStringLiteral("hash"))
                                 .toString();
    if (!previous.isEmpty())
        store.meta.remove(QStringLiteral("cluster-token:") + previous);
    const QByteArray token = "gdct_" + auth::randomToken(24);
    const QString hash = QString::fromLatin1(auth::sha256Hex(token));
    store.meta.put(QStringLiteral("cluster-token:") + hash,
                   QJsonObject {{QStringLiteral("clusterId"), clusterId}});
    // Kept so an administrator can read the install info again until the cluster registers.
    store.meta.put(QStringLiteral("cluster-install:") + clusterId,
                   QJsonObject {{QStringLiteral("token"), QString::fromLatin1(token)},
                                {QStringLiteral("hash"), hash}});
    return QString::fromLatin1(token);
}

} // namespace gpudesk::core::org

namespace gpudesk::core::handlers {

using org::issueClusterToken;

namespace {

std::optional<Response> readDomain(const QString &domain)
{
    if (domain.isEmpty())
        return std::nullopt;
    const QUrl url(domain, QUrl::StrictMode);
    if (!url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty())
        return errorResponse(
            400,
            QStringLiteral("'%1' is not a cluster URL; write it like https://gpu.example.com.")
                .arg(domain));
    return std::nullopt;
}

} // namespace

Response listClusters(Call &call)
{
    const auto visible = visibleByScope(call,
                                        QStringLiteral("cluster"),
                                        QStringLiteral("uuid"),
                                        rbac::ScopeType::Cluster);
    http::ListOptions options;
    options.defaultLimit = 500;
    options.defaultSortBy = QStringLiteral("name");
    ListPage page;
    if (auto error = listCollection(call,
                                    call.store.clusters,
                                    options,
                                    visible,
                                    &page,
                                    [&call](const QJsonObject &c) {
                                        return org::presentCluster(call.store, c);
                                    }))
        return *error;
    QJsonArray items; // bare array, as Run:ai
    for (const QJsonObject &cluster : page.items)
        items.append(cluster);
    return jsonResponse(200, items);
}

Response createCluster(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QString name = reader.requiredString(QStringLiteral("name"));
    const QString domain = reader.optionalString(QStringLiteral("domain"));
    const QString version = reader.optionalString(QStringLiteral("version"));
    if (auto error = reader.finish())
        return *error;
    if (!isValidName(name))
        return errorResponse(400, invalidNameMessage(QStringLiteral("cluster"), name));
    if (auto error = readDomain(domain))
        return *error;
    if (!call.store.findByName(call.store.clusters, name).isEmpty())
        return errorResponse(409, QStringLiteral("A cluster named '%1' already exists.").arg(name));
    const QString uuid = newUuid();
    QJsonObject cluster {{QStringLiteral("uuid"), uuid},
                         {QStringLiteral("id"), uuid},
                         {QStringLiteral("tenantId"), call.store.tenantId().toInt()},
                         {QStringLiteral("name"), name},
                         {QStringLiteral("domain"), domain},
                         {QStringLiteral("version"), version},
                         {QStringLiteral("lastLiveness"), QJsonValue::Null},
                         {QStringLiteral("deletedAt"), QJsonValue::Null},
                         {QStringLiteral("deleteRequestedAt"), QJsonValue::Null},
                         {QStringLiteral("status"),
                          QJsonObject {{QStringLiteral("platform"), QJsonValue::Null}}}};
    cluster = Store::stamp(cluster, call.who());
    if (!call.store.clusters.put(uuid, cluster))
        return storageFailure();
    org::ensureDefaultNodePool(call.store, uuid, call.who());
    issueClusterToken(call.store, uuid);
    return jsonResponse(201, org::presentCluster(call.store, cluster));
}

Response getCluster(Call &call)
{
    return jsonResponse(200,
                        org::presentCluster(call.store,
                                            call.store.clusters.value(
                                                call.param(QStringLiteral("clusterUuid")))));
}

Response updateCluster(Call &call)
{
    QJsonObject cluster = call.store.clusters.value(call.param(QStringLiteral("clusterUuid")));
    if (auto conflict = checkIfMatch(call.request, org::presentCluster(call.store, cluster)))
        return *conflict;
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QString name = reader.optionalString(QStringLiteral("name"),
                                               cluster.value(QStringLiteral("name")).toString());
    const QString domain = reader.optionalString(QStringLiteral("domain"),
                                                 cluster.value(QStringLiteral("domain")).toString());
    reader.allow(cluster.keys());
    if (auto error = reader.finish())
        return *error;
    if (!isValidName(name))
        return errorResponse(400, invalidNameMessage(QStringLiteral("cluster"), name));
    if (auto error = readDomain(domain))
        return *error;
    const QJsonObject other = call.store.findByName(call.store.clusters, name);
    if (!other.isEmpty()
        && other.value(QStringLiteral("uuid")) != cluster.value(QStringLiteral("uuid")))
        return errorResponse(409, QStringLiteral("A cluster named '%1' already exists.").arg(name));
    const QJsonObject previous = cluster;
    cluster.insert(QStringLiteral("name"), name);
    cluster.insert(QStringLiteral("domain"), domain);
    cluster = Store::stamp(cluster, call.who(), previous);
    if (!call.store.clusters.put(cluster.value(QStringLiteral("uuid")).toString(), cluster))
        return storageFailure();
    return jsonResponse(200, org::presentCluster(call.store, cluster));
}

Response deleteCluster(Call &call)
{
    const QString id = call.param(QStringLiteral("clusterUuid"));
    for (const QJsonObject &department : call.store.departments.items()) {
        if (department.value(QStringLiteral("clusterId")).toString() == id
            && call.request.queryValue(QStringLiteral("force")) != QLatin1String("true"))
            return errorResponse(
                409,
                QStringLiteral(
                    "The cluster still has departments; delete them first or pass force=true."));
    }
    const QJsonObject cluster = call.store.clusters.value(id);
    // Remove what belongs to the cluster: pools, nodes, org units, workloads, its sync credentials.
    for (storage::Collection *collection : {&call.store.nodePools, &call.store.departments})
        for (const QString &key : collection->items().keys())
            if (collection->value(key).value(QStringLiteral("clusterId")).toString() == id)
                collection->remove(key);
    for (const QString &key : call.store.projects.items().keys())
        if (call.store.projects.value(key).value(QStringLiteral("clusterId")).toString() == id)
            call.store.projects.remove(key);
    for (const QString &key : call.store.nodes.items().keys())
        if (call.store.nodes.value(key).value(QStringLiteral("clusterUuid")).toString() == id)
            call.store.nodes.remove(key);
    for (const QString &key : call.store.meta.items().keys()) {
        const QJsonObject entry = call.store.meta.value(key);
        if ((key.startsWith(QLatin1String("sync-token:"))
             || key.startsWith(QLatin1String("cluster-token:")))
            && entry.value(QStringLiteral("clusterId")).toString() == id)
            call.store.meta.remove(key);
    }
    call.store.meta.remove(QStringLiteral("cluster-install:") + id);
    if (!call.store.clusters.remove(id))
        return storageFailure();
    call.auditEntityName = cluster.value(QStringLiteral("name")).toString();
    Response response;
    response.status = 204;
    return response;
}

Response clusterInstallInfo(Call &call)
{
    const QString id = call.param(QStringLiteral("clusterUuid"));
    QString token = call.store.meta.value(QStringLiteral("cluster-install:") + id)
                        .value(QStringLiteral("token"))
                        .toString();
    if (token.isEmpty()) // consumed by a registration: this is a re-install, issue a new one
        token = issueClusterToken(call.store, id);
    const QString url = call.controlPlane.options().publicUrl;
    const QString name = call.store.clusters.value(id).value(QStringLiteral("name")).toString();
    return jsonResponse(
        200,
        QJsonObject {{QStringLiteral("clusterToken"), token},
                     {QStringLiteral("controlPlaneUrl"), url},
                     {QStringLiteral("installationStr"),
                      QStringLiteral(
                          "gpudesk-server cluster --name %1 --control-plane %2 --cluster-token %3")
                          .arg(name, url, token)}});
}

Response getClusterNetwork(Call &call)
{
    const QJsonObject cluster = call.store.clusters.value(
        call.param(QStringLiteral("clusterUuid")));
    QJsonObject network = cluster.value(QStringLiteral("networkSecurity")).toObject();
    if (network.isEmpty())
        network = QJsonObject {{QStringLiteral("ingressCidrs"), QJsonArray()},
                               {QStringLiteral("egressCidrs"), QJsonArray()},
                               {QStringLiteral("acknowledgeOpenToInternet"), false}};
    return jsonResponse(200, network);
}

Response putClusterNetwork(Call &call)
{
    QJsonObject cluster = call.store.clusters.value(call.param(QStringLiteral("clusterUuid")));
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QJsonArray ingress = reader.requiredArray(QStringLiteral("ingressCidrs"));
    const QJsonArray egress = reader.requiredArray(QStringLiteral("egressCidrs"));
    const bool acknowledged = reader.optionalBool(QStringLiteral("acknowledgeOpenToInternet"))
                                  .value_or(false);
    reader.allow({QStringLiteral("resourceVersion"), QStringLiteral("warnings")});
    if (auto error = reader.finish())
        return *error;
    QStringList warnings;
    QJsonArray cleaned[2];
    const QJsonArray *lists[2] = {&ingress, &egress};
    const char *names[2] = {"ingressCidrs", "egressCidrs"};
    for (int i = 0; i < 2; ++i) {
        for (const QJsonValue &value : *lists[i]) {
            const QString text = value.toString().trimmed();
            const auto subnet = QHostAddress::parseSubnet(text);
            if (!value.isString() || text.isEmpty() || subnet.first.isNull()
                || !text.contains(QLatin1Char('/')))
                return errorResponse(400,
                                     QStringLiteral(
                                         "'%1' in %2 is not a CIDR range like 10.0.0.0/8.")
                                         .arg(value.isString() ? text
                                                               : QStringLiteral("(not a string)"),
                                              QLatin1String(names[i])),
                                     QJsonObject {{QStringLiteral("field"), QLatin1String(names[i])},
                                                  {QStringLiteral("value"), value}});
            const QString canonical = subnet.first.toString() + QLatin1Char('/')
                                      + QString::number(subnet.second);
            if (subnet.second == 0) {
                if (!acknowledged)
                    return errorResponse(
                        400,
                        QStringLiteral("'%1' in %2 opens the cluster to the whole internet. Set "
                                       "acknowledgeOpenToInternet to true if you really mean it.")
                            .arg(text, QLatin1String(names[i])));
                warnings.append(
                    QStringLiteral(
                        "%1 contains %2: the cluster is open to every address on the internet. "
                        "Prefer the narrowest ranges that work.")
                        .arg(QLatin1String(names[i]), canonical));
            }
            cleaned[i].append(canonical);
        }
    }
    const QJsonObject network {{QStringLiteral("ingressCidrs"), cleaned[0]},
                               {QStringLiteral("egressCidrs"), cleaned[1]},
                               {QStringLiteral("acknowledgeOpenToInternet"), acknowledged}};
    const QJsonObject previous = cluster;
    cluster.insert(QStringLiteral("networkSecurity"), network);
    cluster = Store::stamp(cluster, call.who(), previous);
    if (!call.store.clusters.put(cluster.value(QStringLiteral("uuid")).toString(), cluster))
        return storageFailure();
    call.auditEntityName = cluster.value(QStringLiteral("name")).toString();
    return org::withWarnings(jsonResponse(200, network), warnings);
}

} // namespace gpudesk::core::handlers
