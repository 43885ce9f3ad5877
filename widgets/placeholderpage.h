#pragma once

#include <QWidget>

// A page that is not built yet says so plainly: no fake content.
class PlaceholderPage : public QWidget
{
    Q_OBJECT
public:
    explicit PlaceholderPage(const QString &title, QWidget *parent = nullptr);
};
