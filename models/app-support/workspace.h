#pragma once

// One logged-in connection as the desktop app uses it: the models' Session (login, token refresh,
// keychain), one ClusterClient (with its reachability monitor) per cluster the control plane lists, and
// the Overview's source. It only wires the data layer together; the widgets read from it.

#include "apitypes.h"
#include "connectionprofile.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>

class ClusterClient;
class ControlPlaneClient;
class KeychainStore;
class OrgSource;
class OverviewSource;
class Session;
class WorkloadFeed;
class WorkloadModel;

struct WorkspaceCluster
{
    QString id;
    QString name;
    QUrl url;
    enum class Reach { Unknown, Reachable, Unreachable } reach = Reach::Unknown;
    QString reason;
    QDateTime lastContact; // the last probe the cluster answered
    friend bool operator==(const WorkspaceCluster &, const WorkspaceCluster &) = default;
};

class Workspace : public QObject
{
    Q_OBJECT
public:
    // `keychain` is not owned and must outlive the workspace.
    Workspace(const ConnectionProfile &profile, KeychainStore *keychain, QObject *parent = nullptr);
    ~Workspace() override;

    void setProbeInterval(int ms) { m_probeIntervalMs = ms; }

    Session *session() const { return m_session; }
    const ConnectionProfile &profile() const;
    // `secret`: the password or the service account's client secret (memory only, see Session).
    void login(const QString &secret);
    bool isLoggedIn() const;

    // After login: loads the clusters, starts probing them and starts the Overview refresh.
    void start();

    ControlPlaneClient *controlPlane() const { return m_controlPlane; }
    OverviewSource *overview() const { return m_overview; }
    OrgSource *organization() const { return m_organization; }
    WorkloadModel *workloads() const { return m_workloads; }
    WorkloadFeed *workloadFeed() const { return m_workloadFeed; }
    QList<WorkspaceCluster> clusters() const { return m_clusters; }
    ClusterClient *clusterClient(const QString &clusterId) const;
    // The cluster a workload belongs to is unreachable: the reason, else empty.
    QString unreachableReason(const QString &clusterId) const;

signals:
    void loggedIn();
    void loginFailed(const ApiError &error);
    void clustersLoaded();
    void clustersFailed(const QString &message);
    void clusterChanged(const WorkspaceCluster &cluster);

private:
    void loadClusters();
    void addCluster(const api::Cluster &cluster);

    Session *m_session;
    ControlPlaneClient *m_controlPlane;
    OverviewSource *m_overview;
    OrgSource *m_organization;
    WorkloadModel *m_workloads;
    WorkloadFeed *m_workloadFeed;
    QTimer *m_workloadRefresh;
    QList<WorkspaceCluster> m_clusters;
    QHash<QString, ClusterClient *> m_clusterClients;
    int m_probeIntervalMs = 3000;
};
