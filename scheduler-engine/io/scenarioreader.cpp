#include "io/scenarioreader.h"

#include "io/readerctx.h"
#include "io/scenariosections.h"

namespace gpudesk::engine {

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
