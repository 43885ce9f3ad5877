#include "whatif/whatif.h"

#include "explain/explain.h"
#include "whatif/steadystate.h"

#include <map>

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

std::string jobStatus(const Snapshot &s, int j)
{
    std::string status;
    for (int t : s.jobs[std::size_t(j)].tasks) {
        const std::string st(toString(s.tasks[std::size_t(t)].status));
        status = status.empty() ? st : (status == st ? status : "mixed");
    }
    return status.empty() ? "pending" : status;
}

bool isRunning(const std::string &status)
{
    return status == "running" || status == "binding" || status == "mixed";
}

} // namespace

CompareResult compare(const Snapshot &snapshot, const std::vector<Change> &changes)
{
    CompareResult out;
    Snapshot after = snapshot;
    out.error = applyChanges(after, changes);
    if (!out.error.empty())
        return out;
    const SteadyState a = runToSteadyState(snapshot);
    const SteadyState b = runToSteadyState(after);
    const auto ea = explainJobs(*a.lastSession);
    const auto eb = explainJobs(*b.lastSession);
    std::map<std::string, int> beforeIndex;
    for (std::size_t j = 0; j < a.state.jobs.size(); ++j)
        beforeIndex.emplace(a.state.jobs[j].name, int(j));
    for (std::size_t j = 0; j < b.state.jobs.size(); ++j) {
        JobComparison c;
        c.job = b.state.jobs[j].name;
        c.statusAfter = jobStatus(b.state, int(j));
        c.reasonAfter = eb[j].reason;
        c.messageAfter = eb[j].message;
        auto it = beforeIndex.find(c.job);
        if (it != beforeIndex.end()) {
            c.statusBefore = jobStatus(a.state, it->second);
            c.reasonBefore = ea[std::size_t(it->second)].reason;
            c.messageBefore = ea[std::size_t(it->second)].message;
        }
        const bool runBefore = isRunning(c.statusBefore), runAfter = isRunning(c.statusAfter);
        auto ev = b.evicted.find(c.job);
        const bool evictedOnlyAfter = ev != b.evicted.end() && !a.evicted.count(c.job);
        if (c.statusAfter == "deleted" || c.statusAfter == "gated")
            c.outcome = JobOutcome::Removed;
        else if (evictedOnlyAfter && !runAfter)
            c.outcome = ev->second.action == "reclaim"   ? JobOutcome::Reclaimed
                        : ev->second.action == "preempt" ? JobOutcome::Preempted
                                                         : JobOutcome::Evicted;
        else if (runAfter && !runBefore)
            c.outcome = JobOutcome::Starts;
        else if (runAfter)
            c.outcome = JobOutcome::StaysRunning;
        else
            c.outcome = JobOutcome::StaysPending;
        out.comparison.jobs.push_back(std::move(c));
    }
    for (std::size_t q = 0; q < b.state.queues.size(); ++q) {
        QueueComparison c;
        c.queue = b.state.queues[q].name;
        const int qa = a.state.findQueue(c.queue);
        if (qa >= 0) {
            c.fairShareBefore = a.lastSession->queues[std::size_t(qa)].fairShare;
            c.allocatedBefore = a.lastSession->queues[std::size_t(qa)].allocated;
        }
        c.fairShareAfter = b.lastSession->queues[q].fairShare;
        c.allocatedAfter = b.lastSession->queues[q].allocated;
        out.comparison.queues.push_back(std::move(c));
    }
    return out;
}

} // namespace gpudesk::engine
