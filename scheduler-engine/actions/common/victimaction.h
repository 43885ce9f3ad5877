#pragma once
// The loop shared by reclaim, preempt and consolidation: pending jobs in fair order, a per-action
// pre-check, the victim set, the solver with the action's validator, and the eviction records.
#include "actions/common/victimsolver.h"

#include <functional>
#include <string>
#include <vector>

namespace gpudesk::engine {

struct VictimActionSpec
{
    std::string name;
    std::function<bool(int job)> isCandidate;
    // Pre-check of a job's chunk request (quota units); false skips the job.
    std::function<bool(int job, const Resources &request)> precheck;
    // The job's candidate victims: victimLists (one list per leaf queue, jobs in index order; jobs
    // without active tasks allowed) or else victimJobs (active jobs only, in index order).
    std::function<void(int job, VictimLists &lists)> victimLists;
    std::function<std::vector<int>(int job)> victimJobs;
    std::function<bool(int victimJob, int job)> protectedVictim; // empty: none can be protected
    // Per leaf queue, whether the validator could accept the job's victims from it as evicted
    // (rather than re-placed); empty: it could accept any. Feeds an exact bound of the solver.
    std::function<void(int job, const Resources &request, std::vector<char> &byQueue)>
        evictableQueues;
    bool requireAllMoved = false;
    // Validator given the really evicted units, the job, its request and the start allocation.
    std::function<bool(int job,
                       const Resources &request,
                       const std::vector<Resources> &start,
                       const std::vector<VictimUnit> &evicted)>
        validate;
    std::function<void(int job, const SolverResult &result, const std::vector<Resources> &start)>
        record;
};

void runVictimAction(Session &session, const VictimActionSpec &spec);

} // namespace gpudesk::engine
