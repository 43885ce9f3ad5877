#pragma once

// TLS and proxy settings of one connection profile. TLS verification is always on: the only knobs are
// *more* trust (an extra CA bundle, e.g. a company CA) and *less* trust (a SHA-256 certificate pin).

#include "apierror.h"

#include <QByteArray>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

class QNetworkAccessManager;

struct TlsSettings
{
    QString caBundlePath; // PEM file with extra CA certificates, added to the system CAs
    QString pinnedSha256; // optional server certificate fingerprint: hex (colons allowed) or base64
    friend bool operator==(const TlsSettings &, const TlsSettings &) = default;
};

struct ProxySettings
{
    enum class Mode { System, None, Explicit };
    Mode mode = Mode::System;
    QString host; // Explicit only
    quint16 port = 0;
    QString user; // the proxy password, if any, belongs in the keychain, not here
    friend bool operator==(const ProxySettings &, const ProxySettings &) = default;
};

struct NetworkSettings
{
    TlsSettings tls;
    ProxySettings proxy;
    friend bool operator==(const NetworkSettings &, const NetworkSettings &) = default;
};

namespace net {

// The system CAs plus the profile's bundle. An unreadable or empty bundle is an error, never a silent
// fallback: the user asked for that CA and would otherwise get a confusing "untrusted" later.
Result<QSslConfiguration> sslConfiguration(const TlsSettings &tls);

// Raw 32-byte SHA-256 digest from the user's text; empty when the text is no valid fingerprint.
QByteArray parsePin(const QString &text);
QString fingerprint(const QSslCertificate &certificate); // "AB:CD:…"
bool pinMatches(const QSslCertificate &certificate, const QByteArray &pin);

void applyProxy(QNetworkAccessManager *manager, const ProxySettings &proxy);

} // namespace net
