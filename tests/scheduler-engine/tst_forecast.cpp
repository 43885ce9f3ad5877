// Forecast of the engine (issue 3): estimated start and end times in virtual time.
#include "engine.h"
#include "whatiffixtures.h"

#include <QTest>

using namespace gpudesk::engine;
using namespace whatiffixtures;

class TestForecast : public QObject
{
    Q_OBJECT
private slots:
    void forecastStartAfterRunningJobEnds();
    void forecastHypotheticalJob();
};

void TestForecast::forecastStartAfterRunningJobEnds()
{
    const auto f = forecast(parse(kSnapshot), ForecastOptions {});
    QCOMPARE(f.size(), std::size_t(2));
    QCOMPARE(f[0].job, std::string("a-run"));
    QVERIFY(f[0].runningNow);
    QCOMPARE(f[0].estimatedEndSeconds, 3000.0); // 3600 expected, 600 already run
    QCOMPARE(f[1].job, std::string("b-job"));
    QVERIFY(!f[1].runningNow);
    QCOMPARE(f[1].estimatedStartSeconds, 3000.0);
    QCOMPARE(f[1].estimatedEndSeconds, 4800.0);
}

void TestForecast::forecastHypotheticalJob()
{
    Change c;
    c.kind = Change::Kind::WorkloadSubmit;
    c.job.name = "new-job";
    c.job.queueName = "project-b";
    c.job.expectedDurationSeconds = 100;
    Task t;
    t.id = "new-job-0";
    t.kind = GpuRequestKind::Whole;
    t.request = Resources {2, 1000, 1e9};
    c.tasks.push_back(t);
    const auto f = forecast(parse(kSnapshot), ForecastOptions {}, c);
    QCOMPARE(f.size(), std::size_t(3));
    QCOMPARE(f[2].job, std::string("new-job"));
    // The node frees at 3000 s: both 2-GPU jobs of project-b fit then.
    QCOMPARE(f[2].estimatedStartSeconds, 3000.0);
}

QTEST_GUILESS_MAIN(TestForecast)
#include "tst_forecast.moc"
