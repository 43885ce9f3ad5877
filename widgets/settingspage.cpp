#include "settingspage.h"
#include "pageheading.h"

#include "languagemanager.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

SettingsPage::SettingsPage(LanguageManager *languages, QWidget *parent)
    : QWidget(parent)
    , m_languages(languages)
{
    setObjectName(QStringLiteral("settingsPage"));
    m_heading = createPageHeading(this);
    m_languageLabel = new QLabel(this);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageChoice"));
    // Each language is named in itself, so that it can be found whatever the current language is.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(m_languageLabel, m_language);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addStretch();
    syncChoice();
    connect(m_language, &QComboBox::activated, this, [this] {
        if (m_languages->setLanguage(m_language->currentData().toString()))
            m_languages->saveLanguage();
    });
    connect(m_languages, &LanguageManager::languageChanged, this, &SettingsPage::syncChoice);
    retranslateUi();
}

void SettingsPage::syncChoice()
{
    const int index = m_language->findData(m_languages->language());
    if (index >= 0)
        m_language->setCurrentIndex(index);
}

void SettingsPage::retranslateUi()
{
    m_heading->setText(tr("Settings"));
    m_languageLabel->setText(tr("Language:"));
    m_note->setText(tr("The language is kept for the next start; --language overrides it. Further "
                       "settings (tenant settings, security) are not built yet."));
}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
