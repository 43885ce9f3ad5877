#pragma once

#include <QCoreApplication>

// The translation context for app-support texts (sandbox, overview): one Tr per module.
struct AppSupportTr
{
    Q_DECLARE_TR_FUNCTIONS(AppSupport)
};
