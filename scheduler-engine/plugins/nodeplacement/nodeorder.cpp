#include "plugins/nodeplacement/nodeorder.h"

#include "plugins/predicates/predicates.h"

#include <algorithm>
#include <iterator>
#include <limits>
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

PlacementChoice choiceFor(const Session &s, int t, int node, const NodeFit &fit, bool pipelineOnly)
{
    PlacementChoice out;
    out.node = node;
    out.pipelined = pipelineOnly || !fit.fitsIdle;
    if (s.snapshot().tasks[std::size_t(t)].isSharedGpu()) {
        if (fit.device == kFreshDevice)
            out.groups.push_back(freshDeviceId(s, node));
        else
            out.groups.push_back(s.nodes[std::size_t(node)].devices[std::size_t(fit.device)].id);
    }
    return out;
}

// Binpack fast path. With binpack, nodeavailability and gpusharingorder on, the full scan's score
// is lexicographic: shared-device fit (1000) > fits in idle resources (100) > binpack (0-9, fewer
// free GPUs / CPU higher), ties by name. So the winner is the first node of the best class in
// ascending (free amount, name rank) order, which the session's index gives without visiting
// nodes that cannot take the task. Two different free amounts closer than the full scan's score
// tolerance could tie there (float noise): the fast path then answers Unsure and the full scan
// decides, so the result is always the full scan's.
enum class Fast { Found, NoneFits, Unsure };

struct ClassScan
{
    double tolerance = 0;
    int node = -1;
    double free = 0;
    NodeFit fit;
    bool nearTie = false;

    // Offers a node of this class in ascending order.
    void offer(int n, double f, const NodeFit &nodeFit)
    {
        if (node < 0) {
            node = n;
            free = f;
            fit = nodeFit;
        } else if (f != free && f <= free + tolerance) {
            nearTie = true;
        }
    }
    // No later node can change this class's answer.
    bool settled(double f) const { return node >= 0 && f > free + tolerance; }
};

// Scans the index in ascending (free, name rank) order from `from`; `skip` drops nodes cheaply
// before evaluateNode, `counts` says whether a fitting node belongs to the classes sought.
template<typename Skip, typename Counts>
Fast scanClasses(const Session &s,
                 int t,
                 const Session::NodeIndex &index,
                 double from,
                 double tolerance,
                 int &node,
                 NodeFit &fit,
                 Skip skip,
                 Counts counts)
{
    ClassScan idle, other;
    idle.tolerance = other.tolerance = tolerance;
    for (auto it = index.lower_bound({from, -1}); it != index.end(); ++it) {
        if (idle.settled(it->first))
            break;
        const int n = s.nodeByNameRank[std::size_t(it->second)];
        if (skip(n))
            continue;
        const NodeFit f = evaluateNode(s, t, n);
        if (!f.fits || !counts(f))
            continue;
        const bool firstIdle = f.fitsIdle && idle.node < 0;
        (f.fitsIdle ? idle : other).offer(n, it->first, f);
        // Nodes with the same free amount come after it by name: none of them can win.
        if (firstIdle)
            it = std::prev(index.upper_bound({it->first, std::numeric_limits<int>::max()}));
    }
    const ClassScan &best = idle.node >= 0 ? idle : other;
    if (best.node < 0)
        return Fast::NoneFits;
    if (best.nearTie)
        return Fast::Unsure;
    node = best.node;
    fit = best.fit;
    return Fast::Found;
}

Fast scanClasses(const Session &s,
                 int t,
                 const Session::NodeIndex &index,
                 double from,
                 double tolerance,
                 int &node,
                 NodeFit &fit)
{
    return scanClasses(
        s,
        t,
        index,
        from,
        tolerance,
        node,
        fit,
        [](int) { return false; },
        [](const NodeFit &) { return true; });
}

// The nodes where an existing shared device takes the task, from the room index (no order by
// free GPUs there, so the best is picked from all of them; they are few on a full cluster).
Fast scanSharedDevices(const Session &s, int t, double tolerance, int &node, NodeFit &fit)
{
    const auto &task = s.snapshot().tasks[std::size_t(t)];
    if (s.minDeviceMemoryMib < 1)
        return Fast::Unsure;
    // Room needed as a share of a device, rounded down generously (evaluateNode decides).
    const double need = task.kind == GpuRequestKind::Fraction
                            ? task.request.gpu
                            : task.gpuMemoryMib / s.maxDeviceMemoryMib;
    const double from = need * (1 - 1e-9) - 1e-6;
    // Many nodes with that much room: walk them by free GPUs and take the first of the best
    // class. Few: evaluate just those.
    {
        int roomy = 0;
        for (auto it = s.sharedRoomIndex.lower_bound({from, -1});
             it != s.sharedRoomIndex.end() && roomy < 32;
             ++it)
            ++roomy;
        if (roomy >= 32)
            return scanClasses(
                s,
                t,
                s.sharingIndex,
                -1.0,
                tolerance,
                node,
                fit,
                [&](int n) { return s.nodeSharedRoom[std::size_t(n)] < from; },
                [](const NodeFit &f) { return f.sharedDeviceFit; });
    }
    struct Hit
    {
        int node;
        double free;
        NodeFit fit;
    };
    std::vector<Hit> hits;
    bool anyIdle = false;
    for (auto it = s.sharedRoomIndex.lower_bound({from, -1}); it != s.sharedRoomIndex.end(); ++it) {
        const int n = s.nodeByNameRank[std::size_t(it->second)];
        const NodeFit f = evaluateNode(s, t, n);
        if (!f.fits || !f.sharedDeviceFit)
            continue;
        anyIdle = anyIdle || f.fitsIdle;
        hits.push_back({n, placementFree(s, t, n), f});
    }
    const Hit *best = nullptr;
    for (const Hit &h : hits) {
        if (h.fit.fitsIdle != anyIdle)
            continue;
        if (!best || h.free < best->free
            || (h.free == best->free
                && s.nodeNameRank[std::size_t(h.node)] < s.nodeNameRank[std::size_t(best->node)]))
            best = &h;
    }
    if (!best)
        return Fast::NoneFits;
    for (const Hit &h : hits) {
        if (h.fit.fitsIdle == anyIdle && h.free != best->free && h.free <= best->free + tolerance)
            return Fast::Unsure;
    }
    node = best->node;
    fit = best->fit;
    return Fast::Found;
}

Fast fastSelect(const Session &s, int t, int &node, NodeFit &fit)
{
    const auto &task = s.snapshot().tasks[std::size_t(t)];
    const auto &plugins = s.config().plugins;
    if (task.hasAffinity || !plugins.nodeplacement || !plugins.nodeavailability)
        return Fast::Unsure;
    const bool gpuTask = task.kind != GpuRequestKind::None;
    if ((gpuTask ? plugins.gpuPlacement : plugins.cpuPlacement) != Placement::Binpack)
        return Fast::Unsure;
    const double gpuTolerance = s.maxNodeGpus * 1e-8 + 1e-12;
    if (task.kind == GpuRequestKind::Whole) {
        if (task.request.gpu <= kEpsilon)
            return Fast::Unsure;
        return scanClasses(s,
                           t,
                           s.gpuFreeIndex,
                           task.request.gpu - 2 * kEpsilon,
                           gpuTolerance,
                           node,
                           fit);
    }
    if (task.kind == GpuRequestKind::None) {
        // resourcetype prefers GPU-less nodes for CPU tasks: another class, not indexed.
        if (task.request.cpu <= kEpsilon || (plugins.resourcetype && s.anyGpulessNode))
            return Fast::Unsure;
        return scanClasses(s,
                           t,
                           s.cpuFreeIndex,
                           task.request.cpu - 2 * kEpsilon,
                           s.maxNodeCpu * 1e-8 + 1e-12,
                           node,
                           fit);
    }
    if (!plugins.gpusharingorder)
        return Fast::Unsure;
    // Shared GPU: a node whose existing device takes the task outranks every other; only nodes
    // holding a device with that much room can be such nodes.
    const Fast shared = scanSharedDevices(s, t, gpuTolerance, node, fit);
    if (shared != Fast::NoneFits)
        return shared;
    // Otherwise a fresh device: at least one whole GPU free (idle or releasing).
    return scanClasses(s, t, s.gpuFreeIndex, 1 - 2 * kEpsilon, gpuTolerance, node, fit);
}

} // namespace

PlacementChoice selectNode(const Session &s, int t, bool pipelineOnly, FitHistogram *histogram)
{
    s.refreshNodeIndexes();
    {
        int node = -1;
        NodeFit fit;
        const Fast fast = fastSelect(s, t, node, fit);
        if (fast == Fast::Found)
            return choiceFor(s, t, node, fit, pipelineOnly);
        if (fast == Fast::NoneFits && !histogram)
            return {};
    }
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
    return choiceFor(s, t, best->node, best->fit, pipelineOnly);
}

} // namespace gpudesk::engine
