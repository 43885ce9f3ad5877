#include "api/snapshot.h"

#include <algorithm>
#include <unordered_map>

namespace gpudesk::engine {

int Snapshot::findNode(const std::string &n) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].name == n)
            return int(i);
    }
    return -1;
}

int Snapshot::findQueue(const std::string &n) const
{
    for (std::size_t i = 0; i < queues.size(); ++i) {
        if (queues[i].name == n)
            return int(i);
    }
    return -1;
}

int Snapshot::findJob(const std::string &n) const
{
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        if (jobs[i].name == n)
            return int(i);
    }
    return -1;
}

std::string Snapshot::finalise()
{
    std::unordered_map<std::string, int> nodeIndex, queueIndex;
    for (std::size_t i = 0; i < nodes.size(); ++i)
        nodeIndex.emplace(nodes[i].name, int(i));
    for (std::size_t i = 0; i < queues.size(); ++i)
        queueIndex.emplace(queues[i].name, int(i));

    for (auto &q : queues) {
        q.children.clear();
        q.parent = -1;
    }
    // Orphans (parent missing) are dropped together with their descendants (§1.1): we mark them
    // by leaving parent = -2 so that jobs below them resolve to "queue does not exist".
    std::vector<bool> orphan(queues.size(), false);
    for (std::size_t i = 0; i < queues.size(); ++i) {
        auto &q = queues[i];
        if (q.parentName.empty())
            continue;
        auto it = queueIndex.find(q.parentName);
        if (it == queueIndex.end())
            orphan[i] = true;
        else
            q.parent = it->second;
    }
    // Propagate orphan state down (bounded by depth).
    for (std::size_t round = 0; round < queues.size(); ++round) {
        bool changed = false;
        for (std::size_t i = 0; i < queues.size(); ++i) {
            if (!orphan[i] && queues[i].parent >= 0 && orphan[std::size_t(queues[i].parent)]) {
                orphan[i] = true;
                changed = true;
            }
        }
        if (!changed)
            break;
    }
    for (std::size_t i = 0; i < queues.size(); ++i) {
        if (orphan[i]) {
            queues[i].parent = -2;
            continue;
        }
        if (queues[i].parent >= 0)
            queues[std::size_t(queues[i].parent)].children.push_back(int(i));
    }

    for (std::size_t j = 0; j < jobs.size(); ++j) {
        auto &job = jobs[j];
        auto it = queueIndex.find(job.queueName);
        job.queue = -1;
        if (it != queueIndex.end()) {
            const auto &q = queues[std::size_t(it->second)];
            if (q.isLeaf() && q.parent != -2)
                job.queue = it->second;
        }
        job.tasks.clear();
    }
    for (std::size_t t = 0; t < tasks.size(); ++t) {
        auto &task = tasks[t];
        if (task.job < 0 || std::size_t(task.job) >= jobs.size())
            return "task " + task.id + " belongs to no job";
        jobs[std::size_t(task.job)].tasks.push_back(int(t));
        if (isActiveUsed(task.status)) {
            if (task.node < 0)
                return "task " + task.id + " is " + std::string(toString(task.status))
                       + " but has no node";
        }
        task.affinityNodes.clear();
        if (task.hasAffinity) {
            for (std::size_t n = 0; n < nodes.size(); ++n) {
                const std::string *v = nodes[n].label(task.affinityLabel);
                if (!v)
                    continue;
                if (std::find(task.affinityValues.begin(), task.affinityValues.end(), *v)
                    != task.affinityValues.end())
                    task.affinityNodes.push_back(int(n));
            }
        }
    }
    return {};
}

} // namespace gpudesk::engine
