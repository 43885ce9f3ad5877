#include "database.h"

#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QVariant>

namespace gpudesk::storage {

namespace {
// Each entry moves the schema one version forward. Never edit an entry once released; append.
const char *const migrations[] = {
    "CREATE TABLE IF NOT EXISTS documents (kind VARCHAR(64) NOT NULL, id VARCHAR(200) NOT NULL, "
    "body TEXT NOT NULL, PRIMARY KEY (kind, id))",
};
} // namespace

Database::Database()
    : m_connectionName(QStringLiteral("gpudesk-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

Database::~Database()
{
    close();
}

void Database::close()
{
    m_upsert.reset();
    m_remove.reset();
    m_loadAll.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool Database::exec(QSqlQuery &query)
{
    if (query.exec())
        return true;
    m_lastError = query.lastError().text();
    return false;
}

QString Database::open(const QString &spec)
{
    if (spec.startsWith(QLatin1String("postgresql://"))
        || spec.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(spec);
        if (!url.isValid() || url.path().size() < 2)
            return QStringLiteral("the PostgreSQL URL must look like "
                                  "postgresql://user:password@host:port/database");
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        if (!m_db.isValid())
            return QStringLiteral("the Qt PostgreSQL driver (QPSQL) is not installed "
                                  "(Debian: libqt6sql6-psql)");
        // As libpq: "?host=/run/postgresql" names a Unix socket folder instead of a TCP host.
        const QUrlQuery query(url);
        const QString socketFolder = query.queryItemValue(QStringLiteral("host"),
                                                          QUrl::FullyDecoded);
        m_db.setHostName(socketFolder.isEmpty() ? url.host() : socketFolder);
        m_db.setPort(url.port(query.hasQueryItem(QStringLiteral("port"))
                                  ? query.queryItemValue(QStringLiteral("port")).toInt()
                                  : 5432));
        m_db.setUserName(url.userName());
        m_db.setPassword(url.password());
        m_db.setDatabaseName(url.path().mid(1));
        m_postgres = true;
    } else {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        m_db.setDatabaseName(spec);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    }
    if (!m_db.open())
        return QStringLiteral("cannot open the database: %1").arg(m_db.lastError().text());
    if (m_postgres) {
        // "relation already exists, skipping" notices on every start are noise, not news.
        QSqlQuery quiet(m_db);
        quiet.exec(QStringLiteral("SET client_min_messages = warning"));
    } else {
        // WAL: readers never block the writer; NORMAL sync: a committed write survives a process crash.
        for (const char *pragma :
             {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
            QSqlQuery query(m_db);
            if (!query.exec(QString::fromLatin1(pragma)))
                return QStringLiteral("cannot configure SQLite: %1").arg(query.lastError().text());
        }
    }
    const QString error = migrate();
    if (!error.isEmpty())
        return error;
    m_upsert = std::make_unique<QSqlQuery>(m_db);
    m_upsert->prepare(QStringLiteral("INSERT INTO documents (kind, id, body) VALUES (?, ?, ?) "
                                     "ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body"));
    m_remove = std::make_unique<QSqlQuery>(m_db);
    m_remove->prepare(QStringLiteral("DELETE FROM documents WHERE kind = ? AND id = ?"));
    m_loadAll = std::make_unique<QSqlQuery>(m_db);
    m_loadAll->prepare(QStringLiteral("SELECT id, body FROM documents WHERE kind = ?"));
    m_loadAll->setForwardOnly(true);
    return QString();
}

QString Database::migrate()
{
    QSqlQuery create(m_db);
    if (!create.exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL)")))
        return QStringLiteral("cannot create the migrations table: %1")
            .arg(create.lastError().text());
    QSqlQuery current(m_db);
    current.prepare(QStringLiteral("SELECT MAX(version) FROM schema_migrations"));
    if (!current.exec())
        return QStringLiteral("cannot read the schema version: %1").arg(current.lastError().text());
    m_schemaVersion = current.next() ? current.value(0).toInt() : 0;
    const int target = int(std::size(migrations));
    if (m_schemaVersion > target)
        return QStringLiteral("the database was written by a newer gpudesk-server (schema %1, this "
                              "one knows %2)")
            .arg(m_schemaVersion)
            .arg(target);
    for (int version = m_schemaVersion + 1; version <= target; ++version) {
        m_db.transaction();
        QSqlQuery step(m_db);
        QSqlQuery record(m_db);
        record.prepare(QStringLiteral("INSERT INTO schema_migrations (version) VALUES (?)"));
        record.addBindValue(version);
        if (!step.exec(QString::fromLatin1(migrations[version - 1])) || !record.exec()) {
            const QString error = step.lastError().isValid() ? step.lastError().text()
                                                             : record.lastError().text();
            m_db.rollback();
            return QStringLiteral("schema migration %1 failed: %2").arg(version).arg(error);
        }
        m_db.commit();
        m_schemaVersion = version;
    }
    return QString();
}

QList<QPair<QString, QByteArray>> Database::loadAll(const QString &kind)
{
    QList<QPair<QString, QByteArray>> out;
    m_loadAll->addBindValue(kind);
    if (!exec(*m_loadAll))
        return out;
    while (m_loadAll->next())
        out.append({m_loadAll->value(0).toString(), m_loadAll->value(1).toString().toUtf8()});
    m_loadAll->finish();
    return out;
}

bool Database::upsert(const QString &kind, const QString &id, const QByteArray &json)
{
    m_upsert->addBindValue(kind);
    m_upsert->addBindValue(id);
    m_upsert->addBindValue(QString::fromUtf8(json));
    return exec(*m_upsert);
}

bool Database::remove(const QString &kind, const QString &id)
{
    m_remove->addBindValue(kind);
    m_remove->addBindValue(id);
    return exec(*m_remove);
}

bool Database::transaction()
{
    return m_db.transaction();
}

bool Database::commit()
{
    return m_db.commit();
}

} // namespace gpudesk::storage
