#pragma once

// api.md shapes of what the cluster reports: Workload (with pendingSchedulingMessages), Pod, Event,
// Node and node pool. Used by the cluster's own API and by the cluster-sync push alike.

#include "clustermodel.h"

#include <QJsonObject>

namespace gpudesk::cluster {

struct ClusterIdentity
{
    QString clusterId;
    QString tenantId;
    QString clusterName;
};

QJsonObject workloadToApi(const SimWorkload &w, const ClusterIdentity &id);
QJsonObject podToApi(const SimWorkload &w, int podIndex, const ClusterIdentity &id);
QJsonObject eventToApi(const SimEvent &e, const SimWorkload *w, const ClusterIdentity &id);
QJsonObject nodeToApi(const SimNode &node,
                      double allocatedGpus,
                      const ClusterIdentity &id,
                      qint64 createdAtMs);
// The 202 reply of a submission (api.md §3.9).
QJsonObject submissionReply(const SimWorkload &w, const ClusterIdentity &id);

} // namespace gpudesk::cluster
