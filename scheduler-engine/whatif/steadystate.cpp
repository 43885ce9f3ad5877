#include "whatif/steadystate.h"

#include "actions/action.h"
#include "framework/runner.h"

#include <chrono>
#include <utility>
#include <vector>

namespace gpudesk::engine {

namespace {

const std::vector<std::string> kActions {"allocate",
                                         "consolidation",
                                         "reclaim",
                                         "preempt",
                                         "stalegangeviction"};

// Where a task is: the part of the state a round can change (status, node). Kept compactly per
// round instead of a copy of the whole snapshot (names, GPU groups, affinities).
struct TaskPlace
{
    TaskStatus status;
    int node;
    bool operator==(const TaskPlace &) const = default;
};

std::vector<TaskPlace> placementOf(const Snapshot &s)
{
    std::vector<TaskPlace> out;
    out.reserve(s.tasks.size());
    for (const auto &t : s.tasks)
        out.push_back({t.status, t.node});
    return out;
}

// The placement the rounds rewrite makes of the session's state (what the next round starts from).
std::vector<TaskPlace> nextPlacementOf(const Session &session)
{
    const Snapshot &s = session.snapshot();
    std::vector<TaskPlace> out;
    out.reserve(s.tasks.size());
    for (const auto &task : s.tasks) {
        const TaskStatus next = nextRoundStatus(task.status,
                                                s.jobs[std::size_t(task.job)].deletedBetweenRounds);
        out.push_back({next, nextRoundClearsNode(task.status, next) ? -1 : task.node});
    }
    return out;
}

} // namespace

Snapshot SteadyState::nextState() const
{
    Snapshot s = lastSession->snapshot();
    rewriteForNextRound(s, lastSession->jobs, 0);
    return s;
}

Snapshot SteadyState::takeNextState()
{
    Snapshot s = std::move(lastSession->snapshot());
    rewriteForNextRound(s, lastSession->jobs, 0);
    return s;
}

SteadyState runToSteadyState(Snapshot snapshot, int maxRounds, const std::atomic<bool> *cancel)
{
    SteadyState out;
    Snapshot state = std::move(snapshot);
    // The placement each round started from: a round that gives back its own input converged; one
    // that gives back an earlier round's input is in a cycle that more rounds only repeat.
    std::vector<std::vector<TaskPlace>> inputs;
    inputs.push_back(placementOf(state));
    for (int r = 0; r < maxRounds; ++r) {
        if (cancel && cancel->load())
            break;
        if (out.lastSession) {
            state = std::move(out.lastSession->snapshot());
            rewriteForNextRound(state, out.lastSession->jobs, 0);
            out.lastSession.reset();
        }
        const auto t0 = std::chrono::steady_clock::now();
        auto session = std::make_unique<Session>(std::move(state));
        for (const auto &a : kActions)
            runAction(*session, a);
        for (std::size_t j = 0; j < session->jobs.size(); ++j) {
            if (session->jobs[j].hasEviction())
                out.evicted.emplace(session->snapshot().jobs[j].name, session->jobs[j].eviction());
        }
        ++out.rounds;
        std::vector<TaskPlace> next = nextPlacementOf(*session);
        out.lastSession = std::move(session);
        out.roundMs.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        out.converged = next == inputs.back();
        if (out.converged)
            break;
        for (std::size_t k = 0; k + 1 < inputs.size(); ++k) {
            if (inputs[k] == next)
                out.cycleLength = int(inputs.size() - k);
        }
        if (out.cycleLength > 0)
            break;
        inputs.push_back(std::move(next));
    }
    if (!out.lastSession)
        out.lastSession = std::make_unique<Session>(std::move(state));
    return out;
}

} // namespace gpudesk::engine
