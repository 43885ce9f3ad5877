#pragma once

// A client-side estimate of GPU fair share per node pool, for the org tree's "fair share" column while no
// engine result is at hand: each level divides what it has between its children as deserved quota first,
// then the rest in proportion to the over-quota weights (api.md §5; weight −1 = Medium = 2), each child
// capped by its limit. The scheduling engine's own figure (gpudesk_engine) supersedes it when available.

#include "apitypes.h"

#include <QHash>

namespace fairshare {

// unit id → pool name → GPUs. `poolGpus`: the GPU capacity of each pool.
QHash<QString, QHash<QString, double>> estimate(const QList<api::OrgUnit> &departments,
                                                const QList<api::OrgUnit> &projects,
                                                const QHash<QString, double> &poolGpus);

// One level: split `total` between children with (deserved, weight, limit); returns their shares.
QList<double> divide(double total,
                     const QList<double> &deserved,
                     const QList<double> &weights,
                     const QList<double> &limits);

} // namespace fairshare
