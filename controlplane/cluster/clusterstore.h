#pragma once

// The cluster's own SQLite state file (WAL): registration (cluster id, sync token, token public key),
// workloads with their pods, and events. A restarted cluster reads it back and resumes its workloads.
// The sync token is a credential: it lives only here and in memory, never in a log.

#include "clustermodel.h"

#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

namespace gpudesk::cluster {

class ClusterStore
{
public:
    ClusterStore();
    ~ClusterStore();
    ClusterStore(const ClusterStore &) = delete;
    ClusterStore &operator=(const ClusterStore &) = delete;

    // Opens (creating) the file and its schema. Returns an error in plain words, or empty.
    QString open(const QString &path);

    QString value(const QString &key) const;
    bool setValue(const QString &key, const QString &value);

    QVector<SimWorkload> loadWorkloads() const;
    QVector<SimEvent> loadEvents() const;

    // One transaction: upserts, deletions and new events.
    bool save(const QVector<const SimWorkload *> &changed,
              const QStringList &removedIds,
              const QVector<SimEvent> &newEvents);

private:
    QString m_connectionName;
};

} // namespace gpudesk::cluster
