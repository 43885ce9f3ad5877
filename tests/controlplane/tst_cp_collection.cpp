// storage::Collection's sorted orders are kept current by put() and remove() (moved by binary search,
// pointers re-found when documents move in memory) instead of re-sorted after every change: after any
// sequence of new documents, key changes, unchanged keys, removals and shared copies of the items they
// equal a fresh sort, in both directions, on a real SQLite database.

#include "http/listquery.h"
#include "storage/collection.h"
#include "storage/database.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using gpudesk::storage::Collection;

namespace {

QStringList freshOrder(const Collection &collection, const QString &field, bool descending)
{
    QList<QPair<QJsonValue, QString>> keyed;
    for (auto it = collection.items().constBegin(); it != collection.items().constEnd(); ++it)
        keyed.append({gpudesk::http::fieldValue(it.value(), field), it.key()});
    std::sort(keyed.begin(), keyed.end(), [descending](const auto &a, const auto &b) {
        const int order = gpudesk::http::compareJson(a.first, b.first);
        if (order != 0)
            return descending ? order > 0 : order < 0;
        return a.second < b.second;
    });
    QStringList ids;
    for (const auto &entry : keyed)
        ids.append(entry.second);
    return ids;
}

QStringList cachedOrder(const Collection &collection, const QString &field, bool descending)
{
    QStringList ids;
    for (const QJsonObject *object : collection.sorted(field, descending))
        ids.append(object->value(QStringLiteral("id")).toString());
    return ids;
}

} // namespace

class TestCollection : public QObject
{
    Q_OBJECT

private slots:
    void sortedOrderFollowsChanges_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("steps");
        QTest::newRow("seed 3") << 3u << 1500;
        QTest::newRow("seed 11") << 11u << 1500;
        QTest::newRow("seed 500, many ties") << 500u << 2500;
    }

    void sortedOrderFollowsChanges()
    {
        QFETCH(quint32, seed);
        QFETCH(int, steps);
        QTemporaryDir dir;
        gpudesk::storage::Database database;
        QCOMPARE(database.open(dir.filePath(QStringLiteral("cp.sqlite"))), QString());
        QVERIFY(database.transaction());
        Collection collection(&database, QStringLiteral("workload"));
        QRandomGenerator random(seed);
        const QStringList phases {"Running", "Pending", "Completed"};
        const QList<QPair<QString, bool>> orders {{"createdAt", false},
                                                  {"createdAt", true},
                                                  {"phase", false},
                                                  {"status.gpus", true}};
        auto document = [&](const QString &id) {
            QJsonObject object {{"id", id},
                                {"createdAt", QStringLiteral("2026-01-%1").arg(random.bounded(30))},
                                {"phase", phases.at(random.bounded(3))},
                                {"updatedAt", QString::number(random.bounded(1000))}};
            if (random.bounded(4) != 0)
                object.insert("status", QJsonObject {{"gpus", int(random.bounded(5))}});
            return object;
        };
        int nextId = 0;
        QStringList ids;
        QHash<QString, QJsonObject> heldCopy; // a shared copy forces the next write to detach
        for (int step = 0; step < steps; ++step) {
            const int action = ids.size() < 3 ? 0 : int(random.bounded(10));
            if (action == 0 || action == 9) { // twice as many new documents as removals
                const QString id = QStringLiteral("w%1").arg(nextId++, 4, 10, QLatin1Char('0'));
                QVERIFY(collection.put(id, document(id)));
                ids.append(id);
            } else if (action == 1) {
                const QString id = ids.takeAt(random.bounded(int(ids.size())));
                QVERIFY(collection.remove(id));
            } else if (action == 2) {
                heldCopy = collection.items();
                const QString id = ids.at(random.bounded(int(ids.size())));
                QVERIFY(collection.put(id, document(id)));
                heldCopy.clear();
            } else if (action <= 5) { // unchanged sort keys, a new updatedAt
                const QString id = ids.at(random.bounded(int(ids.size())));
                QJsonObject object = collection.value(id);
                object.insert("updatedAt", QString::number(step));
                QVERIFY(collection.put(id, object));
            } else { // new keys (6-8)
                const QString id = ids.at(random.bounded(int(ids.size())));
                QVERIFY(collection.put(id, document(id)));
            }
            // Read the orders often, but not after every step, so several changes pile up too.
            if (random.bounded(3) == 0)
                for (const auto &[field, descending] : orders)
                    QCOMPARE(cachedOrder(collection, field, descending),
                             freshOrder(collection, field, descending));
        }
        for (const auto &[field, descending] : orders) {
            QCOMPARE(cachedOrder(collection, field, descending),
                     freshOrder(collection, field, descending));
            for (const QJsonObject *object : collection.sorted(field, descending))
                QCOMPARE(*object, collection.value(object->value("id").toString()));
        }
        QVERIFY(collection.size() > 10);
        QVERIFY(database.commit());
    }
};

QTEST_GUILESS_MAIN(TestCollection)
#include "tst_cp_collection.moc"
