#pragma once
// The end-to-end cluster-sync setup shared by tst_clustersync*: a control plane (--seed demo) and two
// simulated clusters (real gpudesk-server processes on loopback) that register outbound with their
// one-time tokens, plus helpers to submit and follow workloads.
#include "e2ehelpers.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>

namespace e2e {

const QString clusterANodes = QStringLiteral("pool-a:2x8xH100,pool-b:2x8xH100");
const QString clusterBNodes = QStringLiteral("default:3x8xH100");

class ClusterSyncFixture : public QObject
{
protected:
    QTemporaryDir m_dir;
    ServerProcess m_cp, m_a, m_b;
    QString m_cpUrl, m_aUrl, m_bUrl;
    quint16 m_aPort = 0;
    QByteArray m_admin, m_x, m_z;
    QHash<QString, QString> m_projects; // name → id
    QHash<QString, QString> m_clusters; // name → id

    QStringList clusterArgs(const QString &name,
                            const QString &nodes,
                            const QString &listen,
                            const QByteArray &token)
    {
        QStringList args {QStringLiteral("cluster"),
                          QStringLiteral("--name"),
                          name,
                          QStringLiteral("--control-plane"),
                          m_cpUrl,
                          QStringLiteral("--listen"),
                          listen,
                          QStringLiteral("--nodes"),
                          nodes,
                          QStringLiteral("--state"),
                          m_dir.filePath(name + QStringLiteral(".sqlite")),
                          QStringLiteral("--time-scale"),
                          QStringLiteral("60"),
                          QStringLiteral("--cycle-ms"),
                          QStringLiteral("500")};
        if (!token.isEmpty())
            args << QStringLiteral("--cluster-token") << QString::fromUtf8(token);
        return args;
    }

    QJsonObject cpWorkload(const QString &id)
    {
        return call("GET", m_cpUrl + QStringLiteral("/api/v1/workloads/") + id, m_admin).object;
    }
    QString cpPhase(const QString &id)
    {
        return cpWorkload(id).value(QStringLiteral("phase")).toString();
    }

    QString submit(const QString &clusterUrl,
                   const QByteArray &token,
                   const QString &type,
                   const QString &name,
                   const QString &project,
                   const QJsonObject &spec,
                   int *status = nullptr)
    {
        const Reply r = call("POST",
                             clusterUrl + QStringLiteral("/api/v1/workloads/") + type,
                             token,
                             QJsonObject {{QStringLiteral("name"), name},
                                          {QStringLiteral("projectId"), m_projects.value(project)},
                                          {QStringLiteral("spec"), spec}});
        if (status)
            *status = r.status;
        if (r.status != 202)
            qWarning() << "submit" << name << r.status << r.raw;
        return r.object.value(QStringLiteral("workloadId")).toString();
    }

    QJsonObject trainingSpec(int gpus, const QString &duration, const QStringList &pools = {})
    {
        QJsonObject spec = annotations(duration);
        spec.insert(QStringLiteral("compute"),
                    QJsonObject {{QStringLiteral("gpuDevicesRequest"), gpus}});
        if (!pools.isEmpty())
            spec.insert(QStringLiteral("nodePools"), QJsonArray::fromStringList(pools));
        return spec;
    }

    // Starts the control plane and both clusters, signs in admin, x and z, and waits until both
    // clusters are Connected and cluster-a pulled the org tree. Check QTest::currentTestFailed().
    void startAll()
    {
        {
            QVERIFY(m_dir.isValid());
            const QString tokens = m_dir.filePath(QStringLiteral("tokens.json"));
            m_cpUrl = m_cp.start({QStringLiteral("controlplane"),
                                  QStringLiteral("--listen"),
                                  QStringLiteral("127.0.0.1:0"),
                                  QStringLiteral("--db"),
                                  m_dir.filePath(QStringLiteral("cp.sqlite")),
                                  QStringLiteral("--seed"),
                                  QStringLiteral("demo"),
                                  QStringLiteral("--cluster-tokens-file"),
                                  tokens},
                                 QStringLiteral("control plane listening on "));
            QVERIFY2(!m_cpUrl.isEmpty(), "the control plane starts");
            QFile file(tokens);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QJsonObject tokenJson = QJsonDocument::fromJson(file.readAll()).object();
            m_aUrl = m_a.start(clusterArgs(QStringLiteral("cluster-a"),
                                           clusterANodes,
                                           QStringLiteral("127.0.0.1:0"),
                                           tokenJson.value(QStringLiteral("cluster-a"))
                                               .toString()
                                               .toUtf8()),
                               QStringLiteral("cluster cluster-a listening on "));
            m_bUrl = m_b.start(clusterArgs(QStringLiteral("cluster-b"),
                                           clusterBNodes,
                                           QStringLiteral("127.0.0.1:0"),
                                           tokenJson.value(QStringLiteral("cluster-b"))
                                               .toString()
                                               .toUtf8()),
                               QStringLiteral("cluster cluster-b listening on "));
            QVERIFY(!m_aUrl.isEmpty());
            QVERIFY(!m_bUrl.isEmpty());
            m_aPort = quint16(QUrl(m_aUrl).port());
            m_admin = signIn(m_cpUrl, QStringLiteral("admin@demo.local"));
            m_x = signIn(m_cpUrl, QStringLiteral("x@demo.local"));
            m_z = signIn(m_cpUrl, QStringLiteral("z@demo.local"));
            QVERIFY(!m_admin.isEmpty() && !m_x.isEmpty() && !m_z.isEmpty());
            // both clusters register outbound and report Connected, their domain and a simulated platform
            QVERIFY(waitFor(
                [this] {
                    const Reply r = call("GET",
                                         m_cpUrl + QStringLiteral("/api/v1/clusters"),
                                         m_admin);
                    int connected = 0;
                    for (const auto &v : r.array) {
                        const QJsonObject c = v.toObject();
                        m_clusters.insert(c.value(QStringLiteral("name")).toString(),
                                          c.value(QStringLiteral("uuid")).toString());
                        const QJsonObject status = c.value(QStringLiteral("status")).toObject();
                        connected += status.value(QStringLiteral("state")).toString()
                                         == QLatin1String("Connected")
                                     && status.value(QStringLiteral("platform"))
                                                .toObject()
                                                .value(QStringLiteral("type"))
                                                .toString()
                                            == QLatin1String("simulated")
                                     && !c.value(QStringLiteral("domain")).toString().isEmpty();
                    }
                    return connected == 2;
                },
                20000));
            const Reply projects = call("GET",
                                        m_cpUrl + QStringLiteral("/api/v1/org-unit/projects"),
                                        m_admin);
            for (const auto &v : projects.object.value(QStringLiteral("projects")).toArray())
                m_projects.insert(v.toObject().value(QStringLiteral("name")).toString(),
                                  v.toObject().value(QStringLiteral("id")).toVariant().toString());
            QVERIFY(m_projects.contains(QStringLiteral("project-1a")));
            // the cluster knows the org tree (pulled) before we submit
            QVERIFY(waitFor(
                [this] {
                    return call("GET", m_aUrl + QStringLiteral("/api/v1/cluster"), m_admin)
                        .object.value(QStringLiteral("registered"))
                        .toBool();
                },
                10000));
            QTest::qWait(1200);
        }
    }

    void stopAll()
    {
        QVERIFY(m_a.stop());
        QVERIFY(m_b.stop());
        m_cp.stop(); // the control plane's own shutdown is tested with the control plane
    }
};

} // namespace e2e
