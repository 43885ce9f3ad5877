#include "clusterserver.h"

#include "demoseeder.h"
#include "gpudesk_version.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace gpudesk::cluster {

namespace {

constexpr int maxBufferedEvents = 20000;
constexpr qsizetype pushBatch = 2000;

void logLine(const QString &text)
{
    QTextStream(stderr) << QDateTime::currentDateTimeUtc().toString(Qt::ISODate) << ' ' << text
                        << '\n';
}

} // namespace

ClusterServer::ClusterServer(ClusterOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_sim(std::make_unique<ClusterSimulation>(m_options.name,
                                                m_options.pools,
                                                makeClusterScheduler()))
    , m_sync(m_options.controlPlaneUrl)
{
    if (m_options.seed == QLatin1String("demo"))
        m_seeder = std::make_unique<DemoWorkloadSeeder>();
    connect(&m_timer, &QTimer::timeout, this, &ClusterServer::tick);
}

ClusterServer::~ClusterServer() = default;

QString ClusterServer::start()
{
    if (!m_options.statePath.isEmpty()) {
        if (const QString error = m_store.open(m_options.statePath); !error.isEmpty())
            return error;
        m_clusterId = m_store.value(QStringLiteral("clusterId"));
        m_tenantId = m_store.value(QStringLiteral("tenantId"));
        m_syncToken = m_store.value(QStringLiteral("syncToken")).toUtf8();
        const QByteArray pem = m_store.value(QStringLiteral("publicKeyPem")).toUtf8();
        if (!pem.isEmpty())
            m_verifier = std::make_unique<auth::TokenVerifier>(pem);
        m_sim->restore(m_store.loadWorkloads(), m_store.loadEvents());
        const QString orgJson = m_store.value(QStringLiteral("lastDesiredState"));
        if (!orgJson.isEmpty()) {
            m_sim->setOrg(parseDesiredState(QJsonDocument::fromJson(orgJson.toUtf8()).object()));
            rebuildAuthorizer();
        }
    }
    addRoutes();
    m_http = std::make_unique<http::HttpServer>([this](const http::Request &request) {
        http::Request copy = request;
        return m_router.dispatch(copy);
    });
    if (const QString error = m_http->listen(m_options.listenAddress, m_options.listenPort);
        !error.isEmpty())
        return QStringLiteral("cannot listen on %1:%2: %3")
            .arg(m_options.listenAddress.toString())
            .arg(m_options.listenPort)
            .arg(error);
    m_startedAtMs = m_lastCycleMs = QDateTime::currentMSecsSinceEpoch();
    m_clock.start();
    if (!m_options.offline) {
        m_timer.start(m_options.cycleMs);
        QTimer::singleShot(0, this, &ClusterServer::tick);
    }
    return QString();
}

QString ClusterServer::url() const
{
    return m_http ? m_http->baseUrl() : QString();
}

ClusterIdentity ClusterServer::identity() const
{
    return ClusterIdentity {m_clusterId, m_tenantId, m_options.name};
}

void ClusterServer::tick()
{
    if (m_busy)
        return; // the previous cycle still waits for the control plane
    m_busy = true;
    if (m_syncToken.isEmpty()) {
        runCycle(QDateTime::currentMSecsSinceEpoch());
        registerWithControlPlane();
        return;
    }
    m_sync.pullDesiredState(m_syncToken, m_cursor, [this](const SyncReply &reply) {
        if (reply.ok()) {
            applyDesiredState(parseDesiredState(reply.body));
            m_store.setValue(QStringLiteral("lastDesiredState"),
                             QString::fromUtf8(
                                 QJsonDocument(reply.body).toJson(QJsonDocument::Compact)));
        } else if (reply.httpStatus == 401) {
            logLine(QStringLiteral("cluster %1: the control plane no longer accepts the sync "
                                   "token; registering again")
                        .arg(m_options.name));
            m_syncToken.clear();
        } else if (reply.error != m_lastSyncError) {
            logLine(QStringLiteral("cluster %1: pulling desired state failed: %2")
                        .arg(m_options.name, reply.error));
        }
        m_lastSyncError = reply.ok() ? QString() : reply.error;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        runCycle(now);
        if (m_syncToken.isEmpty()) {
            m_busy = false;
            return;
        }
        QElapsedTimer pushTimer;
        pushTimer.start();
        const QByteArray body = buildPushBody(now);
        m_statPushMs += pushTimer.elapsed();
        m_statPushBytes = body.size();
        m_sync.pushState(m_syncToken, body, [this](const SyncReply &pushReply) {
            if (!pushReply.ok() && pushReply.error != m_lastSyncError)
                logLine(QStringLiteral("cluster %1: pushing state failed: %2")
                            .arg(m_options.name, pushReply.error));
            m_lastSyncError = pushReply.ok() ? QString() : pushReply.error;
            afterPush(pushReply.ok());
            m_busy = false;
        });
    });
}

void ClusterServer::registerWithControlPlane()
{
    if (m_options.clusterToken.isEmpty()) {
        if (m_lastSyncError.isEmpty())
            logLine(QStringLiteral("cluster %1: not registered and no --cluster-token given")
                        .arg(m_options.name));
        m_lastSyncError = QStringLiteral("no cluster token");
        m_busy = false;
        return;
    }
    const QJsonObject body {{QStringLiteral("name"), m_options.name},
                            {QStringLiteral("domain"), url()},
                            {QStringLiteral("version"), QStringLiteral(GPUDESK_VERSION)},
                            {QStringLiteral("platform"),
                             QJsonObject {{QStringLiteral("type"), QStringLiteral("simulated")},
                                          {QStringLiteral("kubeVersion"),
                                           QStringLiteral("v1.29.4-gpudesk-sim")}}}};
    m_sync.registerCluster(m_options.clusterToken, body, [this](const SyncReply &reply) {
        m_busy = false;
        if (!reply.ok()) {
            if (reply.error != m_lastSyncError)
                logLine(QStringLiteral("cluster %1: registration failed: %2")
                            .arg(m_options.name, reply.error));
            m_lastSyncError = reply.error;
            return;
        }
        m_lastSyncError.clear();
        m_clusterId = reply.body.value(QLatin1String("clusterId")).toString();
        m_tenantId = reply.body.value(QLatin1String("tenantId")).toVariant().toString();
        m_syncToken = reply.body.value(QLatin1String("syncToken")).toString().toUtf8();
        const QByteArray pem = reply.body.value(QLatin1String("tokenPublicKey"))
                                   .toObject()
                                   .value(QLatin1String("pem"))
                                   .toString()
                                   .toUtf8();
        m_verifier = std::make_unique<auth::TokenVerifier>(pem);
        m_store.setValue(QStringLiteral("clusterId"), m_clusterId);
        m_store.setValue(QStringLiteral("tenantId"), m_tenantId);
        m_store.setValue(QStringLiteral("syncToken"), QString::fromUtf8(m_syncToken));
        m_store.setValue(QStringLiteral("publicKeyPem"), QString::fromUtf8(pem));
        m_fullSyncNeeded = true;
        rebuildAuthorizer();
        logLine(QStringLiteral("cluster %1: registered with %2 as cluster %3")
                    .arg(m_options.name, m_options.controlPlaneUrl.toString(), m_clusterId));
    });
}

void ClusterServer::rebuildAuthorizer()
{
    const DesiredState &org = m_sim->org();
    rbac::OrgTree tree;
    const QString tenant = m_tenantId.isEmpty() ? QStringLiteral("1") : m_tenantId;
    tree.addTenant(tenant, QStringLiteral("tenant"));
    tree.addCluster(m_clusterId, m_options.name, tenant);
    for (const OrgUnit &d : org.departments)
        tree.addDepartment(d.id, d.name, m_clusterId);
    for (const OrgUnit &p : org.projects)
        tree.addProject(p.id, p.name, p.parentId);
    m_authorizer = rbac::Authorizer(org.roles, org.accessRules, tree);
}

void ClusterServer::applyDesiredState(const DesiredState &state)
{
    m_cursor = state.cursor;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_sim->setOrg(state);
    rebuildAuthorizer();
    for (const QueuedSubmission &s : state.submissions) {
        if (m_ackedSubmissions.contains(s.id))
            continue;
        if (s.action == QLatin1String("submit")) {
            SubmissionContext ctx;
            ctx.apiType = s.type;
            ctx.workloadId = s.workloadId;
            ctx.submittedBy = s.submittedBy;
            ctx.source = QStringLiteral("Control-plane");
            ctx.clusterId = m_clusterId;
            ctx.nowMs = now;
            SubmissionError error;
            if (!isWorkloadApiType(s.type))
                logLine(QStringLiteral("cluster %1: queued submission %2 has unknown type '%3'")
                            .arg(m_options.name, s.id, s.type));
            else if (!m_sim->submit(s.body, ctx, &error) && error.status != 409)
                logLine(QStringLiteral("cluster %1: queued submission %2 refused: %3")
                            .arg(m_options.name, s.id, error.message));
        } else if (s.action == QLatin1String("suspend")) {
            m_sim->suspend(s.workloadId);
        } else if (s.action == QLatin1String("resume")) {
            m_sim->resume(s.workloadId);
        } else if (s.action == QLatin1String("delete")) {
            m_sim->remove(s.workloadId);
        }
        m_ackedSubmissions.append(s.id);
    }
}

void ClusterServer::runCycle(qint64 nowMs)
{
    const qint64 simDelta = qint64(double(std::max<qint64>(0, nowMs - m_lastCycleMs))
                                   * m_options.timeScale);
    m_lastCycleMs = nowMs;
    if (m_options.preload > 0) {
        if (!m_benchSeeder)
            m_benchSeeder = std::make_unique<DemoWorkloadSeeder>();
        const int n = m_benchSeeder->benchPopulation(*m_sim, m_clusterId, m_options.preload, nowMs);
        if (n > 0 && !m_preloadAnnounced) {
            m_preloadAnnounced = true;
            logLine(QStringLiteral("cluster %1: preloaded %2 workloads")
                        .arg(m_options.name)
                        .arg(m_sim->workloads().size()));
        }
    }
    if (m_seeder)
        m_seeder->topUp(*m_sim, m_clusterId, nowMs);
    QElapsedTimer cycleTimer;
    cycleTimer.start();
    const CycleStats stats = m_sim->step(nowMs, simDelta);
    m_statEngineMs += stats.engineMs;
    m_statEngineRuns += stats.engineRuns;
    if (!stats.lastError.isEmpty())
        logLine(QStringLiteral("cluster %1: scheduling failed: %2")
                    .arg(m_options.name, stats.lastError));
    if (m_seeder)
        m_seeder->prune(*m_sim);
    persist();
    m_statCycleMs += cycleTimer.elapsed();
}

void ClusterServer::persist()
{
    QVector<const SimWorkload *> changed;
    for (const QString &id : m_sim->takeChangedForStore())
        if (const SimWorkload *w = m_sim->workload(id))
            changed.append(w);
    const QVector<SimEvent> events = m_sim->takeEventsForStore();
    const QStringList removed = m_sim->takeRemovedForStore();
    if (!m_options.statePath.isEmpty())
        m_store.save(changed, removed, events);
}

QByteArray ClusterServer::buildPushBody(qint64 nowMs)
{
    const ClusterIdentity id = identity();
    // Changed workloads wait in m_toPush; one push carries at most pushBatch of them (a 10,000-workload
    // cluster syncs in a few cycles instead of one huge body). A failed push puts them back.
    m_toPush += m_sim->takeChangedForPush();
    bool full = false;
    if (m_fullSyncNeeded) {
        for (const auto &[wid, w] : m_sim->workloads())
            m_toPush.insert(wid);
        full = m_toPush.size() <= pushBatch; // "replace everything" only when everything fits
        m_fullSyncNeeded = false;
    }
    QJsonArray workloads, pods;
    m_pushInFlight.clear();
    for (auto it = m_toPush.begin(); it != m_toPush.end() && m_pushInFlight.size() < pushBatch;) {
        if (const SimWorkload *w = m_sim->workload(*it)) {
            workloads.append(workloadToApi(*w, id));
            for (int i = 0; i < w->pods.size(); ++i)
                pods.append(podToApi(*w, i, id));
            m_pushInFlight.insert(*it);
        }
        it = m_toPush.erase(it);
    }
    m_unpushedRemovedWorkloads += m_sim->takeRemovedForPush();
    m_unpushedRemovedPods += m_sim->takeRemovedPodsForPush();
    m_unpushedEvents += m_sim->takeEventsForPush();
    if (m_unpushedEvents.size() > maxBufferedEvents)
        m_unpushedEvents.remove(0, m_unpushedEvents.size() - maxBufferedEvents);
    QJsonArray events;
    m_eventsInFlight = std::min<qsizetype>(m_unpushedEvents.size(), pushBatch * 2);
    for (qsizetype i = 0; i < m_eventsInFlight; ++i) {
        const SimEvent &e = m_unpushedEvents.at(i);
        events.append(eventToApi(e, m_sim->workload(e.workloadId), id));
    }

    QJsonObject body {{QStringLiteral("domain"), url()},
                      {QStringLiteral("ackedSubmissionIds"),
                       QJsonArray::fromStringList(m_ackedSubmissions)},
                      {QStringLiteral("fullSync"), full},
                      {QStringLiteral("workloads"), workloads},
                      {QStringLiteral("removedWorkloadIds"),
                       QJsonArray::fromStringList(m_unpushedRemovedWorkloads)},
                      {QStringLiteral("pods"), pods},
                      {QStringLiteral("removedPodIds"),
                       QJsonArray::fromStringList(m_unpushedRemovedPods)},
                      {QStringLiteral("events"), events}};
    const bool nodesChanged = m_sim->takeNodesChanged() || !m_nodesPushed;
    const QVector<GpuSample> samples = m_sim->nodeGpuSamples(nowMs);
    QJsonArray nodeMetrics, nodes;
    QHash<QString, std::pair<int, double>> poolTotals; // nodes, allocated GPUs
    for (int i = 0; i < m_sim->nodes().size(); ++i) {
        const SimNode &n = m_sim->nodes().at(i);
        const double allocated = m_sim->allocatedGpus(n);
        auto &totals = poolTotals[n.pool];
        totals.first++;
        totals.second += allocated;
        if (full || nodesChanged)
            nodes.append(nodeToApi(n, allocated, id, m_startedAtMs));
        QJsonArray util, mem;
        double busy = 0;
        for (int d = 0; d < n.gpuCount; ++d) {
            util.append(std::round(samples.at(i).utilization.value(d) * 10) / 10);
            mem.append(double(samples.at(i).memoryBytes.value(d)));
            busy += samples.at(i).utilization.value(d);
        }
        nodeMetrics.append(QJsonObject {{QStringLiteral("name"), n.name},
                                        {QStringLiteral("gpuUtilization"), util},
                                        {QStringLiteral("gpuMemoryUsedBytes"), mem},
                                        {QStringLiteral("cpuUtilization"),
                                         std::round(busy / n.gpuCount * 0.4 + 3)}});
    }
    if (full || nodesChanged) {
        QJsonArray pools;
        for (const NodePoolSpec &pool : m_sim->pools()) {
            const auto totals = poolTotals.value(pool.name);
            pools.append(
                QJsonObject {{QStringLiteral("name"), pool.name},
                             {QStringLiteral("nodes"), totals.first},
                             {QStringLiteral("gpus"), totals.first * pool.gpusPerNode},
                             {QStringLiteral("gpuType"), pool.gpuType},
                             {QStringLiteral("allocatedGpus"), totals.second},
                             {QStringLiteral("placementStrategy"),
                              QJsonObject {{QStringLiteral("gpu"), QStringLiteral("binpack")},
                                           {QStringLiteral("cpu"), QStringLiteral("binpack")}}},
                             {QStringLiteral("phase"), QStringLiteral("Ready")}});
        }
        body.insert(QStringLiteral("nodes"), nodes);
        body.insert(QStringLiteral("nodePools"), pools);
    }
    QJsonArray workloadMetrics;
    for (const auto &[wid, w] : m_sim->workloads()) {
        if (!w.isActive())
            continue;
        workloadMetrics.append(
            QJsonObject {{QStringLiteral("id"), w.id},
                         {QStringLiteral("gpuUtilization"),
                          std::round(m_sim->workloadGpuUtilization(w, nowMs) * 10) / 10},
                         {QStringLiteral("gpuMemoryUsageBytes"),
                          double(m_sim->workloadGpuMemoryBytes(w, nowMs))}});
    }
    body.insert(QStringLiteral("metrics"),
                QJsonObject {{QStringLiteral("timestamp"), isoTime(nowMs)},
                             {QStringLiteral("nodes"), nodeMetrics},
                             {QStringLiteral("workloads"), workloadMetrics}});
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void ClusterServer::afterPush(bool ok)
{
    if (ok) {
        m_ackedSubmissions.clear();
        m_unpushedRemovedWorkloads.clear();
        m_unpushedRemovedPods.clear();
        m_unpushedEvents.remove(0, std::min(m_eventsInFlight, m_unpushedEvents.size()));
        m_nodesPushed = true;
    } else {
        m_toPush += m_pushInFlight; // sent again with the next push
        m_nodesPushed = false;
    }
    m_pushInFlight.clear();
    m_eventsInFlight = 0;
    if (m_options.stats && ++m_statCycles == 10) {
        int active = 0, pending = 0;
        for (const auto &[wid, w] : m_sim->workloads()) {
            active += w.isActive();
            pending += w.phase == QLatin1String("Pending");
        }
        logLine(
            QStringLiteral(
                "cycle stats: 10 cycles, %1 workloads (%2 running or initializing, %3 pending), "
                "engine %4 runs %5 ms, simulate+persist %6 ms, push build %7 ms, last push %8 KiB")
                .arg(m_sim->workloads().size())
                .arg(active)
                .arg(pending)
                .arg(m_statEngineRuns)
                .arg(m_statEngineMs)
                .arg(m_statCycleMs)
                .arg(m_statPushMs)
                .arg(m_statPushBytes / 1024));
        m_statCycles = m_statEngineRuns = 0;
        m_statEngineMs = m_statCycleMs = m_statPushMs = 0;
    }
}

QByteArray ClusterServer::runCycleForBench(qint64 nowMs)
{
    runCycle(nowMs);
    const QByteArray body = buildPushBody(nowMs);
    afterPush(true);
    return body;
}

} // namespace gpudesk::cluster
