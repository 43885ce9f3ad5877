#pragma once

#include <QWidget>

class OrgSource;
class QLabel;
class QTreeView;

// Organization (read-only here): the department → project tree with GPU quota, allocated GPUs and
// fair share per node pool, read from the models' OrgTreeModel through an OrgSource.
class OrganizationPage : public QWidget
{
    Q_OBJECT
public:
    explicit OrganizationPage(OrgSource *source, QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void setupViews();
    void setupConnections();
    void retranslateUi();
    void showStatus();

    OrgSource *m_source;
    QLabel *m_heading = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_status = nullptr;
    QTreeView *m_tree = nullptr;
    bool m_expanded = false;
};
