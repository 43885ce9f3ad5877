#pragma once
// What-if: apply changes to a snapshot, run both sides to a steady state, and compare per job and
// per queue (issue 3).
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
    Starts,    // pending in the baseline's steady state, running after the change
    Reclaimed, // running, then evicted by reclaim because of the change
    Preempted,
    Evicted, // running before, not after: consolidation, stale gang, or its node was removed
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

struct CompareOptions
{
    // true: run the baseline to a steady state once, apply the changes to that steady state and
    // run the "after" side from there. The snapshot the console sends is one the cluster's
    // scheduler has already run, so the baseline converges in a round or two and the after side
    // only does the work the change causes. A job that starts in the baseline anyway is "stays
    // running", not "starts": the per-job diff is baseline steady state vs after steady state.
    // false: the naive way, both sides from the snapshot as sent (tests prove both agree).
    bool sharedBaseline = true;
    // Run the rounds with KAI's production default use-scheduling-signatures = true (§4.6): the
    // preview predicts what the cluster's scheduler will do. false: the snapshot's config as is.
    bool productionSignatures = true;
    // Shared baseline only: run the after side from the snapshot with the changes on a second
    // thread while the baseline runs. When the baseline's first round changes nothing (the
    // snapshot is a steady state, the usual case) that is exactly the after side's input, and its
    // result is used; otherwise it is cancelled and the after side runs from the baseline's steady
    // state. Same result either way (tested).
    bool parallel = true;
    int maxRounds = 20;
};

struct CompareStats
{
    int roundsBefore = 0, roundsAfter = 0;
    bool convergedBefore = false, convergedAfter = false; // false: a cycle or maxRounds
    int cycleBefore = 0, cycleAfter = 0; // length of the cycle the rounds stopped in (0: none)
    std::vector<double> roundMsBefore, roundMsAfter; // wall time per round
    bool afterRanAlongside = false; // CompareOptions.parallel: the speculative after side was used
};

struct CompareResult
{
    std::string error;
    Comparison comparison;
    CompareStats stats;
};
// The snapshot is taken by value: a caller that builds one per preview moves it in (no copy).
CompareResult compare(Snapshot snapshot,
                      const std::vector<Change> &changes,
                      const CompareOptions &options = {});

} // namespace gpudesk::engine
