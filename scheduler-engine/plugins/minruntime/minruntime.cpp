#include "plugins/minruntime/minruntime.h"

#include <cmath>
#include <limits>

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

bool anyProtection(const Session &s, bool preempt)
{
    const auto &p = s.config().plugins;
    if (!p.minruntime)
        return false;
    // resolve() returns a queue's own value or the default: positive somewhere or nowhere.
    if ((preempt ? p.defaultPreemptMinRuntimeSeconds : p.defaultReclaimMinRuntimeSeconds) > 0)
        return true;
    for (const auto &q : s.snapshot().queues) {
        if ((preempt ? q.preemptMinRuntimeSeconds : q.reclaimMinRuntimeSeconds) > 0)
            return true;
    }
    return false;
}

bool protectedFromPreempt(const Session &s, int job)
{
    if (!s.config().plugins.minruntime)
        return false;
    return isProtected(s, job, resolve(s, s.snapshot().jobs[std::size_t(job)].queue, true));
}

static double reclaimMinRuntime(const Session &s, int victimQueue, int reclaimerQueue)
{
    int from = victimQueue;
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
    return resolve(s, from, false);
}

bool protectedFromReclaim(const Session &s, int job, int reclaimerQueue)
{
    if (!s.config().plugins.minruntime)
        return false;
    return isProtected(s,
                       job,
                       reclaimMinRuntime(s,
                                         s.snapshot().jobs[std::size_t(job)].queue,
                                         reclaimerQueue));
}

ReclaimProtection::ReclaimProtection(const Session &s)
    : m_s(s)
{
    const std::size_t q = s.snapshot().queues.size();
    m_minRuntime.assign(q * q, std::numeric_limits<double>::quiet_NaN());
}

bool ReclaimProtection::isProtected(int job, int reclaimerQueue)
{
    if (!m_s.config().plugins.minruntime)
        return false;
    const int victimQueue = m_s.jobBrief[std::size_t(job)].queue;
    if (victimQueue < 0 || reclaimerQueue < 0)
        return protectedFromReclaim(m_s, job, reclaimerQueue);
    double &v = m_minRuntime[std::size_t(reclaimerQueue) * m_s.snapshot().queues.size()
                             + std::size_t(victimQueue)];
    if (std::isnan(v))
        v = reclaimMinRuntime(m_s, victimQueue, reclaimerQueue);
    return minruntime::isProtected(m_s, job, v);
}

} // namespace gpudesk::engine::minruntime
