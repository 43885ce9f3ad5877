#pragma once

// What the cluster pulled from the control plane (cluster-sync desired-state): the org tree with its
// per-node-pool quotas, roles and access rules, and the queued submissions/actions.

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include "rbac/rbactypes.h"

namespace gpudesk::cluster {

struct PoolQuota
{
    double gpuDeserved = 0;
    double gpuLimit = -1;       // -1 = no limit
    double overQuotaWeight = 2; // Medium
};

struct OrgUnit
{
    QString id;
    QString name;
    QString parentId; // projects: their department
    QStringList defaultNodePools;
    QHash<QString, PoolQuota> quotaByPool; // node pool name → quota
    qint64 createdOrder = 0;
};

struct QueuedSubmission
{
    QString id;
    QString action; // submit | suspend | resume | delete
    QString type;   // trainings | workspaces | distributed | inferences
    QString workloadId;
    QJsonObject body;
    QString submittedBy;
};

struct DesiredState
{
    QString cursor;
    QVector<OrgUnit> departments;
    QVector<OrgUnit> projects;
    QString tenantId;
    QList<rbac::Role> roles;
    QList<rbac::AccessRule> accessRules;
    QVector<QueuedSubmission> submissions;
    bool received = false;

    const OrgUnit *project(const QString &id) const;
    const OrgUnit *projectByName(const QString &name) const;
    const OrgUnit *department(const QString &id) const;
};

// Parses the desired-state reply; unknown fields are ignored, missing lists stay empty.
DesiredState parseDesiredState(const QJsonObject &reply);

} // namespace gpudesk::cluster
