#pragma once
// Reads kai-scenario/1 and kai-fairshare/1 documents. Errors name the file, the JSON path and
// what is wrong, in one line: "<file>: $.jobs[2].tasks[0].gpus: expected a number".
#include "io/json.h"
#include "io/scenario.h"

#include <string>
#include <string_view>
#include <variant>

namespace gpudesk::engine {

struct ScenarioDocument
{
    bool isFairShare = false;
    Scenario scenario;
    FairShareScenario fairShare;
};

// fileLabel is used only in error messages. Returns an error message or empty on success.
std::string readScenario(std::string_view text, std::string_view fileLabel, ScenarioDocument &out);
std::string readScenario(const json::Value &doc, std::string_view fileLabel, ScenarioDocument &out);

} // namespace gpudesk::engine
