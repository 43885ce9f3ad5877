#pragma once
// `gpudesk-sim bench whatif`: compare() on a cluster as the console sends it (issue 3).
#include "benchshapes.h"

namespace gpudesk::sim {

// Prints one JSON line; returns the exit status.
int benchWhatIf(const BenchShape &shape, int nodes);

} // namespace gpudesk::sim
