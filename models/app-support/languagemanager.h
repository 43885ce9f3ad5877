#pragma once

// The UI language: from --language, else the "language" setting, else the system locale. Installing a
// language replaces the app's and Qt's translators, which makes Qt send LanguageChange to every widget;
// widgets re-translate in changeEvent(). English is the source language and needs no translator.

#include <QObject>
#include <QString>

class QTranslator;

class LanguageManager : public QObject
{
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);

    // The language to start with: `override` (--language) wins, then the setting, then the system.
    static QString initialLanguage(const QString &override);
    static QStringList availableLanguages(); // {"en", "de"}

    // Returns false (and keeps the current language) when no translation for `code` exists.
    bool setLanguage(const QString &code);
    QString language() const { return m_language; }
    // Remember the choice for the next start.
    void saveLanguage() const;

signals:
    void languageChanged(const QString &code);

private:
    QTranslator *m_app = nullptr;
    QTranslator *m_qt = nullptr;
    QString m_language = QStringLiteral("en");
};
