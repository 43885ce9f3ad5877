#include "rolepermissionmodel.h"

#include <QCoreApplication>
#include <QSet>

RolePermissionModel::RolePermissionModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int RolePermissionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_resourceTypes.size());
}

int RolePermissionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_roles.size());
}

QString RolePermissionModel::letters(const QStringList &actions)
{
    QString out;
    for (const auto &[name, letter] : {std::pair {"create", 'C'},
                                       std::pair {"read", 'R'},
                                       std::pair {"update", 'U'},
                                       std::pair {"delete", 'D'},
                                       std::pair {"sync", 'S'}}) {
        if (actions.contains(QLatin1String(name)))
            out += QLatin1Char(letter);
    }
    return out;
}

QStringList RolePermissionModel::actions(const QString &roleId, const QString &resourceType) const
{
    for (const api::Role &r : m_roles) {
        if (r.id != roleId)
            continue;
        for (const api::Permission &p : r.permissions) {
            if (p.resourceType == resourceType)
                return p.actions;
        }
    }
    return {};
}

QVariant RolePermissionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const api::Role &r = m_roles.at(index.column());
    const QString &type = m_resourceTypes.at(index.row());
    const QStringList acts = actions(r.id, type);
    switch (role) {
    case Qt::DisplayRole:
        return letters(acts);
    case ActionsRole:
        return acts;
    case RoleIdRole:
        return r.id;
    case ResourceTypeRole:
        return type;
    case Qt::ToolTipRole:
        return acts.isEmpty()
                   ? QCoreApplication::translate("models", "%1 has no access to %2").arg(r.name, type)
                   : QCoreApplication::translate("models", "%1 may %2 %3")
                         .arg(r.name, acts.join(QStringLiteral(", ")), type);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignCenter);
    default:
        return {};
    }
}

QVariant RolePermissionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Horizontal && section >= 0 && section < m_roles.size())
        return m_roles.at(section).name;
    if (orientation == Qt::Vertical && section >= 0 && section < m_resourceTypes.size()) {
        const QString &type = m_resourceTypes.at(section);
        return m_displayNames.value(type, type);
    }
    return {};
}

void RolePermissionModel::setRoles(const QList<api::Role> &roles)
{
    // Columns: drop roles that went away, update the ones that changed, append new ones.
    QSet<QString> wanted;
    for (const api::Role &r : roles)
        wanted.insert(r.id);
    for (int c = int(m_roles.size()) - 1; c >= 0; --c) {
        if (!wanted.contains(m_roles.at(c).id)) {
            beginRemoveColumns({}, c, c);
            m_roles.removeAt(c);
            endRemoveColumns();
        }
    }
    QList<api::Role> added;
    QList<int> changed;
    for (const api::Role &r : roles) {
        bool found = false;
        for (int c = 0; c < m_roles.size(); ++c) {
            if (m_roles.at(c).id == r.id) {
                found = true;
                if (!(m_roles.at(c) == r)) {
                    m_roles[c] = r;
                    changed << c;
                }
            }
        }
        if (!found)
            added << r;
    }
    // Rows: the union of resource types, kept sorted; removals first, then inserts in place.
    QSet<QString> types;
    for (const api::Role &r : roles) {
        for (const api::Permission &p : r.permissions) {
            types.insert(p.resourceType);
            if (!p.displayName.isEmpty())
                m_displayNames.insert(p.resourceType, p.displayName);
        }
    }
    for (int row = int(m_resourceTypes.size()) - 1; row >= 0; --row) {
        if (!types.contains(m_resourceTypes.at(row))) {
            beginRemoveRows({}, row, row);
            m_resourceTypes.removeAt(row);
            endRemoveRows();
        }
    }
    QStringList newTypes(types.begin(), types.end());
    std::sort(newTypes.begin(), newTypes.end());
    for (const QString &t : std::as_const(newTypes)) {
        const auto pos = std::lower_bound(m_resourceTypes.begin(), m_resourceTypes.end(), t);
        if (pos != m_resourceTypes.end() && *pos == t)
            continue;
        const int row = int(pos - m_resourceTypes.begin());
        beginInsertRows({}, row, row);
        m_resourceTypes.insert(row, t);
        endInsertRows();
    }
    if (!added.isEmpty()) {
        beginInsertColumns({}, int(m_roles.size()), int(m_roles.size() + added.size()) - 1);
        m_roles += added;
        endInsertColumns();
    }
    for (int c : std::as_const(changed)) {
        if (!m_resourceTypes.isEmpty())
            emit dataChanged(index(0, c), index(int(m_resourceTypes.size()) - 1, c));
        emit headerDataChanged(Qt::Horizontal, c, c);
    }
}
