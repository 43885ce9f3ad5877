#include "keychainstore.h"

#include <qt6keychain/keychain.h>

KeychainStore::KeychainStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{ }

void KeychainStore::write(const QString &key, const QByteArray &secret)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError)
            emit written(key);
        else
            emit failed(key, finished->errorString(), false);
    });
    job->start();
}

void KeychainStore::read(const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *finished) {
        auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (readJob->error() == QKeychain::NoError)
            emit readFinished(key, readJob->binaryData());
        else
            emit failed(key, readJob->errorString(), readJob->error() == QKeychain::EntryNotFound);
    });
    job->start();
}

void KeychainStore::remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound)
            emit removed(key);
        else
            emit failed(key, finished->errorString(), false);
    });
    job->start();
}
