#pragma once
// Placing one attempt (chunk) of a job, shared by allocate and the victim solver
// (KAI actions/common/allocate.go): capacity check, task-by-task node selection, gang
// all-or-nothing and "pipeline the whole gang if part of it must wait".
#include "framework/statement.h"
#include "plugins/nodeplacement/nodeorder.h"

#include <map>
#include <memory>
#include <tuple>
#include <vector>

namespace gpudesk::engine {

// Remembers task shapes that found no node, valid while no resources are freed (allocate only).
class FitFailureCache
{
public:
    using Key = std::tuple<int, double, double, double, double>;
    // A failed shape's per-node histogram and its words (built once, read by every job of the
    // same shape that fails after it).
    struct Entry
    {
        std::shared_ptr<const FitHistogram> histogram;
        std::string described;
    };
    static bool cacheable(const Task &task) { return !task.hasAffinity; }
    static Key key(const Task &t)
    {
        return {int(t.kind), t.request.gpu, t.request.cpu, t.request.memory, t.gpuMemoryMib};
    }
    const Entry *find(const Task &t) const
    {
        auto it = m_map.find(key(t));
        return it == m_map.end() ? nullptr : &it->second;
    }
    const Entry &add(const Task &t, FitHistogram h);

private:
    std::map<Key, Entry> m_map;
};

struct AllocateOptions
{
    bool pipelineOnly = false;
    bool checkCapacity = true;
    FitFailureCache *cache = nullptr;
};

// Places the tasks; on failure rolls the statement back to where it was and fills `failure`.
bool allocateTasks(Session &session,
                   Statement &stmt,
                   int job,
                   const std::vector<int> &chunk,
                   const AllocateOptions &options,
                   FitFailure *failure);

// KAI's pod fit error text: "<n> node(s) didn't have enough resources: GPUs. ..."
std::string describeHistogram(const FitHistogram &histogram);

} // namespace gpudesk::engine
