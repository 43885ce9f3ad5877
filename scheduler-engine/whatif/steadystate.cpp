#include "whatif/steadystate.h"

#include "framework/runner.h"

namespace gpudesk::engine {

namespace {

bool samePlacement(const Snapshot &a, const Snapshot &b)
{
    if (a.tasks.size() != b.tasks.size())
        return false;
    for (std::size_t t = 0; t < a.tasks.size(); ++t) {
        if (a.tasks[t].status != b.tasks[t].status || a.tasks[t].node != b.tasks[t].node)
            return false;
    }
    return true;
}

} // namespace

SteadyState runToSteadyState(const Snapshot &snapshot, int maxRounds)
{
    static const std::vector<std::string> actions {"allocate",
                                                   "consolidation",
                                                   "reclaim",
                                                   "preempt",
                                                   "stalegangeviction"};
    SteadyState out;
    out.state = snapshot;
    for (int r = 0; r < maxRounds; ++r) {
        auto session = runActions(out.state, actions);
        for (std::size_t j = 0; j < session->jobs.size(); ++j) {
            if (session->jobs[j].hasEviction)
                out.evicted.emplace(session->snapshot().jobs[j].name, session->jobs[j].eviction);
        }
        Snapshot next = nextRoundState(*session, 0);
        ++out.rounds;
        const bool stable = samePlacement(next, out.state);
        out.state = std::move(next);
        out.lastSession = std::move(session);
        if (stable)
            break;
    }
    if (!out.lastSession)
        out.lastSession = std::make_unique<Session>(out.state);
    return out;
}

} // namespace gpudesk::engine
