#pragma once

// `--seed demo`: keeps a steady, deterministic mix of workloads in the demo projects so that quotas,
// over-quota use and pending queues are all visible and dashboards move. Each project aims at a GPU
// demand derived from its quota (some above it, one left idle); finished workloads are pruned so the
// list stays readable.

#include <QString>

namespace gpudesk::cluster {

class ClusterSimulation;

class DemoWorkloadSeeder
{
public:
    void topUp(ClusterSimulation &sim, const QString &clusterId, qint64 nowMs);
    void prune(ClusterSimulation &sim);

private:
    quint64 m_counter = 0;
};

} // namespace gpudesk::cluster
