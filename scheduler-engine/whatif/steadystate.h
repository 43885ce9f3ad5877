#pragma once
// Running the cycle until nothing changes (the what-if and forecast building block).
#include "api/snapshot.h"
#include "framework/runner.h" // nextRoundStatus, rewriteForNextRound
#include "framework/session.h"

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gpudesk::engine {

struct SteadyState
{
    // The last round's session after its actions, before the rewrite for the next round (for
    // explanations, fair shares and allocations). Its tasks' rewritten placement (binding ->
    // running, pipelined -> pending, ...) is the steady state.
    std::unique_ptr<Session> lastSession;
    std::map<std::string, Eviction> evicted; // job name -> first eviction seen
    int rounds = 0;
    bool converged = false; // the last round changed nothing
    // > 0: the rounds went round a cycle of this many states (e.g. two queues reclaiming the same
    // GPUs back and forth), so they stopped at the first repeat; lastSession is one of them.
    int cycleLength = 0;
    std::vector<double> roundMs; // wall time of each round (session build + actions), for benches

    // The state the next round would start from: the last session's snapshot rewritten as the
    // rounds harness does. nextState() copies it; takeNextState() moves it out of lastSession
    // (whose snapshot is unusable afterwards).
    Snapshot nextState() const;
    Snapshot takeNextState();
};

// Runs all five actions round after round (as the rounds harness does, no time between rounds)
// until a round changes no task's status or node, or the placements repeat (a cycle), at most
// maxRounds. The snapshot is taken by
// value so that a caller who no longer needs it can move it in (no copy per round either: each
// round's state moves into the session and back out of it).
// `cancel`: checked before each round; when set, the run stops (its result is then meaningless).
SteadyState runToSteadyState(Snapshot snapshot,
                             int maxRounds = 20,
                             const std::atomic<bool> *cancel = nullptr);

} // namespace gpudesk::engine
