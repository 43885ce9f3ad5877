#include "plugins/nodeplacement/nodeorder.h"

#include "plugins/predicates/predicates.h"

#include <algorithm>
#include <map>

namespace gpudesk::engine {

namespace {

std::string freshDeviceId(const Session &s, int n)
{
    const auto &ns = s.nodes[std::size_t(n)];
    const std::string &name = s.snapshot().nodes[std::size_t(n)].name;
    for (int k = 0;; ++k) {
        std::string id = name + "-gpu" + std::to_string(k);
        if (ns.findDevice(id) < 0)
            return id;
    }
}

} // namespace

PlacementChoice selectNode(const Session &s, int t, bool pipelineOnly, FitHistogram *histogram)
{
    const auto &task = s.snapshot().tasks[std::size_t(t)];
    const auto &plugins = s.config().plugins;
    const std::size_t nodeCount = s.snapshot().nodes.size();

    struct Candidate
    {
        int node;
        NodeFit fit;
        double free;
        double total;
    };
    std::vector<Candidate> candidates;
    std::map<std::string, int> reasons;
    auto consider = [&](int n) {
        NodeFit fit = evaluateNode(s, t, n);
        if (!fit.fits) {
            if (histogram)
                ++reasons[fit.reason ? fit.reason : "node(s) didn't fit"];
            return;
        }
        candidates.push_back({n, fit, placementFree(s, t, n), placementTotal(s, t, n)});
    };
    if (task.hasAffinity) {
        // Only the allowed nodes can pass; others fail the affinity predicate.
        for (int n : task.affinityNodes)
            consider(n);
        if (histogram && nodeCount > task.affinityNodes.size())
            reasons["node(s) didn't match Pod's node affinity/selector"] += int(
                nodeCount - task.affinityNodes.size());
    } else if (!histogram && task.kind != GpuRequestKind::None) {
        // Nodes without any free, releasing or shared GPU cannot pass; skip them.
        for (int n : s.gpuCandidateNodes)
            consider(n);
    } else {
        for (std::size_t n = 0; n < nodeCount; ++n)
            consider(int(n));
    }
    if (candidates.empty()) {
        if (histogram) {
            histogram->assign(reasons.begin(), reasons.end());
            std::stable_sort(histogram->begin(),
                             histogram->end(),
                             [](const auto &a, const auto &b) { return a.second > b.second; });
        }
        return {};
    }
    double minFree = 0, maxFree = 0;
    bool anyWithResource = false;
    for (const auto &c : candidates) {
        if (c.total <= 0)
            continue;
        if (!anyWithResource) {
            minFree = maxFree = c.free;
            anyWithResource = true;
        } else {
            minFree = std::min(minFree, c.free);
            maxFree = std::max(maxFree, c.free);
        }
    }
    const bool gpuTask = task.kind != GpuRequestKind::None;
    const Placement placement = gpuTask ? plugins.gpuPlacement : plugins.cpuPlacement;
    const Candidate *best = nullptr;
    double bestScore = -1;
    for (const auto &c : candidates) {
        double score = 0;
        if (plugins.nodeavailability && c.fit.fitsIdle)
            score += 100;
        if (plugins.gpusharingorder && task.isSharedGpu() && c.fit.sharedDeviceFit)
            score += 1000;
        if (plugins.resourcetype && !gpuTask && s.snapshot().nodes[std::size_t(c.node)].gpus == 0)
            score += 10;
        if (plugins.nodeplacement && c.total > 0) {
            if (placement == Placement::Binpack) {
                score += maxFree - minFree <= 1e-12
                             ? 9.0
                             : 9.0 * (1.0 - (c.free - minFree) / (maxFree - minFree));
            } else {
                score += c.free / c.total;
            }
        }
        if (!best || score > bestScore + 1e-9
            || (score > bestScore - 1e-9
                && s.nodeNameRank[std::size_t(c.node)] < s.nodeNameRank[std::size_t(best->node)])) {
            best = &c;
            bestScore = score;
        }
    }
    PlacementChoice out;
    out.node = best->node;
    out.pipelined = pipelineOnly || !best->fit.fitsIdle;
    if (task.isSharedGpu()) {
        if (best->fit.device == kFreshDevice)
            out.groups.push_back(freshDeviceId(s, best->node));
        else
            out.groups.push_back(
                s.nodes[std::size_t(best->node)].devices[std::size_t(best->fit.device)].id);
    }
    return out;
}

} // namespace gpudesk::engine
