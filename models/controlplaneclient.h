#pragma once

// Typed calls to the control plane (api.md paths). Every call delivers Result<T> to a handler that runs
// on the GUI thread, and only while `context` is alive. Lists that the server pages are fetched to the end
// (fetchAll…) except workloads and the audit log, which are paged by the caller (50,000 rows).

#include "apiparsers.h"
#include "httpclient.h"

#include <QJsonObject>

struct WorkloadQuery
{
    int offset = 0;
    int limit = 500;
    QString sortBy; // createdAt, name, phase … (api.md §3.9)
    bool descending = false;
    QStringList filterBy; // "<field><op><value>", e.g. "projectName==team-a"
    QString search;
    bool deleted = false;
};

class ControlPlaneClient : public HttpClient
{
    Q_OBJECT
public:
    template<typename T>
    using Handler = std::function<void(const Result<T> &)>;

    explicit ControlPlaneClient(const QUrl &url, QObject *parent = nullptr);

    // Tokens: POST /api/v1/token with grantType password | client_credentials | refresh_token.
    void loginWithPassword(const QString &user,
                           const QString &password,
                           QObject *ctx,
                           Handler<api::TokenSet> done);
    void loginWithClientCredentials(const QString &clientId,
                                    const QString &secret,
                                    QObject *ctx,
                                    Handler<api::TokenSet> done);
    void refreshToken(const QString &refreshToken, QObject *ctx, Handler<api::TokenSet> done);
    // Logout: POST /api/v1/me/logout with the current access token revokes the caller's refresh tokens
    // (the refresh token is sent too, for servers that revoke one token at a time).
    void revokeToken(const QString &refreshToken, QObject *ctx, Handler<bool> done);

    void fetchClusters(QObject *ctx, Handler<QList<api::Cluster>> done);
    void fetchDepartments(QObject *ctx, Handler<QList<api::OrgUnit>> done);
    void fetchProjects(QObject *ctx, Handler<QList<api::OrgUnit>> done);
    void fetchNodePools(QObject *ctx, Handler<QList<api::NodePool>> done);
    void fetchNodes(QObject *ctx, Handler<QList<api::Node>> done);
    void fetchUsers(QObject *ctx, Handler<QList<api::User>> done);
    void fetchServiceAccounts(QObject *ctx, Handler<QList<api::ServiceAccount>> done);
    void fetchRoles(QObject *ctx, Handler<QList<api::Role>> done);
    void fetchAccessRules(QObject *ctx, Handler<QList<api::AccessRule>> done);
    void fetchWorkloads(const WorkloadQuery &query,
                        QObject *ctx,
                        Handler<api::Page<api::Workload>> done);
    void fetchWorkload(const QString &id, QObject *ctx, Handler<api::Workload> done);
    void fetchWorkloadPods(const QString &workloadId, QObject *ctx, Handler<QList<api::Pod>> done);
    void fetchWorkloadEvents(const QString &workloadId,
                             QObject *ctx,
                             Handler<QList<api::WorkloadEvent>> done);
    void fetchAuditLog(const QDateTime &start,
                       const QDateTime &end,
                       int offset,
                       int limit,
                       QObject *ctx,
                       Handler<api::Page<api::AuditEntry>> done);
    // `path` e.g. "/api/v1/clusters/<uuid>/metrics"; types e.g. {"GPU_UTILIZATION"}.
    void fetchMetrics(const QString &path,
                      const QStringList &types,
                      const QDateTime &start,
                      const QDateTime &end,
                      int samples,
                      QObject *ctx,
                      Handler<QList<api::MetricSeries>> done);

    // PUT /api/v1/org-unit/{projects|departments}/{id}/resources
    void updateResources(const api::OrgUnit &unit,
                         const QList<api::PoolResources> &resources,
                         QObject *ctx,
                         Handler<bool> done);

    // Generic JSON call for the rarely used endpoints; the body of a 2xx reply, or the error.
    void callJson(const HttpCall &call, QObject *ctx, Handler<QByteArray> done);

private:
    template<typename T, typename Parse>
    void getParsed(HttpCall call, QObject *ctx, Handler<T> done, Parse parse);
    template<typename T, typename Parse>
    void getAllPages(const QString &path, QObject *ctx, Handler<QList<T>> done, Parse parse);
    void postToken(const QJsonObject &body, QObject *ctx, Handler<api::TokenSet> done);
};

// Serialises the per-pool quota the way PUT …/resources expects it.
QJsonObject resourcesToJson(const api::PoolResources &r);

// --- template implementation ---------------------------------------------------------------------

template<typename T, typename Parse>
void ControlPlaneClient::getParsed(HttpCall call, QObject *ctx, Handler<T> done, Parse parse)
{
    send(call, ctx, [done, parse](const HttpResponse &response) {
        if (!response.ok()) {
            done(Result<T>::failure(response.error));
            return;
        }
        done(parse(response.body));
    });
}

template<typename T, typename Parse>
void ControlPlaneClient::getAllPages(const QString &path,
                                     QObject *ctx,
                                     Handler<QList<T>> done,
                                     Parse parse)
{
    struct State
    {
        QList<T> items;
        std::function<void(int)> fetch;
    };
    auto state = std::make_shared<State>();
    std::weak_ptr<State> weak = state;
    state->fetch = [this, path, ctx, done, parse, weak](int offset) {
        auto st = weak.lock();
        if (!st)
            return;
        HttpCall call;
        call.path = path;
        call.query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
        call.query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
        call.staleKey = path;
        // The lambda keeps the state alive until the last page has been delivered.
        send(call, ctx, [st, done, parse, offset](const HttpResponse &response) {
            if (!response.ok()) {
                done(Result<QList<T>>::failure(response.error));
                st->fetch = nullptr;
                return;
            }
            auto page = parse(response.body);
            if (!page.ok()) {
                done(Result<QList<T>>::failure(page.error));
                st->fetch = nullptr;
                return;
            }
            st->items += page.value.items;
            if (page.value.next > offset && !page.value.items.isEmpty()) {
                st->fetch(page.value.next);
                return;
            }
            done(Result<QList<T>>::success(st->items));
            st->fetch = nullptr;
        });
    };
    state->fetch(0);
}
