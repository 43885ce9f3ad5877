// Reads "config" and "run" of a kai-scenario/1 document.
#include "io/scenariosections.h"

namespace gpudesk::engine {

namespace {

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
                readDuration(ctx,
                             *args,
                             "defaultPreemptMinRuntime",
                             ipath + ".arguments",
                             p.defaultPreemptMinRuntimeSeconds);
                readDuration(ctx,
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

} // namespace

bool readDuration(ReaderContext &ctx,
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
    double budget = out.victimSearchBudget;
    ctx.number(*config, "victim_search_budget", path, budget);
    out.victimSearchBudget = budget < 0 ? -1 : int(budget);
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

} // namespace gpudesk::engine
