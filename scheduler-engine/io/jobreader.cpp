// Reads "jobs" (pod groups) and their tasks (pods) of a kai-scenario/1 document.
#include "io/scenariosections.h"

#include <cmath>
#include <unordered_map>

namespace gpudesk::engine {

namespace {

bool readKind(ReaderContext &ctx, const std::string &kindText, const std::string &path, Task &t)
{
    if (kindText.empty()) {
        if (t.gpuMemoryMib > 0)
            t.kind = GpuRequestKind::GpuMemory;
        else if (t.request.gpu <= 0)
            t.kind = GpuRequestKind::None;
        else if (t.request.gpu < 1)
            t.kind = GpuRequestKind::Fraction;
        else
            t.kind = GpuRequestKind::Whole;
    } else if (kindText == "whole") {
        t.kind = GpuRequestKind::Whole;
    } else if (kindText == "fraction") {
        t.kind = GpuRequestKind::Fraction;
    } else if (kindText == "gpu_memory") {
        t.kind = GpuRequestKind::GpuMemory;
    } else if (kindText == "none") {
        t.kind = GpuRequestKind::None;
    } else {
        return ctx.fail(path + ".gpu_request_kind",
                        "expected \"whole\", \"fraction\", \"gpu_memory\" or \"none\"");
    }
    if (t.kind == GpuRequestKind::Fraction && (t.request.gpu <= 0 || t.request.gpu > 1))
        return ctx.fail(path + ".gpus", "a GPU fraction must be in (0, 1]");
    if (t.kind == GpuRequestKind::Whole && t.request.gpu != std::floor(t.request.gpu))
        return ctx.fail(path + ".gpus", "whole-GPU requests must be whole numbers");
    if (t.kind == GpuRequestKind::GpuMemory && t.gpuMemoryMib <= 0)
        return ctx.fail(path + ".gpu_memory_mib", "a GPU-memory request needs gpu_memory_mib > 0");
    if (t.kind == GpuRequestKind::GpuMemory)
        t.request.gpu = 0;
    return true;
}

bool readTask(ReaderContext &ctx,
              const json::Value &v,
              const std::string &path,
              Job &job,
              int jobIndex,
              std::size_t taskIndex,
              const std::unordered_map<std::string, int> &nodeIndex,
              Snapshot &s)
{
    if (!v.isObject())
        return ctx.fail(path, "expected an object");
    Task t;
    t.job = jobIndex;
    t.id = job.name + "-" + std::to_string(taskIndex);
    ctx.string(v, "id", path, t.id);
    t.request = Resources {0, 1000, 1e9};
    ctx.number(v, "cpu_millis", path, t.request.cpu);
    ctx.number(v, "memory_bytes", path, t.request.memory);
    ctx.number(v, "gpus", path, t.request.gpu);
    ctx.number(v, "gpu_memory_mib", path, t.gpuMemoryMib);
    std::string kind, status = "pending", node;
    ctx.string(v, "gpu_request_kind", path, kind);
    ctx.string(v, "status", path, status);
    ctx.string(v, "node", path, node);
    ctx.integer(v, "task_priority", path, t.taskPriority);
    t.hasTaskPriority = v.find("task_priority") && !v.find("task_priority")->isNull();
    if (ctx.failed())
        return false;
    if (t.request.gpu < 0 || t.request.cpu < 0 || t.request.memory < 0)
        return ctx.fail(path, "resource requests must not be negative");
    if (!readKind(ctx, kind, path, t))
        return false;
    if (!parseTaskStatus(status, t.status))
        return ctx.fail(path + ".status", "unknown status \"" + status + "\"");
    if (!node.empty() && isActiveUsed(t.status)) {
        auto it = nodeIndex.find(node);
        if (it == nodeIndex.end())
            return ctx.fail(path + ".node", "no node named \"" + node + "\"");
        t.node = it->second;
    } else if (isActiveUsed(t.status)) {
        return ctx.fail(path + ".node", "a " + status + " task needs a node");
    }
    if (const json::Value *groups = ctx.array(v, "gpu_groups", path)) {
        for (std::size_t g = 0; g < groups->items().size(); ++g) {
            if (!groups->items()[g].isString())
                return ctx.fail(indexPath(path + ".gpu_groups", g), "expected a string");
            t.gpuGroups.push_back(groups->items()[g].asString());
        }
    }
    if (t.isSharedGpu() && isActiveUsed(t.status) && t.gpuGroups.empty())
        t.gpuGroups.push_back("auto-" + t.id);
    if (const json::Value *aff = ctx.object(v, "node_affinity", path)) {
        t.hasAffinity = true;
        ctx.string(*aff, "label", path + ".node_affinity", t.affinityLabel);
        std::string op = "In";
        ctx.string(*aff, "operator", path + ".node_affinity", op);
        if (op != "In")
            return ctx.fail(path + ".node_affinity.operator", "only \"In\" is supported");
        if (const json::Value *values = ctx.array(*aff, "values", path + ".node_affinity")) {
            for (std::size_t k = 0; k < values->items().size(); ++k) {
                if (!values->items()[k].isString())
                    return ctx.fail(indexPath(path + ".node_affinity.values", k),
                                    "expected a string");
                t.affinityValues.push_back(values->items()[k].asString());
            }
        }
    }
    if (ctx.failed())
        return false;
    s.tasks.push_back(std::move(t));
    return true;
}

} // namespace

bool readJobs(ReaderContext &ctx, const json::Value &doc, Snapshot &s)
{
    const json::Value *jobs = ctx.array(doc, "jobs", "$");
    if (!jobs)
        return !ctx.failed();
    std::unordered_map<std::string, int> nodeIndex, seen, seenTasks;
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
        nodeIndex.emplace(s.nodes[i].name, int(i));
    for (std::size_t i = 0; i < jobs->items().size(); ++i) {
        const auto &v = jobs->items()[i];
        const std::string path = indexPath("$.jobs", i);
        if (!v.isObject())
            return ctx.fail(path, "expected an object");
        Job job;
        if (!ctx.requiredString(v, "name", path, job.name))
            return false;
        if (!seen.emplace(job.name, int(i)).second)
            return ctx.fail(path + ".name", "duplicate job name \"" + job.name + "\"");
        if (!ctx.requiredString(v, "queue", path, job.queueName))
            return false;
        ctx.integer(v, "priority", path, job.priority);
        job.preemptible = job.priority < 100;
        ctx.boolean(v, "preemptible", path, job.preemptible);
        job.minMembers = -1;
        ctx.integer(v, "min_members", path, job.minMembers);
        job.createdMinutesAgo = double(jobs->items().size() - i);
        ctx.number(v, "created_minutes_ago", path, job.createdMinutesAgo);
        job.creationRank = int(i);
        ctx.integer(v, "creation_rank", path, job.creationRank);
        ctx.string(v, "namespace", path, job.namespaceName);
        ctx.number(v, "stale_for_seconds", path, job.staleForSeconds);
        ctx.boolean(v, "deleted_between_rounds", path, job.deletedBetweenRounds);
        ctx.string(v, "display_name", path, job.displayName);
        ctx.number(v, "expected_duration_seconds", path, job.expectedDurationSeconds);
        ctx.number(v, "running_since_seconds", path, job.runningSinceSeconds);
        std::string type;
        ctx.string(v, "type", path, type);
        if (ctx.failed())
            return false;
        if (type == "train")
            job.type = WorkloadType::Train;
        else if (type == "interactive")
            job.type = WorkloadType::Interactive;
        else if (type == "inference")
            job.type = WorkloadType::Inference;
        else if (type == "distributed")
            job.type = WorkloadType::Distributed;
        else if (!type.empty())
            return ctx.fail(path + ".type", "expected train, interactive, inference or distributed");
        const json::Value *tasks = ctx.array(v, "tasks", path);
        if (ctx.failed())
            return false;
        const int jobIndex = int(s.jobs.size());
        std::size_t count = 0;
        if (tasks) {
            for (std::size_t k = 0; k < tasks->items().size(); ++k) {
                if (!readTask(ctx,
                              tasks->items()[k],
                              indexPath(path + ".tasks", k),
                              job,
                              jobIndex,
                              k,
                              nodeIndex,
                              s))
                    return false;
                if (!seenTasks.emplace(s.tasks.back().id, 0).second)
                    return ctx.fail(indexPath(path + ".tasks", k) + ".id",
                                    "duplicate task id \"" + s.tasks.back().id + "\"");
                ++count;
            }
        }
        // The harness makes every job a full gang unless a smaller minimum is given.
        if (job.minMembers < 0)
            job.minMembers = int(std::max<std::size_t>(1, count));
        if (job.minMembers < 1)
            job.minMembers = 1;
        s.jobs.push_back(std::move(job));
    }
    return true;
}

} // namespace gpudesk::engine
