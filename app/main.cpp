// gpudesk: the desktop console. main() parses options and hands over to the AppController, which
// picks the language, shows the window, connects (the local sandbox by default) and installs pages.
#include "appcontroller.h"
#include "gpudesk_version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("gpudesk"));
    QApplication::setOrganizationName(QStringLiteral("gpudesk"));
    QApplication::setApplicationVersion(QStringLiteral(GPUDESK_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/gpudesk.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop console for GPU clusters, quotas and workloads."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption
        profileOption(QStringLiteral("profile"),
                      QApplication::translate("main",
                                              "Connect with the saved profile <name> (\"Local "
                                              "sandbox\" starts the built-in sandbox)."),
                      QStringLiteral("name"));
    const QCommandLineOption
        languageOption(QStringLiteral("language"),
                       QApplication::translate("main", "User interface language, e.g. de or en."),
                       QStringLiteral("code"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main",
                                "Save a picture of the main window to <file> once "
                                "the Overview shows live data, then quit (uses the "
                                "local sandbox unless --profile is given)."),
        QStringLiteral("file"));
    const QCommandLineOption
        timeScaleOption(QStringLiteral("sandbox-time-scale"),
                        QApplication::translate("main",
                                                "Let the local sandbox's simulated time run <n> "
                                                "times faster."),
                        QStringLiteral("n"));
    parser.addOptions({profileOption, languageOption, screenshotOption, timeScaleOption});
    parser.process(app);

    AppOptions options;
    options.profile = parser.value(profileOption);
    options.language = parser.value(languageOption);
    options.screenshotPath = parser.value(screenshotOption);
    options.timeScale = parser.value(timeScaleOption).toDouble();

    AppController controller(options);
    if (!options.screenshotPath.isEmpty()) {
        QObject::connect(&controller,
                         &AppController::screenshotSaved,
                         &app,
                         [](const QString &path, bool ok) {
                             QTextStream(ok ? stdout : stderr)
                                 << (ok ? "screenshot saved: " : "could not save screenshot: ")
                                 << path << '\n';
                             QCoreApplication::exit(ok ? 0 : 1);
                         });
        QObject::connect(&controller, &AppController::failed, &app, [](const QString &message) {
            QTextStream(stderr) << "gpudesk: " << message << '\n';
            QCoreApplication::exit(1);
        });
    }
    controller.start();
    return app.exec();
}
