#pragma once
// ES256 (ECDSA P-256 + SHA-256) JSON Web Tokens with OpenSSL. The control plane signs access tokens;
// clusters verify them with the public key they fetched at registration. Keep this header stable.

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace gpudesk::auth {

// The claims gpudesk puts into access tokens.
struct TokenClaims
{
    QString subject;     // user or service-account id ("sub")
    QString subjectType; // "user" | "service-account"
    QString name;        // e-mail of a user, name of a service account ("preferred_username")
    QStringList groups;  // SSO groups (may be empty)
    QString tenantId;
    QString tokenId;     // "jti"
    qint64 issuedAt = 0; // seconds since the epoch
    qint64 expiresAt = 0;
    QJsonObject raw; // every claim as received
};

// An EC P-256 key pair. Default-constructed keys are null.
class SigningKey
{
public:
    SigningKey();
    ~SigningKey();
    SigningKey(SigningKey &&) noexcept;
    SigningKey &operator=(SigningKey &&) noexcept;

    static SigningKey generate();
    static SigningKey fromPrivatePem(const QByteArray &pem);
    bool isNull() const;
    QByteArray privatePem() const; // never log this
    QByteArray publicPem() const;
    QString keyId() const; // stable id derived from the public key ("kid")
    // header.payload.signature with alg ES256; adds "kid" to the header.
    QByteArray sign(const QJsonObject &claims) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

struct VerifyResult
{
    std::optional<TokenClaims> claims; // set when the token is valid
    QString error;                     // plain words otherwise, e.g. "the token has expired"
    bool ok() const { return claims.has_value(); }
};

// Verifies signatures with one public key (parsed once; cheap to call repeatedly).
class TokenVerifier
{
public:
    explicit TokenVerifier(const QByteArray &publicKeyPem);
    ~TokenVerifier();
    TokenVerifier(TokenVerifier &&) noexcept;
    TokenVerifier &operator=(TokenVerifier &&) noexcept;
    bool isValid() const; // false when the PEM could not be read
    // Checks the header (alg ES256), the signature, and exp/nbf against nowSeconds (0 = now) with
    // 30 s leeway.
    VerifyResult verify(const QByteArray &token, qint64 nowSeconds = 0) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Convenience for clusters: parses the PEM and verifies one token.
VerifyResult verifyAccessToken(const QByteArray &token, const QByteArray &publicKeyPem);

} // namespace gpudesk::auth
