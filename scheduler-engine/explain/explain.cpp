#include "explain/explain.h"

#include "io/json.h"
#include "plugins/nodeplacement/nodeorder.h"
#include "plugins/proportion/capacitypolicy.h"

#include <algorithm>
#include <map>
#include <optional>

namespace gpudesk::engine {

std::string_view reasonCode(PendingReason reason)
{
    switch (reason) {
    case PendingReason::None:
        return "";
    case PendingReason::QueueDoesNotExist:
        return "QueueDoesNotExist";
    case PendingReason::NotReady:
        return "NotReady";
    case PendingReason::OverLimit:
        return "OverLimit";
    case PendingReason::NonPreemptibleOverQuota:
        return "NonPreemptibleOverQuota";
    case PendingReason::NoNodeFits:
        return "NoNodeFits";
    case PendingReason::GangShort:
        return "GangShort";
    case PendingReason::QueueBehindOthers:
        return "QueueBehindOthers";
    }
    return "";
}

namespace {

std::string num(double v)
{
    std::string s;
    json::appendNumber(s, v);
    return s;
}

std::string plural(double n, const char *one, const char *many)
{
    return num(n) + " " + (n == 1 ? one : many);
}

// Largest GPU request among the job's pending tasks.
const Task *largestPendingTask(const Session &s, int j)
{
    const Task *best = nullptr;
    for (int t : s.snapshot().jobs[std::size_t(j)].tasks) {
        const Task &task = s.snapshot().tasks[std::size_t(t)];
        if (task.status != TaskStatus::Pending)
            continue;
        if (!best || task.request.gpu > best->request.gpu
            || (task.isSharedGpu() && !best->isSharedGpu() && best->request.gpu == 0))
            best = &task;
    }
    return best;
}

// Shared by all pending jobs of one explainJobs call: each node's running GPU pods, biggest first
// (built once instead of scanning every task per node per job), and the answer per GPU request
// for pods without node affinity (it depends on nothing else). What-if explains 10,000s of jobs.
struct FreeNodeCache
{
    bool built = false;
    std::vector<std::vector<std::pair<double, int>>> podsByNode; // (GPUs, job)
    std::map<double, std::string> byRequest;
};

void buildPodsByNode(const Session &s, FreeNodeCache &cache)
{
    const auto &snap = s.snapshot();
    cache.podsByNode.assign(snap.nodes.size(), {});
    for (const Task &other : snap.tasks) {
        if (other.node >= 0 && isActiveAllocated(other.status) && other.request.gpu > 0)
            cache.podsByNode[std::size_t(other.node)].emplace_back(other.request.gpu, other.job);
    }
    for (auto &pods : cache.podsByNode) {
        std::sort(pods.begin(), pods.end(), [](const auto &a, const auto &b) {
            return a.first > b.first;
        });
    }
    cache.built = true;
}

std::string whatWouldFreeANodeUncached(const Session &s, const Task &task, FreeNodeCache &cache);

// For a single pod: the fewest running workloads whose end frees a node for it, and their queue.
std::string whatWouldFreeANode(const Session &s, const Task &task, FreeNodeCache &cache)
{
    if (task.kind != GpuRequestKind::Whole)
        return {};
    if (task.hasAffinity)
        return whatWouldFreeANodeUncached(s, task, cache);
    auto it = cache.byRequest.find(task.request.gpu);
    if (it == cache.byRequest.end())
        it = cache.byRequest.emplace(task.request.gpu, whatWouldFreeANodeUncached(s, task, cache))
                 .first;
    return it->second;
}

std::string whatWouldFreeANodeUncached(const Session &s, const Task &task, FreeNodeCache &cache)
{
    if (!cache.built)
        buildPodsByNode(s, cache);
    const auto &snap = s.snapshot();
    int bestCount = -1;
    std::map<std::string, int> bestQueues;
    for (std::size_t n = 0; n < snap.nodes.size(); ++n) {
        const auto &node = snap.nodes[n];
        if (node.unschedulable || node.gpus < task.request.gpu)
            continue;
        if (task.hasAffinity
            && !std::binary_search(task.affinityNodes.begin(), task.affinityNodes.end(), int(n)))
            continue;
        double freeGpus = s.nodes[n].idleGpus(node.gpus) + s.nodes[n].releasingGpus();
        // Running GPU pods on this node, biggest first; each is one workload's pod.
        const auto &pods = cache.podsByNode[n];
        int count = 0;
        std::map<std::string, int> queues;
        for (const auto &[g, job] : pods) {
            if (freeGpus + kEpsilon >= task.request.gpu)
                break;
            freeGpus += g;
            ++count;
            const int q = snap.jobs[std::size_t(job)].queue;
            ++queues[q >= 0 ? snap.queues[std::size_t(q)].name : std::string("?")];
        }
        if (freeGpus + kEpsilon < task.request.gpu || count == 0)
            continue;
        if (bestCount < 0 || count < bestCount) {
            bestCount = count;
            bestQueues = queues;
        }
    }
    if (bestCount <= 0)
        return {};
    std::string who;
    for (const auto &[q, c] : bestQueues) {
        if (!who.empty())
            who += " and ";
        who += plural(c, "running workload", "running workloads") + " of " + q;
    }
    return "It would start after " + who + " finish (freeing one node).";
}

// Queues that hold GPUs above their fair share (what reclaim could take back).
std::string overShareHoldersUncached(const Session &s, int exceptQueue)
{
    const auto &snap = s.snapshot();
    std::string out;
    for (std::size_t q = 0; q < snap.queues.size(); ++q) {
        if (!snap.queues[q].isLeaf() || int(q) == exceptQueue || snap.queues[q].parent == -2)
            continue;
        const auto &qs = s.queues[q];
        if (qs.allocated.gpu > qs.fairShare.gpu + kEpsilon) {
            if (!out.empty())
                out += ", ";
            out += snap.queues[q].name + " uses " + num(qs.allocated.gpu) + " GPUs (fair share "
                   + num(qs.fairShare.gpu) + ")";
        }
    }
    return out;
}

// The same words for every pending job of a queue: built once per queue per explanation pass.
using HolderCache = std::vector<std::optional<std::string>>; // per queue

const std::string &overShareHolders(const Session &s, int exceptQueue, HolderCache &cache)
{
    if (cache.empty())
        cache.resize(s.snapshot().queues.size());
    auto &text = cache[std::size_t(exceptQueue)];
    if (!text)
        text = overShareHoldersUncached(s, exceptQueue);
    return *text;
}

std::string resourceSummary(const FitHistogram &h)
{
    std::string out;
    for (const auto &[reason, count] : h) {
        std::string shortReason = reason;
        const std::string prefix = "node(s) didn't have enough resources: ";
        if (shortReason.rfind(prefix, 0) == 0)
            shortReason = "not enough " + shortReason.substr(prefix.size());
        else if (shortReason.rfind("node(s) ", 0) == 0)
            shortReason = shortReason.substr(8);
        if (!out.empty())
            out += "; ";
        out += plural(count, "node", "nodes") + ": " + shortReason;
    }
    return out;
}

JobExplanation explainPending(const Session &s,
                              int j,
                              FreeNodeCache &cache,
                              HolderCache &holderCache)
{
    const auto &snap = s.snapshot();
    const auto &job = snap.jobs[std::size_t(j)];
    const auto &js = s.jobs[std::size_t(j)];
    JobExplanation e;
    if (job.queue < 0) {
        e.reason = reasonCode(PendingReason::QueueDoesNotExist);
        e.kaiMessage = "Queue '" + job.queueName + "' does not exist";
        e.message
            = "Queue " + job.queueName
              + " does not exist (or is not a project-level queue), so the workload is never "
                "scheduled. It would start if it were submitted to an existing project queue.";
        return e;
    }
    const std::string &queueName = snap.queues[std::size_t(job.queue)].name;
    if (!s.isReady(j)) {
        e.reason = reasonCode(PendingReason::NotReady);
        const int alive = s.aliveCount(j);
        e.kaiMessage = "Job is not ready for scheduling. Waiting for "
                       + std::to_string(job.minMembers) + " pods, currently "
                       + std::to_string(alive) + " exist, 0 are gated";
        e.message = "Only " + std::to_string(alive) + " of the " + std::to_string(job.minMembers)
                    + " pods that must start together exist; it is not considered until all exist.";
        return e;
    }
    const FitFailure &f = js.failure();
    switch (f.reason) {
    case PendingReason::OverLimit:
    case PendingReason::NonPreemptibleOverQuota:
        e.reason = reasonCode(f.reason);
        e.kaiMessage = f.kaiMessage;
        e.message = f.message;
        return e;
    case PendingReason::NoNodeFits:
    case PendingReason::GangShort: {
        e.reason = reasonCode(f.reason);
        e.kaiMessage = f.kaiMessage;
        const Task *task = largestPendingTask(s, j);
        std::string need;
        if (task) {
            if (task->kind == GpuRequestKind::Whole)
                need = plural(task->request.gpu, "GPU", "GPUs") + " per pod";
            else if (task->kind == GpuRequestKind::Fraction)
                need = num(task->request.gpu) + " of a GPU per pod";
            else if (task->kind == GpuRequestKind::GpuMemory)
                need = num(task->gpuMemoryMib) + " MiB of GPU memory per pod";
            else
                need = num(task->request.cpu / 1000) + " CPU cores per pod";
        }
        if (f.reason == PendingReason::GangShort)
            e.message = "Only " + std::to_string(f.placedPods) + " of the "
                        + std::to_string(f.requiredPods)
                        + " pods that must start together fit now (gang short by "
                        + std::to_string(f.requiredPods - f.placedPods) + "). ";
        else
            e.message = "No node has room for it now. ";
        e.message += "It needs " + need + " ("
                     + (f.histogram ? resourceSummary(*f.histogram) : std::string()) + "). ";
        const auto &qs = s.queues[std::size_t(job.queue)];
        const std::string &holders = overShareHolders(s, job.queue, holderCache);
        if (!holders.empty()) {
            if (qs.allocated.gpu < qs.fairShare.gpu - kEpsilon)
                e.message += queueName + " is below its fair share of " + num(qs.fairShare.gpu)
                             + " GPUs while " + holders + "; reclaim can take GPUs back for it. ";
            else
                e.message += "GPUs are held by " + holders + ". ";
        }
        if (task && job.minMembers <= 1) {
            const std::string when = whatWouldFreeANode(s, *task, cache);
            if (!when.empty())
                e.message += when;
        } else if (task) {
            e.message += "It would start when " + std::to_string(f.requiredPods - f.placedPods)
                         + " more pods' worth of resources are free at the same time.";
        }
        while (!e.message.empty() && e.message.back() == ' ')
            e.message.pop_back();
        return e;
    }
    default:
        break;
    }
    e.reason = reasonCode(PendingReason::QueueBehindOthers);
    e.kaiMessage = "Unable to schedule podgroup";
    e.message = "Not placed in this cycle: jobs of queues ahead of " + queueName
                + " (by fair share and priority) are served first.";
    return e;
}

} // namespace

std::vector<JobExplanation> explainJobs(const Session &s)
{
    const auto &snap = s.snapshot();
    std::vector<JobExplanation> out(snap.jobs.size());
    FreeNodeCache cache;
    HolderCache holderCache;
    for (std::size_t j = 0; j < snap.jobs.size(); ++j) {
        const auto &js = s.jobs[j];
        if (js.hasEviction()) {
            out[j].message = js.eviction().plain;
            out[j].kaiMessage = js.eviction().message;
        }
        if (s.pendingCount(int(j)) == 0 && snap.jobs[j].queue >= 0)
            continue;
        const bool anyActive = s.activeAllocatedCount(int(j)) > 0;
        if (anyActive && s.snapshot().jobs[j].queue >= 0
            && js.failure().reason == PendingReason::None)
            continue; // elastic job with extra pods waiting: running, not blocked
        if (js.hasEviction() && !anyActive)
            continue;
        out[j] = explainPending(s, int(j), cache, holderCache);
    }
    return out;
}

} // namespace gpudesk::engine
