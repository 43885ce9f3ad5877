#include "io/expectationcheck.h"

#include "io/json.h"

#include <cmath>
#include <unordered_map>

namespace gpudesk::engine {

namespace {

std::string num(double v)
{
    std::string s;
    json::appendNumber(s, v);
    return s;
}

bool near(double a, double b)
{
    return std::fabs(a - b) < 1e-6;
}

void checkTasks(const Session &s,
                const std::string &what,
                const std::vector<int> &tasks,
                int job,
                const ExpectedPlacement &e,
                std::vector<std::string> &out)
{
    const auto &snap = s.snapshot();
    double gpus = 0, cpu = 0, mem = 0, accepted = 0;
    // "mixed" is the job-level summary of tasks that do not agree (resultwriter's job status).
    const bool expectMixed = e.status && *e.status == "mixed";
    if (expectMixed) {
        bool differ = false;
        for (int t : tasks)
            differ = differ
                     || snap.tasks[std::size_t(t)].status
                            != snap.tasks[std::size_t(tasks[0])].status;
        if (!differ)
            out.push_back(what + ": tasks all "
                          + std::string(toString(snap.tasks[std::size_t(tasks[0])].status))
                          + ", expected mixed");
    }
    for (int t : tasks) {
        const Task &task = snap.tasks[std::size_t(t)];
        const std::string status(toString(task.status));
        if (e.status && !expectMixed && *e.status != status)
            out.push_back(what + ": task " + task.id + " is " + status + ", expected " + *e.status);
        if (e.node) {
            const std::string node = task.node >= 0 ? snap.nodes[std::size_t(task.node)].name
                                                    : std::string("(none)");
            if (node != *e.node)
                out.push_back(what + ": task " + task.id + " is on " + node + ", expected "
                              + *e.node);
        }
        gpus += task.kind == GpuRequestKind::GpuMemory ? 0 : task.request.gpu;
        cpu += task.request.cpu;
        mem += task.request.memory;
        if (isActiveUsed(task.status))
            accepted += s.tasks[std::size_t(t)].acceptedGpu;
    }
    if (e.gpusRequired && !near(*e.gpusRequired, gpus))
        out.push_back(what + ": requires " + num(gpus) + " GPUs, expected " + num(*e.gpusRequired));
    if (e.cpuMillisRequired && *e.cpuMillisRequired != 0 && !near(*e.cpuMillisRequired, cpu))
        out.push_back(what + ": requires " + num(cpu) + " CPU millis, expected "
                      + num(*e.cpuMillisRequired));
    if (e.memoryBytesRequired && *e.memoryBytesRequired != 0 && !near(*e.memoryBytesRequired, mem))
        out.push_back(what + ": requires " + num(mem) + " bytes, expected "
                      + num(*e.memoryBytesRequired));
    if (e.gpusAccepted && *e.gpusAccepted != 0 && !near(*e.gpusAccepted, accepted))
        out.push_back(what + ": was granted " + num(accepted) + " GPUs, expected "
                      + num(*e.gpusAccepted));
    if (job >= 0) {
        const auto &js = s.jobs[std::size_t(job)];
        if (e.lastStartOlderThanSeconds
            && (js.startedThisSession || js.lastStartSecondsAgo < *e.lastStartOlderThanSeconds))
            out.push_back(what + ": was (re)started " + num(js.lastStartSecondsAgo)
                          + " s ago, expected longer than " + num(*e.lastStartOlderThanSeconds)
                          + " s ago");
        if (e.status
            && (*e.status == "binding" || *e.status == "running" || *e.status == "allocated"
                || *e.status == "bound")
            && js.lastStartSecondsAgo < 0)
            out.push_back(what + ": has no last-start time");
    }
}

} // namespace

std::vector<std::string> compareExpected(const Session &s,
                                         const CallCounts &calls,
                                         const Expected &e)
{
    std::vector<std::string> out;
    const auto &snap = s.snapshot();
    std::unordered_map<std::string, int> jobIndex, taskIndex;
    for (std::size_t j = 0; j < snap.jobs.size(); ++j)
        jobIndex.emplace(snap.jobs[j].name, int(j));
    for (std::size_t t = 0; t < snap.tasks.size(); ++t)
        taskIndex.emplace(snap.tasks[t].id, int(t));
    for (const auto &[name, p] : e.jobs) {
        auto it = jobIndex.find(name);
        if (it == jobIndex.end()) {
            out.push_back("job " + name + ": not in the scenario");
            continue;
        }
        checkTasks(s, "job " + name, snap.jobs[std::size_t(it->second)].tasks, it->second, p, out);
    }
    for (const auto &[id, p] : e.tasks) {
        auto it = taskIndex.find(id);
        if (it == taskIndex.end()) {
            out.push_back("task " + id + ": not in the scenario");
            continue;
        }
        checkTasks(s, "task " + id, {it->second}, -1, p, out);
    }
    for (const auto &[name, n] : e.nodes) {
        const int idx = snap.findNode(name);
        if (idx < 0) {
            out.push_back("node " + name + ": not in the scenario");
            continue;
        }
        const double idle = s.nodes[std::size_t(idx)].idleGpus(snap.nodes[std::size_t(idx)].gpus);
        const double rel = s.nodes[std::size_t(idx)].releasingGpus();
        if (n.idleGpus && !near(*n.idleGpus, idle))
            out.push_back("node " + name + ": " + num(idle) + " idle GPUs, expected "
                          + num(*n.idleGpus));
        if (n.releasingGpus && !near(*n.releasingGpus, rel))
            out.push_back("node " + name + ": " + num(rel) + " releasing GPUs, expected "
                          + num(*n.releasingGpus));
    }
    if (e.maxBinds && calls.binds > *e.maxBinds)
        out.push_back(std::to_string(calls.binds) + " bind requests, at most " + num(*e.maxBinds)
                      + " expected");
    if (e.maxEvictions && calls.evictions > *e.maxEvictions)
        out.push_back(std::to_string(calls.evictions) + " evictions, at most "
                      + num(*e.maxEvictions) + " expected");
    if (e.maxPipelined && calls.pipelined > *e.maxPipelined)
        out.push_back(std::to_string(calls.pipelined) + " pipelined pods, at most "
                      + num(*e.maxPipelined) + " expected");
    return out;
}

} // namespace gpudesk::engine
