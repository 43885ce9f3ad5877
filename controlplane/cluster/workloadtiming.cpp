#include "workloadtiming.h"

#include <algorithm>
#include <cmath>

namespace gpudesk::cluster {

namespace {

constexpr qint64 second = 1000;
constexpr qint64 minute = 60 * second;

bool isTraining(const SimWorkload &w)
{
    return w.apiType == QLatin1String("trainings") || w.apiType == QLatin1String("distributed");
}

qint64 lineIntervalMs(const SimWorkload &w)
{
    if (w.apiType == QLatin1String("workspaces"))
        return 5 * minute;
    if (w.apiType == QLatin1String("inferences"))
        return 20 * second;
    return 30 * second;
}

int gpusOfPod(const SimWorkload &w)
{
    return w.gpuRequestKind == QLatin1String("whole")
               ? int(w.gpusPerPod)
               : (w.gpuRequestKind == QLatin1String("none") ? 0 : 1);
}

QString ipOf(const SimWorkload &w, int podIndex)
{
    const quint64 h = stableHash(w.id + QString::number(podIndex));
    return QStringLiteral("10.%1.%2.%3")
        .arg(64 + h % 64)
        .arg((h >> 8) % 256)
        .arg(2 + (h >> 16) % 250);
}

double lossAt(const SimWorkload &w, double fraction, qint64 step)
{
    const double noise = stableUnit(w.id + QStringLiteral("/loss/") + QString::number(step)) - 0.5;
    const double floor = 0.8 + 0.6 * stableUnit(w.id + QStringLiteral("/floor"));
    return floor + 2.8 * std::exp(-3.2 * fraction) + 0.04 * noise;
}

QStringList startupLines(const SimWorkload &w, int podIndex)
{
    const SimPod &pod = w.pods.at(podIndex);
    QStringList devices;
    for (int d : pod.gpuDevices)
        devices.append(QString::number(d));
    QStringList lines;
    lines << QStringLiteral("[gpudesk-sim] simulated container %1 (image %2) on node %3")
                 .arg(containerName(w), imageOf(w), pod.nodeName);
    if (w.gpuRequestKind != QLatin1String("none"))
        lines
            << QStringLiteral(
                   "[INFO] CUDA 12.4 | driver 550.54.15 | visible GPUs: %1 x NVIDIA H100 80GB HBM3 "
                   "(devices %2)")
                   .arg(gpusOfPod(w))
                   .arg(devices.join(QLatin1Char(',')));
    if (w.apiType == QLatin1String("workspaces")) {
        lines << QStringLiteral(
                     "[I ServerApp] Jupyter Server 2.14.1 is running at: http://%1:8888/lab")
                     .arg(ipOf(w, podIndex))
              << QStringLiteral(
                     "[I ServerApp] Use Control-C to stop this server and shut down all kernels.");
        return lines;
    }
    if (w.apiType == QLatin1String("inferences")) {
        lines << QStringLiteral(
            "INFO:     Loading model weights (meta-llama/Llama-3.1-8B-Instruct), 16.1 GB")
              << QStringLiteral(
                     "INFO:     Model loaded in 41.7 s; KV cache: 52.3 GiB, max batch 256")
              << QStringLiteral(
                     "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)");
        return lines;
    }
    if (w.apiType == QLatin1String("distributed")) {
        const int ranks = w.podCount * std::max(1, gpusOfPod(w));
        const int rank0 = podIndex * std::max(1, gpusOfPod(w));
        lines
            << QStringLiteral(
                   "[INFO] %1 %2: MASTER_ADDR=%3-master-0 MASTER_PORT=23456 WORLD_SIZE=%4 RANK=%5")
                   .arg(w.distributedFramework.isEmpty() ? QStringLiteral("PyTorch")
                                                         : w.distributedFramework,
                        pod.role,
                        w.name)
                   .arg(ranks)
                   .arg(rank0)
            << QStringLiteral("%1:%2:%2 [0] NCCL INFO Bootstrap : Using eth0:%3<0>")
                   .arg(pod.name)
                   .arg(100 + podIndex)
                   .arg(ipOf(w, podIndex))
            << QStringLiteral("%1:%2:%2 [0] NCCL INFO NET/IB : Using [0]mlx5_0:1/IB [1]mlx5_1:1/IB "
                              "; OOB eth0:%3<0>")
                   .arg(pod.name)
                   .arg(100 + podIndex)
                   .arg(ipOf(w, podIndex))
            << QStringLiteral("%1:%2:%2 [0] NCCL INFO comm 0x7f3a%3 rank %4 nranks %5 cudaDev 0 "
                              "busId 18000 - Init COMPLETE")
                   .arg(pod.name)
                   .arg(100 + podIndex)
                   .arg(stableHash(w.id) % 0xffff, 4, 16, QLatin1Char('0'))
                   .arg(rank0)
                   .arg(ranks);
    }
    lines << QStringLiteral("[INFO] Loading dataset from /data/%1 (2,048 shards, 1.2 TB)")
                 .arg(w.projectName)
          << QStringLiteral("[INFO] Model: decoder-only transformer, 6.7B parameters, bf16, FSDP");
    if (w.attemptStartProgressSimMs > 0)
        lines << QStringLiteral("[INFO] Resuming from checkpoint /checkpoints/%1/step-%2.pt")
                     .arg(w.name)
                     .arg(w.attemptStartProgressSimMs / lineIntervalMs(w) * 10);
    return lines;
}

QString periodicLine(const SimWorkload &w, int podIndex, qint64 k, qint64 offsetMs)
{
    if (w.apiType == QLatin1String("workspaces"))
        return stableUnit(w.id + QString::number(k)) < 0.5
                   ? QStringLiteral("[I ServerApp] Saving file at /notebooks/experiment-%1.ipynb")
                         .arg(1 + k % 7)
                   : QStringLiteral("[I ServerApp] Kernel restarted: %1")
                         .arg(stableHash(w.id + QString::number(k)) % 100000000,
                              8,
                              16,
                              QLatin1Char('0'));
    if (w.apiType == QLatin1String("inferences")) {
        const double rps = 20
                           + 60 * stableUnit(w.id + QStringLiteral("/rps/") + QString::number(k));
        return QStringLiteral("INFO:     Avg prompt throughput: %1 tokens/s, generation "
                              "throughput: %2 tokens/s, "
                              "running: %3 reqs, GPU KV cache usage: %4%")
            .arg(rps * 41, 0, 'f', 1)
            .arg(rps * 23, 0, 'f', 1)
            .arg(int(rps / 4))
            .arg(20 + 60 * stableUnit(w.id + QString::number(k)), 0, 'f', 1);
    }
    const double fraction = w.durationSimMs > 0 ? double(offsetMs) / double(w.durationSimMs) : 0;
    const qint64 step = (k + 1) * 10;
    const qint64 totalSteps = std::max<qint64>(10, w.durationSimMs / lineIntervalMs(w) * 10);
    const double throughput = (1700 + 400 * stableUnit(w.id + QStringLiteral("/tp"))) * w.podCount
                              * (1.0 + 0.03 * (stableUnit(w.id + QString::number(k)) - 0.5));
    if (podIndex > 0 && w.apiType == QLatin1String("distributed"))
        return QStringLiteral("[rank %1] step %2 | allreduce %3 ms")
            .arg(podIndex)
            .arg(step)
            .arg(18 + 6 * stableUnit(w.id + QString::number(k * 7 + podIndex)), 0, 'f', 1);
    return QStringLiteral("step %1/%2 | loss %3 | lr %4 | %5 samples/s | %6 TFLOPs/GPU")
        .arg(step)
        .arg(totalSteps)
        .arg(lossAt(w, fraction, step), 0, 'f', 4)
        .arg(3e-4 * (0.1 + 0.9 * (1 - fraction)), 0, 'e', 2)
        .arg(throughput, 0, 'f', 1)
        .arg(380 + 60 * stableUnit(w.id + QStringLiteral("/tf") + QString::number(k)), 0, 'f', 1);
}

} // namespace

qint64 initDurationMs(const SimWorkload &w)
{
    if (w.apiType == QLatin1String("distributed"))
        return 90 * second;
    if (w.apiType == QLatin1String("inferences"))
        return 60 * second;
    if (w.apiType == QLatin1String("workspaces"))
        return 30 * second;
    return 40 * second;
}

qint64 checkpointIntervalMs(const SimWorkload &w)
{
    if (!isTraining(w))
        return 0;
    // every 10 minutes, more often for short runs (at least a few checkpoints per run), on a log line
    const qint64 quarter = w.durationSimMs / 4 / lineIntervalMs(w) * lineIntervalMs(w);
    return std::max(lineIntervalMs(w), std::min<qint64>(10 * minute, quarter));
}

qint64 checkpointFloor(const SimWorkload &w, qint64 progressSimMs)
{
    const qint64 interval = checkpointIntervalMs(w);
    return interval > 0 ? progressSimMs / interval * interval : 0;
}

QString containerName(const SimWorkload &w)
{
    return w.name;
}

QString imageOf(const SimWorkload &w)
{
    const QString image = w.spec.value(QLatin1String("image")).toString();
    if (!image.isEmpty())
        return image;
    if (w.apiType == QLatin1String("workspaces"))
        return QStringLiteral("jupyter/scipy-notebook:2024-05-27");
    if (w.apiType == QLatin1String("inferences"))
        return QStringLiteral("vllm/vllm-openai:v0.5.4");
    return QStringLiteral("nvcr.io/nvidia/pytorch:24.05-py3");
}

QString failureText(const SimWorkload &w)
{
    static const char *const errors[] = {
        "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.50 GiB. GPU 0 has a total "
        "capacity "
        "of 79.10 GiB of which 1.21 GiB is free.",
        "RuntimeError: NCCL communicator was aborted on rank 3. Original reason for failure was: "
        "[Rank 3] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=51873, "
        "OpType=ALLREDUCE) ran "
        "for 600041 milliseconds before timing out.",
        "FileNotFoundError: [Errno 2] No such file or directory: "
        "'/data/shards/train-01873.parquet'",
        "ValueError: Loss is NaN at step 4210; check the learning rate and the input data.",
    };
    const quint64 pick = stableHash(w.id + QStringLiteral("/error"))
                         % (w.apiType == QLatin1String("distributed") ? 4 : 3);
    const int index = w.apiType == QLatin1String("distributed") || pick != 1 ? int(pick) : 3;
    return QString::fromLatin1(errors[index]);
}

QVector<LogLine> podLog(const SimWorkload &w, int podIndex, double timeScale, int maxLines)
{
    QVector<LogLine> out;
    if (podIndex < 0 || podIndex >= w.pods.size())
        return out;
    const SimPod &pod = w.pods.at(podIndex);
    if (pod.startedAtMs <= 0)
        return out; // the container has not started in this attempt
    const double scale = timeScale > 0 ? timeScale : 1.0;
    const qint64 startProgress = w.attemptStartProgressSimMs;
    const qint64 progress = w.progressSimMs;
    auto wallAt = [&](qint64 progressMs) {
        return pod.startedAtMs + qint64(double(progressMs - startProgress) / scale);
    };
    for (const QString &line : startupLines(w, podIndex))
        out.append({pod.startedAtMs, line});
    const qint64 interval = lineIntervalMs(w);
    const qint64 firstK = startProgress / interval;
    qint64 lastK = progress / interval - 1; // lines whose time has come
    qint64 fromK = std::max(firstK, lastK - maxLines);
    const qint64 ckpt = checkpointIntervalMs(w);
    for (qint64 k = fromK; k <= lastK; ++k) {
        const qint64 offset = (k + 1) * interval;
        out.append({wallAt(offset), periodicLine(w, podIndex, k, offset)});
        if (ckpt > 0 && podIndex == 0 && offset % ckpt == 0
            && (w.durationSimMs == 0 || offset < w.durationSimMs))
            out.append({wallAt(offset),
                        QStringLiteral(
                            "[INFO] Saved checkpoint /checkpoints/%1/step-%2.pt (13.4 GB) in %3 s")
                            .arg(w.name)
                            .arg((k + 1) * 10)
                            .arg(15 + 10 * stableUnit(w.id + QString::number(k)), 0, 'f', 1)});
    }
    if (w.phase == QLatin1String("Completed") && isTraining(w))
        out.append({w.completedAtMs,
                    QStringLiteral("[INFO] Training finished: %1 steps, final loss %2. Model saved "
                                   "to /checkpoints/%3/final.pt")
                        .arg(std::max<qint64>(10, w.durationSimMs / interval * 10))
                        .arg(lossAt(w, 1.0, 0), 0, 'f', 4)
                        .arg(w.name)});
    else if (w.phase == QLatin1String("Completed"))
        out.append({w.completedAtMs, QStringLiteral("[INFO] Shutting down: work finished")});
    else if (w.phase == QLatin1String("Failed")) {
        out.append({w.completedAtMs, QStringLiteral("Traceback (most recent call last):")});
        out.append({w.completedAtMs,
                    QStringLiteral("  File \"/workspace/train.py\", line 214, in <module>")});
        out.append({w.completedAtMs, QStringLiteral("    trainer.fit(model, datamodule)")});
        out.append({w.completedAtMs, w.failureMessage});
    }
    if (out.size() > maxLines)
        out.remove(0, out.size() - maxLines);
    return out;
}

} // namespace gpudesk::cluster
