#pragma once
// Feasibility of a task on a node (KAI FittingNode + predicates plugin, scheduling.md §5.1) and,
// for shared-GPU tasks, the choice of device (gpupack / gpuspread, §13).
#include "framework/session.h"

namespace gpudesk::engine {

struct NodeFit
{
    bool fits = false;
    bool fitsIdle = false;        // no need to wait for releasing resources
    bool sharedDeviceFit = false; // an existing shared GPU takes the task (gpusharingorder)
    int device = -1;              // chosen existing device index, or kFreshDevice
    const char *reason = nullptr; // KAI short reason when it does not fit
};
inline constexpr int kFreshDevice = -2;

NodeFit evaluateNode(const Session &session, int task, int node);

// Free amount of the task's placement resource on a node (GPUs for GPU tasks, CPU otherwise),
// used by binpack / spread.
double placementFree(const Session &session, int task, int node);
double placementTotal(const Session &session, int task, int node);

} // namespace gpudesk::engine
