#pragma once

#include <QWidget>

class LanguageManager;
class QComboBox;
class QLabel;

// Settings: the user interface language (saved for the next start; switching re-translates at once).
// Other settings are not built yet and the page says so.
class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsPage(LanguageManager *languages, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void syncChoice();

    LanguageManager *m_languages;
    QLabel *m_heading = nullptr;
    QLabel *m_languageLabel = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_note = nullptr;
};
