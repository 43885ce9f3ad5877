// ES256 tokens and password hashing with OpenSSL.
#include "auth/jwt.h"
#include "auth/loginthrottle.h"
#include "auth/secrets.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTest>

using namespace gpudesk::auth;

class TestJwt : public QObject
{
    Q_OBJECT
private slots:
    void signAndVerify()
    {
        const SigningKey key = SigningKey::generate();
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QByteArray token = key.sign(QJsonObject {{"sub", "u1"},
                                                       {"subject_type", "user"},
                                                       {"preferred_username", "x@demo.local"},
                                                       {"iat", double(now)},
                                                       {"exp", double(now + 3600)}});
        const VerifyResult result = verifyAccessToken(token, key.publicPem());
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.claims->subject, QStringLiteral("u1"));
        QCOMPARE(result.claims->name, QStringLiteral("x@demo.local"));
        // The private key survives a PEM round trip and signs verifiably.
        const SigningKey reloaded = SigningKey::fromPrivatePem(key.privatePem());
        QCOMPARE(reloaded.keyId(), key.keyId());
        QVERIFY(
            verifyAccessToken(reloaded.sign(QJsonObject {{"sub", "a"}, {"exp", double(now + 60)}}),
                              key.publicPem())
                .ok());
    }

    void rejectsTamperedExpiredAndForeign()
    {
        const SigningKey key = SigningKey::generate();
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QByteArray token = key.sign(QJsonObject {{"sub", "u1"}, {"exp", double(now + 3600)}});
        QList<QByteArray> parts = token.split('.');
        parts[1] = QJsonDocument(QJsonObject {{"sub", "admin"}, {"exp", double(now + 3600)}})
                       .toJson(QJsonDocument::Compact)
                       .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QCOMPARE(verifyAccessToken(parts.join('.'), key.publicPem()).error,
                 QStringLiteral("the token's signature is not valid"));
        const QByteArray expired = key.sign(QJsonObject {{"sub", "u1"}, {"exp", double(now - 120)}});
        QCOMPARE(verifyAccessToken(expired, key.publicPem()).error,
                 QStringLiteral("the token has expired"));
        const SigningKey other = SigningKey::generate();
        QVERIFY(!verifyAccessToken(token, other.publicPem()).ok());
        QVERIFY(!verifyAccessToken("not.a.jwt.at.all", key.publicPem()).ok());
        QVERIFY(!verifyAccessToken(token, "garbage").ok());
    }

    void passwordHashing()
    {
        const QByteArray stored = hashPassword(QStringLiteral("correct horse"), 1000);
        QVERIFY(stored.startsWith("pbkdf2-sha256$1000$"));
        QVERIFY(verifyPassword(QStringLiteral("correct horse"), stored));
        QVERIFY(!verifyPassword(QStringLiteral("correct horsE"), stored));
        QVERIFY(hashPassword(QStringLiteral("x"), 1000)
                != hashPassword(QStringLiteral("x"), 1000)); // salted
        QVERIFY(passwordIterations >= 200000);
        QVERIFY(constantTimeEquals("abc", "abc"));
        QVERIFY(!constantTimeEquals("abc", "abd"));
        QVERIFY(!constantTimeEquals("abc", "abcd"));
    }

    void throttleLocksAfterFiveFailures()
    {
        LoginThrottle throttle;
        qint64 now = 1000000;
        for (int i = 0; i < 4; ++i)
            throttle.recordFailure(QStringLiteral("x@demo.local"), QStringLiteral("10.0.0.1"), now);
        QCOMPARE(throttle.retryAfter(QStringLiteral("x@demo.local"),
                                     QStringLiteral("10.0.0.9"),
                                     now),
                 0);
        throttle.recordFailure(QStringLiteral("x@demo.local"), QStringLiteral("10.0.0.1"), now);
        QVERIFY(throttle.retryAfter(QStringLiteral("X@demo.local"), QStringLiteral("10.0.0.9"), now)
                > 0); // per user
        QVERIFY(throttle.retryAfter(QStringLiteral("other"), QStringLiteral("10.0.0.1"), now)
                > 0); // per address
        QCOMPARE(throttle.retryAfter(QStringLiteral("other"), QStringLiteral("10.0.0.2"), now), 0);
        QCOMPARE(throttle.retryAfter(QStringLiteral("x@demo.local"),
                                     QStringLiteral("10.0.0.9"),
                                     now + 60000),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_cp_jwt.moc"
