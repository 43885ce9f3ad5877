#pragma once

// Roles × permissions: one row per resource type (department, project, workloads, …), one column per
// role; a cell shows the actions the role has on that resource ("CRUD" letters, ActionsRole gives the
// list). Fed snapshots of the role list: roles become column inserts/removals, resource types row
// inserts/removals in sorted position, changed grants dataChanged.

#include "apitypes.h"

#include <QAbstractTableModel>

class RolePermissionModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles { ActionsRole = Qt::UserRole + 1, RoleIdRole, ResourceTypeRole };

    explicit RolePermissionModel(QObject *parent = nullptr);

    void setRoles(const QList<api::Role> &roles);
    const QList<api::Role> &roles() const { return m_roles; }
    QStringList resourceTypes() const { return m_resourceTypes; }
    // The actions `roleId` has on `resourceType`, e.g. {"create","read"}.
    QStringList actions(const QString &roleId, const QString &resourceType) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString letters(const QStringList &actions); // {"read","create"} → "CR"

private:
    QList<api::Role> m_roles;
    QStringList m_resourceTypes; // sorted
    QHash<QString, QString> m_displayNames;
};
