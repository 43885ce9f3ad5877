#include "whatif/whatif.h"

#include "explain/explain.h"
#include "whatif/steadystate.h"

#include <atomic>
#include <future>
#include <map>
#include <optional>
#include <system_error>

namespace gpudesk::engine {

std::string_view toString(JobOutcome o)
{
    switch (o) {
    case JobOutcome::Starts:
        return "starts";
    case JobOutcome::Reclaimed:
        return "reclaimed";
    case JobOutcome::Preempted:
        return "preempted";
    case JobOutcome::Evicted:
        return "evicted";
    case JobOutcome::StaysPending:
        return "stays_pending";
    case JobOutcome::StaysRunning:
        return "stays_running";
    case JobOutcome::Removed:
        return "removed";
    case JobOutcome::New:
        return "new";
    }
    return "";
}

std::string applyChanges(Snapshot &s, const std::vector<Change> &changes)
{
    for (const auto &c : changes) {
        switch (c.kind) {
        case Change::Kind::QuotaEdit: {
            const int q = s.findQueue(c.name);
            if (q < 0)
                return "no queue named " + c.name;
            if (c.deserved)
                s.queues[std::size_t(q)].deserved = *c.deserved;
            if (c.limit)
                s.queues[std::size_t(q)].limit = *c.limit;
            if (c.overQuotaWeight)
                s.queues[std::size_t(q)].overQuotaWeight = *c.overQuotaWeight;
            break;
        }
        case Change::Kind::NodeAdd:
            if (s.findNode(c.node.name) >= 0)
                return "a node named " + c.node.name + " already exists";
            s.nodes.push_back(c.node);
            if (!s.nodes.back().label("kai.scheduler/type"))
                s.nodes.back().labels.emplace_back("kai.scheduler/type", c.node.name);
            break;
        case Change::Kind::NodeRemove:
        case Change::Kind::NodeCordon: {
            const int n = s.findNode(c.name);
            if (n < 0)
                return "no node named " + c.name;
            if (c.kind == Change::Kind::NodeCordon) {
                s.nodes[std::size_t(n)].unschedulable = true;
                break;
            }
            // Pods on a removed node go back to pending; later node indices shift down.
            for (auto &t : s.tasks) {
                if (t.node == n) {
                    t.status = TaskStatus::Pending;
                    t.node = -1;
                    t.gpuGroups.clear();
                } else if (t.node > n) {
                    --t.node;
                }
            }
            s.nodes.erase(s.nodes.begin() + n);
            break;
        }
        case Change::Kind::WorkloadSubmit: {
            if (s.findJob(c.job.name) >= 0)
                return "a workload named " + c.job.name + " already exists";
            const int index = int(s.jobs.size());
            s.jobs.push_back(c.job);
            s.jobs.back().createdMinutesAgo = -1; // the newest
            for (Task t : c.tasks) {
                t.job = index;
                t.status = TaskStatus::Pending;
                t.node = -1;
                s.tasks.push_back(std::move(t));
            }
            break;
        }
        case Change::Kind::WorkloadDelete:
        case Change::Kind::WorkloadSuspend: {
            const int j = s.findJob(c.name);
            if (j < 0)
                return "no workload named " + c.name;
            // Both free the workload's resources; a suspended one stays listed, as Succeeded
            // placeholders do not count anywhere.
            for (auto &t : s.tasks) {
                if (t.job == j) {
                    t.status = c.kind == Change::Kind::WorkloadDelete ? TaskStatus::Deleted
                                                                      : TaskStatus::Gated;
                    t.node = -1;
                    t.gpuGroups.clear();
                }
            }
            break;
        }
        }
    }
    return s.finalise();
}

namespace {

// A job's status in the steady state: its tasks as the next round would see them (the last
// session's statuses through the rounds rewrite), "mixed" when they differ.
std::string jobStatus(const Snapshot &s, int j)
{
    const Job &job = s.jobs[std::size_t(j)];
    std::string_view status;
    bool mixed = false;
    for (int t : job.tasks) {
        const std::string_view st = toString(
            nextRoundStatus(s.tasks[std::size_t(t)].status, job.deletedBetweenRounds));
        if (status.empty())
            status = st;
        else if (status != st)
            mixed = true;
    }
    if (mixed)
        return "mixed";
    return status.empty() ? "pending" : std::string(status);
}

bool isRunning(const std::string &status)
{
    return status == "running" || status == "binding" || status == "mixed";
}

JobOutcome outcomeOf(const JobComparison &c,
                     const SteadyState &a,
                     const SteadyState &b,
                     bool sharedBaseline)
{
    const bool runBefore = isRunning(c.statusBefore), runAfter = isRunning(c.statusAfter);
    if (c.statusAfter == "deleted" || c.statusAfter == "gated")
        return JobOutcome::Removed;
    // Reclaimed / preempted / evicted: it ran in the baseline's steady state, does not after,
    // and an action of the after side's rounds evicted it. Shared baseline: the after side starts
    // from the baseline's steady state, so such an eviction is the change's doing. Naive: both
    // sides replay the way to the steady state, so evictions the baseline makes too are not the
    // change's. (A pending job that a round binds and then evicts again, in the baseline as
    // well, stays pending.)
    auto ev = b.evicted.find(c.job);
    const bool evictedByChange = ev != b.evicted.end()
                                 && (sharedBaseline || !a.evicted.count(c.job));
    if (evictedByChange && runBefore && !runAfter)
        return ev->second.action == "reclaim"   ? JobOutcome::Reclaimed
               : ev->second.action == "preempt" ? JobOutcome::Preempted
                                                : JobOutcome::Evicted;
    if (runAfter && !runBefore)
        return JobOutcome::Starts;
    if (runAfter)
        return JobOutcome::StaysRunning;
    // Ran before and not after without a reclaim or preemption: its node was removed, or it
    // was moved (consolidation) and found no room again.
    if (runBefore)
        return JobOutcome::Evicted;
    return JobOutcome::StaysPending;
}

// What the comparison needs from one side's steady state, taken before the baseline's state moves
// on to the after side.
struct SideView
{
    std::vector<std::string> status;                     // per job, see jobStatus()
    std::vector<JobExplanation> explanations;            // per job
    std::vector<std::pair<Resources, Resources>> queues; // per queue: fair share, allocated
};

SideView viewOf(const SteadyState &side)
{
    const Session &session = *side.lastSession;
    const Snapshot &s = session.snapshot();
    SideView v;
    v.status.reserve(s.jobs.size());
    for (std::size_t j = 0; j < s.jobs.size(); ++j)
        v.status.push_back(jobStatus(s, int(j)));
    v.explanations = explainJobs(session);
    v.queues.reserve(session.queues.size());
    for (const auto &q : session.queues)
        v.queues.emplace_back(q.fairShare, q.allocated);
    return v;
}

// What a session reads of each job's timing fields: the effective last start (a running job
// without one counts as started 60 s ago, framework/session.cpp) and the stale-gang mark. A round
// that changes no placement may still rewrite them.
struct JobTimes
{
    double start = -1, stale = -1;
    bool operator==(const JobTimes &) const = default;
};

JobTimes jobTimes(bool allocated, double runningSince, double staleFor)
{
    JobTimes t;
    t.start = allocated ? (runningSince >= 0 ? runningSince : 60) : -1;
    t.stale = staleFor >= 0 ? staleFor : -1;
    return t;
}

std::vector<JobTimes> jobTimesOf(const Snapshot &s)
{
    std::vector<JobTimes> out;
    out.reserve(s.jobs.size());
    for (const auto &job : s.jobs) {
        bool allocated = false;
        for (int t : job.tasks)
            allocated = allocated || isAllocatedStatus(s.tasks[std::size_t(t)].status);
        out.push_back(jobTimes(allocated, job.runningSinceSeconds, job.staleForSeconds));
    }
    return out;
}

// The same, for the state the next round would start from (SteadyState::nextState()).
std::vector<JobTimes> nextJobTimesOf(const Session &session)
{
    const Snapshot &s = session.snapshot();
    std::vector<JobTimes> out;
    out.reserve(s.jobs.size());
    for (std::size_t j = 0; j < s.jobs.size(); ++j) {
        const auto &job = s.jobs[j];
        bool allocated = false;
        for (int t : job.tasks) {
            allocated = allocated
                        || isAllocatedStatus(nextRoundStatus(s.tasks[std::size_t(t)].status,
                                                             job.deletedBetweenRounds));
        }
        const auto &js = session.jobs[j];
        out.push_back(jobTimes(allocated,
                               js.lastStartSecondsAgo >= 0 ? js.lastStartSecondsAgo : -1,
                               js.staleSinceSecondsAgo >= 0 ? js.staleSinceSecondsAgo : -1));
    }
    return out;
}

// The speculative after side needs the snapshot to equal the baseline's next state whenever the
// baseline's first round keeps every placement. The rewrite also drops the GPU groups of a task
// that goes back to pending; a snapshot with a pending task that lists groups is not speculated on.
bool canSpeculate(const Snapshot &s)
{
    for (const auto &t : s.tasks) {
        if (t.status == TaskStatus::Pending && !t.gpuGroups.empty())
            return false;
    }
    return true;
}

// A copy of the snapshot with room for what the changes add (submitted workloads and their pods,
// added nodes), so applying them does not reallocate and move 10,000s of jobs and pods.
Snapshot copyWithRoomFor(const Snapshot &s, const std::vector<Change> &changes)
{
    std::size_t jobs = 0, tasks = 0, nodes = 0;
    for (const auto &c : changes) {
        jobs += c.kind == Change::Kind::WorkloadSubmit;
        tasks += c.kind == Change::Kind::WorkloadSubmit ? c.tasks.size() : 0;
        nodes += c.kind == Change::Kind::NodeAdd;
    }
    Snapshot out;
    out.jobs.reserve(s.jobs.size() + jobs);
    out.tasks.reserve(s.tasks.size() + tasks);
    out.nodes.reserve(s.nodes.size() + nodes);
    out = s; // copy-assignment keeps the reserved storage when it is large enough
    return out;
}

} // namespace

CompareResult compare(Snapshot snapshot,
                      const std::vector<Change> &changes,
                      const CompareOptions &options)
{
    CompareResult out;
    if (options.productionSignatures)
        snapshot.config.useSchedulingSignatures = true;
    Snapshot after;
    const bool speculate = options.sharedBaseline && options.parallel && canSpeculate(snapshot);
    if (!options.sharedBaseline || speculate) {
        after = copyWithRoomFor(snapshot, changes);
        out.error = applyChanges(after, changes);
        if (!out.error.empty())
            return out;
    }
    // Declared before the future: the future's destructor waits for the thread, which reads it.
    std::atomic<bool> cancel {false};
    // The speculative after side also reads its own view on its thread, alongside the baseline's.
    struct AfterSide
    {
        SteadyState state;
        std::optional<SideView> view;
    };
    std::future<AfterSide> speculative;
    std::vector<JobTimes> inputTimes;
    if (speculate) {
        inputTimes = jobTimesOf(snapshot);
        try {
            speculative = std::async(
                std::launch::async,
                [&cancel, maxRounds = options.maxRounds](Snapshot s) {
                    AfterSide side {runToSteadyState(std::move(s), maxRounds, &cancel), {}};
                    if (!cancel.load())
                        side.view = viewOf(side.state);
                    return side;
                },
                std::move(after));
        } catch (const std::system_error &) {
            // No thread available: run the after side when the baseline is done, as below.
        }
    }
    SteadyState a = runToSteadyState(std::move(snapshot), options.maxRounds);
    SideView va = viewOf(a);
    std::optional<SteadyState> b;
    std::optional<SideView> speculativeView;
    bool speculativeUsed = false;
    if (speculative.valid()) {
        // The snapshot was a steady state: its first round changed no placement and no timing
        // field, so the baseline's next state is the snapshot and the speculative run is the after
        // side. Otherwise stop it at its next round and start from the baseline's steady state.
        const bool usable = a.rounds == 1 && a.converged
                            && nextJobTimesOf(*a.lastSession) == inputTimes;
        if (!usable)
            cancel = true;
        AfterSide side = speculative.get();
        if (usable && side.view) {
            b = std::move(side.state);
            speculativeView = std::move(side.view);
        }
        speculativeUsed = b.has_value();
    }
    // Baseline job and queue names by index (the after side keeps the baseline's order; changes
    // only append jobs, so index j of the after side is job j of the baseline when j is in range).
    std::vector<std::string> jobNamesBefore, queueNamesBefore;
    if (options.sharedBaseline && !b) {
        // The changes apply to the cluster as the baseline leaves it; its state moves on (no copy).
        after = a.takeNextState();
        out.error = applyChanges(after, changes);
        if (!out.error.empty())
            return out;
    } else if (!options.sharedBaseline) {
        for (const auto &job : a.lastSession->snapshot().jobs)
            jobNamesBefore.push_back(job.name);
        for (const auto &q : a.lastSession->snapshot().queues)
            queueNamesBefore.push_back(q.name);
    }
    const std::size_t jobsBefore = va.status.size();
    a.lastSession.reset();
    if (!b)
        b = runToSteadyState(std::move(after), options.maxRounds);
    SideView vb = speculativeView ? std::move(*speculativeView) : viewOf(*b);
    out.stats = {a.rounds,
                 b->rounds,
                 a.converged,
                 b->converged,
                 a.cycleLength,
                 b->cycleLength,
                 std::move(a.roundMs),
                 std::move(b->roundMs),
                 speculativeUsed};

    const Snapshot &sb = b->lastSession->snapshot();
    std::map<std::string, int> byName; // naive way only, when names and indices disagree
    auto beforeIndex = [&](std::size_t j, const std::string &name) {
        if (options.sharedBaseline)
            return j < jobsBefore ? int(j) : -1;
        if (j < jobNamesBefore.size() && jobNamesBefore[j] == name)
            return int(j);
        if (byName.empty()) {
            for (std::size_t k = 0; k < jobNamesBefore.size(); ++k)
                byName.emplace(jobNamesBefore[k], int(k));
        }
        auto it = byName.find(name);
        return it == byName.end() ? -1 : it->second;
    };
    out.comparison.jobs.reserve(sb.jobs.size());
    for (std::size_t j = 0; j < sb.jobs.size(); ++j) {
        JobComparison c;
        c.job = sb.jobs[j].name;
        c.statusAfter = std::move(vb.status[j]);
        c.reasonAfter = std::move(vb.explanations[j].reason);
        c.messageAfter = std::move(vb.explanations[j].message);
        const int ja = beforeIndex(j, c.job);
        if (ja >= 0) {
            c.statusBefore = std::move(va.status[std::size_t(ja)]);
            c.reasonBefore = std::move(va.explanations[std::size_t(ja)].reason);
            c.messageBefore = std::move(va.explanations[std::size_t(ja)].message);
        }
        c.outcome = outcomeOf(c, a, *b, options.sharedBaseline);
        out.comparison.jobs.push_back(std::move(c));
    }
    for (std::size_t q = 0; q < sb.queues.size(); ++q) {
        QueueComparison c;
        c.queue = sb.queues[q].name;
        int qa = -1;
        if (options.sharedBaseline) {
            qa = q < va.queues.size() ? int(q) : -1;
        } else {
            for (std::size_t k = 0; k < queueNamesBefore.size() && qa < 0; ++k)
                qa = queueNamesBefore[k] == c.queue ? int(k) : -1;
        }
        if (qa >= 0) {
            c.fairShareBefore = va.queues[std::size_t(qa)].first;
            c.allocatedBefore = va.queues[std::size_t(qa)].second;
        }
        c.fairShareAfter = vb.queues[q].first;
        c.allocatedAfter = vb.queues[q].second;
        out.comparison.queues.push_back(std::move(c));
    }
    return out;
}

} // namespace gpudesk::engine
