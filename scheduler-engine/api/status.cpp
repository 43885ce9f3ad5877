#include "api/status.h"

#include <array>
#include <utility>

namespace gpudesk::engine {

namespace {
constexpr std::array<std::pair<TaskStatus, std::string_view>, 12> kNames {{
    {TaskStatus::Pending, "pending"},
    {TaskStatus::Gated, "gated"},
    {TaskStatus::Allocated, "allocated"},
    {TaskStatus::Pipelined, "pipelined"},
    {TaskStatus::Binding, "binding"},
    {TaskStatus::Bound, "bound"},
    {TaskStatus::Running, "running"},
    {TaskStatus::Releasing, "releasing"},
    {TaskStatus::Succeeded, "succeeded"},
    {TaskStatus::Failed, "failed"},
    {TaskStatus::Unknown, "unknown"},
    {TaskStatus::Deleted, "deleted"},
}};
} // namespace

std::string_view toString(TaskStatus s)
{
    for (const auto &[status, name] : kNames) {
        if (status == s)
            return name;
    }
    return "unknown";
}

bool parseTaskStatus(std::string_view text, TaskStatus &out)
{
    for (const auto &[status, name] : kNames) {
        if (name == text) {
            out = status;
            return true;
        }
    }
    return false;
}

} // namespace gpudesk::engine
