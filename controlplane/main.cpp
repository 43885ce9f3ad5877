// gpudesk-server: the reference control plane, a simulated GPU cluster, or the sandbox (both at once).
#include "gpudesk_version.h"
#include "servercommands.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

const char *const usageText
    = "usage: gpudesk-server controlplane --listen HOST:PORT --db PATH [options]\n"
      "       gpudesk-server cluster --name NAME --control-plane URL --cluster-token T [options]\n"
      "       gpudesk-server sandbox [--dir D] [--time-scale N]\n"
      "       gpudesk-server --version | --help\n"
      "Each sub-command takes --help for its own options.\n";

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gpudesk-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GPUDESK_VERSION));
    QStringList arguments = QCoreApplication::arguments().mid(1);
    const QString command = arguments.isEmpty() ? QString() : arguments.takeFirst();
    QTextStream out(stdout);
    if (command == QLatin1String("controlplane"))
        return runControlPlaneCommand(arguments);
    if (command == QLatin1String("cluster"))
        return runClusterCommand(arguments);
    if (command == QLatin1String("sandbox"))
        return runSandboxCommand(arguments);
    if (command == QLatin1String("--version")) {
        out << "gpudesk-server " << GPUDESK_VERSION << '\n';
        return 0;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        out << usageText;
        return 0;
    }
    QTextStream(stderr) << usageText;
    return 2;
}
