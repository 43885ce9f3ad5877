#include "jwt.h"

#include "secrets.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace gpudesk::auth {

namespace {

constexpr auto base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray bioToBytes(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(length));
}

bool digestSign(EVP_PKEY *key, const QByteArray &input, QByteArray *rawSignature)
{
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    size_t length = 0;
    bool ok = EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, key) == 1
              && EVP_DigestSign(context,
                                nullptr,
                                &length,
                                reinterpret_cast<const unsigned char *>(input.constData()),
                                size_t(input.size()))
                     == 1;
    QByteArray der(int(length), Qt::Uninitialized);
    ok = ok
         && EVP_DigestSign(context,
                           reinterpret_cast<unsigned char *>(der.data()),
                           &length,
                           reinterpret_cast<const unsigned char *>(input.constData()),
                           size_t(input.size()))
                == 1;
    EVP_MD_CTX_free(context);
    if (!ok)
        return false;
    // JWS wants the raw r||s (32 bytes each), OpenSSL gives DER.
    const unsigned char *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    ECDSA_SIG *signature = d2i_ECDSA_SIG(nullptr, &cursor, long(length));
    if (!signature)
        return false;
    rawSignature->resize(64);
    BN_bn2binpad(ECDSA_SIG_get0_r(signature),
                 reinterpret_cast<unsigned char *>(rawSignature->data()),
                 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(signature),
                 reinterpret_cast<unsigned char *>(rawSignature->data()) + 32,
                 32);
    ECDSA_SIG_free(signature);
    return true;
}

bool digestVerify(EVP_PKEY *key, const QByteArray &input, const QByteArray &rawSignature)
{
    if (rawSignature.size() != 64)
        return false;
    ECDSA_SIG *signature = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(reinterpret_cast<const unsigned char *>(rawSignature.constData()),
                          32,
                          nullptr);
    BIGNUM *s = BN_bin2bn(reinterpret_cast<const unsigned char *>(rawSignature.constData()) + 32,
                          32,
                          nullptr);
    ECDSA_SIG_set0(signature, r, s);
    unsigned char *der = nullptr;
    const int derLength = i2d_ECDSA_SIG(signature, &der);
    ECDSA_SIG_free(signature);
    if (derLength <= 0)
        return false;
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key) == 1
                    && EVP_DigestVerify(context,
                                        der,
                                        size_t(derLength),
                                        reinterpret_cast<const unsigned char *>(input.constData()),
                                        size_t(input.size()))
                           == 1;
    EVP_MD_CTX_free(context);
    OPENSSL_free(der);
    return ok;
}

} // namespace

struct SigningKey::Private
{
    EVP_PKEY *key = nullptr;
    QString keyId;
    ~Private() { EVP_PKEY_free(key); }
};

SigningKey::SigningKey() = default;
SigningKey::~SigningKey() = default;
SigningKey::SigningKey(SigningKey &&) noexcept = default;
SigningKey &SigningKey::operator=(SigningKey &&) noexcept = default;

static QString computeKeyId(const QByteArray &publicPem)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(publicPem, QCryptographicHash::Sha256).left(12).toBase64(base64Url));
}

SigningKey SigningKey::generate()
{
    SigningKey result;
    result.d = std::make_unique<Private>();
    result.d->key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    result.d->keyId = computeKeyId(result.publicPem());
    return result;
}

SigningKey SigningKey::fromPrivatePem(const QByteArray &pem)
{
    SigningKey result;
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!key)
        return result;
    result.d = std::make_unique<Private>();
    result.d->key = key;
    result.d->keyId = computeKeyId(result.publicPem());
    return result;
}

bool SigningKey::isNull() const
{
    return !d || !d->key;
}

QByteArray SigningKey::privatePem() const
{
    if (isNull())
        return QByteArray();
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, d->key, nullptr, nullptr, 0, nullptr, nullptr);
    const QByteArray pem = bioToBytes(bio);
    BIO_free(bio);
    return pem;
}

QByteArray SigningKey::publicPem() const
{
    if (isNull())
        return QByteArray();
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, d->key);
    const QByteArray pem = bioToBytes(bio);
    BIO_free(bio);
    return pem;
}

QString SigningKey::keyId() const
{
    return d ? d->keyId : QString();
}

QByteArray SigningKey::sign(const QJsonObject &claims) const
{
    if (isNull())
        return QByteArray();
    const QJsonObject header {{QStringLiteral("alg"), QStringLiteral("ES256")},
                              {QStringLiteral("typ"), QStringLiteral("JWT")},
                              {QStringLiteral("kid"), d->keyId}};
    const QByteArray input
        = QJsonDocument(header).toJson(QJsonDocument::Compact).toBase64(base64Url) + '.'
          + QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(base64Url);
    QByteArray signature;
    if (!digestSign(d->key, input, &signature))
        return QByteArray();
    return input + '.' + signature.toBase64(base64Url);
}

struct TokenVerifier::Private
{
    EVP_PKEY *key = nullptr;
    ~Private() { EVP_PKEY_free(key); }
};

TokenVerifier::TokenVerifier(const QByteArray &publicKeyPem)
    : d(std::make_unique<Private>())
{
    BIO *bio = BIO_new_mem_buf(publicKeyPem.constData(), int(publicKeyPem.size()));
    d->key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
}

TokenVerifier::~TokenVerifier() = default;
TokenVerifier::TokenVerifier(TokenVerifier &&) noexcept = default;
TokenVerifier &TokenVerifier::operator=(TokenVerifier &&) noexcept = default;

bool TokenVerifier::isValid() const
{
    return d && d->key;
}

VerifyResult TokenVerifier::verify(const QByteArray &token, qint64 nowSeconds) const
{
    VerifyResult result;
    if (!isValid()) {
        result.error = QStringLiteral("no valid public key to check the token with");
        return result;
    }
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3) {
        result.error = QStringLiteral("the token is not a JWT");
        return result;
    }
    const QJsonObject header
        = QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(0), base64Url)).object();
    if (header.value(QStringLiteral("alg")).toString() != QLatin1String("ES256")) {
        result.error = QStringLiteral("the token is not signed with ES256");
        return result;
    }
    const QByteArray signature = QByteArray::fromBase64(parts.at(2), base64Url);
    if (!digestVerify(d->key, parts.at(0) + '.' + parts.at(1), signature)) {
        result.error = QStringLiteral("the token's signature is not valid");
        return result;
    }
    const QJsonObject claims
        = QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1), base64Url)).object();
    const qint64 now = nowSeconds > 0 ? nowSeconds : QDateTime::currentSecsSinceEpoch();
    const qint64 expiresAt = qint64(claims.value(QStringLiteral("exp")).toDouble());
    if (expiresAt <= 0 || now > expiresAt + 30) {
        result.error = QStringLiteral("the token has expired");
        return result;
    }
    const qint64 notBefore = qint64(claims.value(QStringLiteral("nbf")).toDouble());
    if (notBefore > 0 && now + 30 < notBefore) {
        result.error = QStringLiteral("the token is not valid yet");
        return result;
    }
    TokenClaims out;
    out.subject = claims.value(QStringLiteral("sub")).toString();
    out.subjectType = claims.value(QStringLiteral("subject_type")).toString();
    out.name = claims.value(QStringLiteral("preferred_username")).toString();
    for (const QJsonValue &group : claims.value(QStringLiteral("groups")).toArray())
        out.groups.append(group.toString());
    out.tenantId = claims.value(QStringLiteral("tenant_id")).toVariant().toString();
    out.tokenId = claims.value(QStringLiteral("jti")).toString();
    out.issuedAt = qint64(claims.value(QStringLiteral("iat")).toDouble());
    out.expiresAt = expiresAt;
    out.raw = claims;
    if (out.subject.isEmpty()) {
        result.error = QStringLiteral("the token names no subject");
        return result;
    }
    result.claims = out;
    return result;
}

VerifyResult verifyAccessToken(const QByteArray &token, const QByteArray &publicKeyPem)
{
    return TokenVerifier(publicKeyPem).verify(token);
}

} // namespace gpudesk::auth
