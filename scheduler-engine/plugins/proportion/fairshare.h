#pragma once
// Fair-share division (KAI "proportion" plugin, resource_division), scheduling.md §3.
// Each resource is divided independently, level by level down the queue hierarchy.
#include "api/resources.h"

#include <string>
#include <vector>

namespace gpudesk::engine::proportion {

// One queue's inputs for one resource.
struct ResourceDemand
{
    double deserved = 0; // -1: deserves the whole amount divided at its level
    double request = 0;  // allocated + pending
    double limit = -1;   // -1: none
    double weight = 0;   // over-quota weight
    double usage = 0;    // historical usage (time-based fair share); 0 without it
};

struct QueueDemand
{
    std::string name;
    int parent = -1; // index into the same vector, -1 = top level
    int priority = 100;
    double createdOrder = 0;
    ResourceDemand resource[3];
};

struct DivisionResult
{
    std::vector<Resources> fairShare; // per queue
    Resources remaining;              // undistributed amount at the top level
};

// Divides `amount` of one resource among the given sibling queues (one hierarchy level).
// Returns the amount left undistributed; adds each queue's share to fairShare[i].
double divideOneLevel(double amount,
                      const std::vector<const QueueDemand *> &siblings,
                      int resource,
                      double kValue,
                      std::vector<double> &fairShare);

// Full hierarchy: top-level queues split `total`, then each queue splits its fair share among its
// children, recursively. Requests of inner queues must already include their descendants'.
DivisionResult divideHierarchy(const Resources &total,
                               const std::vector<QueueDemand> &queues,
                               double kValue);

} // namespace gpudesk::engine::proportion
