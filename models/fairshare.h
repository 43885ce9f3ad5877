#pragma once

// GPU fair share per node pool for the org tree's "fair share" column, computed with the scheduling
// engine's own division (scheduler-engine/plugins/proportion/fairshare.h, scheduling.md §3), so the
// column shows what the scheduler would compute from the same inputs:
//  * each level first gives every unit min(deserved, requestable) — not capped by what is left, so
//    over-subscribed quotas can sum above the pool (§3.2 step A);
//  * the rest goes by queue priority (highest first), then by over-quota weight, in whole GPUs per round
//    with the leftovers dealt one GPU at a time by largest remainder (§3.2 step B);
//  * a unit never gets more than its limit nor more than it requests (fair share ≤ requestable);
//  * departments split the pool, then each department splits its fair share among its projects (§3.3).
//
// Run:ai fields → engine queue inputs (per pool, GPU only):
//  * gpu.deserved → deserved (negative = the whole amount of the level);
//  * gpu.limit null/−1 → −1, unlimited;
//  * gpu.overQuotaWeight null/−1 → Medium = 2 (our UI default, api.md §5; the engine has no default);
//  * priority "Normal"/null → engine queue priority 100 (its default); see enginePriority();
//  * request = max(requested, allocated) from status.nodePoolQuotaStatuses[pool] (or status.quotaStatus
//    when the unit has no per-pool statuses and at most one pool); unknown → unlimited.
//    A department's request is the sum of its projects' (the engine aggregates up the tree).
// Projects whose department is not in the list are top-level queues, as in the engine bridge.

#include "apitypes.h"

#include <QHash>

namespace fairshare {

// unit id → pool name → GPUs. `poolGpus`: the GPU capacity of each pool.
QHash<QString, QHash<QString, double>> estimate(const QList<api::OrgUnit> &departments,
                                                const QList<api::OrgUnit> &projects,
                                                const QHash<QString, double> &poolGpus);

// One level: split `total` between children with (deserved, weight, limit), all at the same priority,
// requests unlimited; children earlier in the list count as older (they win remainder ties).
// Weight < 0 = Medium (2), limit < 0 = none.
QList<double> divide(double total,
                     const QList<double> &deserved,
                     const QList<double> &weights,
                     const QList<double> &limits);

// The same with each child's requested GPUs (< 0 = unknown, i.e. unlimited).
QList<double> divide(double total,
                     const QList<double> &deserved,
                     const QList<double> &weights,
                     const QList<double> &limits,
                     const QList<double> &requests);

// Run:ai org-unit priority name ("Normal", "High", "very-low", a number …) → engine queue priority
// (higher is served first). Unknown or empty names get the engine default, 100, like "Normal".
int enginePriority(const QString &runaiPriority);

} // namespace fairshare
