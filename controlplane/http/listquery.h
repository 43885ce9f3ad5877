#pragma once
// Run:ai list conventions: offset/limit (default 50, max 500), sortBy/sortOrder, filterBy with the eight
// operators (== != <= >= =@ !@ =^ =$; comma-joined or repeated), and free-text search.

#include "httptypes.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace gpudesk::http {

struct FilterTerm
{
    enum class Op {
        Equal,
        NotEqual,
        LessOrEqual,
        GreaterOrEqual,
        Contains,
        NotContains,
        StartsWith,
        EndsWith
    };
    QString field;
    Op op = Op::Equal;
    QString value;
    bool matches(const QJsonValue &fieldValue) const;
};

struct ListOptions
{
    QStringList sortFields;   // allowed sortBy values; empty = any field
    QStringList filterFields; // allowed filterBy fields; empty = any field
    QStringList searchFields; // fields that `search` looks into (contains, case-insensitive)
    int defaultLimit = 50;
    int maxLimit = 500;
    QString defaultSortBy;
    // Sort fields computed by the presenter (not stored): listing by them presents every visible
    // object first, then sorts. Meant for small collections (departments, projects).
    QStringList presentedSortFields;
    QString limitParameter = QStringLiteral("limit"); // the audit log calls it numberOfSamples
};

struct ListQuery
{
    int offset = 0;
    int limit = 50;
    QString sortBy;
    bool descending = false;
    QList<FilterTerm> filters;
    QString search;
    QStringList searchFields;

    // Parses the query. On bad input returns a 400 reply that names the parameter.
    static std::optional<Response> parse(const Request &request,
                                         const ListOptions &options,
                                         ListQuery *out);

    // True when the object passes every filter and the search.
    bool matches(const QJsonObject &object) const;
    // Filters, sorts and pages. `total` receives the count before paging.
    QList<QJsonObject> apply(const QList<QJsonObject> &items, int *total = nullptr) const;
    // The "next" offset for a page, or -1 when there is no further page.
    int nextOffset(int total) const { return offset + limit < total ? offset + limit : -1; }
};

// Reads a (possibly dotted, e.g. "nodePool.name") field from an object.
QJsonValue fieldValue(const QJsonObject &object, const QString &dottedField);
// Orders two JSON values: numbers numerically, booleans, otherwise as strings (ISO dates sort right).
int compareJson(const QJsonValue &a, const QJsonValue &b);

} // namespace gpudesk::http
