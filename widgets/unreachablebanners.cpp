#include "unreachablebanners.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

UnreachableBanners::UnreachableBanners(QWidget *parent)
    : QWidget(parent)
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
}

void UnreachableBanners::setClusters(const QList<ClusterState> &clusters)
{
    for (const ClusterState &cluster : clusters)
        updateCluster(cluster);
}

void UnreachableBanners::updateCluster(const ClusterState &cluster)
{
    m_states.insert(cluster.name, cluster);
    if (cluster.reach != ClusterState::Reach::Unreachable) {
        delete m_banners.take(cluster.name);
        return;
    }
    QLabel *&banner = m_banners[cluster.name];
    if (!banner) {
        banner = new QLabel(this);
        banner->setObjectName(QStringLiteral("unreachableBanner:") + cluster.name);
        banner->setWordWrap(true);
        banner->setTextFormat(Qt::PlainText);
        banner->setStyleSheet(QStringLiteral("background: #fff4e5; color: #5c3c00;"
                                             "border: 1px solid #f0b35a; border-radius: 4px;"
                                             "padding: 8px;"));
        m_layout->addWidget(banner);
    }
    render(banner, cluster);
}

QStringList UnreachableBanners::unreachableClusters() const
{
    QStringList names = m_banners.keys();
    names.sort();
    return names;
}

QString UnreachableBanners::bannerText(const QString &clusterName) const
{
    const QLabel *banner = m_banners.value(clusterName);
    return banner ? banner->text() : QString();
}

void UnreachableBanners::render(QLabel *banner, const ClusterState &cluster) const
{
    banner->setText(
        tr("Cluster “%1” cannot be reached: %2\n"
           "Workload actions for this cluster (submit, suspend, resume, delete, logs) are "
           "disabled. Metadata from the control plane (organization, quotas, users, "
           "access rules, event history) still works.")
            .arg(cluster.name, cluster.reason));
}

void UnreachableBanners::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        for (auto it = m_banners.cbegin(); it != m_banners.cend(); ++it)
            render(it.value(), m_states.value(it.key()));
    }
    QWidget::changeEvent(event);
}
