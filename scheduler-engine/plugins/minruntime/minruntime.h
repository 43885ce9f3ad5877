#pragma once
// Min-runtime protection (scheduling.md §12): a victim whose last start + min runtime is in the
// future may not be taken below its gang minimum.
#include "framework/session.h"

#include <vector>

namespace gpudesk::engine::minruntime {

// False when no victim can be protected at all: the plugin is off, or neither the default nor
// any queue sets a positive min runtime for the action (preempt or reclaim). Victim lists then
// skip the per-job check.
bool anyProtection(const Session &session, bool preempt);
// Preempt: the victim's queue's preemptMinRuntime, walking up to ancestors, else the default.
bool protectedFromPreempt(const Session &session, int victimJob);
// Reclaim: with the "lca" method from the child of the lowest common ancestor on the victim's
// side walking up; with "queue" from the victim's queue.
bool protectedFromReclaim(const Session &session, int victimJob, int reclaimerQueue);

// The same as protectedFromReclaim with the min runtime of each (reclaimer queue, victim queue)
// pair resolved once (victim lists are long; the queue walk is not free).
class ReclaimProtection
{
public:
    explicit ReclaimProtection(const Session &session);
    bool isProtected(int victimJob, int reclaimerQueue);

private:
    const Session &m_s;
    std::vector<double> m_minRuntime; // [reclaimer * queues + victim queue], NaN = not resolved
};

} // namespace gpudesk::engine::minruntime
