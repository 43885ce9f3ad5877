#pragma once
// A scenario (kai-scenario/1) = snapshot + how to run it + what is expected (scenario-format.md §1),
// and a fair-share scenario (kai-fairshare/1, §2).
#include "api/snapshot.h"
#include "plugins/proportion/fairshare.h"

#include <optional>
#include <string>
#include <vector>

namespace gpudesk::engine {

enum class RunMode { SingleAction, Rounds };

struct RunSpec
{
    RunMode mode = RunMode::SingleAction;
    std::vector<std::string> actions {"allocate"};
    int roundsUntilMatch = 2;
    int roundsAfterMatch = 5;
    double secondsBetweenRounds = 0;
};

struct ExpectedPlacement
{
    std::optional<std::string> status;
    std::optional<std::string> node;
    std::optional<double> gpusRequired;
    std::optional<double> cpuMillisRequired;
    std::optional<double> memoryBytesRequired;
    std::optional<double> gpusAccepted;
    std::optional<double> lastStartOlderThanSeconds;
};

struct ExpectedNode
{
    std::optional<double> idleGpus;
    std::optional<double> releasingGpus;
};

struct Expected
{
    std::vector<std::pair<std::string, ExpectedPlacement>> jobs;
    std::vector<std::pair<std::string, ExpectedPlacement>> tasks;
    std::vector<std::pair<std::string, ExpectedNode>> nodes;
    std::optional<double> maxBinds, maxEvictions, maxPipelined;
};

struct Scenario
{
    Snapshot snapshot;
    RunSpec run;
    bool hasExpected = false;
    Expected expected;
};

struct FairShareScenario
{
    std::string name;
    bool fullHierarchy = false;
    double kValue = 0;
    Resources total;
    std::vector<proportion::QueueDemand> queues;
    std::vector<bool> resourceGiven[3];
    std::vector<std::pair<std::string, std::vector<std::pair<int, double>>>> expectedFairShare;
    std::optional<double> expectedRemainingGpu;
};

} // namespace gpudesk::engine
