#include "collection.h"

#include "http/listquery.h"

#include <QJsonDocument>

#include <algorithm>

namespace gpudesk::storage {

Collection::Collection(Database *database, QString kind)
    : m_database(database)
    , m_kind(std::move(kind))
{ }

void Collection::load()
{
    m_items.clear();
    for (const auto &row : m_database->loadAll(m_kind))
        m_items.insert(row.first, QJsonDocument::fromJson(row.second).object());
    ++m_generation;
    ++m_layoutGeneration;
}

const QJsonObject *Collection::find(const QString &id) const
{
    const auto it = m_items.constFind(id);
    return it == m_items.constEnd() ? nullptr : &*it;
}

QList<QJsonObject> Collection::values() const
{
    return m_items.values();
}

bool Collection::put(const QString &id, const QJsonObject &object)
{
    if (!m_database->upsert(m_kind, id, QJsonDocument(object).toJson(QJsonDocument::Compact)))
        return false;
    const auto found = m_items.constFind(id);
    const bool existed = found != m_items.constEnd();
    const QJsonObject before = existed ? *found : QJsonObject(); // shared, not copied
    // Replacing the value of an existing key in an unshared hash keeps every document in place.
    if (!existed || !m_items.isDetached())
        ++m_layoutGeneration;
    m_items.insert(id, object);
    ++m_generation;
    updateSortCaches(id, existed ? &before : nullptr, &object);
    if (m_observer)
        m_observer(existed ? &before : nullptr, &object);
    return true;
}

bool Collection::remove(const QString &id)
{
    if (!m_items.contains(id))
        return true;
    if (!m_database->remove(m_kind, id))
        return false;
    const QJsonObject before = m_items.take(id);
    ++m_generation;
    ++m_layoutGeneration;
    updateSortCaches(id, &before, nullptr);
    if (m_observer)
        m_observer(&before, nullptr);
    return true;
}

bool Collection::SortCache::less(const SortEntry &a, const SortEntry &b) const
{
    const int order = http::compareJson(a.key, b.key);
    if (order != 0)
        return descending ? order > 0 : order < 0;
    return a.id < b.id;
}

qsizetype Collection::SortCache::position(const SortEntry &entry) const
{
    return std::lower_bound(entries.cbegin(),
                            entries.cend(),
                            entry,
                            [this](const SortEntry &a, const SortEntry &b) { return less(a, b); })
           - entries.cbegin();
}

void Collection::updateSortCaches(const QString &id,
                                  const QJsonObject *before,
                                  const QJsonObject *after)
{
    for (SortCache &cache : m_sortCache) {
        if (cache.generation != m_generation - 1)
            continue; // already stale: sorted() rebuilds it
        const bool pointersValid = cache.layoutGeneration == m_layoutGeneration;
        SortEntry added;
        if (after)
            added = SortEntry {http::fieldValue(*after, cache.field), id};
        if (before) {
            const SortEntry removed {http::fieldValue(*before, cache.field), id};
            if (after && http::compareJson(removed.key, added.key) == 0) {
                cache.generation = m_generation; // same place in the order
                continue;
            }
            const qsizetype at = cache.position(removed);
            if (at >= cache.entries.size() || cache.entries.at(at).id != id)
                continue; // not where it belongs: leave the cache stale
            cache.entries.removeAt(at);
            if (pointersValid)
                cache.order.removeAt(at);
        }
        if (after) {
            const qsizetype at = cache.position(added);
            cache.entries.insert(at, std::move(added));
            if (pointersValid)
                cache.order.insert(at, &*m_items.constFind(id));
        }
        cache.generation = m_generation;
    }
}

const QList<const QJsonObject *> &Collection::sorted(const QString &field, bool descending) const
{
    SortCache &cache
        = m_sortCache[field + (descending ? QStringLiteral(":d") : QStringLiteral(":a"))];
    if (cache.generation != m_generation) {
        cache.field = field;
        cache.descending = descending;
        cache.entries.clear();
        cache.entries.reserve(m_items.size());
        for (auto it = m_items.constBegin(); it != m_items.constEnd(); ++it)
            cache.entries.append(SortEntry {http::fieldValue(it.value(), field), it.key()});
        std::sort(cache.entries.begin(),
                  cache.entries.end(),
                  [&cache](const SortEntry &a, const SortEntry &b) { return cache.less(a, b); });
        cache.generation = m_generation;
        cache.layoutGeneration = ~0ULL;
    }
    if (cache.layoutGeneration != m_layoutGeneration) {
        cache.order.clear();
        cache.order.reserve(cache.entries.size());
        for (const SortEntry &entry : std::as_const(cache.entries))
            cache.order.append(&*m_items.constFind(entry.id));
        cache.layoutGeneration = m_layoutGeneration;
    }
    return cache.order;
}

} // namespace gpudesk::storage
