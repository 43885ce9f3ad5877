#include "benchshapes.h"

#include <random>

namespace gpudesk::sim {

using namespace engine;

namespace {

// Concatenation helper (GCC 12 warns falsely about "literal" + std::string at -O3).
std::string cat(std::string a, const std::string &b)
{
    a.append(b);
    return a;
}
std::string num(int v)
{
    return std::to_string(v);
}

const std::vector<std::string> kAllActions {"allocate",
                                            "consolidation",
                                            "reclaim",
                                            "preempt",
                                            "stalegangeviction"};

void addNodes(Snapshot &s, int count)
{
    for (int n = 0; n < count; ++n) {
        Node node;
        node.name = cat("node-", num(100000 + n).substr(1)); // sortable names
        node.gpus = 8;
        node.cpuMillis = 128000;
        node.memoryBytes = 1024e9;
        node.gpuMemoryMib = 80000;
        node.labels.emplace_back("kai.scheduler/type", node.name);
        s.nodes.push_back(std::move(node));
    }
}

int addQueue(
    Snapshot &s, const std::string &name, const std::string &parent, double deserved, double weight)
{
    Queue q;
    q.name = name;
    q.parentName = parent;
    q.createdOrder = double(s.queues.size());
    q.deserved = Resources {deserved, -1, -1};
    q.overQuotaWeight = Resources {weight, 1, 1};
    s.queues.push_back(std::move(q));
    return int(s.queues.size()) - 1;
}

// A job of `pods` identical tasks; running tasks are placed by the caller.
int addJob(Snapshot &s,
           const std::string &name,
           const std::string &queue,
           int priority,
           int pods,
           double gpus,
           GpuRequestKind kind,
           int minMembers)
{
    Job job;
    job.name = name;
    job.queueName = queue;
    job.priority = priority;
    job.preemptible = priority < 100;
    job.minMembers = minMembers;
    job.createdMinutesAgo = 1e6 - double(s.jobs.size());
    job.creationRank = int(s.jobs.size());
    const int index = int(s.jobs.size());
    for (int p = 0; p < pods; ++p) {
        Task t;
        t.id = name + cat("-", num(p));
        t.job = index;
        t.kind = kind;
        t.request = Resources {gpus, kind == GpuRequestKind::None ? 2000.0 : 4000.0, 16e9};
        s.tasks.push_back(std::move(t));
    }
    s.jobs.push_back(std::move(job));
    return index;
}

void run(Snapshot &s, int job, int firstTaskOffset, int node, const std::string &group = {})
{
    Task &t = s.tasks[std::size_t(firstTaskOffset)];
    (void) job;
    t.status = TaskStatus::Running;
    t.node = node;
    if (!group.empty())
        t.gpuGroups.push_back(group);
}

void makeAllocate(int n, BenchShape &out)
{
    Snapshot &s = out.snapshot;
    addNodes(s, n);
    const double quarter = n * 8 / 4.0;
    addQueue(s, "dept-0", "", 2 * quarter, 1);
    addQueue(s, "dept-1", "", 2 * quarter, 1);
    for (int q = 0; q < 4; ++q)
        addQueue(s, cat("queue-", num(q)), cat("dept-", num(q / 2)), quarter, 1);
    for (int j = 0; j < 5 * n; ++j)
        addJob(s, cat("job-", num(j)), cat("queue-", num(j % 4)), 50, 1, 1, GpuRequestKind::Whole, 1);
    out.actions = {"allocate"};
}

void makeReclaimLarge(int n, BenchShape &out)
{
    Snapshot &s = out.snapshot;
    addNodes(s, n);
    addQueue(s, "default", "", -1, 1);
    addQueue(s, "queue-0", "default", 0, 1);
    addQueue(s, "queue-1", "default", 8.0 * n, 0);
    for (int node = 0; node < n; ++node) {
        for (int g = 0; g < 8; ++g) {
            const int j = addJob(s,
                                 cat("run-", num(node * 8 + g)),
                                 "queue-0",
                                 50,
                                 1,
                                 1,
                                 GpuRequestKind::Whole,
                                 1);
            run(s, j, int(s.tasks.size()) - 1, node);
        }
    }
    const int pods = std::max(1, n / 10);
    addJob(s, "reclaimer", "queue-1", 50, pods, 8, GpuRequestKind::Whole, pods);
    out.actions = {"reclaim"};
}

// Mixed topology: departments x projects; running 1-GPU, 4-GPU (and 2-GPU) pods, shared GPUs with
// quarter-GPU pods and CPU-only pods; pending 1-GPU, half-GPU, 2-GPU, 2x8-GPU gangs and CPU-only.
struct MixedParams
{
    int projects = 8;
    int departments = 2;
    double runningFill = 0.5; // used GPUs per node / 8 on a "full" node
    double fullNodes = 1.0;   // share of nodes filled to runningFill; the rest to 5-7 GPUs
    bool richMix = false;     // production-like: more shared GPUs (2-4 quarter pods), 2-GPU pods
    int cpuPodsPerNode = 4;   // running CPU-only pods per node
    int pendingPerNode = 4;   // pending jobs per node (~1.1 pods each)
};

void makeMixed(int n, const MixedParams &m, unsigned seed, BenchShape &out)
{
    Snapshot &s = out.snapshot;
    std::mt19937 rng(seed);
    addNodes(s, n);
    const double total = n * 8.0;
    for (int d = 0; d < m.departments; ++d)
        addQueue(s, cat("dept-", num(d)), "", total / m.departments, 1);
    for (int p = 0; p < m.projects; ++p)
        addQueue(s,
                 cat("project-", num(p)),
                 cat("dept-", num(p % m.departments)),
                 total / m.projects * 0.8,
                 1);
    auto project = [&]() { return cat("project-", num(int(rng() % unsigned(m.projects)))); };
    // Running work: per node, fill about runningFill of the GPUs.
    int jobCounter = 0;
    for (int node = 0; node < n; ++node) {
        int used = 0;
        int target = int(8 * m.runningFill);
        if (m.fullNodes < 1.0 && double(rng() % 1000) >= m.fullNodes * 1000)
            target = std::min(target, 5 + int(rng() % 3));
        while (used < target) {
            const unsigned kind = rng() % (m.richMix ? 20 : 10);
            const std::string name = cat("r", num(jobCounter++));
            // Classic mix: 50 % 1-GPU, 30 % shared GPU (4 quarter pods), 20 % 4-GPU (a shared GPU
            // or 4-GPU pod needs room for 4). Rich mix: 30 % 1-GPU, 45 % shared GPU (2-4 quarter
            // pods), 15 % 4-GPU, 10 % 2-GPU.
            const bool shared = m.richMix ? (kind >= 6 && kind < 15) : (kind >= 5 && kind < 8);
            const bool two = m.richMix && kind >= 18;
            const bool whole1 = m.richMix ? (kind < 6 || (!shared && target - used < (two ? 2 : 4)))
                                          : (kind < 5 || target - used < 4);
            if (whole1) {
                const int j = addJob(s, name, project(), 50, 1, 1, GpuRequestKind::Whole, 1);
                run(s, j, int(s.tasks.size()) - 1, node);
                used += 1;
            } else if (shared) {
                // One GPU shared by quarter-GPU pods (4 in the classic mix, 2-4 in the rich one).
                const std::string group = s.nodes[std::size_t(node)].name + cat("-g", num(used));
                const int pods = m.richMix ? 2 + int(rng() % 3) : 4;
                for (int f = 0; f < pods; ++f) {
                    const int j = addJob(s,
                                         name + cat("f", num(f)),
                                         project(),
                                         75,
                                         1,
                                         0.25,
                                         GpuRequestKind::Fraction,
                                         1);
                    run(s, j, int(s.tasks.size()) - 1, node, group);
                }
                used += 1;
            } else {
                const int gpus = two ? 2 : 4;
                const int j = addJob(s, name, project(), 50, 1, gpus, GpuRequestKind::Whole, 1);
                run(s, j, int(s.tasks.size()) - 1, node);
                used += gpus;
            }
        }
        // CPU-only helpers.
        for (int c = 0; c < m.cpuPodsPerNode; ++c) {
            const int j = addJob(s,
                                 cat("c", num(jobCounter++)),
                                 project(),
                                 50,
                                 1,
                                 0,
                                 GpuRequestKind::None,
                                 1);
            run(s, j, int(s.tasks.size()) - 1, node);
        }
    }
    const int pending = m.pendingPerNode * n;
    for (int i = 0; i < pending; ++i) {
        const unsigned kind = rng() % 20;
        const std::string name = cat("p", num(jobCounter++));
        if (kind < 10)
            addJob(s, name, project(), 50, 1, 1, GpuRequestKind::Whole, 1);
        else if (kind < 14)
            addJob(s, name, project(), 75, 1, 0.5, GpuRequestKind::Fraction, 1);
        else if (kind < 16)
            addJob(s, name, project(), 100, 1, 2, GpuRequestKind::Whole, 1);
        else if (kind < 18)
            addJob(s, name, project(), 50, 2, 8, GpuRequestKind::Whole, 2);
        else
            addJob(s, name, project(), 50, 1, 0, GpuRequestKind::None, 1);
    }
    out.actions = kAllActions;
}

} // namespace

bool makeBenchShape(const std::string &name, int nodes, unsigned seed, BenchShape &out)
{
    out = BenchShape {};
    out.snapshot.name = cat("bench-", name);
    if (name == "allocate")
        makeAllocate(nodes, out);
    else if (name == "reclaim-large")
        makeReclaimLarge(nodes, out);
    else if (name == "full-cycle")
        makeMixed(nodes, MixedParams {}, seed, out);
    else if (name == "large") {
        // KAI's production snapshot: 4,000 nodes, ~140,000 pods (35 per node), 50 projects in 10
        // departments. Nodes mostly full (80 % at 8 GPUs, the rest 5-7): ~10 GPU pods (whole,
        // 2-/4-GPU, 2-4 quarter-GPU pods per shared GPU) + 14 CPU-only pods running per node
        // (~98k), and 9 pending jobs per node (~40k pods: 1-GPU, half-GPU, 2-GPU, 2x8 gangs).
        MixedParams m;
        m.projects = 50;
        m.departments = 10;
        m.runningFill = 1.0;
        m.fullNodes = 0.8;
        m.richMix = true;
        m.cpuPodsPerNode = 14;
        m.pendingPerNode = 9;
        makeMixed(nodes, m, seed, out);
    } else if (name == "whatif") {
        // The full-cycle topology with ~20 workloads per node (1,000 nodes ~ 20,000 workloads).
        MixedParams m;
        m.pendingPerNode = 12;
        makeMixed(nodes, m, seed, out);
    } else
        return false;
    return out.snapshot.finalise().empty();
}

} // namespace gpudesk::sim
