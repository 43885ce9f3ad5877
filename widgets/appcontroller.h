#pragma once

#include "connectionprofile.h"

#include <QObject>
#include <QPointer>

class KeychainStore;
class LanguageManager;
class LoginDialog;
class MainWindow;
class OverviewPage;
class SandboxLauncher;
class SandboxProgressDialog;
struct SandboxInfo;
class Workspace;
struct WorkspaceCluster;

struct AppOptions
{
    QString profile;        // --profile: a saved profile's name or "Local sandbox"; empty = ask
    QString language;       // --language; empty = setting, then system locale
    QString screenshotPath; // --screenshot: save the window once the Overview shows live data, quit
    double timeScale = 0;   // sandbox simulation speed; 0 = the sandbox's default
};

// Wires the app together: the main window, choosing a connection (the local sandbox by default),
// logging in through the models' Session, and installing the pages once their data exists. Owns the
// sandbox child process and stops it on destruction (i.e. when the app quits).
class AppController : public QObject
{
    Q_OBJECT
public:
    explicit AppController(const AppOptions &options, QObject *parent = nullptr);
    ~AppController() override;

    void start();
    // Shows the window and logs in to `profile` directly (benchmarks, scripted use); no dialog.
    void startWithProfile(const ConnectionProfile &profile, const QString &secret);
    // Opens the connection dialog (also shown when no profile was given on the command line).
    LoginDialog *showLoginDialog();

    MainWindow *window() const { return m_window; }
    Workspace *workspace() const { return m_workspace; }
    SandboxLauncher *sandbox() const { return m_sandbox; }
    LanguageManager *languages() const { return m_languages; }
    OverviewPage *overviewPage() const { return m_overviewPage; }

signals:
    void connected();                    // logged in, pages installed
    void overviewLive();                 // the Overview shows its first complete live data
    void failed(const QString &message); // no connection could be made (sandbox or login)
    void screenshotSaved(const QString &path, bool ok);

private:
    void setupPaletteActions();
    void startSandbox();
    void onSandboxReady(const SandboxInfo &info);
    void connectTo(const ConnectionProfile &profile, const QString &secret, bool restore = false);
    void onLoggedIn();
    void installPages();
    void takeScreenshot();
    void saveProfile(const ConnectionProfile &profile);

    AppOptions m_options;
    MainWindow *m_window = nullptr;
    LanguageManager *m_languages = nullptr;
    KeychainStore *m_keychain = nullptr;
    SandboxLauncher *m_sandbox = nullptr;
    Workspace *m_workspace = nullptr;
    Workspace *m_pending = nullptr; // logging in, not shown yet
    OverviewPage *m_overviewPage = nullptr;
    QPointer<LoginDialog> m_loginDialog;
    QPointer<SandboxProgressDialog> m_sandboxDialog;
    bool m_isSandbox = false;
    bool m_screenshotTaken = false;
};
