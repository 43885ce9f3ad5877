// gpudesk-bench-app [--minutes N] [--sample-seconds S]
//
// 1. Starts the real sandbox (gpudesk-server sandbox, beside this program's build tree) and waits for
//    "sandbox ready" (not timed: the goal is about the app).
// 2. Cold start: from creating the app (main window, pages, session) to the Overview painted with its
//    first complete live data. Goal ≤ 1 s.
// 3. Memory: the process's resident set size while the app keeps refreshing live for N minutes
//    (default 10), sampled every S seconds. Goal ≤ 150 MB and flat.
#include "appcontroller.h"
#include "connectionprofile.h"
#include "mainwindow.h"
#include "overviewpage.h"
#include "sandboxlauncher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTextStream>
#include <QTimer>

namespace {

double rssMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

template<typename Sender, typename Signal>
bool waitFor(Sender *sender, Signal signal, int timeoutMs)
{
    QEventLoop loop;
    bool fired = false;
    QObject::connect(sender, signal, &loop, [&] {
        fired = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return fired;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("gpudesk-bench"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption minutes(QStringLiteral("minutes"),
                                     QStringLiteral("Memory run length."),
                                     QStringLiteral("n"),
                                     QStringLiteral("10"));
    const QCommandLineOption sample(QStringLiteral("sample-seconds"),
                                    QStringLiteral("Seconds between RSS samples."),
                                    QStringLiteral("s"),
                                    QStringLiteral("30"));
    parser.addOptions({minutes, sample});
    parser.process(app);
    QTextStream out(stdout);

    SandboxLauncher sandbox;
    sandbox.setServerPath(QDir(QCoreApplication::applicationDirPath())
                              .filePath(QStringLiteral("../../controlplane/gpudesk-server")));
    QString failure;
    QObject::connect(&sandbox, &SandboxLauncher::failed, [&](const QString &m) { failure = m; });
    sandbox.start();
    if (!waitFor(&sandbox, &SandboxLauncher::ready, 90000)) {
        out << "sandbox did not start: " << failure << '\n';
        return 1;
    }
    out << "sandbox ready at " << sandbox.info().controlPlaneUrl.toString() << '\n';
    // Let the clusters sync their nodes and workloads once, so "live data" means a populated tenant.
    QEventLoop settle;
    QTimer::singleShot(5000, &settle, &QEventLoop::quit);
    settle.exec();

    const double rssBefore = rssMegabytes();
    QElapsedTimer clock;
    clock.start();
    AppController controller({});
    ConnectionProfile profile;
    profile.name = QStringLiteral("bench");
    profile.controlPlaneUrl = sandbox.info().controlPlaneUrl;
    profile.username = SandboxLauncher::demoUser();
    controller.startWithProfile(profile, SandboxLauncher::demoPassword());
    if (!waitFor(&controller, &AppController::overviewLive, 30000)) {
        out << "the Overview never showed live data\n";
        return 1;
    }
    controller.window()->repaint(); // synchronous: the frame with the live numbers is painted
    const qint64 coldStartMs = clock.elapsed();
    out << "cold start to painted Overview with live data: " << coldStartMs
        << " ms (goal <= 1000)\n";
    out << "RSS before the app was created: " << QString::number(rssBefore, 'f', 1) << " MB\n";

    const int totalSeconds = parser.value(minutes).toInt() * 60;
    const int step = qMax(1, parser.value(sample).toInt());
    QList<double> samples {rssMegabytes()};
    out << "t=0 s RSS " << QString::number(samples.last(), 'f', 1) << " MB\n";
    out.flush();
    for (int t = step; t <= totalSeconds; t += step) {
        QEventLoop wait;
        QTimer::singleShot(step * 1000, &wait, &QEventLoop::quit);
        wait.exec();
        samples.append(rssMegabytes());
        out << "t=" << t << " s RSS " << QString::number(samples.last(), 'f', 1) << " MB\n";
        out.flush();
    }
    const double maxRss = *std::max_element(samples.cbegin(), samples.cend());
    // Growth over the second half of the run: start-up allocations (caches, fonts) settle in the first.
    const double mid = samples.at(samples.size() / 2);
    out << "RSS after " << totalSeconds << " s: " << QString::number(samples.last(), 'f', 1)
        << " MB (max " << QString::number(maxRss, 'f', 1) << " MB, goal <= 150)\n";
    out << "RSS growth over the whole run: "
        << QString::number(samples.last() - samples.first(), 'f', 1)
        << " MB; over the second half: " << QString::number(samples.last() - mid, 'f', 1)
        << " MB (goal: flat)\n";
    return 0;
}
