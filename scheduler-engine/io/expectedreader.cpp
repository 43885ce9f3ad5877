// Reads "expected" of a kai-scenario/1 document.
#include "io/scenariosections.h"

namespace gpudesk::engine {

namespace {

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

} // namespace

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

} // namespace gpudesk::engine
