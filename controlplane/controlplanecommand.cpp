// `gpudesk-server controlplane`: runs the reference control plane until killed.
#include "cluster/signalquit.h"
#include "core/controlplane.h"
#include "http/httpserver.h"
#include "seed/demoseed.h"
#include "servercommands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

namespace {

struct ListenAddress
{
    QHostAddress host;
    quint16 port = 0;
    QString error;
};

ListenAddress parseListen(const QString &text)
{
    ListenAddress out;
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon > 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
    QString host = colon > 0 ? text.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    if (!ok || port > 65535 || !out.host.setAddress(host))
        out.error = QStringLiteral("--listen needs HOST:PORT with an IP address, e.g. "
                                   "127.0.0.1:8480 (port 0 picks a free one), not '%1'")
                        .arg(text);
    out.port = quint16(port);
    return out;
}

} // namespace

int runControlPlaneCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The gpudesk reference control plane: a Run:ai-shaped REST API with "
                       "SQLite/PostgreSQL storage, ES256 tokens, "
                       "RBAC and an audit log. Prints 'control plane listening on "
                       "http(s)://HOST:PORT' when ready."));
    parser.addHelpOption();
    const QCommandLineOption
        listen(QStringLiteral("listen"),
               QStringLiteral("Address to listen on, HOST:PORT. Port 0 picks a free port."),
               QStringLiteral("HOST:PORT"));
    const QCommandLineOption db(QStringLiteral("db"),
                                QStringLiteral("SQLite database file (created if missing), or "
                                               "postgresql://user:password@host:port/database "
                                               "(add ?host=/socket/folder for a Unix socket)."),
                                QStringLiteral("PATH"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                                     QStringLiteral("PEM certificate for HTTPS (with --tls-key)."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    QStringLiteral("PEM private key for HTTPS (with --tls-cert)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption seed(
        QStringLiteral("seed"),
        QStringLiteral(
            "Seed a tenant into an empty database. 'demo': the demo tenant; every demo user's "
            "password is $GPUDESK_DEMO_PASSWORD, or 'gpudesk-demo' when unset (sandbox only)."),
        QStringLiteral("NAME"));
    const QCommandLineOption tokensFile(
        QStringLiteral("cluster-tokens-file"),
        QStringLiteral(
            "With --seed demo: write {\"cluster-a\": TOKEN, \"cluster-b\": TOKEN} (one-time "
            "cluster registration tokens; null once a cluster registered) to FILE, mode 0600."),
        QStringLiteral("FILE"));
    const QCommandLineOption publicUrl(QStringLiteral("public-url"),
                                       QStringLiteral(
                                           "URL clusters use to reach this control plane (shown in "
                                           "cluster install info). Default: the listen URL."),
                                       QStringLiteral("URL"));
    const QCommandLineOption
        maxBody(QStringLiteral("max-body-bytes"),
                QStringLiteral("Largest accepted request body; larger ones get 413. Default "
                               "33554432 (32 MiB, room for a cluster's full sync)."),
                QStringLiteral("N"));
    parser.addOptions({listen, db, tlsCert, tlsKey, seed, tokensFile, publicUrl, maxBody});
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (!parser.parse(QStringList {QStringLiteral("gpudesk-server controlplane")} + arguments)) {
        err << "gpudesk-server controlplane: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText().replace(
            QStringLiteral("gpudesk-server controlplane [options]"),
            QStringLiteral("gpudesk-server controlplane --listen HOST:PORT --db PATH [options]"));
        return 0;
    }
    if (!parser.isSet(listen) || !parser.isSet(db)) {
        err << "gpudesk-server controlplane: --listen and --db are required (see --help)\n";
        return 2;
    }
    const ListenAddress address = parseListen(parser.value(listen));
    if (!address.error.isEmpty()) {
        err << "gpudesk-server controlplane: " << address.error << "\n";
        return 2;
    }
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey)) {
        err << "gpudesk-server controlplane: --tls-cert and --tls-key go together\n";
        return 2;
    }
    if (parser.isSet(seed) && parser.value(seed) != QLatin1String("demo")) {
        err << "gpudesk-server controlplane: the only seed is 'demo'\n";
        return 2;
    }
    if (parser.isSet(tokensFile) && !parser.isSet(seed)) {
        err << "gpudesk-server controlplane: --cluster-tokens-file needs --seed demo\n";
        return 2;
    }
    qint64 maxBodyBytes = 32 * 1024 * 1024;
    if (parser.isSet(maxBody)) {
        bool ok = false;
        maxBodyBytes = parser.value(maxBody).toLongLong(&ok);
        if (!ok || maxBodyBytes < 1024) {
            err << "gpudesk-server controlplane: --max-body-bytes must be a number of at least "
                   "1024\n";
            return 2;
        }
    }

    gpudesk::core::ControlPlane controlPlane;
    gpudesk::core::ControlPlaneOptions options;
    options.databaseSpec = parser.value(db);
    const QString openError = controlPlane.open(options);
    if (!openError.isEmpty()) {
        err << "gpudesk-server controlplane: " << openError << "\n";
        return 1;
    }
    gpudesk::http::ServerOptions serverOptions;
    serverOptions.maxBodyBytes = maxBodyBytes;
    gpudesk::http::HttpServer server(
        [&controlPlane](const gpudesk::http::Request &request) {
            return controlPlane.handle(const_cast<gpudesk::http::Request &>(request));
        },
        serverOptions);
    if (parser.isSet(tlsCert)) {
        const QString tlsError = server.setTlsFiles(parser.value(tlsCert), parser.value(tlsKey));
        if (!tlsError.isEmpty()) {
            err << "gpudesk-server controlplane: " << tlsError << "\n";
            return 1;
        }
    }
    if (parser.isSet(seed)) {
        QJsonObject tokens;
        const QString seedError = gpudesk::core::seedDemo(controlPlane, &tokens);
        if (!seedError.isEmpty()) {
            err << "gpudesk-server controlplane: " << seedError << "\n";
            return 1;
        }
        if (parser.isSet(tokensFile)) {
            QSaveFile file(parser.value(tokensFile));
            if (!file.open(QIODevice::WriteOnly)) {
                err << "gpudesk-server controlplane: cannot write " << parser.value(tokensFile)
                    << ": " << file.errorString() << "\n";
                return 1;
            }
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            file.write(QJsonDocument(tokens).toJson());
            if (!file.commit()) {
                err << "gpudesk-server controlplane: cannot write " << parser.value(tokensFile)
                    << "\n";
                return 1;
            }
        }
    }
    const QString listenError = server.listen(address.host, address.port);
    if (!listenError.isEmpty()) {
        err << "gpudesk-server controlplane: cannot listen on " << parser.value(listen) << ": "
            << listenError << "\n";
        return 1;
    }
    controlPlane.setPublicUrl(parser.isSet(publicUrl) ? parser.value(publicUrl) : server.baseUrl());
    out << "control plane listening on " << server.baseUrl() << "\n";
    out.flush();
    // SIGTERM/SIGINT end the event loop, so the database connection closes cleanly (PostgreSQL
    // otherwise logs an aborted session); every acknowledged write is already committed.
    gpudesk::cluster::quitOnTerminationSignals();
    return QCoreApplication::exec();
}
