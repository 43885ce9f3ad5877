#include "listquery.h"

#include "json.h"

#include <QJsonArray>

#include <algorithm>

namespace gpudesk::http {

namespace {

QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == static_cast<double>(static_cast<qint64>(number)))
            return QString::number(static_cast<qint64>(number));
        return QString::number(number);
    }
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &item : value.toArray())
            parts.append(valueText(item));
        return parts.join(QLatin1Char(','));
    }
    case QJsonValue::Object: {
        // {id, name} references filter by name.
        const QJsonObject object = value.toObject();
        if (object.contains(QStringLiteral("name")))
            return object.value(QStringLiteral("name")).toString();
        return QString();
    }
    default:
        return QString();
    }
}

struct OperatorSpelling
{
    const char *text;
    FilterTerm::Op op;
};
// Two-character operators; checked at each position so "a=@b" is not read as "a" "=" ...
const OperatorSpelling operators[] = {
    {"==", FilterTerm::Op::Equal},
    {"!=", FilterTerm::Op::NotEqual},
    {"<=", FilterTerm::Op::LessOrEqual},
    {">=", FilterTerm::Op::GreaterOrEqual},
    {"=@", FilterTerm::Op::Contains},
    {"!@", FilterTerm::Op::NotContains},
    {"=^", FilterTerm::Op::StartsWith},
    {"=$", FilterTerm::Op::EndsWith},
};

bool parseTerm(const QString &text, FilterTerm *term)
{
    for (int i = 1; i + 1 < text.size() + 1; ++i) {
        for (const OperatorSpelling &spelling : operators) {
            if (text.mid(i, 2) == QLatin1String(spelling.text)) {
                term->field = text.left(i).trimmed();
                term->op = spelling.op;
                term->value = text.mid(i + 2);
                return !term->field.isEmpty();
            }
        }
    }
    return false;
}

bool parseInteger(const QString &text, int *out)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (ok)
        *out = value;
    return ok;
}

} // namespace

QJsonValue fieldValue(const QJsonObject &object, const QString &dottedField)
{
    if (!dottedField.contains(QLatin1Char('.')))
        return object.value(dottedField);
    QJsonValue current = object;
    for (const QString &part : dottedField.split(QLatin1Char('.'))) {
        if (!current.isObject())
            return QJsonValue(QJsonValue::Undefined);
        current = current.toObject().value(part);
    }
    return current;
}

int compareJson(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() < b.toDouble() ? -1 : a.toDouble() > b.toDouble() ? 1 : 0;
    const bool aMissing = a.isNull() || a.isUndefined();
    const bool bMissing = b.isNull() || b.isUndefined();
    if (aMissing || bMissing)
        return aMissing == bMissing ? 0 : (aMissing ? -1 : 1);
    return valueText(a).compare(valueText(b), Qt::CaseInsensitive);
}

bool FilterTerm::matches(const QJsonValue &fieldValue) const
{
    const QString text = valueText(fieldValue);
    switch (op) {
    case Op::Equal:
        return text.compare(value, Qt::CaseInsensitive) == 0;
    case Op::NotEqual:
        return text.compare(value, Qt::CaseInsensitive) != 0;
    case Op::Contains:
        return text.contains(value, Qt::CaseInsensitive);
    case Op::NotContains:
        return !text.contains(value, Qt::CaseInsensitive);
    case Op::StartsWith:
        return text.startsWith(value, Qt::CaseInsensitive);
    case Op::EndsWith:
        return text.endsWith(value, Qt::CaseInsensitive);
    case Op::LessOrEqual:
    case Op::GreaterOrEqual: {
        int order;
        bool numberOk = false;
        const double number = value.toDouble(&numberOk);
        if (fieldValue.isDouble() && numberOk)
            order = fieldValue.toDouble() < number ? -1 : fieldValue.toDouble() > number ? 1 : 0;
        else if (fieldValue.isNull() || fieldValue.isUndefined())
            return false;
        else
            order = text.compare(value, Qt::CaseInsensitive);
        return op == Op::LessOrEqual ? order <= 0 : order >= 0;
    }
    }
    return false;
}

std::optional<Response> ListQuery::parse(const Request &request,
                                         const ListOptions &options,
                                         ListQuery *out)
{
    ListQuery query;
    query.limit = options.defaultLimit;
    query.sortBy = options.defaultSortBy;
    query.searchFields = options.searchFields;
    if (request.hasQuery(QStringLiteral("offset"))) {
        if (!parseInteger(request.queryValue(QStringLiteral("offset")), &query.offset)
            || query.offset < 0)
            return errorResponse(400,
                                 QStringLiteral(
                                     "Parameter 'offset' must be a whole number of 0 or more."));
    }
    if (request.hasQuery(options.limitParameter)) {
        if (!parseInteger(request.queryValue(options.limitParameter), &query.limit)
            || query.limit < 1 || query.limit > options.maxLimit)
            return errorResponse(400,
                                 QStringLiteral(
                                     "Parameter '%1' must be a whole number from 1 to %2.")
                                     .arg(options.limitParameter)
                                     .arg(options.maxLimit));
    }
    if (request.hasQuery(QStringLiteral("sortBy"))) {
        query.sortBy = request.queryValue(QStringLiteral("sortBy"));
        if (!options.sortFields.isEmpty() && !options.sortFields.contains(query.sortBy))
            return errorResponse(400,
                                 QStringLiteral("Cannot sort by '%1'. Possible values: %2.")
                                     .arg(query.sortBy,
                                          options.sortFields.join(QStringLiteral(", "))));
    }
    if (request.hasQuery(QStringLiteral("sortOrder"))) {
        const QString order = request.queryValue(QStringLiteral("sortOrder"));
        if (order != QLatin1String("asc") && order != QLatin1String("desc"))
            return errorResponse(400,
                                 QStringLiteral("Parameter 'sortOrder' must be 'asc' or 'desc'."));
        query.descending = order == QLatin1String("desc");
    }
    const QStringList filterValues = request.query.allQueryItemValues(QStringLiteral("filterBy"),
                                                                      QUrl::FullyDecoded);
    for (const QString &joined : filterValues) {
        for (const QString &item : joined.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            FilterTerm term;
            if (!parseTerm(item, &term))
                return errorResponse(
                    400,
                    QStringLiteral(
                        "Cannot read the filter '%1'. Write <field><operator><value> with "
                        "one of the operators == != <= >= =@ !@ =^ =$.")
                        .arg(item));
            if (!options.filterFields.isEmpty() && !options.filterFields.contains(term.field))
                return errorResponse(400,
                                     QStringLiteral("Cannot filter by '%1'. Possible fields: %2.")
                                         .arg(term.field,
                                              options.filterFields.join(QStringLiteral(", "))));
            query.filters.append(term);
        }
    }
    query.search = request.queryValue(QStringLiteral("search"));
    *out = query;
    return std::nullopt;
}

bool ListQuery::matches(const QJsonObject &object) const
{
    for (const FilterTerm &term : filters) {
        if (!term.matches(fieldValue(object, term.field)))
            return false;
    }
    if (search.isEmpty())
        return true;
    const QStringList fields = searchFields.isEmpty() ? QStringList {QStringLiteral("name")}
                                                      : searchFields;
    for (const QString &field : fields) {
        if (valueText(fieldValue(object, field)).contains(search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QList<QJsonObject> ListQuery::apply(const QList<QJsonObject> &items, int *total) const
{
    QList<const QJsonObject *> kept;
    kept.reserve(items.size());
    for (const QJsonObject &item : items) {
        if (matches(item))
            kept.append(&item);
    }
    if (total)
        *total = int(kept.size());
    if (!sortBy.isEmpty()) {
        const QString field = sortBy;
        const bool desc = descending;
        std::stable_sort(kept.begin(), kept.end(), [&](const QJsonObject *a, const QJsonObject *b) {
            const int order = compareJson(fieldValue(*a, field), fieldValue(*b, field));
            return desc ? order > 0 : order < 0;
        });
    }
    QList<QJsonObject> page;
    for (qsizetype i = offset; i < kept.size() && page.size() < limit; ++i)
        page.append(*kept.at(i));
    return page;
}

} // namespace gpudesk::http
