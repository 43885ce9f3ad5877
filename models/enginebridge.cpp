#include "enginebridge.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

namespace scenario {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("scenario", text);
}

const QSet<QString> activePhases = {QStringLiteral("Pending"),
                                    QStringLiteral("Running"),
                                    QStringLiteral("Initializing"),
                                    QStringLiteral("Creating"),
                                    QStringLiteral("Resuming"),
                                    QStringLiteral("Degraded")};

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

Resource resourceFrom(double deserved, double limit, double weight)
{
    return {deserved, limit, weight};
}

Queue queueFor(const api::OrgUnit &u, const QString &pool, const QString &parent, int order)
{
    Queue q;
    q.name = u.name;
    q.parent = parent;
    q.kind = u.kind == api::OrgUnit::Kind::Department ? QStringLiteral("department")
                                                      : QStringLiteral("queue");
    q.createdOrder = order;
    q.orgUnitId = u.id;
    const api::PoolResources *r = u.resourcesFor(pool);
    // Our UI default over-quota weight is Medium (2) when none is set (api.md §5).
    const double weight = r && r->gpuOverQuotaWeight >= 0 ? r->gpuOverQuotaWeight : 2;
    q.gpu = resourceFrom(r ? r->gpuDeserved : 0, r ? r->gpuLimit : -1, weight);
    q.cpu = resourceFrom(r ? r->cpuDeservedMillis : -1, r ? r->cpuLimitMillis : -1, 1);
    q.memory = resourceFrom(r ? r->memoryDeservedMb : -1, r ? r->memoryLimitMb : -1, 1);
    return q;
}

QString taskStatus(const QString &podPhase)
{
    const QString p = podPhase.toLower();
    if (p == QLatin1String("running"))
        return QStringLiteral("running");
    if (p == QLatin1String("failed"))
        return QStringLiteral("failed");
    if (p == QLatin1String("succeeded"))
        return QStringLiteral("succeeded");
    return QStringLiteral("pending");
}

void setGpuRequest(Task *t, const api::Workload &w)
{
    if (w.gpuRequestType == QLatin1String("memory") && w.gpuMemoryRequestMb > 0) {
        t->gpuRequestKind = QStringLiteral("gpu_memory");
        t->gpuMemoryMib = qint64(w.gpuMemoryRequestMb / 1.048576);
        t->gpus = 0;
    } else if (w.gpuRequest > 0 && w.gpuRequest < 1) {
        t->gpuRequestKind = QStringLiteral("fraction");
        t->gpus = w.gpuRequest;
    } else if (w.gpuRequest >= 1) {
        t->gpuRequestKind = QStringLiteral("whole");
        t->gpus = w.gpuRequest;
    }
    if (w.cpuRequestCores > 0)
        t->cpuMillis = qint64(w.cpuRequestCores * 1000);
    if (w.cpuMemoryRequestMb > 0)
        t->memoryBytes = qint64(w.cpuMemoryRequestMb * 1000000);
}

QString engineJobType(const QString &apiType)
{
    const QString t = apiType.toLower();
    if (t.startsWith(QLatin1String("workspace")) || t.startsWith(QLatin1String("interactive")))
        return QStringLiteral("interactive");
    if (t.contains(QLatin1String("inference")))
        return QStringLiteral("inference");
    if (t.startsWith(QLatin1String("distributed")))
        return QStringLiteral("distributed");
    return QStringLiteral("train");
}

QString poolOf(const api::Workload &w, const QString &fallback)
{
    if (!w.currentNodePools.isEmpty())
        return w.currentNodePools.first();
    if (!w.requestedNodePools.isEmpty())
        return w.requestedNodePools.first();
    return fallback;
}

QJsonObject resourceJson(const Resource &r, const char *deserved, const char *limit)
{
    return {{QLatin1String(deserved), r.deserved},
            {QLatin1String(limit), r.limit},
            {QStringLiteral("over_quota_weight"), r.overQuotaWeight}};
}

Resource resourceFromJson(const QJsonObject &o, const char *deserved, const char *limit)
{
    return {o.value(QLatin1String(deserved)).toDouble(-1),
            o.value(QLatin1String(limit)).toDouble(-1),
            o.value(QStringLiteral("over_quota_weight")).toDouble(1)};
}

} // namespace

QList<Snapshot> build(const ClusterState &state, const QDateTime &now)
{
    QStringList pools;
    for (const api::NodePool &p : state.nodePools)
        pools << p.name;
    for (const api::Node &n : state.nodes) {
        const QString pool = n.nodePool.isEmpty() ? QStringLiteral("default") : n.nodePool;
        if (!pools.contains(pool))
            pools << pool;
    }
    const QString fallbackPool = pools.isEmpty() ? QStringLiteral("default") : pools.first();
    QHash<QString, QString> departmentNames;
    for (const api::OrgUnit &d : state.departments)
        departmentNames.insert(d.id, d.name);
    QHash<QString, QList<api::Pod>> podsByWorkload;
    for (const api::Pod &p : state.pods)
        podsByWorkload[p.workloadId].append(p);
    QHash<QString, QString> projectNames;
    for (const api::OrgUnit &p : state.projects)
        projectNames.insert(p.id, p.name);

    QList<Snapshot> out;
    for (const QString &pool : std::as_const(pools)) {
        Snapshot s;
        s.nodePool = pool;
        s.clusterName = state.clusterName;
        s.takenAt = now.toUTC();
        s.takenAt.setTime(QTime(now.time().hour(), now.time().minute(), now.time().second()));
        s.name = state.clusterName + QLatin1Char('/') + pool + QStringLiteral(" snapshot ")
                 + s.takenAt.toString(Qt::ISODate);
        for (const api::Node &n : state.nodes) {
            if ((n.nodePool.isEmpty() ? QStringLiteral("default") : n.nodePool) != pool)
                continue;
            Node node;
            node.name = n.name;
            node.gpus = n.gpuCount;
            node.cpuMillis = n.cpuCores > 0 ? qint64(n.cpuCores * 1000) : 20000000;
            node.memoryBytes = n.memoryBytes > 0 ? qint64(n.memoryBytes) : 20000000000LL;
            node.gpuMemoryMib = n.gpuMemoryBytes > 0 ? qint64(n.gpuMemoryBytes / 1048576) : 100;
            node.labels.insert(QStringLiteral("kai.scheduler/type"), n.name);
            node.labels.insert(QStringLiteral("node_pool"), pool);
            s.nodes << node;
        }
        int order = 0;
        for (const api::OrgUnit &d : state.departments)
            s.queues << queueFor(d, pool, {}, order++);
        order = 0;
        for (const api::OrgUnit &p : state.projects)
            s.queues << queueFor(p, pool, departmentNames.value(p.parentId), order++);

        QList<const api::Workload *> jobs;
        for (const api::Workload &w : state.workloads) {
            if (activePhases.contains(w.phase) && poolOf(w, fallbackPool) == pool)
                jobs << &w;
        }
        std::stable_sort(jobs.begin(),
                         jobs.end(),
                         [](const api::Workload *a, const api::Workload *b) {
                             return a->createdAt < b->createdAt;
                         });
        int rank = 0;
        for (const api::Workload *w : std::as_const(jobs)) {
            Job job;
            job.name = w->id;
            job.displayName = w->name;
            job.workloadType = w->type;
            job.type = engineJobType(w->type);
            job.queue = w->projectName.isEmpty() ? projectNames.value(w->projectId)
                                                 : w->projectName;
            job.priority = w->priority > 0 ? w->priority : 50;
            job.preemptible = w->preemptible;
            job.createdMinutesAgo = w->createdAt.isValid() ? w->createdAt.secsTo(now) / 60 : 0;
            job.creationRank = rank++;
            job.nameSpace = QStringLiteral("runai-") + job.queue;
            QList<api::Pod> pods = podsByWorkload.value(w->id);
            std::sort(pods.begin(), pods.end(), [](const api::Pod &a, const api::Pod &b) {
                return a.name < b.name;
            });
            const int count = pods.isEmpty() ? std::max(1, w->requestedPods) : int(pods.size());
            for (int i = 0; i < count; ++i) {
                Task t;
                t.id = job.name + QLatin1Char('-') + QString::number(i);
                setGpuRequest(&t, *w);
                if (i < pods.size()) {
                    t.podName = pods.at(i).name;
                    t.status = taskStatus(pods.at(i).phase);
                    if (t.status == QLatin1String("running"))
                        t.node = pods.at(i).nodeName;
                    if (t.status == QLatin1String("running") && t.node.isEmpty())
                        t.status = QStringLiteral("pending");
                }
                job.tasks << t;
            }
            job.minMembers = w->minPods > 0 ? std::min(w->minPods, int(job.tasks.size()))
                                            : int(job.tasks.size());
            s.jobs << job;
        }
        out << s;
    }
    return out;
}

QJsonObject toJson(const Snapshot &s)
{
    QJsonArray nodes;
    for (const Node &n : s.nodes) {
        QJsonObject labels;
        for (auto it = n.labels.constBegin(); it != n.labels.constEnd(); ++it)
            labels.insert(it.key(), it.value());
        nodes.append(QJsonObject {{QStringLiteral("name"), n.name},
                                  {QStringLiteral("gpus"), n.gpus},
                                  {QStringLiteral("cpu_millis"), n.cpuMillis},
                                  {QStringLiteral("memory_bytes"), n.memoryBytes},
                                  {QStringLiteral("gpu_memory_mib"), n.gpuMemoryMib},
                                  {QStringLiteral("max_pods"), n.maxPods},
                                  {QStringLiteral("labels"), labels}});
    }
    QJsonArray queues;
    for (const Queue &q : s.queues) {
        queues.append(QJsonObject {{QStringLiteral("name"), q.name},
                                   {QStringLiteral("parent"), orNull(q.parent)},
                                   {QStringLiteral("kind"), q.kind},
                                   {QStringLiteral("created_order"), q.createdOrder},
                                   {QStringLiteral("priority"), q.priority},
                                   {QStringLiteral("gpu"), resourceJson(q.gpu, "deserved", "limit")},
                                   {QStringLiteral("cpu"),
                                    resourceJson(q.cpu, "deserved_millis", "limit_millis")},
                                   {QStringLiteral("memory"),
                                    resourceJson(q.memory, "deserved_mb", "limit_mb")},
                                   {QStringLiteral("org_unit_id"), q.orgUnitId}});
    }
    QJsonArray jobs;
    for (const Job &j : s.jobs) {
        QJsonArray tasks;
        for (const Task &t : j.tasks) {
            QJsonObject o {{QStringLiteral("id"), t.id},
                           {QStringLiteral("cpu_millis"), t.cpuMillis},
                           {QStringLiteral("memory_bytes"), t.memoryBytes},
                           {QStringLiteral("gpus"), t.gpus},
                           {QStringLiteral("gpu_request_kind"), t.gpuRequestKind},
                           {QStringLiteral("status"), t.status}};
            if (t.gpuRequestKind == QLatin1String("gpu_memory"))
                o.insert(QStringLiteral("gpu_memory_mib"), t.gpuMemoryMib);
            if (!t.node.isEmpty())
                o.insert(QStringLiteral("node"), t.node);
            if (!t.podName.isEmpty())
                o.insert(QStringLiteral("pod_name"), t.podName);
            tasks.append(o);
        }
        jobs.append(QJsonObject {{QStringLiteral("name"), j.name},
                                 {QStringLiteral("display_name"), j.displayName},
                                 {QStringLiteral("type"), j.type},
                                 {QStringLiteral("workload_type"), j.workloadType},
                                 {QStringLiteral("queue"), j.queue},
                                 {QStringLiteral("priority"), j.priority},
                                 {QStringLiteral("preemptible"), j.preemptible},
                                 {QStringLiteral("min_members"), j.minMembers},
                                 {QStringLiteral("created_minutes_ago"), j.createdMinutesAgo},
                                 {QStringLiteral("creation_rank"), j.creationRank},
                                 {QStringLiteral("namespace"), j.nameSpace},
                                 {QStringLiteral("tasks"), tasks}});
    }
    const QJsonObject config {{QStringLiteral("plugins"), QStringLiteral("default")},
                              {QStringLiteral("max_consolidation_preemptees"), -1},
                              {QStringLiteral("allow_consolidating_reclaim"), true},
                              {QStringLiteral("min_node_gpu_memory_mib"), 100},
                              {QStringLiteral("staleness_grace_period_seconds"), 0},
                              {QStringLiteral("use_scheduling_signatures"), false}};
    const QJsonObject run {{QStringLiteral("mode"), QStringLiteral("rounds")},
                           {QStringLiteral("actions"),
                            QJsonArray {QStringLiteral("allocate"),
                                        QStringLiteral("consolidation"),
                                        QStringLiteral("reclaim"),
                                        QStringLiteral("preempt"),
                                        QStringLiteral("stalegangeviction")}},
                           {QStringLiteral("rounds_until_match"), 1},
                           {QStringLiteral("rounds_after_match"), 0}};
    return {{QStringLiteral("schema"), QStringLiteral("kai-scenario/1")},
            {QStringLiteral("name"), s.name},
            {QStringLiteral("source"),
             QJsonObject {{QStringLiteral("repo"), QStringLiteral("gpudesk snapshot")},
                          {QStringLiteral("cluster"), s.clusterName},
                          {QStringLiteral("taken_at"), s.takenAt.toString(Qt::ISODate)}}},
            {QStringLiteral("node_pool"), s.nodePool},
            {QStringLiteral("tags"), QJsonArray {QStringLiteral("snapshot")}},
            {QStringLiteral("run"), run},
            {QStringLiteral("config"), config},
            {QStringLiteral("nodes"), nodes},
            {QStringLiteral("queues"), queues},
            {QStringLiteral("jobs"), jobs},
            {QStringLiteral("notes"),
             QJsonArray {QStringLiteral("Saved by gpudesk from live cluster state.")}}};
}

Result<Snapshot> fromJson(const QJsonObject &o)
{
    if (o.value(QStringLiteral("schema")).toString() != QLatin1String("kai-scenario/1")) {
        return Result<Snapshot>::failure(ApiError::make(
            ApiError::Kind::Parse,
            tr("This file is not a gpudesk scheduling snapshot (schema kai-scenario/1).")));
    }
    Snapshot s;
    s.name = o.value(QStringLiteral("name")).toString();
    s.nodePool = o.value(QStringLiteral("node_pool")).toString();
    const QJsonObject source = o.value(QStringLiteral("source")).toObject();
    s.clusterName = source.value(QStringLiteral("cluster")).toString();
    s.takenAt = QDateTime::fromString(source.value(QStringLiteral("taken_at")).toString(),
                                      Qt::ISODate);
    const QJsonArray nodes = o.value(QStringLiteral("nodes")).toArray();
    for (const QJsonValue &v : nodes) {
        const QJsonObject n = v.toObject();
        Node node;
        node.name = n.value(QStringLiteral("name")).toString();
        node.gpus = n.value(QStringLiteral("gpus")).toInt();
        node.cpuMillis = qint64(n.value(QStringLiteral("cpu_millis")).toDouble());
        node.memoryBytes = qint64(n.value(QStringLiteral("memory_bytes")).toDouble());
        node.gpuMemoryMib = qint64(n.value(QStringLiteral("gpu_memory_mib")).toDouble());
        node.maxPods = n.value(QStringLiteral("max_pods")).toInt(110);
        const QJsonObject labels = n.value(QStringLiteral("labels")).toObject();
        for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
            node.labels.insert(it.key(), it.value().toString());
        s.nodes << node;
    }
    const QJsonArray queues = o.value(QStringLiteral("queues")).toArray();
    for (const QJsonValue &v : queues) {
        const QJsonObject q = v.toObject();
        Queue queue;
        queue.name = q.value(QStringLiteral("name")).toString();
        queue.parent = q.value(QStringLiteral("parent")).toString();
        queue.kind = q.value(QStringLiteral("kind")).toString();
        queue.createdOrder = q.value(QStringLiteral("created_order")).toInt();
        queue.priority = q.value(QStringLiteral("priority")).toInt(100);
        queue.gpu = resourceFromJson(q.value(QStringLiteral("gpu")).toObject(), "deserved", "limit");
        queue.cpu = resourceFromJson(q.value(QStringLiteral("cpu")).toObject(),
                                     "deserved_millis",
                                     "limit_millis");
        queue.memory = resourceFromJson(q.value(QStringLiteral("memory")).toObject(),
                                        "deserved_mb",
                                        "limit_mb");
        queue.orgUnitId = q.value(QStringLiteral("org_unit_id")).toString();
        s.queues << queue;
    }
    const QJsonArray jobs = o.value(QStringLiteral("jobs")).toArray();
    for (const QJsonValue &v : jobs) {
        const QJsonObject j = v.toObject();
        Job job;
        job.name = j.value(QStringLiteral("name")).toString();
        job.displayName = j.value(QStringLiteral("display_name")).toString();
        job.type = j.value(QStringLiteral("type")).toString();
        job.workloadType = j.value(QStringLiteral("workload_type")).toString();
        job.queue = j.value(QStringLiteral("queue")).toString();
        job.priority = j.value(QStringLiteral("priority")).toInt();
        job.preemptible = j.value(QStringLiteral("preemptible")).toBool();
        job.minMembers = j.value(QStringLiteral("min_members")).toInt();
        job.createdMinutesAgo = qint64(j.value(QStringLiteral("created_minutes_ago")).toDouble());
        job.creationRank = j.value(QStringLiteral("creation_rank")).toInt();
        job.nameSpace = j.value(QStringLiteral("namespace")).toString();
        const QJsonArray tasks = j.value(QStringLiteral("tasks")).toArray();
        for (const QJsonValue &tv : tasks) {
            const QJsonObject t = tv.toObject();
            Task task;
            task.id = t.value(QStringLiteral("id")).toString();
            task.cpuMillis = qint64(t.value(QStringLiteral("cpu_millis")).toDouble());
            task.memoryBytes = qint64(t.value(QStringLiteral("memory_bytes")).toDouble());
            task.gpus = t.value(QStringLiteral("gpus")).toDouble();
            task.gpuRequestKind = t.value(QStringLiteral("gpu_request_kind")).toString();
            task.gpuMemoryMib = qint64(t.value(QStringLiteral("gpu_memory_mib")).toDouble());
            task.status = t.value(QStringLiteral("status")).toString();
            task.node = t.value(QStringLiteral("node")).toString();
            task.podName = t.value(QStringLiteral("pod_name")).toString();
            job.tasks << task;
        }
        s.jobs << job;
    }
    return Result<Snapshot>::success(s);
}

ApiError save(const Snapshot &snapshot, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ApiError::make(ApiError::Kind::Storage,
                              tr("The snapshot cannot be written to %1: %2")
                                  .arg(path, file.errorString()));
    file.write(QJsonDocument(toJson(snapshot)).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return ApiError::make(ApiError::Kind::Storage,
                              tr("The snapshot cannot be written to %1: %2")
                                  .arg(path, file.errorString()));
    return {};
}

Result<Snapshot> load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<Snapshot>::failure(
            ApiError::make(ApiError::Kind::Storage,
                           tr("The snapshot %1 cannot be read: %2").arg(path, file.errorString())));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Result<Snapshot>::failure(ApiError::make(ApiError::Kind::Parse,
                                                        tr("The snapshot %1 is not valid JSON: %2")
                                                            .arg(path, error.errorString())));
    return fromJson(doc.object());
}

} // namespace scenario
