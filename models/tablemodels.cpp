#include "tablemodels.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("models", text);
}

QString yesNo(bool b)
{
    return b ? tr("Yes") : tr("No");
}

} // namespace

ClusterModel::ClusterModel(QObject *parent)
    : SnapshotTableModel(parent)
{
    using T = api::Cluster;
    setColumns({columns::text(tr("Cluster"), &T::name),
                columns::text(tr("Status"), &T::state),
                columns::text(tr("URL"), &T::domain),
                columns::text(tr("Version"), &T::version),
                columns::text(tr("Platform"), &T::platformType),
                columns::time(tr("Last seen"), &T::lastLiveness),
                columns::time(tr("Creation time"), &T::createdAt)});
}

QVariant ClusterModel::extraData(const api::Cluster &row, int, int role) const
{
    return role == models::StatusRole ? QVariant(row.state) : QVariant();
}

NodePoolModel::NodePoolModel(QObject *parent)
    : SnapshotTableModel(parent)
{
    using T = api::NodePool;
    setColumns({columns::text(tr("Node pool"), &T::name),
                columns::text(tr("Status"), &T::phase),
                columns::text(tr("Cluster"), &T::clusterId),
                {tr("Label"),
                 [](const T &p) { return QVariant(p.labelKey + QLatin1Char('=') + p.labelValue); },
                 {}},
                columns::number(tr("Nodes"), &T::nodeCount),
                columns::number(tr("GPU devices"), &T::gpus),
                columns::number(tr("Allocated GPUs"), &T::allocatedGpus),
                columns::text(tr("GPU placement"), &T::gpuPlacement),
                columns::text(tr("CPU placement"), &T::cpuPlacement)});
}

QVariant NodePoolModel::extraData(const api::NodePool &row, int, int role) const
{
    return role == models::StatusRole ? QVariant(row.phase) : QVariant();
}

NodeModel::NodeModel(QObject *parent)
    : SnapshotTableModel(parent)
{
    using T = api::Node;
    setColumns(
        {columns::text(tr("Node"), &T::name),
         {tr("Status"),
          [](const T &n) {
              return QVariant(n.notReadyReason.isEmpty() || n.status == QLatin1String("Ready")
                                  ? n.status
                                  : n.status + QStringLiteral(" (") + n.notReadyReason
                                        + QLatin1Char(')'));
          },
          {}},
         columns::text(tr("Node pool"), &T::nodePool),
         columns::text(tr("GPU type"), &T::gpuType),
         columns::number(tr("GPU devices"), &T::gpuCount),
         {tr("Free GPU devices"),
          [](const T &n) { return QVariant(n.gpuCount - n.allocatedGpus); },
          [](const T &a, const T &b) {
              const double x = a.gpuCount - a.allocatedGpus, y = b.gpuCount - b.allocatedGpus;
              return x < y ? -1 : (y < x ? 1 : 0);
          },
          Qt::AlignRight | Qt::AlignVCenter},
         columns::number(tr("Allocated GPUs"), &T::allocatedGpus),
         columns::number(tr("CPU cores"), &T::cpuCores),
         columns::number(tr("CPU memory (bytes)"), &T::memoryBytes)});
}

QVariant NodeModel::extraData(const api::Node &row, int, int role) const
{
    return role == models::StatusRole ? QVariant(row.status) : QVariant();
}

PodModel::PodModel(QObject *parent)
    : SnapshotTableModel(parent)
{
    using T = api::Pod;
    setColumns({columns::text(tr("Pod"), &T::name),
                columns::text(tr("Status"), &T::phase),
                columns::text(tr("Node"), &T::nodeName),
                columns::text(tr("Node pool"), &T::nodePool),
                columns::text(tr("Image"), &T::image),
                columns::number(tr("GPU allocation"), &T::gpuAllocated),
                columns::time(tr("Creation time"), &T::createdAt)});
}

QVariant PodModel::extraData(const api::Pod &row, int, int role) const
{
    return role == models::StatusRole ? QVariant(row.phase) : QVariant();
}

UserModel::UserModel(QObject *parent)
    : SnapshotTableModel(parent)
{
    using T = api::User;
    setColumns({columns::text(tr("User"), &T::username),
                {tr("Local"), [](const T &u) { return QVariant(yesNo(u.isLocal)); }, {}},
                {tr("Groups"),
                 [](const T &u) { return QVariant(u.groups.join(QStringLiteral(", "))); },
                 {}},
                columns::text(tr("Created by"), &T::createdBy),
                columns::time(tr("Creation time"), &T::createdAt),
                columns::time(tr("Last login"), &T::lastLogin)});
}

ServiceAccountModel::ServiceAccountModel(QObject *parent)
    : SnapshotTableModel(parent)
{
    using T = api::ServiceAccount;
    setColumns({columns::text(tr("Service account"), &T::name),
                columns::text(tr("Client ID"), &T::clientId),
                {tr("Enabled"), [](const T &s) { return QVariant(yesNo(s.enabled)); }, {}},
                columns::text(tr("Created by"), &T::createdBy),
                columns::time(tr("Creation time"), &T::createdAt)});
}

AccessRuleModel::AccessRuleModel(QObject *parent)
    : SnapshotTableModel(parent)
{
    using T = api::AccessRule;
    setColumns(
        {columns::text(tr("Type"), &T::subjectType),
         columns::text(tr("Subject"), &T::subjectId),
         columns::text(tr("Role"), &T::roleName),
         columns::text(tr("Scope type"), &T::scopeType),
         {tr("Scope"),
          [](const T &a) { return QVariant(a.scopeName.isEmpty() ? a.scopeId : a.scopeName); },
          {}},
         columns::text(tr("Authorized by"), &T::createdBy),
         columns::time(tr("Creation time"), &T::createdAt)});
}

WorkloadEventModel::WorkloadEventModel(QObject *parent)
    : SnapshotTableModel(parent)
{
    using T = api::WorkloadEvent;
    setColumns({columns::time(tr("Time"), &T::createdAt),
                columns::text(tr("Type"), &T::type),
                columns::text(tr("Reason"), &T::reason),
                columns::text(tr("Message"), &T::message),
                columns::text(tr("Source"), &T::source),
                {tr("Object"),
                 [](const T &e) { return QVariant(e.objectKind + QLatin1Char('/') + e.objectName); },
                 {}}});
}

QVariant WorkloadEventModel::extraData(const api::WorkloadEvent &row, int, int role) const
{
    return role == models::StatusRole ? QVariant(row.type) : QVariant();
}

AuditLogModel::AuditLogModel(QObject *parent)
    : SnapshotTableModel(parent)
{
    using T = api::AuditEntry;
    setColumns({columns::time(tr("Date & time"), &T::timestamp),
                columns::text(tr("Subject"), &T::subject),
                columns::text(tr("Subject type"), &T::subjectType),
                columns::text(tr("Source IP"), &T::sourceIp),
                columns::text(tr("Event"), &T::action),
                columns::text(tr("Entity type"), &T::entityType),
                columns::text(tr("Entity name"), &T::entityName),
                columns::text(tr("Entity ID"), &T::entityId),
                columns::text(tr("Status"), &T::result),
                columns::text(tr("HTTP method"), &T::httpMethod),
                columns::text(tr("URL"), &T::url)});
}

QVariant AuditLogModel::extraData(const api::AuditEntry &row, int, int role) const
{
    return role == models::StatusRole ? QVariant(row.result) : QVariant();
}
