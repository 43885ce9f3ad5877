#include "clusterstatusarea.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

ClusterStatusArea::ClusterStatusArea(QWidget *parent)
    : QWidget(parent)
{
    m_layout = new QHBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("clusterIndicatorEmpty"));
    m_layout->addWidget(m_empty);
    renderAll();
}

void ClusterStatusArea::setClusters(const QList<ClusterState> &clusters)
{
    for (const ClusterState &old : std::as_const(m_clusters)) {
        const bool stillThere = std::any_of(clusters.cbegin(), clusters.cend(), [&](const auto &c) {
            return c.name == old.name;
        });
        if (!stillThere)
            delete m_indicators.take(old.name);
    }
    m_clusters = clusters;
    renderAll();
}

void ClusterStatusArea::updateCluster(const ClusterState &cluster)
{
    auto it = std::find_if(m_clusters.begin(), m_clusters.end(), [&](const ClusterState &c) {
        return c.name == cluster.name;
    });
    if (it == m_clusters.end())
        m_clusters.append(cluster);
    else
        *it = cluster;
    render(indicatorFor(cluster), cluster);
    m_empty->setVisible(false);
}

QString ClusterStatusArea::indicatorText(const QString &clusterName) const
{
    const QLabel *label = m_indicators.value(clusterName);
    return label ? label->text() : QString();
}

QLabel *ClusterStatusArea::indicatorFor(const ClusterState &cluster)
{
    QLabel *&label = m_indicators[cluster.name];
    if (!label) {
        label = new QLabel(this);
        label->setObjectName(QStringLiteral("clusterIndicator:") + cluster.name);
        label->setTextFormat(Qt::PlainText);
        m_layout->addWidget(label);
    }
    return label;
}

void ClusterStatusArea::render(QLabel *label, const ClusterState &cluster) const
{
    const QString synced = cluster.lastSync.isValid()
                               ? tr("last sync %1")
                                     .arg(QLocale().toString(cluster.lastSync.toLocalTime().time(),
                                                             QLocale::ShortFormat))
                               : tr("not synced yet");
    QString text;
    QString colour;
    switch (cluster.reach) {
    case ClusterState::Reach::Reachable:
        text = tr("● %1: connected, %2").arg(cluster.name, synced);
        colour = QStringLiteral("#1a7f37");
        break;
    case ClusterState::Reach::Unreachable:
        text = tr("● %1: unreachable (%2), %3").arg(cluster.name, cluster.reason, synced);
        colour = QStringLiteral("#b42318");
        break;
    case ClusterState::Reach::Unknown:
        text = tr("● %1: checking…").arg(cluster.name);
        colour = QStringLiteral("#6e7781");
        break;
    }
    label->setText(text);
    label->setToolTip(cluster.reach == ClusterState::Reach::Unreachable ? cluster.reason
                                                                        : QString());
    label->setStyleSheet(QStringLiteral("color: %1; padding: 0 6px;").arg(colour));
}

void ClusterStatusArea::renderAll()
{
    m_empty->setText(tr("No clusters"));
    m_empty->setVisible(m_clusters.isEmpty());
    for (const ClusterState &cluster : std::as_const(m_clusters))
        render(indicatorFor(cluster), cluster);
}

void ClusterStatusArea::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        renderAll();
    QWidget::changeEvent(event);
}
