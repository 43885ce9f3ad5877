#include "apiparsers.h"

#include "apiconverters.h"

#include "jsonfields.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace api::json;

namespace api {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("api", text);
}

// Parses the body, or explains in words why it cannot.
std::optional<QJsonValue> document(const QByteArray &body, ApiError *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = ApiError::make(ApiError::Kind::Parse,
                                tr("The server sent an answer that is not valid JSON."),
                                parseError.errorString() + QStringLiteral(" at offset ")
                                    + QString::number(parseError.offset));
        return std::nullopt;
    }
    if (doc.isArray())
        return QJsonValue(doc.array());
    return QJsonValue(doc.object());
}

template<typename T, typename Convert>
Result<QList<T>> parseList(const QByteArray &body,
                           std::initializer_list<QLatin1String> keys,
                           Convert convert,
                           int *next = nullptr,
                           int *total = nullptr)
{
    ApiError error;
    const auto doc = document(body, &error);
    if (!doc)
        return Result<QList<T>>::failure(error);
    bool ok = false;
    const QJsonArray array = list(*doc, keys, &ok);
    if (!ok) {
        return Result<QList<T>>::failure(
            ApiError::make(ApiError::Kind::Parse,
                           tr("The server's answer did not contain the expected list."),
                           QStringLiteral(
                               "expected a JSON array or an object with the list under \"")
                               + QString(*keys.begin()) + QStringLiteral("\"")));
    }
    QList<T> items;
    items.reserve(array.size());
    for (const QJsonValue &v : array) {
        if (v.isObject())
            items.append(convert(v.toObject()));
    }
    if (doc->isObject()) {
        const QJsonObject o = doc->toObject();
        if (next) {
            const QJsonValue n = field(o, QLatin1String("next"));
            *next = (n.isNull() || n.isUndefined()) ? -1 : int(numberFromValue(n, -1));
        }
        if (total) {
            double t = number(o, QLatin1String("total"), -1);
            if (t < 0)
                t = number(o, QLatin1String("totalRecords"), -1);
            *total = int(t);
        }
    }
    return Result<QList<T>>::success(std::move(items));
}

template<typename T, typename Convert>
Result<Page<T>> parsePage(const QByteArray &body,
                          std::initializer_list<QLatin1String> keys,
                          Convert convert)
{
    Page<T> page;
    auto r = parseList<T>(body, keys, convert, &page.next, &page.total);
    if (!r.ok())
        return Result<Page<T>>::failure(r.error);
    page.items = std::move(r.value);
    return Result<Page<T>>::success(std::move(page));
}

} // namespace

Result<TokenSet> parseToken(const QByteArray &body)
{
    ApiError error;
    const auto doc = document(body, &error);
    if (!doc)
        return Result<TokenSet>::failure(error);
    TokenSet t = tokenFromJson(doc->toObject());
    if (t.accessToken.isEmpty()) {
        return Result<TokenSet>::failure(
            ApiError::make(ApiError::Kind::Parse,
                           tr("The control plane accepted the login but sent no access token."),
                           QString::fromUtf8(body.left(200))));
    }
    return Result<TokenSet>::success(t);
}

Result<QList<Cluster>> parseClusters(const QByteArray &body)
{
    return parseList<Cluster>(body, {QLatin1String("clusters")}, clusterFromJson);
}

Result<Page<OrgUnit>> parseDepartments(const QByteArray &body)
{
    return parsePage<OrgUnit>(body, {QLatin1String("departments")}, [](const QJsonObject &o) {
        return orgUnitFromJson(o, OrgUnit::Kind::Department);
    });
}

Result<Page<OrgUnit>> parseProjects(const QByteArray &body)
{
    return parsePage<OrgUnit>(body, {QLatin1String("projects")}, [](const QJsonObject &o) {
        return orgUnitFromJson(o, OrgUnit::Kind::Project);
    });
}

Result<QList<NodePool>> parseNodePools(const QByteArray &body)
{
    return parseList<NodePool>(body,
                               {QLatin1String("nodepools"), QLatin1String("nodePools")},
                               nodePoolFromJson);
}

Result<QList<Node>> parseNodes(const QByteArray &body)
{
    return parseList<Node>(body, {QLatin1String("nodes")}, nodeFromJson);
}

Result<Page<Workload>> parseWorkloads(const QByteArray &body)
{
    return parsePage<Workload>(body, {QLatin1String("workloads")}, workloadFromJson);
}

Result<Workload> parseWorkload(const QByteArray &body)
{
    ApiError error;
    const auto doc = document(body, &error);
    if (!doc)
        return Result<Workload>::failure(error);
    Workload w = workloadFromJson(doc->toObject());
    if (w.id.isEmpty()) {
        return Result<Workload>::failure(
            ApiError::make(ApiError::Kind::Parse,
                           tr("The server's answer did not describe a workload.")));
    }
    return Result<Workload>::success(w);
}

Result<Page<Pod>> parsePods(const QByteArray &body)
{
    return parsePage<Pod>(body, {QLatin1String("pods")}, podFromJson);
}

Result<Page<WorkloadEvent>> parseEvents(const QByteArray &body, const QString &workloadId)
{
    return parsePage<WorkloadEvent>(body,
                                    {QLatin1String("events")},
                                    [&workloadId](const QJsonObject &o) {
                                        return eventFromJson(o, workloadId);
                                    });
}

Result<QList<User>> parseUsers(const QByteArray &body)
{
    return parseList<User>(body, {QLatin1String("users")}, userFromJson);
}

Result<QList<ServiceAccount>> parseServiceAccounts(const QByteArray &body)
{
    return parseList<ServiceAccount>(body,
                                     {QLatin1String("serviceAccounts"), QLatin1String("items")},
                                     serviceAccountFromJson);
}

Result<QList<Role>> parseRoles(const QByteArray &body)
{
    return parseList<Role>(body, {QLatin1String("roles")}, roleFromJson);
}

Result<Page<AccessRule>> parseAccessRules(const QByteArray &body)
{
    return parsePage<AccessRule>(body, {QLatin1String("accessRules")}, accessRuleFromJson);
}

Result<Page<AuditEntry>> parseAuditLog(const QByteArray &body)
{
    return parsePage<AuditEntry>(body, {QLatin1String("auditLogs")}, auditFromJson);
}

Result<QList<MetricSeries>> parseMetrics(const QByteArray &body)
{
    return parseList<MetricSeries>(body, {QLatin1String("measurements")}, metricFromJson);
}

Result<SubmitReply> parseSubmitReply(const QByteArray &body)
{
    ApiError error;
    const auto doc = document(body, &error);
    if (!doc)
        return Result<SubmitReply>::failure(error);
    const QJsonObject o = doc->toObject();
    SubmitReply r;
    r.workloadId = id(o, QLatin1String("workloadId"));
    if (r.workloadId.isEmpty())
        r.workloadId = id(o);
    r.name = text(o, QLatin1String("name"));
    r.actualPhase = text(o, QLatin1String("actualPhase"));
    return Result<SubmitReply>::success(r);
}

QString errorBodyMessage(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QString message = text(o, QLatin1String("message"));
    if (message.isEmpty())
        message = text(o, QLatin1String("errorDescription")); // OAuth2: error_description
    if (message.isEmpty())
        message = text(o, QLatin1String("error"));
    return message;
}

} // namespace api
