#include "engine.h"

#include "framework/runner.h"
#include "io/resultwriter.h"
#include "io/scenarioreader.h"

namespace gpudesk::engine {

namespace {

json::Value fairShareResult(const FairShareScenario &fs)
{
    json::Value out = json::Value::object();
    out.set("name", json::Value::string(fs.name));
    proportion::DivisionResult result;
    if (fs.fullHierarchy) {
        result = proportion::divideHierarchy(fs.total, fs.queues, fs.kValue);
    } else {
        std::vector<proportion::QueueDemand> flat = fs.queues;
        for (auto &q : flat)
            q.parent = -1;
        result = proportion::divideHierarchy(fs.total, flat, fs.kValue);
    }
    json::Value fair = json::Value::object();
    for (std::size_t q = 0; q < fs.queues.size(); ++q) {
        json::Value v = json::Value::object();
        v.set("gpu", json::Value::number(result.fairShare[q].gpu));
        v.set("cpu", json::Value::number(result.fairShare[q].cpu));
        v.set("memory", json::Value::number(result.fairShare[q].memory));
        fair.set(fs.queues[q].name, std::move(v));
    }
    out.set("fair_share", std::move(fair));
    json::Value rem = json::Value::object();
    rem.set("gpu", json::Value::number(result.remaining.gpu));
    rem.set("cpu", json::Value::number(result.remaining.cpu));
    rem.set("memory", json::Value::number(result.remaining.memory));
    out.set("remaining", std::move(rem));
    return out;
}

} // namespace

Result<std::string> runScenarioJson(std::string_view text)
{
    ScenarioDocument doc;
    const std::string err = readScenario(text, "scenario", doc);
    if (!err.empty())
        return Result<std::string>::failure(err);
    if (doc.isFairShare)
        return json::write(fairShareResult(doc.fairShare));
    const RunOutcome outcome = runScenario(doc.scenario);
    return json::write(resultToJson(*outcome.last, outcome.maxCalls));
}

Result<Snapshot> parseSnapshotJson(std::string_view text)
{
    ScenarioDocument doc;
    const std::string err = readScenario(text, "snapshot", doc);
    if (!err.empty())
        return Result<Snapshot>::failure(err);
    if (doc.isFairShare)
        return Result<Snapshot>::failure("snapshot: $.schema: expected \"kai-scenario/1\"");
    return std::move(doc.scenario.snapshot);
}

std::unique_ptr<Session> runCycle(const Snapshot &snapshot, const std::vector<std::string> &actions)
{
    return runActions(snapshot, actions);
}

std::string sessionResultJson(const Session &session)
{
    return json::write(resultToJson(session, session.calls));
}

} // namespace gpudesk::engine
