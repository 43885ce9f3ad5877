#include "secrets.h"

#include <QCryptographicHash>
#include <QList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace gpudesk::auth {

namespace {
QByteArray derive(const QString &password, const QByteArray &salt, int iterations)
{
    const QByteArray utf8 = password.toUtf8();
    QByteArray out(32, Qt::Uninitialized);
    PKCS5_PBKDF2_HMAC(utf8.constData(),
                      int(utf8.size()),
                      reinterpret_cast<const unsigned char *>(salt.constData()),
                      int(salt.size()),
                      iterations,
                      EVP_sha256(),
                      int(out.size()),
                      reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), count);
    return bytes;
}
} // namespace

QByteArray hashPassword(const QString &password, int iterations)
{
    const QByteArray salt = randomBytes(16);
    return "pbkdf2-sha256$" + QByteArray::number(iterations) + '$' + salt.toBase64() + '$'
           + derive(password, salt, iterations).toBase64();
}

bool verifyPassword(const QString &password, const QByteArray &stored)
{
    const QList<QByteArray> parts = stored.split('$');
    if (parts.size() != 4 || parts.at(0) != "pbkdf2-sha256")
        return false;
    bool ok = false;
    const int iterations = parts.at(1).toInt(&ok);
    if (!ok || iterations < 1)
        return false;
    return constantTimeEquals(derive(password, QByteArray::fromBase64(parts.at(2)), iterations),
                              QByteArray::fromBase64(parts.at(3)));
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

QByteArray randomToken(int bytes)
{
    return randomBytes(bytes).toBase64(QByteArray::Base64UrlEncoding
                                       | QByteArray::OmitTrailingEquals);
}

QString randomPassword()
{
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    const QByteArray bytes = randomBytes(16);
    QString out;
    for (char byte : bytes)
        out.append(QLatin1Char(alphabet[static_cast<unsigned char>(byte) % (sizeof(alphabet) - 1)]));
    return out;
}

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

} // namespace gpudesk::auth
