#pragma once
// Task (pod) statuses and the status groups KAI uses everywhere (scheduling.md §1.4).
#include <cstdint>
#include <string_view>

namespace gpudesk::engine {

enum class TaskStatus : std::uint8_t {
    Pending,
    Gated,
    Allocated,
    Pipelined,
    Binding,
    Bound,
    Running,
    Releasing,
    Succeeded,
    Failed,
    Unknown,
    Deleted,
};

std::string_view toString(TaskStatus s);
// False when the text is not a known status.
bool parseTaskStatus(std::string_view text, TaskStatus &out);

// Occupies its node: Allocated, Pipelined, Binding, Bound, Running, Releasing.
inline bool isActiveUsed(TaskStatus s)
{
    switch (s) {
    case TaskStatus::Allocated:
    case TaskStatus::Pipelined:
    case TaskStatus::Binding:
    case TaskStatus::Bound:
    case TaskStatus::Running:
    case TaskStatus::Releasing:
        return true;
    default:
        return false;
    }
}

// Active-used minus Releasing.
inline bool isActiveAllocated(TaskStatus s)
{
    return isActiveUsed(s) && s != TaskStatus::Releasing;
}

// Counted as queue usage: Allocated, Binding, Bound, Running.
inline bool isAllocatedStatus(TaskStatus s)
{
    return s == TaskStatus::Allocated || s == TaskStatus::Binding || s == TaskStatus::Bound
           || s == TaskStatus::Running;
}

inline bool isAlive(TaskStatus s)
{
    return isActiveAllocated(s) || s == TaskStatus::Pending || s == TaskStatus::Gated;
}

} // namespace gpudesk::engine
