#pragma once
// Small helpers shared by the route handlers: listing with paging/sort/filter over a collection,
// If-Match checks, name validation.

#include "apiroute.h"
#include "http/listquery.h"
#include "storage/collection.h"
#include "store.h"

#include <functional>

namespace gpudesk::core {

using http::errorResponse;
using http::jsonResponse;
using http::Response;

struct ListPage
{
    QList<QJsonObject> items;
    int total = 0; // every match when countAll was set, else at least items + (next page ? 1 : 0)
    int next = -1;
};

// Lists a collection with the request's offset/limit/sortBy/sortOrder/filterBy/search, keeping only
// items `visible` accepts. Uses the collection's cached order so large collections stay fast.
std::optional<Response> listCollection(
    const Call &call,
    const storage::Collection &collection,
    const http::ListOptions &options,
    const std::function<bool(const QJsonObject &)> &visible,
    ListPage *page,
    const std::function<QJsonObject(const QJsonObject &)> &present = {},
    bool countAll = false);
// {key: [...], next} (next omitted on the last page).
Response pageReply(const QString &key, const ListPage &page);
// The same bytes, for a page whose items all came from `cache` in this request: each item's cached
// JSON is copied instead of serializing the page again.
Response pageReply(const QString &key, const ListPage &page, const PresentationCache &cache);

// 409 with the current object when the request's If-Match names another resourceVersion.
std::optional<Response> checkIfMatch(const http::Request &request, const QJsonObject &current);
Response storageFailure();
// Kubernetes-style names: start with a letter, then lower-case letters, digits and '-', at most 63.
bool isValidName(const QString &name);
QString invalidNameMessage(const QString &what, const QString &name);
// "Remove the id/tenant fields that a client may echo back" for PUT bodies.
QJsonObject withoutReadOnly(QJsonObject object);
QString newUuid();
// Scope predicate for lists: may the caller `read` resourceType on the project/department/cluster of
// this object? The object's fields name its scope.
std::function<bool(const QJsonObject &)> visibleByScope(const Call &call,
                                                        const QString &resourceType,
                                                        const QString &scopeField,
                                                        rbac::ScopeType scopeType);

} // namespace gpudesk::core
