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
    if (!m_observer) {
        m_items.insert(id, object);
        ++m_generation;
        return true;
    }
    const QJsonObject before = m_items.value(id); // shared, not copied
    const bool existed = m_items.contains(id);
    m_items.insert(id, object);
    ++m_generation;
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
    if (m_observer)
        m_observer(&before, nullptr);
    return true;
}

const QList<const QJsonObject *> &Collection::sorted(const QString &field, bool descending) const
{
    SortCache &cache
        = m_sortCache[field + (descending ? QStringLiteral(":d") : QStringLiteral(":a"))];
    if (cache.generation == m_generation)
        return cache.order;
    struct Keyed
    {
        QJsonValue key;
        const QString *id;
        const QJsonObject *object;
    };
    QList<Keyed> keyed;
    keyed.reserve(m_items.size());
    for (auto it = m_items.constBegin(); it != m_items.constEnd(); ++it)
        keyed.append(Keyed {http::fieldValue(it.value(), field), &it.key(), &it.value()});
    std::sort(keyed.begin(), keyed.end(), [descending](const Keyed &a, const Keyed &b) {
        const int order = http::compareJson(a.key, b.key);
        if (order != 0)
            return descending ? order > 0 : order < 0;
        return *a.id < *b.id;
    });
    cache.order.clear();
    cache.order.reserve(keyed.size());
    for (const Keyed &entry : keyed)
        cache.order.append(entry.object);
    cache.generation = m_generation;
    return cache.order;
}

} // namespace gpudesk::storage
