#pragma once

// Calls that go straight to one cluster's own URL (the cluster's `domain`): submit, suspend, resume,
// delete, pods, events and logs (with follow streaming). One ClusterClient per cluster URL. When its
// reachability monitor knows the cluster cannot be reached, actions fail at once with that reason
// instead of waiting for a timeout.

#include "apiparsers.h"
#include "clusterreachability.h"
#include "httpclient.h"

#include <QJsonObject>

struct LogOptions
{
    QString container;
    int tail = -1; // last N lines, -1 = all
    int sinceSeconds = -1;
    bool timestamps = false;
    bool follow = false; // keep the stream open until the pod ends
};

class ClusterClient : public HttpClient
{
    Q_OBJECT
public:
    template<typename T>
    using Handler = std::function<void(const Result<T> &)>;
    using LinesHandler = std::function<void(const QStringList &lines)>;

    ClusterClient(const QString &clusterName, const QUrl &url, QObject *parent = nullptr);

    QString clusterName() const { return m_name; }
    ClusterReachability *reachability() const { return m_reachability; }

    // `type` is the API's plural path segment: trainings | workspaces | distributed | inferences.
    void submit(const QString &type,
                const QJsonObject &body,
                QObject *ctx,
                Handler<api::SubmitReply> done);
    void suspend(const QString &type, const QString &workloadId, QObject *ctx, Handler<bool> done);
    void resume(const QString &type, const QString &workloadId, QObject *ctx, Handler<bool> done);
    void remove(const QString &type, const QString &workloadId, QObject *ctx, Handler<bool> done);
    void fetchPods(const QString &workloadId, QObject *ctx, Handler<QList<api::Pod>> done);
    void fetchEvents(const QString &workloadId,
                     QObject *ctx,
                     Handler<QList<api::WorkloadEvent>> done);

    // Streams complete lines as they arrive; `done` runs once at the end (the pod ended, or an error).
    // Delete the returned request to stop following. Returns nullptr when the cluster is unreachable
    // (then `done` runs with the reason).
    ApiRequest *streamLogs(const QString &workloadId,
                           const QString &podId,
                           const LogOptions &options,
                           QObject *ctx,
                           LinesHandler lines,
                           Handler<bool> done);

private:
    bool refuseIfUnreachable(QObject *ctx, const std::function<void(const ApiError &)> &fail);
    void action(const QString &type,
                const QString &workloadId,
                const QString &verb,
                QObject *ctx,
                Handler<bool> done);

    QString m_name;
    ClusterReachability *m_reachability;
};

// "Training" → "trainings", "Workspace" → "workspaces", "Distributed" → "distributed" …
QString workloadTypePath(const QString &workloadType);
