#include "placeholderpage.h"
#include "pageheading.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

PlaceholderPage::PlaceholderPage(const QString &title, QWidget *parent)
    : QWidget(parent)
{
    m_heading = createPageHeading(this, title);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("placeholderText"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_text);
    layout->addStretch();
    retranslateUi();
}

void PlaceholderPage::setTitle(const QString &title)
{
    m_heading->setText(title);
}

void PlaceholderPage::retranslateUi()
{
    m_text->setText(tr("This page is not built yet."));
}

void PlaceholderPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
