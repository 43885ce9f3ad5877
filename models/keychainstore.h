#pragma once

#include <QObject>
#include <QString>

// Secrets (passwords, tokens, client secrets) live only in the OS keychain. KeychainStore is the one
// door to it: asynchronous QtKeychain jobs under one service name, results delivered as signals.
class KeychainStore : public QObject
{
    Q_OBJECT
public:
    explicit KeychainStore(const QString &service, QObject *parent = nullptr);

    QString service() const { return m_service; }

    void write(const QString &key, const QByteArray &secret);
    void read(const QString &key);
    void remove(const QString &key);

signals:
    void written(const QString &key);
    void readFinished(const QString &key, const QByteArray &secret);
    void removed(const QString &key);
    // A missing entry on read is reported as failed() with notFound = true.
    void failed(const QString &key, const QString &message, bool notFound);

private:
    QString m_service;
};
