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

// The status a task has in the next round after a session left it in `status` (the rounds
// harness rewrite, scenario-format.md §1.1): binding/allocated/bound -> running, pipelined ->
// pending, releasing -> pending unless its job is being deleted.
TaskStatus nextRoundStatus(TaskStatus status, bool jobDeletedBetweenRounds);

// True when the rewrite takes the task off its node (it becomes pending again).
bool nextRoundClearsNode(TaskStatus before, TaskStatus after);

// The rounds rewrite in place: `state` is a session's snapshot (a copy, or moved out of the
// session so no copy is made) and `jobs` that session's job states. Statuses per
// nextRoundStatus (a task that becomes pending loses its node and GPU groups); running-since and
// stale-for times advanced by secondsBetweenRounds.
void rewriteForNextRound(Snapshot &state,
                         const std::vector<JobState> &jobs,
                         double secondsBetweenRounds);

// The state after a session for the next round (a copy rewritten by rewriteForNextRound).
Snapshot nextRoundState(const Session &session, double secondsBetweenRounds);

struct RunOutcome
{
    std::unique_ptr<Session> last; // the last observed state
    CallCounts maxCalls;           // largest per-session counts
};

using Observer = std::function<void(const Session &, const CallCounts &, const std::string &label)>;

RunOutcome runScenario(const Scenario &scenario, const Observer &observe = {});

} // namespace gpudesk::engine
