// The org tree's fair-share figures (models/fairshare.h) against numbers worked out by hand from
// scheduling.md §3.2/§3.3: deserved first (uncapped), over-quota by priority then weight in whole GPUs
// with largest-remainder leftovers, limits, requests (fair share ≤ requestable), and the hierarchy.
#include "fairshare.h"

#include <QTest>

#include <optional>

namespace {

const QString kPool = QStringLiteral("pool-a");

struct Quota
{
    Quota(double deserved = 0, double weight = -1, double limit = -1, QString priority = {})
        : deserved(deserved)
        , weight(weight)
        , limit(limit)
        , priority(std::move(priority))
    { }
    double deserved;
    double weight; // −1: not set (Medium)
    double limit;  // −1: none
    QString priority;
};

api::OrgUnit unit(api::OrgUnit::Kind kind,
                  const QString &id,
                  const QString &parent,
                  const Quota &quota,
                  std::optional<double> requested = std::nullopt,
                  double allocated = 0,
                  const QString &pool = kPool)
{
    api::OrgUnit u;
    u.kind = kind;
    u.id = id;
    u.name = id;
    u.parentId = parent;
    api::PoolResources r;
    r.nodePoolName = pool;
    r.gpuDeserved = quota.deserved;
    r.gpuOverQuotaWeight = quota.weight;
    r.gpuLimit = quota.limit;
    r.priority = quota.priority;
    u.resources = {r};
    if (requested) {
        api::PoolAllocation a;
        a.nodePoolName = pool;
        a.gpuAllocated = allocated;
        a.gpuRequested = *requested;
        a.gpuRequestedReported = true;
        if (pool.isEmpty()) // node pools off: only the summed quotaStatus is reported
            u.quotaStatus = a;
        else
            u.allocations = {a};
    }
    return u;
}

api::OrgUnit dep(const QString &id, const Quota &q, std::optional<double> requested = std::nullopt)
{
    return unit(api::OrgUnit::Kind::Department, id, {}, q, requested);
}

api::OrgUnit proj(const QString &id,
                  const QString &parent,
                  const Quota &q,
                  std::optional<double> requested = std::nullopt,
                  double allocated = 0)
{
    return unit(api::OrgUnit::Kind::Project, id, parent, q, requested, allocated);
}

} // namespace

class TestFairShare : public QObject
{
    Q_OBJECT
private slots:
    void divideOneLevel_data();
    void divideOneLevel();
    void estimateHierarchy_data();
    void estimateHierarchy();
    void enginePriority_data();
    void enginePriority();
};

void TestFairShare::divideOneLevel_data()
{
    QTest::addColumn<double>("total");
    QTest::addColumn<QList<double>>("deserved");
    QTest::addColumn<QList<double>>("weights");
    QTest::addColumn<QList<double>>("limits");
    QTest::addColumn<QList<double>>("requests"); // empty: all unknown
    QTest::addColumn<QList<double>>("expected");
    using L = QList<double>;
    QTest::addRow("exact quotas") << 8.0 << L {4, 4} << L {1, 1} << L {-1, -1} << L {} << L {4, 4};
    // 8 over quota: 6 and 2, whole numbers already.
    QTest::addRow("spare split by weight")
        << 16.0 << L {4, 4} << L {3, 1} << L {-1, -1} << L {} << L {10, 6};
    // §3.2 example: 7 over quota, portions 1.4 / 5.6 → 1 / 5, the last GPU to the larger remainder.
    QTest::addRow("total 11, deserved 2+2, weights 1 and 4")
        << 11.0 << L {2, 2} << L {1, 4} << L {-1, -1} << L {} << L {3, 8};
    // Portions 3.5 / 3.5 → 3 / 3, remainders tie, the older (first) queue gets the last GPU.
    QTest::addRow("total 11, equal weights, older gets the odd GPU")
        << 11.0 << L {2, 2} << L {1, 1} << L {-1, -1} << L {} << L {6, 5};
    // Round 1: portions 4 / 4, the first wants only 1; round 2: the other takes the remaining 3.
    QTest::addRow("limit caps, rest to others")
        << 16.0 << L {4, 4} << L {1, 1} << L {5, -1} << L {} << L {5, 11};
    QTest::addRow("zero weight gets no spare")
        << 10.0 << L {2, 2} << L {0, 2} << L {-1, -1} << L {} << L {2, 8};
    // Step A is not capped by the amount being divided.
    QTest::addRow("oversubscribed quotas are not cut")
        << 6.0 << L {4, 4} << L {1, 1} << L {-1, -1} << L {} << L {4, 4};
    // Unknown weight = Medium (2): portions 2.5 / 7.5 → 2 / 7, tie on .5 → the older one.
    QTest::addRow("weight -1 is Medium (2)")
        << 10.0 << L {0, 0} << L {-1, 6} << L {-1, -1} << L {} << L {3, 7};
    // min(deserved 4, request 2) = 2 in step A; the satisfied queue takes no spare.
    QTest::addRow("request below deserved")
        << 16.0 << L {4, 4} << L {1, 1} << L {-1, -1} << L {2, -1} << L {2, 14};
    QTest::addRow("nobody wants the rest: it stays undistributed")
        << 16.0 << L {4, 4} << L {1, 1} << L {-1, -1} << L {2, 3} << L {2, 3};
    QTest::addRow("request and limit: the smaller binds")
        << 16.0 << L {0, 0} << L {1, 1} << L {6, -1} << L {9, 4} << L {6, 4};
    // deserved −1 = the whole amount of the level, still only up to the request.
    QTest::addRow("deserved -1 up to its request")
        << 8.0 << L {-1, 0} << L {1, 1} << L {-1, -1} << L {3, -1} << L {3, 5};
    QTest::addRow("fractional deserved is exact")
        << 4.0 << L {0.5, 1.25} << L {0, 0} << L {-1, -1} << L {} << L {0.5, 1.25};
}

void TestFairShare::divideOneLevel()
{
    QFETCH(double, total);
    QFETCH(QList<double>, deserved);
    QFETCH(QList<double>, weights);
    QFETCH(QList<double>, limits);
    QFETCH(QList<double>, requests);
    QFETCH(QList<double>, expected);
    const QList<double> got = requests.isEmpty()
                                  ? fairshare::divide(total, deserved, weights, limits)
                                  : fairshare::divide(total, deserved, weights, limits, requests);
    QCOMPARE(got.size(), expected.size());
    for (qsizetype i = 0; i < got.size(); ++i)
        QVERIFY2(qAbs(got[i] - expected[i]) < 1e-6,
                 qPrintable(QStringLiteral("child %1: got %2, expected %3")
                                .arg(i)
                                .arg(got[i])
                                .arg(expected[i])));
}

void TestFairShare::estimateHierarchy_data()
{
    QTest::addColumn<QList<api::OrgUnit>>("departments");
    QTest::addColumn<QList<api::OrgUnit>>("projects");
    QTest::addColumn<QString>("pool");
    QTest::addColumn<double>("capacity");
    QTest::addColumn<QStringList>("expected"); // "id=GPUs", sorted by id
    using D = QList<api::OrgUnit>;
    // Top: 12 over quota at weights 1:3 → 3 / 9 → A 7, B 13. A splits 7: 2+2, then 1.5 / 1.5 → 1 / 1,
    // the last GPU to the older a1.
    QTest::addRow("departments split the pool, projects their department")
        << D {dep(QStringLiteral("A"), {4, 1}), dep(QStringLiteral("B"), {4, 3})}
        << D {proj(QStringLiteral("a1"), QStringLiteral("A"), {2, 1}),
              proj(QStringLiteral("a2"), QStringLiteral("A"), {2, 1}),
              proj(QStringLiteral("b1"), QStringLiteral("B"), {0, -1})}
        << kPool << 20.0 << QStringList {"A=7", "B=13", "a1=4", "a2=3", "b1=13"};
    // High priority is served first even at weight 1 vs 100, up to its request (4, from b1).
    QTest::addRow("priority beats weight")
        << D {dep(QStringLiteral("A"), {0, 100, -1, QStringLiteral("Low")}),
              dep(QStringLiteral("B"), {0, 1, -1, QStringLiteral("High")})}
        << D {proj(QStringLiteral("a1"), QStringLiteral("A"), {0, 1}),
              proj(QStringLiteral("b1"), QStringLiteral("B"), {0, 1}, 4.0)}
        << kPool << 10.0 << QStringList {"A=6", "B=4", "a1=6", "b1=4"};
    // p1 reports requested 1 but runs 3: its request is 3. D requests 3 + 2 = 5 < its quota 10.
    QTest::addRow("requests sum up; allocated is a floor")
        << D {dep(QStringLiteral("D"), {10, 1})}
        << D {proj(QStringLiteral("p1"), QStringLiteral("D"), {0, 1}, 1.0, 3.0),
              proj(QStringLiteral("p2"), QStringLiteral("D"), {0, 1}, 2.0)}
        << kPool << 10.0 << QStringList {"D=5", "p1=3", "p2=2"};
    // §3.3 "deserved department quota": department quota 1 … here 2, child quota 2 on a 1-GPU pool.
    QTest::addRow("quotas above the pool are not cut")
        << D {dep(QStringLiteral("D"), {2, 1})}
        << D {proj(QStringLiteral("p"), QStringLiteral("D"), {2, 1})} << kPool << 1.0
        << QStringList {"D=2", "p=2"};
    QTest::addRow("department limit caps it and its projects")
        << D {dep(QStringLiteral("A"), {0, 1, 3}), dep(QStringLiteral("B"), {0, 1})}
        << D {proj(QStringLiteral("a1"), QStringLiteral("A"), {0, 1})} << kPool << 10.0
        << QStringList {"A=3", "B=7", "a1=3"};
    // The project's department is gone: it competes at the top, weights 1:3.
    QTest::addRow("orphaned project is a top-level queue")
        << D {dep(QStringLiteral("D"), {0, 1})}
        << D {proj(QStringLiteral("p"), QStringLiteral("gone"), {0, 3})} << kPool << 8.0
        << QStringList {"D=2", "p=6"};
    // Node pools off: the request comes from status.quotaStatus.
    QTest::addRow("node pools off: request from quotaStatus")
        << D {unit(api::OrgUnit::Kind::Department, QStringLiteral("D"), {}, {0, 1}, {}, 0, {})}
        << D {unit(api::OrgUnit::Kind::Project,
                   QStringLiteral("p"),
                   QStringLiteral("D"),
                   {0, 1},
                   2.0,
                   0,
                   {})}
        << QString() << 10.0 << QStringList {"D=2", "p=2"};
}

void TestFairShare::estimateHierarchy()
{
    QFETCH(QList<api::OrgUnit>, departments);
    QFETCH(QList<api::OrgUnit>, projects);
    QFETCH(QString, pool);
    QFETCH(double, capacity);
    QFETCH(QStringList, expected);
    const auto shares = fairshare::estimate(departments, projects, {{pool, capacity}});
    QStringList got;
    for (auto it = shares.constBegin(); it != shares.constEnd(); ++it) {
        QVERIFY(it.value().contains(pool));
        got << it.key() + QLatin1Char('=') + QString::number(it.value().value(pool));
    }
    got.sort();
    QCOMPARE(got, expected);
}

void TestFairShare::enginePriority_data()
{
    QTest::addColumn<QString>("lower");
    QTest::addColumn<QString>("higher");
    QTest::addRow("Low < Normal") << QStringLiteral("Low") << QStringLiteral("Normal");
    QTest::addRow("Normal < High") << QStringLiteral("Normal") << QStringLiteral("High");
    QTest::addRow("High < very-high") << QStringLiteral("High") << QStringLiteral("very-high");
    QTest::addRow("very-low < medium-low")
        << QStringLiteral("very-low") << QStringLiteral("medium-low");
    QTest::addRow("null < High") << QString() << QStringLiteral("High");
    QTest::addRow("numbers as given") << QStringLiteral("90") << QStringLiteral("110");
}

void TestFairShare::enginePriority()
{
    QFETCH(QString, lower);
    QFETCH(QString, higher);
    QVERIFY(fairshare::enginePriority(lower) < fairshare::enginePriority(higher));
    // Null and unknown names are "Normal", which is the engine's default queue priority.
    QCOMPARE(fairshare::enginePriority(QString()), 100);
    QCOMPARE(fairshare::enginePriority(QStringLiteral("Normal")), 100);
    QCOMPARE(fairshare::enginePriority(QStringLiteral("no-such-level")), 100);
}

QTEST_GUILESS_MAIN(TestFairShare)
#include "tst_fairshare.moc"
