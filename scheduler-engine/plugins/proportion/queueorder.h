#pragma once
// Queue comparison of the proportion plugin (scheduling.md §4.2) and the dominant resource share.
#include "framework/session.h"

namespace gpudesk::engine::proportion {

// A queue as seen by a comparison: its allocation and the request of the job in question
// (the head job for scheduling; for victim ordering allocation minus the chosen victims).
struct QueueView
{
    int queue = -1;
    Resources allocated;
    Resources request;
};

// Dominant resource share of `allocated` against the queue's allocatable share (§3.4).
double dominantShare(const Session &session, int queue, const Resources &allocated);

// True when a should be served before b.
bool queueBefore(const Session &session, const QueueView &a, const QueueView &b);

} // namespace gpudesk::engine::proportion
