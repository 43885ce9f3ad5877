// A write / read / delete round trip through the real Secret Service that scripts/test starts.
#include "keychainstore.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

class TestKeychainStore : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void readMissingEntryReportsNotFound();

private:
    // A fresh service name per test so a left-over entry from an earlier run cannot answer for us.
    static QString freshService()
    {
        return QStringLiteral("gpudesk-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
};

void TestKeychainStore::roundTrip_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addRow("access token") << QByteArray("eyJhbGciOiJFUzI1NiJ9.payload.signature");
    QTest::addRow("binary") << QByteArray("\x00\x01\xfe\xff secret", 11);
    QTest::addRow("unicode password") << QStringLiteral("pässwörd-🔑").toUtf8();
}

void TestKeychainStore::roundTrip()
{
    QFETCH(QByteArray, secret);
    KeychainStore store(freshService());
    const QString key = QStringLiteral("profile/local/refresh-token");

    QSignalSpy written(&store, &KeychainStore::written);
    QSignalSpy readDone(&store, &KeychainStore::readFinished);
    QSignalSpy removed(&store, &KeychainStore::removed);
    QSignalSpy failed(&store, &KeychainStore::failed);

    store.write(key, secret);
    QVERIFY2(written.wait(10000),
             qPrintable(failed.isEmpty() ? QStringLiteral("timeout")
                                         : failed.first().at(1).toString()));
    store.read(key);
    QVERIFY(readDone.wait(10000));
    QCOMPARE(readDone.first().at(0).toString(), key);
    QCOMPARE(readDone.first().at(1).toByteArray(), secret);

    store.remove(key);
    QVERIFY(removed.wait(10000));
    store.read(key);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.last().at(2).toBool(), true); // gone after remove
    QCOMPARE(readDone.size(), 1);
}

void TestKeychainStore::readMissingEntryReportsNotFound()
{
    KeychainStore store(freshService());
    QSignalSpy failed(&store, &KeychainStore::failed);
    store.read(QStringLiteral("never-written"));
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(0).toString(), QStringLiteral("never-written"));
    QVERIFY(failed.first().at(2).toBool());
}

QTEST_GUILESS_MAIN(TestKeychainStore)
#include "tst_keychainstore.moc"
