#include "apihelpers.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <QRegularExpression>
#include <QUuid>

namespace gpudesk::core {

std::optional<Response> listCollection(const Call &call,
                                       const storage::Collection &collection,
                                       const http::ListOptions &options,
                                       const std::function<bool(const QJsonObject &)> &visible,
                                       ListPage *page,
                                       const std::function<QJsonObject(const QJsonObject &)> &present,
                                       bool countAll)
{
    http::ListQuery query;
    if (auto error = http::ListQuery::parse(call.request, options, &query))
        return error;
    const QString sortField = query.sortBy.isEmpty() ? QStringLiteral("id") : query.sortBy;
    if (present && options.presentedSortFields.contains(sortField)) {
        QList<QJsonObject> shownList;
        for (const QJsonObject *object : collection.sorted(QStringLiteral("id"), false)) {
            if (visible && !visible(*object))
                continue;
            QJsonObject shown = present(*object);
            if (query.matches(shown))
                shownList.append(std::move(shown));
        }
        const bool descending = query.descending;
        std::stable_sort(shownList.begin(),
                         shownList.end(),
                         [&sortField, descending](const QJsonObject &a, const QJsonObject &b) {
                             const int order = http::compareJson(http::fieldValue(a, sortField),
                                                                 http::fieldValue(b, sortField));
                             return descending ? order > 0 : order < 0;
                         });
        for (qsizetype i = query.offset; i < shownList.size() && page->items.size() < query.limit;
             ++i)
            page->items.append(shownList.at(i));
        page->total = int(shownList.size());
        page->next = query.nextOffset(page->total);
        return std::nullopt;
    }
    const QList<const QJsonObject *> &ordered = collection.sorted(sortField, query.descending);
    int matched = 0;
    for (const QJsonObject *object : ordered) {
        if (visible && !visible(*object))
            continue;
        const QJsonObject shown = present ? present(*object) : *object;
        if (!query.matches(shown))
            continue;
        if (matched >= query.offset && page->items.size() < query.limit)
            page->items.append(shown);
        ++matched;
        if (!countAll && matched > query.offset + query.limit)
            break;
    }
    page->total = matched;
    page->next = query.nextOffset(matched);
    return std::nullopt;
}

Response pageReply(const QString &key, const ListPage &page)
{
    QJsonArray items;
    for (const QJsonObject &item : page.items)
        items.append(item);
    QJsonObject body {{key, items}};
    if (page.next >= 0)
        body.insert(QStringLiteral("next"), page.next);
    return jsonResponse(200, body);
}

Response pageReply(const QString &key, const ListPage &page, const PresentationCache &cache)
{
    QByteArray items = "[";
    for (qsizetype i = 0; i < page.items.size(); ++i) {
        if (i > 0)
            items += ',';
        const QJsonObject &item = page.items.at(i);
        const QByteArray *json = cache.json(item.value(QStringLiteral("id")).toString());
        items += json ? *json : QJsonDocument(item).toJson(QJsonDocument::Compact);
    }
    items += ']';
    // QJsonDocument writes keys in sorted order; keep its bytes exactly.
    const QByteArray list = '"' + key.toUtf8() + "\":" + items;
    QByteArray body = "{";
    if (page.next < 0) {
        body += list;
    } else {
        const QByteArray next = "\"next\":" + QByteArray::number(page.next);
        body += key < QLatin1String("next") ? list + ',' + next : next + ',' + list;
    }
    body += '}';
    Response response;
    response.status = 200;
    response.body = std::move(body);
    return response;
}

std::optional<Response> checkIfMatch(const http::Request &request, const QJsonObject &current)
{
    QByteArray expected = request.header("if-match").trimmed();
    if (expected.isEmpty() || expected == "*")
        return std::nullopt;
    if (expected.startsWith("W/"))
        expected = expected.mid(2);
    if (expected.startsWith('"') && expected.endsWith('"') && expected.size() >= 2)
        expected = expected.mid(1, expected.size() - 2);
    const QString actual = current.value(QStringLiteral("resourceVersion")).toString();
    if (QString::fromUtf8(expected) == actual)
        return std::nullopt;
    return errorResponse(
        409,
        QStringLiteral("Someone else changed this %1 since you loaded it (your version %2, current "
                       "version %3). Reload it and apply your change again.")
            .arg(current.contains(QStringLiteral("parentId")) ? QStringLiteral("project")
                                                              : QStringLiteral("object"),
                 QString::fromUtf8(expected),
                 actual),
        QJsonObject {{QStringLiteral("current"), current}});
}

Response storageFailure()
{
    return errorResponse(503,
                         QStringLiteral(
                             "The change could not be saved to the database. Try again."));
}

bool isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9-]{0,62}$"));
    return pattern.match(name).hasMatch() && !name.endsWith(QLatin1Char('-'));
}

QString invalidNameMessage(const QString &what, const QString &name)
{
    return QStringLiteral("'%1' is not a valid %2 name. Use lower-case letters, digits and '-', "
                          "start with a letter, "
                          "end with a letter or digit, at most 63 characters.")
        .arg(name, what);
}

QJsonObject withoutReadOnly(QJsonObject object)
{
    for (const char *key : {"id",
                            "tenantId",
                            "createdAt",
                            "createdBy",
                            "updatedAt",
                            "updatedBy",
                            "resourceVersion",
                            "status",
                            "children",
                            "totalResources",
                            "projectsAggregatedResources",
                            "overtimeData",
                            "effective",
                            "parent"})
        object.remove(QLatin1String(key));
    return object;
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

std::function<bool(const QJsonObject &)> visibleByScope(const Call &call,
                                                        const QString &resourceType,
                                                        const QString &scopeField,
                                                        rbac::ScopeType scopeType)
{
    Store &store = call.store;
    const rbac::Authorizer &authorizer = store.authorizer();
    // A grant at tenant level covers everything: skip the per-item walk.
    if (authorizer.allowed(call.subject, resourceType, QStringLiteral("read"), store.tenantScope()))
        return {};
    const rbac::Subject subject = call.subject;
    return [&authorizer, subject, resourceType, scopeField, scopeType](const QJsonObject &object) {
        return authorizer.allowed(subject,
                                  resourceType,
                                  QStringLiteral("read"),
                                  rbac::Scope {scopeType, object.value(scopeField).toString()});
    };
}

} // namespace gpudesk::core
