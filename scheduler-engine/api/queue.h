#pragma once
// A queue of the hierarchy (department -> project ...). Only leaves hold jobs (scheduling.md §1.1).
#include "api/resources.h"

#include <string>
#include <vector>

namespace gpudesk::engine {

struct Queue
{
    std::string name;
    std::string parentName; // empty = top level
    int parent = -1;        // index, resolved when the snapshot is finalised
    std::vector<int> children;
    int priority = 100;
    double createdOrder = 0;      // smaller = older
    Resources deserved;           // -1 = unlimited
    Resources limit {-1, -1, -1}; // -1 = none
    Resources overQuotaWeight;
    double preemptMinRuntimeSeconds = -1; // -1 = plugin default
    double reclaimMinRuntimeSeconds = -1;

    bool isLeaf() const { return children.empty(); }
};

} // namespace gpudesk::engine
