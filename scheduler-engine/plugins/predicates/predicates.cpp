#include "plugins/predicates/predicates.h"

#include <algorithm>
#include <cmath>

namespace gpudesk::engine {

namespace {

constexpr const char *kReasonGpus = "node(s) didn't have enough resources: GPUs";
constexpr const char *kReasonGpuMemory = "node(s) didn't have enough resources: GPU memory";
constexpr const char *kReasonCpu = "node(s) didn't have enough resources: CPU cores";
constexpr const char *kReasonMemory = "node(s) didn't have enough resources: memory";
constexpr const char *kReasonPods = "node(s) pod number exceeded";
constexpr const char *kReasonAffinity = "node(s) didn't match Pod's node affinity/selector";
constexpr const char *kReasonUnschedulable = "node(s) were unschedulable";

// Device choice for a fractional / GPU-memory task.
void chooseDevice(const Session &s, int t, int n, NodeFit &fit)
{
    const auto &node = s.snapshot().nodes[std::size_t(n)];
    const auto &ns = s.nodes[std::size_t(n)];
    const double need = s.taskGpuMemoryOnNode(t, n);
    const double mem = node.gpuMemoryMib;
    const auto order = s.config().plugins.gpuDeviceOrder;
    double bestScore = -1;
    int best = -1;
    bool bestIdle = false;
    for (std::size_t d = 0; d < ns.devices.size(); ++d) {
        const auto &dev = ns.devices[d];
        if (dev.taskCount() == 0)
            continue;
        const double futureFree = mem - dev.allocatedMib - dev.pipelinedMib;
        if (futureFree - need < -kEpsilon)
            continue;
        const double usedPortion = dev.usedMib() / mem;
        double score = 0;
        if (order == GpuDeviceOrder::Pack)
            score = usedPortion;
        else if (order == GpuDeviceOrder::Spread)
            score = 1 - usedPortion;
        fit.sharedDeviceFit = true;
        if (score > bestScore + kEpsilon) {
            bestScore = score;
            best = int(d);
            bestIdle = mem - dev.usedMib() - need >= -kEpsilon;
        }
    }
    const double idle = ns.idleGpus(node.gpus);
    const double future = idle + ns.releasingGpus();
    if (future + kEpsilon >= 1 && need <= mem + kEpsilon) {
        const double score = order == GpuDeviceOrder::Spread ? 1.0 : 0.0;
        if (best < 0 || score > bestScore + kEpsilon) {
            bestScore = score;
            best = kFreshDevice;
            bestIdle = idle + kEpsilon >= 1;
        }
    }
    if (best == -1) {
        fit.reason = kReasonGpuMemory;
        if (ns.devices.empty() || future < 1)
            fit.reason = kReasonGpus;
        return;
    }
    fit.device = best;
    fit.fits = true;
    fit.fitsIdle = bestIdle;
}

} // namespace

NodeFit evaluateNode(const Session &s, int t, int n)
{
    NodeFit fit;
    const auto &task = s.snapshot().tasks[std::size_t(t)];
    const auto &node = s.snapshot().nodes[std::size_t(n)];
    const auto &ns = s.nodes[std::size_t(n)];
    if (node.unschedulable) {
        fit.reason = kReasonUnschedulable;
        return fit;
    }
    if (task.hasAffinity
        && !std::binary_search(task.affinityNodes.begin(), task.affinityNodes.end(), n)) {
        fit.reason = kReasonAffinity;
        return fit;
    }
    const bool cpuFitsIdle = task.request.cpu <= ns.cpuIdle + kEpsilon;
    const bool memFitsIdle = task.request.memory <= ns.memIdle + kEpsilon;
    if (task.request.cpu > ns.cpuIdle + ns.cpuReleasing + kEpsilon) {
        fit.reason = kReasonCpu;
        return fit;
    }
    if (task.request.memory > ns.memIdle + ns.memReleasing + kEpsilon) {
        fit.reason = kReasonMemory;
        return fit;
    }
    bool gpuFitsIdle = true;
    if (task.kind == GpuRequestKind::Whole) {
        const double idle = ns.idleGpus(node.gpus);
        if (task.request.gpu > idle + ns.releasingGpus() + kEpsilon) {
            fit.reason = kReasonGpus;
            return fit;
        }
        gpuFitsIdle = task.request.gpu <= idle + kEpsilon;
    } else if (task.isSharedGpu()) {
        if (node.gpus <= 0) {
            fit.reason = kReasonGpus;
            return fit;
        }
        if (task.kind == GpuRequestKind::GpuMemory
            && (!node.gpuMemorySynced || task.gpuMemoryMib > node.gpuMemoryMib + kEpsilon)) {
            fit.reason = kReasonGpuMemory;
            return fit;
        }
        chooseDevice(s, t, n, fit);
        if (!fit.fits)
            return fit;
        gpuFitsIdle = fit.fitsIdle;
        fit.fits = false;
    }
    const int extraPods = (task.isSharedGpu() && fit.device == kFreshDevice) ? 2 : 1;
    if (ns.pods() + extraPods > node.maxPods) {
        fit.reason = kReasonPods;
        return fit;
    }
    fit.fits = true;
    fit.fitsIdle = gpuFitsIdle && cpuFitsIdle && memFitsIdle;
    return fit;
}

double placementFree(const Session &s, int t, int n)
{
    const auto &task = s.snapshot().tasks[std::size_t(t)];
    const auto &node = s.snapshot().nodes[std::size_t(n)];
    const auto &ns = s.nodes[std::size_t(n)];
    if (task.kind != GpuRequestKind::None)
        return ns.futureGpus(node.gpus); // the session's placement index uses the same keys
    return ns.futureCpu();
}

double placementTotal(const Session &s, int t, int n)
{
    const auto &task = s.snapshot().tasks[std::size_t(t)];
    const auto &node = s.snapshot().nodes[std::size_t(n)];
    return task.kind != GpuRequestKind::None ? node.gpus : node.cpuMillis;
}

} // namespace gpudesk::engine
