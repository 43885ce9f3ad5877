#pragma once

// One simulated GPU cluster process: its own API (http/ server + router), the simulation, the SQLite
// state file, and the cluster-sync loop (pull → schedule → advance → push) every cycle.

#include "clusterserver_options.h"
#include "clustersimulation.h"
#include "clusterstore.h"
#include "syncclient.h"
#include "workloadjson.h"

#include "auth/jwt.h"
#include "http/httpserver.h"
#include "http/router.h"
#include "rbac/rbactypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace gpudesk::cluster {

class DemoWorkloadSeeder;

class ClusterServer : public QObject
{
    Q_OBJECT
public:
    explicit ClusterServer(ClusterOptions options, QObject *parent = nullptr);
    ~ClusterServer() override;

    // Opens the state file, restores workloads, listens. Returns an error in plain words, or empty.
    QString start();
    QString url() const;
    ClusterSimulation &simulation() { return *m_sim; }

    // One full cycle without the network (bench): schedule, advance, persist, build the push body.
    QByteArray runCycleForBench(qint64 nowMs);

private:
    // loop
    void tick();
    void registerWithControlPlane();
    void applyDesiredState(const DesiredState &state);
    void runCycle(qint64 nowMs);
    QByteArray buildPushBody(qint64 nowMs);
    void afterPush(bool ok);
    void persist();
    void rebuildAuthorizer();

    // API (clusterapi.cpp)
    void addRoutes();
    struct Caller
    {
        rbac::Subject subject;
        QString display;
    };
    std::optional<http::Response> authenticate(const http::Request &request, Caller *caller) const;
    bool mayOnProject(const Caller &caller,
                      const QString &resourceType,
                      const QString &action,
                      const QString &projectId) const;
    http::Response handleSubmit(const http::Request &request, const QString &apiType);
    http::Response handleAction(const http::Request &request,
                                const QString &apiType,
                                const QString &action);
    http::Response handleList(const http::Request &request);
    http::Response handleGet(const http::Request &request);
    http::Response handlePods(const http::Request &request);
    http::Response handleEvents(const http::Request &request);
    http::Response handleLogs(const http::Request &request);
    http::Response handleBatch(const http::Request &request);
    http::Response handleNodes(const http::Request &request);
    http::Response handleInfo(const http::Request &request);
    ClusterIdentity identity() const;
    const SimWorkload *findVisible(const http::Request &request,
                                   const Caller &caller,
                                   std::optional<http::Response> *error) const;

    ClusterOptions m_options;
    std::unique_ptr<ClusterSimulation> m_sim;
    ClusterStore m_store;
    SyncClient m_sync;
    http::Router m_router;
    std::unique_ptr<http::HttpServer> m_http;
    std::unique_ptr<auth::TokenVerifier> m_verifier;
    rbac::Authorizer m_authorizer;
    std::unique_ptr<DemoWorkloadSeeder> m_seeder;
    std::unique_ptr<DemoWorkloadSeeder> m_benchSeeder; // --preload
    bool m_preloadAnnounced = false;
    QTimer m_timer;
    QElapsedTimer m_clock;

    QString m_clusterId, m_tenantId;
    QByteArray m_syncToken;
    QString m_cursor;
    bool m_busy = false;
    bool m_fullSyncNeeded = true;
    qint64 m_lastCycleMs = 0;
    qint64 m_startedAtMs = 0;
    QStringList m_ackedSubmissions; // acked in the push that is in flight or next
    QStringList m_unpushedRemovedWorkloads;
    QStringList m_unpushedRemovedPods;
    QVector<SimEvent> m_unpushedEvents;
    QSet<QString> m_toPush;       // changed workloads not yet pushed
    QSet<QString> m_pushInFlight; // workloads whose state rides on the push in flight
    qsizetype m_eventsInFlight = 0;
    bool m_nodesPushed = false;
    QString m_lastSyncError;
    int m_statCycles = 0, m_statEngineRuns = 0;
    qint64 m_statEngineMs = 0, m_statCycleMs = 0, m_statPushMs = 0, m_statPushBytes = 0;
};

} // namespace gpudesk::cluster
