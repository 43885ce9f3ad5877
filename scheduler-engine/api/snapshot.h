#pragma once
// The input of a scheduling session: a cluster's nodes, queues, jobs and tasks (dense indices),
// plus configuration. Same content as a kai-scenario/1 file without "expected".
#include "api/config.h"
#include "api/job.h"
#include "api/node.h"
#include "api/queue.h"

#include <string>
#include <vector>

namespace gpudesk::engine {

struct Snapshot
{
    std::string name;
    std::string nodePool;
    Config config;
    std::vector<Node> nodes;
    std::vector<Queue> queues;
    std::vector<Job> jobs;
    std::vector<Task> tasks;

    // Resolves names into indices (queue parents, job queues, task nodes, affinities) and fills
    // derived fields. Returns an error message, empty on success.
    std::string finalise();

    int findNode(const std::string &name) const;
    int findQueue(const std::string &name) const;
    int findJob(const std::string &name) const;
};

} // namespace gpudesk::engine
