#pragma once
// JSON replies, Run:ai error bodies and strict parsing of JSON request bodies with clear messages.

#include "httptypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <optional>

namespace gpudesk::http {

Response jsonResponse(int status, const QJsonValue &value);
Response jsonResponse(int status, const QJsonObject &object);
Response jsonResponse(int status, const QJsonArray &array);
// The Run:ai error body {code, message, details}. `details` is omitted when null/undefined.
Response errorResponse(int status, const QString &message, const QJsonValue &details = QJsonValue());
QJsonObject errorBody(int status, const QString &message, const QJsonValue &details = QJsonValue());

// Parses the body as a JSON object. On failure returns a 400 error response naming the problem
// (empty body, not JSON with the offset, not an object).
struct JsonObjectResult
{
    QJsonObject object;
    std::optional<Response> error;
    bool ok() const { return !error.has_value(); }
};
JsonObjectResult parseJsonObject(const Request &request);

// Reads fields of a JSON object with type checks; the first problem becomes a 400 reply such as
// "Field 'name' must be a string". finish() also rejects fields that are not in `known`.
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &object, QString context = QString());

    QString requiredString(const QString &key);
    QString optionalString(const QString &key, const QString &fallback = QString());
    std::optional<double> optionalNumber(const QString &key);
    double requiredNumber(const QString &key);
    std::optional<qint64> optionalInteger(const QString &key);
    qint64 requiredInteger(const QString &key);
    std::optional<bool> optionalBool(const QString &key);
    QJsonObject optionalObject(const QString &key);
    QJsonArray optionalArray(const QString &key);
    QJsonArray requiredArray(const QString &key);
    bool has(const QString &key) const
    {
        return m_object.contains(key) && !m_object.value(key).isNull();
    }
    // Marks keys as known without reading them.
    void allow(const QStringList &keys);
    void fail(const QString &message, const QJsonValue &details = QJsonValue());
    // Rejects unknown fields (not read and not allowed). Returns the first error, if any.
    std::optional<Response> finish();
    bool ok() const { return !m_error.has_value(); }
    std::optional<Response> error() const { return m_error; }

private:
    QJsonValue take(const QString &key);
    QString label(const QString &key) const;
    QJsonObject m_object;
    QString m_context;
    QSet<QString> m_seen;
    std::optional<Response> m_error;
};

} // namespace gpudesk::http
