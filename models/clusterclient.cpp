#include "clusterclient.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

ClusterClient::ClusterClient(const QString &clusterName, const QUrl &url, QObject *parent)
    : HttpClient(url,
                 describeService(QCoreApplication::translate("ClusterClient", "Cluster %1 at")
                                     .arg(clusterName),
                                 url),
                 parent)
    , m_name(clusterName)
    , m_reachability(new ClusterReachability(this, this))
{ }

QString workloadTypePath(const QString &workloadType)
{
    const QString t = workloadType.toLower();
    if (t.startsWith(QLatin1String("train")))
        return QStringLiteral("trainings");
    if (t.startsWith(QLatin1String("workspace")) || t == QLatin1String("interactive"))
        return QStringLiteral("workspaces");
    if (t.startsWith(QLatin1String("distributed-inference")))
        return QStringLiteral("distributed-inferences");
    if (t.startsWith(QLatin1String("distributed")))
        return QStringLiteral("distributed");
    if (t.startsWith(QLatin1String("inference")))
        return QStringLiteral("inferences");
    return t;
}

bool ClusterClient::refuseIfUnreachable(QObject *ctx,
                                        const std::function<void(const ApiError &)> &fail)
{
    if (!m_reachability->isUnreachable())
        return false;
    const ApiError error = ApiError::make(ApiError::Kind::Unreachable, m_reachability->reason());
    // Asynchronous like every other outcome, so callers need only one code path.
    QTimer::singleShot(0, ctx ? ctx : this, [fail, error] { fail(error); });
    return true;
}

void ClusterClient::submit(const QString &type,
                           const QJsonObject &body,
                           QObject *ctx,
                           Handler<api::SubmitReply> done)
{
    if (refuseIfUnreachable(ctx, [done](const ApiError &e) {
            done(Result<api::SubmitReply>::failure(e));
        }))
        return;
    HttpCall call;
    call.verb = "POST";
    call.path = QStringLiteral("/api/v1/workloads/") + type;
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    send(call, ctx, [done](const HttpResponse &response) {
        if (!response.ok())
            done(Result<api::SubmitReply>::failure(response.error));
        else
            done(api::parseSubmitReply(response.body));
    });
}

void ClusterClient::action(const QString &type,
                           const QString &workloadId,
                           const QString &verb,
                           QObject *ctx,
                           Handler<bool> done)
{
    if (refuseIfUnreachable(ctx, [done](const ApiError &e) { done(Result<bool>::failure(e)); }))
        return;
    HttpCall call;
    call.path = QStringLiteral("/api/v1/workloads/") + type + QLatin1Char('/') + workloadId;
    if (verb == QLatin1String("DELETE")) {
        call.verb = "DELETE";
    } else {
        call.verb = "POST";
        call.path += QLatin1Char('/') + verb;
    }
    send(call, ctx, [done](const HttpResponse &response) {
        done(response.ok() ? Result<bool>::success(true) : Result<bool>::failure(response.error));
    });
}

void ClusterClient::suspend(const QString &type,
                            const QString &workloadId,
                            QObject *ctx,
                            Handler<bool> done)
{
    action(type, workloadId, QStringLiteral("suspend"), ctx, done);
}

void ClusterClient::resume(const QString &type,
                           const QString &workloadId,
                           QObject *ctx,
                           Handler<bool> done)
{
    action(type, workloadId, QStringLiteral("resume"), ctx, done);
}

void ClusterClient::remove(const QString &type,
                           const QString &workloadId,
                           QObject *ctx,
                           Handler<bool> done)
{
    action(type, workloadId, QStringLiteral("DELETE"), ctx, done);
}

void ClusterClient::fetchPods(const QString &workloadId, QObject *ctx, Handler<QList<api::Pod>> done)
{
    if (refuseIfUnreachable(ctx, [done](const ApiError &e) {
            done(Result<QList<api::Pod>>::failure(e));
        }))
        return;
    HttpCall call;
    call.path = QStringLiteral("/api/v1/workloads/") + workloadId + QStringLiteral("/pods");
    call.staleKey = call.path;
    send(call, ctx, [done](const HttpResponse &response) {
        if (!response.ok()) {
            done(Result<QList<api::Pod>>::failure(response.error));
            return;
        }
        auto page = api::parsePods(response.body);
        done(page.ok() ? Result<QList<api::Pod>>::success(page.value.items)
                       : Result<QList<api::Pod>>::failure(page.error));
    });
}

void ClusterClient::fetchEvents(const QString &workloadId,
                                QObject *ctx,
                                Handler<QList<api::WorkloadEvent>> done)
{
    using R = Result<QList<api::WorkloadEvent>>;
    if (refuseIfUnreachable(ctx, [done](const ApiError &e) { done(R::failure(e)); }))
        return;
    HttpCall call;
    call.path = QStringLiteral("/api/v1/workloads/") + workloadId + QStringLiteral("/events");
    call.staleKey = call.path;
    send(call, ctx, [done, workloadId](const HttpResponse &response) {
        if (!response.ok()) {
            done(R::failure(response.error));
            return;
        }
        auto page = api::parseEvents(response.body, workloadId);
        done(page.ok() ? R::success(page.value.items) : R::failure(page.error));
    });
}

ApiRequest *ClusterClient::streamLogs(const QString &workloadId,
                                      const QString &podId,
                                      const LogOptions &options,
                                      QObject *ctx,
                                      LinesHandler lines,
                                      Handler<bool> done)
{
    if (refuseIfUnreachable(ctx, [done](const ApiError &e) { done(Result<bool>::failure(e)); }))
        return nullptr;
    HttpCall call;
    call.path = QStringLiteral("/api/v1/workloads/") + workloadId + QStringLiteral("/pods/") + podId
                + QStringLiteral("/logs");
    if (!options.container.isEmpty())
        call.query.addQueryItem(QStringLiteral("container"), options.container);
    if (options.tail >= 0)
        call.query.addQueryItem(QStringLiteral("tail"), QString::number(options.tail));
    if (options.sinceSeconds >= 0)
        call.query.addQueryItem(QStringLiteral("sinceSeconds"),
                                QString::number(options.sinceSeconds));
    if (options.timestamps)
        call.query.addQueryItem(QStringLiteral("timestamps"), QStringLiteral("true"));
    if (options.follow)
        call.query.addQueryItem(QStringLiteral("follow"), QStringLiteral("true"));
    call.stream = true;
    auto pending = std::make_shared<QByteArray>(); // a line split across two chunks
    auto emitLines = [pending, lines](const QByteArray &data, bool flush) {
        pending->append(data);
        QStringList complete;
        qsizetype start = 0;
        for (qsizetype nl = pending->indexOf('\n'); nl >= 0; nl = pending->indexOf('\n', start)) {
            complete << QString::fromUtf8(pending->constData() + start, nl - start);
            start = nl + 1;
        }
        pending->remove(0, start);
        if (flush && !pending->isEmpty()) {
            complete << QString::fromUtf8(*pending);
            pending->clear();
        }
        if (!complete.isEmpty() && lines)
            lines(complete);
    };
    return send(
        call,
        ctx,
        [done, emitLines](const HttpResponse &response) {
            emitLines(response.ok() ? response.body : QByteArray(), true);
            done(response.ok() ? Result<bool>::success(true)
                               : Result<bool>::failure(response.error));
        },
        [emitLines](const QByteArray &chunk) { emitLines(chunk, false); });
}
