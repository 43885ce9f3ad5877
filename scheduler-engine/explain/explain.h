#pragma once
// Explanations: why each job is where it is, as a structured reason code, a plain-language
// message (what blocks it, who holds it, what would make it start) and KAI's own wording (§16).
#include "framework/session.h"

#include <string>
#include <vector>

namespace gpudesk::engine {

struct JobExplanation
{
    std::string reason;     // "" when the job is not pending; else a PendingReason code name
    std::string message;    // plain language
    std::string kaiMessage; // KAI wording
};

std::string_view reasonCode(PendingReason reason);

// One explanation per job of the session (index = job index).
std::vector<JobExplanation> explainJobs(const Session &session);

} // namespace gpudesk::engine
