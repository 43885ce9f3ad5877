#pragma once
// Running the cycle until nothing changes (the what-if and forecast building block).
#include "api/snapshot.h"
#include "framework/session.h"

#include <map>
#include <memory>
#include <string>

namespace gpudesk::engine {

struct SteadyState
{
    Snapshot state;                          // after the last round's rewrite
    std::unique_ptr<Session> lastSession;    // the last session (for explanations)
    std::map<std::string, Eviction> evicted; // job name -> first eviction seen
    int rounds = 0;
};

// Runs all five actions round after round (as the rounds harness does) until the task
// statuses and nodes stop changing, at most maxRounds.
SteadyState runToSteadyState(const Snapshot &snapshot, int maxRounds = 20);

} // namespace gpudesk::engine
