#include "clusterstore.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace gpudesk::cluster {

ClusterStore::ClusterStore()
    : m_connectionName(QStringLiteral("cluster-store-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

ClusterStore::~ClusterStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString ClusterStore::open(const QString &path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return QStringLiteral("cannot create the folder %1").arg(info.absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    if (!db.open())
        return QStringLiteral("cannot open the state file %1: %2").arg(path, db.lastError().text());
    QSqlQuery q(db);
    const char *const statements[] = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA busy_timeout=5000",
        "CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS workloads (id TEXT PRIMARY KEY, data TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, workload_id TEXT NOT NULL, "
        "created_at INTEGER NOT NULL, data TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS events_by_workload ON events (workload_id, created_at)",
    };
    for (const char *sql : statements) {
        if (!q.exec(QString::fromLatin1(sql)))
            return QStringLiteral("cannot prepare the state file %1: %2")
                .arg(path, q.lastError().text());
    }
    return QString();
}

QString ClusterStore::value(const QString &key) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName));
    q.prepare(QStringLiteral("SELECT value FROM kv WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return QString();
}

bool ClusterStore::setValue(const QString &key, const QString &value)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName));
    q.prepare(QStringLiteral("INSERT INTO kv (key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    return q.exec();
}

QVector<SimWorkload> ClusterStore::loadWorkloads() const
{
    QVector<SimWorkload> out;
    QSqlQuery q(QSqlDatabase::database(m_connectionName));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT data FROM workloads")))
        return out;
    while (q.next())
        out.append(workloadFromStorage(QJsonDocument::fromJson(q.value(0).toByteArray()).object()));
    return out;
}

QVector<SimEvent> ClusterStore::loadEvents() const
{
    QVector<SimEvent> out;
    QSqlQuery q(QSqlDatabase::database(m_connectionName));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT data FROM events ORDER BY created_at, rowid")))
        return out;
    while (q.next()) {
        const QJsonObject o = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
        SimEvent e;
        e.id = o.value(QLatin1String("id")).toString();
        e.workloadId = o.value(QLatin1String("workloadId")).toString();
        e.createdAtMs = qint64(o.value(QLatin1String("createdAt")).toDouble());
        e.type = o.value(QLatin1String("type")).toString();
        e.reason = o.value(QLatin1String("reason")).toString();
        e.message = o.value(QLatin1String("message")).toString();
        e.kind = o.value(QLatin1String("kind")).toString();
        e.objectName = o.value(QLatin1String("objectName")).toString();
        out.append(e);
    }
    return out;
}

bool ClusterStore::save(const QVector<const SimWorkload *> &changed,
                        const QStringList &removedIds,
                        const QVector<SimEvent> &newEvents)
{
    if (changed.isEmpty() && removedIds.isEmpty() && newEvents.isEmpty())
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    db.transaction();
    QSqlQuery upsert(db);
    upsert.prepare(QStringLiteral("INSERT INTO workloads (id, data) VALUES (?, ?) "
                                  "ON CONFLICT(id) DO UPDATE SET data = excluded.data"));
    for (const SimWorkload *w : changed) {
        upsert.addBindValue(w->id);
        upsert.addBindValue(QJsonDocument(workloadToStorage(*w)).toJson(QJsonDocument::Compact));
        upsert.exec();
    }
    QSqlQuery remove(db), removeEvents(db);
    remove.prepare(QStringLiteral("DELETE FROM workloads WHERE id = ?"));
    removeEvents.prepare(QStringLiteral("DELETE FROM events WHERE workload_id = ?"));
    for (const QString &id : removedIds) {
        remove.addBindValue(id);
        remove.exec();
        removeEvents.addBindValue(id);
        removeEvents.exec();
    }
    QSqlQuery insertEvent(db);
    insertEvent.prepare(
        QStringLiteral("INSERT OR REPLACE INTO events (id, workload_id, created_at, data) "
                       "VALUES (?, ?, ?, ?)"));
    for (const SimEvent &e : newEvents) {
        const QJsonObject o {{QStringLiteral("id"), e.id},
                             {QStringLiteral("workloadId"), e.workloadId},
                             {QStringLiteral("createdAt"), e.createdAtMs},
                             {QStringLiteral("type"), e.type},
                             {QStringLiteral("reason"), e.reason},
                             {QStringLiteral("message"), e.message},
                             {QStringLiteral("kind"), e.kind},
                             {QStringLiteral("objectName"), e.objectName}};
        insertEvent.addBindValue(e.id);
        insertEvent.addBindValue(e.workloadId);
        insertEvent.addBindValue(e.createdAtMs);
        insertEvent.addBindValue(QJsonDocument(o).toJson(QJsonDocument::Compact));
        insertEvent.exec();
    }
    return db.commit();
}

} // namespace gpudesk::cluster
