#pragma once
// A scheduling session (KAI framework/session.go): built from a snapshot, holds the mutable
// cluster state, per-queue accounting and the fair shares computed once at open. All state
// changes go through Statement (framework/statement.h) so that they can be rolled back.
#include "api/snapshot.h"
#include "framework/nodestate.h"

#include <cstdint>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace gpudesk::engine {

struct QueueState
{
    Resources fairShare;
    Resources allocated; // allocated statuses (+ session pipelines)
    Resources allocatedNonPreemptible;
    Resources request;          // allocated + pending, for fair share
    Resources allocatableShare; // §3.4
    int depth = 0;
};

struct Eviction
{
    std::string byJob; // empty for stale-gang eviction
    std::string action;
    std::string message; // KAI wording
    std::string plain;   // plain-language explanation
};

// Structured pending reasons (explanations), scheduling.md §16.
enum class PendingReason {
    None,
    QueueDoesNotExist,
    NotReady,
    OverLimit,
    NonPreemptibleOverQuota,
    NoNodeFits,
    GangShort,
    QueueBehindOthers,
};

struct FitFailure
{
    PendingReason reason = PendingReason::None;
    std::string kaiMessage;
    std::string message; // plain language
    // OverLimit / NonPreemptibleOverQuota details.
    int queue = -1;
    int resource = 0;
    double amountNeeded = 0; // e.g. the quota / limit that would let it start
    // NoNodeFits / GangShort details.
    int placedPods = 0;
    int requiredPods = 0;
    // reason -> node count; shared, as every job of a failed task shape has the same one.
    std::shared_ptr<const std::vector<std::pair<std::string, int>>> histogram;
};

struct JobState
{
    bool startedThisSession = false;
    bool attempted = false;
    double lastStartSecondsAgo = -1;  // -1: never started
    double staleSinceSecondsAgo = -1; // stale-gang tracking (-1: not stale)

    // The eviction and the pending reason are held only by the jobs that have one: a record of
    // each in every job made each session's build write ~250 bytes per job (39 MB at 140k).
    bool hasEviction() const { return m_eviction != nullptr; }
    const Eviction &eviction() const { return m_eviction ? *m_eviction : noEviction(); }
    void setEviction(Eviction e) { m_eviction = std::make_unique<Eviction>(std::move(e)); }
    const FitFailure &failure() const { return m_failure ? *m_failure : noFailure(); }
    void setFailure(FitFailure f) { m_failure = std::make_unique<FitFailure>(std::move(f)); }
    void clearFailure() { m_failure.reset(); }

private:
    static const Eviction &noEviction()
    {
        static const Eviction none;
        return none;
    }
    static const FitFailure &noFailure()
    {
        static const FitFailure none;
        return none;
    }
    std::unique_ptr<Eviction> m_eviction;
    std::unique_ptr<FitFailure> m_failure;
};

struct TaskState
{
    double acceptedGpu = 0;        // GPUs charged to the queue for this placement
    bool sessionPipelined = false; // pipelined by this session (counts as allocation)
    int jobIndex = -1;
};

struct CallCounts
{
    int binds = 0;
    int evictions = 0;
    int pipelined = 0;
};

class Session
{
public:
    explicit Session(Snapshot snapshot);

    Snapshot &snapshot() { return m_s; }
    const Snapshot &snapshot() const { return m_s; }
    const Config &config() const { return m_s.config; }

    std::vector<NodeState> nodes;
    std::vector<QueueState> queues;
    std::vector<JobState> jobs;
    std::vector<TaskState> tasks;
    std::vector<int> nodeNameRank; // rank of each node in name order (tie-breaks)
    Resources total;               // cluster total (ready, schedulable nodes)
    CallCounts calls;
    double minNodeGpuMemoryMib = 100;

    // Quota-unit request of a task that is not placed (GPU memory converted with the minimal
    // node GPU memory, §3.1) and of a task placed on a node.
    Resources pendingQuotaRequest(int task) const;
    double acceptedGpuOnNode(int task, int node) const;
    double taskGpuMemoryOnNode(int task, int node) const;

    // Job helpers.
    // Task counts per job, kept by transition() (O(1)).
    int activeAllocatedCount(int job) const // Allocated/Pipelined/Binding/Bound/Running
    {
        return m_jobCounts[std::size_t(job)].activeAllocated;
    }
    int allocatedCount(int job) const // Allocated/Binding/Bound/Running
    {
        return m_jobCounts[std::size_t(job)].allocated;
    }
    int pendingCount(int job) const { return m_jobCounts[std::size_t(job)].pending; }
    int aliveCount(int job) const { return m_jobCounts[std::size_t(job)].alive; }
    bool isReady(int job) const { return aliveCount(job) >= m_s.jobs[std::size_t(job)].minMembers; }
    bool taskOrderLess(int a, int b) const;
    // The job's tasks in task order (static during the session; sorted on first use, so the
    // per-cycle readers filter instead of sorting pod names again).
    std::span<const int> tasksInOrder(int job) const;

    // Accounting primitive used by Statement: moves a task to a new status / node / devices,
    // keeping nodes and queues consistent.
    void transition(int task,
                    TaskStatus status,
                    int node,
                    const std::vector<std::string> &groups,
                    bool sessionPipelined,
                    double acceptedGpu);

    // A victim that was evicted and then pipelined elsewhere still occupies its old node until
    // it is gone: the old placement stays as a releasing "ghost" (sign +1 adds, -1 removes the
    // last one).
    struct Ghost
    {
        int task;
        int node;
        std::vector<std::string> groups;
    };
    std::vector<Ghost> ghosts;
    void addGhost(int task, int node, const std::vector<std::string> &groups, int sign);

    // Static fields of each job, packed for loops over many jobs (victim lists).
    struct JobBrief
    {
        int queue;
        int priority;
        int minMembers;
        bool preemptible;
        int onlyTask; // the task of a one-task job, else -1
    };
    std::vector<JobBrief> jobBrief;

    // Bumped whenever a task of the job changes (caches of per-job derived values check it).
    std::vector<unsigned> jobVersion;
    // Bumped whenever any task changes or the queues' shares are recomputed: values derived
    // from the whole state (e.g. JobQueue's queue order between two pops) check it. A
    // statement's rollback restores the version it undoes to, so a trial that is rolled back
    // leaves such values valid. A version read at a point that no later rollback goes behind
    // (between statements, or a JobQueue pop inside a trial whose later checkpoints come after
    // it) always names the same state.
    std::uint64_t stateVersion = 0;
    // nextChunkRequest() cache: (jobVersion + 1 when filled, request). It is written through a
    // const Session, so one Session must not be used from two threads at once (separate
    // Sessions may run in parallel).
    mutable std::vector<std::pair<unsigned, Resources>> chunkRequestCache;
    // jobTieBreakRanks() (static job fields only), filled on first use.
    mutable std::vector<int> tieBreakRankCache;

    // The queue tree (static): children of each queue and the top-level queues, in index order,
    // orphans (parent == -2) left out.
    std::vector<std::vector<int>> queueChildren;
    std::vector<int> queueRoots;

    // Queue helpers.
    bool isAncestorOrSelf(int ancestor, int q) const;
    std::vector<int> pathToRoot(int q) const; // q first
    void recomputeAllocatableShares();
    double now = 0; // virtual time, seconds

    // The node indexes below follow node changes lazily: a change marks its node, and readers
    // call refreshNodeIndexes() first. A trial that evicts and places, then rolls back, leaves
    // most nodes at their old keys, and a refresh does nothing for those.
    void refreshNodeIndexes() const
    {
        if (!m_dirtyNodes.empty())
            flushDirtyNodes();
    }

    // Nodes that could take a GPU task at all (free or releasing GPUs, or shared GPUs): node
    // selection for GPU tasks scans only these, which keeps full clusters cheap.
    mutable std::vector<int> gpuCandidateNodes;

    // Placement index for selectNode's binpack fast path: schedulable nodes as (future free
    // amount, name rank), ascending. gpuFreeIndex: idle + releasing GPUs; cpuFreeIndex: idle +
    // releasing CPU. sharedRoomIndex: the nodes holding shared GPU devices as (largest room on
    // one of them, as a share of a device's memory, not counting releasing tasks; name rank).
    using NodeIndex = std::set<std::pair<double, int>>;
    mutable NodeIndex gpuFreeIndex, cpuFreeIndex, sharedRoomIndex;
    mutable NodeIndex sharingIndex; // nodes of sharedRoomIndex as (free GPUs, name rank)
    mutable std::vector<double> nodeSharedRoom; // each node's sharedRoomIndex key (0 if none)
    std::vector<int> nodeByNameRank;
    // Bumped whenever any node's state changes, eagerly (values derived from all nodes check it).
    std::uint64_t nodeStateVersion = 0;
    bool anyGpulessNode = false; // resourcetype scores CPU tasks on such nodes higher
    double maxNodeCpu = 0;       // largest node CPU / GPU count (binpack score scale)
    double maxNodeGpus = 0;
    double minDeviceMemoryMib = 0; // over nodes with GPUs
    double maxDeviceMemoryMib = 0;

private:
    void applyToNode(int task, int sign);
    void applyPlacement(
        int task, TaskStatus status, int node, const std::vector<std::string> &groups, int sign);
    void applyToQueues(int task, int sign);
    bool countsForQueue(int task) const;
    void computeFairShare();
    void updateGpuCandidate(int node) const;
    void updateNodeIndex(int node) const;
    void flushDirtyNodes() const;
    mutable std::vector<int> m_dirtyNodes; // nodes changed since the last index refresh
    mutable std::vector<char> m_nodeDirty;
    struct JobCounts
    {
        int activeAllocated = 0, allocated = 0, pending = 0, alive = 0;
    };
    std::vector<JobCounts> m_jobCounts;
    void countTask(int task, int sign);
    mutable std::vector<int> m_gpuCandidatePos;
    struct IndexedKeys
    {
        double gpuFree = 0, cpuFree = 0, sharedRoom = 0;
        bool indexed = false, sharing = false;
    };
    mutable std::vector<IndexedKeys> m_indexed;
    bool m_indexReady = false; // built once after the snapshot's tasks are applied
    // tasksInOrder(): job j's sorted tasks at [m_taskOrderStart[j], m_taskOrderStart[j + 1]) of
    // m_taskOrder, filled per job when first read (empty until the first read of any job).
    mutable std::vector<int> m_taskOrder, m_taskOrderStart;
    mutable std::vector<char> m_taskOrderSorted;

    Snapshot m_s;
};

} // namespace gpudesk::engine
