// Consolidation action (KAI actions/consolidation, scheduling.md §7): moves running preemptible
// pods to other nodes or GPUs to open a hole for a pending job; it never kills.
#include "actions/action.h"
#include "actions/common/evictionmessages.h"
#include "actions/common/victimaction.h"

#include <cmath>
#include <cstdint>

namespace gpudesk::engine {

void runConsolidation(Session &s)
{
    const int maxPreemptees = s.config().maxConsolidationPreemptees;
    if (maxPreemptees == 0)
        return;
    const auto &snap = s.snapshot();
    VictimActionSpec spec;
    spec.name = "consolidation";
    spec.isCandidate = [&](int j) { return snap.jobs[std::size_t(j)].preemptible; };
    // The cluster's idle + releasing GPUs, summed in node order again only after a node changed
    // (most candidates are turned away here without touching the state).
    double freeGpus = 0;
    std::uint64_t freeGpusVersion = ~std::uint64_t(0);
    spec.precheck = [&](int, const Resources &request) {
        if (freeGpusVersion != s.nodeStateVersion) {
            freeGpusVersion = s.nodeStateVersion;
            freeGpus = 0;
            for (std::size_t n = 0; n < snap.nodes.size(); ++n)
                freeGpus += s.nodes[n].idleGpus(snap.nodes[n].gpus) + s.nodes[n].releasingGpus();
        }
        return freeGpus + kEpsilon >= request.gpu;
    };
    spec.victimJobs = [&](int j) {
        std::vector<int> out;
        for (std::size_t v = 0; v < snap.jobs.size(); ++v) {
            if (int(v) == j || !snap.jobs[v].preemptible || snap.jobs[v].queue < 0
                || s.activeAllocatedCount(int(v)) == 0)
                continue;
            out.push_back(int(v));
            if (maxPreemptees > 0 && int(out.size()) >= maxPreemptees + 1)
                break;
        }
        return out;
    };
    spec.requireAllMoved = true;
    spec.record = [&](int j, const SolverResult &r, const std::vector<Resources> &) {
        recordConsolidationMoves(s, j, r.moved);
    };
    runVictimAction(s, spec);
}

} // namespace gpudesk::engine
