#include "servercommands.h"

#include <QTextStream>

int runSandboxCommand(const QStringList &)
{
    QTextStream(stderr) << "gpudesk-server sandbox: not built yet\n";
    return 2;
}
