#include "workloadsubmission.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>

namespace gpudesk::cluster {

namespace {

struct PriorityClass
{
    const char *name;
    int value;
    bool preemptible;
};

// Run:ai's current seven levels plus the older four names (api.md §5).
constexpr PriorityClass priorityClasses[] = {
    {"very-low", 25, true},
    {"low", 40, true},
    {"train", 50, true},
    {"medium-low", 65, true},
    {"interactive-preemptible", 75, true},
    {"medium", 80, true},
    {"medium-high", 90, true},
    {"build", 100, false},
    {"high", 125, false},
    {"inference", 125, false},
    {"very-high", 150, false},
};

const PriorityClass *findPriorityClass(const QString &name)
{
    for (const PriorityClass &pc : priorityClasses)
        if (name == QLatin1String(pc.name))
            return &pc;
    return nullptr;
}

QString defaultPriorityClass(const QString &apiType)
{
    if (apiType == QLatin1String("workspaces"))
        return QStringLiteral("build");
    if (apiType == QLatin1String("inferences"))
        return QStringLiteral("inference");
    return QStringLiteral("train");
}

QString annotation(const QJsonObject &spec, const QString &name)
{
    const QJsonValue annotations = spec.value(QLatin1String("annotations"));
    if (annotations.isObject())
        return annotations.toObject().value(name).toString();
    for (const auto &v : annotations.toArray()) {
        const QJsonObject a = v.toObject();
        if (a.value(QLatin1String("name")).toString() == name)
            return a.value(QLatin1String("value")).toString();
    }
    return QString();
}

// Deterministic default run time per type, varied per workload so the mix looks natural.
qint64 defaultDurationMs(const QString &apiType, const QString &seed)
{
    const double u = stableUnit(seed + QStringLiteral("/duration"));
    constexpr qint64 minute = 60'000;
    if (apiType == QLatin1String("inferences"))
        return 0; // serves until deleted
    if (apiType == QLatin1String("workspaces"))
        return qint64((240 + 240 * u)) * minute;
    if (apiType == QLatin1String("distributed"))
        return qint64((60 + 120 * u)) * minute;
    return qint64((20 + 70 * u)) * minute;
}

SubmissionError fail(const QString &message, const QString &details = QString(), int status = 400)
{
    return SubmissionError {status, message, details};
}

} // namespace

bool isWorkloadApiType(const QString &type)
{
    return type == QLatin1String("trainings") || type == QLatin1String("workspaces")
           || type == QLatin1String("distributed") || type == QLatin1String("inferences");
}

std::optional<qint64> parseSimDuration(const QString &text)
{
    static const QRegularExpression part(QStringLiteral("(\\d+(?:\\.\\d+)?)(h|m|s|d)"));
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    bool plain = false;
    const double seconds = t.toDouble(&plain);
    if (plain)
        return seconds > 0 ? std::optional<qint64>(qint64(seconds * 1000)) : std::nullopt;
    qint64 total = 0;
    qsizetype consumed = 0;
    auto it = part.globalMatch(t);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedStart() != consumed)
            return std::nullopt;
        consumed = m.capturedEnd();
        const double n = m.captured(1).toDouble();
        const QChar unit = m.captured(2).at(0);
        const double factor = unit == QLatin1Char('d')   ? 86400
                              : unit == QLatin1Char('h') ? 3600
                              : unit == QLatin1Char('m') ? 60
                                                         : 1;
        total += qint64(n * factor * 1000);
    }
    if (consumed != t.size() || total <= 0)
        return std::nullopt;
    return total;
}

std::optional<qint64> parseMemoryMib(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^(\\d+(?:\\.\\d+)?)\\s*(Ki|Mi|Gi|Ti|K|M|G|T)?[bB]?$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const double n = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    double bytes = n;
    if (unit == QLatin1String("Ki"))
        bytes = n * 1024;
    else if (unit == QLatin1String("Mi"))
        bytes = n * 1024 * 1024;
    else if (unit == QLatin1String("Gi"))
        bytes = n * 1024 * 1024 * 1024;
    else if (unit == QLatin1String("Ti"))
        bytes = n * 1024.0 * 1024 * 1024 * 1024;
    else if (unit == QLatin1String("K"))
        bytes = n * 1e3;
    else if (unit == QLatin1String("M"))
        bytes = n * 1e6;
    else if (unit == QLatin1String("G"))
        bytes = n * 1e9;
    else if (unit == QLatin1String("T"))
        bytes = n * 1e12;
    else
        bytes = n * 1e6; // a bare number is read as MB, as the Run:ai UI does
    const qint64 mib = qint64(bytes / (1024.0 * 1024.0));
    return mib > 0 ? std::optional<qint64>(mib) : std::nullopt;
}

std::optional<SimWorkload> parseSubmission(const QJsonObject &body,
                                           const SubmissionContext &ctx,
                                           const DesiredState &org,
                                           SubmissionError *error)
{
    static const QRegularExpression namePattern(
        QStringLiteral("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$"));
    SimWorkload w;
    w.apiType = ctx.apiType;
    w.id = ctx.workloadId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                    : ctx.workloadId;
    w.submittedBy = ctx.submittedBy;
    w.source = ctx.source;
    w.createdAtMs = w.phaseUpdatedAtMs = ctx.nowMs;

    w.name = body.value(QLatin1String("name")).toString();
    if (w.name.isEmpty()) {
        *error = fail(QStringLiteral("Bad request - Resource should have a name"));
        return std::nullopt;
    }
    // the control plane has already made a queued submission's name unique
    if (body.value(QLatin1String("useGivenNameAsPrefix")).toBool()
        && ctx.source != QLatin1String("Control-plane"))
        w.name += QLatin1Char('-') + w.id.left(5);
    if (!namePattern.match(w.name).hasMatch()) {
        *error = fail(QStringLiteral("The workload name '%1' is not valid.").arg(w.name),
                      QStringLiteral(
                          "Use lower-case letters, digits and '-', start with a letter, at most "
                          "63 characters."));
        return std::nullopt;
    }
    const QJsonValue projectValue = body.value(QLatin1String("projectId"));
    const QString projectId = projectValue.isDouble() ? QString::number(projectValue.toInt())
                                                      : projectValue.toString();
    if (projectId.isEmpty()) {
        *error = fail(QStringLiteral("Bad request - projectId is required"));
        return std::nullopt;
    }
    const OrgUnit *project = org.project(projectId);
    if (!project) {
        *error = fail(QStringLiteral("Project '%1' does not exist on this cluster.").arg(projectId),
                      {},
                      404);
        return std::nullopt;
    }
    const QString clusterId = body.value(QLatin1String("clusterId")).toString();
    if (!clusterId.isEmpty() && !ctx.clusterId.isEmpty() && clusterId != ctx.clusterId) {
        *error = fail(
            QStringLiteral("This workload is addressed to cluster '%1', but this is cluster '%2'.")
                .arg(clusterId, ctx.clusterId));
        return std::nullopt;
    }
    w.projectId = project->id;
    w.projectName = project->name;
    if (const OrgUnit *department = org.department(project->parentId)) {
        w.departmentId = department->id;
        w.departmentName = department->name;
    }

    const QJsonValue specValue = body.value(QLatin1String("spec"));
    if (!specValue.isUndefined() && !specValue.isObject()) {
        *error = fail(QStringLiteral("Bad request - 'spec' must be an object"));
        return std::nullopt;
    }
    w.spec = specValue.toObject();
    const QJsonObject compute = w.spec.value(QLatin1String("compute")).toObject();
    const int devices = compute.value(QLatin1String("gpuDevicesRequest")).toInt(0);
    const QJsonValue portionValue = compute.value(QLatin1String("gpuPortionRequest"));
    const QString memoryRequest = compute.value(QLatin1String("gpuMemoryRequest")).toString();
    if (devices < 0 || devices > 8) {
        *error = fail(QStringLiteral("gpuDevicesRequest must be between 0 and 8 per pod, got %1.")
                          .arg(devices));
        return std::nullopt;
    }
    if (!memoryRequest.isEmpty()) {
        const auto mib = parseMemoryMib(memoryRequest);
        if (!mib || *mib > h100MemoryMib) {
            *error = fail(
                QStringLiteral("gpuMemoryRequest '%1' is not a GPU memory size this cluster can "
                               "give (at most 80G per GPU).")
                    .arg(memoryRequest));
            return std::nullopt;
        }
        w.gpuRequestKind = QStringLiteral("gpu_memory");
        w.gpuMemoryMib = *mib;
    } else if (portionValue.isDouble() && portionValue.toDouble() < 1.0) {
        const double portion = portionValue.toDouble();
        if (portion <= 0 || devices > 1) {
            *error = fail(
                QStringLiteral("gpuPortionRequest must be between 0 and 1 and asks for one device; "
                               "got %1 on %2 devices.")
                    .arg(portion)
                    .arg(devices));
            return std::nullopt;
        }
        w.gpuRequestKind = QStringLiteral("fraction");
        w.gpusPerPod = portion;
    } else if (devices > 0 || (portionValue.isDouble() && portionValue.toDouble() >= 1.0)) {
        w.gpuRequestKind = QStringLiteral("whole");
        w.gpusPerPod = devices > 0 ? devices : 1;
    } else {
        w.gpuRequestKind = QStringLiteral("none");
    }
    w.cpuCores = compute.value(QLatin1String("cpuCoreRequest"))
                     .toDouble(w.gpusPerPod >= 1 ? 8 * w.gpusPerPod : 2);
    const auto cpuMemoryMib = parseMemoryMib(
        compute.value(QLatin1String("cpuMemoryRequest")).toString());
    w.cpuMemoryBytes = cpuMemoryMib ? *cpuMemoryMib * 1024 * 1024
                                    : qint64(w.gpusPerPod >= 1 ? 64e9 * w.gpusPerPod : 8e9);

    // node pools: the spec's ordered list, else the project's defaults, else every pool of the cluster
    for (const auto &v : w.spec.value(QLatin1String("nodePools")).toArray())
        w.requestedNodePools.append(v.toString());
    for (const QString &pool : std::as_const(w.requestedNodePools)) {
        if (!ctx.clusterNodePools.contains(pool)) {
            *error = fail(QStringLiteral("Node pool '%1' does not exist on this cluster.").arg(pool),
                          QStringLiteral("Node pools here: %1")
                              .arg(ctx.clusterNodePools.join(QStringLiteral(", "))));
            return std::nullopt;
        }
    }
    if (w.requestedNodePools.isEmpty()) {
        for (const QString &pool : project->defaultNodePools)
            if (ctx.clusterNodePools.contains(pool))
                w.requestedNodePools.append(pool);
    }
    if (w.requestedNodePools.isEmpty())
        w.requestedNodePools = ctx.clusterNodePools;

    w.priorityClass = w.spec.value(QLatin1String("priorityClass")).toString();
    if (w.priorityClass.isEmpty())
        w.priorityClass = defaultPriorityClass(w.apiType);
    const PriorityClass *pc = findPriorityClass(w.priorityClass);
    if (!pc) {
        *error = fail(QStringLiteral("Unknown priorityClass '%1'.").arg(w.priorityClass),
                      QStringLiteral(
                          "Use one of very-low, low, medium-low, medium, medium-high, high, "
                          "very-high, train, build, interactive-preemptible, inference."));
        return std::nullopt;
    }
    w.priority = pc->value;
    w.preemptible = pc->preemptible;
    const QString preemptibility = w.spec.value(QLatin1String("preemptibility")).toString();
    if (preemptibility == QLatin1String("preemptible"))
        w.preemptible = true;
    else if (preemptibility == QLatin1String("non-preemptible"))
        w.preemptible = false;
    else if (!preemptibility.isEmpty()) {
        *error = fail(
            QStringLiteral("preemptibility must be 'preemptible' or 'non-preemptible', got '%1'.")
                .arg(preemptibility));
        return std::nullopt;
    }

    // pods
    if (w.apiType == QLatin1String("distributed")) {
        const int workers = w.spec.value(QLatin1String("numWorkers")).toInt(1);
        if (workers < 1 || workers > 256) {
            *error = fail(
                QStringLiteral("numWorkers must be between 1 and 256, got %1.").arg(workers));
            return std::nullopt;
        }
        w.distributedFramework = w.spec.value(QLatin1String("distributedFramework"))
                                     .toString(QStringLiteral("PyTorch"));
        w.podCount = workers + 1; // master (or launcher) plus workers, all with the same compute
    } else if (w.apiType == QLatin1String("inferences")) {
        const int replicas = w.spec.value(QLatin1String("autoscaling"))
                                 .toObject()
                                 .value(QLatin1String("minReplicas"))
                                 .toInt(1);
        w.podCount = qBound(1, replicas, 16);
    }
    for (int i = 0; i < w.podCount; ++i) {
        SimPod pod;
        pod.id = QUuid::createUuidV5(QUuid(w.id), QString::number(i)).toString(QUuid::WithoutBraces);
        if (w.apiType == QLatin1String("distributed")) {
            pod.role = i == 0 ? QStringLiteral("master") : QStringLiteral("worker");
            pod.name = i == 0
                           ? QString(w.name + QStringLiteral("-master-0"))
                           : QString(w.name + QStringLiteral("-worker-") + QString::number(i - 1));
        } else {
            pod.role = QStringLiteral("main");
            pod.name = w.name + QStringLiteral("-0-") + QString::number(i);
        }
        pod.createdAtMs = ctx.nowMs;
        w.pods.append(pod);
    }

    // simulated run time and outcome
    const QString durationText = annotation(w.spec, QStringLiteral("gpudesk.sim/duration"));
    if (!durationText.isEmpty()) {
        const auto duration = parseSimDuration(durationText);
        if (!duration) {
            *error = fail(QStringLiteral(
                              "Annotation gpudesk.sim/duration '%1' is not a duration such as 45m, "
                              "2h or 1h30m.")
                              .arg(durationText));
            return std::nullopt;
        }
        w.durationSimMs = *duration;
    } else {
        w.durationSimMs = defaultDurationMs(w.apiType, w.id);
    }
    if (w.apiType == QLatin1String("inferences"))
        w.durationSimMs = 0;
    const QString outcome = annotation(w.spec, QStringLiteral("gpudesk.sim/outcome"));
    const bool failureType = w.apiType == QLatin1String("trainings")
                             || w.apiType == QLatin1String("distributed");
    if (outcome == QLatin1String("fail")
        || (outcome.isEmpty() && failureType && stableUnit(w.id + QStringLiteral("/fails")) < 0.06))
        w.failAtFraction = 0.3 + 0.5 * stableUnit(w.id + QStringLiteral("/failAt"));
    return w;
}

} // namespace gpudesk::cluster
