#include "framework/runner.h"

#include "actions/action.h"

#include <algorithm>

namespace gpudesk::engine {

std::unique_ptr<Session> runActions(const Snapshot &snapshot,
                                    const std::vector<std::string> &actions)
{
    auto session = std::make_unique<Session>(snapshot);
    for (const auto &a : actions)
        runAction(*session, a);
    return session;
}

TaskStatus nextRoundStatus(TaskStatus status, bool jobDeletedBetweenRounds)
{
    switch (status) {
    case TaskStatus::Releasing:
        return jobDeletedBetweenRounds ? status : TaskStatus::Pending;
    case TaskStatus::Pipelined:
        return TaskStatus::Pending;
    case TaskStatus::Binding:
    case TaskStatus::Allocated:
    case TaskStatus::Bound:
        return TaskStatus::Running;
    default:
        return status;
    }
}

bool nextRoundClearsNode(TaskStatus before, TaskStatus after)
{
    return after == TaskStatus::Pending && before != TaskStatus::Pending;
}

void rewriteForNextRound(Snapshot &state, const std::vector<JobState> &jobs, double dt)
{
    for (auto &task : state.tasks) {
        const TaskStatus next
            = nextRoundStatus(task.status, state.jobs[std::size_t(task.job)].deletedBetweenRounds);
        if (nextRoundClearsNode(task.status, next)) {
            task.node = -1;
            task.gpuGroups.clear();
        }
        task.status = next;
    }
    for (std::size_t j = 0; j < state.jobs.size(); ++j) {
        auto &job = state.jobs[j];
        const auto &js = jobs[j];
        job.runningSinceSeconds = js.lastStartSecondsAgo >= 0 ? js.lastStartSecondsAgo + dt : -1;
        job.staleForSeconds = js.staleSinceSecondsAgo >= 0 ? js.staleSinceSecondsAgo + dt : -1;
    }
}

Snapshot nextRoundState(const Session &s, double dt)
{
    Snapshot next = s.snapshot();
    rewriteForNextRound(next, s.jobs, dt);
    return next;
}

RunOutcome runScenario(const Scenario &sc, const Observer &observe)
{
    RunOutcome out;
    auto track = [&](const CallCounts &c) {
        out.maxCalls.binds = std::max(out.maxCalls.binds, c.binds);
        out.maxCalls.evictions = std::max(out.maxCalls.evictions, c.evictions);
        out.maxCalls.pipelined = std::max(out.maxCalls.pipelined, c.pipelined);
    };
    if (sc.run.mode == RunMode::SingleAction) {
        out.last = runActions(sc.snapshot, sc.run.actions);
        track(out.last->calls);
        if (observe)
            observe(*out.last, out.maxCalls, "after the action");
        return out;
    }
    Snapshot state = sc.snapshot;
    const double dt = sc.run.secondsBetweenRounds;
    for (int r = 0; r < sc.run.roundsUntilMatch; ++r) {
        auto session = runActions(state, sc.run.actions);
        track(session->calls);
        state = nextRoundState(*session, dt);
    }
    out.last = std::make_unique<Session>(state);
    if (observe)
        observe(*out.last,
                out.maxCalls,
                "after " + std::to_string(sc.run.roundsUntilMatch) + " rounds");
    for (int r = 0; r < sc.run.roundsAfterMatch; ++r) {
        auto session = runActions(state, sc.run.actions);
        track(session->calls);
        if (observe)
            observe(*session, out.maxCalls, "in steady-state round " + std::to_string(r + 1));
        state = nextRoundState(*session, dt);
        out.last = std::move(session);
    }
    return out;
}

} // namespace gpudesk::engine
