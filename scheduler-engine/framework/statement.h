#pragma once
// KAI's Statement: a transaction of virtual Allocate / Pipeline / Evict operations on a session,
// with checkpoints for partial rollback, commit (keep + count the cache calls) and discard.
// Trials never copy the session; they undo the operation log.
#include "framework/session.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gpudesk::engine {

class Statement
{
public:
    explicit Statement(Session &session)
        : m_session(session)
    { }
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    // Allocate (fits in idle resources: Binding after commit) or pipeline (waits for releasing
    // resources) a task on a node and the given shared-GPU groups.
    void allocate(int task, int node, const std::vector<std::string> &groups);
    void pipeline(int task, int node, const std::vector<std::string> &groups);
    void evict(int task);
    // Turns a task allocated by this statement into a pipelined one (gang not startable yet).
    void convertToPipelined(int task);

    std::size_t checkpoint() const { return m_log.size(); }
    void rollback(std::size_t checkpoint);
    void discard() { rollback(0); }
    // Keeps the changes and counts binds / evictions / pipelines into the session.
    void commit();

    // Tasks evicted by this statement (still evicted at this point).
    std::vector<int> evictedTasks() const;
    // Every task an operation of this statement changed so far, in operation order (repeats
    // possible); call before commit().
    template<typename F>
    void forEachChangedTask(F f) const
    {
        for (const Op &op : m_log)
            f(op.task);
    }
    bool empty() const { return m_log.empty(); }

private:
    enum class Kind { Allocate, Pipeline, Evict, Convert };
    struct Op
    {
        Kind kind;
        int task;
        TaskStatus oldStatus;
        int oldNode;
        std::vector<std::string> oldGroups;
        bool oldSessionPipelined;
        double oldAccepted;
        bool ghost; // a releasing ghost was left on oldNode
        std::uint64_t oldStateVersion;
    };
    void record(Kind kind, int task);
    void place(int task, int node, const std::vector<std::string> &groups, bool pipelined, Kind kind);

    Session &m_session;
    std::vector<Op> m_log;
    bool m_done = false;
};

} // namespace gpudesk::engine
