#include "plugins/proportion/queueorder.h"

#include <algorithm>

namespace gpudesk::engine::proportion {

namespace {

bool overUtilised(const Session &s, const QueueView &v)
{
    const auto &fs = s.queues[std::size_t(v.queue)].fairShare;
    for (int r = 0; r < kResourceCount; ++r) {
        if (!(fs[r] < v.allocated[r] - kEpsilon))
            return false;
    }
    return true;
}

bool starved(const Session &s, const QueueView &v)
{
    return allLessEqual(v.allocated + v.request, s.snapshot().queues[std::size_t(v.queue)].deserved);
}

bool zeroSharePenalty(const Session &s, const QueueView &v)
{
    const auto &share = s.queues[std::size_t(v.queue)].allocatableShare;
    const Resources would = v.allocated + v.request;
    for (int r = 0; r < kResourceCount; ++r) {
        if (share[r] == 0 && would[r] > kEpsilon)
            return true;
    }
    return false;
}

} // namespace

double dominantShare(const Session &s, int q, const Resources &allocated)
{
    const auto &share = s.queues[std::size_t(q)].allocatableShare;
    double best = 0;
    for (int r = 0; r < kResourceCount; ++r) {
        double ratio;
        if (share[r] < 0)
            ratio = s.total[r] > 0 ? allocated[r] / s.total[r] : 0;
        else if (share[r] == 0)
            ratio = allocated[r] * 1000;
        else
            ratio = allocated[r] / share[r];
        best = std::max(best, ratio);
    }
    return best;
}

bool queueBefore(const Session &s, const QueueView &a, const QueueView &b)
{
    const auto &qa = s.snapshot().queues[std::size_t(a.queue)];
    const auto &qb = s.snapshot().queues[std::size_t(b.queue)];
    if (s.config().plugins.proportion) {
        const bool overA = overUtilised(s, a), overB = overUtilised(s, b);
        if (overA != overB)
            return !overA;
        const bool starvedA = starved(s, a), starvedB = starved(s, b);
        if (starvedA != starvedB)
            return starvedA;
        if (qa.priority != qb.priority)
            return qa.priority > qb.priority;
        const bool penA = zeroSharePenalty(s, a), penB = zeroSharePenalty(s, b);
        if (penA != penB)
            return !penA;
        const double withA = dominantShare(s, a.queue, a.allocated + a.request);
        const double withB = dominantShare(s, b.queue, b.allocated + b.request);
        if (std::abs(withA - withB) > 1e-12)
            return withA < withB;
        const double drfA = dominantShare(s, a.queue, a.allocated);
        const double drfB = dominantShare(s, b.queue, b.allocated);
        if (std::abs(drfA - drfB) > 1e-12)
            return drfA < drfB;
        const auto &sa = s.queues[std::size_t(a.queue)].allocatableShare;
        const auto &sb = s.queues[std::size_t(b.queue)].allocatableShare;
        bool allLe = true, oneLt = false, allGe = true, oneGt = false;
        for (int r = 0; r < kResourceCount; ++r) {
            const double x = sa[r] < 0 ? 1e300 : sa[r];
            const double y = sb[r] < 0 ? 1e300 : sb[r];
            allLe = allLe && x <= y;
            oneLt = oneLt || x < y;
            allGe = allGe && x >= y;
            oneGt = oneGt || x > y;
        }
        if (allLe && oneLt)
            return true;
        if (allGe && oneGt)
            return false;
    }
    if (qa.createdOrder != qb.createdOrder)
        return qa.createdOrder < qb.createdOrder;
    return qa.name < qb.name; // documented deterministic tie-break (KAI has none here)
}

} // namespace gpudesk::engine::proportion
