#include "plugins/proportion/fairshare.h"

#include <algorithm>
#include <cmath>

namespace gpudesk::engine::proportion {

namespace {

double requestable(const ResourceDemand &d)
{
    return d.limit < 0 ? d.request : std::min(d.limit, d.request);
}

bool satisfied(const ResourceDemand &d, double fairShare)
{
    return d.request <= fairShare + kEpsilon || (d.limit >= 0 && d.limit <= fairShare + kEpsilon);
}

// Over-quota division among the queues of one priority; returns the new remaining amount.
double divideOverQuota(double remaining,
                       const std::vector<int> &group,
                       const std::vector<const QueueDemand *> &siblings,
                       int r,
                       double kValue,
                       std::vector<double> &share,
                       std::vector<double> &remainder)
{
    while (remaining > kEpsilon) {
        double totalWeight = 0;
        for (int i : group) {
            const auto &d = siblings[std::size_t(i)]->resource[r];
            if (requestable(d) - share[std::size_t(i)] > kEpsilon)
                totalWeight += d.weight;
        }
        if (totalWeight <= 0)
            break;
        std::vector<double> sw(siblings.size(), 0.0);
        double swSum = 0;
        for (int i : group) {
            const auto &d = siblings[std::size_t(i)]->resource[r];
            if (satisfied(d, share[std::size_t(i)]))
                continue;
            const double nw = d.weight / totalWeight;
            sw[std::size_t(i)] = std::max(0.0, nw + kValue * (nw - d.usage));
            swSum += sw[std::size_t(i)];
        }
        if (swSum <= 0)
            break;
        const double roundAmount = remaining;
        bool anotherRound = false;
        for (int i : group) {
            if (remaining <= kEpsilon)
                break;
            const auto &d = siblings[std::size_t(i)]->resource[r];
            if (satisfied(d, share[std::size_t(i)]) || d.weight == 0)
                continue;
            const double portion = roundAmount * sw[std::size_t(i)] / swSum;
            const double want = requestable(d) - share[std::size_t(i)];
            double give = 0;
            if (want <= portion + kEpsilon) {
                give = want;
                remainder[std::size_t(i)] = 0;
            } else {
                // Whole units per round; the fractional rest is dealt out at the end.
                const double whole = std::floor(portion + kEpsilon);
                give = whole;
                remainder[std::size_t(i)] = std::max(0.0, portion - whole);
            }
            give = std::min(give, remaining);
            share[std::size_t(i)] += give;
            remaining -= give;
            if (want < portion - kEpsilon)
                anotherRound = true;
        }
        if (!anotherRound)
            break;
    }
    return remaining;
}

} // namespace

double divideOneLevel(double amount,
                      const std::vector<const QueueDemand *> &siblings,
                      int r,
                      double kValue,
                      std::vector<double> &fairShare)
{
    const std::size_t n = siblings.size();
    std::vector<double> share(n, 0.0);
    double remaining = amount;
    // Step A: the deserved (in-quota) part, not capped by what is left (§17.4).
    for (std::size_t i = 0; i < n; ++i) {
        const auto &d = siblings[i]->resource[r];
        const double deserved = d.deserved < 0 ? amount : d.deserved;
        const double give = std::max(0.0, std::min(deserved, requestable(d)));
        share[i] += give;
        remaining -= give;
    }
    if (remaining > kEpsilon) {
        // Step B: over-quota, priority level by priority level (highest first).
        std::vector<int> priorities;
        for (const auto *q : siblings)
            priorities.push_back(q->priority);
        std::sort(priorities.begin(), priorities.end(), std::greater<>());
        priorities.erase(std::unique(priorities.begin(), priorities.end()), priorities.end());
        std::vector<double> remainder(n, 0.0);
        for (int p : priorities) {
            std::vector<int> group;
            for (std::size_t i = 0; i < n; ++i) {
                if (siblings[i]->priority == p)
                    group.push_back(int(i));
            }
            remaining = divideOverQuota(remaining, group, siblings, r, kValue, share, remainder);
        }
        // Remainders: one unit at a time, largest remainder first, per priority level.
        for (int p : priorities) {
            if (remaining <= kEpsilon)
                break;
            std::vector<int> order;
            for (std::size_t i = 0; i < n; ++i) {
                if (siblings[i]->priority == p && remainder[i] > kEpsilon)
                    order.push_back(int(i));
            }
            std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
                const double ra = remainder[std::size_t(a)], rb = remainder[std::size_t(b)];
                if (std::fabs(ra - rb) > kEpsilon)
                    return ra > rb;
                const auto *qa = siblings[std::size_t(a)];
                const auto *qb = siblings[std::size_t(b)];
                if (qa->createdOrder != qb->createdOrder)
                    return qa->createdOrder < qb->createdOrder;
                return qa->name < qb->name;
            });
            for (int i : order) {
                if (remaining <= kEpsilon)
                    break;
                const double give = std::min(1.0, remaining);
                share[std::size_t(i)] += give;
                remaining -= give;
            }
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        fairShare[i] += share[i];
    return std::max(0.0, remaining);
}

DivisionResult divideHierarchy(const Resources &total,
                               const std::vector<QueueDemand> &queues,
                               double kValue)
{
    DivisionResult result;
    result.fairShare.assign(queues.size(), Resources {});
    std::vector<std::vector<int>> children(queues.size());
    std::vector<int> top;
    for (std::size_t i = 0; i < queues.size(); ++i) {
        if (queues[i].parent < 0)
            top.push_back(int(i));
        else
            children[std::size_t(queues[i].parent)].push_back(int(i));
    }
    for (int r = 0; r < kResourceCount; ++r) {
        // Breadth-first: a level is divided once its parent's share is known.
        std::vector<std::pair<double, std::vector<int>>> work {{total[r], top}};
        bool topLevel = true;
        while (!work.empty()) {
            auto [amount, group] = std::move(work.back());
            work.pop_back();
            if (group.empty())
                continue;
            std::vector<const QueueDemand *> siblings;
            for (int i : group)
                siblings.push_back(&queues[std::size_t(i)]);
            std::vector<double> share(group.size(), 0.0);
            const double left = divideOneLevel(amount, siblings, r, kValue, share);
            if (topLevel) {
                result.remaining[r] = left;
                topLevel = false;
            }
            for (std::size_t k = 0; k < group.size(); ++k) {
                const int q = group[k];
                result.fairShare[std::size_t(q)][r] = share[k];
                work.push_back({share[k], children[std::size_t(q)]});
            }
        }
    }
    return result;
}

} // namespace gpudesk::engine::proportion
