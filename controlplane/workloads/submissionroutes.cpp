// Submissions through the control plane: accepted (202) and queued for the target cluster to pull
// (docs/cluster-sync.md). The control plane never calls the cluster.
#include "auth/secrets.h"
#include "core/apihelpers.h"
#include "core/controlplane.h"
#include "core/handlers.h"
#include "workloadaccess.h"

#include <QJsonArray>

namespace gpudesk::core::handlers {

namespace {

QString typeFromPath(const QString &path)
{
    for (const char *type : {"trainings", "workspaces", "distributed", "inferences"}) {
        if (path.contains(QStringLiteral("/workloads/") + QLatin1String(type)))
            return QLatin1String(type);
    }
    return QString();
}

QString displayType(const QString &type)
{
    if (type == QLatin1String("trainings"))
        return QStringLiteral("Training");
    if (type == QLatin1String("workspaces"))
        return QStringLiteral("Workspace");
    if (type == QLatin1String("distributed"))
        return QStringLiteral("Distributed");
    return QStringLiteral("Inference");
}

bool queue(Store &store, const QString &clusterId, const QJsonObject &entry)
{
    const qint64 number = store.nextNumber(QStringLiteral("submission"));
    QJsonObject submission = entry;
    submission.insert(QStringLiteral("id"), QStringLiteral("s-%1").arg(number));
    submission.insert(QStringLiteral("sequence"), double(number));
    submission.insert(QStringLiteral("clusterId"), clusterId);
    submission.insert(QStringLiteral("createdAt"), Store::now());
    return store.submissions.put(QStringLiteral("%1").arg(number, 12, 10, QLatin1Char('0')),
                                 submission);
}

Response queueAction(Call &call, const QString &action, const QString &workloadId)
{
    QJsonObject workload = call.store.workloads.value(workloadId);
    if (!queue(call.store,
               workload.value(QStringLiteral("clusterId")).toString(),
               QJsonObject {{QStringLiteral("action"), action},
                            {QStringLiteral("workloadId"), workloadId},
                            {QStringLiteral("submittedBy"), call.who()}}))
        return storageFailure();
    const QString desired = action == QLatin1String("suspend")  ? QStringLiteral("Stopped")
                            : action == QLatin1String("resume") ? QStringLiteral("Running")
                                                                : QStringLiteral("Deleted");
    workload.insert(QStringLiteral("desiredPhase"), desired);
    call.store.workloads.put(workloadId, workload);
    call.auditEntityId = workloadId;
    call.auditEntityName = workload.value(QStringLiteral("name")).toString();
    if (action == QLatin1String("delete"))
        call.auditAction = QStringLiteral("delete");
    return jsonResponse(
        202,
        QJsonObject {{QStringLiteral("code"), 202},
                     {QStringLiteral("message"),
                      QStringLiteral("The request to %1 the workload was queued for its cluster.")
                          .arg(action)}});
}

} // namespace

Response submitWorkload(Call &call)
{
    const QString type = typeFromPath(call.request.path);
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QString requestedName = reader.requiredString(QStringLiteral("name"));
    const QString projectId = reader.requiredString(QStringLiteral("projectId"));
    const QString clusterId = reader.requiredString(QStringLiteral("clusterId"));
    const bool asPrefix = reader.optionalBool(QStringLiteral("useGivenNameAsPrefix")).value_or(false);
    reader.optionalString(QStringLiteral("templateId"));
    const QJsonObject spec = reader.optionalObject(QStringLiteral("spec"));
    if (auto error = reader.finish())
        return *error;
    if (!isValidName(requestedName))
        return errorResponse(400, invalidNameMessage(QStringLiteral("workload"), requestedName));
    const QJsonObject project = call.store.projects.value(projectId);
    if (project.value(QStringLiteral("clusterId")).toString() != clusterId)
        return errorResponse(400,
                             QStringLiteral("The project '%1' is not on the cluster '%2'.")
                                 .arg(project.value(QStringLiteral("name")).toString(), clusterId));
    if (spec.contains(QStringLiteral("image")) && !spec.value(QStringLiteral("image")).isString())
        return errorResponse(400, QStringLiteral("Field 'spec.image' must be a string."));
    QString name = requestedName;
    auto taken = [&](const QString &candidate) {
        for (const QJsonObject &workload : call.store.workloads.items()) {
            if (workload.value(QStringLiteral("projectId")).toString() == projectId
                && workload.value(QStringLiteral("name")).toString() == candidate
                && !workload.value(QStringLiteral("deletedAt")).isString())
                return true;
        }
        return false;
    };
    if (asPrefix) {
        do
            name = requestedName + QLatin1Char('-')
                   + QString::fromLatin1(auth::randomToken(4))
                         .toLower()
                         .remove(QLatin1Char('-'))
                         .remove(QLatin1Char('_'))
                         .left(5);
        while (taken(name));
    } else if (taken(name)) {
        return errorResponse(409,
                             QStringLiteral("The project already has a workload named '%1'.")
                                 .arg(name));
    }
    const QString workloadId = newUuid();
    const QString now = Store::now();
    const QString departmentId = project.value(QStringLiteral("parentId")).toString();
    QJsonObject submitted = body.object;
    submitted.insert(QStringLiteral("name"), name);
    if (!queue(call.store,
               clusterId,
               QJsonObject {{QStringLiteral("action"), QStringLiteral("submit")},
                            {QStringLiteral("type"), type},
                            {QStringLiteral("workloadId"), workloadId},
                            {QStringLiteral("body"), submitted},
                            {QStringLiteral("submittedBy"), call.who()}}))
        return storageFailure();
    // A placeholder so the workload is listed at once; the cluster's first push replaces it.
    const QJsonObject placeholder {
        {QStringLiteral("id"), workloadId},
        {QStringLiteral("name"), name},
        {QStringLiteral("type"), displayType(type)},
        {QStringLiteral("tenantId"), call.store.tenantId().toInt()},
        {QStringLiteral("clusterId"), clusterId},
        {QStringLiteral("projectId"), projectId},
        {QStringLiteral("projectName"), project.value(QStringLiteral("name"))},
        {QStringLiteral("departmentId"), departmentId},
        {QStringLiteral("departmentName"),
         call.store.departments.value(departmentId).value(QStringLiteral("name"))},
        {QStringLiteral("namespace"), project.value(QStringLiteral("requestedNamespace"))},
        {QStringLiteral("submittedBy"), call.who()},
        {QStringLiteral("source"), QStringLiteral("Control-plane")},
        {QStringLiteral("phase"), QStringLiteral("Creating")},
        {QStringLiteral("desiredPhase"), QStringLiteral("Running")},
        {QStringLiteral("phaseUpdatedAt"), now},
        {QStringLiteral("createdAt"), now},
        {QStringLiteral("updatedAt"), now},
        {QStringLiteral("deletedAt"), QJsonValue::Null},
        {QStringLiteral("runningPods"), 0},
        {QStringLiteral("images"),
         spec.contains(QStringLiteral("image")) ? QJsonArray {spec.value(QStringLiteral("image"))}
                                                : QJsonArray()}};
    if (!call.store.workloads.put(workloadId, placeholder))
        return storageFailure();
    call.auditEntityId = workloadId;
    call.auditEntityName = name;
    return jsonResponse(202,
                        QJsonObject {{QStringLiteral("workloadId"), workloadId},
                                     {QStringLiteral("name"), name},
                                     {QStringLiteral("requestedName"), requestedName},
                                     {QStringLiteral("projectId"), projectId},
                                     {QStringLiteral("departmentId"), departmentId},
                                     {QStringLiteral("clusterId"), clusterId},
                                     {QStringLiteral("createdBy"), call.who()},
                                     {QStringLiteral("createdAt"), now},
                                     {QStringLiteral("desiredPhase"), QStringLiteral("Running")},
                                     {QStringLiteral("actualPhase"), QStringLiteral("Creating")},
                                     {QStringLiteral("spec"), spec}});
}

Response getTypedWorkload(Call &call)
{
    const QJsonObject workload = call.store.workloads.value(
        call.param(QStringLiteral("workloadId")));
    return jsonResponse(
        200,
        QJsonObject {{QStringLiteral("workloadId"), workload.value(QStringLiteral("id"))},
                     {QStringLiteral("name"), workload.value(QStringLiteral("name"))},
                     {QStringLiteral("projectId"), workload.value(QStringLiteral("projectId"))},
                     {QStringLiteral("departmentId"),
                      workload.value(QStringLiteral("departmentId"))},
                     {QStringLiteral("clusterId"), workload.value(QStringLiteral("clusterId"))},
                     {QStringLiteral("createdBy"), workload.value(QStringLiteral("submittedBy"))},
                     {QStringLiteral("createdAt"), workload.value(QStringLiteral("createdAt"))},
                     {QStringLiteral("desiredPhase"),
                      workload.value(QStringLiteral("desiredPhase"))},
                     {QStringLiteral("actualPhase"), workload.value(QStringLiteral("phase"))}});
}

Response deleteTypedWorkload(Call &call)
{
    return queueAction(call, QStringLiteral("delete"), call.param(QStringLiteral("workloadId")));
}

Response suspendWorkload(Call &call)
{
    return queueAction(call, QStringLiteral("suspend"), call.param(QStringLiteral("workloadId")));
}

Response resumeWorkload(Call &call)
{
    return queueAction(call, QStringLiteral("resume"), call.param(QStringLiteral("workloadId")));
}

Response batchWorkloads(Call &call)
{
    const http::JsonObjectResult body = http::parseJsonObject(call.request);
    if (!body.ok())
        return *body.error;
    http::FieldReader reader(body.object);
    const QJsonArray ids = reader.requiredArray(QStringLiteral("ids"));
    const QString action = reader.requiredString(QStringLiteral("action"));
    if (auto error = reader.finish())
        return *error;
    if (action != QLatin1String("delete") && action != QLatin1String("suspend")
        && action != QLatin1String("resume"))
        return errorResponse(400,
                             QStringLiteral("Field 'action' must be delete, suspend or resume."));
    QJsonArray succeeded, failed;
    for (const QJsonValue &value : ids) {
        const QString id = value.toString();
        const QJsonObject workload = call.store.workloads.value(id);
        auto fail = [&](int code, const QString &message) {
            failed.append(QJsonObject {{QStringLiteral("id"), id},
                                       {QStringLiteral("code"), code},
                                       {QStringLiteral("message"), message}});
        };
        if (workload.isEmpty()) {
            fail(404, QStringLiteral("There is no workload with id '%1'.").arg(id));
            continue;
        }
        const QString needed = action == QLatin1String("delete") ? QStringLiteral("delete")
                                                                 : QStringLiteral("update");
        if (!call.can(workloads::resourceTypeOf(workload),
                      needed,
                      workloads::workloadScope(call.store, workload))) {
            fail(403, QStringLiteral("You are not allowed to %1 this workload.").arg(action));
            continue;
        }
        const Response reply = queueAction(call, action, id);
        if (reply.status == 202)
            succeeded.append(id);
        else
            fail(reply.status, QStringLiteral("The request could not be queued."));
    }
    call.auditEntityId.clear();
    call.auditEntityName = QStringLiteral("%1 workload(s)").arg(succeeded.size());
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("succeeded"), succeeded},
                                     {QStringLiteral("failed"), failed}});
}

} // namespace gpudesk::core::handlers
