#include "orgsource.h"

#include "controlplaneclient.h"

#include <QMap>

OrgSource::OrgSource(ControlPlaneClient *client, const QString &tenantName, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_tenantName(tenantName)
    , m_model(new OrgTreeModel(this))
{
    m_timer.setInterval(10000);
    connect(&m_timer, &QTimer::timeout, this, &OrgSource::refresh);
}

void OrgSource::start()
{
    refresh();
    m_timer.start();
}

void OrgSource::refresh()
{
    if (!m_client)
        return;
    const quint64 round = ++m_round;
    m_outstanding = 4;
    m_roundError.clear();
    auto finish = [this, round](const ApiError &error) {
        if (round != m_round)
            return;
        if (error.isError() && error.kind != ApiError::Kind::Cancelled)
            m_roundError = error.message;
        if (--m_outstanding == 0)
            deliver();
    };
    m_client->fetchDepartments(this, [this, round, finish](const auto &r) {
        if (round == m_round && r.ok())
            m_departments = r.value;
        finish(r.error);
    });
    m_client->fetchProjects(this, [this, round, finish](const auto &r) {
        if (round == m_round && r.ok())
            m_projects = r.value;
        finish(r.error);
    });
    m_client->fetchNodePools(this, [this, round, finish](const auto &r) {
        if (round == m_round && r.ok())
            m_pools = r.value;
        finish(r.error);
    });
    m_client->fetchNodes(this, [this, round, finish](const auto &r) {
        if (round == m_round && r.ok())
            m_nodes = r.value;
        finish(r.error);
    });
}

void OrgSource::deliver()
{
    if (!m_roundError.isEmpty()) {
        m_lastError = m_roundError;
        emit failed(m_roundError);
        return;
    }
    // Pools of the same name in several clusters are one column; their capacity (the GPUs of their
    // ready nodes, the base of the fair-share estimate) adds up.
    QMap<QString, double> capacity;
    for (const api::NodePool &pool : std::as_const(m_pools))
        capacity[pool.name] += 0;
    for (const api::Node &node : std::as_const(m_nodes)) {
        if (node.status == QLatin1String("Ready"))
            capacity[node.nodePool] += node.gpuCount;
    }
    QList<QPair<QString, double>> pools;
    for (auto it = capacity.cbegin(); it != capacity.cend(); ++it)
        pools.append({it.key(), it.value()});
    m_model->setSnapshot(m_tenantName, m_departments, m_projects, pools);
    m_lastError.clear();
    m_lastLoaded = QDateTime::currentDateTime();
    emit loaded(m_lastLoaded);
}
