#pragma once
// Node ordering for a task (KAI OrderedNodesByTask, scheduling.md §5.2): the sum of the
// nodeavailability, gpusharingorder, resourcetype and nodeplacement (binpack/spread) scores,
// highest first, ties by node name. Returns the first feasible node.
#include "framework/session.h"

#include <string>
#include <utility>
#include <vector>

namespace gpudesk::engine {

struct PlacementChoice
{
    int node = -1;
    std::vector<std::string> groups;
    bool pipelined = false;
};

using FitHistogram = std::vector<std::pair<std::string, int>>;

// pipelineOnly: every placement is a pipeline (victim-solver simulations, §6).
// When no node fits and histogram is given, it receives the per-reason node counts (sorted).
PlacementChoice selectNode(const Session &session,
                           int task,
                           bool pipelineOnly,
                           FitHistogram *histogram);

} // namespace gpudesk::engine
