#pragma once
// The actions of a scheduling cycle (KAI actions/*). Each runs over a session; the order is
// configuration (RunSpec::actions / Config), not code.
#include "framework/session.h"

#include <string_view>

namespace gpudesk::engine {

void runAllocate(Session &session);
void runConsolidation(Session &session);
void runReclaim(Session &session);
void runPreempt(Session &session);
void runStaleGangEviction(Session &session);

// Runs an action by its KAI name; false for an unknown name.
bool runAction(Session &session, std::string_view name);

} // namespace gpudesk::engine
