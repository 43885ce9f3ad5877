// The whole app on the real sandbox (gpudesk-server sandbox: a control plane and two simulated
// clusters on loopback) in a real window: the Overview's tiles equal the API's telemetry, the
// Organization and Workloads pages load, German and back, and when cluster-b is stopped its banner
// appears, its workload actions are disabled and the Organization page still loads.
#include "appcontroller.h"
#include "clusterclient.h"
#include "controlplaneclient.h"
#include "languagemanager.h"
#include "logindialog.h"
#include "mainwindow.h"
#include "organizationpage.h"
#include "orgsource.h"
#include "overviewpage.h"
#include "overviewsource.h"
#include "sandboxlauncher.h"
#include "snapshotsortproxy.h"
#include "unreachablebanners.h"
#include "workloadmodel.h"
#include "workloadspage.h"
#include "workspace.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMap>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include <csignal>

class TestAppSandbox : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void tilesEqualTelemetry_data();
    void tilesEqualTelemetry();
    void departmentChartMatchesApi();
    void clusterSelectorFiltersOverview_data();
    void clusterSelectorFiltersOverview();
    void organizationLoads();
    void workloadsTableAndDetails();
    void switchLanguage_data();
    void switchLanguage();
    void saveScreenshot();
    void suspendAndResumeGoToTheCluster();
    void wrongPasswordShowsServerWords();
    void stoppedClusterShowsBanner();
    void cleanupTestCase();

private:
    double askApi(const TelemetryQuery &query);
    QAction *paletteAction(const QString &name) const;

    std::unique_ptr<AppController> m_app;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    qint64 m_sandboxPid = 0;
};

void TestAppSandbox::initTestCase()
{
    const QString server = QDir(qEnvironmentVariable("GPUDESK_BUILD_DIR"))
                               .filePath(QStringLiteral("controlplane/gpudesk-server"));
    QVERIFY2(QFile::exists(server), qPrintable(server + QStringLiteral(" is not built")));
    qputenv("GPUDESK_SERVER", server.toLocal8Bit());
    QCoreApplication::setOrganizationName(QStringLiteral("gpudesk-test"));

    AppOptions options;
    options.profile = QStringLiteral("Local sandbox");
    options.language = QStringLiteral("en");
    m_app = std::make_unique<AppController>(options);
    // Every chart model is watched by a QAbstractItemModelTester from before its first data on,
    // through the live updates of the whole test.
    connect(m_app.get(), &AppController::connected, this, [this] {
        OverviewSource *o = m_app->workspace()->overview();
        for (QAbstractItemModel *model :
             std::initializer_list<QAbstractItemModel *> {o->poolAllocation(),
                                                          o->typeAllocation(),
                                                          o->workloadPhases(),
                                                          o->departmentQuota(),
                                                          o->overTime()}) {
            QCOMPARE(model->rowCount(), 0);
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
    });
    QSignalSpy live(m_app.get(), &AppController::overviewLive);
    QSignalSpy failed(m_app.get(), &AppController::failed);
    m_app->start();
    QTRY_VERIFY_WITH_TIMEOUT(!live.isEmpty() || !failed.isEmpty(), 90000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QVERIFY(QTest::qWaitForWindowExposed(m_app->window()));
    m_sandboxPid = m_app->sandbox()->processId();
    QVERIFY(m_sandboxPid > 0);
    QCOMPARE(m_app->window()->currentPage(), int(MainWindow::Overview));
    QCOMPARE(m_testers.size(), size_t(5));
    // Compare against a populated tenant: wait until the clusters synced their nodes and the
    // simulation started workloads.
    QTRY_VERIFY_WITH_TIMEOUT(askApi(OverviewSource::tileQuery(OverviewSource::ReadyNodes)) > 0,
                             60000);
    QTRY_VERIFY_WITH_TIMEOUT(askApi(OverviewSource::tileQuery(OverviewSource::RunningWorkloads)) > 0,
                             90000);
}

double TestAppSandbox::askApi(const TelemetryQuery &query)
{
    HttpCall call;
    call.path = query.path();
    call.query = query.query();
    double value = -1;
    bool done = false;
    m_app->workspace()->controlPlane()->callJson(call, this, [&](const Result<QByteArray> &reply) {
        done = true;
        if (!reply.ok())
            return;
        const auto reading = telemetry::parse(reply.value);
        if (reading.ok())
            value = reading.value.total();
    });
    if (!QTest::qWaitFor([&] { return done; }, 15000))
        return -2;
    return value;
}

void TestAppSandbox::tilesEqualTelemetry_data()
{
    QTest::addColumn<int>("tile");
    QTest::addRow("ready nodes") << int(OverviewSource::ReadyNodes);
    QTest::addRow("ready GPUs") << int(OverviewSource::ReadyGpus);
    QTest::addRow("allocated GPUs") << int(OverviewSource::AllocatedGpus);
    QTest::addRow("running workloads") << int(OverviewSource::RunningWorkloads);
    QTest::addRow("pending workloads") << int(OverviewSource::PendingWorkloads);
}

void TestAppSandbox::tilesEqualTelemetry()
{
    QFETCH(int, tile);
    // The sandbox is live, so numbers move. Ask the API, let the app refresh, ask again: when both
    // answers agree, the value did not move in between and the tile must show exactly that.
    OverviewSource *source = m_app->workspace()->overview();
    const TelemetryQuery query = OverviewSource::tileQuery(OverviewSource::Tile(tile));
    bool compared = false;
    for (int attempt = 0; attempt < 10 && !compared; ++attempt) {
        const double before = askApi(query);
        QVERIFY2(before >= 0, "the telemetry endpoint did not answer");
        QSignalSpy refreshed(source, &OverviewSource::refreshed);
        source->refresh();
        QVERIFY(refreshed.wait(15000));
        const double after = askApi(query);
        if (before != after)
            continue;
        const QString shown = m_app->overviewPage()->tileText(OverviewSource::Tile(tile));
        QCOMPARE(shown, QLocale().toString(after, 'g', 10));
        compared = true;
    }
    QVERIFY2(compared, "the value never held still for one refresh");
}

void TestAppSandbox::departmentChartMatchesApi()
{
    // The "quota vs allocated per department" chart reads its model; the model's allocated column
    // is the workloads telemetry grouped by department, exactly.
    OverviewSource *source = m_app->workspace()->overview();
    TelemetryQuery query;
    query.source = TelemetryQuery::Source::Workloads;
    query.type = QStringLiteral("GPU_ALLOCATION");
    query.groupBy = QStringLiteral("DepartmentId");
    auto perDepartment = [&] {
        QMap<QString, double> values;
        HttpCall call;
        call.path = query.path();
        call.query = query.query();
        bool done = false;
        m_app->workspace()->controlPlane()->callJson(call, this, [&](const Result<QByteArray> &r) {
            done = true;
            const auto reading = telemetry::parse(r.value);
            for (const TelemetryValue &v : reading.value.values)
                values[v.groups.value(0).value] += v.value;
        });
        if (!QTest::qWaitFor([&] { return done; }, 15000))
            values.insert(QStringLiteral("(no answer)"), -1);
        return values;
    };
    bool compared = false;
    for (int attempt = 0; attempt < 10 && !compared; ++attempt) {
        const auto before = perDepartment();
        QSignalSpy refreshed(source, &OverviewSource::refreshed);
        source->refresh();
        QVERIFY(refreshed.wait(15000));
        if (perDepartment() != before)
            continue;
        const QList<CategoryRow> rows = source->departmentQuota()->rows();
        QVERIFY(!rows.isEmpty());
        for (const CategoryRow &row : rows)
            QCOMPARE(row.values.value(1), before.value(row.key));
        compared = true;
    }
    QVERIFY2(compared, "the allocation never held still for one refresh");
}

void TestAppSandbox::clusterSelectorFiltersOverview_data()
{
    QTest::addColumn<QString>("cluster");
    QTest::addRow("cluster-a") << QStringLiteral("cluster-a");
    QTest::addRow("cluster-b") << QStringLiteral("cluster-b");
    QTest::addRow("all clusters") << QString();
}

void TestAppSandbox::clusterSelectorFiltersOverview()
{
    QFETCH(QString, cluster);
    QString id;
    for (const WorkspaceCluster &c : m_app->workspace()->clusters()) {
        if (c.name == cluster)
            id = c.id;
    }
    QCOMPARE(id.isEmpty(), cluster.isEmpty());
    auto *selector = m_app->window()->findChild<QComboBox *>(QStringLiteral("clusterSelector"));
    selector->setCurrentIndex(selector->findData(id));
    OverviewSource *source = m_app->workspace()->overview();
    QCOMPARE(source->clusterId(), id);
    // Ready nodes are static in the sandbox: the selected cluster's count, as the API reports it.
    const TelemetryQuery query = OverviewSource::tileQuery(OverviewSource::ReadyNodes, id);
    const double expected = askApi(query);
    QVERIFY(expected > 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->overviewPage()->tileText(OverviewSource::ReadyNodes),
                              QLocale().toString(expected, 'g', 10),
                              15000);
    if (!cluster.isEmpty())
        QVERIFY(expected < askApi(OverviewSource::tileQuery(OverviewSource::ReadyNodes)));
}

void TestAppSandbox::organizationLoads()
{
    m_app->window()->setCurrentPage(MainWindow::Organization);
    auto *page = qobject_cast<OrganizationPage *>(m_app->window()->page(MainWindow::Organization));
    QVERIFY(page);
    OrgSource *source = m_app->workspace()->organization();
    QSignalSpy loaded(source, &OrgSource::loaded);
    source->refresh();
    QVERIFY(loaded.wait(15000));
    const QAbstractItemModel *model = page->tree()->model();
    QCOMPARE(model->rowCount(), 1); // the tenant
    const QModelIndex tenant = model->index(0, 0);
    QVERIFY2(model->rowCount(tenant) >= 1, "no departments under the tenant");
    const QModelIndex department = model->index(0, 0, tenant);
    QVERIFY(!department.data().toString().isEmpty());
    QVERIFY2(model->columnCount() >= 4, "no per-node-pool quota/allocated/fair-share columns");
}

void TestAppSandbox::workloadsTableAndDetails()
{
    m_app->window()->setCurrentPage(MainWindow::Workloads);
    auto *page = qobject_cast<WorkloadsPage *>(m_app->window()->page(MainWindow::Workloads));
    QVERIFY(page);
    WorkloadModel *model = m_app->workspace()->workloads();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, 20000);
    // Filter by a name that exists, then by one that cannot.
    const QString name = model->at(0).name;
    page->proxy()->setFilterText(name);
    QVERIFY(page->proxy()->rowCount() >= 1);
    page->proxy()->setFilterText(QStringLiteral("no-such-workload-anywhere"));
    QCOMPARE(page->proxy()->rowCount(), 0);
    page->proxy()->setFilterText(QString());
    // Details of a pending workload carry its scheduling explanation when the API gives one.
    int pendingRow = -1;
    for (int row = 0; row < model->rowCount() && pendingRow < 0; ++row) {
        if (!model->at(row).pendingMessages.isEmpty())
            pendingRow = row;
    }
    page->table()->setCurrentIndex(
        page->proxy()->mapFromSource(model->index(qMax(0, pendingRow), 0)));
    const api::Workload &w = model->at(qMax(0, pendingRow));
    QVERIFY(page->detailsText().contains(w.name));
    if (pendingRow >= 0) {
        const QString expected = w.pendingMessages.first().userMessage.isEmpty()
                                     ? w.pendingMessages.first().reason
                                     : w.pendingMessages.first().userMessage;
        QVERIFY2(page->pendingText().contains(expected), qPrintable(page->pendingText()));
    } else {
        QCOMPARE(page->pendingText(), QString());
    }
}

QAction *TestAppSandbox::paletteAction(const QString &name) const
{
    for (QAction *action : m_app->window()->paletteActions()) {
        if (action->objectName() == name)
            return action;
    }
    return nullptr;
}

void TestAppSandbox::switchLanguage_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("overview");
    QTest::addColumn<QString>("readyNodes");
    QTest::addRow("German") << QStringLiteral("languageGerman") << QStringLiteral("Übersicht")
                            << QStringLiteral("Bereite Knoten");
    QTest::addRow("back to English") << QStringLiteral("languageEnglish")
                                     << QStringLiteral("Overview") << QStringLiteral("Ready nodes");
}

void TestAppSandbox::switchLanguage()
{
    QFETCH(QString, action);
    QFETCH(QString, overview);
    QFETCH(QString, readyNodes);
    QAction *switchAction = paletteAction(action);
    QVERIFY(switchAction);
    QSignalSpy changed(m_app->languages(), &LanguageManager::languageChanged);
    switchAction->trigger();
    QCOMPARE(changed.count(), 1);
    auto *navigation = m_app->window()->findChild<QListWidget *>(QStringLiteral("navigation"));
    QTRY_COMPARE(navigation->item(MainWindow::Overview)->text(), overview);
    auto *tile = m_app->overviewPage()->findChild<QWidget *>(QStringLiteral("tile:readyNodes"));
    QVERIFY(tile);
    QTRY_COMPARE(tile->findChild<QLabel *>(QStringLiteral("tileCaption"))->text(), readyNodes);
}

void TestAppSandbox::saveScreenshot()
{
    const QString artefacts = qEnvironmentVariable("GPUDESK_TEST_ARTIFACTS");
    const QList<QPair<int, QString>> pages {{MainWindow::Overview, QStringLiteral("overview")},
                                            {MainWindow::Organization,
                                             QStringLiteral("organization")},
                                            {MainWindow::Workloads, QStringLiteral("workloads")}};
    for (const auto &[page, name] : pages) {
        m_app->window()->setCurrentPage(page);
        QTest::qWait(300);
        const QPixmap picture = m_app->window()->grab();
        QVERIFY(!picture.isNull());
        if (artefacts.isEmpty())
            continue;
        QDir().mkpath(artefacts);
        QVERIFY(picture.save(
            QDir(artefacts).filePath(QStringLiteral("gpudesk-") + name + QStringLiteral(".png"))));
    }
    m_app->window()->setCurrentPage(MainWindow::Overview);
}

void TestAppSandbox::suspendAndResumeGoToTheCluster()
{
    m_app->window()->setCurrentPage(MainWindow::Workloads);
    auto *page = qobject_cast<WorkloadsPage *>(m_app->window()->page(MainWindow::Workloads));
    WorkloadModel *model = m_app->workspace()->workloads();
    QString id;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const api::Workload &w : model->rows()) {
                if (w.phase == QLatin1String("Running") && w.type == QLatin1String("Training")) {
                    id = w.id;
                    return true;
                }
            }
            return false;
        }(),
        60000);
    QVERIFY(page->selectWorkload(id));
    auto *suspend = page->findChild<QPushButton *>(QStringLiteral("suspendWorkload"));
    auto *resume = page->findChild<QPushButton *>(QStringLiteral("resumeWorkload"));
    QVERIFY(suspend->isEnabled());
    QVERIFY(!resume->isEnabled());
    QSignalSpy finished(page, &WorkloadsPage::actionFinished);
    suspend->click();
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    // The cluster suspends it, syncs to the control plane, and the table follows.
    auto stopped = [&] {
        const api::Workload *w = model->find(id);
        return w
               && (w->phase == QLatin1String("Stopped") || w->phase == QLatin1String("Suspended"));
    };
    QTRY_VERIFY_WITH_TIMEOUT(stopped(), 45000);
    QVERIFY(page->selectWorkload(id));
    QTRY_VERIFY(resume->isEnabled());
    resume->click();
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.at(1).at(0).toBool(), true);
    QTRY_VERIFY_WITH_TIMEOUT(model->find(id) && !stopped(), 45000);
}

void TestAppSandbox::wrongPasswordShowsServerWords()
{
    Workspace *before = m_app->workspace();
    LoginDialog *dialog = m_app->showLoginDialog();
    QVERIFY(dialog);
    auto *choice = dialog->findChild<QComboBox *>(QStringLiteral("profileChoice"));
    choice->setCurrentIndex(choice->count() - 1); // New profile…
    dialog->findChild<QLineEdit *>(QStringLiteral("profileName"))->setText(QStringLiteral("wrong"));
    dialog->findChild<QLineEdit *>(QStringLiteral("controlPlaneUrl"))
        ->setText(m_app->sandbox()->info().controlPlaneUrl.toString());
    dialog->findChild<QLineEdit *>(QStringLiteral("user"))->setText(SandboxLauncher::demoUser());
    dialog->findChild<QLineEdit *>(QStringLiteral("secret"))
        ->setText(QStringLiteral("not-the-password"));
    dialog->findChild<QCheckBox *>(QStringLiteral("saveProfile"))->setChecked(false);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("loginError"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15000);
    // The server's own words (its Run:ai error body) appear next to the field.
    QVERIFY2(error->text().contains(QStringLiteral("The username or password is wrong")),
             qPrintable(error->text()));
    QVERIFY(dialog->isVisible());
    dialog->reject();
    QCOMPARE(m_app->workspace(), before); // the working connection was not touched
}

void TestAppSandbox::stoppedClusterShowsBanner()
{
    QFile file(QDir(m_app->sandbox()->info().directory).filePath(QStringLiteral("sandbox.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    SandboxInfo info;
    QString error;
    QVERIFY2(SandboxLauncher::parseInfo(file.readAll(), &info, &error), qPrintable(error));
    qint64 pid = 0;
    for (const SandboxCluster &c : info.clusters) {
        if (c.name == QLatin1String("cluster-b"))
            pid = c.pid;
    }
    QVERIFY(pid > 0);
    QString clusterB;
    for (const WorkspaceCluster &c : m_app->workspace()->clusters()) {
        if (c.name == QLatin1String("cluster-b"))
            clusterB = c.id;
    }
    QVERIFY(!clusterB.isEmpty());
    QVERIFY(m_app->workspace()->unreachableReason(clusterB).isEmpty());

    QCOMPARE(::kill(pid_t(pid), SIGTERM), 0);

    auto *banners = m_app->window()->findChild<UnreachableBanners *>();
    QVERIFY(banners);
    QTRY_COMPARE_WITH_TIMEOUT(banners->unreachableClusters(),
                              QStringList {QStringLiteral("cluster-b")},
                              30000);
    const QString text = banners->bannerText(QStringLiteral("cluster-b"));
    QVERIFY(text.contains(QStringLiteral("“cluster-b”")));
    QVERIFY(text.contains(QStringLiteral("Workload actions for this cluster")));
    QVERIFY(text.contains(QStringLiteral("still works")));
    QVERIFY(!m_app->workspace()->unreachableReason(clusterB).isEmpty());
    QVERIFY(text.contains(m_app->workspace()->unreachableReason(clusterB)));

    // Its workloads' actions are disabled and say why.
    auto *workloads = qobject_cast<WorkloadsPage *>(m_app->window()->page(MainWindow::Workloads));
    m_app->window()->setCurrentPage(MainWindow::Workloads);
    QTRY_VERIFY_WITH_TIMEOUT(workloads->selectFirstOfCluster(clusterB), 20000);
    for (const char *button : {"suspendWorkload", "resumeWorkload", "deleteWorkload"})
        QVERIFY(!workloads->findChild<QPushButton *>(QLatin1String(button))->isEnabled());
    QVERIFY(workloads->actionsDisabledReason().contains(QStringLiteral("cannot be reached")));
    // A direct cluster call reports the reason instead of trying.
    ClusterClient *client = m_app->workspace()->clusterClient(clusterB);
    QVERIFY(client && client->reachability()->isUnreachable());

    // Metadata still works: the Organization page reloads from the control plane.
    m_app->window()->setCurrentPage(MainWindow::Organization);
    OrgSource *org = m_app->workspace()->organization();
    QSignalSpy loaded(org, &OrgSource::loaded);
    QSignalSpy failed(org, &OrgSource::failed);
    org->refresh();
    QVERIFY(loaded.wait(15000));
    QCOMPARE(failed.count(), 0);
    QVERIFY(org->model()->rowCount() == 1);
}

void TestAppSandbox::cleanupTestCase()
{
    if (!m_app)
        return;
    m_testers.clear();
    SandboxLauncher *sandbox = m_app->sandbox();
    QSignalSpy stopped(sandbox, &SandboxLauncher::stopped);
    m_app.reset(); // quitting the app stops the sandbox
    QCOMPARE(stopped.count(), 1);
    if (m_sandboxPid > 0)
        QVERIFY2(::kill(pid_t(m_sandboxPid), 0) != 0, "the sandbox is still running after quit");
}

QTEST_MAIN(TestAppSandbox)
#include "tst_app_sandbox.moc"
