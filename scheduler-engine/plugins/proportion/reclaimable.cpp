#include "plugins/proportion/reclaimable.h"

#include <limits>

namespace gpudesk::engine::proportion {

bool canReclaimResources(const Session &s, int j, const Resources &request)
{
    const auto &job = s.snapshot().jobs[std::size_t(j)];
    const auto &qs = s.queues[std::size_t(job.queue)];
    if (!allLessEqual(qs.allocated + request, qs.fairShare))
        return false;
    if (!job.preemptible
        && !allLessEqual(qs.allocatedNonPreemptible + request,
                         s.snapshot().queues[std::size_t(job.queue)].deserved))
        return false;
    return true;
}

std::pair<int, int> leveledQueues(const Session &s, int a, int b)
{
    const auto pa = s.pathToRoot(a); // a first, root last
    const auto pb = s.pathToRoot(b);
    // Walk from the roots down while the paths agree.
    std::size_t ia = pa.size(), ib = pb.size();
    while (ia > 0 && ib > 0 && pa[ia - 1] == pb[ib - 1]) {
        --ia;
        --ib;
    }
    const int la = ia > 0 ? pa[ia - 1] : a;
    const int lb = ib > 0 ? pb[ib - 1] : b;
    return {la, lb};
}

namespace {

bool anyAbove(const Resources &a, const Resources &b)
{
    for (int r = 0; r < kResourceCount; ++r) {
        if (b[r] >= 0 && a[r] > b[r] + kEpsilon)
            return true;
    }
    return false;
}

double saturation(double allocated, double fairShare)
{
    if (fairShare <= 0)
        return allocated > kEpsilon ? std::numeric_limits<double>::infinity() : 0;
    return allocated / fairShare;
}

} // namespace

bool victimSideCanGive(const Session &s,
                       int rq,
                       int vq,
                       const Resources &request,
                       const Resources &rqAllocated,
                       const Resources &vqAllocated)
{
    if (anyAbove(vqAllocated, s.queues[std::size_t(vq)].allocatableShare))
        return true; // maintain fair share
    return allLessEqual(rqAllocated + request, s.snapshot().queues[std::size_t(rq)].deserved)
           && anyAbove(vqAllocated,
                       s.snapshot().queues[std::size_t(vq)].deserved); // guarantee deserved
}

bool reclaimScenarioValid(const Session &s,
                          int j,
                          const Resources &request,
                          const std::vector<Resources> &start,
                          const std::vector<VictimUnit> &evicted)
{
    const auto &snap = s.snapshot();
    const int reclaimer = snap.jobs[std::size_t(j)].queue;
    std::vector<Resources> alloc = start;
    std::vector<Resources> taken(snap.queues.size());
    for (const auto &unit : evicted) {
        const int victimQueue = snap.jobs[std::size_t(unit.job)].queue;
        const auto [rq, vq] = leveledQueues(s, reclaimer, victimQueue);
        if (!victimSideCanGive(s, rq, vq, request, alloc[std::size_t(rq)], alloc[std::size_t(vq)]))
            return false;
        for (int q = victimQueue; q >= 0; q = snap.queues[std::size_t(q)].parent) {
            alloc[std::size_t(q)] -= unit.resources;
            taken[std::size_t(q)] += unit.resources;
        }
    }
    // Saturation walk from the reclaimer up to the root.
    const double multiplier = s.config().plugins.reclaimerSaturationMultiplier;
    for (int x = reclaimer; x >= 0; x = snap.queues[std::size_t(x)].parent) {
        const int parent = snap.queues[std::size_t(x)].parent;
        Resources xAlloc = start[std::size_t(x)] + request;
        for (std::size_t sib = 0; sib < snap.queues.size(); ++sib) {
            if (int(sib) == x || snap.queues[sib].parent != parent || snap.queues[sib].parent == -2)
                continue;
            if (taken[sib].isZero())
                continue;
            for (int r = 0; r < kResourceCount; ++r) {
                if (request[r] <= kEpsilon && taken[sib][r] <= kEpsilon)
                    continue;
                const double satX = saturation(xAlloc[r], s.queues[std::size_t(x)].fairShare[r]);
                const double fsS = s.queues[sib].fairShare[r];
                const double satS = saturation(alloc[sib][r], fsS);
                if (satX > 1 + kEpsilon && fsS > kEpsilon && satX * multiplier >= satS - kEpsilon)
                    return false;
            }
        }
        if (!snap.jobs[std::size_t(j)].preemptible
            && !allLessEqual(s.queues[std::size_t(x)].allocatedNonPreemptible,
                             snap.queues[std::size_t(x)].deserved)) // chunk already placed
            return false;
    }
    return true;
}

} // namespace gpudesk::engine::proportion
