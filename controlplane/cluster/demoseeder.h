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
    // Benchmarks: holds `count` workloads across all projects (sizes 0.5 to 24 GPUs, 20-90 min runs):
    // active and queued ones asking for 1.25 x the cluster's GPUs, the rest finished history. Returns
    // how many it submitted.
    int benchPopulation(ClusterSimulation &sim, const QString &clusterId, int count, qint64 nowMs);

private:
    QString submitBenchWorkload(ClusterSimulation &sim, const QString &clusterId, qint64 nowMs);
    quint64 m_counter = 0;
    quint64 m_benchCounter = 0;
};

} // namespace gpudesk::cluster
