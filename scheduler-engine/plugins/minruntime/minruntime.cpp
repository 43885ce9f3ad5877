#include "plugins/minruntime/minruntime.h"

namespace gpudesk::engine::minruntime {

namespace {

double resolve(const Session &s, int fromQueue, bool preempt)
{
    const auto &queues = s.snapshot().queues;
    for (int q = fromQueue; q >= 0; q = queues[std::size_t(q)].parent) {
        const double v = preempt ? queues[std::size_t(q)].preemptMinRuntimeSeconds
                                 : queues[std::size_t(q)].reclaimMinRuntimeSeconds;
        if (v >= 0)
            return v;
    }
    const auto &p = s.config().plugins;
    return preempt ? p.defaultPreemptMinRuntimeSeconds : p.defaultReclaimMinRuntimeSeconds;
}

bool isProtected(const Session &s, int job, double minRuntime)
{
    if (minRuntime <= 0)
        return false;
    const double ranFor = s.jobs[std::size_t(job)].lastStartSecondsAgo;
    return ranFor >= 0 && ranFor < minRuntime;
}

} // namespace

bool protectedFromPreempt(const Session &s, int job)
{
    if (!s.config().plugins.minruntime)
        return false;
    return isProtected(s, job, resolve(s, s.snapshot().jobs[std::size_t(job)].queue, true));
}

bool protectedFromReclaim(const Session &s, int job, int reclaimerQueue)
{
    if (!s.config().plugins.minruntime)
        return false;
    int from = s.snapshot().jobs[std::size_t(job)].queue;
    if (s.config().plugins.reclaimResolve == ReclaimResolve::Lca) {
        // Child of the lowest common ancestor on the victim's side.
        const auto path = s.pathToRoot(from);
        for (int q : path) {
            const int parent = s.snapshot().queues[std::size_t(q)].parent;
            if (parent < 0 || s.isAncestorOrSelf(parent, reclaimerQueue)) {
                from = q;
                break;
            }
        }
    }
    return isProtected(s, job, resolve(s, from, false));
}

} // namespace gpudesk::engine::minruntime
