#pragma once
// Forecast: with expected durations (per workload, or a default per type), run successive cycles
// in virtual time and estimate when each pending workload starts (issue 3).
#include "api/snapshot.h"
#include "whatif/whatif.h"

#include <optional>
#include <string>
#include <vector>

namespace gpudesk::engine {

struct ForecastOptions
{
    double trainSeconds = 4 * 3600;
    double interactiveSeconds = 8 * 3600;
    double inferenceSeconds = 7 * 24 * 3600;
    double distributedSeconds = 12 * 3600;
    double defaultSeconds = 4 * 3600;
    int maxSteps = 500;
};

struct JobForecast
{
    std::string job;
    bool runningNow = false;
    double estimatedStartSeconds = -1; // from now; -1: not within the simulated horizon
    double estimatedEndSeconds = -1;
};

// `hypothetical`: an optional WorkloadSubmit change whose start is forecast too.
std::vector<JobForecast> forecast(const Snapshot &snapshot,
                                  const ForecastOptions &options,
                                  const std::optional<Change> &hypothetical = std::nullopt);

} // namespace gpudesk::engine
