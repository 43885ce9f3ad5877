#include "io/resultwriter.h"

#include "explain/explain.h"

namespace gpudesk::engine {

namespace {

json::Value resources(const Resources &r)
{
    json::Value v = json::Value::object();
    v.set("gpu", json::Value::number(r.gpu));
    v.set("cpu", json::Value::number(r.cpu));
    v.set("memory", json::Value::number(r.memory));
    return v;
}

} // namespace

json::Value resultToJson(const Session &s, const CallCounts &calls)
{
    const Snapshot &snap = s.snapshot();
    json::Value out = json::Value::object();
    out.set("name", json::Value::string(snap.name));
    json::Value tasks = json::Value::object();
    for (const auto &task : snap.tasks) {
        json::Value t = json::Value::object();
        t.set("status", json::Value::string(std::string(toString(task.status))));
        t.set("node",
              task.node >= 0 ? json::Value::string(snap.nodes[std::size_t(task.node)].name)
                             : json::Value::null());
        if (task.isSharedGpu()) {
            json::Value groups = json::Value::array();
            for (const auto &g : task.gpuGroups)
                groups.push(json::Value::string(g));
            t.set("gpu_groups", std::move(groups));
        }
        tasks.set(task.id, std::move(t));
    }
    out.set("tasks", std::move(tasks));

    const auto explanations = explainJobs(s);
    json::Value jobs = json::Value::object();
    for (std::size_t j = 0; j < snap.jobs.size(); ++j) {
        const auto &job = snap.jobs[j];
        std::string status;
        for (int t : job.tasks) {
            const std::string st(toString(snap.tasks[std::size_t(t)].status));
            if (status.empty())
                status = st;
            else if (status != st)
                status = "mixed";
        }
        if (status.empty())
            status = "pending";
        json::Value v = json::Value::object();
        v.set("status", json::Value::string(status));
        const auto &e = explanations[j];
        v.set("reason", e.reason.empty() ? json::Value::null() : json::Value::string(e.reason));
        v.set("message", json::Value::string(e.message));
        v.set("kai_message", json::Value::string(e.kaiMessage));
        const auto &js = s.jobs[j];
        if (js.hasEviction()) {
            json::Value ev = json::Value::object();
            ev.set("job",
                   js.eviction().byJob.empty() ? json::Value::null()
                                               : json::Value::string(js.eviction().byJob));
            ev.set("action", json::Value::string(js.eviction().action));
            ev.set("message", json::Value::string(js.eviction().plain));
            ev.set("kai_message", json::Value::string(js.eviction().message));
            v.set("evicted_by", std::move(ev));
        }
        jobs.set(job.name, std::move(v));
    }
    out.set("jobs", std::move(jobs));

    json::Value nodes = json::Value::object();
    for (std::size_t n = 0; n < snap.nodes.size(); ++n) {
        json::Value v = json::Value::object();
        v.set("idle_gpus", json::Value::number(s.nodes[n].idleGpus(snap.nodes[n].gpus)));
        v.set("releasing_gpus", json::Value::number(s.nodes[n].releasingGpus()));
        nodes.set(snap.nodes[n].name, std::move(v));
    }
    out.set("nodes", std::move(nodes));

    json::Value c = json::Value::object();
    c.set("binds", json::Value::number(calls.binds));
    c.set("evictions", json::Value::number(calls.evictions));
    c.set("pipelined", json::Value::number(calls.pipelined));
    out.set("calls", std::move(c));

    json::Value fair = json::Value::object();
    json::Value allocated = json::Value::object();
    for (std::size_t q = 0; q < snap.queues.size(); ++q) {
        if (snap.queues[q].parent == -2)
            continue;
        fair.set(snap.queues[q].name, resources(s.queues[q].fairShare));
        allocated.set(snap.queues[q].name, resources(s.queues[q].allocated));
    }
    out.set("fair_share", std::move(fair));
    out.set("allocated", std::move(allocated));
    return out;
}

} // namespace gpudesk::engine
