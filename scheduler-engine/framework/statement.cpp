#include "framework/statement.h"

namespace gpudesk::engine {

Statement::~Statement()
{
    if (!m_done)
        discard();
}

void Statement::record(Kind kind, int t)
{
    const auto &task = m_session.snapshot().tasks[std::size_t(t)];
    const auto &ts = m_session.tasks[std::size_t(t)];
    m_log.push_back(Op {kind,
                        t,
                        task.status,
                        task.node,
                        task.gpuGroups,
                        ts.sessionPipelined,
                        ts.acceptedGpu,
                        false,
                        m_session.stateVersion});
}

void Statement::place(
    int t, int node, const std::vector<std::string> &groups, bool pipelined, Kind kind)
{
    record(kind, t);
    auto &task = m_session.snapshot().tasks[std::size_t(t)];
    // A releasing victim that moves elsewhere keeps occupying its old node until it is gone.
    if (task.status == TaskStatus::Releasing && task.node >= 0) {
        const int oldNode = task.node;
        const auto oldGroups = task.gpuGroups;
        m_session.transition(t, TaskStatus::Pending, -1, {}, false, 0);
        m_session.addGhost(t, oldNode, oldGroups, +1);
        m_log.back().ghost = true;
    }
    m_session.transition(t,
                         pipelined ? TaskStatus::Pipelined : TaskStatus::Binding,
                         node,
                         groups,
                         pipelined,
                         m_session.acceptedGpuOnNode(t, node));
}

void Statement::allocate(int t, int node, const std::vector<std::string> &groups)
{
    place(t, node, groups, false, Kind::Allocate);
}

void Statement::pipeline(int t, int node, const std::vector<std::string> &groups)
{
    place(t, node, groups, true, Kind::Pipeline);
}

void Statement::evict(int t)
{
    record(Kind::Evict, t);
    const auto &task = m_session.snapshot().tasks[std::size_t(t)];
    m_session.transition(t,
                         TaskStatus::Releasing,
                         task.node,
                         task.gpuGroups,
                         false,
                         m_session.tasks[std::size_t(t)].acceptedGpu);
}

void Statement::convertToPipelined(int t)
{
    record(Kind::Convert, t);
    const auto &task = m_session.snapshot().tasks[std::size_t(t)];
    m_session.transition(t,
                         TaskStatus::Pipelined,
                         task.node,
                         task.gpuGroups,
                         true,
                         m_session.tasks[std::size_t(t)].acceptedGpu);
}

void Statement::rollback(std::size_t cp)
{
    while (m_log.size() > cp) {
        const Op op = std::move(m_log.back());
        m_log.pop_back();
        if (op.ghost) {
            m_session.transition(op.task, TaskStatus::Pending, -1, {}, false, 0);
            m_session.addGhost(op.task, op.oldNode, op.oldGroups, -1);
        }
        m_session.transition(op.task,
                             op.oldStatus,
                             op.oldNode,
                             op.oldGroups,
                             op.oldSessionPipelined,
                             op.oldAccepted);
        // The state is back to what it was under that version (see Session::stateVersion).
        m_session.stateVersion = op.oldStateVersion;
    }
}

void Statement::commit()
{
    for (const auto &op : m_log) {
        const auto status = m_session.snapshot().tasks[std::size_t(op.task)].status;
        switch (op.kind) {
        case Kind::Allocate:
            if (status == TaskStatus::Binding)
                ++m_session.calls.binds;
            break;
        case Kind::Pipeline:
        case Kind::Convert:
            ++m_session.calls.pipelined;
            break;
        case Kind::Evict:
            ++m_session.calls.evictions;
            break;
        }
    }
    m_log.clear();
    m_done = true;
}

std::vector<int> Statement::evictedTasks() const
{
    std::vector<int> out;
    for (const auto &op : m_log) {
        if (op.kind == Kind::Evict)
            out.push_back(op.task);
    }
    return out;
}

} // namespace gpudesk::engine
