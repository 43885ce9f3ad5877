#include "organizationpage.h"
#include "pageheading.h"

#include "orgsource.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeView>
#include <QVBoxLayout>

OrganizationPage::OrganizationPage(OrgSource *source, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
{
    setObjectName(QStringLiteral("organizationPage"));
    setupViews();
    setupConnections();
    retranslateUi();
}

void OrganizationPage::setupViews()
{
    m_heading = createPageHeading(this);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("organizationStatus"));
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("orgTree"));
    m_tree->setModel(m_source->model());
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers); // read-only in this version
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_note);
    layout->addWidget(m_status);
    layout->addWidget(m_tree, 1);
}

void OrganizationPage::setupConnections()
{
    connect(m_source, &OrgSource::loaded, this, [this] {
        if (!m_expanded && m_source->model()->rowCount() > 0) {
            m_tree->expandAll(); // the first time only: later the user's choice stays
            m_expanded = true;
        }
        showStatus();
    });
    connect(m_source, &OrgSource::failed, this, &OrganizationPage::showStatus);
}

void OrganizationPage::retranslateUi()
{
    m_heading->setText(tr("Organization"));
    m_note->setText(tr("Departments and projects with GPU quota, allocated GPUs and fair share per "
                       "node pool. Read-only: quota editing comes with the quota editor."));
    showStatus();
}

void OrganizationPage::showStatus()
{
    const QString error = m_source->lastError();
    if (!error.isEmpty()) {
        m_status->setText(tr("Could not load the organization: %1").arg(error));
        m_status->setStyleSheet(QStringLiteral("color: #b42318;"));
        return;
    }
    m_status->setStyleSheet(QString());
    const QDateTime when = m_source->lastLoaded();
    m_status->setText(when.isValid()
                          ? tr("Loaded %1").arg(when.time().toString(QStringLiteral("HH:mm:ss")))
                          : tr("Loading the organization from the control plane…"));
}

void OrganizationPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
