#include "pageheading.h"

QLabel *createPageHeading(QWidget *parent, const QString &text)
{
    auto *heading = new QLabel(text, parent);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading->setFont(font);
    return heading;
}
