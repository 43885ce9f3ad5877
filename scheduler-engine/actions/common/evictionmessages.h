#pragma once
// Eviction texts: KAI's wording (scheduling.md §8.4, §9, §16) and a plain-language version that
// says who took from whom and why.
#include "actions/common/victimqueue.h"
#include "framework/session.h"

#include <string>
#include <vector>

namespace gpudesk::engine {

// Records the eviction on each victim job (first eviction of the session wins).
void recordReclaimEvictions(Session &session,
                            int reclaimer,
                            const std::vector<VictimUnit> &units,
                            const std::vector<Resources> &startAllocated);
void recordPreemptEvictions(Session &session, int preemptor, const std::vector<VictimUnit> &units);
void recordConsolidationMoves(Session &session, int preemptor, const std::vector<VictimUnit> &units);

std::string gpus(double amount);

} // namespace gpudesk::engine
