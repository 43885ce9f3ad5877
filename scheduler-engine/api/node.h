#pragma once
// A node as given in the snapshot (allocatable capacity and labels). Its changing state during a
// session lives in framework/nodestate.h.
#include <string>
#include <utility>
#include <vector>

namespace gpudesk::engine {

struct Node
{
    std::string name;
    int gpus = 0;                  // whole devices
    double cpuMillis = 20'000'000; // harness default (scenario-format.md §1.3)
    double memoryBytes = 20e9;
    double gpuMemoryMib = 100; // per device
    int maxPods = 110;
    bool gpuMemorySynced = true;
    bool unschedulable = false; // cordoned (what-if)
    std::vector<std::pair<std::string, std::string>> labels;

    const std::string *label(const std::string &key) const
    {
        for (const auto &[k, v] : labels) {
            if (k == key)
                return &v;
        }
        return nullptr;
    }
};

} // namespace gpudesk::engine
