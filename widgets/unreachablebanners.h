#pragma once

#include "clusterstate.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QVBoxLayout;

// Above the pages: one banner per unreachable cluster. It names the cluster, says why it cannot be
// reached, that workload actions for it are disabled and that metadata still works (the desktop may
// sit outside the cluster's firewall while the control plane stays reachable).
class UnreachableBanners : public QWidget
{
    Q_OBJECT
public:
    explicit UnreachableBanners(QWidget *parent = nullptr);

    void updateCluster(const ClusterState &cluster);
    void setClusters(const QList<ClusterState> &clusters);
    QStringList unreachableClusters() const;
    QString bannerText(const QString &clusterName) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void render(QLabel *banner, const ClusterState &cluster) const;

    QVBoxLayout *m_layout = nullptr;
    QHash<QString, QLabel *> m_banners; // by cluster name
    QHash<QString, ClusterState> m_states;
};
