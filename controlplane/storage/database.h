#pragma once
// Persistence: JSON documents per kind in one table, through QtSql with prepared statements only.
// SQLite (WAL) for a file path, PostgreSQL (QPSQL) for "postgresql://user:pass@host:port/db".

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

namespace gpudesk::storage {

class Database
{
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating if needed) and migrates. Returns an error message, or empty.
    QString open(const QString &spec);
    void close();
    bool isPostgres() const { return m_postgres; }
    int schemaVersion() const { return m_schemaVersion; }

    // All documents of a kind, as (id, JSON text).
    QList<QPair<QString, QByteArray>> loadAll(const QString &kind);
    bool upsert(const QString &kind, const QString &id, const QByteArray &json);
    bool remove(const QString &kind, const QString &id);
    bool transaction();
    bool commit();
    QString lastError() const { return m_lastError; }

private:
    QString migrate();
    bool exec(QSqlQuery &query);
    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<QSqlQuery> m_upsert;
    std::unique_ptr<QSqlQuery> m_remove;
    std::unique_ptr<QSqlQuery> m_loadAll;
    bool m_postgres = false;
    int m_schemaVersion = 0;
    QString m_lastError;
};

} // namespace gpudesk::storage
