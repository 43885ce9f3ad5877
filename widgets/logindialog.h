#pragma once

#include "connectionprofile.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

// Choose a connection and log in. The first entry is "Local sandbox" (the default on a first start):
// gpudesk starts its own simulated control plane and clusters and logs in as the demo administrator.
// Other entries are saved profiles (control plane URL, password or service account, CA bundle,
// certificate pin, proxy) or a new one. Secrets are typed here and handed to the session, never
// saved in the profile. A failed login shows the server's own words next to the secret field.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LoginDialog(const QList<ConnectionProfile> &saved, QWidget *parent = nullptr);

    static QString sandboxProfileName(); // "Local sandbox"

    bool isSandboxSelected() const;
    void selectProfile(const QString &name);
    ConnectionProfile profile() const; // what the form describes
    QString secret() const;
    bool saveProfile() const;

    // The server's answer to the last attempt, shown under the secret field; the dialog stays open.
    void showLoginError(const QString &message);
    void setBusy(bool busy);

signals:
    void connectRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void setupViews();
    void setupConnections();
    void retranslateUi();
    void fillFromProfile(int index);
    void updateFieldStates();
    QString validationError() const;

    QList<ConnectionProfile> m_saved;
    QFormLayout *m_form = nullptr;
    QComboBox *m_profileChoice = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_url = nullptr;
    QComboBox *m_authMethod = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_secret = nullptr;
    QLabel *m_secretError = nullptr;
    QLineEdit *m_caBundle = nullptr;
    QLineEdit *m_pin = nullptr;
    QComboBox *m_proxyMode = nullptr;
    QLineEdit *m_proxyHost = nullptr;
    QSpinBox *m_proxyPort = nullptr;
    QCheckBox *m_save = nullptr;
    QLabel *m_sandboxNote = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
