#pragma once
// Presented views of stored objects (the stored document plus computed fields such as quota status)
// and their compact JSON, kept until an input of the presentation changes. Lists of projects and
// departments are read far more often than any of their inputs change, so a list request then costs a
// lookup and a byte copy per item instead of rebuilding and serializing JSON objects.

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <array>
#include <functional>

namespace gpudesk::core {

class PresentationCache
{
public:
    // The generations of the inputs every entry reads (projects, departments, node pool names), in a
    // fixed order; any change empties the cache. Inputs of single entries (a project's quota usage)
    // drop just those entries through invalidate().
    using Generation = std::array<quint64, 3>;
    struct Entry
    {
        QJsonObject shown;
        QByteArray json; // QJsonDocument(shown).toJson(Compact)
    };

    // The entry for `id`, presenting (and serializing) it first when it is not cached yet.
    const Entry &get(const Generation &generation,
                     const QString &id,
                     const std::function<QJsonObject()> &present);
    // Drops the entry of `id`, presented again on its next get().
    void invalidate(const QString &id) { m_entries.remove(id); }
    // The cached JSON of `id` at the current generation, or nullptr.
    const QByteArray *json(const QString &id) const;

private:
    Generation m_generation {~0ULL, ~0ULL, ~0ULL};
    QHash<QString, Entry> m_entries;
};

} // namespace gpudesk::core
