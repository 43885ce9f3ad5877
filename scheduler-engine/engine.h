#pragma once
// gpudesk scheduling engine: public API (C++20 standard library only).
//
// Two ways in:
//  * JSON: runScenarioJson() takes a kai-scenario/1 document and returns exactly the object
//    `gpudesk-sim run` prints (see scheduler-engine/README.md for the contract and the fields the
//    engine adds: per job reason / message / kai_message / evicted_by, per queue allocated).
//  * Typed: build a Snapshot (api/snapshot.h), call runCycle(), compare() (whatif/whatif.h) or
//    forecast() (forecast/forecast.h).
#include "api/snapshot.h"
#include "forecast/forecast.h"
#include "framework/session.h"
#include "whatif/whatif.h"

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace gpudesk::engine {

// A value or an error message (errors are values; the engine throws nothing on bad input).
template<typename T>
class Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    static Result failure(std::string message)
    {
        Result r;
        r.m_data.template emplace<1>(std::move(message));
        return r;
    }
    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<0>(m_data); }
    T &value() { return std::get<0>(m_data); }
    const std::string &error() const { return std::get<1>(m_data); }

private:
    Result()
        : m_data(std::in_place_index<1>)
    { }
    std::variant<T, std::string> m_data;
};

// Parses a kai-scenario/1 (or kai-fairshare/1) document, runs it as its "run" block says and
// returns the result object as compact JSON. Errors: "<label>: <json path>: <what is wrong>".
Result<std::string> runScenarioJson(std::string_view scenarioJsonText);

// Parses a kai-scenario/1 document into a snapshot (for the typed API).
Result<Snapshot> parseSnapshotJson(std::string_view scenarioJsonText);

// One scheduling cycle with the given actions, in order, in one session. The default list is
// KAI's production order.
std::unique_ptr<Session> runCycle(const Snapshot &snapshot,
                                  const std::vector<std::string> &actions = {"allocate",
                                                                             "consolidation",
                                                                             "reclaim",
                                                                             "preempt",
                                                                             "stalegangeviction"});

// The result JSON of a session (same object as runScenarioJson).
std::string sessionResultJson(const Session &session);

} // namespace gpudesk::engine
