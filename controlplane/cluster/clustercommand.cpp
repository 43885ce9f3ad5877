// gpudesk-server cluster: one simulated GPU cluster.
#include "servercommands.h"

#include "clusterserver.h"
#include "signalquit.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTextStream>

using namespace gpudesk::cluster;

namespace {

const char *const clusterHelp
    = "usage: gpudesk-server cluster --name NAME --control-plane URL --cluster-token T\n"
      "                              --listen HOST:PORT --nodes SPEC --state PATH\n"
      "                              [--time-scale N] [--seed demo] [--cycle-ms MS]\n"
      "\n"
      "A simulated GPU cluster. It registers OUTBOUND with its control plane (cluster-sync; the "
      "control\n"
      "plane never connects to it), then every cycle pulls quotas, access rules and queued "
      "submissions,\n"
      "runs one scheduling cycle per node pool with the gpudesk scheduling engine, advances "
      "workloads and\n"
      "pushes nodes, node pools, workloads, pods, events and metrics. Everything it reports is "
      "labelled\n"
      "simulated (platform.type = simulated).\n"
      "\n"
      "  --name NAME            cluster name as created in the control plane\n"
      "  --control-plane URL    the control plane, e.g. http://127.0.0.1:8480\n"
      "  --cluster-token T      one-time cluster token from the cluster's install info; only "
      "needed until\n"
      "                         the cluster has registered (the state file then keeps its sync "
      "token).\n"
      "                         Also read from GPUDESK_CLUSTER_TOKEN so it need not appear in "
      "`ps`.\n"
      "  --listen HOST:PORT     the cluster's own API; port 0 picks a free port (default "
      "127.0.0.1:0)\n"
      "  --nodes SPEC           node pools, e.g. pool-a:16x8xH100,pool-b:4x8xH100 (nodes x GPUs x "
      "type);\n"
      "                         a spec without a pool name means the pool 'default'\n"
      "  --state PATH           SQLite state file (WAL); a restarted cluster resumes its "
      "workloads\n"
      "  --time-scale N         simulated seconds per real second (default 1)\n"
      "  --seed demo            keep a steady mix of demo workloads in every project\n"
      "  --cycle-ms MS          loop period (default 1000)\n"
      "  --preload N            benchmarks: hold N workloads (active and queued ones asking 1.25x "
      "the GPUs,\n"
      "                         the rest finished history), replacing finished work every cycle\n"
      "  --stats                print cycle figures (engine, simulation, push) to stderr every 10 "
      "cycles\n"
      "\n"
      "Prints 'cluster NAME listening on http://HOST:PORT' when ready. Workload annotations:\n"
      "gpudesk.sim/duration (e.g. 45m) sets the run time; gpudesk.sim/outcome = succeed|fail "
      "forces the end.\n";

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535 || !address->setAddress(text.left(colon)))
        return false;
    *port = quint16(p);
    return true;
}

} // namespace

int runClusterCommand(const QStringList &arguments)
{
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (arguments.contains(QLatin1String("--help")) || arguments.contains(QLatin1String("-h"))) {
        out << clusterHelp;
        return 0;
    }
    QCommandLineParser parser;
    const QStringList valued = {QStringLiteral("name"),
                                QStringLiteral("control-plane"),
                                QStringLiteral("cluster-token"),
                                QStringLiteral("listen"),
                                QStringLiteral("nodes"),
                                QStringLiteral("state"),
                                QStringLiteral("time-scale"),
                                QStringLiteral("seed"),
                                QStringLiteral("cycle-ms"),
                                QStringLiteral("preload")};
    for (const QString &name : valued)
        parser.addOption(QCommandLineOption(name, QString(), QStringLiteral("value")));
    parser.addOption(QCommandLineOption(QStringLiteral("stats")));
    if (!parser.parse(QStringList {QStringLiteral("gpudesk-server")} + arguments)) {
        err << "gpudesk-server cluster: " << parser.errorText() << "\n" << clusterHelp;
        return 2;
    }
    ClusterOptions options;
    options.name = parser.value(QStringLiteral("name"));
    options.controlPlaneUrl = QUrl(parser.value(QStringLiteral("control-plane")));
    options.clusterToken = parser.value(QStringLiteral("cluster-token")).toUtf8();
    if (options.clusterToken.isEmpty())
        options.clusterToken = qgetenv("GPUDESK_CLUSTER_TOKEN");
    options.seed = parser.value(QStringLiteral("seed"));
    auto fail = [&err](const QString &message) {
        err << "gpudesk-server cluster: " << message << '\n';
        return 2;
    };
    if (options.name.isEmpty())
        return fail(QStringLiteral("--name is required"));
    if (!options.controlPlaneUrl.isValid() || options.controlPlaneUrl.scheme().isEmpty()
        || options.controlPlaneUrl.host().isEmpty())
        return fail(QStringLiteral("--control-plane must be a URL such as http://127.0.0.1:8480"));
    const QString listen = parser.isSet(QStringLiteral("listen"))
                               ? parser.value(QStringLiteral("listen"))
                               : QStringLiteral("127.0.0.1:0");
    if (!parseListen(listen, &options.listenAddress, &options.listenPort))
        return fail(QStringLiteral("--listen '%1' is not HOST:PORT, e.g. 127.0.0.1:0").arg(listen));
    QString specError;
    const auto pools = parseNodeSpec(parser.value(QStringLiteral("nodes")), &specError);
    if (!pools)
        return fail(specError);
    options.pools = *pools;
    options.statePath = parser.value(QStringLiteral("state"));
    if (options.statePath.isEmpty())
        options.statePath = QDir(QStandardPaths::writableLocation(
                                     QStandardPaths::AppLocalDataLocation))
                                .filePath(QStringLiteral("clusters/%1.sqlite").arg(options.name));
    if (parser.isSet(QStringLiteral("time-scale"))) {
        bool ok = false;
        options.timeScale = parser.value(QStringLiteral("time-scale")).toDouble(&ok);
        if (!ok || options.timeScale <= 0 || options.timeScale > 100000)
            return fail(QStringLiteral("--time-scale must be a number above 0 (e.g. 60 = one "
                                       "simulated minute per second)"));
    }
    if (parser.isSet(QStringLiteral("cycle-ms"))) {
        bool ok = false;
        options.cycleMs = parser.value(QStringLiteral("cycle-ms")).toInt(&ok);
        if (!ok || options.cycleMs < 50 || options.cycleMs > 60000)
            return fail(QStringLiteral("--cycle-ms must be between 50 and 60000"));
    }
    options.stats = parser.isSet(QStringLiteral("stats"));
    if (parser.isSet(QStringLiteral("preload"))) {
        bool ok = false;
        options.preload = parser.value(QStringLiteral("preload")).toInt(&ok);
        if (!ok || options.preload < 0 || options.preload > 100000)
            return fail(QStringLiteral("--preload must be between 0 and 100000"));
    }
    if (!options.seed.isEmpty() && options.seed != QLatin1String("demo"))
        return fail(QStringLiteral("--seed takes 'demo' (a steady mix of demo workloads)"));

    quitOnTerminationSignals();
    ClusterServer server(options);
    if (const QString error = server.start(); !error.isEmpty())
        return fail(error);
    out << "cluster " << options.name << " listening on " << server.url() << Qt::endl;
    return QCoreApplication::exec();
}
