#pragma once
// Jobs (pod groups) and their tasks (pods), scheduling.md §1.2 and §1.4.
#include "api/resources.h"
#include "api/status.h"

#include <string>
#include <vector>

namespace gpudesk::engine {

enum class GpuRequestKind : std::uint8_t { None, Whole, Fraction, GpuMemory };

struct Task
{
    std::string id;
    int job = -1;
    Resources request;       // gpu = devices (fraction for fractional; 0 for GPU memory)
    double gpuMemoryMib = 0; // GpuMemory kind only
    GpuRequestKind kind = GpuRequestKind::None;
    TaskStatus status = TaskStatus::Pending;
    int node = -1;
    std::vector<std::string> gpuGroups;
    bool hasAffinity = false;
    std::vector<int> affinityNodes;          // sorted node indices the task may run on
    std::vector<std::string> affinityValues; // as written, resolved against node labels
    std::string affinityLabel = "kai.scheduler/type";
    bool hasTaskPriority = false;
    int taskPriority = 0;

    bool isSharedGpu() const
    {
        return kind == GpuRequestKind::Fraction || kind == GpuRequestKind::GpuMemory;
    }
};

enum class WorkloadType : std::uint8_t { Unspecified, Train, Interactive, Inference, Distributed };

struct Job
{
    std::string name;
    std::string displayName;
    std::string namespaceName = "default";
    std::string queueName;
    int queue = -1; // -1: the queue does not exist (or is not a leaf)
    int priority = 50;
    bool preemptible = true;
    int minMembers = 1;
    double createdMinutesAgo = 0;
    int creationRank = 0;
    double staleForSeconds = -1; // -1: not marked stale
    bool deletedBetweenRounds = false;
    WorkloadType type = WorkloadType::Unspecified;
    double expectedDurationSeconds = -1;
    double runningSinceSeconds = -1; // last start, seconds before the session; -1 = unknown
    std::vector<int> tasks;
};

} // namespace gpudesk::engine
