// Reachability of a cluster URL: any HTTP answer is reachable; refused connections, silence and
// untrusted certificates are unreachable with the reason; workload actions for an unreachable cluster
// report that reason without sending anything.
#include "clusterclient.h"
#include "testhttpserver.h"

#include <QSignalSpy>
#include <QTest>

class TestClusterReachability : public QObject
{
    Q_OBJECT
private slots:
    void probe_data();
    void probe();
    void actionsOnUnreachableClusterReportTheReason();
    void recoversWhenTheClusterComesBack();
};

void TestClusterReachability::probe_data()
{
    QTest::addColumn<QString>("server"); // answering status, "hang", or "closed"
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("fragment");
    using S = ClusterReachability::State;
    QTest::addRow("200") << "200" << int(S::Reachable) << QString();
    QTest::addRow("401 still reachable") << "401" << int(S::Reachable) << QString();
    QTest::addRow("port closed") << "closed" << int(S::Unreachable) << "refused the connection";
    QTest::addRow("silent") << "hang" << int(S::Unreachable) << "did not answer within";
}

void TestClusterReachability::probe()
{
    QFETCH(QString, server);
    QFETCH(int, state);
    QFETCH(QString, fragment);
    auto http = std::make_unique<TestHttpServer>();
    TestReply reply = TestReply::json(R"({"workloads":[]})", server.toInt());
    if (server == QLatin1String("hang"))
        reply.behaviour = TestReply::Behaviour::Hang;
    http->route("GET", QStringLiteral("/api/v1/workloads"), reply);
    const QUrl url = http->url();
    if (server == QLatin1String("closed"))
        http.reset();
    ClusterClient client(QStringLiteral("cluster-b"), url);
    ClusterReachability *monitor = client.reachability();
    monitor->setProbeTimeout(400);
    QSignalSpy probed(monitor, &ClusterReachability::probed);
    monitor->probe();
    QVERIFY(probed.wait(5000));
    QCOMPARE(int(monitor->state()), state);
    if (!fragment.isEmpty()) {
        QVERIFY2(monitor->reason().contains(fragment), qPrintable(monitor->reason()));
        QVERIFY(monitor->reason().contains(QStringLiteral("cluster-b")));
    } else {
        QVERIFY(monitor->reason().isEmpty());
    }
}

void TestClusterReachability::actionsOnUnreachableClusterReportTheReason()
{
    TestHttpServer http;
    TestReply hang;
    hang.behaviour = TestReply::Behaviour::Hang;
    http.route("GET", QStringLiteral("/api/v1/workloads"), hang);
    ClusterClient client(QStringLiteral("cluster-b"), http.url());
    client.reachability()->setProbeTimeout(300);
    QSignalSpy probed(client.reachability(), &ClusterReachability::probed);
    client.reachability()->probe();
    QVERIFY(probed.wait(5000));
    QVERIFY(client.reachability()->isUnreachable());
    const int before = int(http.requests().size());

    std::optional<Result<bool>> suspended;
    std::optional<Result<api::SubmitReply>> submitted;
    std::optional<Result<bool>> logs;
    client.suspend(QStringLiteral("trainings"), QStringLiteral("w1"), this, [&](const auto &r) {
        suspended = r;
    });
    client.submit(QStringLiteral("trainings"),
                  QJsonObject {{QStringLiteral("name"), QStringLiteral("x")}},
                  this,
                  [&](const auto &r) { submitted = r; });
    QVERIFY(!client.streamLogs(QStringLiteral("w1"),
                               QStringLiteral("p1"),
                               {},
                               this,
                               {},
                               [&](const auto &r) { logs = r; }));
    QVERIFY(!suspended.has_value()); // asynchronous, like every other outcome
    QTRY_VERIFY(suspended.has_value() && submitted.has_value() && logs.has_value());
    for (const ApiError &e : {suspended->error, submitted->error, logs->error}) {
        QCOMPARE(e.kind, ApiError::Kind::Unreachable);
        QCOMPARE(e.message, client.reachability()->reason());
    }
    QCOMPARE(int(http.requests().size()), before); // nothing was tried
}

void TestClusterReachability::recoversWhenTheClusterComesBack()
{
    TestHttpServer http;
    bool up = false;
    http.route("GET", QStringLiteral("/api/v1/workloads"), [&](const TestRequest &) {
        TestReply r = TestReply::json(R"({"workloads":[]})");
        if (!up)
            r.behaviour = TestReply::Behaviour::CloseAtOnce;
        return r;
    });
    ClusterClient client(QStringLiteral("cluster-a"), http.url());
    QSignalSpy changed(client.reachability(), &ClusterReachability::stateChanged);
    client.reachability()->setProbeInterval(100);
    QTRY_VERIFY_WITH_TIMEOUT(client.reachability()->isUnreachable(), 5000);
    up = true;
    QTRY_COMPARE_WITH_TIMEOUT(client.reachability()->state(),
                              ClusterReachability::State::Reachable,
                              5000);
    QVERIFY(changed.size() >= 3); // Probing → Unreachable → Reachable
}

QTEST_GUILESS_MAIN(TestClusterReachability)
#include "tst_clusterreachability.moc"
