// Reads a kai-fairshare/1 document (fair-share numerics cases).
#include "io/scenariosections.h"

#include <unordered_map>

namespace gpudesk::engine {

namespace {

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

} // namespace

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

} // namespace gpudesk::engine
