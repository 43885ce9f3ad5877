#include "logindialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

// The login dialog: "Local sandbox" first, validation next to the secret field, saved profiles.
class TestLoginDialog : public QObject
{
    Q_OBJECT
private slots:
    void sandboxIsTheDefault();
    void validation_data();
    void validation();
    void savedProfileFillsTheForm();
    void serverErrorIsShown();
};

void TestLoginDialog::sandboxIsTheDefault()
{
    LoginDialog dialog({});
    QVERIFY(dialog.isSandboxSelected());
    QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("controlPlaneUrl"))->isEnabled());
    QSignalSpy requested(&dialog, &LoginDialog::connectRequested);
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(requested.count(), 1);
}

void TestLoginDialog::validation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("expectedError"); // empty = accepted
    const QString url = QStringLiteral("https://runai.example.com");
    QTest::addRow("no name") << QString() << url << QStringLiteral("me") << QStringLiteral("pw")
                             << QStringLiteral("Give the profile a name.");
    QTest::addRow("no url")
        << QStringLiteral("p") << QString() << QStringLiteral("me") << QStringLiteral("pw")
        << QStringLiteral("Enter the control plane's URL, e.g. https://runai.example.com.");
    QTest::addRow("no user") << QStringLiteral("p") << url << QString() << QStringLiteral("pw")
                             << QStringLiteral("Enter your user name.");
    QTest::addRow("no password") << QStringLiteral("p") << url << QStringLiteral("me") << QString()
                                 << QStringLiteral("Enter your password.");
    QTest::addRow("complete") << QStringLiteral("p") << url << QStringLiteral("me")
                              << QStringLiteral("pw") << QString();
}

void TestLoginDialog::validation()
{
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(QString, user);
    QFETCH(QString, secret);
    QFETCH(QString, expectedError);
    LoginDialog dialog({});
    dialog.show();
    auto *choice = dialog.findChild<QComboBox *>(QStringLiteral("profileChoice"));
    choice->setCurrentIndex(choice->count() - 1); // New profile…
    QVERIFY(!dialog.isSandboxSelected());
    dialog.findChild<QLineEdit *>(QStringLiteral("profileName"))->setText(name);
    dialog.findChild<QLineEdit *>(QStringLiteral("controlPlaneUrl"))->setText(url);
    dialog.findChild<QLineEdit *>(QStringLiteral("user"))->setText(user);
    dialog.findChild<QLineEdit *>(QStringLiteral("secret"))->setText(secret);
    QSignalSpy requested(&dialog, &LoginDialog::connectRequested);
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("loginError"));
    QCOMPARE(requested.count(), expectedError.isEmpty() ? 1 : 0);
    QCOMPARE(error->isVisible(), !expectedError.isEmpty());
    if (!expectedError.isEmpty())
        QCOMPARE(error->text(), expectedError);
    else
        QCOMPARE(dialog.profile().controlPlaneUrl, QUrl(url));
}

void TestLoginDialog::savedProfileFillsTheForm()
{
    ConnectionProfile saved;
    saved.name = QStringLiteral("prod");
    saved.controlPlaneUrl = QUrl(QStringLiteral("https://cp.example.com"));
    saved.authMethod = ConnectionProfile::AuthMethod::ServiceAccount;
    saved.username = QStringLiteral("client-1");
    saved.network.tls.pinnedSha256 = QStringLiteral("AB:CD");
    LoginDialog dialog({saved});
    dialog.selectProfile(QStringLiteral("prod"));
    QVERIFY(!dialog.isSandboxSelected());
    const ConnectionProfile shown = dialog.profile();
    QCOMPARE(shown.name, saved.name);
    QCOMPARE(shown.controlPlaneUrl, saved.controlPlaneUrl);
    QCOMPARE(shown.authMethod, saved.authMethod);
    QCOMPARE(shown.username, saved.username);
    QCOMPARE(shown.network.tls.pinnedSha256, saved.network.tls.pinnedSha256);
    QVERIFY(dialog.secret().isEmpty()); // never stored, never prefilled
}

void TestLoginDialog::serverErrorIsShown()
{
    LoginDialog dialog({});
    dialog.show();
    const QString words = QStringLiteral("Invalid username or password");
    dialog.showLoginError(words);
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("loginError"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), words);
}

QTEST_MAIN(TestLoginDialog)
#include "tst_logindialog.moc"
