#pragma once

// Tolerant field access shared by the parsers (internal to gpudesk_models).

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace api::json {

// The value under `key`, or under its snake_case spelling, or under any case-insensitive match
// (clients in the wild send appId/AppId/appID alike).
QJsonValue field(const QJsonObject &o, QLatin1String key);
QString text(const QJsonObject &o, QLatin1String key);
// An id that may arrive as a number (access rules, roles) or a string (projects, clusters).
QString id(const QJsonObject &o, QLatin1String key = QLatin1String("id"));
QString idFromValue(const QJsonValue &v);
// A number that may arrive as a JSON number or a string ("42.5"); `fallback` when absent or null.
double number(const QJsonObject &o, QLatin1String key, double fallback = 0);
double numberFromValue(const QJsonValue &v, double fallback = 0);
bool boolean(const QJsonObject &o, QLatin1String key, bool fallback = false);
QDateTime time(const QJsonObject &o, QLatin1String key);
QStringList strings(const QJsonObject &o, QLatin1String key);
QJsonObject object(const QJsonObject &o, QLatin1String key);

// The list in a body that is either a bare array or an object wrapping it under one of `keys`.
// Sets ok = false when the body is neither.
QJsonArray list(const QJsonValue &body, std::initializer_list<QLatin1String> keys, bool *ok);

QString snakeCase(QLatin1String camel);

} // namespace api::json
