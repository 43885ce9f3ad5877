#pragma once
// An in-memory collection of JSON documents of one kind, written through to the Database. Reads never
// touch the database; lists keep a cached sort order per field so large collections page quickly.

#include "database.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace gpudesk::storage {

class Collection
{
public:
    Collection(Database *database, QString kind);

    void load(); // reads every document of this kind from the database
    const QString &kind() const { return m_kind; }
    bool contains(const QString &id) const { return m_items.contains(id); }
    QJsonObject value(const QString &id) const { return m_items.value(id); }
    const QJsonObject *find(const QString &id) const;
    QList<QJsonObject> values() const;
    const QHash<QString, QJsonObject> &items() const { return m_items; }
    qsizetype size() const { return m_items.size(); }

    // Writes through; returns false (and keeps memory unchanged) when the database refuses.
    bool put(const QString &id, const QJsonObject &object);
    bool remove(const QString &id);

    // Told after every put() and remove() that changed memory: the document before (nullptr when it
    // is new) and after (nullptr when removed). Indexes derived from the documents (quota usage) stay
    // current this way at the cost of the change, instead of rescanning the collection. load() does
    // not report; whoever calls it rebuilds its indexes.
    using Observer = std::function<void(const QJsonObject *before, const QJsonObject *after)>;
    void setObserver(Observer observer) { m_observer = std::move(observer); }

    // Ids ordered by a field (stable by id), cached until the next change.
    const QList<const QJsonObject *> &sorted(const QString &field, bool descending) const;
    quint64 generation() const { return m_generation; }

private:
    Database *m_database;
    QString m_kind;
    QHash<QString, QJsonObject> m_items;
    quint64 m_generation = 0;
    Observer m_observer;
    struct SortCache
    {
        quint64 generation = ~0ULL;
        QList<const QJsonObject *> order;
    };
    mutable QHash<QString, SortCache> m_sortCache;
};

} // namespace gpudesk::storage
