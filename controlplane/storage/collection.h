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
    // Changes when documents may have moved in memory (a new id, a removal, a copy of m_items on
    // write): the cached orders hold pointers and re-find them then (no re-sort).
    quint64 m_layoutGeneration = 0;
    Observer m_observer;
    // One sorted order per field and direction, kept current by put() and remove() (a document
    // whose sort key changes moves by binary search) instead of being re-sorted after every change:
    // clusters push workload updates every second and lists sort 100k workloads.
    struct SortEntry
    {
        QJsonValue key;
        QString id;
    };
    struct SortCache
    {
        QString field;
        bool descending = false;
        quint64 generation = ~0ULL;       // entries are the order at this m_generation
        quint64 layoutGeneration = ~0ULL; // order holds valid pointers at this m_layoutGeneration
        QList<SortEntry> entries;
        QList<const QJsonObject *> order; // parallel to entries
        bool less(const SortEntry &a, const SortEntry &b) const;
        qsizetype position(const SortEntry &entry) const; // lower bound
    };
    mutable QHash<QString, SortCache> m_sortCache;
    void updateSortCaches(const QString &id, const QJsonObject *before, const QJsonObject *after);
};

} // namespace gpudesk::storage
