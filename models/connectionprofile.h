#pragma once

// Connection profiles: where a control plane is and how to log in to it. Stored in QSettings, which is a
// plain file on disk: therefore a profile holds no password, token or client secret. Those live in the
// OS keychain (KeychainStore), under keys derived from the profile name (keychainKey()).

#include "networksettings.h"

#include <QList>
#include <QString>
#include <QUrl>

class QSettings;

struct ConnectionProfile
{
    enum class AuthMethod { Password, ServiceAccount };

    QString name;
    QUrl controlPlaneUrl;
    AuthMethod authMethod = AuthMethod::Password;
    QString username; // the user's login, or the service account's client id (not secret)
    NetworkSettings network;

    bool isValid() const
    {
        return !name.trimmed().isEmpty() && controlPlaneUrl.isValid()
               && !controlPlaneUrl.host().isEmpty();
    }
    // "gpudesk/<profile>/<what>", e.g. what = "refresh-token", "access-token", "client-secret".
    QString keychainKey(const QString &what) const;
    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

namespace profiles {

QList<ConnectionProfile> load(QSettings &settings);
void save(QSettings &settings, const ConnectionProfile &profile); // replaces one with the same name
void remove(QSettings &settings, const QString &name);

} // namespace profiles
