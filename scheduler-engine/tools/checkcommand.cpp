#include "commands.h"
#include "fileutil.h"

#include "framework/runner.h"
#include "io/expectationcheck.h"
#include "io/json.h"
#include "io/scenarioreader.h"

#include <cmath>
#include <iostream>

namespace gpudesk::sim {

namespace {

std::string num(double v)
{
    std::string s;
    engine::json::appendNumber(s, v);
    return s;
}

std::vector<std::string> checkFairShare(const engine::FairShareScenario &fs)
{
    using namespace engine;
    std::vector<proportion::QueueDemand> queues = fs.queues;
    if (!fs.fullHierarchy) {
        for (auto &q : queues)
            q.parent = -1;
    }
    const auto result = proportion::divideHierarchy(fs.total, queues, fs.kValue);
    std::vector<std::string> diffs;
    static const char *names[] = {"gpu", "cpu", "memory"};
    for (const auto &[name, values] : fs.expectedFairShare) {
        int idx = -1;
        for (std::size_t q = 0; q < fs.queues.size(); ++q) {
            if (fs.queues[q].name == name)
                idx = int(q);
        }
        if (idx < 0) {
            diffs.push_back("queue " + name + ": not in the scenario");
            continue;
        }
        for (const auto &[r, expected] : values) {
            const double got = result.fairShare[std::size_t(idx)][r];
            if (std::fabs(got - expected) > 1e-6)
                diffs.push_back("queue " + name + ": " + names[r] + " fair share " + num(got)
                                + ", expected " + num(expected));
        }
    }
    if (fs.expectedRemainingGpu && std::fabs(result.remaining.gpu - *fs.expectedRemainingGpu) > 1e-6)
        diffs.push_back("remaining gpu " + num(result.remaining.gpu) + ", expected "
                        + num(*fs.expectedRemainingGpu));
    return diffs;
}

} // namespace

int checkCommand(int argc, char **argv)
{
    using namespace engine;
    if (argc < 3) {
        std::cerr << "usage: gpudesk-sim check FILE|DIR...\n";
        return 2;
    }
    std::string error;
    const auto files = collectScenarioFiles(std::vector<std::string>(argv + 2, argv + argc), error);
    if (!error.empty()) {
        std::cerr << error << '\n';
        return 2;
    }
    int passed = 0, failed = 0;
    bool invalid = false;
    for (const auto &file : files) {
        const auto text = readFile(file);
        ScenarioDocument doc;
        const std::string err = text ? readScenario(*text, file.string(), doc)
                                     : file.string() + ": cannot be read";
        if (!err.empty()) {
            std::cout << "INVALID " << err << '\n';
            invalid = true;
            ++failed;
            continue;
        }
        std::vector<std::string> diffs;
        std::string name;
        if (doc.isFairShare) {
            name = doc.fairShare.name;
            diffs = checkFairShare(doc.fairShare);
        } else {
            name = doc.scenario.snapshot.name;
            runScenario(doc.scenario,
                        [&](const Session &s, const CallCounts &calls, const std::string &label) {
                            for (auto &d : compareExpected(s, calls, doc.scenario.expected))
                                diffs.push_back(label + ": " + d);
                        });
        }
        if (diffs.empty()) {
            ++passed;
            continue;
        }
        ++failed;
        std::cout << "FAIL " << file.string() << " (" << name << ")\n";
        for (const auto &d : diffs)
            std::cout << "  " << d << '\n';
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    if (invalid)
        return 2;
    return failed > 0 ? 1 : 0;
}

} // namespace gpudesk::sim
