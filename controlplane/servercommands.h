#pragma once

#include <QStringList>

// The three faces of gpudesk-server. Each takes the arguments after its sub-command name and returns
// the process exit status; each runs its own event loop on the QCoreApplication that main() made.
int runControlPlaneCommand(const QStringList &arguments);
int runClusterCommand(const QStringList &arguments);
int runSandboxCommand(const QStringList &arguments);
