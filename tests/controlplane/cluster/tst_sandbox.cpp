// `gpudesk-server sandbox` as the desktop app runs it: a child process that prints its URLs and
// demo logins, writes sandbox.json, announces "sandbox ready" once, keeps a steady mix of workloads
// going, and stops every child on SIGTERM.
#include "e2ehelpers.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>

#include <csignal>

using namespace e2e;

namespace {

// Gone, or a zombie nobody reaps (the sandbox's orphans are re-parented to whatever init runs here).
bool processGone(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const int close = text.lastIndexOf(')');
    return close >= 0 && text.mid(close + 2, 1) == "Z";
}

// Starts `gpudesk-server sandbox --dir DIR` and waits for "sandbox ready"; the output so far.
QByteArray startSandbox(QProcess &sandbox, const QString &dir)
{
    sandbox.setProcessChannelMode(QProcess::SeparateChannels);
    sandbox.setStandardErrorFile(QProcess::nullDevice());
    sandbox.start(serverBinary(),
                  {QStringLiteral("sandbox"),
                   QStringLiteral("--dir"),
                   dir,
                   QStringLiteral("--time-scale"),
                   QStringLiteral("60")});
    QByteArray out;
    waitFor(
        [&] {
            out += sandbox.readAllStandardOutput();
            return out.contains("sandbox ready\n") || sandbox.state() == QProcess::NotRunning;
        },
        90000);
    return out;
}

QList<qint64> clusterPids(const QString &dir)
{
    QFile file(QDir(dir).filePath(QStringLiteral("sandbox.json")));
    QList<qint64> pids;
    if (!file.open(QIODevice::ReadOnly))
        return pids;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    for (const auto &v : json.value(QStringLiteral("clusters")).toArray())
        pids << qint64(v.toObject().value(QStringLiteral("pid")).toDouble());
    return pids;
}

} // namespace

class TestSandbox : public QObject
{
    Q_OBJECT

private slots:
    void startsSeedsAndStopsCleanly()
    {
        QTemporaryDir dir;
        QProcess sandbox;
        const QByteArray out = startSandbox(sandbox, dir.path());
        QVERIFY2(out.endsWith("sandbox ready\n"), out.constData()); // the last line, and only once
        QCOMPARE(out.count("sandbox ready"), 1);
        QVERIFY(out.contains("admin@demo.local") && out.contains("x@demo.local"));

        QFile file(QDir(dir.path()).filePath(QStringLiteral("sandbox.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        const QString cpUrl = json.value(QStringLiteral("controlPlaneUrl")).toString();
        QVERIFY(out.contains(cpUrl.toUtf8()));
        const QJsonArray clusters = json.value(QStringLiteral("clusters")).toArray();
        QCOMPARE(clusters.size(), 2);
        QStringList names;
        QList<qint64> pids;
        QHash<QString, QString> urls;
        for (const auto &v : clusters) {
            const QJsonObject c = v.toObject();
            names << c.value(QStringLiteral("name")).toString();
            pids << qint64(c.value(QStringLiteral("pid")).toDouble());
            urls.insert(c.value(QStringLiteral("name")).toString(),
                        c.value(QStringLiteral("url")).toString());
            QVERIFY(
                QFileInfo::exists(QStringLiteral("/proc/%1").arg(pids.last()))); // its own process
            QCOMPARE(call("GET",
                          c.value(QStringLiteral("url")).toString() + QStringLiteral("/healthz"))
                         .status,
                     200);
        }
        QCOMPARE(names, (QStringList {QStringLiteral("cluster-a"), QStringLiteral("cluster-b")}));
        QVERIFY(pids.at(0) != pids.at(1) && pids.at(0) != sandbox.processId());

        const QByteArray admin = signIn(cpUrl, QStringLiteral("admin@demo.local"));
        QVERIFY(!admin.isEmpty());
        // cluster-a: pool-a 16 + pool-b 4 nodes; cluster-b: 8 nodes; all 8 x H100
        const QJsonArray nodesA = call("GET",
                                       urls.value(QStringLiteral("cluster-a"))
                                           + QStringLiteral("/api/v1/nodes"),
                                       admin)
                                      .object.value(QStringLiteral("nodes"))
                                      .toArray();
        QCOMPARE(nodesA.size(), 20);
        int poolB = 0;
        for (const auto &n : nodesA)
            poolB += n.toObject().value(QStringLiteral("nodePool")).toString()
                     == QLatin1String("pool-b");
        QCOMPARE(poolB, 4);
        QCOMPARE(call("GET",
                      urls.value(QStringLiteral("cluster-b")) + QStringLiteral("/api/v1/nodes"),
                      admin)
                     .object.value(QStringLiteral("nodes"))
                     .toArray()
                     .size(),
                 8);

        // the seeded mix: running work in several projects, and a pending queue with explanations
        QVERIFY(waitFor(
            [&] {
                const Reply list = call("GET",
                                        cpUrl + QStringLiteral("/api/v1/workloads?limit=500"),
                                        admin);
                QSet<QString> runningProjects;
                bool explainedPending = false;
                for (const auto &v : list.object.value(QStringLiteral("workloads")).toArray()) {
                    const QJsonObject w = v.toObject();
                    if (w.value(QStringLiteral("phase")).toString() == QLatin1String("Running"))
                        runningProjects.insert(w.value(QStringLiteral("projectName")).toString());
                    if (w.value(QStringLiteral("phase")).toString() == QLatin1String("Pending")
                        && !w.value(QStringLiteral("pendingSchedulingMessages")).toArray().isEmpty())
                        explainedPending = true;
                }
                return runningProjects.size() >= 3 && explainedPending;
            },
            60000));

        sandbox.terminate();
        QVERIFY(sandbox.waitForFinished(30000));
        QCOMPARE(sandbox.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sandbox.exitCode(), 0);
        for (qint64 pid : pids)
            QVERIFY2(processGone(pid), "every cluster child is gone");
    }

    // gpudesk killed, or the sandbox itself killed outright: its clusters must not run on.
    void killedSandboxTakesItsClustersWithIt()
    {
        QTemporaryDir dir;
        QProcess sandbox;
        const QByteArray out = startSandbox(sandbox, dir.path());
        QVERIFY2(out.endsWith("sandbox ready\n"), out.constData());
        const QList<qint64> pids = clusterPids(dir.path());
        QCOMPARE(pids.size(), 2);
        for (qint64 pid : pids)
            QVERIFY(!processGone(pid));
        const auto reapLeftovers = qScopeGuard([&pids] { // when the check below fails
            for (qint64 pid : pids)
                if (!processGone(pid))
                    ::kill(pid_t(pid), SIGKILL);
        });

        sandbox.kill(); // SIGKILL: no chance to stop its children itself
        QVERIFY(sandbox.waitForFinished(10000));
        QVERIFY2(waitFor([&] { return processGone(pids.at(0)) && processGone(pids.at(1)); }, 20000),
                 "the clusters of a killed sandbox stop by themselves");
    }
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
