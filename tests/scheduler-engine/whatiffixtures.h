#pragma once
// Small what-if and forecast inputs shared by tst_engine_whatif and tst_engine_forecast, and a
// compact way to write a change ("quota:<queue>:<gpus>", ...).
#include "engine.h"

#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace whatiffixtures {

using namespace gpudesk::engine;

// One 4-GPU node; project-a runs a 4-GPU job, project-b (no quota) waits with a 2-GPU job.
inline const char *kSnapshot = R"({"schema": "kai-scenario/1", "name": "whatif",
 "run": {"mode": "single_action", "actions": ["allocate","consolidation","reclaim","preempt","stalegangeviction"]},
 "nodes": [{"name": "node0", "gpus": 4}],
 "queues": [{"name": "dept", "gpu": {"deserved": -1, "limit": -1, "over_quota_weight": 1}},
            {"name": "project-a", "parent": "dept", "gpu": {"deserved": 4, "over_quota_weight": 1}},
            {"name": "project-b", "parent": "dept", "gpu": {"deserved": 0, "over_quota_weight": 0}}],
 "jobs": [{"name": "a-run", "queue": "project-a", "priority": 50, "type": "train",
           "expected_duration_seconds": 3600, "running_since_seconds": 600,
           "tasks": [{"gpus": 4, "status": "running", "node": "node0"}]},
          {"name": "b-job", "queue": "project-b", "priority": 50, "type": "train",
           "expected_duration_seconds": 1800, "tasks": [{"gpus": 2}]}]})";

// Two projects of 4 GPUs each on two 4-GPU nodes; project-a runs six 1-GPU jobs (over its quota),
// project-b waits with two 2-GPU jobs. Not a steady state: b-0 fits on node1's free GPUs and b-1
// reclaims from project-a.
inline const char *kReclaimSnapshot = R"({"schema": "kai-scenario/1", "name": "whatif-reclaim",
 "nodes": [{"name": "node0", "gpus": 4}, {"name": "node1", "gpus": 4}],
 "queues": [{"name": "dept", "gpu": {"deserved": -1, "limit": -1, "over_quota_weight": 1}},
            {"name": "project-a", "parent": "dept", "gpu": {"deserved": 4, "over_quota_weight": 1}},
            {"name": "project-b", "parent": "dept", "gpu": {"deserved": 4, "over_quota_weight": 1}}],
 "jobs": [{"name": "a-0", "queue": "project-a", "running_since_seconds": 600, "tasks": [{"gpus": 1, "status": "running", "node": "node0"}]},
          {"name": "a-1", "queue": "project-a", "running_since_seconds": 600, "tasks": [{"gpus": 1, "status": "running", "node": "node0"}]},
          {"name": "a-2", "queue": "project-a", "running_since_seconds": 600, "tasks": [{"gpus": 1, "status": "running", "node": "node0"}]},
          {"name": "a-3", "queue": "project-a", "running_since_seconds": 600, "tasks": [{"gpus": 1, "status": "running", "node": "node0"}]},
          {"name": "a-4", "queue": "project-a", "running_since_seconds": 600, "tasks": [{"gpus": 1, "status": "running", "node": "node1"}]},
          {"name": "a-5", "queue": "project-a", "running_since_seconds": 600, "tasks": [{"gpus": 1, "status": "running", "node": "node1"}]},
          {"name": "b-0", "queue": "project-b", "tasks": [{"gpus": 2}]},
          {"name": "b-1", "queue": "project-b", "tasks": [{"gpus": 2}]}]})";

// Fractions, a gang, CPU-only and a high-priority job on three nodes in two projects.
inline const char *kMixedSnapshot = R"({"schema": "kai-scenario/1", "name": "whatif-mixed",
 "nodes": [{"name": "n0", "gpus": 4}, {"name": "n1", "gpus": 4}, {"name": "n2", "gpus": 2}],
 "queues": [{"name": "dept", "gpu": {"deserved": -1, "limit": -1, "over_quota_weight": 1}},
            {"name": "p1", "parent": "dept", "gpu": {"deserved": 6, "over_quota_weight": 1}},
            {"name": "p2", "parent": "dept", "gpu": {"deserved": 4, "over_quota_weight": 1}}],
 "jobs": [{"name": "p1-train", "queue": "p1", "running_since_seconds": 600, "tasks": [{"gpus": 4, "status": "running", "node": "n0"}]},
          {"name": "p1-frac", "queue": "p1", "priority": 75, "running_since_seconds": 600,
           "tasks": [{"gpus": 0.5, "gpu_request_kind": "fraction", "status": "running", "node": "n2", "gpu_groups": ["n2-g0"]}]},
          {"name": "p1-more", "queue": "p1", "tasks": [{"gpus": 4}]},
          {"name": "p2-gang", "queue": "p2", "min_members": 2, "tasks": [{"gpus": 2}, {"gpus": 2}]},
          {"name": "p2-small", "queue": "p2", "tasks": [{"gpus": 1}]},
          {"name": "p2-frac", "queue": "p2", "priority": 75, "tasks": [{"gpus": 0.5, "gpu_request_kind": "fraction"}]},
          {"name": "p2-build", "queue": "p2", "priority": 100, "tasks": [{"gpus": 1}]},
          {"name": "p1-cpu", "queue": "p1", "tasks": [{"gpus": 0, "gpu_request_kind": "none", "cpu_millis": 4000}]}]})";

inline Snapshot parse(const char *json)
{
    auto r = parseSnapshotJson(json);
    if (!r)
        qFatal("%s", r.error().c_str());
    return r.value();
}

// "quota:<queue>:<gpus>", "add-node:<name>:<gpus>", "remove-node:<name>", "cordon:<name>",
// "submit:<job>:<queue>:<gpus per pod>:<pods>", "delete:<job>", "suspend:<job>".
inline Change parseChange(const QString &text)
{
    const QStringList f = text.split(QLatin1Char(':'));
    Change c;
    c.name = f.value(1).toStdString();
    const QString kind = f.value(0);
    if (kind == QLatin1String("quota")) {
        c.kind = Change::Kind::QuotaEdit;
        c.deserved = Resources {f.value(2).toDouble(), -1, -1};
    } else if (kind == QLatin1String("add-node")) {
        c.kind = Change::Kind::NodeAdd;
        c.node.name = c.name;
        c.node.gpus = f.value(2).toInt();
    } else if (kind == QLatin1String("remove-node")) {
        c.kind = Change::Kind::NodeRemove;
    } else if (kind == QLatin1String("cordon")) {
        c.kind = Change::Kind::NodeCordon;
    } else if (kind == QLatin1String("submit")) {
        c.kind = Change::Kind::WorkloadSubmit;
        c.job.name = c.name;
        c.job.queueName = f.value(2).toStdString();
        const int pods = f.value(4).toInt();
        c.job.minMembers = pods;
        for (int p = 0; p < pods; ++p) {
            Task t;
            t.id = c.name + "-" + std::to_string(p);
            t.kind = GpuRequestKind::Whole;
            t.request = Resources {f.value(3).toDouble(), 1000, 1e9};
            c.tasks.push_back(t);
        }
    } else if (kind == QLatin1String("delete")) {
        c.kind = Change::Kind::WorkloadDelete;
    } else if (kind == QLatin1String("suspend")) {
        c.kind = Change::Kind::WorkloadSuspend;
    } else {
        qFatal("unknown change %s", qPrintable(text));
    }
    return c;
}

} // namespace whatiffixtures
