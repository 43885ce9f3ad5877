#pragma once
// A throwaway PostgreSQL cluster for tests: initdb into a temporary folder, postgres listening only on
// a Unix socket inside that folder (no TCP port, so nothing can collide), one database, and pg_ctl
// stop + folder removal at the end. initdb refuses to run as root, so as root the server runs as the
// `postgres` system user (created by Debian's postgresql package) through runuser.
//
// A missing PostgreSQL is an error, not a skip: scripts/setup installs it.

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

#include <pwd.h>
#include <unistd.h>

#include <algorithm>

class PgCluster
{
public:
    ~PgCluster() { stop(); }

    // Starts the cluster. Returns an error message, or empty.
    QString start()
    {
        m_bin = findBinaries();
        if (m_bin.isEmpty())
            return QStringLiteral(
                "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin "
                "(scripts/setup installs the Debian package 'postgresql')");
        if (!m_dir.isValid())
            return QStringLiteral("cannot create a temporary folder");
        if (geteuid() == 0) {
            const passwd *user = getpwnam("postgres");
            if (!user)
                return QStringLiteral("running as root but there is no 'postgres' user to run "
                                      "initdb as (install the Debian package 'postgresql')");
            if (chown(QFile::encodeName(m_dir.path()).constData(), user->pw_uid, user->pw_gid) != 0)
                return QStringLiteral("cannot hand %1 to the postgres user").arg(m_dir.path());
            m_asUser = {QStringLiteral("runuser"),
                        QStringLiteral("-u"),
                        QStringLiteral("postgres"),
                        QStringLiteral("--")};
        }
        QString error = run(QStringLiteral("initdb"),
                            {QStringLiteral("-D"),
                             dataDir(),
                             QStringLiteral("-U"),
                             QStringLiteral("postgres"),
                             QStringLiteral("--auth=trust"),
                             QStringLiteral("-E"),
                             QStringLiteral("UTF8"),
                             QStringLiteral("--no-locale"),
                             QStringLiteral("--no-sync")});
        if (!error.isEmpty())
            return error;
        error = run(QStringLiteral("pg_ctl"),
                    {QStringLiteral("start"),
                     QStringLiteral("-w"),
                     QStringLiteral("-t"),
                     QStringLiteral("60"),
                     QStringLiteral("-D"),
                     dataDir(),
                     QStringLiteral("-l"),
                     m_dir.filePath(QStringLiteral("server.log")),
                     QStringLiteral("-o"),
                     QStringLiteral("-k %1 -p %2 -c listen_addresses=''")
                         .arg(m_dir.path())
                         .arg(port())});
        if (!error.isEmpty())
            return error + QStringLiteral("\nserver log:\n") + serverLog();
        m_running = true;
        return QString();
    }

    // Creates an empty database. Returns an error message, or empty.
    QString createDatabase(const QString &database)
    {
        return run(QStringLiteral("createdb"),
                   {QStringLiteral("-h"),
                    m_dir.path(),
                    QStringLiteral("-p"),
                    QString::number(port()),
                    QStringLiteral("-U"),
                    QStringLiteral("postgres"),
                    database});
    }

    void stop()
    {
        if (!m_running)
            return;
        run(QStringLiteral("pg_ctl"),
            {QStringLiteral("stop"),
             QStringLiteral("-w"),
             QStringLiteral("-m"),
             QStringLiteral("fast"),
             QStringLiteral("-D"),
             dataDir()});
        m_running = false;
    }

    // postgresql://postgres@/DB?host=SOCKETDIR&port=PORT, as gpudesk-server --db takes it.
    QString url(const QString &database) const
    {
        return QStringLiteral("postgresql://postgres@/%1?host=%2&port=%3")
            .arg(database, m_dir.path())
            .arg(port());
    }
    QString socketFolder() const { return m_dir.path(); }
    static int port() { return 5432; } // the socket lives in our own folder: no collision possible
    QString binFolder() const { return m_bin; }
    QString serverLog() const
    {
        QFile log(m_dir.filePath(QStringLiteral("server.log")));
        return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
    }
    // "15.18" etc., from postgres --version.
    QString version() const
    {
        QProcess process;
        process.start(QDir(m_bin).filePath(QStringLiteral("postgres")),
                      {QStringLiteral("--version")});
        process.waitForFinished(10000);
        return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    }

private:
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    // The newest /usr/lib/postgresql/<major>/bin that has initdb, pg_ctl and createdb.
    static QString findBinaries()
    {
        QDir root(QStringLiteral("/usr/lib/postgresql"));
        QStringList majors = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        std::sort(majors.begin(), majors.end(), [](const QString &a, const QString &b) {
            return a.toInt() > b.toInt();
        });
        for (const QString &major : majors) {
            const QDir bin(root.filePath(major + QStringLiteral("/bin")));
            if (QFile::exists(bin.filePath(QStringLiteral("initdb")))
                && QFile::exists(bin.filePath(QStringLiteral("pg_ctl")))
                && QFile::exists(bin.filePath(QStringLiteral("createdb"))))
                return bin.path();
        }
        return QString();
    }

    QString run(const QString &tool, const QStringList &arguments)
    {
        QStringList command = m_asUser;
        command << QDir(m_bin).filePath(tool) << arguments;
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setWorkingDirectory(m_dir.path()); // runuser keeps the cwd; postgres must read it
        process.start(command.takeFirst(), command);
        if (!process.waitForFinished(90000)) {
            process.kill();
            process.waitForFinished(5000);
            return QStringLiteral("%1 did not finish in 90 s").arg(tool);
        }
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            return QStringLiteral("%1 failed (exit %2): %3")
                .arg(tool)
                .arg(process.exitCode())
                .arg(QString::fromUtf8(process.readAll()));
        return QString();
    }

    // As root the folder must be reachable by the postgres user, and a socket path must stay under
    // 108 bytes: /tmp serves both, whatever TMPDIR says.
    QTemporaryDir m_dir {(geteuid() == 0 ? QStringLiteral("/tmp") : QDir::tempPath())
                         + QStringLiteral("/gpudesk-pg-XXXXXX")};
    QString m_bin;
    QStringList m_asUser;
    bool m_running = false;
};
