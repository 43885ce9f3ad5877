#include "sandboxprogressdialog.h"

#include <QEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

SandboxProgressDialog::SandboxProgressDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("sandboxProgress"));
    m_step = new QLabel(this);
    m_step->setWordWrap(true);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 0); // busy: the sandbox does not report percentages
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(500);
    m_cancel = new QPushButton(this);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_step);
    layout->addWidget(m_bar);
    layout->addWidget(m_log, 1);
    layout->addWidget(m_cancel, 0, Qt::AlignRight);
    resize(620, 360);
    retranslateUi();
}

void SandboxProgressDialog::addLine(const QString &line)
{
    m_log->appendPlainText(line);
}

void SandboxProgressDialog::showStep(const QString &text)
{
    m_step->setText(text);
}

void SandboxProgressDialog::showFailure(const QString &message)
{
    m_failed = true;
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_step->setText(message);
    m_step->setStyleSheet(QStringLiteral("color: #b42318;"));
    retranslateUi();
}

void SandboxProgressDialog::retranslateUi()
{
    setWindowTitle(tr("Starting the local sandbox"));
    if (m_step->text().isEmpty())
        m_step->setText(tr("Starting a control plane and two simulated GPU clusters…"));
    m_cancel->setText(m_failed ? tr("Close") : tr("Cancel"));
}

void SandboxProgressDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}
