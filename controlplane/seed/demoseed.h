#pragma once
// `--seed demo`: the demo tenant of the issue (departments 1-3, projects 1a, 2a, 2b, 3a, users X/Y/Z and
// one user per notable role, two clusters with known one-time cluster tokens).

#include <QJsonObject>
#include <QString>

namespace gpudesk::core {

class ControlPlane;

// Default password of every demo user when GPUDESK_DEMO_PASSWORD is unset. Sandbox only.
inline constexpr const char *defaultDemoPassword = "gpudesk-demo";

// Seeds once (later calls only refresh the cluster tokens). Fills `clusterTokens` with
// {"cluster-a": "<token or null once registered>", "cluster-b": ...}. Returns an error or empty.
QString seedDemo(ControlPlane &controlPlane, QJsonObject *clusterTokens);

} // namespace gpudesk::core
