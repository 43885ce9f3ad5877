#include "io/scenarioreader.h"

#include "io/readerctx.h"

#include <cmath>
#include <unordered_map>

namespace gpudesk::engine {

namespace {

// "90s", "5m", "1h" or a number of seconds.
bool duration(ReaderContext &ctx,
              const json::Value &obj,
              std::string_view key,
              const std::string &path,
              double &out)
{
    const json::Value *v = obj.find(key);
    if (!v || v->isNull())
        return true;
    if (v->isNumber()) {
        out = v->asNumber();
        return true;
    }
    if (v->isString() && !v->asString().empty()) {
        const std::string &s = v->asString();
        double scale = 1;
        std::string digits = s;
        const char unit = s.back();
        if (unit == 's' || unit == 'm' || unit == 'h') {
            scale = unit == 's' ? 1 : (unit == 'm' ? 60 : 3600);
            digits = s.substr(0, s.size() - 1);
        }
        try {
            std::size_t used = 0;
            const double d = std::stod(digits, &used);
            if (used == digits.size()) {
                out = d * scale;
                return true;
            }
        } catch (...) {
        }
    }
    return ctx.fail(path + "." + std::string(key), "expected a duration (seconds or \"90s\")");
}

bool readPlugins(ReaderContext &ctx, const json::Value &config, Config &out)
{
    const json::Value *plugins = config.find("plugins");
    if (!plugins || plugins->isNull())
        return true;
    const std::string path = "$.config.plugins";
    if (plugins->isString()) {
        if (plugins->asString() != "default")
            return ctx.fail(path, "expected \"default\" or a list of plugins");
        return true;
    }
    if (!plugins->isArray())
        return ctx.fail(path, "expected \"default\" or a list of plugins");
    PluginSet p;
    p.proportion = p.priority = p.elastic = p.taskorder = p.nodeavailability = false;
    p.gpusharingorder = p.resourcetype = p.nodeplacement = p.predicates = p.minruntime = false;
    p.gpuDeviceOrder = GpuDeviceOrder::None;
    for (std::size_t i = 0; i < plugins->items().size(); ++i) {
        const auto &item = plugins->items()[i];
        const std::string ipath = indexPath(path, i);
        std::string name;
        if (item.isString()) {
            name = item.asString();
        } else if (item.isObject()) {
            if (!ctx.requiredString(item, "name", ipath, name))
                return false;
        } else {
            return ctx.fail(ipath, "expected a plugin name or {\"name\", \"arguments\"}");
        }
        const json::Value *args = item.isObject() ? ctx.object(item, "arguments", ipath) : nullptr;
        if (ctx.failed())
            return false;
        if (name == "proportion") {
            p.proportion = true;
            if (args) {
                ctx.number(*args, "kValue", ipath + ".arguments", p.kValue);
                ctx.number(*args,
                           "reclaimerSaturationMultiplier",
                           ipath + ".arguments",
                           p.reclaimerSaturationMultiplier);
                ctx.number(*args,
                           "relcaimerSaturationMultiplier",
                           ipath + ".arguments",
                           p.reclaimerSaturationMultiplier);
            }
        } else if (name == "priority") {
            p.priority = true;
        } else if (name == "elastic") {
            p.elastic = true;
        } else if (name == "taskorder") {
            p.taskorder = true;
        } else if (name == "nodeavailability") {
            p.nodeavailability = true;
        } else if (name == "gpusharingorder") {
            p.gpusharingorder = true;
        } else if (name == "resourcetype") {
            p.resourcetype = true;
        } else if (name == "predicates") {
            p.predicates = true;
        } else if (name == "gpupack") {
            p.gpuDeviceOrder = GpuDeviceOrder::Pack;
        } else if (name == "gpuspread") {
            p.gpuDeviceOrder = GpuDeviceOrder::Spread;
        } else if (name == "minruntime") {
            p.minruntime = true;
            if (args) {
                duration(ctx,
                         *args,
                         "defaultPreemptMinRuntime",
                         ipath + ".arguments",
                         p.defaultPreemptMinRuntimeSeconds);
                duration(ctx,
                         *args,
                         "defaultReclaimMinRuntime",
                         ipath + ".arguments",
                         p.defaultReclaimMinRuntimeSeconds);
                std::string method;
                ctx.string(*args, "reclaimResolveMethod", ipath + ".arguments", method);
                if (method == "queue")
                    p.reclaimResolve = ReclaimResolve::Queue;
            }
        } else if (name == "nodeplacement") {
            p.nodeplacement = true;
            if (args) {
                for (const char *res : {"gpu", "cpu"}) {
                    std::string v;
                    if (!ctx.string(*args, res, ipath + ".arguments", v))
                        return false;
                    if (v.empty())
                        continue;
                    if (v != "binpack" && v != "spread")
                        return ctx.fail(ipath + ".arguments." + res,
                                        "expected \"binpack\" or \"spread\"");
                    (std::string_view(res) == "gpu" ? p.gpuPlacement : p.cpuPlacement)
                        = v == "binpack" ? Placement::Binpack : Placement::Spread;
                }
            }
        }
        // Other KAI plugins (kubeflow, ray, subgrouporder, nominatednode, dynamicresources,
        // topology, snapshot) change nothing for the objects this format can describe.
    }
    out.plugins = p;
    return !ctx.failed();
}

bool readConfig(ReaderContext &ctx, const json::Value &doc, Config &out)
{
    const json::Value *config = ctx.object(doc, "config", "$");
    if (!config)
        return !ctx.failed();
    const std::string path = "$.config";
    if (!readPlugins(ctx, *config, out))
        return false;
    double preemptees = out.maxConsolidationPreemptees;
    ctx.number(*config, "max_consolidation_preemptees", path, preemptees);
    out.maxConsolidationPreemptees = int(preemptees);
    ctx.boolean(*config, "allow_consolidating_reclaim", path, out.allowConsolidatingReclaim);
    ctx.number(*config, "min_node_gpu_memory_mib", path, out.minNodeGpuMemoryMib);
    ctx.number(*config, "staleness_grace_period_seconds", path, out.stalenessGracePeriodSeconds);
    ctx.boolean(*config, "full_hierarchy_fairness", path, out.fullHierarchyFairness);
    ctx.boolean(*config, "use_scheduling_signatures", path, out.useSchedulingSignatures);
    ctx.number(*config, "k_value", path, out.plugins.kValue);
    ctx.number(*config,
               "reclaimer_saturation_multiplier",
               path,
               out.plugins.reclaimerSaturationMultiplier);
    if (const json::Value *prop = ctx.object(*config, "proportion", path)) {
        ctx.number(*prop, "kValue", path + ".proportion", out.plugins.kValue);
        ctx.number(*prop,
                   "reclaimerSaturationMultiplier",
                   path + ".proportion",
                   out.plugins.reclaimerSaturationMultiplier);
    }
    if (out.plugins.reclaimerSaturationMultiplier < 1)
        out.plugins.reclaimerSaturationMultiplier = 1; // as KAI does
    return !ctx.failed();
}

bool readRun(ReaderContext &ctx, const json::Value &doc, RunSpec &out)
{
    const json::Value *run = ctx.object(doc, "run", "$");
    if (!run)
        return !ctx.failed();
    std::string mode = "single_action";
    ctx.string(*run, "mode", "$.run", mode);
    if (mode == "single_action")
        out.mode = RunMode::SingleAction;
    else if (mode == "rounds")
        out.mode = RunMode::Rounds;
    else
        return ctx.fail("$.run.mode", "expected \"single_action\" or \"rounds\"");
    if (const json::Value *actions = ctx.array(*run, "actions", "$.run")) {
        out.actions.clear();
        for (std::size_t i = 0; i < actions->items().size(); ++i) {
            const auto &a = actions->items()[i];
            static const char *known[] = {"allocate",
                                          "consolidation",
                                          "reclaim",
                                          "preempt",
                                          "stalegangeviction"};
            bool ok = false;
            for (const char *k : known)
                ok = ok || (a.isString() && a.asString() == k);
            if (!ok)
                return ctx.fail(indexPath("$.run.actions", i),
                                "expected one of allocate, consolidation, reclaim, preempt, "
                                "stalegangeviction");
            out.actions.push_back(a.asString());
        }
    } else if (out.mode == RunMode::Rounds) {
        out.actions = {"allocate", "consolidation", "reclaim", "preempt", "stalegangeviction"};
    }
    ctx.integer(*run, "rounds_until_match", "$.run", out.roundsUntilMatch);
    ctx.integer(*run, "rounds_after_match", "$.run", out.roundsAfterMatch);
    ctx.number(*run, "sleep_between_rounds_seconds", "$.run", out.secondsBetweenRounds);
    return !ctx.failed();
}

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
        duration(ctx, v, "preempt_min_runtime_seconds", path, q.preemptMinRuntimeSeconds);
        duration(ctx, v, "reclaim_min_runtime_seconds", path, q.reclaimMinRuntimeSeconds);
        if (ctx.failed())
            return false;
        s.queues.push_back(std::move(q));
    }
    return true;
}

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

bool readPlacement(ReaderContext &ctx,
                   const json::Value &v,
                   const std::string &path,
                   ExpectedPlacement &out)
{
    if (!v.isObject())
        return ctx.fail(path, "expected an object");
    std::string status, node;
    ctx.string(v, "status", path, status);
    ctx.string(v, "node", path, node);
    if (!status.empty())
        out.status = status;
    if (!node.empty())
        out.node = node;
    auto opt = [&](const char *key, std::optional<double> &o) {
        double d = -12345;
        ctx.number(v, key, path, d);
        if (d != -12345)
            o = d;
    };
    opt("gpus_required", out.gpusRequired);
    opt("cpu_millis_required", out.cpuMillisRequired);
    opt("memory_bytes_required", out.memoryBytesRequired);
    opt("gpus_accepted", out.gpusAccepted);
    opt("last_start_older_than_seconds", out.lastStartOlderThanSeconds);
    return !ctx.failed();
}

bool readExpected(ReaderContext &ctx, const json::Value &doc, Scenario &sc)
{
    const json::Value *e = ctx.object(doc, "expected", "$");
    if (!e)
        return !ctx.failed();
    sc.hasExpected = true;
    if (const json::Value *jobs = ctx.object(*e, "jobs", "$.expected")) {
        for (const auto &[name, v] : jobs->members()) {
            ExpectedPlacement p;
            if (!readPlacement(ctx, v, "$.expected.jobs." + name, p))
                return false;
            sc.expected.jobs.emplace_back(name, p);
        }
    }
    if (const json::Value *tasks = ctx.object(*e, "tasks", "$.expected")) {
        for (const auto &[name, v] : tasks->members()) {
            ExpectedPlacement p;
            if (!readPlacement(ctx, v, "$.expected.tasks." + name, p))
                return false;
            sc.expected.tasks.emplace_back(name, p);
        }
    }
    if (const json::Value *nodes = ctx.object(*e, "nodes", "$.expected")) {
        for (const auto &[name, v] : nodes->members()) {
            const std::string path = "$.expected.nodes." + name;
            if (!v.isObject())
                return ctx.fail(path, "expected an object");
            ExpectedNode n;
            double idle = -1, rel = -1;
            ctx.number(v, "idle_gpus", path, idle);
            ctx.number(v, "releasing_gpus", path, rel);
            if (idle >= 0)
                n.idleGpus = idle;
            if (rel >= 0)
                n.releasingGpus = rel;
            sc.expected.nodes.emplace_back(name, n);
        }
    }
    if (const json::Value *limits = ctx.object(*e, "cache_call_limits", "$.expected")) {
        const std::string path = "$.expected.cache_call_limits";
        auto opt = [&](const char *key, std::optional<double> &o) {
            double d = -1;
            ctx.number(*limits, key, path, d);
            if (d >= 0)
                o = d;
        };
        opt("max_binds", sc.expected.maxBinds);
        opt("max_evictions", sc.expected.maxEvictions);
        opt("max_pipelined", sc.expected.maxPipelined);
    }
    return !ctx.failed();
}

bool readFairShareResource(ReaderContext &ctx,
                           const json::Value &q,
                           const char *res,
                           int r,
                           const std::string &path,
                           proportion::QueueDemand &out,
                           bool &given)
{
    const json::Value *b = ctx.object(q, res, path);
    given = b != nullptr;
    if (!b)
        return !ctx.failed();
    auto &d = out.resource[r];
    const std::string bp = path + "." + res;
    ctx.number(*b, "deserved", bp, d.deserved);
    ctx.number(*b, "request", bp, d.request);
    ctx.number(*b, "limit", bp, d.limit);
    ctx.number(*b, "over_quota_weight", bp, d.weight);
    ctx.number(*b, "usage", bp, d.usage);
    return !ctx.failed();
}

bool readFairShare(ReaderContext &ctx, const json::Value &doc, FairShareScenario &fs)
{
    ctx.string(doc, "name", "$", fs.name);
    std::string fut;
    ctx.string(doc, "function_under_test", "$", fut);
    fs.fullHierarchy = fut.rfind("full", 0) == 0;
    ctx.number(doc, "k_value", "$", fs.kValue);
    if (const json::Value *total = ctx.object(doc, "total", "$")) {
        ctx.number(*total, "gpu", "$.total", fs.total.gpu);
        ctx.number(*total, "cpu", "$.total", fs.total.cpu);
        ctx.number(*total, "memory", "$.total", fs.total.memory);
    } else if (!ctx.failed()) {
        return ctx.fail("$", "missing required member \"total\"");
    }
    const json::Value *queues = ctx.array(doc, "queues", "$");
    if (!queues)
        return ctx.failed() ? false : ctx.fail("$", "missing required member \"queues\"");
    std::unordered_map<std::string, int> index;
    std::vector<std::string> parents;
    for (std::size_t i = 0; i < queues->items().size(); ++i) {
        const auto &v = queues->items()[i];
        const std::string path = indexPath("$.queues", i);
        if (!v.isObject())
            return ctx.fail(path, "expected an object");
        proportion::QueueDemand q;
        if (!ctx.requiredString(v, "name", path, q.name))
            return false;
        std::string parent;
        ctx.string(v, "parent", path, parent);
        ctx.integer(v, "priority", path, q.priority);
        q.createdOrder = 0;
        ctx.number(v, "created_order", path, q.createdOrder);
        for (int r = 0; r < 3; ++r) {
            static const char *names[] = {"gpu", "cpu", "memory"};
            bool given = false;
            if (!readFairShareResource(ctx, v, names[r], r, path, q, given))
                return false;
            fs.resourceGiven[r].push_back(given);
        }
        index.emplace(q.name, int(i));
        parents.push_back(parent);
        fs.queues.push_back(std::move(q));
    }
    for (std::size_t i = 0; i < fs.queues.size(); ++i) {
        if (parents[i].empty() || !fs.fullHierarchy)
            continue;
        auto it = index.find(parents[i]);
        if (it == index.end())
            return ctx.fail(indexPath("$.queues", i) + ".parent",
                            "no queue named \"" + parents[i] + "\"");
        fs.queues[i].parent = it->second;
    }
    if (const json::Value *exp = ctx.object(doc, "expected_fair_share", "$")) {
        for (const auto &[name, v] : exp->members()) {
            const std::string path = "$.expected_fair_share." + name;
            if (!v.isObject())
                return ctx.fail(path, "expected an object");
            std::vector<std::pair<int, double>> values;
            static const char *names[] = {"gpu", "cpu", "memory"};
            for (int r = 0; r < 3; ++r) {
                if (const json::Value *x = v.find(names[r])) {
                    if (!x->isNumber())
                        return ctx.fail(path + "." + names[r], "expected a number");
                    values.emplace_back(r, x->asNumber());
                }
            }
            fs.expectedFairShare.emplace_back(name, std::move(values));
        }
    }
    if (const json::Value *rem = ctx.object(doc, "expected_remaining", "$")) {
        double g = -1;
        ctx.number(*rem, "gpu", "$.expected_remaining", g);
        if (g >= 0)
            fs.expectedRemainingGpu = g;
    }
    return !ctx.failed();
}

} // namespace

std::string readScenario(const json::Value &doc, std::string_view fileLabel, ScenarioDocument &out)
{
    ReaderContext ctx(fileLabel);
    if (!doc.isObject()) {
        ctx.fail("$", "expected a JSON object");
        return ctx.error();
    }
    std::string schema;
    ctx.string(doc, "schema", "$", schema);
    if (ctx.failed())
        return ctx.error();
    if (schema == "kai-fairshare/1") {
        out.isFairShare = true;
        readFairShare(ctx, doc, out.fairShare);
        return ctx.error();
    }
    if (schema != "kai-scenario/1") {
        ctx.fail("$.schema", "expected \"kai-scenario/1\" or \"kai-fairshare/1\"");
        return ctx.error();
    }
    out.isFairShare = false;
    Scenario &sc = out.scenario;
    ctx.string(doc, "name", "$", sc.snapshot.name);
    ctx.string(doc, "node_pool", "$", sc.snapshot.nodePool);
    if (ctx.failed() || !readRun(ctx, doc, sc.run) || !readConfig(ctx, doc, sc.snapshot.config)
        || !readNodes(ctx, doc, sc.snapshot) || !readQueues(ctx, doc, sc.snapshot)
        || !readJobs(ctx, doc, sc.snapshot) || !readExpected(ctx, doc, sc))
        return ctx.error();
    const std::string err = sc.snapshot.finalise();
    if (!err.empty())
        ctx.fail("$", err);
    return ctx.error();
}

std::string readScenario(std::string_view text, std::string_view fileLabel, ScenarioDocument &out)
{
    json::Value doc;
    json::ParseError perr;
    if (!json::parse(text, doc, perr))
        return std::string(fileLabel) + ": $: invalid JSON at line " + std::to_string(perr.line)
               + ", column " + std::to_string(perr.column) + ": " + perr.what;
    return readScenario(doc, fileLabel, out);
}

} // namespace gpudesk::engine
