#pragma once
// Synthetic cluster snapshots in the shapes of KAI's own benchmarks (issue 3), so the figures
// compare directly: allocate, reclaim-large, full-cycle, large.
#include "api/snapshot.h"

#include <string>
#include <vector>

namespace gpudesk::sim {

struct BenchShape
{
    engine::Snapshot snapshot;
    std::vector<std::string> actions;
};

// False when the name is unknown.
bool makeBenchShape(const std::string &name, int nodes, unsigned seed, BenchShape &out);

} // namespace gpudesk::sim
