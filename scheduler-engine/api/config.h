#pragma once
// Scheduler configuration: which plugins are active, their arguments, and the action list.
// Defaults are the unit-test harness values of scheduling.md §2 (a scenario's "config" decides).
#include <string>
#include <vector>

namespace gpudesk::engine {

enum class Placement { Binpack, Spread };
enum class GpuDeviceOrder { Pack, Spread, None };
enum class ReclaimResolve { Lca, Queue };

struct PluginSet
{
    bool proportion = true;
    bool priority = true;
    bool elastic = true;
    bool taskorder = true;
    bool nodeavailability = true;
    bool gpusharingorder = true;
    bool resourcetype = true;
    bool nodeplacement = true;
    bool predicates = true;
    bool minruntime = true;
    GpuDeviceOrder gpuDeviceOrder = GpuDeviceOrder::Pack;
    Placement gpuPlacement = Placement::Binpack;
    Placement cpuPlacement = Placement::Binpack;
    double kValue = 1.0;
    double reclaimerSaturationMultiplier = 1.0;
    double defaultPreemptMinRuntimeSeconds = 0;
    double defaultReclaimMinRuntimeSeconds = 0;
    ReclaimResolve reclaimResolve = ReclaimResolve::Lca;
};

struct Config
{
    PluginSet plugins;
    int maxConsolidationPreemptees = -1; // -1 unlimited (harness), 0 disables consolidation
    bool allowConsolidatingReclaim = true;
    double minNodeGpuMemoryMib = 100;
    double stalenessGracePeriodSeconds = 0;
    bool fullHierarchyFairness = true;
    // Production: skip a job in reclaim/preempt/consolidation when a job of the same queue and
    // the same chunk shape already failed in that action this cycle (§4.6). Harness: off.
    bool useSchedulingSignatures = false;
    // Candidate victim units a reclaim / preempt job may take into its search before it gives
    // up for this cycle (-1: unlimited, KAI's walk; the harness and the default). A
    // deterministic stand-in for KAI's wall-clock search budgets: much faster on big clusters
    // (README, Performance) but jobs that need a deeper walk stay pending.
    int victimSearchBudget = -1;
};

} // namespace gpudesk::engine
