#include "actions/action.h"
namespace gpudesk::engine {
void runConsolidation(Session &) { }
void runReclaim(Session &) { }
void runPreempt(Session &) { }
void runStaleGangEviction(Session &) { }
} // namespace gpudesk::engine
