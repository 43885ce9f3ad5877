#pragma once
// The victim solver shared by consolidation, reclaim and preempt (scheduling.md §6): grows the
// preemptor's chunk one task at a time; for each task adds candidate victims one unit at a time
// (VictimQueue order) and, for each node hosting the newest candidate, simulates evicting the
// accumulated candidates on that node, re-placing victims and the preemptor (pipeline only) in
// normal job order. The first valid simulation wins. Trials roll back through the Statement.
#include "actions/common/victimqueue.h"
#include "framework/statement.h"

#include <functional>
#include <string>
#include <vector>

namespace gpudesk::engine {

struct SolverSpec
{
    bool requireAllMoved = false; // consolidation: no victim may end up merely evicted
    int maxVictimUnits = -1;      // search budget per job (-1: unlimited, as the harness)
    // Per leaf queue: may the validator accept its victims as evicted (not re-placed)? Null: it
    // may accept every victim. Only a bound reads it (see victimbounds::DeviceBalance).
    const std::vector<char> *evictableByQueue = nullptr;
    // Validates the scenario given the units that are really evicted (not moved).
    std::function<bool(const std::vector<VictimUnit> &evicted)> validate;
};

struct SolverResult
{
    bool solved = false;
    std::vector<VictimUnit> evicted; // victims that lose their pods
    std::vector<VictimUnit> moved;   // victims pipelined elsewhere
};

// Cheap exact pre-check: false if evicting every active task of victimJobs at once could not
// free enough GPU devices for the chunk (then solveWithVictims cannot succeed either).
bool victimsCanSuffice(const Session &session,
                       const std::vector<int> &chunk,
                       const VictimLists &victimJobs);

SolverResult solveWithVictims(Session &session,
                              Statement &stmt,
                              int job,
                              const std::vector<int> &chunk,
                              VictimQueue &victims,
                              const SolverSpec &spec);

} // namespace gpudesk::engine
