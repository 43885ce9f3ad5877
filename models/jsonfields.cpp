#include "jsonfields.h"

namespace api::json {

QString snakeCase(QLatin1String camel)
{
    QString out;
    out.reserve(camel.size() + 4);
    for (const char c : camel) {
        if (c >= 'A' && c <= 'Z') {
            out += QLatin1Char('_');
            out += QLatin1Char(char(c - 'A' + 'a'));
        } else {
            out += QLatin1Char(c);
        }
    }
    return out;
}

QJsonValue field(const QJsonObject &o, QLatin1String key)
{
    auto it = o.constFind(key);
    if (it != o.constEnd())
        return *it;
    it = o.constFind(snakeCase(key));
    if (it != o.constEnd())
        return *it;
    for (it = o.constBegin(); it != o.constEnd(); ++it) {
        if (it.key().compare(key, Qt::CaseInsensitive) == 0)
            return *it;
    }
    return QJsonValue(QJsonValue::Undefined);
}

QString text(const QJsonObject &o, QLatin1String key)
{
    const QJsonValue v = field(o, key);
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

QString idFromValue(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return {};
}

QString id(const QJsonObject &o, QLatin1String key)
{
    return idFromValue(field(o, key));
}

double numberFromValue(const QJsonValue &v, double fallback)
{
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        bool ok = false;
        const double d = v.toString().trimmed().toDouble(&ok);
        return ok ? d : fallback;
    }
    if (v.isBool())
        return v.toBool() ? 1 : 0;
    return fallback;
}

double number(const QJsonObject &o, QLatin1String key, double fallback)
{
    return numberFromValue(field(o, key), fallback);
}

bool boolean(const QJsonObject &o, QLatin1String key, bool fallback)
{
    const QJsonValue v = field(o, key);
    if (v.isBool())
        return v.toBool();
    if (v.isString())
        return v.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    if (v.isDouble())
        return v.toDouble() != 0;
    return fallback;
}

QDateTime time(const QJsonObject &o, QLatin1String key)
{
    const QJsonValue v = field(o, key);
    if (v.isString())
        return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (v.isDouble()) // epoch seconds or milliseconds
        return v.toDouble() > 1e11 ? QDateTime::fromMSecsSinceEpoch(qint64(v.toDouble()), Qt::UTC)
                                   : QDateTime::fromSecsSinceEpoch(qint64(v.toDouble()), Qt::UTC);
    return {};
}

QStringList strings(const QJsonObject &o, QLatin1String key)
{
    QStringList out;
    const QJsonValue v = field(o, key);
    if (v.isString()) {
        out << v.toString();
        return out;
    }
    const QJsonArray array = v.toArray();
    for (const QJsonValue &item : array) {
        if (item.isString())
            out << item.toString();
        else if (item.isObject()) // [{id, name}] lists: keep the name
            out << text(item.toObject(), QLatin1String("name"));
    }
    return out;
}

QJsonObject object(const QJsonObject &o, QLatin1String key)
{
    return field(o, key).toObject();
}

QJsonArray list(const QJsonValue &body, std::initializer_list<QLatin1String> keys, bool *ok)
{
    *ok = true;
    if (body.isArray())
        return body.toArray();
    if (body.isObject()) {
        const QJsonObject o = body.toObject();
        for (QLatin1String key : keys) {
            const QJsonValue v = field(o, key);
            if (v.isArray())
                return v.toArray();
            if (v.isObject()) { // {accessRules: {totalRecords, accessRules: […]}}
                bool inner = false;
                const QJsonArray nested = list(v, keys, &inner);
                if (inner)
                    return nested;
            }
        }
    }
    *ok = false;
    return {};
}

} // namespace api::json
