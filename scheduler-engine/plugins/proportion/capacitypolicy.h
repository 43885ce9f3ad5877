#pragma once
// Queue capacity policy of the proportion plugin (scheduling.md §5 step 1): limits at every level
// and, for non-preemptible jobs, allocatedNonPreemptible + request <= deserved at every level.
// Fair share is deliberately not checked (§17.1).
#include "framework/session.h"

namespace gpudesk::engine::proportion {

// Returns a failure with reason None when the request fits.
FitFailure checkCapacity(const Session &session, int job, const Resources &request);

// "6 GPUs", "2.5 CPU cores", "3 GB" as KAI writes them.
std::string formatAmount(int resource, double amount);

} // namespace gpudesk::engine::proportion
