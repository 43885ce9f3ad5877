#include "forecast/forecast.h"

#include "whatif/steadystate.h"

#include <algorithm>
#include <limits>

namespace gpudesk::engine {

namespace {

double duration(const Job &job, const ForecastOptions &o)
{
    if (job.expectedDurationSeconds > 0)
        return job.expectedDurationSeconds;
    switch (job.type) {
    case WorkloadType::Train:
        return o.trainSeconds;
    case WorkloadType::Interactive:
        return o.interactiveSeconds;
    case WorkloadType::Inference:
        return o.inferenceSeconds;
    case WorkloadType::Distributed:
        return o.distributedSeconds;
    case WorkloadType::Unspecified:
        break;
    }
    return o.defaultSeconds;
}

bool running(const Snapshot &s, int j)
{
    for (int t : s.jobs[std::size_t(j)].tasks) {
        if (isActiveAllocated(s.tasks[std::size_t(t)].status))
            return true;
    }
    return false;
}

} // namespace

std::vector<JobForecast> forecast(const Snapshot &snapshot,
                                  const ForecastOptions &options,
                                  const std::optional<Change> &hypothetical)
{
    Snapshot state = snapshot;
    if (hypothetical && applyChanges(state, {*hypothetical}) != "")
        state = snapshot;
    std::vector<JobForecast> out(state.jobs.size());
    std::vector<double> remaining(state.jobs.size(), -1);
    for (std::size_t j = 0; j < state.jobs.size(); ++j) {
        out[j].job = state.jobs[j].name;
        if (running(state, int(j))) {
            out[j].runningNow = true;
            out[j].estimatedStartSeconds = 0;
            const double since = std::max(0.0, state.jobs[j].runningSinceSeconds);
            remaining[j] = std::max(0.0, duration(state.jobs[j], options) - since);
            out[j].estimatedEndSeconds = remaining[j];
        }
    }
    double now = 0;
    for (int step = 0; step < options.maxSteps; ++step) {
        SteadyState steady = runToSteadyState(std::move(state));
        state = steady.takeNextState();
        for (std::size_t j = 0; j < state.jobs.size(); ++j) {
            const bool isRunning = running(state, int(j));
            if (remaining[j] < -2.5)
                continue; // finished
            if (isRunning && remaining[j] < 0) {
                // Started (or restarted after an eviction) at `now`.
                if (out[j].estimatedStartSeconds < 0)
                    out[j].estimatedStartSeconds = now;
                remaining[j] = duration(state.jobs[j], options);
                out[j].estimatedEndSeconds = now + remaining[j];
            } else if (!isRunning && remaining[j] >= 0) {
                remaining[j] = -1; // evicted: it restarts later
            }
        }
        double next = std::numeric_limits<double>::infinity();
        for (double r : remaining) {
            if (r >= 0)
                next = std::min(next, r);
        }
        if (next == std::numeric_limits<double>::infinity())
            break;
        now += next;
        for (std::size_t j = 0; j < state.jobs.size(); ++j) {
            if (remaining[j] < 0)
                continue;
            remaining[j] -= next;
            state.jobs[j].runningSinceSeconds += next;
            if (remaining[j] <= 1e-9) {
                remaining[j] = -2; // finished; never restarts
                for (int t : state.jobs[j].tasks) {
                    auto &task = state.tasks[std::size_t(t)];
                    task.status = TaskStatus::Succeeded;
                    task.node = -1;
                    task.gpuGroups.clear();
                }
            }
        }
        // -2 marks finished jobs; keep them out of the "started" check.
        for (auto &r : remaining) {
            if (r == -2)
                r = -3;
        }
        bool pendingLeft = false;
        for (std::size_t j = 0; j < state.jobs.size(); ++j)
            pendingLeft = pendingLeft || (out[j].estimatedStartSeconds < 0);
        if (!pendingLeft)
            break;
    }
    return out;
}

} // namespace gpudesk::engine
