#include "presentcache.h"

#include <QJsonDocument>

namespace gpudesk::core {

const PresentationCache::Entry &PresentationCache::get(const Generation &generation,
                                                       const QString &id,
                                                       const std::function<QJsonObject()> &present)
{
    if (generation != m_generation) {
        m_entries.clear();
        m_generation = generation;
    }
    auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        Entry entry;
        entry.shown = present();
        entry.json = QJsonDocument(entry.shown).toJson(QJsonDocument::Compact);
        it = m_entries.insert(id, std::move(entry));
    }
    return *it;
}

const QByteArray *PresentationCache::json(const QString &id) const
{
    const auto it = m_entries.constFind(id);
    return it == m_entries.constEnd() ? nullptr : &it->json;
}

} // namespace gpudesk::core
