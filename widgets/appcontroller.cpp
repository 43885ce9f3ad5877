#include "appcontroller.h"

#include "clusterstate.h"
#include "keychainstore.h"
#include "languagemanager.h"
#include "logindialog.h"
#include "mainwindow.h"
#include "organizationpage.h"
#include "overviewpage.h"
#include "overviewsource.h"
#include "sandboxlauncher.h"
#include "sandboxprogressdialog.h"
#include "session.h"
#include "settingspage.h"
#include "workloadspage.h"
#include "workspace.h"

#include <QAction>
#include <QApplication>
#include <QSettings>
#include <QTimer>

namespace {

ClusterState toClusterState(const WorkspaceCluster &c, bool simulated)
{
    ClusterState s;
    s.id = c.id;
    s.name = c.name;
    s.reason = c.reason;
    s.lastSync = c.lastContact;
    s.isSimulated = simulated;
    switch (c.reach) {
    case WorkspaceCluster::Reach::Reachable:
        s.reach = ClusterState::Reach::Reachable;
        break;
    case WorkspaceCluster::Reach::Unreachable:
        s.reach = ClusterState::Reach::Unreachable;
        break;
    case WorkspaceCluster::Reach::Unknown:
        s.reach = ClusterState::Reach::Unknown;
        break;
    }
    return s;
}

} // namespace

AppController::AppController(const AppOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_languages(new LanguageManager(this))
    , m_keychain(new KeychainStore(QStringLiteral("gpudesk"), this))
{
    m_languages->setLanguage(LanguageManager::initialLanguage(options.language));
    m_window = new MainWindow;
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    setupPaletteActions();
    // Settings needs no connection: it is there from the start.
    m_window->setPage(MainWindow::Settings, new SettingsPage(m_languages));
}

AppController::~AppController()
{
    // Pages and chart mappers read the workspace's models: the window goes first, then the data,
    // then the sandbox the data came from.
    delete m_window;
    m_window = nullptr;
    delete m_workspace;
    m_workspace = nullptr;
    delete m_pending;
    m_pending = nullptr;
    if (m_sandbox)
        m_sandbox->stop();
}

void AppController::setupPaletteActions()
{
    auto *german = new QAction(m_window);
    german->setObjectName(QStringLiteral("languageGerman"));
    auto *english = new QAction(m_window);
    english->setObjectName(QStringLiteral("languageEnglish"));
    auto *refresh = new QAction(m_window);
    refresh->setObjectName(QStringLiteral("refreshOverview"));
    refresh->setShortcut(QKeySequence::Refresh);
    auto *quit = new QAction(m_window);
    quit->setObjectName(QStringLiteral("quit"));
    quit->setShortcut(QKeySequence::Quit);
    auto retranslate = [german, english, refresh, quit] {
        // Language names stay in their own language so that they can be found in either UI.
        german->setText(tr("Switch language to %1").arg(QStringLiteral("Deutsch")));
        english->setText(tr("Switch language to %1").arg(QStringLiteral("English")));
        refresh->setText(tr("Refresh the Overview now"));
        quit->setText(tr("Quit gpudesk"));
    };
    retranslate();
    connect(m_languages, &LanguageManager::languageChanged, this, retranslate);
    connect(german, &QAction::triggered, this, [this] {
        m_languages->setLanguage(QStringLiteral("de"));
        m_languages->saveLanguage();
    });
    connect(english, &QAction::triggered, this, [this] {
        m_languages->setLanguage(QStringLiteral("en"));
        m_languages->saveLanguage();
    });
    connect(refresh, &QAction::triggered, this, [this] {
        if (m_workspace)
            m_workspace->overview()->refresh();
    });
    connect(quit, &QAction::triggered, m_window, &QWidget::close);
    for (QAction *action : {german, english, refresh, quit})
        m_window->addPaletteAction(action);
}

void AppController::start()
{
    m_window->show();
    const bool sandboxWanted = m_options.profile == LoginDialog::sandboxProfileName()
                               || (m_options.profile.isEmpty()
                                   && !m_options.screenshotPath.isEmpty());
    if (sandboxWanted) {
        startSandbox();
        return;
    }
    if (!m_options.profile.isEmpty()) {
        QSettings settings;
        for (const ConnectionProfile &p : profiles::load(settings)) {
            if (p.name == m_options.profile) {
                connectTo(p, QString(), true); // resume from the keychain, ask only if that fails
                return;
            }
        }
    }
    showLoginDialog();
}

void AppController::startWithProfile(const ConnectionProfile &profile, const QString &secret)
{
    m_window->show();
    connectTo(profile, secret);
}

LoginDialog *AppController::showLoginDialog()
{
    QSettings settings;
    auto *dialog = new LoginDialog(profiles::load(settings), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!m_options.profile.isEmpty())
        dialog->selectProfile(m_options.profile);
    m_loginDialog = dialog;
    connect(dialog, &LoginDialog::connectRequested, this, [this, dialog] {
        if (dialog->isSandboxSelected()) {
            dialog->accept();
            startSandbox();
            return;
        }
        dialog->setBusy(true);
        const ConnectionProfile profile = dialog->profile();
        if (dialog->saveProfile())
            saveProfile(profile);
        connectTo(profile, dialog->secret());
    });
    dialog->open();
    return dialog;
}

void AppController::saveProfile(const ConnectionProfile &profile)
{
    QSettings settings;
    profiles::save(settings, profile); // no secret in here: see ConnectionProfile
}

void AppController::startSandbox()
{
    m_isSandbox = true;
    if (!m_sandbox) {
        m_sandbox = new SandboxLauncher(this);
        if (m_options.timeScale > 0)
            m_sandbox->setTimeScale(m_options.timeScale);
    }
    auto *dialog = new SandboxProgressDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_sandboxDialog = dialog;
    connect(m_sandbox, &SandboxLauncher::progress, dialog, &SandboxProgressDialog::addLine);
    connect(m_sandbox, &SandboxLauncher::ready, this, &AppController::onSandboxReady);
    connect(m_sandbox, &SandboxLauncher::failed, dialog, &SandboxProgressDialog::showFailure);
    connect(m_sandbox, &SandboxLauncher::failed, this, &AppController::failed);
    connect(dialog, &QDialog::rejected, this, [this] {
        if (m_sandbox->state() == SandboxLauncher::State::Starting)
            m_sandbox->stop();
        if (!m_workspace)
            showLoginDialog();
    });
    dialog->open();
    m_sandbox->start();
}

void AppController::onSandboxReady(const SandboxInfo &info)
{
    if (m_sandboxDialog)
        m_sandboxDialog->showStep(
            tr("Sandbox ready. Logging in as %1…").arg(SandboxLauncher::demoUser()));
    ConnectionProfile profile;
    profile.name = LoginDialog::sandboxProfileName();
    profile.controlPlaneUrl = info.controlPlaneUrl;
    profile.username = SandboxLauncher::demoUser();
    connectTo(profile, SandboxLauncher::demoPassword());
}

void AppController::connectTo(const ConnectionProfile &profile, const QString &secret, bool restore)
{
    // The new connection stays pending until it logged in; the current one keeps working meanwhile.
    delete m_pending;
    m_pending = new Workspace(profile, m_keychain, this);
    Workspace *pending = m_pending;
    connect(pending, &Workspace::loggedIn, this, &AppController::onLoggedIn);
    connect(pending, &Workspace::loginFailed, this, [this, restore, pending](const ApiError &error) {
        pending->deleteLater();
        m_pending = nullptr;
        const QString words = error.detail.isEmpty() || error.detail == error.message
                                  ? error.message
                                  : error.message + QLatin1Char('\n') + error.detail;
        if (m_loginDialog) {
            m_loginDialog->setBusy(false);
            m_loginDialog->showLoginError(words);
        } else if (m_sandboxDialog) {
            m_sandboxDialog->showFailure(tr("Logging in to the sandbox failed: %1").arg(words));
        } else if (restore) {
            showLoginDialog(); // nothing usable in the keychain: ask for the secret
        }
        emit failed(words);
    });
    if (restore)
        pending->session()->restore();
    else
        pending->login(secret);
}

void AppController::onLoggedIn()
{
    // Swap: new pages replace the old ones (deleted later), then the old data goes, also later, so
    // that no page outlives the models it reads.
    Workspace *old = m_workspace;
    m_workspace = m_pending;
    m_pending = nullptr;
    if (m_loginDialog)
        m_loginDialog->accept();
    if (m_sandboxDialog)
        m_sandboxDialog->accept();
    const ConnectionProfile &profile = m_workspace->profile();
    m_window->setConnectionDescription(
        m_isSandbox ? tr("Local sandbox (simulated clusters) · %1").arg(profile.username)
                    : tr("%1 · %2").arg(profile.name, profile.username));
    connect(m_workspace, &Workspace::clustersLoaded, this, [this] {
        QList<ClusterState> states;
        for (const WorkspaceCluster &c : m_workspace->clusters())
            states.append(toClusterState(c, m_isSandbox));
        m_window->setClusters(states);
    });
    connect(m_workspace, &Workspace::clusterChanged, this, [this](const WorkspaceCluster &c) {
        m_window->updateCluster(toClusterState(c, m_isSandbox));
    });
    connect(m_window,
            &MainWindow::currentClusterChanged,
            m_workspace->overview(),
            &OverviewSource::setClusterId);
    installPages();
    if (old) {
        old->disconnect(this);
        old->deleteLater();
    }
    m_workspace->start();
    emit connected();
}

void AppController::installPages()
{
    m_overviewPage = new OverviewPage(m_workspace->overview());
    connect(m_overviewPage, &OverviewPage::liveDataShown, this, &AppController::overviewLive);
    m_window->setPage(MainWindow::Overview, m_overviewPage);
    m_window->setPage(MainWindow::Organization, new OrganizationPage(m_workspace->organization()));
    m_window->setPage(MainWindow::Workloads,
                      new WorkloadsPage(m_workspace,
                                        m_workspace->workloads(),
                                        m_workspace->workloadFeed()));
    if (!m_options.screenshotPath.isEmpty())
        connect(m_overviewPage, &OverviewPage::liveDataShown, this, &AppController::takeScreenshot);
}

void AppController::takeScreenshot()
{
    m_window->setCurrentPage(MainWindow::Overview);
    // A sandbox that just started may not have synced its nodes yet: wait (up to 20 s) for the first
    // nodes so the picture shows a working cluster, then let the charts lay out before grabbing.
    auto grab = [this] {
        if (m_screenshotTaken)
            return;
        m_screenshotTaken = true;
        QTimer::singleShot(500, this, [this] {
            const bool ok = m_window->grab().save(m_options.screenshotPath);
            emit screenshotSaved(m_options.screenshotPath, ok);
        });
    };
    OverviewSource *source = m_workspace->overview();
    if (source->tiles().readyNodes.value_or(0) > 0
        && source->tiles().runningWorkloads.value_or(0) > 0) {
        grab();
        return;
    }
    connect(source, &OverviewSource::refreshed, this, [source, grab] {
        if (source->tiles().readyNodes.value_or(0) > 0
            && source->tiles().runningWorkloads.value_or(0) > 0)
            grab();
    });
    QTimer::singleShot(20000, this, grab);
}
