#pragma once

#include <QWidget>

class QLabel;

// A page that is not built yet says so plainly: no fake content.
class PlaceholderPage : public QWidget
{
    Q_OBJECT
public:
    explicit PlaceholderPage(const QString &title, QWidget *parent = nullptr);

    void setTitle(const QString &title);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_heading = nullptr;
    QLabel *m_text = nullptr;
};
