#pragma once

#include "clustermodel.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QUrl>
#include <QVector>

namespace gpudesk::cluster {

// Everything `gpudesk-server cluster` takes on its command line.
struct ClusterOptions
{
    QString name;
    QUrl controlPlaneUrl;
    QByteArray clusterToken; // one-time; only used when the state file has no registration
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 0;
    QVector<NodePoolSpec> pools;
    QString statePath;
    double timeScale = 1.0; // simulated seconds per wall-clock second
    int cycleMs = 1000;     // one loop per second
    QString seed;           // "demo": keep a steady mix of demo workloads running
    bool offline = false;   // bench: no control plane
    int preload = 0;        // bench: submit this many workloads once the org tree is known
    bool stats = false;     // print cycle figures to stderr every 10 cycles
};

} // namespace gpudesk::cluster
