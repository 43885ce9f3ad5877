#include "servercommands.h"

#include <QTextStream>

int runControlPlaneCommand(const QStringList &)
{
    QTextStream(stderr) << "gpudesk-server controlplane: not built yet\n";
    return 2;
}
