#pragma once

#include "clusterstate.h"

#include <QHash>
#include <QWidget>

class QHBoxLayout;
class QLabel;

// The status bar's cluster part: one indicator per cluster (connected / unreachable with the reason,
// last sync time). Indicators are named "clusterIndicator:<cluster name>" for tests and accessibility.
class ClusterStatusArea : public QWidget
{
    Q_OBJECT
public:
    explicit ClusterStatusArea(QWidget *parent = nullptr);

    void setClusters(const QList<ClusterState> &clusters);
    void updateCluster(const ClusterState &cluster);
    QString indicatorText(const QString &clusterName) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *indicatorFor(const ClusterState &cluster);
    void render(QLabel *label, const ClusterState &cluster) const;
    void renderAll();

    QHBoxLayout *m_layout = nullptr;
    QLabel *m_empty = nullptr;
    QList<ClusterState> m_clusters;
    QHash<QString, QLabel *> m_indicators; // by cluster name
};
