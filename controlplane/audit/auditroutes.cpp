// GET /api/v1/audit/log (snake_case, as Run:ai) and /file?file_type=CSV|JSON (every matching row).
#include "core/apihelpers.h"
#include "core/controlplane.h"
#include "core/handlers.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace gpudesk::core::handlers {

namespace {

const QStringList auditFields {QStringLiteral("timestamp"),
                               QStringLiteral("subject"),
                               QStringLiteral("subject_type"),
                               QStringLiteral("source_ip"),
                               QStringLiteral("action"),
                               QStringLiteral("http_method"),
                               QStringLiteral("result"),
                               QStringLiteral("url"),
                               QStringLiteral("entity_type"),
                               QStringLiteral("entity_name"),
                               QStringLiteral("entity_id"),
                               QStringLiteral("cluster_name"),
                               QStringLiteral("http_status_code"),
                               QStringLiteral("id")};

http::ListOptions auditOptions()
{
    http::ListOptions options;
    options.filterFields = auditFields;
    options.sortFields = auditFields;
    options.searchFields = {QStringLiteral("subject"),
                            QStringLiteral("entity_name"),
                            QStringLiteral("entity_type")};
    options.defaultLimit = 20;
    options.maxLimit = 1000;
    options.defaultSortBy = QStringLiteral("timestamp");
    options.limitParameter = QStringLiteral("numberOfSamples");
    return options;
}

// start/end (ISO-8601) bound the time range; both optional here.
std::optional<Response> timeRange(const http::Request &request, QString *start, QString *end)
{
    for (const auto &[key, out] :
         {std::pair {QStringLiteral("start"), start}, std::pair {QStringLiteral("end"), end}}) {
        const QString text = request.queryValue(key);
        if (text.isEmpty())
            continue;
        const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid())
            return errorResponse(
                400,
                QStringLiteral("Parameter '%1' must be an ISO-8601 time like 2026-01-31T12:00:00Z.")
                    .arg(key));
        *out = time.toUTC().toString(Qt::ISODateWithMs);
    }
    return std::nullopt;
}

std::function<bool(const QJsonObject &)> inRange(const QString &start, const QString &end)
{
    return [start, end](const QJsonObject &entry) {
        const QString timestamp = entry.value(QStringLiteral("timestamp")).toString();
        return (start.isEmpty() || timestamp >= start) && (end.isEmpty() || timestamp <= end);
    };
}

QString csvCell(const QJsonValue &value)
{
    QString text = value.isDouble()   ? QString::number(value.toDouble(), 'g', 15)
                   : value.isObject() ? QString::fromUtf8(
                         QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact))
                                      : value.toString();
    // Cells starting with = + - @ would run as formulas in spreadsheets: prefix them.
    if (!text.isEmpty() && QStringLiteral("=+-@").contains(text.at(0)))
        text.prepend(QLatin1Char('\''));
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
        || text.contains(QLatin1Char('\n'))) {
        text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        text = QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

} // namespace

Response auditLog(Call &call)
{
    QString start, end;
    if (auto error = timeRange(call.request, &start, &end))
        return *error;
    ListPage page;
    if (auto error = listCollection(
            call, call.store.audit, auditOptions(), inRange(start, end), &page, {}, true))
        return *error;
    QJsonArray entries;
    for (const QJsonObject &entry : page.items)
        entries.append(entry);
    QJsonObject body {{QStringLiteral("total"), page.total},
                      {QStringLiteral("audit_logs"), entries}};
    if (page.next >= 0)
        body.insert(QStringLiteral("next"), page.next);
    return jsonResponse(200, body);
}

Response auditLogFile(Call &call)
{
    const QString fileType = call.request.queryValue(QStringLiteral("file_type")).toUpper();
    if (fileType != QLatin1String("CSV") && fileType != QLatin1String("JSON"))
        return errorResponse(400, QStringLiteral("Parameter 'file_type' must be CSV or JSON."));
    QString start, end;
    if (auto error = timeRange(call.request, &start, &end))
        return *error;
    http::ListQuery query;
    http::ListOptions options = auditOptions();
    if (auto error = http::ListQuery::parse(call.request, options, &query))
        return *error;
    const auto range = inRange(start, end);
    const QList<const QJsonObject *> &ordered = call.store.audit.sorted(query.sortBy,
                                                                        query.descending);
    Response response;
    const QStringList columns {QStringLiteral("id"),
                               QStringLiteral("timestamp"),
                               QStringLiteral("subject"),
                               QStringLiteral("subject_type"),
                               QStringLiteral("source_ip"),
                               QStringLiteral("action"),
                               QStringLiteral("http_method"),
                               QStringLiteral("url"),
                               QStringLiteral("entity_type"),
                               QStringLiteral("entity_name"),
                               QStringLiteral("entity_id"),
                               QStringLiteral("result"),
                               QStringLiteral("http_status_code"),
                               QStringLiteral("cluster_name"),
                               QStringLiteral("cluster_id")};
    QJsonArray all;
    QString csv = columns.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const QJsonObject *entry : ordered) { // no row cap: the download holds every matching entry
        if (!range(*entry) || !query.matches(*entry))
            continue;
        if (fileType == QLatin1String("JSON")) {
            all.append(*entry);
        } else {
            QStringList cells;
            for (const QString &column : columns)
                cells.append(csvCell(entry->value(column)));
            csv += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
    }
    if (fileType == QLatin1String("JSON")) {
        response.body = QJsonDocument(all).toJson(QJsonDocument::Compact);
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.json\"");
    } else {
        response.contentType = "text/csv; charset=utf-8";
        response.body = csv.toUtf8();
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
    }
    return response;
}

} // namespace gpudesk::core::handlers
