#include "workspace.h"

#include "apptr.h"
#include "clusterclient.h"
#include "controlplaneclient.h"
#include "orgsource.h"
#include "overviewsource.h"
#include "session.h"
#include "workloadmodel.h"

Workspace::Workspace(const ConnectionProfile &profile, KeychainStore *keychain, QObject *parent)
    : QObject(parent)
    , m_session(new Session(profile, keychain, this))
    , m_controlPlane(m_session->controlPlane())
    , m_overview(new OverviewSource(m_controlPlane, this))
    , m_organization(new OrgSource(m_controlPlane, profile.name, this))
    , m_workloads(new WorkloadModel(this))
    , m_workloadFeed(new WorkloadFeed(m_controlPlane, m_workloads, this))
    , m_workloadRefresh(new QTimer(this))
{
    m_workloadRefresh->setInterval(5000);
    connect(m_workloadRefresh, &QTimer::timeout, m_workloadFeed, &WorkloadFeed::refresh);
    connect(m_session, &Session::loggedIn, this, &Workspace::loggedIn);
    connect(m_session, &Session::loginFailed, this, &Workspace::loginFailed);
}

Workspace::~Workspace()
{
    m_overview->stop();
    m_workloadRefresh->stop();
}

const ConnectionProfile &Workspace::profile() const
{
    return m_session->profile();
}

void Workspace::login(const QString &secret)
{
    if (m_session->setupError().isError()) {
        emit loginFailed(m_session->setupError());
        return;
    }
    m_session->login(secret);
}

bool Workspace::isLoggedIn() const
{
    return m_session->isLoggedIn();
}

void Workspace::start()
{
    loadClusters();
    m_organization->start();
    m_workloadFeed->start();
    m_workloadRefresh->start();
}

void Workspace::loadClusters()
{
    m_controlPlane->fetchClusters(this, [this](const Result<QList<api::Cluster>> &result) {
        if (!result.ok()) {
            emit clustersFailed(result.error.message);
            return;
        }
        for (const api::Cluster &cluster : result.value) {
            if (!m_clusterClients.contains(cluster.uuid))
                addCluster(cluster);
        }
        QList<QPair<QString, QString>> ids;
        for (const WorkspaceCluster &c : std::as_const(m_clusters))
            ids.append({c.id, c.name});
        m_overview->setClusters(ids);
        m_overview->start();
        emit clustersLoaded();
    });
}

void Workspace::addCluster(const api::Cluster &cluster)
{
    WorkspaceCluster entry;
    entry.id = cluster.uuid;
    entry.name = cluster.name;
    entry.url = QUrl(cluster.domain);
    m_clusters.append(entry);
    if (!entry.url.isValid() || entry.url.host().isEmpty()) {
        m_clusters.last().reach = WorkspaceCluster::Reach::Unreachable;
        m_clusters.last().reason = AppSupportTr::tr(
            "The control plane lists no URL for this cluster.");
        return;
    }
    ClusterClient *client = m_session->clusterClient(cluster.name, entry.url);
    m_clusterClients.insert(cluster.uuid, client);
    ClusterReachability *monitor = client->reachability();
    const QString id = cluster.uuid;
    auto update = [this, id, monitor] {
        auto it = std::find_if(m_clusters.begin(), m_clusters.end(), [&](const auto &c) {
            return c.id == id;
        });
        if (it == m_clusters.end())
            return;
        WorkspaceCluster next = *it;
        switch (monitor->state()) {
        case ClusterReachability::State::Reachable:
            next.reach = WorkspaceCluster::Reach::Reachable;
            next.reason.clear();
            next.lastContact = QDateTime::currentDateTime();
            break;
        case ClusterReachability::State::Unreachable:
            next.reach = WorkspaceCluster::Reach::Unreachable;
            next.reason = monitor->reason();
            break;
        default:
            return; // probing: keep what we showed
        }
        if (next == *it)
            return;
        *it = next;
        emit clusterChanged(next);
    };
    connect(monitor, &ClusterReachability::probed, this, update);
    monitor->setProbeInterval(m_probeIntervalMs);
    monitor->probe();
}

ClusterClient *Workspace::clusterClient(const QString &clusterId) const
{
    return m_clusterClients.value(clusterId);
}

QString Workspace::unreachableReason(const QString &clusterId) const
{
    for (const WorkspaceCluster &c : m_clusters) {
        if (c.id == clusterId && c.reach == WorkspaceCluster::Reach::Unreachable)
            return c.reason;
    }
    return QString();
}
