#pragma once
// What-if: apply changes to a snapshot, run both to a steady state, and compare per job and per
// queue (issue 3).
#include "api/snapshot.h"

#include <optional>
#include <string>
#include <vector>

namespace gpudesk::engine {

struct Change
{
    enum class Kind {
        QuotaEdit,
        NodeAdd,
        NodeRemove,
        NodeCordon,
        WorkloadSubmit,
        WorkloadDelete,
        WorkloadSuspend
    };
    Kind kind = Kind::QuotaEdit;
    std::string name;                  // queue, node or job name
    std::optional<Resources> deserved; // QuotaEdit
    std::optional<Resources> limit;    // QuotaEdit
    std::optional<Resources> overQuotaWeight;
    Node node; // NodeAdd
    Job job;   // WorkloadSubmit (tasks below, task.job ignored)
    std::vector<Task> tasks;
};

enum class JobOutcome {
    Starts,
    Reclaimed,
    Preempted,
    Evicted,
    StaysPending,
    StaysRunning,
    Removed,
    New
};

struct JobComparison
{
    std::string job;
    JobOutcome outcome = JobOutcome::StaysPending;
    std::string statusBefore, statusAfter;
    std::string reasonBefore, reasonAfter;
    std::string messageBefore, messageAfter;
};

struct QueueComparison
{
    std::string queue;
    Resources fairShareBefore, fairShareAfter, allocatedBefore, allocatedAfter;
};

struct Comparison
{
    std::vector<JobComparison> jobs;
    std::vector<QueueComparison> queues;
};

// Errors (unknown queue/node/job) are returned as a message; empty on success.
std::string applyChanges(Snapshot &snapshot, const std::vector<Change> &changes);
std::string_view toString(JobOutcome outcome);

struct CompareResult
{
    std::string error;
    Comparison comparison;
};
CompareResult compare(const Snapshot &snapshot, const std::vector<Change> &changes);

} // namespace gpudesk::engine
