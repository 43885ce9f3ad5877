#include "controlplaneclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString isoTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

ControlPlaneClient::ControlPlaneClient(const QUrl &url, QObject *parent)
    : HttpClient(url,
                 describeService(QCoreApplication::translate("ControlPlaneClient",
                                                             "The control plane at"),
                                 url),
                 parent)
{ }

void ControlPlaneClient::postToken(const QJsonObject &body,
                                   QObject *ctx,
                                   Handler<api::TokenSet> done)
{
    HttpCall call;
    call.verb = "POST";
    call.path = QStringLiteral("/api/v1/token");
    call.body = toJson(body);
    call.authenticated = false;
    getParsed<api::TokenSet>(call, ctx, done, api::parseToken);
}

void ControlPlaneClient::loginWithPassword(const QString &user,
                                           const QString &password,
                                           QObject *ctx,
                                           Handler<api::TokenSet> done)
{
    postToken({{QStringLiteral("grantType"), QStringLiteral("password")},
               {QStringLiteral("username"), user},
               {QStringLiteral("password"), password}},
              ctx,
              done);
}

void ControlPlaneClient::loginWithClientCredentials(const QString &clientId,
                                                    const QString &secret,
                                                    QObject *ctx,
                                                    Handler<api::TokenSet> done)
{
    postToken({{QStringLiteral("grantType"), QStringLiteral("client_credentials")},
               {QStringLiteral("clientID"), clientId},
               {QStringLiteral("clientSecret"), secret}},
              ctx,
              done);
}

void ControlPlaneClient::refreshToken(const QString &refreshToken,
                                      QObject *ctx,
                                      Handler<api::TokenSet> done)
{
    postToken({{QStringLiteral("grantType"), QStringLiteral("refresh_token")},
               {QStringLiteral("refreshToken"), refreshToken}},
              ctx,
              done);
}

void ControlPlaneClient::revokeToken(const QString &refreshToken, QObject *ctx, Handler<bool> done)
{
    HttpCall call;
    call.verb = "POST";
    call.path = QStringLiteral("/api/v1/me/logout"); // revokes the caller's refresh tokens
    call.body = toJson({{QStringLiteral("refreshToken"), refreshToken}});
    send(call, ctx, [done](const HttpResponse &response) {
        done(response.ok() ? Result<bool>::success(true) : Result<bool>::failure(response.error));
    });
}

void ControlPlaneClient::fetchClusters(QObject *ctx, Handler<QList<api::Cluster>> done)
{
    HttpCall call;
    call.path = QStringLiteral("/api/v1/clusters");
    call.query.addQueryItem(QStringLiteral("verbosity"), QStringLiteral("full"));
    call.staleKey = call.path;
    getParsed<QList<api::Cluster>>(call, ctx, done, api::parseClusters);
}

void ControlPlaneClient::fetchDepartments(QObject *ctx, Handler<QList<api::OrgUnit>> done)
{
    getAllPages<api::OrgUnit>(QStringLiteral("/api/v1/org-unit/departments"),
                              ctx,
                              done,
                              api::parseDepartments);
}

void ControlPlaneClient::fetchProjects(QObject *ctx, Handler<QList<api::OrgUnit>> done)
{
    getAllPages<api::OrgUnit>(QStringLiteral("/api/v1/org-unit/projects"),
                              ctx,
                              done,
                              api::parseProjects);
}

void ControlPlaneClient::fetchNodePools(QObject *ctx, Handler<QList<api::NodePool>> done)
{
    HttpCall call;
    call.path = QStringLiteral("/api/v1/node-pools");
    call.staleKey = call.path;
    getParsed<QList<api::NodePool>>(call, ctx, done, api::parseNodePools);
}

void ControlPlaneClient::fetchNodes(QObject *ctx, Handler<QList<api::Node>> done)
{
    HttpCall call;
    call.path = QStringLiteral("/api/v1/nodes");
    call.staleKey = call.path;
    getParsed<QList<api::Node>>(call, ctx, done, api::parseNodes);
}

void ControlPlaneClient::fetchUsers(QObject *ctx, Handler<QList<api::User>> done)
{
    HttpCall call;
    call.path = QStringLiteral("/api/v1/users");
    call.staleKey = call.path;
    getParsed<QList<api::User>>(call, ctx, done, api::parseUsers);
}

void ControlPlaneClient::fetchServiceAccounts(QObject *ctx, Handler<QList<api::ServiceAccount>> done)
{
    HttpCall call;
    call.path = QStringLiteral("/api/v1/service-accounts");
    call.staleKey = call.path;
    getParsed<QList<api::ServiceAccount>>(call, ctx, done, api::parseServiceAccounts);
}

void ControlPlaneClient::fetchRoles(QObject *ctx, Handler<QList<api::Role>> done)
{
    HttpCall call;
    call.path = QStringLiteral("/api/v1/authorization/roles");
    call.staleKey = call.path;
    getParsed<QList<api::Role>>(call, ctx, done, api::parseRoles);
}

void ControlPlaneClient::fetchAccessRules(QObject *ctx, Handler<QList<api::AccessRule>> done)
{
    getAllPages<api::AccessRule>(QStringLiteral("/api/v1/authorization/access-rules"),
                                 ctx,
                                 done,
                                 api::parseAccessRules);
}

void ControlPlaneClient::fetchWorkloads(const WorkloadQuery &q,
                                        QObject *ctx,
                                        Handler<api::Page<api::Workload>> done)
{
    HttpCall call;
    call.path = QStringLiteral("/api/v1/workloads");
    call.query.addQueryItem(QStringLiteral("offset"), QString::number(q.offset));
    call.query.addQueryItem(QStringLiteral("limit"), QString::number(q.limit));
    if (!q.sortBy.isEmpty()) {
        call.query.addQueryItem(QStringLiteral("sortBy"), q.sortBy);
        call.query.addQueryItem(QStringLiteral("sortOrder"),
                                q.descending ? QStringLiteral("desc") : QStringLiteral("asc"));
    }
    if (!q.filterBy.isEmpty())
        call.query.addQueryItem(QStringLiteral("filterBy"), q.filterBy.join(QLatin1Char(',')));
    if (!q.search.isEmpty())
        call.query.addQueryItem(QStringLiteral("search"), q.search);
    if (q.deleted)
        call.query.addQueryItem(QStringLiteral("deleted"), QStringLiteral("true"));
    // Re-asking for the same page (a refresh, a new filter) supersedes the older answer.
    call.staleKey = QStringLiteral("workloads@") + QString::number(q.offset);
    getParsed<api::Page<api::Workload>>(call, ctx, done, api::parseWorkloads);
}

void ControlPlaneClient::fetchWorkload(const QString &id, QObject *ctx, Handler<api::Workload> done)
{
    HttpCall call;
    call.path = QStringLiteral("/api/v1/workloads/") + id;
    getParsed<api::Workload>(call, ctx, done, api::parseWorkload);
}

void ControlPlaneClient::fetchWorkloadPods(const QString &workloadId,
                                           QObject *ctx,
                                           Handler<QList<api::Pod>> done)
{
    getAllPages<api::Pod>(QStringLiteral("/api/v1/workloads/") + workloadId
                              + QStringLiteral("/pods"),
                          ctx,
                          done,
                          api::parsePods);
}

void ControlPlaneClient::fetchWorkloadEvents(const QString &workloadId,
                                             QObject *ctx,
                                             Handler<QList<api::WorkloadEvent>> done)
{
    getAllPages<api::WorkloadEvent>(QStringLiteral("/api/v1/workloads/") + workloadId
                                        + QStringLiteral("/events"),
                                    ctx,
                                    done,
                                    [workloadId](const QByteArray &body) {
                                        return api::parseEvents(body, workloadId);
                                    });
}

void ControlPlaneClient::fetchAuditLog(const QDateTime &start,
                                       const QDateTime &end,
                                       int offset,
                                       int limit,
                                       QObject *ctx,
                                       Handler<api::Page<api::AuditEntry>> done)
{
    HttpCall call;
    call.path = QStringLiteral("/api/v1/audit/log");
    call.query.addQueryItem(QStringLiteral("start"), isoTime(start));
    call.query.addQueryItem(QStringLiteral("end"), isoTime(end));
    call.query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    call.query.addQueryItem(QStringLiteral("numberOfSamples"), QString::number(limit));
    call.staleKey = QStringLiteral("audit@") + QString::number(offset);
    getParsed<api::Page<api::AuditEntry>>(call, ctx, done, api::parseAuditLog);
}

void ControlPlaneClient::fetchMetrics(const QString &path,
                                      const QStringList &types,
                                      const QDateTime &start,
                                      const QDateTime &end,
                                      int samples,
                                      QObject *ctx,
                                      Handler<QList<api::MetricSeries>> done)
{
    HttpCall call;
    call.path = path;
    call.query.addQueryItem(QStringLiteral("metricType"), types.join(QLatin1Char(',')));
    call.query.addQueryItem(QStringLiteral("start"), isoTime(start));
    call.query.addQueryItem(QStringLiteral("end"), isoTime(end));
    call.query.addQueryItem(QStringLiteral("numberOfSamples"), QString::number(samples));
    call.staleKey = QStringLiteral("metrics:") + path;
    getParsed<QList<api::MetricSeries>>(call, ctx, done, api::parseMetrics);
}

QJsonObject resourcesToJson(const api::PoolResources &r)
{
    auto orNull = [](double v) { return v < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(v); };
    QJsonObject o;
    if (!r.nodePoolName.isEmpty() || !r.nodePoolId.isEmpty())
        o.insert(QStringLiteral("nodePool"),
                 QJsonObject {{QStringLiteral("id"), r.nodePoolId},
                              {QStringLiteral("name"), r.nodePoolName}});
    o.insert(QStringLiteral("gpu"),
             QJsonObject {{QStringLiteral("deserved"), r.gpuDeserved},
                          {QStringLiteral("limit"), orNull(r.gpuLimit)},
                          {QStringLiteral("overQuotaWeight"), orNull(r.gpuOverQuotaWeight)}});
    o.insert(QStringLiteral("cpu"),
             QJsonObject {{QStringLiteral("deserved"), orNull(r.cpuDeservedMillis)},
                          {QStringLiteral("limit"), orNull(r.cpuLimitMillis)}});
    o.insert(QStringLiteral("memory"),
             QJsonObject {{QStringLiteral("deserved"), orNull(r.memoryDeservedMb)},
                          {QStringLiteral("limit"), orNull(r.memoryLimitMb)},
                          {QStringLiteral("units"), QStringLiteral("MB")}});
    if (!r.priority.isEmpty())
        o.insert(QStringLiteral("priority"), r.priority);
    return o;
}

void ControlPlaneClient::updateResources(const api::OrgUnit &unit,
                                         const QList<api::PoolResources> &resources,
                                         QObject *ctx,
                                         Handler<bool> done)
{
    QJsonArray array;
    for (const api::PoolResources &r : resources)
        array.append(resourcesToJson(r));
    HttpCall call;
    call.verb = "PUT";
    call.path = (unit.kind == api::OrgUnit::Kind::Project
                     ? QStringLiteral("/api/v1/org-unit/projects/")
                     : QStringLiteral("/api/v1/org-unit/departments/"))
                + unit.id + QStringLiteral("/resources");
    call.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    send(call, ctx, [done](const HttpResponse &response) {
        done(response.ok() ? Result<bool>::success(true) : Result<bool>::failure(response.error));
    });
}

void ControlPlaneClient::callJson(const HttpCall &call, QObject *ctx, Handler<QByteArray> done)
{
    send(call, ctx, [done](const HttpResponse &response) {
        done(response.ok() ? Result<QByteArray>::success(response.body)
                           : Result<QByteArray>::failure(response.error));
    });
}
