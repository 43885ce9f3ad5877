// Against the real control plane (gpudesk-server controlplane --seed demo) and the real sandbox started
// inside the test on loopback: login, refresh, logout (keychain entries gone, the old refresh token
// refused); every model through a full load; a snapshot of the sandbox round-trips through the scenario
// format. Run through scripts/test-session (keychain).
#include "enginebridge.h"
#include "keychainreader.h"
#include "keychainstore.h"
#include "orgtreemodel.h"
#include "rolepermissionmodel.h"
#include "sandboxlauncher.h"
#include "session.h"
#include "tablemodels.h"
#include "workloadmodel.h"

#include <QAbstractItemModelTester>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace {

QString serverPath()
{
    return qEnvironmentVariable("GPUDESK_BUILD_DIR")
           + QStringLiteral("/controlplane/gpudesk-server");
}

QString demoPassword()
{
    const QString p = qEnvironmentVariable("GPUDESK_DEMO_PASSWORD");
    return p.isEmpty() ? QStringLiteral("gpudesk-demo") : p;
}

template<typename T>
Result<T> wait(const std::function<void(ControlPlaneClient::Handler<T>)> &call)
{
    // Shared, so that an answer arriving after a timed-out wait writes into live memory.
    auto result = std::make_shared<std::optional<Result<T>>>();
    call([result](const Result<T> &r) { *result = r; });
    if (!QTest::qWaitFor([&] { return result->has_value(); }, 20000))
        return Result<T>::failure(
            ApiError::make(ApiError::Kind::Timeout, QStringLiteral("test wait")));
    return **result;
}

} // namespace

class TestRealControlPlane : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void loginRefreshLogout();
    void modelsThroughAFullLoad();
    void sandboxSnapshotRoundTrips();

private:
    QTemporaryDir m_dir;
    QProcess m_server;
    QUrl m_url;
};

void TestRealControlPlane::initTestCase()
{
    QVERIFY2(QFile::exists(serverPath()),
             qPrintable(serverPath() + QStringLiteral(" is not built")));
    m_server.setProcessChannelMode(QProcess::MergedChannels);
    m_server.start(serverPath(),
                   {QStringLiteral("controlplane"),
                    QStringLiteral("--listen"),
                    QStringLiteral("127.0.0.1:0"),
                    QStringLiteral("--db"),
                    m_dir.filePath(QStringLiteral("cp.db")),
                    QStringLiteral("--seed"),
                    QStringLiteral("demo")});
    QVERIFY(m_server.waitForStarted(10000));
    const QRegularExpression ready(QStringLiteral("control plane listening on (\\S+)"));
    QByteArray output;
    QVERIFY(QTest::qWaitFor(
        [&] {
            output += m_server.readAll();
            const auto match = ready.match(QString::fromUtf8(output));
            if (match.hasMatch())
                m_url = QUrl(match.captured(1));
            return m_url.isValid() || m_server.state() == QProcess::NotRunning;
        },
        60000));
    QVERIFY2(m_url.isValid(), output.constData());
}

void TestRealControlPlane::cleanupTestCase()
{
    m_server.terminate();
    if (!m_server.waitForFinished(5000))
        m_server.kill();
}

void TestRealControlPlane::loginRefreshLogout()
{
    KeychainStore keychain(QStringLiteral("gpudesk-test"));
    ConnectionProfile profile;
    profile.name = QStringLiteral("real-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    profile.controlPlaneUrl = m_url;
    profile.username = QStringLiteral("admin@demo.local");
    profile.network.proxy.mode = ProxySettings::Mode::None;
    Session session(profile, &keychain);
    QSignalSpy loggedIn(&session, &Session::loggedIn);
    QSignalSpy failed(&session, &Session::loginFailed);
    connect(&session, &Session::warning, this, [](const QString &w) {
        qWarning("session: %s", qPrintable(w));
    });
    session.login(demoPassword());
    QVERIFY2(loggedIn.wait(20000),
             failed.isEmpty() ? "timeout"
                              : qPrintable(failed.first().first().value<ApiError>().message));
    const QString firstToken = session.controlPlane()->accessToken();
    QVERIFY(firstToken.count(QLatin1Char('.')) == 2); // a JWT
    QVERIFY(session.accessTokenExpiry() > QDateTime::currentDateTimeUtc().addSecs(600));
    QByteArray refresh; // the keychain write finishes shortly after loggedIn
    QVERIFY(QTest::qWaitFor(
        [&] {
            refresh = readKeychain(keychain, profile.keychainKey(QStringLiteral("refresh-token")));
            return !refresh.startsWith('<');
        },
        10000));

    QSignalSpy refreshed(&session, &Session::tokenRefreshed);
    session.refreshNow();
    QVERIFY(refreshed.wait(20000));
    QVERIFY(session.controlPlane()->accessToken() != firstToken);
    const auto clusters = wait<QList<api::Cluster>>(
        [&](auto done) { session.controlPlane()->fetchClusters(this, done); });
    QVERIFY2(clusters.ok(), qPrintable(clusters.error.message));

    QByteArray latestRefresh;
    QVERIFY(QTest::qWaitFor(
        [&] {
            latestRefresh = readKeychain(keychain,
                                         profile.keychainKey(QStringLiteral("refresh-token")));
            return !latestRefresh.startsWith('<') && latestRefresh != refresh;
        },
        10000));
    QSignalSpy out(&session, &Session::loggedOut);
    session.logout();
    QVERIFY(out.wait(20000));
    for (const QString &what : {QStringLiteral("access-token"), QStringLiteral("refresh-token")})
        QCOMPARE(readKeychain(keychain, profile.keychainKey(what)), QByteArray("<missing>"));
    // The server forgot the session: the refresh token that was in the keychain no longer works.
    ControlPlaneClient client(m_url);
    const auto again = wait<api::TokenSet>(
        [&](auto done) { client.refreshToken(QString::fromUtf8(latestRefresh), this, done); });
    QVERIFY(!again.ok());
    QCOMPARE(again.error.kind, ApiError::Kind::Http);
}

void TestRealControlPlane::modelsThroughAFullLoad()
{
    ControlPlaneClient client(m_url);
    const auto token = wait<api::TokenSet>([&](auto done) {
        client.loginWithPassword(QStringLiteral("admin@demo.local"), demoPassword(), this, done);
    });
    QVERIFY2(token.ok(), qPrintable(token.error.message));
    client.setAccessToken(token.value.accessToken);

    const auto departments = wait<QList<api::OrgUnit>>(
        [&](auto d) { client.fetchDepartments(this, d); });
    const auto projects = wait<QList<api::OrgUnit>>([&](auto d) { client.fetchProjects(this, d); });
    const auto pools = wait<QList<api::NodePool>>([&](auto d) { client.fetchNodePools(this, d); });
    QVERIFY2(departments.ok() && projects.ok() && pools.ok(),
             qPrintable(departments.error.message + projects.error.message + pools.error.message));
    QVERIFY(departments.value.size() >= 3);
    QVERIFY(projects.value.size() >= 4);
    OrgTreeModel org;
    QAbstractItemModelTester orgTester(&org, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<QPair<QString, double>> poolList;
    for (const api::NodePool &p : pools.value)
        poolList.append({p.name, p.gpus});
    org.setSnapshot(QStringLiteral("demo"), departments.value, projects.value, poolList);
    QCOMPARE(org.rowCount(org.index(0, 0)), int(departments.value.size()));
    QVERIFY(org.indexOfUnit(projects.value.first().id).isValid());

    const auto users = wait<QList<api::User>>([&](auto d) { client.fetchUsers(this, d); });
    QVERIFY2(users.ok(), qPrintable(users.error.message));
    UserModel userModel;
    QAbstractItemModelTester userTester(&userModel,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    userModel.setSnapshot(users.value);
    QVERIFY(userModel.rowCount() >= 9);

    const auto roles = wait<QList<api::Role>>([&](auto d) { client.fetchRoles(this, d); });
    QVERIFY2(roles.ok(), qPrintable(roles.error.message));
    RolePermissionModel matrix;
    QAbstractItemModelTester matrixTester(&matrix,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    matrix.setRoles(roles.value);
    QVERIFY(matrix.columnCount() >= 10);
    QVERIFY(matrix.rowCount() > 5);

    const auto rules = wait<QList<api::AccessRule>>(
        [&](auto d) { client.fetchAccessRules(this, d); });
    QVERIFY2(rules.ok(), qPrintable(rules.error.message));
    AccessRuleModel ruleModel;
    QAbstractItemModelTester ruleTester(&ruleModel,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    ruleModel.setSnapshot(rules.value);
    QVERIFY(ruleModel.rowCount() > 0);

    const auto accounts = wait<QList<api::ServiceAccount>>(
        [&](auto d) { client.fetchServiceAccounts(this, d); });
    QVERIFY2(accounts.ok(), qPrintable(accounts.error.message));
    const auto clusters = wait<QList<api::Cluster>>([&](auto d) { client.fetchClusters(this, d); });
    QVERIFY2(clusters.ok(), qPrintable(clusters.error.message));
    ClusterModel clusterModel;
    QAbstractItemModelTester clusterTester(&clusterModel,
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    clusterModel.setSnapshot(clusters.value);

    const auto audit = wait<api::Page<api::AuditEntry>>([&](auto d) {
        client.fetchAuditLog(QDateTime::currentDateTimeUtc().addDays(-1),
                             QDateTime::currentDateTimeUtc().addSecs(60),
                             0,
                             500,
                             this,
                             d);
    });
    QVERIFY2(audit.ok(), qPrintable(audit.error.message));
    AuditLogModel auditModel;
    QAbstractItemModelTester auditTester(&auditModel,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    auditModel.setSnapshot(audit.value.items);
    bool signIn = false;
    for (const api::AuditEntry &e : audit.value.items)
        signIn = signIn
                 || (e.action == QLatin1String("sign-in")
                     && e.subject == QLatin1String("admin@demo.local"));
    QVERIFY(signIn);

    WorkloadModel workloads;
    QAbstractItemModelTester workloadTester(&workloads,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    WorkloadFeed feed(&client, &workloads);
    QSignalSpy all(&feed, &WorkloadFeed::allLoaded);
    QSignalSpy failedFeed(&feed, &WorkloadFeed::failed);
    feed.setPageSize(50);
    feed.loadAll();
    QVERIFY2(all.wait(20000),
             failedFeed.isEmpty()
                 ? "timeout"
                 : qPrintable(failedFeed.first().first().value<ApiError>().message));
}

void TestRealControlPlane::sandboxSnapshotRoundTrips()
{
    SandboxLauncher sandbox;
    sandbox.setServerPath(serverPath());
    sandbox.setDirectory(m_dir.filePath(QStringLiteral("sandbox")));
    QSignalSpy ready(&sandbox, &SandboxLauncher::ready);
    QSignalSpy failed(&sandbox, &SandboxLauncher::failed);
    sandbox.start();
    QVERIFY2(QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 90000),
             qPrintable(sandbox.output().join(QLatin1Char('\n'))));
    QVERIFY2(failed.isEmpty(),
             qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
    const SandboxInfo info = sandbox.info();
    ControlPlaneClient client(info.controlPlaneUrl);
    const auto token = wait<api::TokenSet>([&](auto done) {
        client.loginWithPassword(QStringLiteral("admin@demo.local"), demoPassword(), this, done);
    });
    QVERIFY2(token.ok(), qPrintable(token.error.message));
    client.setAccessToken(token.value.accessToken);
    // Wait until the clusters have pushed their nodes.
    Result<QList<api::Node>> nodes;
    QVERIFY(QTest::qWaitFor(
        [&] {
            nodes = wait<QList<api::Node>>([&](auto d) { client.fetchNodes(this, d); });
            return nodes.ok() && !nodes.value.isEmpty();
        },
        60000));
    scenario::ClusterState state;
    state.clusterName = info.clusters.value(0).name;
    const auto clusters = wait<QList<api::Cluster>>([&](auto d) { client.fetchClusters(this, d); });
    QVERIFY(clusters.ok());
    QString clusterId;
    for (const api::Cluster &c : clusters.value) {
        if (c.name == state.clusterName)
            clusterId = c.uuid;
    }
    state.departments = wait<QList<api::OrgUnit>>([&](auto d) {
                            client.fetchDepartments(this, d);
                        }).value;
    state.projects = wait<QList<api::OrgUnit>>([&](auto d) { client.fetchProjects(this, d); }).value;
    for (const api::NodePool &p :
         wait<QList<api::NodePool>>([&](auto d) { client.fetchNodePools(this, d); }).value) {
        if (p.clusterId == clusterId || p.clusterId.isEmpty())
            state.nodePools << p;
    }
    for (const api::Node &n : nodes.value) {
        if (n.clusterUuid == clusterId)
            state.nodes << n;
    }
    QVERIFY(!state.nodes.isEmpty());
    WorkloadQuery q;
    q.limit = 500;
    const auto workloads = wait<api::Page<api::Workload>>(
        [&](auto d) { client.fetchWorkloads(q, this, d); });
    QVERIFY2(workloads.ok(), qPrintable(workloads.error.message));
    for (const api::Workload &w : workloads.value.items) {
        if (w.clusterId == clusterId)
            state.workloads << w;
    }
    const QList<scenario::Snapshot> snaps = scenario::build(state);
    QVERIFY(!snaps.isEmpty());
    for (const scenario::Snapshot &s : snaps) {
        const QString path = m_dir.filePath(s.nodePool + QStringLiteral(".kai-scenario.json"));
        QVERIFY(!scenario::save(s, path).isError());
        const auto loaded = scenario::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error.message));
        QVERIFY(loaded.value == s);
    }
    sandbox.stop();
}

QTEST_GUILESS_MAIN(TestRealControlPlane)
#include "tst_realcontrolplane.moc"
