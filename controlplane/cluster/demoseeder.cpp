#include "demoseeder.h"

#include "clustersimulation.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace gpudesk::cluster {

namespace {

const QString seedUser = QStringLiteral("demo-seeder");

struct Template
{
    const char *apiType;
    const char *prefix;
    double gpus; // per pod; < 1 = portion
    int workers; // distributed only
    const char *image;
};

constexpr Template templates[] = {
    {"trainings", "llama-finetune", 8, 0, "nvcr.io/nvidia/pytorch:24.05-py3"},
    {"trainings", "resnet-sweep", 2, 0, "nvcr.io/nvidia/pytorch:24.05-py3"},
    {"trainings", "bert-pretrain", 4, 0, "nvcr.io/nvidia/pytorch:24.05-py3"},
    {"distributed", "gpt-pretrain", 8, 2, "nvcr.io/nvidia/nemo:24.07"},
    {"workspaces", "notebook", 1, 0, "jupyter/scipy-notebook:2024-05-27"},
    {"workspaces", "notebook-small", 0.5, 0, "jupyter/scipy-notebook:2024-05-27"},
    {"inferences", "chat-endpoint", 1, 0, "vllm/vllm-openai:v0.5.4"},
    {"trainings", "vit-train", 1, 0, "nvcr.io/nvidia/pytorch:24.05-py3"},
};

} // namespace

void DemoWorkloadSeeder::topUp(ClusterSimulation &sim, const QString &clusterId, qint64 nowMs)
{
    const DesiredState &org = sim.org();
    if (org.projects.isEmpty())
        return;
    const QStringList pools = sim.poolNames();
    double capacity = 0;
    for (const NodePoolSpec &pool : sim.pools())
        capacity += pool.nodes * pool.gpusPerNode;
    auto deservedOf = [&pools](const OrgUnit &project) {
        double sum = 0;
        for (const QString &pool : pools)
            sum += std::max(0.0, project.quotaByPool.value(pool).gpuDeserved);
        return sum;
    };
    // the project with the smallest quota stays idle (its share is what others borrow)
    QString idleProject;
    if (org.projects.size() >= 3) {
        double smallest = 1e18;
        for (const OrgUnit &project : org.projects)
            if (deservedOf(project) < smallest) {
                smallest = deservedOf(project);
                idleProject = project.id;
            }
    }
    const int activeProjects = int(org.projects.size()) - (idleProject.isEmpty() ? 0 : 1);
    for (int pi = 0; pi < org.projects.size(); ++pi) {
        const OrgUnit &project = org.projects.at(pi);
        if (project.id == idleProject)
            continue;
        // together the projects ask for more than the cluster has: some run over quota, some wait
        const double target
            = std::max(deservedOf(project) * 1.5,
                       capacity * (1.2 + 0.3 * stableUnit(project.name + QStringLiteral("/demand")))
                           / std::max(1, activeProjects));
        double demand = 0;
        int pending = 0;
        for (const auto &[id, w] : sim.workloads()) {
            if (w.projectId != project.id || w.isTerminal() || w.phase == QLatin1String("Stopped"))
                continue;
            demand += w.totalGpus();
            pending += w.phase == QLatin1String("Pending") || w.phase == QLatin1String("Creating");
        }
        if (demand >= target || pending >= 3)
            continue;
        const quint64 n = ++m_counter;
        const Template &t
            = templates[stableHash(project.name + QString::number(n)) % std::size(templates)];
        QJsonObject compute;
        if (t.gpus >= 1)
            compute.insert(QStringLiteral("gpuDevicesRequest"), int(t.gpus));
        else
            compute.insert(QStringLiteral("gpuPortionRequest"), t.gpus);
        QJsonObject spec {{QStringLiteral("image"), QString::fromLatin1(t.image)},
                          {QStringLiteral("compute"), compute},
                          {QStringLiteral("command"),
                           QStringLiteral("python train.py --config configs/%1.yaml")
                               .arg(QString::fromLatin1(t.prefix))}};
        if (QLatin1String(t.apiType) == QLatin1String("distributed")) {
            spec.insert(QStringLiteral("numWorkers"), t.workers);
            spec.insert(QStringLiteral("distributedFramework"), QStringLiteral("PyTorch"));
        }
        const QJsonObject body {{QStringLiteral("name"),
                                 QStringLiteral("%1-%2")
                                     .arg(QString::fromLatin1(t.prefix))
                                     .arg(n, 4, 10, QLatin1Char('0'))},
                                {QStringLiteral("projectId"), project.id},
                                {QStringLiteral("clusterId"), clusterId},
                                {QStringLiteral("spec"), spec}};
        SubmissionContext ctx;
        ctx.apiType = QString::fromLatin1(t.apiType);
        ctx.submittedBy = seedUser;
        ctx.source = QStringLiteral("Other");
        ctx.clusterId = clusterId;
        ctx.nowMs = nowMs;
        SubmissionError error;
        sim.submit(body, ctx, &error); // a name clash just skips this turn
    }
}

QString DemoWorkloadSeeder::submitBenchWorkload(ClusterSimulation &sim,
                                                const QString &clusterId,
                                                qint64 nowMs)
{
    const DesiredState &org = sim.org();
    const quint64 n = m_benchCounter++;
    const OrgUnit &project = org.projects.at(int(n % quint64(org.projects.size())));
    const Template &t = templates[stableHash(QStringLiteral("bench/") + QString::number(n))
                                  % std::size(templates)];
    QJsonObject compute;
    if (t.gpus >= 1)
        compute.insert(QStringLiteral("gpuDevicesRequest"), int(t.gpus));
    else
        compute.insert(QStringLiteral("gpuPortionRequest"), t.gpus);
    // preemptible throughout, so that the queue turns over instead of filling with work that may
    // only use the (small) in-quota share
    QJsonObject spec {{QStringLiteral("compute"), compute},
                      {QStringLiteral("preemptibility"), QStringLiteral("preemptible")}};
    if (QLatin1String(t.apiType) == QLatin1String("distributed"))
        spec.insert(QStringLiteral("numWorkers"), t.workers);
    SubmissionContext ctx;
    // inferences would run for ever; the bench keeps its population turning over
    ctx.apiType = QLatin1String(t.apiType) == QLatin1String("inferences")
                      ? QStringLiteral("trainings")
                      : QString::fromLatin1(t.apiType);
    ctx.submittedBy = QStringLiteral("bench");
    ctx.clusterId = clusterId;
    ctx.nowMs = nowMs;
    SubmissionError error;
    return sim
        .submit(QJsonObject {{QStringLiteral("name"),
                              QStringLiteral("bench-%1").arg(n, 6, 10, QLatin1Char('0'))},
                             {QStringLiteral("projectId"), project.id},
                             {QStringLiteral("spec"), spec}},
                ctx,
                &error)
        .value_or(QString());
}

int DemoWorkloadSeeder::benchPopulation(ClusterSimulation &sim,
                                        const QString &clusterId,
                                        int count,
                                        qint64 nowMs)
{
    if (sim.org().projects.isEmpty())
        return 0;
    // A live cluster's population: active and queued work asking for about 1.25 x the GPUs there are,
    // the rest finished history (still held, listed, persisted and synced). Finished work is replaced
    // by new submissions and the oldest history is dropped, so the count stays at `count`.
    double capacity = 0;
    for (const NodePoolSpec &pool : sim.pools())
        capacity += pool.nodes * pool.gpusPerNode;
    double demand = 0;
    QVector<std::pair<qint64, QString>> history;
    for (const auto &[id, w] : sim.workloads()) {
        if (w.isTerminal())
            history.append({w.completedAtMs, id});
        else if (w.phase != QLatin1String("Stopped"))
            demand += w.totalGpus();
    }
    int submitted = 0;
    const bool first = m_benchCounter == 0;
    for (int guard = 0; demand < 1.25 * capacity && guard < (first ? count : 500); ++guard) {
        const QString id = submitBenchWorkload(sim, clusterId, nowMs);
        if (id.isEmpty())
            continue;
        ++submitted;
        demand += sim.workload(id)->totalGpus();
    }
    for (int total = int(sim.workloads().size()); first && total < count; ++total) {
        const QString id = submitBenchWorkload(sim, clusterId, nowMs);
        if (id.isEmpty())
            continue;
        ++submitted;
        sim.finishAsHistory(id,
                            nowMs - qint64(stableUnit(id) * 86'400'000.0),
                            stableUnit(id + QStringLiteral("/f")) < 0.06);
        history.append({sim.workload(id)->completedAtMs, id});
    }
    const qsizetype excess = qsizetype(sim.workloads().size()) - count;
    if (excess > 0) {
        std::partial_sort(history.begin(),
                          history.begin() + std::min(excess, history.size()),
                          history.end());
        for (qsizetype i = 0; i < std::min(excess, history.size()); ++i)
            sim.remove(history.at(i).second);
    }
    return submitted;
}

void DemoWorkloadSeeder::prune(ClusterSimulation &sim)
{
    // keep the 20 most recent finished seeded workloads per project
    QHash<QString, QVector<std::pair<qint64, QString>>> finished;
    for (const auto &[id, w] : sim.workloads())
        if (w.submittedBy == seedUser && w.isTerminal())
            finished[w.projectId].append({w.completedAtMs, w.id});
    for (auto it = finished.begin(); it != finished.end(); ++it) {
        auto &list = it.value();
        if (list.size() <= 20)
            continue;
        std::sort(list.begin(), list.end());
        for (qsizetype i = 0; i < list.size() - 20; ++i)
            sim.remove(list.at(i).second);
    }
}

} // namespace gpudesk::cluster
