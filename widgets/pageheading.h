#pragma once

#include <QLabel>

// The large bold title every page starts with; one place so all pages look alike.
QLabel *createPageHeading(QWidget *parent, const QString &text = QString());
