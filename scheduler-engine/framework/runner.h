#pragma once
// Runs a scenario as its "run" block says (scenario-format.md §1.1): one session with a list of
// actions, or the integration-test "rounds" harness. Each state that `expected` is compared with
// is handed to `observe`.
#include "framework/session.h"
#include "io/scenario.h"

#include <functional>
#include <memory>
#include <vector>

namespace gpudesk::engine {

// One session with the given actions, in order.
std::unique_ptr<Session> runActions(const Snapshot &snapshot,
                                    const std::vector<std::string> &actions);

// The state after a session for the next round: binding -> running, pipelined -> pending,
// releasing -> pending (unless the job is being deleted), virtual time advanced.
Snapshot nextRoundState(const Session &session, double secondsBetweenRounds);

struct RunOutcome
{
    std::unique_ptr<Session> last; // the last observed state
    CallCounts maxCalls;           // largest per-session counts
};

using Observer = std::function<void(const Session &, const CallCounts &, const std::string &label)>;

RunOutcome runScenario(const Scenario &scenario, const Observer &observe = {});

} // namespace gpudesk::engine
