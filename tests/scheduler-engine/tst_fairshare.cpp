// Unit tests of the fair-share division (scheduling.md §3), numeric tables.
#include "plugins/proportion/fairshare.h"

#include <QList>
#include <QTest>

using namespace gpudesk::engine;
using namespace gpudesk::engine::proportion;

class TestFairShare : public QObject
{
    Q_OBJECT
private slots:
    void oneLevel_data();
    void oneLevel();
    void hierarchy_data();
    void hierarchy();
    void resourcesAreIndependent();
};

void TestFairShare::oneLevel_data()
{
    QTest::addColumn<double>("total");
    QTest::addColumn<QList<double>>("deserved");
    QTest::addColumn<QList<double>>("request");
    QTest::addColumn<QList<double>>("limit");
    QTest::addColumn<QList<double>>("weight");
    QTest::addColumn<QList<int>>("priority");
    QTest::addColumn<QList<double>>("expected");
    QTest::addColumn<double>("remaining");

    // resource_division_test.go examples quoted in §3.2.
    QTest::newRow("total 11, deserved 2+2, weights 1 and 4")
        << 11.0 << QList<double> {2, 2} << QList<double> {100, 100} << QList<double> {-1, -1}
        << QList<double> {1, 4} << QList<int> {100, 100} << QList<double> {3, 8} << 0.0;
    QTest::newRow("total 11, equal weights: older queue gets the extra GPU")
        << 11.0 << QList<double> {2, 2} << QList<double> {100, 100} << QList<double> {-1, -1}
        << QList<double> {1, 1} << QList<int> {100, 100} << QList<double> {6, 5} << 0.0;
    // §3.2 note / §17.4: deserved is not capped by what is left.
    QTest::newRow("oversubscribed deserved exceeds total")
        << 1.0 << QList<double> {2} << QList<double> {3} << QList<double> {-1} << QList<double> {1}
        << QList<int> {100} << QList<double> {2} << 0.0;
    QTest::newRow("weight 0 gets no over-quota share")
        << 10.0 << QList<double> {2, 2} << QList<double> {8, 8} << QList<double> {-1, -1}
        << QList<double> {0, 1} << QList<int> {100, 100} << QList<double> {2, 8} << 0.0;
    QTest::newRow("priority dominates weights")
        << 10.0 << QList<double> {0, 0} << QList<double> {6, 10} << QList<double> {-1, -1}
        << QList<double> {100, 1} << QList<int> {1, 2} << QList<double> {0, 10} << 0.0;
    QTest::newRow("lower priority gets what higher did not want")
        << 10.0 << QList<double> {0, 0} << QList<double> {6, 3} << QList<double> {-1, -1}
        << QList<double> {100, 1} << QList<int> {1, 2} << QList<double> {6, 3} << 1.0;
    QTest::newRow("limit caps requestable")
        << 10.0 << QList<double> {1, 1} << QList<double> {10, 10} << QList<double> {3, -1}
        << QList<double> {1, 1} << QList<int> {100, 100} << QList<double> {3, 7} << 0.0;
    QTest::newRow("leftover nobody wants stays undistributed")
        << 10.0 << QList<double> {1, 1} << QList<double> {2, 3} << QList<double> {-1, -1}
        << QList<double> {1, 1} << QList<int> {100, 100} << QList<double> {2, 3} << 5.0;
    QTest::newRow("deserved -1 takes its request")
        << 10.0 << QList<double> {-1, 0} << QList<double> {4, 10} << QList<double> {-1, -1}
        << QList<double> {0, 1} << QList<int> {100, 100} << QList<double> {4, 6} << 0.0;
    QTest::newRow("water filling: satisfied queue's rest goes round again")
        << 12.0 << QList<double> {0, 0, 0} << QList<double> {1, 10, 10}
        << QList<double> {-1, -1, -1} << QList<double> {1, 1, 1} << QList<int> {100, 100, 100}
        << QList<double> {1, 6, 5} << 0.0;
    QTest::newRow("fractional deserved honoured exactly")
        << 4.0 << QList<double> {0.5, 1.5} << QList<double> {0.5, 1.5} << QList<double> {-1, -1}
        << QList<double> {1, 1} << QList<int> {100, 100} << QList<double> {0.5, 1.5} << 2.0;
}

void TestFairShare::oneLevel()
{
    QFETCH(double, total);
    QFETCH(QList<double>, deserved);
    QFETCH(QList<double>, request);
    QFETCH(QList<double>, limit);
    QFETCH(QList<double>, weight);
    QFETCH(QList<int>, priority);
    QFETCH(QList<double>, expected);
    QFETCH(double, remaining);

    std::vector<QueueDemand> queues(std::size_t(deserved.size()));
    for (qsizetype i = 0; i < deserved.size(); ++i) {
        auto &q = queues[std::size_t(i)];
        q.name = std::string(1, char('a' + i));
        q.createdOrder = double(i);
        q.priority = priority[i];
        q.resource[0] = ResourceDemand {deserved[i], request[i], limit[i], weight[i], 0};
    }
    const DivisionResult r = divideHierarchy(Resources {total, 0, 0}, queues, 1.0);
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(r.fairShare[std::size_t(i)].gpu, expected[i]);
    QCOMPARE(r.remaining.gpu + 1, remaining + 1); // +1: QCOMPARE of doubles near 0
}

void TestFairShare::hierarchy_data()
{
    // Two departments (d0, d1) with two projects each; columns give dept then projects.
    QTest::addColumn<double>("total");
    QTest::addColumn<QList<double>>("deptDeserved");
    QTest::addColumn<QList<double>>("deptWeight");
    QTest::addColumn<QList<double>>("projDeserved"); // p00 p01 p10 p11
    QTest::addColumn<QList<double>>("projRequest");
    QTest::addColumn<QList<double>>("projWeight");
    QTest::addColumn<QList<double>>("expectedDept");
    QTest::addColumn<QList<double>>("expectedProj");

    QTest::newRow("departments split, then projects")
        << 16.0 << QList<double> {4, 4} << QList<double> {1, 1} << QList<double> {2, 2, 2, 2}
        << QList<double> {8, 8, 1, 1} << QList<double> {1, 1, 1, 1} << QList<double> {14, 2}
        << QList<double> {7, 7, 1, 1};
    // §3.3 "deserved department quota": child deserved 2 under a department of quota 1.
    QTest::newRow("child deserved may exceed the department's share")
        << 1.0 << QList<double> {1, 0} << QList<double> {0, 0} << QList<double> {2, 0, 0, 0}
        << QList<double> {3, 0, 0, 0} << QList<double> {0, 0, 0, 0} << QList<double> {1, 0}
        << QList<double> {2, 0, 0, 0};
    QTest::newRow("weight 0 child leaves the parent's share unused")
        << 8.0 << QList<double> {0, 0} << QList<double> {1, 1} << QList<double> {1, 1, 0, 0}
        << QList<double> {8, 8, 0, 0} << QList<double> {0, 0, 0, 0} << QList<double> {8, 0}
        << QList<double> {1, 1, 0, 0};
}

void TestFairShare::hierarchy()
{
    QFETCH(double, total);
    QFETCH(QList<double>, deptDeserved);
    QFETCH(QList<double>, deptWeight);
    QFETCH(QList<double>, projDeserved);
    QFETCH(QList<double>, projRequest);
    QFETCH(QList<double>, projWeight);
    QFETCH(QList<double>, expectedDept);
    QFETCH(QList<double>, expectedProj);

    std::vector<QueueDemand> queues(6);
    for (int d = 0; d < 2; ++d) {
        auto &q = queues[std::size_t(d)];
        q.name = std::string(1, char('D' + d));
        q.createdOrder = d;
        q.resource[0].deserved = deptDeserved[d];
        q.resource[0].weight = deptWeight[d];
        q.resource[0].request = projRequest[2 * d] + projRequest[2 * d + 1];
    }
    for (int p = 0; p < 4; ++p) {
        auto &q = queues[std::size_t(2 + p)];
        q.name = std::string(1, char('p' + p));
        q.parent = p / 2;
        q.createdOrder = p;
        q.resource[0] = ResourceDemand {projDeserved[p], projRequest[p], -1, projWeight[p], 0};
    }
    const DivisionResult r = divideHierarchy(Resources {total, 0, 0}, queues, 1.0);
    for (int d = 0; d < 2; ++d)
        QCOMPARE(r.fairShare[std::size_t(d)].gpu, expectedDept[d]);
    for (int p = 0; p < 4; ++p)
        QCOMPARE(r.fairShare[std::size_t(2 + p)].gpu, expectedProj[p]);
}

void TestFairShare::resourcesAreIndependent()
{
    std::vector<QueueDemand> queues(2);
    queues[0].name.assign(1, 'a');
    queues[1].name.assign(1, 'b');
    queues[1].createdOrder = 1;
    queues[0].resource[0] = ResourceDemand {4, 4, -1, 1, 0};
    queues[1].resource[0] = ResourceDemand {0, 8, -1, 1, 0};
    queues[0].resource[1] = ResourceDemand {-1, 1000, -1, 1, 0};
    queues[1].resource[1] = ResourceDemand {-1, 3000, -1, 1, 0};
    const DivisionResult r = divideHierarchy(Resources {8, 10000, 0}, queues, 1.0);
    QCOMPARE(r.fairShare[0].gpu, 4.0);
    QCOMPARE(r.fairShare[1].gpu, 4.0);
    QCOMPARE(r.fairShare[0].cpu, 1000.0);
    QCOMPARE(r.fairShare[1].cpu, 3000.0);
}

QTEST_GUILESS_MAIN(TestFairShare)
#include "tst_fairshare.moc"
