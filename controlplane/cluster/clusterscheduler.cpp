#include "clusterscheduler.h"

#include <QLoggingCategory>

// GPUDESK_HAVE_ENGINE is set by CMake when gpudesk_engine builds engine.cpp (runScenarioJson).
#ifdef GPUDESK_HAVE_ENGINE
#include "engine.h"
#endif

#include <algorithm>

namespace gpudesk::cluster {

namespace {

#ifdef GPUDESK_HAVE_ENGINE

// The real thing: gpudesk_engine runs KAI's actions on the pool's snapshot.
class EngineScheduler final : public ClusterScheduler
{
public:
    QString name() const override { return QStringLiteral("gpudesk-engine"); }
    PoolSchedulingResult schedule(const PoolSchedulingInput &input) override
    {
        const std::string scenario = buildPoolScenario(input);
        auto result = gpudesk::engine::runScenarioJson(scenario);
        if (!result.ok()) {
            PoolSchedulingResult failed;
            failed.error = QStringLiteral("engine: ") + QString::fromStdString(result.error());
            return failed;
        }
        return parseEngineResult(result.value());
    }
};

#else

// Placeholder until scheduler-engine/engine.h lands: first fit, all-or-nothing per job, no quotas,
// no reclaim. Never used once the engine is in the tree (see makeClusterScheduler).
class FirstFitScheduler final : public ClusterScheduler
{
public:
    QString name() const override { return QStringLiteral("first-fit placeholder"); }
    PoolSchedulingResult schedule(const PoolSchedulingInput &input) override
    {
        PoolSchedulingResult result;
        QHash<QString, QVector<double>> free;
        for (const SimNode *node : input.nodes) {
            QVector<double> devices(node->gpuCount);
            for (int d = 0; d < node->gpuCount; ++d)
                devices[d] = 1.0 - node->gpuAllocated.value(d);
            free.insert(node->name, devices);
        }
        QVector<const SimWorkload *> pending;
        for (const SimWorkload *w : input.jobs)
            if (!w->isActive())
                pending.append(w);
        std::stable_sort(pending.begin(),
                         pending.end(),
                         [](const SimWorkload *a, const SimWorkload *b) {
                             return a->priority != b->priority ? a->priority > b->priority
                                                               : a->createdAtMs < b->createdAtMs;
                         });
        for (const SimWorkload *w : pending) {
            auto trial = free;
            QHash<QString, TaskDecision> tasks;
            bool ok = true;
            for (int i = 0; i < w->pods.size() && ok; ++i) {
                const double need = w->gpuRequestKind == QLatin1String("whole")  ? w->gpusPerPod
                                    : w->gpuRequestKind == QLatin1String("none") ? 0
                                    : w->gpuRequestKind == QLatin1String("fraction")
                                        ? w->gpusPerPod
                                        : double(w->gpuMemoryMib) / double(h100MemoryMib);
                ok = false;
                for (const SimNode *node : input.nodes) {
                    QVector<double> &devices = trial[node->name];
                    if (w->gpuRequestKind == QLatin1String("whole")) {
                        int idle = 0;
                        for (double f : devices)
                            idle += f >= 1.0 - 1e-9;
                        if (idle < int(need))
                            continue;
                        int taken = 0;
                        for (double &f : devices)
                            if (taken < int(need) && f >= 1.0 - 1e-9) {
                                f = 0;
                                ++taken;
                            }
                    } else if (need > 0) {
                        auto it = std::find_if(devices.begin(), devices.end(), [need](double f) {
                            return f + 1e-9 >= need;
                        });
                        if (it == devices.end())
                            continue;
                        *it -= need;
                    }
                    tasks.insert(taskId(w->id, i),
                                 TaskDecision {QStringLiteral("binding"), node->name, {}});
                    ok = true;
                    break;
                }
            }
            JobDecision decision;
            if (ok) {
                free = trial;
                result.tasks.insert(tasks);
                decision.status = QStringLiteral("binding");
            } else {
                for (int i = 0; i < w->pods.size(); ++i)
                    result.tasks.insert(taskId(w->id, i),
                                        TaskDecision {QStringLiteral("pending"), {}, {}});
                decision.status = QStringLiteral("pending");
                decision.reason = QStringLiteral("PodSchedulingErrors");
                decision.message = QStringLiteral(
                                       "Not enough free GPUs in node pool %1 for all %2 pod(s).")
                                       .arg(input.pool)
                                       .arg(w->pods.size());
            }
            result.jobs.insert(w->id, decision);
        }
        return result;
    }
};

#endif

} // namespace

std::unique_ptr<ClusterScheduler> makeClusterScheduler()
{
#ifdef GPUDESK_HAVE_ENGINE
    return std::make_unique<EngineScheduler>();
#else
    return std::make_unique<FirstFitScheduler>();
#endif
}

} // namespace gpudesk::cluster
