#include "connectionprofile.h"

#include <QSettings>

namespace {

const QString groupName = QStringLiteral("connectionProfiles");

QString authText(ConnectionProfile::AuthMethod m)
{
    return m == ConnectionProfile::AuthMethod::ServiceAccount ? QStringLiteral("service-account")
                                                              : QStringLiteral("password");
}

QString proxyText(ProxySettings::Mode m)
{
    switch (m) {
    case ProxySettings::Mode::None:
        return QStringLiteral("none");
    case ProxySettings::Mode::Explicit:
        return QStringLiteral("explicit");
    case ProxySettings::Mode::System:
        break;
    }
    return QStringLiteral("system");
}

} // namespace

QString ConnectionProfile::keychainKey(const QString &what) const
{
    return QStringLiteral("gpudesk/") + name + QLatin1Char('/') + what;
}

namespace profiles {

QList<ConnectionProfile> load(QSettings &settings)
{
    QList<ConnectionProfile> out;
    const int n = settings.beginReadArray(groupName);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile p;
        p.name = settings.value(QStringLiteral("name")).toString();
        p.controlPlaneUrl = QUrl(settings.value(QStringLiteral("controlPlaneUrl")).toString());
        p.authMethod = settings.value(QStringLiteral("authMethod")).toString()
                               == QLatin1String("service-account")
                           ? ConnectionProfile::AuthMethod::ServiceAccount
                           : ConnectionProfile::AuthMethod::Password;
        p.username = settings.value(QStringLiteral("username")).toString();
        p.network.tls.caBundlePath = settings.value(QStringLiteral("caBundle")).toString();
        p.network.tls.pinnedSha256 = settings.value(QStringLiteral("certificatePin")).toString();
        const QString proxy = settings.value(QStringLiteral("proxy")).toString();
        p.network.proxy.mode = proxy == QLatin1String("none")       ? ProxySettings::Mode::None
                               : proxy == QLatin1String("explicit") ? ProxySettings::Mode::Explicit
                                                                    : ProxySettings::Mode::System;
        p.network.proxy.host = settings.value(QStringLiteral("proxyHost")).toString();
        p.network.proxy.port = quint16(settings.value(QStringLiteral("proxyPort")).toUInt());
        p.network.proxy.user = settings.value(QStringLiteral("proxyUser")).toString();
        if (!p.name.isEmpty())
            out.append(p);
    }
    settings.endArray();
    return out;
}

static void writeAll(QSettings &settings, const QList<ConnectionProfile> &all)
{
    settings.remove(groupName);
    settings.beginWriteArray(groupName, int(all.size()));
    for (int i = 0; i < all.size(); ++i) {
        const ConnectionProfile &p = all.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("controlPlaneUrl"), p.controlPlaneUrl.toString());
        settings.setValue(QStringLiteral("authMethod"), authText(p.authMethod));
        settings.setValue(QStringLiteral("username"), p.username);
        settings.setValue(QStringLiteral("caBundle"), p.network.tls.caBundlePath);
        settings.setValue(QStringLiteral("certificatePin"), p.network.tls.pinnedSha256);
        settings.setValue(QStringLiteral("proxy"), proxyText(p.network.proxy.mode));
        settings.setValue(QStringLiteral("proxyHost"), p.network.proxy.host);
        settings.setValue(QStringLiteral("proxyPort"), p.network.proxy.port);
        settings.setValue(QStringLiteral("proxyUser"), p.network.proxy.user);
    }
    settings.endArray();
    settings.sync();
}

void save(QSettings &settings, const ConnectionProfile &profile)
{
    QList<ConnectionProfile> all = load(settings);
    bool replaced = false;
    for (ConnectionProfile &p : all) {
        if (p.name == profile.name) {
            p = profile;
            replaced = true;
        }
    }
    if (!replaced)
        all.append(profile);
    writeAll(settings, all);
}

void remove(QSettings &settings, const QString &name)
{
    QList<ConnectionProfile> all = load(settings);
    all.removeIf([&name](const ConnectionProfile &p) { return p.name == name; });
    writeAll(settings, all);
}

} // namespace profiles
