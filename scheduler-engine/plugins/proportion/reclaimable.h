#pragma once
// Reclaim rules of the proportion plugin (scheduling.md §8.1 and §8.3).
#include "actions/common/victimqueue.h"
#include "framework/session.h"

#include <vector>

namespace gpudesk::engine::proportion {

// §8.1: a reclaimer may only grow up to its fair share (and non-preemptible jobs stay in quota).
bool canReclaimResources(const Session &session, int job, const Resources &request);

// The two children of the lowest common ancestor on the paths of queues a and b.
std::pair<int, int> leveledQueues(const Session &session, int a, int b);

// §8.3's strategies for one victim unit, given the leveled pair (reclaimer side rq, victim side
// vq), the reclaimer's chunk request and the queues' allocation before the unit is taken: the
// victim side keeps its fair share ("maintain fair share") or the reclaimer side is guaranteed
// its deserved quota. Taking only lowers vq's allocation, so once false it stays false.
bool victimSideCanGive(const Session &session,
                       int rq,
                       int vq,
                       const Resources &request,
                       const Resources &rqAllocated,
                       const Resources &vqAllocated);

// §8.3: strategies per victim unit at the leveled pair, then the saturation walk.
// `startAllocated` is every queue's allocation at the start of the job's attempt.
bool reclaimScenarioValid(const Session &session,
                          int job,
                          const Resources &request,
                          const std::vector<Resources> &startAllocated,
                          const std::vector<VictimUnit> &evicted);

} // namespace gpudesk::engine::proportion
