#pragma once
// Compares a session state with a scenario's `expected` block (scenario-format.md §1.6).
#include "framework/session.h"
#include "io/scenario.h"

#include <string>
#include <vector>

namespace gpudesk::engine {

// One line per difference; empty when everything matches.
std::vector<std::string> compareExpected(const Session &session,
                                         const CallCounts &calls,
                                         const Expected &expected);

} // namespace gpudesk::engine
