#include "languagemanager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace {

QString settingsKey()
{
    return QStringLiteral("ui/language");
}

} // namespace

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
{ }

QString LanguageManager::initialLanguage(const QString &override)
{
    if (!override.isEmpty())
        return QLocale(override).name().section(QLatin1Char('_'), 0, 0);
    const QString saved = QSettings().value(settingsKey()).toString();
    if (!saved.isEmpty())
        return saved;
    return QLocale::system().name().section(QLatin1Char('_'), 0, 0);
}

QStringList LanguageManager::availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("de")};
}

bool LanguageManager::setLanguage(const QString &code)
{
    const QString language = code.section(QLatin1Char('_'), 0, 0).toLower();
    if (language == m_language && (m_app || language == QLatin1String("en")))
        return true;
    auto app = std::make_unique<QTranslator>(this);
    auto qt = std::make_unique<QTranslator>(this);
    if (language != QLatin1String("en")) {
        if (!app->load(QStringLiteral("gpudesk_") + language, QStringLiteral(":/i18n")))
            return false;
        if (!qt->load(QStringLiteral("qtbase_") + language,
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            qt.reset(); // Qt's own strings stay English; ours are translated
    }
    if (m_app) {
        QCoreApplication::removeTranslator(m_app);
        delete m_app;
        m_app = nullptr;
    }
    if (m_qt) {
        QCoreApplication::removeTranslator(m_qt);
        delete m_qt;
        m_qt = nullptr;
    }
    if (language != QLatin1String("en")) {
        m_app = app.release();
        QCoreApplication::installTranslator(m_app);
        if (qt) {
            m_qt = qt.release();
            QCoreApplication::installTranslator(m_qt);
        }
    }
    m_language = language;
    QLocale::setDefault(QLocale(language));
    emit languageChanged(language);
    return true;
}

void LanguageManager::saveLanguage() const
{
    QSettings().setValue(settingsKey(), m_language);
}
