#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

// Shown while the local sandbox starts: what the server prints, a busy bar, and Cancel. On failure it
// keeps the output visible and says what went wrong.
class SandboxProgressDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SandboxProgressDialog(QWidget *parent = nullptr);

    void addLine(const QString &line);
    void showStep(const QString &text);
    void showFailure(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_step = nullptr;
    QProgressBar *m_bar = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QPushButton *m_cancel = nullptr;
    bool m_failed = false;
};
