#pragma once
// `gpudesk-sim bench whatif`: compare() on a cluster as the console sends it (issue 3).
#include "benchshapes.h"

namespace gpudesk::sim {

#include <string>

// Prints one JSON line; returns the exit status. resultPath (may be empty): every preview's
// per-job and per-queue comparison as text, for equivalence checks between engine versions.
int benchWhatIf(const BenchShape &shape, int nodes, const std::string &resultPath);

} // namespace gpudesk::sim
