#pragma once
// The JSON object `gpudesk-sim run` prints (scenario-format.md, "gpudesk-sim contract"), with the
// engine's additions: per job reason / message / kai_message / evicted_by, per queue allocated.
#include "framework/session.h"
#include "io/json.h"

namespace gpudesk::engine {

json::Value resultToJson(const Session &session, const CallCounts &calls);

} // namespace gpudesk::engine
