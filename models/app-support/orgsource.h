#pragma once

// Feeds the models' OrgTreeModel from the control plane: departments, projects, node pools and nodes
// (the pools' GPU capacity is the base of the fair-share estimate), re-read every few seconds. Metadata comes only
// from the control plane, so this keeps working when a cluster is unreachable.

#include "orgtreemodel.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ControlPlaneClient;

class OrgSource : public QObject
{
    Q_OBJECT
public:
    OrgSource(ControlPlaneClient *client, const QString &tenantName, QObject *parent = nullptr);

    OrgTreeModel *model() const { return m_model; }
    void setRefreshInterval(int ms) { m_timer.setInterval(ms); }
    void start();
    void refresh();
    QDateTime lastLoaded() const { return m_lastLoaded; }
    QString lastError() const { return m_lastError; }

signals:
    void loaded(const QDateTime &when);
    void failed(const QString &message);

private:
    void deliver();

    QPointer<ControlPlaneClient> m_client;
    QString m_tenantName;
    OrgTreeModel *m_model;
    QTimer m_timer;
    quint64 m_round = 0;
    int m_outstanding = 0;
    QList<api::OrgUnit> m_departments;
    QList<api::OrgUnit> m_projects;
    QList<api::NodePool> m_pools;
    QList<api::Node> m_nodes;
    QString m_roundError;
    QDateTime m_lastLoaded;
    QString m_lastError;
};
