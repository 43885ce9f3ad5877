#include "loginthrottle.h"

#include <algorithm>

namespace gpudesk::auth {

namespace {
constexpr int freeFailures = 5;
constexpr qint64 windowMs = 15 * 60 * 1000;
constexpr qint64 maxLockMs = 15 * 60 * 1000;
} // namespace

void LoginThrottle::bump(Entry &entry, qint64 nowMs)
{
    if (nowMs - entry.firstFailureMs > windowMs) {
        entry = Entry();
        entry.firstFailureMs = nowMs;
    }
    ++entry.failures;
    if (entry.failures >= freeFailures) {
        const int extra = std::min(entry.failures - freeFailures, 10);
        entry.lockedUntilMs = nowMs + std::min<qint64>(maxLockMs, 1000LL << extra);
    }
}

qint64 LoginThrottle::wait(const Entry &entry, qint64 nowMs) const
{
    return entry.lockedUntilMs > nowMs ? (entry.lockedUntilMs - nowMs + 999) / 1000 : 0;
}

qint64 LoginThrottle::retryAfter(const QString &user, const QString &address, qint64 nowMs) const
{
    return std::max(wait(m_users.value(user.toLower()), nowMs),
                    wait(m_addresses.value(address), nowMs));
}

void LoginThrottle::recordFailure(const QString &user, const QString &address, qint64 nowMs)
{
    bump(m_users[user.toLower()], nowMs);
    bump(m_addresses[address], nowMs);
}

void LoginThrottle::recordSuccess(const QString &user)
{
    m_users.remove(user.toLower());
}

} // namespace gpudesk::auth
