#include "commandpalette.h"

#include <QAction>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QPointer>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace {

constexpr int ActionRole = Qt::UserRole + 1;

// "&Open" → "Open", "Nodes && pools" → "Nodes & pools": the action text without its mnemonic marks.
QString withoutMnemonic(const QString &text)
{
    QString plain;
    plain.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('&') && i + 1 < text.size())
            ++i;
        plain.append(text.at(i));
    }
    return plain;
}

} // namespace

CommandPalette::CommandPalette(QWidget *parent)
    : QDialog(parent, Qt::Popup)
{
    setObjectName(QStringLiteral("commandPalette"));
    setupViews();
    setupConnections();
}

void CommandPalette::setupViews()
{
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("paletteFilter"));
    m_filter->setPlaceholderText(tr("Type a page or an action…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);

    m_model = new QStandardItemModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("paletteList"));
    m_list->setModel(m_proxy);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    resize(480, 360);
}

void CommandPalette::setupConnections()
{
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        selectFirst();
    });
    connect(m_filter, &QLineEdit::returnPressed, this, &CommandPalette::runCurrent);
    connect(m_list, &QListView::activated, this, &CommandPalette::runCurrent);
}

void CommandPalette::setActions(const QList<QAction *> &actions)
{
    m_model->clear();
    for (QAction *action : actions) {
        auto *item = new QStandardItem(withoutMnemonic(action->text()));
        item->setData(QVariant::fromValue(QPointer<QAction>(action)), ActionRole);
        item->setEnabled(action->isEnabled());
        if (!action->shortcut().isEmpty())
            item->setToolTip(action->shortcut().toString(QKeySequence::NativeText));
        m_model->appendRow(item);
    }
    selectFirst();
}

void CommandPalette::popup()
{
    m_filter->clear();
    selectFirst();
    if (parentWidget()) {
        const QRect area = parentWidget()->geometry();
        move(area.center().x() - width() / 2, area.top() + area.height() / 6);
    }
    show();
    raise();
    activateWindow();
    m_filter->setFocus();
}

QString CommandPalette::filterText() const
{
    return m_filter->text();
}

void CommandPalette::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

int CommandPalette::visibleCount() const
{
    return m_proxy->rowCount();
}

QString CommandPalette::visibleText(int row) const
{
    return m_proxy->index(row, 0).data().toString();
}

void CommandPalette::selectFirst()
{
    m_list->setCurrentIndex(m_proxy->index(0, 0));
}

void CommandPalette::runCurrent()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    const auto action = current.data(ActionRole).value<QPointer<QAction>>();
    if (!action || !action->isEnabled())
        return;
    hide();
    action->trigger();
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    // Arrow keys in the filter field move the selection, so the hands stay on the keyboard.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            const int row = m_list->currentIndex().row() + (key == Qt::Key_Down ? 1 : -1);
            if (row >= 0 && row < m_proxy->rowCount())
                m_list->setCurrentIndex(m_proxy->index(row, 0));
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}
