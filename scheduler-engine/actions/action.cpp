#include "actions/action.h"

namespace gpudesk::engine {

bool runAction(Session &session, std::string_view name)
{
    if (name == "allocate")
        runAllocate(session);
    else if (name == "consolidation")
        runConsolidation(session);
    else if (name == "reclaim")
        runReclaim(session);
    else if (name == "preempt")
        runPreempt(session);
    else if (name == "stalegangeviction")
        runStaleGangEviction(session);
    else
        return false;
    return true;
}

} // namespace gpudesk::engine
