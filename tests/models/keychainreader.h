#pragma once

#include "keychainstore.h"

#include <QSignalSpy>
#include <QTest>

// Reads one keychain entry synchronously for assertions: the secret, "<missing>" when there is
// none, "<error>" when the Secret Service failed, "<timeout>" when it did not answer.
inline QByteArray readKeychain(KeychainStore &store, const QString &key)
{
    QSignalSpy read(&store, &KeychainStore::readFinished);
    QSignalSpy failed(&store, &KeychainStore::failed);
    store.read(key);
    if (!QTest::qWaitFor([&] { return !read.isEmpty() || !failed.isEmpty(); }, 10000))
        return "<timeout>";
    if (!read.isEmpty())
        return read.first().at(1).toByteArray();
    return failed.first().at(2).toBool() ? QByteArray("<missing>") : QByteArray("<error>");
}
