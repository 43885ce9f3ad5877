#pragma once
// The section readers of a kai-scenario/1 or kai-fairshare/1 document (io/scenarioreader.cpp puts
// them together). Each reads its part of the document into the output and reports the first
// fault through the context ("<file>: <json path>: <what is wrong>"); false on a fault.
#include "io/readerctx.h"
#include "io/scenario.h"

#include <string>
#include <string_view>

namespace gpudesk::engine {

// "90s", "5m", "1h" or a number of seconds; absent or null leaves `out` untouched.
bool readDuration(ReaderContext &ctx,
                  const json::Value &obj,
                  std::string_view key,
                  const std::string &path,
                  double &out);

// configreader.cpp: "config" (plugins and their arguments) and "run" (mode, actions, rounds).
bool readConfig(ReaderContext &ctx, const json::Value &doc, Config &out);
bool readRun(ReaderContext &ctx, const json::Value &doc, RunSpec &out);

// clusterreader.cpp: "nodes" and "queues".
bool readNodes(ReaderContext &ctx, const json::Value &doc, Snapshot &s);
bool readQueues(ReaderContext &ctx, const json::Value &doc, Snapshot &s);

// jobreader.cpp: "jobs" with their tasks (needs the nodes read first).
bool readJobs(ReaderContext &ctx, const json::Value &doc, Snapshot &s);

// expectedreader.cpp: "expected" (what the scenario's run must produce).
bool readExpected(ReaderContext &ctx, const json::Value &doc, Scenario &sc);

// fairsharereader.cpp: a kai-fairshare/1 document.
bool readFairShare(ReaderContext &ctx, const json::Value &doc, FairShareScenario &fs);

} // namespace gpudesk::engine
