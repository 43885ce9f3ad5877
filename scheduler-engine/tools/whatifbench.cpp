#include "whatifbench.h"
#include "benchmeasure.h"

#include "io/json.h"
#include "whatif/steadystate.h"
#include "whatif/whatif.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace gpudesk::sim {

namespace {

int pendingJobs(const engine::Snapshot &s)
{
    int n = 0;
    for (const auto &job : s.jobs) {
        for (int t : job.tasks) {
            if (s.tasks[std::size_t(t)].status == engine::TaskStatus::Pending) {
                ++n;
                break;
            }
        }
    }
    return n;
}

engine::json::Value msList(const std::vector<double> &ms)
{
    engine::json::Value a = engine::json::Value::array();
    for (double v : ms)
        a.push(engine::json::Value::number(round2(v)));
    return a;
}

// Each preview runs kRuns times, each on a fresh copy of the cluster (copied outside the timing);
// the first run of a process pays for cold caches and the first thread, so the median is
// reported as total_ms and every run in runs_ms.
constexpr int kRuns = 3;

engine::CompareResult timedCompare(const engine::Snapshot &cluster,
                                   const engine::Change &change,
                                   std::vector<double> &runsMs)
{
    engine::CompareResult r;
    for (int run = 0; run < kRuns; ++run) {
        engine::Snapshot copy = cluster;
        const auto t0 = std::chrono::steady_clock::now();
        r = engine::compare(std::move(copy), {change});
        runsMs.push_back(msSince(t0));
    }
    return r;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// One preview's comparison as text lines (job and queue rows in result order).
void writeComparison(std::ostream &out, const std::string &title, const engine::CompareResult &r)
{
    out << "# " << title << " rounds " << r.stats.roundsBefore << '/' << r.stats.roundsAfter
        << " cycle " << r.stats.cycleAfter << ' ' << r.error << '\n';
    for (const auto &j : r.comparison.jobs) {
        out << j.job << '\t' << engine::toString(j.outcome) << '\t' << j.statusBefore << '\t'
            << j.statusAfter << '\t' << j.reasonBefore << '\t' << j.reasonAfter << '\t'
            << j.messageBefore << '\t' << j.messageAfter << '\n';
    }
    for (const auto &q : r.comparison.queues) {
        out << q.queue;
        for (const auto *res :
             {&q.fairShareBefore, &q.fairShareAfter, &q.allocatedBefore, &q.allocatedAfter}) {
            for (int k = 0; k < engine::kResourceCount; ++k)
                out << '\t' << (*res)[k];
        }
        out << '\n';
    }
}

// Lighter previews than the spec's quota edit, each timed on its own copy of the cluster: a new
// 1-GPU workload ("when would mine start?"), an added 8-GPU node, a cordoned node, a deleted
// running workload.
engine::json::Value otherChanges(const engine::Snapshot &cluster, std::ostream *result)
{
    using namespace engine;
    std::vector<std::pair<std::string, Change>> changes;
    Change submit;
    submit.kind = Change::Kind::WorkloadSubmit;
    submit.job.name = "bench-new";
    submit.job.queueName = "project-1";
    Task task;
    task.id = "bench-new-0";
    task.kind = GpuRequestKind::Whole;
    task.request = Resources {1, 4000, 16e9};
    submit.tasks.push_back(task);
    changes.emplace_back("submit_workload", submit);
    Change add;
    add.kind = Change::Kind::NodeAdd;
    add.node = cluster.nodes.front();
    add.node.name = "node-new";
    add.node.labels.clear();
    changes.emplace_back("add_node", add);
    Change cordon;
    cordon.kind = Change::Kind::NodeCordon;
    cordon.name = cluster.nodes.front().name;
    changes.emplace_back("cordon_node", cordon);
    Change remove;
    remove.kind = Change::Kind::WorkloadDelete;
    for (const auto &t : cluster.tasks) {
        if (t.status == TaskStatus::Running && t.request.gpu >= 4) {
            remove.name = cluster.jobs[std::size_t(t.job)].name;
            break;
        }
    }
    if (!remove.name.empty()) // tiny clusters may have no 4-GPU pod
        changes.emplace_back("delete_workload", remove);

    json::Value out = json::Value::object();
    for (const auto &[name, change] : changes) {
        std::vector<double> runsMs;
        const CompareResult r = timedCompare(cluster, change, runsMs);
        if (result)
            writeComparison(*result, name, r);
        json::Value v = json::Value::object();
        v.set("total_ms", json::Value::number(round2(median(runsMs))));
        v.set("runs_ms", msList(runsMs));
        v.set("rounds_after", json::Value::number(r.stats.roundsAfter));
        v.set("rounds_before_ms", msList(r.stats.roundMsBefore));
        v.set("rounds_after_ms", msList(r.stats.roundMsAfter));
        if (!r.error.empty())
            v.set("error", json::Value::string(r.error));
        out.set(name, std::move(v));
    }
    return out;
}

} // namespace

// The console sends the cluster's current snapshot, which the cluster's own scheduler has
// already run: (near) a steady state. So the generated full-cycle topology (half of it pending)
// is first run to a steady state, untimed ("prepared_ms"); "total_ms" is compare() alone on that
// cluster with one quota edit (project-0's GPU quota doubled), both sides to a steady state.
// "other_changes": the same for lighter, more common previews.
int benchWhatIf(const BenchShape &shape, int nodes, const std::string &resultPath)
{
    using namespace engine;
    const auto t0 = std::chrono::steady_clock::now();
    SteadyState prepared = runToSteadyState(shape.snapshot, 50);
    const int preparedRounds = prepared.rounds;
    const bool preparedConverged = prepared.converged;
    Snapshot cluster = prepared.takeNextState();
    prepared = SteadyState {};
    const double preparedMs = msSince(t0);

    Change change;
    change.kind = Change::Kind::QuotaEdit;
    change.name = "project-0";
    for (const auto &q : cluster.queues) {
        if (q.name == change.name) {
            Resources deserved = q.deserved;
            deserved.gpu = deserved.gpu * 2;
            change.deserved = deserved;
        }
    }
    // The console builds a snapshot per preview and hands it over (moved, not copied): the
    // copy each run takes is outside its timing.
    const std::size_t jobCount = cluster.jobs.size(), podCount = cluster.tasks.size();
    const int pending = pendingJobs(cluster);
    std::ofstream resultFile;
    if (!resultPath.empty())
        resultFile.open(resultPath);
    json::Value others = otherChanges(cluster, resultPath.empty() ? nullptr : &resultFile);
    std::vector<double> runsMs;
    const CompareResult result = timedCompare(cluster, change, runsMs);
    if (!result.error.empty()) {
        std::cerr << "gpudesk-sim bench whatif: " << result.error << '\n';
        return 1;
    }
    if (!resultPath.empty()) {
        writeComparison(resultFile, "quota_edit", result);
        if (!resultFile) {
            std::cerr << "gpudesk-sim bench: cannot write " << resultPath << '\n';
            return 1;
        }
    }
    int changed = 0;
    for (const auto &j : result.comparison.jobs) {
        changed += j.outcome == JobOutcome::Starts || j.outcome == JobOutcome::Reclaimed
                   || j.outcome == JobOutcome::Preempted || j.outcome == JobOutcome::Evicted;
    }
    json::Value out = json::Value::object();
    out.set("bench", json::Value::string("whatif"));
    out.set("nodes", json::Value::number(nodes));
    out.set("jobs", json::Value::number(double(jobCount)));
    out.set("pods", json::Value::number(double(podCount)));
    out.set("pending_jobs", json::Value::number(pending));
    out.set("prepared_ms", json::Value::number(round2(preparedMs)));
    out.set("prepared_rounds", json::Value::number(preparedRounds));
    out.set("prepared_converged", json::Value::boolean(preparedConverged));
    out.set("total_ms", json::Value::number(round2(median(runsMs))));
    out.set("runs_ms", msList(runsMs));
    out.set("rounds_before", json::Value::number(result.stats.roundsBefore));
    out.set("rounds_after", json::Value::number(result.stats.roundsAfter));
    out.set("converged",
            json::Value::boolean(result.stats.convergedBefore && result.stats.convergedAfter));
    out.set("rounds_before_ms", msList(result.stats.roundMsBefore));
    out.set("rounds_after_ms", msList(result.stats.roundMsAfter));
    out.set("cycle_after", json::Value::number(result.stats.cycleAfter));
    out.set("after_ran_alongside", json::Value::boolean(result.stats.afterRanAlongside));
    out.set("job_rows", json::Value::number(double(result.comparison.jobs.size())));
    out.set("changed_jobs", json::Value::number(changed));
    out.set("other_changes", std::move(others));
    out.set("peak_rss_mb", json::Value::number(round2(peakRssMb())));
    std::cout << json::write(out) << '\n';
    return 0;
}

} // namespace gpudesk::sim
