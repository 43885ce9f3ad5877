// The cluster's own API (api.md §3.9 bodies, plus the logs extension of §3.10). Tokens come from the
// control plane and are verified here with its public key; access is checked against the access rules
// the cluster pulled, so a researcher submits only into projects granted to them.
#include "clusterserver.h"

#include "http/json.h"
#include "http/listquery.h"
#include "workloadtiming.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

namespace gpudesk::cluster {

namespace {

QString resourceTypeFor(const QString &apiType)
{
    if (apiType == QLatin1String("workspaces"))
        return QStringLiteral("workspaces");
    if (apiType == QLatin1String("inferences"))
        return QStringLiteral("inferences");
    return QStringLiteral("trainings"); // trainings and distributed trainings
}

const QStringList apiTypes = {QStringLiteral("trainings"),
                              QStringLiteral("workspaces"),
                              QStringLiteral("distributed"),
                              QStringLiteral("inferences")};

QByteArray formatLine(const LogLine &line, bool timestamps)
{
    QByteArray out;
    if (timestamps)
        out = QDateTime::fromMSecsSinceEpoch(line.wallMs, Qt::UTC)
                  .toString(Qt::ISODateWithMs)
                  .toUtf8()
              + ' ';
    return out + line.text.toUtf8() + '\n';
}

} // namespace

void ClusterServer::addRoutes()
{
    m_router.add("GET", QStringLiteral("/healthz"), [](const http::Request &) {
        return http::jsonResponse(200,
                                  QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")}});
    });
    m_router.add("GET", QStringLiteral("/api/v1/cluster"), [this](const http::Request &r) {
        return handleInfo(r);
    });
    m_router.add("GET", QStringLiteral("/api/v1/workloads"), [this](const http::Request &r) {
        return handleList(r);
    });
    m_router.add("GET", QStringLiteral("/api/v1/workloads/count"), [this](const http::Request &r) {
        return handleList(r);
    });
    m_router.add("POST", QStringLiteral("/api/v1/workloads/batch"), [this](const http::Request &r) {
        return handleBatch(r);
    });
    m_router.add("GET",
                 QStringLiteral("/api/v1/workloads/{workloadId}"),
                 [this](const http::Request &r) { return handleGet(r); });
    m_router.add("GET",
                 QStringLiteral("/api/v1/workloads/{workloadId}/pods"),
                 [this](const http::Request &r) { return handlePods(r); });
    m_router.add("GET",
                 QStringLiteral("/api/v1/workloads/{workloadId}/events"),
                 [this](const http::Request &r) { return handleEvents(r); });
    m_router.add("GET",
                 QStringLiteral("/api/v1/workloads/{workloadId}/pods/{podId}/logs"),
                 [this](const http::Request &r) { return handleLogs(r); });
    m_router.add("GET", QStringLiteral("/api/v1/nodes"), [this](const http::Request &r) {
        return handleNodes(r);
    });
    for (const QString &type : apiTypes) {
        const QString base = QStringLiteral("/api/v1/workloads/") + type;
        m_router.add("POST", base, [this, type](const http::Request &r) {
            return handleSubmit(r, type);
        });
        m_router.add("GET", base + QStringLiteral("/{workloadId}"), [this](const http::Request &r) {
            return handleGet(r);
        });
        m_router.add("DELETE",
                     base + QStringLiteral("/{workloadId}"),
                     [this, type](const http::Request &r) {
                         return handleAction(r, type, QStringLiteral("delete"));
                     });
        if (type == QLatin1String("inferences"))
            continue;
        m_router.add("POST",
                     base + QStringLiteral("/{workloadId}/suspend"),
                     [this, type](const http::Request &r) {
                         return handleAction(r, type, QStringLiteral("suspend"));
                     });
        m_router.add("POST",
                     base + QStringLiteral("/{workloadId}/resume"),
                     [this, type](const http::Request &r) {
                         return handleAction(r, type, QStringLiteral("resume"));
                     });
    }
}

std::optional<http::Response> ClusterServer::authenticate(const http::Request &request,
                                                          Caller *caller) const
{
    const QByteArray token = request.bearerToken();
    if (token.isEmpty())
        return http::errorResponse(401,
                                   QStringLiteral(
                                       "Sign in first: this cluster needs an access token from its "
                                       "control plane (Authorization: Bearer <token>)."));
    if (!m_verifier || !m_verifier->isValid())
        return http::errorResponse(
            503,
            QStringLiteral("This cluster has not registered with its control plane yet, "
                           "so it cannot check access tokens. Try again shortly."));
    const auth::VerifyResult result = m_verifier->verify(token);
    if (!result.ok())
        return http::errorResponse(401,
                                   QStringLiteral(
                                       "The access token was refused: %1. Sign in again.")
                                       .arg(result.error));
    const auth::TokenClaims &claims = *result.claims;
    caller->subject.type = claims.subjectType.isEmpty() ? QStringLiteral("user")
                                                        : claims.subjectType;
    caller->subject.id = claims.subject;
    caller->subject.name = claims.name;
    caller->subject.groups = claims.groups;
    caller->display = claims.name.isEmpty() ? claims.subject : claims.name;
    return std::nullopt;
}

bool ClusterServer::mayOnProject(const Caller &caller,
                                 const QString &resourceType,
                                 const QString &action,
                                 const QString &projectId) const
{
    return m_authorizer.allowed(caller.subject,
                                resourceType,
                                action,
                                rbac::Scope {rbac::ScopeType::Project, projectId});
}

http::Response ClusterServer::handleInfo(const http::Request &request)
{
    Caller caller;
    if (auto error = authenticate(request, &caller))
        return *error;
    QJsonArray pools;
    for (const NodePoolSpec &pool : m_sim->pools())
        pools.append(QJsonObject {{QStringLiteral("name"), pool.name},
                                  {QStringLiteral("nodes"), pool.nodes},
                                  {QStringLiteral("gpusPerNode"), pool.gpusPerNode},
                                  {QStringLiteral("gpuType"), pool.gpuType}});
    return http::jsonResponse(200,
                              QJsonObject {{QStringLiteral("name"), m_options.name},
                                           {QStringLiteral("clusterId"), m_clusterId},
                                           {QStringLiteral("domain"), url()},
                                           {QStringLiteral("platform"),
                                            QJsonObject {{QStringLiteral("type"),
                                                          QStringLiteral("simulated")},
                                                         {QStringLiteral("kubeVersion"),
                                                          QStringLiteral("v1.29.4-gpudesk-sim")}}},
                                           {QStringLiteral("scheduler"), m_sim->schedulerName()},
                                           {QStringLiteral("timeScale"), m_options.timeScale},
                                           {QStringLiteral("nodePools"), pools},
                                           {QStringLiteral("registered"), !m_syncToken.isEmpty()}});
}

http::Response ClusterServer::handleSubmit(const http::Request &request, const QString &apiType)
{
    Caller caller;
    if (auto error = authenticate(request, &caller))
        return *error;
    const http::JsonObjectResult body = http::parseJsonObject(request);
    if (!body.ok())
        return *body.error;
    const QJsonValue projectValue = body.object.value(QLatin1String("projectId"));
    const QString projectId = projectValue.isDouble() ? QString::number(projectValue.toInt())
                                                      : projectValue.toString();
    if (const OrgUnit *project = m_sim->org().project(projectId)) {
        if (!mayOnProject(caller, resourceTypeFor(apiType), QStringLiteral("create"), projectId))
            return http::errorResponse(403,
                                       QStringLiteral("%1 may not submit %2 to project %3: no "
                                                      "access rule grants this in that project.")
                                           .arg(caller.display, apiType, project->name),
                                       QStringLiteral("Ask an administrator for a role that can "
                                                      "create %1 in project %2 (for example L1 "
                                                      "researcher).")
                                           .arg(apiType, project->name));
    }
    SubmissionContext ctx;
    ctx.apiType = apiType;
    ctx.submittedBy = caller.display;
    ctx.source = QStringLiteral("Other");
    ctx.clusterId = m_clusterId;
    ctx.nowMs = QDateTime::currentMSecsSinceEpoch();
    SubmissionError error;
    const auto id = m_sim->submit(body.object, ctx, &error);
    if (!id)
        return http::errorResponse(error.status,
                                   error.message,
                                   error.details.isEmpty() ? QJsonValue()
                                                           : QJsonValue(error.details));
    persist();
    return http::jsonResponse(202, submissionReply(*m_sim->workload(*id), identity()));
}

const SimWorkload *ClusterServer::findVisible(const http::Request &request,
                                              const Caller &caller,
                                              std::optional<http::Response> *error) const
{
    const QString id = request.pathParams.value(QStringLiteral("workloadId"));
    const SimWorkload *w = m_sim->workload(id);
    if (!w
        || !mayOnProject(caller, QStringLiteral("workloads"), QStringLiteral("read"), w->projectId)) {
        *error = http::errorResponse(404,
                                     QStringLiteral("Workload %1 does not exist on this cluster.")
                                         .arg(id));
        return nullptr;
    }
    return w;
}

http::Response ClusterServer::handleAction(const http::Request &request,
                                           const QString &apiType,
                                           const QString &action)
{
    Caller caller;
    if (auto error = authenticate(request, &caller))
        return *error;
    std::optional<http::Response> error;
    const SimWorkload *w = findVisible(request, caller, &error);
    if (!w)
        return *error;
    const QString permission = action == QLatin1String("delete") ? QStringLiteral("delete")
                                                                 : QStringLiteral("update");
    if (!mayOnProject(caller, resourceTypeFor(apiType), permission, w->projectId))
        return http::errorResponse(
            403,
            QStringLiteral("%1 may not %2 workload %3 in project %4: no access rule grants "
                           "this.")
                .arg(caller.display, action, w->name, w->projectName));
    const QString id = w->id;
    const ActionOutcome outcome = action == QLatin1String("suspend")  ? m_sim->suspend(id)
                                  : action == QLatin1String("resume") ? m_sim->resume(id)
                                                                      : m_sim->remove(id);
    persist();
    return http::jsonResponse(outcome.status,
                              QJsonObject {{QStringLiteral("code"), outcome.status},
                                           {QStringLiteral("message"), outcome.message}});
}

http::Response ClusterServer::handleBatch(const http::Request &request)
{
    Caller caller;
    if (auto error = authenticate(request, &caller))
        return *error;
    const http::JsonObjectResult body = http::parseJsonObject(request);
    if (!body.ok())
        return *body.error;
    const QString action = body.object.value(QLatin1String("action")).toString();
    if (action != QLatin1String("delete") && action != QLatin1String("suspend")
        && action != QLatin1String("resume"))
        return http::errorResponse(400, QStringLiteral("action must be delete, suspend or resume."));
    QJsonArray succeeded, failed;
    for (const auto &v : body.object.value(QLatin1String("ids")).toArray()) {
        const QString id = v.toString();
        const SimWorkload *w = m_sim->workload(id);
        ActionOutcome outcome {404,
                               QStringLiteral("Workload %1 does not exist on this cluster.").arg(id)};
        if (w
            && !mayOnProject(caller,
                             resourceTypeFor(w->apiType),
                             action == QLatin1String("delete") ? QStringLiteral("delete")
                                                               : QStringLiteral("update"),
                             w->projectId))
            outcome = {403,
                       QStringLiteral("%1 may not %2 workload %3.")
                           .arg(caller.display, action, w->name)};
        else if (w)
            outcome = action == QLatin1String("suspend")  ? m_sim->suspend(id)
                      : action == QLatin1String("resume") ? m_sim->resume(id)
                                                          : m_sim->remove(id);
        if (outcome.status < 300)
            succeeded.append(id);
        else
            failed.append(QJsonObject {{QStringLiteral("id"), id},
                                       {QStringLiteral("code"), outcome.status},
                                       {QStringLiteral("message"), outcome.message}});
    }
    persist();
    return http::jsonResponse(202,
                              QJsonObject {{QStringLiteral("succeeded"), succeeded},
                                           {QStringLiteral("failed"), failed}});
}

http::Response ClusterServer::handleList(const http::Request &request)
{
    Caller caller;
    if (auto error = authenticate(request, &caller))
        return *error;
    http::ListOptions options;
    options.defaultSortBy = QStringLiteral("createdAt");
    options.searchFields = {QStringLiteral("name"),
                            QStringLiteral("projectName"),
                            QStringLiteral("submittedBy")};
    http::ListQuery query;
    if (auto error = http::ListQuery::parse(request, options, &query))
        return *error;
    QList<QJsonObject> items;
    const ClusterIdentity id = identity();
    for (const auto &[wid, w] : m_sim->workloads())
        if (mayOnProject(caller, QStringLiteral("workloads"), QStringLiteral("read"), w.projectId))
            items.append(workloadToApi(w, id));
    int total = 0;
    const QList<QJsonObject> page = query.apply(items, &total);
    if (request.path.endsWith(QLatin1String("/count")))
        return http::jsonResponse(200, QJsonObject {{QStringLiteral("count"), total}});
    QJsonArray array;
    for (const QJsonObject &o : page)
        array.append(o);
    const int next = query.nextOffset(total);
    return http::jsonResponse(200,
                              QJsonObject {{QStringLiteral("workloads"), array},
                                           {QStringLiteral("next"),
                                            next < 0 ? QJsonValue() : QJsonValue(next)},
                                           {QStringLiteral("totalRecords"), total}});
}

http::Response ClusterServer::handleGet(const http::Request &request)
{
    Caller caller;
    if (auto error = authenticate(request, &caller))
        return *error;
    std::optional<http::Response> error;
    const SimWorkload *w = findVisible(request, caller, &error);
    return w ? http::jsonResponse(200, workloadToApi(*w, identity())) : *error;
}

http::Response ClusterServer::handlePods(const http::Request &request)
{
    Caller caller;
    if (auto error = authenticate(request, &caller))
        return *error;
    std::optional<http::Response> error;
    const SimWorkload *w = findVisible(request, caller, &error);
    if (!w)
        return *error;
    QJsonArray pods;
    for (int i = 0; i < w->pods.size(); ++i)
        pods.append(podToApi(*w, i, identity()));
    return http::jsonResponse(200,
                              QJsonObject {{QStringLiteral("pods"), pods},
                                           {QStringLiteral("next"), QJsonValue()}});
}

http::Response ClusterServer::handleEvents(const http::Request &request)
{
    Caller caller;
    if (auto error = authenticate(request, &caller))
        return *error;
    std::optional<http::Response> error;
    const SimWorkload *w = findVisible(request, caller, &error);
    if (!w)
        return *error;
    const QVector<SimEvent> events = m_sim->eventsOf(w->id);
    const bool ascending = request.queryValue(QStringLiteral("sortOrder")) == QLatin1String("asc");
    QJsonArray array;
    for (qsizetype i = 0; i < events.size(); ++i)
        array.append(eventToApi(events.at(ascending ? i : events.size() - 1 - i), w, identity()));
    return http::jsonResponse(200,
                              QJsonObject {{QStringLiteral("events"), array},
                                           {QStringLiteral("next"), QJsonValue()}});
}

http::Response ClusterServer::handleNodes(const http::Request &request)
{
    Caller caller;
    if (auto error = authenticate(request, &caller))
        return *error;
    QJsonArray nodes;
    for (const SimNode &n : m_sim->nodes())
        nodes.append(nodeToApi(n, m_sim->allocatedGpus(n), identity(), m_startedAtMs));
    return http::jsonResponse(200, QJsonObject {{QStringLiteral("nodes"), nodes}});
}

http::Response ClusterServer::handleLogs(const http::Request &request)
{
    Caller caller;
    if (auto error = authenticate(request, &caller))
        return *error;
    std::optional<http::Response> error;
    const SimWorkload *w = findVisible(request, caller, &error);
    if (!w)
        return *error;
    const QString podId = request.pathParams.value(QStringLiteral("podId"));
    int podIndex = -1;
    for (int i = 0; i < w->pods.size(); ++i)
        if (w->pods.at(i).id == podId || w->pods.at(i).name == podId)
            podIndex = i;
    if (podIndex < 0)
        return http::errorResponse(404,
                                   QStringLiteral("Pod %1 is not a pod of workload %2.")
                                       .arg(podId, w->name));
    const QString container = request.queryValue(QStringLiteral("container"));
    if (!container.isEmpty() && container != containerName(*w))
        return http::errorResponse(
            400,
            QStringLiteral("Container '%1' is not valid for pod %2; choose one of [%3].")
                .arg(container, w->pods.at(podIndex).name, containerName(*w)));
    bool tailOk = true, sinceOk = true;
    const QString tailText = request.queryValue(QStringLiteral("tail"));
    const QString sinceText = request.queryValue(QStringLiteral("sinceSeconds"));
    const int tail = tailText.isEmpty() ? -1 : tailText.toInt(&tailOk);
    const qint64 sinceSeconds = sinceText.isEmpty() ? 0 : sinceText.toLongLong(&sinceOk);
    if (!tailOk || tail < -1 || !sinceOk || sinceSeconds < 0)
        return http::errorResponse(
            400, QStringLiteral("tail and sinceSeconds must be whole numbers of zero or more."));
    const bool timestamps = request.queryValue(QStringLiteral("timestamps"))
                            == QLatin1String("true");
    const bool follow = request.queryValue(QStringLiteral("follow")) == QLatin1String("true");
    const qint64 sinceMs = sinceSeconds > 0
                               ? QDateTime::currentMSecsSinceEpoch() - sinceSeconds * 1000
                               : 0;

    QVector<LogLine> lines = podLog(*w, podIndex, m_options.timeScale);
    if (sinceMs > 0)
        lines.erase(std::remove_if(lines.begin(),
                                   lines.end(),
                                   [sinceMs](const LogLine &l) { return l.wallMs < sinceMs; }),
                    lines.end());
    const qsizetype produced = podLog(*w, podIndex, m_options.timeScale).size();
    if (tail >= 0 && lines.size() > tail)
        lines.remove(0, lines.size() - tail);
    QByteArray initial;
    for (const LogLine &line : std::as_const(lines))
        initial += formatLine(line, timestamps);
    if (!follow) {
        if (w->pods.at(podIndex).startedAtMs <= 0 && !w->isTerminal())
            return http::errorResponse(400,
                                       QStringLiteral(
                                           "Pod %1 has not started yet (workload is %2); its log "
                                           "appears once it runs. Use follow=true to wait for it.")
                                           .arg(w->pods.at(podIndex).name, w->phase));
        http::Response response;
        response.status = 200;
        response.contentType = "text/plain; charset=utf-8";
        response.body = initial;
        return response;
    }
    // follow: send what exists, then poll the simulation and send new lines until the pod ends
    const QString workloadId = w->id;
    const int attempt = w->attempt;
    http::Response response;
    response.status = 200;
    response.contentType = "text/plain; charset=utf-8";
    QPointer<ClusterServer> self(this);
    response.streamer = [self, workloadId, podIndex, attempt, initial, produced, timestamps](
                            const std::shared_ptr<http::ResponseStream> &stream) {
        if (!initial.isEmpty())
            stream->write(initial);
        auto *timer = new QTimer;
        auto sent = std::make_shared<qsizetype>(produced);
        auto waitAttempt = std::make_shared<int>(attempt);
        QObject::connect(
            timer,
            &QTimer::timeout,
            timer,
            [self, stream, timer, sent, waitAttempt, workloadId, podIndex, timestamps] {
                const SimWorkload *w = self ? self->m_sim->workload(workloadId) : nullptr;
                if (!stream->isOpen() || !w) {
                    stream->finish();
                    timer->deleteLater();
                    return;
                }
                const SimPod &pod = w->pods.at(podIndex);
                if (w->attempt != *waitAttempt) {
                    if (*sent
                        > 0) { // the pod was recreated (eviction): this stream ends with the old pod
                        stream->finish();
                        timer->deleteLater();
                        return;
                    }
                    *waitAttempt = w->attempt; // we were waiting for the first start
                }
                const QVector<LogLine> lines = podLog(*w, podIndex, self->m_options.timeScale);
                QByteArray chunk;
                for (qsizetype i = std::min(*sent, lines.size()); i < lines.size(); ++i)
                    chunk += formatLine(lines.at(i), timestamps);
                if (lines.size() > *sent)
                    *sent = lines.size();
                if (!chunk.isEmpty())
                    stream->write(chunk);
                const bool ended = w->isTerminal() || w->phase == QLatin1String("Stopped")
                                   || (pod.startedAtMs > 0
                                       && pod.k8sPhase != QLatin1String("Running"))
                                   || (*sent > 0 && pod.startedAtMs <= 0);
                if (ended) {
                    stream->finish();
                    timer->deleteLater();
                }
            });
        timer->start(250);
    };
    return response;
}

} // namespace gpudesk::cluster
