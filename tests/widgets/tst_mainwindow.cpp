#include "mainwindow.h"

#include <QListWidget>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void shortcutSwitchesPage_data();
    void shortcutSwitchesPage();
    void sidebarListsEveryPage();
};

void TestMainWindow::shortcutSwitchesPage_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("expectedPage");
    QTest::addRow("Ctrl+1 overview") << int(Qt::Key_1) << int(MainWindow::Overview);
    QTest::addRow("Ctrl+3 workloads") << int(Qt::Key_3) << int(MainWindow::Workloads);
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
    QTest::keyClick(&window, Qt::Key(key), Qt::ControlModifier);
    QCOMPARE(window.currentPage(), expectedPage);
}

void TestMainWindow::sidebarListsEveryPage()
{
    MainWindow window;
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    QCOMPARE(navigation->count(), int(MainWindow::PageCount));
    QCOMPARE(navigation->item(MainWindow::Nodes)->text(), QStringLiteral("Nodes & node pools"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
