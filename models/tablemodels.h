#pragma once

// The flat entity tables, each a SnapshotTableModel over one value type of apitypes.h. Column enums are
// the contract with the widgets; models::Role (snapshottablemodel.h) gives keys, sort values and search
// text, StatusRole the raw status for colouring.

#include "apitypes.h"
#include "snapshottablemodel.h"

class ClusterModel : public SnapshotTableModel<api::Cluster>
{
public:
    enum Column {
        NameColumn,
        StatusColumn,
        UrlColumn,
        VersionColumn,
        PlatformColumn,
        LastSeenColumn,
        CreatedColumn,
        ColumnCount
    };
    explicit ClusterModel(QObject *parent = nullptr);

protected:
    QVariant extraData(const api::Cluster &row, int column, int role) const override;
};

class NodePoolModel : public SnapshotTableModel<api::NodePool>
{
public:
    enum Column {
        NameColumn,
        StatusColumn,
        ClusterColumn,
        LabelColumn,
        NodesColumn,
        GpusColumn,
        AllocatedGpusColumn,
        GpuPlacementColumn,
        CpuPlacementColumn,
        ColumnCount
    };
    explicit NodePoolModel(QObject *parent = nullptr);

protected:
    QVariant extraData(const api::NodePool &row, int column, int role) const override;
};

class NodeModel : public SnapshotTableModel<api::Node>
{
public:
    enum Column {
        NameColumn,
        StatusColumn,
        NodePoolColumn,
        GpuTypeColumn,
        GpusColumn,
        FreeGpusColumn,
        AllocatedGpusColumn,
        CpuCoresColumn,
        MemoryColumn,
        ColumnCount
    };
    explicit NodeModel(QObject *parent = nullptr);

protected:
    QVariant extraData(const api::Node &row, int column, int role) const override;
};

class PodModel : public SnapshotTableModel<api::Pod>
{
public:
    enum Column {
        NameColumn,
        StatusColumn,
        NodeColumn,
        NodePoolColumn,
        ImageColumn,
        GpuAllocationColumn,
        CreatedColumn,
        ColumnCount
    };
    explicit PodModel(QObject *parent = nullptr);

protected:
    QVariant extraData(const api::Pod &row, int column, int role) const override;
};

class UserModel : public SnapshotTableModel<api::User>
{
public:
    enum Column {
        UsernameColumn,
        LocalColumn,
        GroupsColumn,
        CreatedByColumn,
        CreatedColumn,
        LastLoginColumn,
        ColumnCount
    };
    explicit UserModel(QObject *parent = nullptr);
};

class ServiceAccountModel : public SnapshotTableModel<api::ServiceAccount>
{
public:
    enum Column {
        NameColumn,
        ClientIdColumn,
        EnabledColumn,
        CreatedByColumn,
        CreatedColumn,
        ColumnCount
    };
    explicit ServiceAccountModel(QObject *parent = nullptr);
};

class AccessRuleModel : public SnapshotTableModel<api::AccessRule>
{
public:
    enum Column {
        SubjectTypeColumn,
        SubjectColumn,
        RoleColumn,
        ScopeTypeColumn,
        ScopeColumn,
        CreatedByColumn,
        CreatedColumn,
        ColumnCount
    };
    explicit AccessRuleModel(QObject *parent = nullptr);
};

class WorkloadEventModel : public SnapshotTableModel<api::WorkloadEvent>
{
public:
    enum Column {
        TimeColumn,
        TypeColumn,
        ReasonColumn,
        MessageColumn,
        SourceColumn,
        ObjectColumn,
        ColumnCount
    };
    explicit WorkloadEventModel(QObject *parent = nullptr);

protected:
    QVariant extraData(const api::WorkloadEvent &row, int column, int role) const override;
};

// Event history (the audit log).
class AuditLogModel : public SnapshotTableModel<api::AuditEntry>
{
public:
    enum Column {
        TimeColumn,
        SubjectColumn,
        SubjectTypeColumn,
        SourceIpColumn,
        ActionColumn,
        EntityTypeColumn,
        EntityNameColumn,
        EntityIdColumn,
        ResultColumn,
        HttpMethodColumn,
        UrlColumn,
        ColumnCount
    };
    explicit AuditLogModel(QObject *parent = nullptr);

protected:
    QVariant extraData(const api::AuditEntry &row, int column, int role) const override;
};
