#include "benchmeasure.h"
#include "benchshapes.h"
#include "commands.h"
#include "whatifbench.h"

#include "actions/action.h"
#include "engine.h"
#include "framework/session.h"
#include "io/json.h"
#include "whatif/steadystate.h"

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>

namespace gpudesk::sim {

int benchCommand(int argc, char **argv)
{
    using namespace engine;
    if (argc < 3) {
        std::cerr
            << "usage: gpudesk-sim bench allocate|reclaim-large|full-cycle|large|whatif --nodes N "
               "[--seed S] [--result FILE] [--victim-budget UNITS] [--settle MAX_ROUNDS]\n";
        return 2;
    }
    const std::string name = argv[2];
    int nodes = name == "large" ? 4000 : 100;
    unsigned seed = 1;
    std::string resultPath; // --result FILE: the session result JSON (equivalence checks)
    int victimBudget = -1;  // --victim-budget: Config::victimSearchBudget (default unlimited)
    int settleRounds = 0;   // --settle: run to a steady state first (untimed), at most N rounds
    for (int i = 3; i + 1 < argc; i += 2) {
        const std::string opt = argv[i];
        try {
            if (opt == "--nodes")
                nodes = std::stoi(argv[i + 1]);
            else if (opt == "--seed")
                seed = unsigned(std::stoul(argv[i + 1]));
            else if (opt == "--result")
                resultPath = argv[i + 1];
            else if (opt == "--victim-budget")
                victimBudget = std::stoi(argv[i + 1]);
            else if (opt == "--settle")
                settleRounds = std::stoi(argv[i + 1]);
            else
                throw std::invalid_argument(opt);
        } catch (...) {
            std::cerr << "gpudesk-sim bench: bad option " << opt << '\n';
            return 2;
        }
    }
    if (nodes < 1) {
        std::cerr << "gpudesk-sim bench: --nodes must be at least 1\n";
        return 2;
    }
    BenchShape shape;
    if (!makeBenchShape(name, nodes, seed, shape)) {
        std::cerr << "gpudesk-sim bench: unknown benchmark '" << name << "'\n";
        return 2;
    }
    // Production settings (KAI's published figures are production cycles): at most 16
    // consolidation preemptees, scheduling signatures on, 60 s staleness grace.
    shape.snapshot.config.maxConsolidationPreemptees = 16;
    shape.snapshot.config.useSchedulingSignatures = true;
    shape.snapshot.config.stalenessGracePeriodSeconds = 60;
    shape.snapshot.config.victimSearchBudget = victimBudget < 0 ? -1 : victimBudget;
    if (name == "whatif")
        return benchWhatIf(shape, nodes, resultPath);
    // --settle: a production snapshot is what the cluster's scheduler left one cycle ago, not a
    // freshly generated state with thousands of imbalances to reclaim at once. Run the shape to
    // a steady state (untimed, as the what-if bench prepares its cluster) and time the next cycle.
    json::Value settled;
    if (settleRounds > 0) {
        const auto ts = std::chrono::steady_clock::now();
        SteadyState prepared = runToSteadyState(std::move(shape.snapshot), settleRounds);
        settled = json::Value::object();
        settled.set("rounds", json::Value::number(prepared.rounds));
        settled.set("converged", json::Value::boolean(prepared.converged));
        settled.set("cycle", json::Value::number(prepared.cycleLength));
        shape.snapshot = prepared.takeNextState();
        settled.set("ms", json::Value::number(round2(msSince(ts))));
    }
    const std::size_t jobs = shape.snapshot.jobs.size(), pods = shape.snapshot.tasks.size();
    // The session takes the snapshot over, as every cycle of a cluster does (runToSteadyState,
    // the what-if): a copy of 140k pods here would time the bench's bookkeeping, not the engine.
    const auto t0 = std::chrono::steady_clock::now();
    Session session(std::move(shape.snapshot));
    const double buildMs = msSince(t0);
    json::Value actions = json::Value::object();
    for (const auto &a : shape.actions) {
        const auto ta = std::chrono::steady_clock::now();
        runAction(session, a);
        actions.set(a, json::Value::number(round2(msSince(ta))));
    }
    const double totalMs = msSince(t0);
    json::Value out = json::Value::object();
    out.set("bench", json::Value::string(name));
    out.set("nodes", json::Value::number(nodes));
    out.set("jobs", json::Value::number(double(jobs)));
    out.set("pods", json::Value::number(double(pods)));
    out.set("build_ms", json::Value::number(round2(buildMs)));
    out.set("total_ms", json::Value::number(round2(totalMs)));
    out.set("actions_ms", std::move(actions));
    if (settleRounds > 0)
        out.set("settled", std::move(settled));
    out.set("peak_rss_mb", json::Value::number(round2(peakRssMb())));
    json::Value calls = json::Value::object();
    calls.set("binds", json::Value::number(session.calls.binds));
    calls.set("evictions", json::Value::number(session.calls.evictions));
    calls.set("pipelined", json::Value::number(session.calls.pipelined));
    out.set("calls", std::move(calls));
    std::cout << json::write(out) << '\n';
    if (!resultPath.empty()) {
        std::ofstream file(resultPath);
        file << sessionResultJson(session) << '\n';
        if (!file) {
            std::cerr << "gpudesk-sim bench: cannot write " << resultPath << '\n';
            return 1;
        }
    }
    return 0;
}

} // namespace gpudesk::sim
