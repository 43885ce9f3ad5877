#include "logindialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
enum ChoiceKind { SandboxChoice = -1, NewChoice = -2 };
}

LoginDialog::LoginDialog(const QList<ConnectionProfile> &saved, QWidget *parent)
    : QDialog(parent)
    , m_saved(saved)
{
    setObjectName(QStringLiteral("loginDialog"));
    setupViews();
    setupConnections();
    retranslateUi();
    fillFromProfile(0);
}

QString LoginDialog::sandboxProfileName()
{
    return QStringLiteral("Local sandbox");
}

void LoginDialog::setupViews()
{
    auto named = [this](auto *widget, const char *name) {
        widget->setObjectName(QLatin1String(name));
        return widget;
    };
    m_profileChoice = named(new QComboBox(this), "profileChoice");
    m_profileChoice->addItem(QString(), int(SandboxChoice));
    for (int i = 0; i < m_saved.size(); ++i)
        m_profileChoice->addItem(m_saved.at(i).name, i);
    m_profileChoice->addItem(QString(), int(NewChoice));
    m_sandboxNote = named(new QLabel(this), "sandboxNote");
    m_sandboxNote->setWordWrap(true);
    m_name = named(new QLineEdit(this), "profileName");
    m_url = named(new QLineEdit(this), "controlPlaneUrl");
    m_url->setPlaceholderText(QStringLiteral("https://runai.example.com"));
    m_authMethod = named(new QComboBox(this), "authMethod");
    m_authMethod->addItem(QString(), int(ConnectionProfile::AuthMethod::Password));
    m_authMethod->addItem(QString(), int(ConnectionProfile::AuthMethod::ServiceAccount));
    m_user = named(new QLineEdit(this), "user");
    m_secret = named(new QLineEdit(this), "secret");
    m_secret->setEchoMode(QLineEdit::Password);
    m_secretError = named(new QLabel(this), "loginError");
    m_secretError->setWordWrap(true);
    m_secretError->setStyleSheet(QStringLiteral("color: #b42318;"));
    m_secretError->setTextFormat(Qt::PlainText);
    m_secretError->hide();
    m_caBundle = named(new QLineEdit(this), "caBundle");
    m_pin = named(new QLineEdit(this), "certificatePin");
    m_proxyMode = named(new QComboBox(this), "proxyMode");
    m_proxyMode->addItem(QString(), int(ProxySettings::Mode::System));
    m_proxyMode->addItem(QString(), int(ProxySettings::Mode::None));
    m_proxyMode->addItem(QString(), int(ProxySettings::Mode::Explicit));
    m_proxyHost = named(new QLineEdit(this), "proxyHost");
    m_proxyPort = named(new QSpinBox(this), "proxyPort");
    m_proxyPort->setRange(0, 65535);
    m_save = named(new QCheckBox(this), "saveProfile");
    m_save->setChecked(true);

    m_form = new QFormLayout;
    m_form->addRow(QString(), m_profileChoice);
    m_form->addRow(m_sandboxNote);
    m_form->addRow(QString(), m_name);
    m_form->addRow(QString(), m_url);
    m_form->addRow(QString(), m_authMethod);
    m_form->addRow(QString(), m_user);
    m_form->addRow(QString(), m_secret);
    m_form->addRow(QString(), m_secretError);
    m_form->addRow(QString(), m_caBundle);
    m_form->addRow(QString(), m_pin);
    m_form->addRow(QString(), m_proxyMode);
    auto *proxy = new QHBoxLayout;
    proxy->addWidget(m_proxyHost, 1);
    proxy->addWidget(m_proxyPort);
    m_form->addRow(QString(), proxy);
    m_form->addRow(QString(), m_save);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);
}

void LoginDialog::setupConnections()
{
    connect(m_profileChoice, &QComboBox::currentIndexChanged, this, &LoginDialog::fillFromProfile);
    connect(m_authMethod, &QComboBox::currentIndexChanged, this, &LoginDialog::retranslateUi);
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, &LoginDialog::updateFieldStates);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        const QString error = validationError();
        if (!error.isEmpty()) {
            showLoginError(error);
            return;
        }
        m_secretError->hide();
        emit connectRequested();
    });
}

void LoginDialog::retranslateUi()
{
    setWindowTitle(tr("Connect to a control plane"));
    m_profileChoice->setItemText(0, tr("Local sandbox (simulated clusters)"));
    m_profileChoice->setItemText(m_profileChoice->count() - 1, tr("New profile…"));
    m_sandboxNote->setText(tr("gpudesk starts its own control plane and two simulated GPU clusters "
                              "on this computer and logs in as the demo administrator. Nothing "
                              "leaves this machine."));
    m_authMethod->setItemText(0, tr("User name and password"));
    m_authMethod->setItemText(1, tr("Service account (client id and secret)"));
    m_proxyMode->setItemText(0, tr("System proxy settings"));
    m_proxyMode->setItemText(1, tr("No proxy"));
    m_proxyMode->setItemText(2, tr("This proxy:"));
    m_save->setText(tr("Save this profile (without the password or secret)"));
    m_pin->setPlaceholderText(tr("optional SHA-256 fingerprint, e.g. AB:CD:…"));
    m_caBundle->setPlaceholderText(tr("optional PEM file with extra CA certificates"));
    m_proxyHost->setPlaceholderText(tr("host"));
    const bool serviceAccount = m_authMethod->currentData().toInt()
                                == int(ConnectionProfile::AuthMethod::ServiceAccount);
    const QStringList labels {tr("Connection:"),
                              QString(),
                              tr("Profile name:"),
                              tr("Control plane URL:"),
                              tr("Log in with:"),
                              serviceAccount ? tr("Client id:") : tr("User name:"),
                              serviceAccount ? tr("Client secret:") : tr("Password:"),
                              QString(),
                              tr("Extra CA bundle:"),
                              tr("Certificate pin:"),
                              tr("Proxy:"),
                              QString(),
                              QString()};
    for (int row = 0; row < m_form->rowCount() && row < labels.size(); ++row) {
        if (auto *item = m_form->itemAt(row, QFormLayout::LabelRole)) {
            if (auto *label = qobject_cast<QLabel *>(item->widget()))
                label->setText(labels.at(row));
        }
    }
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void LoginDialog::fillFromProfile(int index)
{
    const int which = m_profileChoice->itemData(index).toInt();
    ConnectionProfile p;
    if (which >= 0)
        p = m_saved.at(which);
    m_name->setText(p.name);
    m_url->setText(p.controlPlaneUrl.toString());
    m_authMethod->setCurrentIndex(m_authMethod->findData(int(p.authMethod)));
    m_user->setText(p.username);
    m_secret->clear();
    m_caBundle->setText(p.network.tls.caBundlePath);
    m_pin->setText(p.network.tls.pinnedSha256);
    m_proxyMode->setCurrentIndex(m_proxyMode->findData(int(p.network.proxy.mode)));
    m_proxyHost->setText(p.network.proxy.host);
    m_proxyPort->setValue(p.network.proxy.port);
    m_secretError->hide();
    updateFieldStates();
}

void LoginDialog::updateFieldStates()
{
    const bool sandbox = isSandboxSelected();
    m_sandboxNote->setVisible(sandbox);
    for (QWidget *w : std::initializer_list<QWidget *> {
             m_name, m_url, m_authMethod, m_user, m_secret, m_caBundle, m_pin, m_proxyMode, m_save})
        w->setEnabled(!sandbox);
    const bool explicitProxy = m_proxyMode->currentData().toInt()
                               == int(ProxySettings::Mode::Explicit);
    m_proxyHost->setEnabled(!sandbox && explicitProxy);
    m_proxyPort->setEnabled(!sandbox && explicitProxy);
}

bool LoginDialog::isSandboxSelected() const
{
    return m_profileChoice->currentData().toInt() == int(SandboxChoice);
}

void LoginDialog::selectProfile(const QString &name)
{
    if (name == sandboxProfileName()) {
        m_profileChoice->setCurrentIndex(0);
        return;
    }
    const int index = m_profileChoice->findText(name);
    if (index > 0)
        m_profileChoice->setCurrentIndex(index);
}

ConnectionProfile LoginDialog::profile() const
{
    ConnectionProfile p;
    p.name = m_name->text().trimmed();
    p.controlPlaneUrl = QUrl::fromUserInput(m_url->text().trimmed());
    p.authMethod = ConnectionProfile::AuthMethod(m_authMethod->currentData().toInt());
    p.username = m_user->text().trimmed();
    p.network.tls.caBundlePath = m_caBundle->text().trimmed();
    p.network.tls.pinnedSha256 = m_pin->text().trimmed();
    p.network.proxy.mode = ProxySettings::Mode(m_proxyMode->currentData().toInt());
    p.network.proxy.host = m_proxyHost->text().trimmed();
    p.network.proxy.port = quint16(m_proxyPort->value());
    return p;
}

QString LoginDialog::secret() const
{
    return m_secret->text();
}

bool LoginDialog::saveProfile() const
{
    return m_save->isChecked();
}

QString LoginDialog::validationError() const
{
    if (isSandboxSelected())
        return QString();
    const ConnectionProfile p = profile();
    if (p.name.isEmpty())
        return tr("Give the profile a name.");
    if (!p.isValid())
        return tr("Enter the control plane's URL, e.g. https://runai.example.com.");
    if (p.username.isEmpty())
        return p.authMethod == ConnectionProfile::AuthMethod::Password
                   ? tr("Enter your user name.")
                   : tr("Enter the service account's client id.");
    if (m_secret->text().isEmpty())
        return p.authMethod == ConnectionProfile::AuthMethod::Password
                   ? tr("Enter your password.")
                   : tr("Enter the service account's client secret.");
    return QString();
}

void LoginDialog::showLoginError(const QString &message)
{
    m_secretError->setText(message);
    m_secretError->show();
}

void LoginDialog::setBusy(bool busy)
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}
