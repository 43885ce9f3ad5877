#include "json.h"

#include <QJsonParseError>

namespace gpudesk::http {

Response jsonResponse(int status, const QJsonValue &value)
{
    Response response;
    response.status = status;
    if (value.isObject())
        response.body = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else if (value.isArray())
        response.body = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    return response;
}

Response jsonResponse(int status, const QJsonObject &object)
{
    Response response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

Response jsonResponse(int status, const QJsonArray &array)
{
    Response response;
    response.status = status;
    response.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    return response;
}

QJsonObject errorBody(int status, const QString &message, const QJsonValue &details)
{
    QJsonObject body {{QStringLiteral("code"), status}, {QStringLiteral("message"), message}};
    if (!details.isNull() && !details.isUndefined())
        body.insert(QStringLiteral("details"), details);
    return body;
}

Response errorResponse(int status, const QString &message, const QJsonValue &details)
{
    return jsonResponse(status, errorBody(status, message, details));
}

JsonObjectResult parseJsonObject(const Request &request)
{
    JsonObjectResult result;
    if (request.body.trimmed().isEmpty()) {
        result.error = errorResponse(
            400,
            QStringLiteral("The request needs a JSON object as its body, but the body is empty."));
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = errorResponse(400,
                                     QStringLiteral(
                                         "The body is not valid JSON: %1 at character %2.")
                                         .arg(parseError.errorString())
                                         .arg(parseError.offset));
        return result;
    }
    if (!document.isObject()) {
        result.error = errorResponse(400, QStringLiteral("The body must be a JSON object ({...})."));
        return result;
    }
    result.object = document.object();
    return result;
}

FieldReader::FieldReader(const QJsonObject &object, QString context)
    : m_object(object)
    , m_context(std::move(context))
{ }

QString FieldReader::label(const QString &key) const
{
    return m_context.isEmpty() ? key : m_context + QLatin1Char('.') + key;
}

void FieldReader::fail(const QString &message, const QJsonValue &details)
{
    if (!m_error)
        m_error = errorResponse(400, message, details);
}

QJsonValue FieldReader::take(const QString &key)
{
    m_seen.insert(key);
    return m_object.value(key);
}

QString FieldReader::requiredString(const QString &key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined() || value.isNull()) {
        fail(QStringLiteral("Field '%1' is required.").arg(label(key)));
        return QString();
    }
    if (!value.isString()) {
        fail(QStringLiteral("Field '%1' must be a string.").arg(label(key)));
        return QString();
    }
    if (value.toString().trimmed().isEmpty())
        fail(QStringLiteral("Field '%1' must not be empty.").arg(label(key)));
    return value.toString();
}

QString FieldReader::optionalString(const QString &key, const QString &fallback)
{
    const QJsonValue value = take(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isString()) {
        fail(QStringLiteral("Field '%1' must be a string.").arg(label(key)));
        return fallback;
    }
    return value.toString();
}

std::optional<double> FieldReader::optionalNumber(const QString &key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isDouble()) {
        fail(QStringLiteral("Field '%1' must be a number.").arg(label(key)));
        return std::nullopt;
    }
    return value.toDouble();
}

double FieldReader::requiredNumber(const QString &key)
{
    if (!has(key)) {
        take(key);
        fail(QStringLiteral("Field '%1' is required.").arg(label(key)));
        return 0;
    }
    return optionalNumber(key).value_or(0);
}

std::optional<qint64> FieldReader::optionalInteger(const QString &key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const double number = value.toDouble();
    if (!value.isDouble() || number != static_cast<double>(static_cast<qint64>(number))) {
        fail(QStringLiteral("Field '%1' must be a whole number.").arg(label(key)));
        return std::nullopt;
    }
    return static_cast<qint64>(number);
}

qint64 FieldReader::requiredInteger(const QString &key)
{
    if (!has(key)) {
        take(key);
        fail(QStringLiteral("Field '%1' is required.").arg(label(key)));
        return 0;
    }
    return optionalInteger(key).value_or(0);
}

std::optional<bool> FieldReader::optionalBool(const QString &key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isBool()) {
        fail(QStringLiteral("Field '%1' must be true or false.").arg(label(key)));
        return std::nullopt;
    }
    return value.toBool();
}

QJsonObject FieldReader::optionalObject(const QString &key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined() || value.isNull())
        return QJsonObject();
    if (!value.isObject())
        fail(QStringLiteral("Field '%1' must be an object.").arg(label(key)));
    return value.toObject();
}

QJsonArray FieldReader::optionalArray(const QString &key)
{
    const QJsonValue value = take(key);
    if (value.isUndefined() || value.isNull())
        return QJsonArray();
    if (!value.isArray())
        fail(QStringLiteral("Field '%1' must be a list.").arg(label(key)));
    return value.toArray();
}

QJsonArray FieldReader::requiredArray(const QString &key)
{
    if (!m_object.contains(key) || m_object.value(key).isNull()) {
        take(key);
        fail(QStringLiteral("Field '%1' is required.").arg(label(key)));
        return QJsonArray();
    }
    return optionalArray(key);
}

void FieldReader::allow(const QStringList &keys)
{
    for (const QString &key : keys)
        m_seen.insert(key);
}

std::optional<Response> FieldReader::finish()
{
    if (m_error)
        return m_error;
    QStringList unknown;
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!m_seen.contains(it.key()))
            unknown.append(label(it.key()));
    }
    if (!unknown.isEmpty()) {
        fail(QStringLiteral("Unknown field%1: %2.")
                 .arg(unknown.size() > 1 ? QStringLiteral("s") : QString(),
                      unknown.join(QStringLiteral(", "))),
             QJsonArray::fromStringList(unknown));
    }
    return m_error;
}

} // namespace gpudesk::http
