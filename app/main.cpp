// gpudesk: the desktop console. main() parses options, installs the translation and wires the shell.
#include "gpudesk_version.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace {

void installTranslations(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtTranslator);
    auto *appTranslator = new QTranslator(&app);
    if (appTranslator->load(locale, QStringLiteral("gpudesk"), QStringLiteral("_"),
                            QStringLiteral(":/i18n")))
        QApplication::installTranslator(appTranslator);
}

} // namespace

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
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        QApplication::translate("main", "Connect with the saved profile <name>."),
        QStringLiteral("name"));
    const QCommandLineOption languageOption(
        QStringLiteral("language"),
        QApplication::translate("main", "User interface language, e.g. de or en."),
        QStringLiteral("code"));
    parser.addOptions({profileOption, languageOption});
    parser.process(app);

    installTranslations(app, parser.value(languageOption));
    MainWindow window;
    window.show();
    return app.exec();
}
