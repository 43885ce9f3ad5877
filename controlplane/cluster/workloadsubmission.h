#pragma once

// Turns a Run:ai submission body (POST /api/v1/workloads/<type>) into a SimWorkload, with validation
// errors in plain words. Also decides the simulated duration and outcome (annotations or defaults).

#include "clustermodel.h"
#include "desiredstate.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace gpudesk::cluster {

struct SubmissionError
{
    int status = 400;
    QString message;
    QString details;
};

struct SubmissionContext
{
    QString apiType;    // trainings | workspaces | distributed | inferences
    QString workloadId; // preset by the control plane for queued submissions, else generated
    QString submittedBy;
    QString source; // Control-plane | Other
    QString clusterId;
    QStringList clusterNodePools; // in spec order
    qint64 nowMs = 0;
};

bool isWorkloadApiType(const QString &type);

// On success the workload is in phase Creating with its pods defined (not placed).
std::optional<SimWorkload> parseSubmission(const QJsonObject &body,
                                           const SubmissionContext &context,
                                           const DesiredState &org,
                                           SubmissionError *error);

// "45m", "2h", "1h30m", "90s", "3600" (seconds) → milliseconds; nullopt when malformed.
std::optional<qint64> parseSimDuration(const QString &text);
// "10G", "512Mi", "20M" → MiB; nullopt when malformed.
std::optional<qint64> parseMemoryMib(const QString &text);

} // namespace gpudesk::cluster
