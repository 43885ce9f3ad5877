#include "servercommands.h"

#include <QTextStream>

int runClusterCommand(const QStringList &)
{
    QTextStream(stderr) << "gpudesk-server cluster: not built yet\n";
    return 2;
}
