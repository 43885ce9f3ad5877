#include "actions/common/allocatejob.h"

#include "framework/joborder.h"
#include "plugins/proportion/capacitypolicy.h"

namespace gpudesk::engine {

std::string describeHistogram(const FitHistogram &histogram)
{
    std::string out;
    for (const auto &[reason, count] : histogram) {
        if (!out.empty())
            out += " ";
        out += std::to_string(count) + " " + reason + ".";
    }
    return out;
}

const FitFailureCache::Entry &FitFailureCache::add(const Task &t, FitHistogram h)
{
    Entry &e = m_map[key(t)];
    e.described = describeHistogram(h);
    e.histogram = std::make_shared<const FitHistogram>(std::move(h));
    return e;
}

namespace {

void fillNoFit(const Session &s,
               int j,
               int task,
               int placedInChunk,
               const std::shared_ptr<const FitHistogram> &histogram,
               const std::string &described,
               FitFailure *failure)
{
    if (!failure)
        return;
    const auto &job = s.snapshot().jobs[std::size_t(j)];
    const std::string podError = "no nodes with enough resources were found: " + described;
    const int existing = s.activeAllocatedCount(j);
    failure->histogram = histogram;
    failure->placedPods = existing + placedInChunk;
    failure->requiredPods = job.minMembers;
    if (job.minMembers > 1 && failure->placedPods < job.minMembers) {
        failure->reason = placedInChunk > 0 ? PendingReason::GangShort : PendingReason::NoNodeFits;
        failure->kaiMessage
            = "Resources were found for " + std::to_string(failure->placedPods) + " pods while "
              + std::to_string(job.minMembers)
              + " are required for gang scheduling. Additional pods cannot be scheduled due to: "
              + podError;
    } else {
        failure->reason = PendingReason::NoNodeFits;
        failure->kaiMessage = "Resources were not found for pod " + job.namespaceName + "/"
                              + s.snapshot().tasks[std::size_t(task)].id + " due to: " + podError;
    }
}

} // namespace

bool allocateTasks(Session &s,
                   Statement &stmt,
                   int j,
                   const std::vector<int> &chunk,
                   const AllocateOptions &options,
                   FitFailure *failure)
{
    if (options.checkCapacity) {
        FitFailure cap = proportion::checkCapacity(s, j, chunkRequest(s, chunk));
        if (cap.reason != PendingReason::None) {
            if (failure)
                *failure = cap;
            return false;
        }
    }
    const std::size_t cp = stmt.checkpoint();
    std::vector<int> placed;
    bool anyPipelined = false;
    for (std::size_t i = 0; i < chunk.size(); ++i) {
        const int t = chunk[i];
        const Task &task = s.snapshot().tasks[std::size_t(t)];
        const bool useCache = options.cache && i == 0 && FitFailureCache::cacheable(task);
        if (useCache) {
            if (const FitFailureCache::Entry *e = options.cache->find(task)) {
                fillNoFit(s, j, t, 0, e->histogram, e->described, failure);
                return false;
            }
        }
        FitHistogram histogram;
        const PlacementChoice choice = selectNode(s, t, options.pipelineOnly, &histogram);
        if (choice.node < 0) {
            stmt.rollback(cp);
            if (useCache) {
                const FitFailureCache::Entry &e = options.cache->add(task, std::move(histogram));
                fillNoFit(s, j, t, int(i), e.histogram, e.described, failure);
            } else if (failure) {
                const std::string described = describeHistogram(histogram);
                fillNoFit(s,
                          j,
                          t,
                          int(i),
                          std::make_shared<const FitHistogram>(std::move(histogram)),
                          described,
                          failure);
            }
            return false;
        }
        if (choice.pipelined) {
            stmt.pipeline(t, choice.node, choice.groups);
            anyPipelined = true;
        } else {
            stmt.allocate(t, choice.node, choice.groups);
        }
        placed.push_back(t);
    }
    // A gang starts only when all of it can start: pipeline the rest too (§5 step 4).
    if (anyPipelined && s.allocatedCount(j) < s.snapshot().jobs[std::size_t(j)].minMembers) {
        for (int t : placed) {
            if (s.snapshot().tasks[std::size_t(t)].status == TaskStatus::Binding)
                stmt.convertToPipelined(t);
        }
    }
    return true;
}

} // namespace gpudesk::engine
