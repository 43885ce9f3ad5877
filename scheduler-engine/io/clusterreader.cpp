// Reads "nodes" and "queues" of a kai-scenario/1 document.
#include "io/scenariosections.h"

#include <cmath>
#include <unordered_map>

namespace gpudesk::engine {

namespace {

void readQuota(ReaderContext &ctx,
               const json::Value &q,
               const char *res,
               const char *deservedKey,
               const char *limitKey,
               double scale,
               const std::string &path,
               Queue &out,
               int r)
{
    const json::Value *block = ctx.object(q, res, path);
    if (!block)
        return;
    const std::string bpath = path + "." + res;
    double deserved = out.deserved[r] < 0 ? -1 : out.deserved[r] / scale;
    double limit = out.limit[r] < 0 ? -1 : out.limit[r] / scale;
    ctx.number(*block, deservedKey, bpath, deserved);
    ctx.number(*block, limitKey, bpath, limit);
    ctx.number(*block, "over_quota_weight", bpath, out.overQuotaWeight[r]);
    out.deserved[r] = deserved < 0 ? -1 : deserved * scale;
    out.limit[r] = limit < 0 ? -1 : limit * scale;
}

} // namespace

bool readNodes(ReaderContext &ctx, const json::Value &doc, Snapshot &s)
{
    const json::Value *nodes = ctx.array(doc, "nodes", "$");
    if (!nodes)
        return !ctx.failed();
    std::unordered_map<std::string, int> seen;
    for (std::size_t i = 0; i < nodes->items().size(); ++i) {
        const auto &v = nodes->items()[i];
        const std::string path = indexPath("$.nodes", i);
        if (!v.isObject())
            return ctx.fail(path, "expected an object");
        Node n;
        if (!ctx.requiredString(v, "name", path, n.name))
            return false;
        if (!seen.emplace(n.name, int(i)).second)
            return ctx.fail(path + ".name", "duplicate node name \"" + n.name + "\"");
        ctx.integer(v, "gpus", path, n.gpus);
        ctx.number(v, "cpu_millis", path, n.cpuMillis);
        ctx.number(v, "memory_bytes", path, n.memoryBytes);
        ctx.number(v, "gpu_memory_mib", path, n.gpuMemoryMib);
        ctx.integer(v, "max_pods", path, n.maxPods);
        ctx.boolean(v, "gpu_memory_synced", path, n.gpuMemorySynced);
        ctx.boolean(v, "unschedulable", path, n.unschedulable);
        if (ctx.failed())
            return false;
        if (n.gpus < 0)
            return ctx.fail(path + ".gpus", "must not be negative");
        n.gpuMemoryMib = std::floor(n.gpuMemoryMib / 100) * 100; // KAI floors to 100 MiB
        if (n.gpuMemoryMib <= 0)
            n.gpuMemoryMib = 100;
        if (const json::Value *labels = ctx.object(v, "labels", path)) {
            for (const auto &[k, lv] : labels->members()) {
                if (!lv.isString())
                    return ctx.fail(path + ".labels." + k, "expected a string");
                n.labels.emplace_back(k, lv.asString());
            }
        }
        if (ctx.failed())
            return false;
        if (!n.label("kai.scheduler/type"))
            n.labels.emplace_back("kai.scheduler/type", n.name);
        s.nodes.push_back(std::move(n));
    }
    return true;
}

bool readQueues(ReaderContext &ctx, const json::Value &doc, Snapshot &s)
{
    const json::Value *queues = ctx.array(doc, "queues", "$");
    if (!queues)
        return !ctx.failed();
    std::unordered_map<std::string, int> seen;
    for (std::size_t i = 0; i < queues->items().size(); ++i) {
        const auto &v = queues->items()[i];
        const std::string path = indexPath("$.queues", i);
        if (!v.isObject())
            return ctx.fail(path, "expected an object");
        Queue q;
        // Harness conversions (scenario-format.md §1.4): GPU quota 0 / no limit / weight 0,
        // CPU and memory unlimited with weight 1, unless given.
        q.deserved = Resources {0, -1, -1};
        q.limit = Resources {-1, -1, -1};
        q.overQuotaWeight = Resources {0, 1, 1};
        if (!ctx.requiredString(v, "name", path, q.name))
            return false;
        if (!seen.emplace(q.name, int(i)).second)
            return ctx.fail(path + ".name", "duplicate queue name \"" + q.name + "\"");
        ctx.string(v, "parent", path, q.parentName);
        ctx.integer(v, "priority", path, q.priority);
        q.createdOrder = double(i);
        ctx.number(v, "created_order", path, q.createdOrder);
        readQuota(ctx, v, "gpu", "deserved", "limit", 1, path, q, 0);
        readQuota(ctx, v, "cpu", "deserved_millis", "limit_millis", 1, path, q, 1);
        readQuota(ctx, v, "memory", "deserved_mb", "limit_mb", 1e6, path, q, 2);
        readDuration(ctx, v, "preempt_min_runtime_seconds", path, q.preemptMinRuntimeSeconds);
        readDuration(ctx, v, "reclaim_min_runtime_seconds", path, q.reclaimMinRuntimeSeconds);
        if (ctx.failed())
            return false;
        s.queues.push_back(std::move(q));
    }
    return true;
}

} // namespace gpudesk::engine
