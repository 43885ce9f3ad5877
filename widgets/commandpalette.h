#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItemModel;

// Ctrl+K: a small popup listing every page and action of the main window. Typing filters the list
// (case-insensitive, anywhere in the text); Enter or a double click runs the selected entry.
class CommandPalette : public QDialog
{
    Q_OBJECT
public:
    explicit CommandPalette(QWidget *parent = nullptr);

    // The entries offered; disabled actions are listed but cannot run.
    void setActions(const QList<QAction *> &actions);
    // Clears the filter, selects the first entry and shows the palette.
    void popup();

    QString filterText() const;
    void setFilterText(const QString &text);
    int visibleCount() const;
    QString visibleText(int row) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setupViews();
    void setupConnections();
    void selectFirst();
    void runCurrent();

    QLineEdit *m_filter = nullptr;
    QListView *m_list = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
};
