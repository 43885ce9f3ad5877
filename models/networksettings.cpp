#include "networksettings.h"

#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>

namespace net {

Result<QSslConfiguration> sslConfiguration(const TlsSettings &tls)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (tls.caBundlePath.isEmpty())
        return Result<QSslConfiguration>::success(config);
    QFile file(tls.caBundlePath);
    if (!file.open(QIODevice::ReadOnly)) {
        return Result<QSslConfiguration>::failure(ApiError::make(
            ApiError::Kind::Tls,
            QCoreApplication::translate("net",
                                        "The CA bundle %1 cannot be read: %2. Fix the path in "
                                        "the connection profile.")
                .arg(tls.caBundlePath, file.errorString())));
    }
    const QList<QSslCertificate> cas = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (cas.isEmpty()) {
        return Result<QSslConfiguration>::failure(ApiError::make(
            ApiError::Kind::Tls,
            QCoreApplication::translate("net",
                                        "The CA bundle %1 contains no PEM certificate. Choose "
                                        "a file that starts with -----BEGIN CERTIFICATE-----.")
                .arg(tls.caBundlePath)));
    }
    config.addCaCertificates(cas);
    return Result<QSslConfiguration>::success(config);
}

QByteArray parsePin(const QString &text)
{
    QString t = text.trimmed();
    if (t.startsWith(QLatin1String("sha256/"), Qt::CaseInsensitive))
        t = t.mid(7);
    QString hex = t;
    hex.remove(QLatin1Char(':'));
    hex.remove(QLatin1Char(' '));
    if (hex.size() == 64) {
        const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
        if (raw.size() == 32)
            return raw;
    }
    const auto decoded = QByteArray::fromBase64Encoding(t.toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (decoded && decoded.decoded.size() == 32)
        return decoded.decoded;
    return {};
}

QString fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

bool pinMatches(const QSslCertificate &certificate, const QByteArray &pin)
{
    return !certificate.isNull() && certificate.digest(QCryptographicHash::Sha256) == pin;
}

void applyProxy(QNetworkAccessManager *manager, const ProxySettings &proxy)
{
    switch (proxy.mode) {
    case ProxySettings::Mode::System:
        manager->setProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        break;
    case ProxySettings::Mode::None:
        manager->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        break;
    case ProxySettings::Mode::Explicit:
        manager->setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, proxy.host, proxy.port, proxy.user));
        break;
    }
}

} // namespace net
