#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

// What the shell shows about one cluster: reachable or not (and why), and when its data last arrived.
// Filled by the app's wiring from the models' reachability monitor.
struct ClusterState
{
    enum class Reach { Unknown, Reachable, Unreachable };
    QString id;
    QString name;
    Reach reach = Reach::Unknown;
    QString reason;     // why it is unreachable, in the monitor's words
    QDateTime lastSync; // last successful answer; invalid = never
    bool isSimulated = false;
    friend bool operator==(const ClusterState &, const ClusterState &) = default;
};
