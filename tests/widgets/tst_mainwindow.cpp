#include "clusterstatusarea.h"
#include "commandpalette.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "placeholderpage.h"
#include "settingspage.h"
#include "unreachablebanners.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void shortcutSwitchesPage_data();
    void shortcutSwitchesPage();
    void sidebarListsEveryPage();
    void unbuiltPagesSayNotBuilt();
    void paletteFiltersAndRuns_data();
    void paletteFiltersAndRuns();
    void clusterIndicators_data();
    void clusterIndicators();
    void bannerAppearsAndDisappears();
    void clusterSelectorEmitsSelection();
    void languageSwitchRetranslates_data();
    void languageSwitchRetranslates();
    void unknownLanguageIsRefused();
    void settingsPageSwitchesAndSavesLanguage();
};

void TestMainWindow::shortcutSwitchesPage_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("expectedPage");
    QTest::addRow("Ctrl+1 overview") << int(Qt::Key_1) << int(MainWindow::Overview);
    QTest::addRow("Ctrl+3 workloads") << int(Qt::Key_3) << int(MainWindow::Workloads);
    QTest::addRow("Ctrl+4 organization") << int(Qt::Key_4) << int(MainWindow::Organization);
    QTest::addRow("Ctrl+9 settings") << int(Qt::Key_9) << int(MainWindow::Settings);
}

void TestMainWindow::shortcutSwitchesPage()
{
    QFETCH(int, key);
    QFETCH(int, expectedPage);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.setCurrentPage(MainWindow::Access);
    QSignalSpy spy(&window, &MainWindow::currentPageChanged);
    QTest::keyClick(&window, Qt::Key(key), Qt::ControlModifier);
    QCOMPARE(window.currentPage(), expectedPage);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), expectedPage);
}

void TestMainWindow::sidebarListsEveryPage()
{
    MainWindow window;
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    QCOMPARE(navigation->count(), int(MainWindow::PageCount));
    const QStringList expected {QStringLiteral("Overview"),
                                QStringLiteral("Analytics"),
                                QStringLiteral("Workloads"),
                                QStringLiteral("Organization"),
                                QStringLiteral("Access"),
                                QStringLiteral("Nodes & node pools"),
                                QStringLiteral("Clusters"),
                                QStringLiteral("Event history"),
                                QStringLiteral("Settings")};
    QStringList actual;
    for (int row = 0; row < navigation->count(); ++row)
        actual << navigation->item(row)->text();
    QCOMPARE(actual, expected);
}

void TestMainWindow::unbuiltPagesSayNotBuilt()
{
    MainWindow window;
    for (int page = 0; page < MainWindow::PageCount; ++page) {
        auto *placeholder = qobject_cast<PlaceholderPage *>(window.page(page));
        QVERIFY(placeholder);
        auto *text = placeholder->findChild<QLabel *>(QStringLiteral("placeholderText"));
        QVERIFY(text);
        QCOMPARE(text->text(), QStringLiteral("This page is not built yet."));
    }
    auto *real = new QLabel(QStringLiteral("real page"));
    window.setPage(MainWindow::Clusters, real);
    QCOMPARE(window.page(MainWindow::Clusters), real);
    QVERIFY(!qobject_cast<PlaceholderPage *>(window.page(MainWindow::Clusters)));
}

void TestMainWindow::paletteFiltersAndRuns_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QStringList>("expectedEntries");
    QTest::addColumn<int>("expectedPage");
    QTest::addRow("org") << QStringLiteral("org")
                         << QStringList {QStringLiteral("Go to Organization")}
                         << int(MainWindow::Organization);
    QTest::addRow("case-insensitive node")
        << QStringLiteral("NODE") << QStringList {QStringLiteral("Go to Nodes & node pools")}
        << int(MainWindow::Nodes);
    QTest::addRow("history") << QStringLiteral("history")
                             << QStringList {QStringLiteral("Go to Event history")}
                             << int(MainWindow::EventHistory);
    QTest::addRow("no match") << QStringLiteral("zzz") << QStringList {} << int(MainWindow::Access);
}

void TestMainWindow::paletteFiltersAndRuns()
{
    QFETCH(QString, typed);
    QFETCH(QStringList, expectedEntries);
    QFETCH(int, expectedPage);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.setCurrentPage(MainWindow::Access);

    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    CommandPalette *palette = window.commandPalette();
    QTRY_VERIFY(palette->isVisible());
    QCOMPARE(palette->visibleCount(), int(MainWindow::PageCount)); // one "Go to" per page
    auto *filter = palette->findChild<QLineEdit *>(QStringLiteral("paletteFilter"));
    QVERIFY(filter);
    QTRY_VERIFY(filter->hasFocus());
    QTest::keyClicks(filter, typed);
    QStringList entries;
    for (int row = 0; row < palette->visibleCount(); ++row)
        entries << palette->visibleText(row);
    QCOMPARE(entries, expectedEntries);
    QTest::keyClick(filter, Qt::Key_Return);
    QCOMPARE(window.currentPage(), expectedPage);
    QCOMPARE(palette->isVisible(), expectedEntries.isEmpty());
}

void TestMainWindow::clusterIndicators_data()
{
    QTest::addColumn<int>("reach");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("expectedFragment");
    QTest::addRow("connected") << int(ClusterState::Reach::Reachable) << QString()
                               << QStringLiteral("cluster-a: connected, last sync");
    QTest::addRow("unreachable") << int(ClusterState::Reach::Unreachable)
                                 << QStringLiteral("connection refused")
                                 << QStringLiteral("cluster-a: unreachable (connection refused)");
    QTest::addRow("unknown") << int(ClusterState::Reach::Unknown) << QString()
                             << QStringLiteral("cluster-a: checking");
}

void TestMainWindow::clusterIndicators()
{
    QFETCH(int, reach);
    QFETCH(QString, reason);
    QFETCH(QString, expectedFragment);
    MainWindow window;
    ClusterState a {QStringLiteral("uuid-a"),
                    QStringLiteral("cluster-a"),
                    ClusterState::Reach(reach),
                    reason,
                    QDateTime::currentDateTime(),
                    true};
    ClusterState b {QStringLiteral("uuid-b"),
                    QStringLiteral("cluster-b"),
                    ClusterState::Reach::Reachable,
                    QString(),
                    QDateTime::currentDateTime(),
                    true};
    window.setClusters({a, b});
    auto *area = window.findChild<ClusterStatusArea *>(QStringLiteral("clusterStatusArea"));
    QVERIFY(area);
    QVERIFY2(area->indicatorText(QStringLiteral("cluster-a")).contains(expectedFragment),
             qPrintable(area->indicatorText(QStringLiteral("cluster-a"))));
    QVERIFY(area->indicatorText(QStringLiteral("cluster-b")).contains(QStringLiteral("connected")));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("clusterIndicator:cluster-b")));
}

void TestMainWindow::bannerAppearsAndDisappears()
{
    MainWindow window;
    ClusterState b {QStringLiteral("uuid-b"),
                    QStringLiteral("cluster-b"),
                    ClusterState::Reach::Reachable,
                    QString(),
                    QDateTime::currentDateTime(),
                    true};
    window.setClusters({b});
    auto *banners = window.findChild<UnreachableBanners *>(QStringLiteral("unreachableBanners"));
    QVERIFY(banners);
    QVERIFY(banners->unreachableClusters().isEmpty());

    b.reach = ClusterState::Reach::Unreachable;
    b.reason = QStringLiteral("Connection refused");
    window.updateCluster(b);
    QCOMPARE(banners->unreachableClusters(), QStringList {QStringLiteral("cluster-b")});
    const QString text = banners->bannerText(QStringLiteral("cluster-b"));
    QVERIFY(text.contains(QStringLiteral("“cluster-b”")));
    QVERIFY(text.contains(QStringLiteral("Connection refused")));
    QVERIFY(text.contains(QStringLiteral("Workload actions for this cluster")));
    QVERIFY(text.contains(QStringLiteral("Metadata from the control plane")));

    b.reach = ClusterState::Reach::Reachable;
    window.updateCluster(b);
    QVERIFY(banners->unreachableClusters().isEmpty());
}

void TestMainWindow::clusterSelectorEmitsSelection()
{
    MainWindow window;
    ClusterState a;
    a.id = QStringLiteral("uuid-a");
    a.name = QStringLiteral("cluster-a");
    ClusterState b = a;
    b.id = QStringLiteral("uuid-b");
    b.name = QStringLiteral("cluster-b");
    window.setClusters({a, b});
    auto *selector = window.findChild<QComboBox *>(QStringLiteral("clusterSelector"));
    QVERIFY(selector);
    QCOMPARE(selector->count(), 3);
    QCOMPARE(window.currentClusterId(), QString());
    QSignalSpy spy(&window, &MainWindow::currentClusterChanged);
    selector->setCurrentIndex(2);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("uuid-b"));
}

void TestMainWindow::languageSwitchRetranslates_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("overview");
    QTest::addColumn<QString>("placeholder");
    QTest::addColumn<QString>("paletteEntry");
    QTest::addRow("de") << QStringLiteral("de") << QStringLiteral("Übersicht")
                        << QStringLiteral("Diese Seite ist noch nicht gebaut.")
                        << QStringLiteral("Gehe zu Knoten & Knotenpools");
    QTest::addRow("en") << QStringLiteral("en") << QStringLiteral("Overview")
                        << QStringLiteral("This page is not built yet.")
                        << QStringLiteral("Go to Nodes & node pools");
}

void TestMainWindow::languageSwitchRetranslates()
{
    QFETCH(QString, language);
    QFETCH(QString, overview);
    QFETCH(QString, placeholder);
    QFETCH(QString, paletteEntry);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    LanguageManager languages;
    // Switch away first so that every row really changes language at runtime.
    QVERIFY(languages.setLanguage(language == QLatin1String("de") ? QStringLiteral("en")
                                                                  : QStringLiteral("de")));
    QSignalSpy changed(&languages, &LanguageManager::languageChanged);
    QVERIFY(languages.setLanguage(language));
    QCOMPARE(changed.count(), 1);
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QTRY_COMPARE(navigation->item(MainWindow::Overview)->text(), overview);
    auto *text = window.page(MainWindow::Access)
                     ->findChild<QLabel *>(QStringLiteral("placeholderText"));
    QCOMPARE(text->text(), placeholder);
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    CommandPalette *palette = window.commandPalette();
    QTRY_VERIFY(palette->isVisible());
    palette->setFilterText(paletteEntry.left(12));
    QCOMPARE(palette->visibleText(0), paletteEntry);
    palette->hide();
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
}

void TestMainWindow::unknownLanguageIsRefused()
{
    LanguageManager languages;
    QSignalSpy changed(&languages, &LanguageManager::languageChanged);
    QVERIFY(!languages.setLanguage(QStringLiteral("xx")));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(languages.language(), QStringLiteral("en"));
}

void TestMainWindow::settingsPageSwitchesAndSavesLanguage()
{
    QCoreApplication::setOrganizationName(QStringLiteral("gpudesk-test-settings"));
    LanguageManager languages;
    SettingsPage page(&languages);
    page.show();
    auto *choice = page.findChild<QComboBox *>(QStringLiteral("languageChoice"));
    QVERIFY(choice);
    QCOMPARE(choice->currentData().toString(), QStringLiteral("en"));
    QSignalSpy changed(&languages, &LanguageManager::languageChanged);
    choice->setCurrentIndex(choice->findData(QStringLiteral("de")));
    emit choice->activated(choice->currentIndex());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(languages.language(), QStringLiteral("de"));
    QCOMPARE(LanguageManager::initialLanguage(QString()), QStringLiteral("de")); // saved
    QCOMPARE(LanguageManager::initialLanguage(QStringLiteral("en")),
             QStringLiteral("en")); // --language wins
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
    languages.saveLanguage();
    QCOMPARE(choice->currentData().toString(), QStringLiteral("en"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
