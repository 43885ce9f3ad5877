// Writes the kai-scenario/1 snapshot of one node pool and reads the engine's answer. The snapshot is
// written by hand (not through QJsonDocument) because it is built every second for up to 10,000 jobs.
#include "clusterscheduler.h"

#include "io/json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cstdio>

namespace gpudesk::cluster {

namespace {

// The engine's own JSON string quoting, so both sides of the snapshot agree on escaping.
void appendEscaped(std::string &out, const QString &text)
{
    gpudesk::engine::json::appendQuoted(out, text.toStdString());
}

void appendNumber(std::string &out, double value)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", value);
    out += buf;
}

void appendQueue(std::string &out,
                 const QString &name,
                 const QString &parent,
                 const char *kind,
                 qint64 order,
                 const PoolQuota &quota)
{
    out += "{\"name\":";
    appendEscaped(out, name);
    out += ",\"parent\":";
    if (parent.isEmpty())
        out += "null";
    else
        appendEscaped(out, parent);
    out += ",\"kind\":\"";
    out += kind;
    out += "\",\"created_order\":";
    appendNumber(out, double(order));
    out += ",\"priority\":100,\"gpu\":{\"deserved\":";
    appendNumber(out, quota.gpuDeserved);
    out += ",\"limit\":";
    appendNumber(out, quota.gpuLimit < 0 ? -1 : quota.gpuLimit);
    out += ",\"over_quota_weight\":";
    appendNumber(out, quota.overQuotaWeight);
    out += "},\"cpu\":{\"deserved_millis\":-1,\"limit_millis\":-1,\"over_quota_weight\":1},"
           "\"memory\":{\"deserved_mb\":-1,\"limit_mb\":-1,\"over_quota_weight\":1}}";
}

// The engine's job type vocabulary: train | interactive | inference | distributed.
QString engineType(const SimWorkload &w)
{
    if (w.apiType == QLatin1String("workspaces"))
        return QStringLiteral("interactive");
    if (w.apiType == QLatin1String("inferences"))
        return QStringLiteral("inference");
    if (w.apiType == QLatin1String("distributed"))
        return QStringLiteral("distributed");
    return QStringLiteral("train");
}

QString queueNameOf(const SimWorkload &w)
{
    return w.projectName;
}

} // namespace

QString taskId(const QString &workloadId, int podIndex)
{
    return workloadId + QLatin1Char('-') + QString::number(podIndex);
}

std::string buildPoolScenario(const PoolSchedulingInput &in)
{
    std::string out;
    out.reserve(512 + in.nodes.size() * 200 + in.jobs.size() * 420);
    out += "{\"schema\":\"kai-scenario/1\",\"name\":";
    appendEscaped(out, QStringLiteral("cycle/") + in.pool);
    out += ",\"node_pool\":";
    appendEscaped(out, in.pool);
    out += ",\"run\":{\"mode\":\"single_action\",\"actions\":[\"allocate\",\"consolidation\","
           "\"reclaim\","
           "\"preempt\",\"stalegangeviction\"]},"
           "\"config\":{\"plugins\":\"default\",\"max_consolidation_preemptees\":-1,"
           "\"allow_consolidating_reclaim\":true,\"min_node_gpu_memory_mib\":100,"
           "\"staleness_grace_period_seconds\":60,\"use_scheduling_signatures\":false},\"nodes\":[";
    bool first = true;
    for (const SimNode *node : in.nodes) {
        if (!first)
            out += ',';
        first = false;
        out += "{\"name\":";
        appendEscaped(out, node->name);
        out += ",\"gpus\":";
        appendNumber(out, node->gpuCount);
        out += ",\"cpu_millis\":";
        appendNumber(out, node->cpuCores * 1000.0);
        out += ",\"memory_bytes\":";
        appendNumber(out, double(node->memoryBytes));
        out += ",\"gpu_memory_mib\":";
        appendNumber(out, double(node->gpuMemoryMib));
        out += ",\"max_pods\":110,\"labels\":{\"kai.scheduler/type\":";
        appendEscaped(out, node->name);
        out += ",\"kai.scheduler/node-pool\":";
        appendEscaped(out, node->pool);
        out += "}}";
    }
    out += "],\"queues\":[";
    first = true;
    QSet<QString> departmentsWritten;
    if (in.org) {
        for (const OrgUnit &d : in.org->departments) {
            if (!first)
                out += ',';
            first = false;
            appendQueue(out,
                        d.name,
                        QString(),
                        "department",
                        d.createdOrder,
                        d.quotaByPool.value(in.pool));
            departmentsWritten.insert(d.id);
        }
        for (const OrgUnit &p : in.org->projects) {
            if (!first)
                out += ',';
            first = false;
            const OrgUnit *parent = in.org->department(p.parentId);
            appendQueue(out,
                        p.name,
                        parent ? parent->name : QString(),
                        "queue",
                        p.createdOrder,
                        p.quotaByPool.value(in.pool));
        }
    }
    out += "],\"jobs\":[";
    // creation_rank: older first, ties by id (scheduling.md §17.8)
    QVector<const SimWorkload *> ordered = in.jobs;
    std::sort(ordered.begin(), ordered.end(), [](const SimWorkload *a, const SimWorkload *b) {
        return a->createdAtMs != b->createdAtMs ? a->createdAtMs < b->createdAtMs : a->id < b->id;
    });
    for (int rank = 0; rank < ordered.size(); ++rank) {
        const SimWorkload &w = *ordered.at(rank);
        if (rank)
            out += ',';
        out += "{\"name\":";
        appendEscaped(out, w.id);
        out += ",\"display_name\":";
        appendEscaped(out, w.name);
        out += ",\"type\":";
        appendEscaped(out, engineType(w));
        out += ",\"node_pool\":";
        appendEscaped(out, in.pool);
        out += ",\"namespace\":";
        appendEscaped(out, w.nameSpace());
        out += ",\"queue\":";
        appendEscaped(out, queueNameOf(w));
        out += ",\"priority\":";
        appendNumber(out, w.priority);
        out += w.preemptible ? ",\"preemptible\":true" : ",\"preemptible\":false";
        out += ",\"min_members\":";
        appendNumber(out, w.podCount);
        out += ",\"created_minutes_ago\":";
        appendNumber(out, std::max<double>(0, double(in.nowMs - w.createdAtMs) / 60000.0));
        out += ",\"creation_rank\":";
        appendNumber(out, rank);
        out += ",\"expected_duration_seconds\":";
        appendNumber(out, double(w.durationSimMs) / 1000.0);
        if (w.isActive()) {
            out += ",\"running_since_seconds\":";
            appendNumber(out, double(w.runningSimMs + w.initSimMs) / 1000.0);
        }
        out += ",\"tasks\":[";
        for (int i = 0; i < w.pods.size(); ++i) {
            const SimPod &pod = w.pods.at(i);
            if (i)
                out += ',';
            out += "{\"id\":";
            appendEscaped(out, taskId(w.id, i));
            out += ",\"cpu_millis\":";
            appendNumber(out, w.cpuCores * 1000.0);
            out += ",\"memory_bytes\":";
            appendNumber(out, double(w.cpuMemoryBytes));
            out += ",\"gpus\":";
            appendNumber(out, w.gpuRequestKind == QLatin1String("gpu_memory") ? 0 : w.gpusPerPod);
            out += ",\"gpu_request_kind\":";
            appendEscaped(out, w.gpuRequestKind);
            if (w.gpuRequestKind == QLatin1String("gpu_memory")) {
                out += ",\"gpu_memory_mib\":";
                appendNumber(out, double(w.gpuMemoryMib));
            }
            if (!pod.nodeName.isEmpty()) {
                out += ",\"status\":\"running\",\"node\":";
                appendEscaped(out, pod.nodeName);
                if (w.gpuRequestKind == QLatin1String("fraction")
                    || w.gpuRequestKind == QLatin1String("gpu_memory")) {
                    out += ",\"gpu_groups\":[";
                    for (int g = 0; g < pod.gpuDevices.size(); ++g) {
                        if (g)
                            out += ',';
                        appendEscaped(out,
                                      pod.nodeName + QStringLiteral("/gpu")
                                          + QString::number(pod.gpuDevices.at(g)));
                    }
                    out += ']';
                }
            } else {
                out += ",\"status\":\"pending\"";
            }
            out += '}';
        }
        out += "]}";
    }
    out += "]}";
    return out;
}

PoolSchedulingResult parseEngineResult(const std::string &json)
{
    PoolSchedulingResult result;
    QJsonParseError parseError;
    const QJsonDocument doc
        = QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), qsizetype(json.size())),
                                  &parseError);
    if (!doc.isObject()) {
        result.error = QStringLiteral("engine result is not JSON: ") + parseError.errorString();
        return result;
    }
    const QJsonObject root = doc.object();
    const QJsonObject tasks = root.value(QLatin1String("tasks")).toObject();
    for (auto it = tasks.begin(); it != tasks.end(); ++it) {
        const QJsonObject t = it.value().toObject();
        TaskDecision d;
        d.status = t.value(QLatin1String("status")).toString();
        d.node = t.value(QLatin1String("node")).toString();
        for (const auto &g : t.value(QLatin1String("gpu_groups")).toArray())
            d.gpuGroups.append(g.toString());
        result.tasks.insert(it.key(), d);
    }
    const QJsonObject jobs = root.value(QLatin1String("jobs")).toObject();
    for (auto it = jobs.begin(); it != jobs.end(); ++it) {
        const QJsonObject j = it.value().toObject();
        JobDecision d;
        d.status = j.value(QLatin1String("status")).toString();
        d.reason = j.value(QLatin1String("reason")).toString();
        d.message = j.value(QLatin1String("message")).toString();
        d.kaiMessage = j.value(QLatin1String("kai_message")).toString();
        const QJsonObject evictedBy = j.value(QLatin1String("evicted_by")).toObject();
        d.evictedByJob = evictedBy.value(QLatin1String("job")).toString();
        d.evictedByAction = evictedBy.value(QLatin1String("action")).toString();
        d.evictedByMessage = evictedBy.value(QLatin1String("message")).toString();
        result.jobs.insert(it.key(), d);
    }
    return result;
}

} // namespace gpudesk::cluster
