// gpudesk-server sandbox: one control plane (--seed demo) and two simulated clusters, each its own
// child process on a free loopback port, as real clusters would be. Prints the URLs and the demo
// logins, writes DIR/sandbox.json, then exactly one line "sandbox ready". SIGINT/SIGTERM stop all.
#include "servercommands.h"

#include "cluster/signalquit.h"
#include "sandboxprocess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

using namespace gpudesk::sandbox;

namespace {

const char *const sandboxHelp
    = "usage: gpudesk-server sandbox [--dir D] [--time-scale N]\n"
      "\n"
      "Runs a local sandbox: one control plane with the demo tenant (--seed demo) and two "
      "simulated GPU\n"
      "clusters, cluster-a (node pools pool-a: 16 and pool-b: 4 nodes of 8 x H100) and cluster-b "
      "(8 nodes),\n"
      "each as its own child process on a free loopback port, with a steady mix of demo "
      "workloads.\n"
      "Everything the clusters report is simulated.\n"
      "\n"
      "  --dir D          data folder (databases, cluster state, sandbox.json); default: the "
      "per-user\n"
      "                   data folder, e.g. ~/.local/share/gpudesk-server/sandbox\n"
      "  --time-scale N   simulated seconds per real second (default 10)\n"
      "\n"
      "Prints the URLs and demo logins, writes D/sandbox.json {controlPlaneUrl, "
      "clusters:[{name,url,pid}]},\n"
      "then one line 'sandbox ready'. Ctrl-C or SIGTERM stops every child cleanly. Demo users sign "
      "in with\n"
      "the password in GPUDESK_DEMO_PASSWORD (a sandbox-only default when unset).\n";

struct ClusterPlan
{
    QString name;
    QString nodes;
};

const QList<ClusterPlan> clusterPlans = {
    {QStringLiteral("cluster-a"), QStringLiteral("pool-a:16x8xH100,pool-b:4x8xH100")},
    {QStringLiteral("cluster-b"), QStringLiteral("default:8x8xH100")},
};

const char *const demoLogins[] = {
    "admin@demo.local      application administrator",
    "dept-admin@demo.local department administrator",
    "operator@demo.local   NVIDIA cloud operator",
    "support@demo.local    NVIDIA cloud support",
    "mle@demo.local        ML engineer",
    "manager@demo.local    research manager",
    "x@demo.local          researcher (Project 1-a, Project 2-b)",
    "y@demo.local          researcher (Departments 1 and 2)",
    "z@demo.local          researcher (Department 2, Project 3-a)",
};

} // namespace

int runSandboxCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.contains(QLatin1String("--help")) || arguments.contains(QLatin1String("-h"))) {
        out << sandboxHelp;
        return 0;
    }
    QCommandLineParser parser;
    parser.addOption(QCommandLineOption(QStringLiteral("dir"), QString(), QStringLiteral("D")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("time-scale"), QString(), QStringLiteral("N")));
    if (!parser.parse(QStringList {QStringLiteral("gpudesk-server")} + arguments)
        || !parser.positionalArguments().isEmpty()) {
        err << "gpudesk-server sandbox: "
            << (parser.errorText().isEmpty() ? QStringLiteral("unexpected argument")
                                             : parser.errorText())
            << "\n"
            << sandboxHelp;
        return 2;
    }
    QString dir = parser.value(QStringLiteral("dir"));
    if (dir.isEmpty())
        dir = QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
                  .filePath(QStringLiteral("sandbox"));
    dir = QDir(dir).absolutePath();
    double timeScale = 10;
    if (parser.isSet(QStringLiteral("time-scale"))) {
        bool ok = false;
        timeScale = parser.value(QStringLiteral("time-scale")).toDouble(&ok);
        if (!ok || timeScale <= 0 || timeScale > 100000) {
            err << "gpudesk-server sandbox: --time-scale must be a number above 0\n";
            return 2;
        }
    }
    if (!QDir().mkpath(dir)) {
        err << "gpudesk-server sandbox: cannot create the folder " << dir << '\n';
        return 2;
    }

    gpudesk::cluster::quitOnTerminationSignals();
    SandboxProcesses children;
    auto failAndStop = [&](const QString &message) {
        err << "gpudesk-server sandbox: " << message << Qt::endl;
        children.stopAll();
        return 1;
    };

    const QString exe = QCoreApplication::applicationFilePath();
    const QString tokensPath = QDir(dir).filePath(QStringLiteral("cluster-tokens.json"));
    SandboxChild *cp = children.start(QStringLiteral("control plane"),
                                      exe,
                                      {QStringLiteral("controlplane"),
                                       QStringLiteral("--listen"),
                                       QStringLiteral("127.0.0.1:0"),
                                       QStringLiteral("--db"),
                                       QDir(dir).filePath(QStringLiteral("controlplane.sqlite")),
                                       QStringLiteral("--seed"),
                                       QStringLiteral("demo"),
                                       QStringLiteral("--cluster-tokens-file"),
                                       tokensPath},
                                      {});
    const QString cpUrl = cp->waitForUrl(QStringLiteral("control plane listening on "), 60000);
    if (cpUrl.isEmpty())
        return failAndStop(QStringLiteral("the control plane did not start: ") + cp->lastOutput());

    ControlPlaneAdmin admin(cpUrl);
    if (const QString error = admin.signIn(); !error.isEmpty())
        return failAndStop(QStringLiteral("cannot sign in to the demo control plane: ") + error);

    QJsonArray clustersJson;
    QList<std::pair<QString, QString>> clusterUrls;
    for (const ClusterPlan &plan : clusterPlans) {
        const QString statePath = QDir(dir).filePath(plan.name + QStringLiteral(".sqlite"));
        QByteArray token;
        if (!stateFileIsRegistered(statePath)) {
            token = clusterTokenFromFile(tokensPath, plan.name);
            if (token.isEmpty())
                return failAndStop(
                    QStringLiteral(
                        "the control plane gave no registration token for %1 and its state "
                        "file %2 holds no registration; remove the data folder %3 to start "
                        "afresh")
                        .arg(plan.name, statePath, dir));
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!token.isEmpty())
            env.insert(QStringLiteral("GPUDESK_CLUSTER_TOKEN"),
                       QString::fromUtf8(token)); // not visible in `ps`
        SandboxChild *child = children.start(plan.name,
                                             exe,
                                             {QStringLiteral("cluster"),
                                              QStringLiteral("--name"),
                                              plan.name,
                                              QStringLiteral("--control-plane"),
                                              cpUrl,
                                              QStringLiteral("--listen"),
                                              QStringLiteral("127.0.0.1:0"),
                                              QStringLiteral("--nodes"),
                                              plan.nodes,
                                              QStringLiteral("--state"),
                                              statePath,
                                              QStringLiteral("--time-scale"),
                                              QString::number(timeScale),
                                              QStringLiteral("--seed"),
                                              QStringLiteral("demo")},
                                             env);
        const QString url
            = child->waitForUrl(QStringLiteral("cluster %1 listening on ").arg(plan.name), 30000);
        if (url.isEmpty())
            return failAndStop(
                QStringLiteral("cluster %1 did not start: %2").arg(plan.name, child->lastOutput()));
        clusterUrls.append({plan.name, url});
        clustersJson.append(QJsonObject {{QStringLiteral("name"), plan.name},
                                         {QStringLiteral("url"), url},
                                         {QStringLiteral("pid"), qint64(child->pid())}});
    }
    if (const QString error = admin.waitForConnected({clusterPlans.at(0).name,
                                                      clusterPlans.at(1).name},
                                                     60000);
        !error.isEmpty())
        return failAndStop(error);

    QSaveFile file(QDir(dir).filePath(QStringLiteral("sandbox.json")));
    const QJsonObject sandboxJson {{QStringLiteral("controlPlaneUrl"), cpUrl},
                                   {QStringLiteral("clusters"), clustersJson},
                                   {QStringLiteral("pid"),
                                    qint64(QCoreApplication::applicationPid())},
                                   {QStringLiteral("timeScale"), timeScale},
                                   {QStringLiteral("simulated"), true}};
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(sandboxJson).toJson()) < 0
        || !file.commit())
        return failAndStop(QStringLiteral("cannot write %1").arg(file.fileName()));

    out << "gpudesk sandbox (simulated GPU clusters; time runs " << timeScale << "x)\n";
    out << "  control plane: " << cpUrl << '\n';
    for (const auto &[name, url] : clusterUrls)
        out << "  " << name << ": " << url << '\n';
    out << "  data folder:   " << dir << '\n';
    out << "demo logins:\n";
    for (const char *login : demoLogins)
        out << "  " << login << '\n';
    if (qEnvironmentVariableIsSet("GPUDESK_DEMO_PASSWORD"))
        out << "  password: the value of GPUDESK_DEMO_PASSWORD\n";
    else
        out << "  password: " << demoPassword()
            << " (sandbox-only default; set GPUDESK_DEMO_PASSWORD to change)\n";
    out << "sandbox ready" << Qt::endl;

    // The control plane going away ends the sandbox; a cluster going away is what a real outage looks
    // like, so it is reported and the rest keeps running.
    QObject::connect(cp,
                     &SandboxChild::exited,
                     QCoreApplication::instance(),
                     [&err](const QString &what) {
                         err << "gpudesk-server sandbox: " << what << "; stopping" << Qt::endl;
                         QCoreApplication::exit(1);
                     });
    const int status = QCoreApplication::exec();
    children.stopAll();
    return status;
}
