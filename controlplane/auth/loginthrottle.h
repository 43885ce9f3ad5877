#pragma once
// Slows down password guessing: after 5 failures for a user name or a source address within 15
// minutes, further attempts for it are refused for a lock time that doubles per extra failure (max 15 min).

#include <QHash>
#include <QString>

namespace gpudesk::auth {

class LoginThrottle
{
public:
    // Seconds the caller must wait before trying again for this user/address, or 0.
    qint64 retryAfter(const QString &user, const QString &address, qint64 nowMs) const;
    void recordFailure(const QString &user, const QString &address, qint64 nowMs);
    void recordSuccess(const QString &user);

private:
    struct Entry
    {
        int failures = 0;
        qint64 firstFailureMs = 0;
        qint64 lockedUntilMs = 0;
    };
    void bump(Entry &entry, qint64 nowMs);
    qint64 wait(const Entry &entry, qint64 nowMs) const;
    QHash<QString, Entry> m_users;
    QHash<QString, Entry> m_addresses;
};

} // namespace gpudesk::auth
