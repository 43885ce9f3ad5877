#pragma once

// Simulated timing and text of a workload: how long it initialises, where it checkpoints, what its
// container is called, how it fails, and its deterministic log (start-up, NCCL init for distributed,
// steps with loss and throughput, checkpoints, the end).

#include "clustermodel.h"

#include <QString>
#include <QVector>

namespace gpudesk::cluster {

qint64 initDurationMs(const SimWorkload &w);
qint64 checkpointIntervalMs(const SimWorkload &w); // 0 = no checkpoints
qint64 checkpointFloor(const SimWorkload &w, qint64 progressSimMs);
QString containerName(const SimWorkload &w);
QString imageOf(const SimWorkload &w);
QString failureText(const SimWorkload &w);

struct LogLine
{
    qint64 wallMs = 0; // timestamp of the line
    QString text;
};

// The log of one pod's current attempt, up to the workload's present progress. `timeScale` maps
// simulated offsets back to wall-clock timestamps. At most `maxLines` of the newest lines.
QVector<LogLine> podLog(const SimWorkload &w, int podIndex, double timeScale, int maxLines = 20000);

} // namespace gpudesk::cluster
