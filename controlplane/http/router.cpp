#include "router.h"

#include "json.h"

namespace gpudesk::http {

namespace {
QStringList splitPath(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}
bool isParam(const QString &segment)
{
    return segment.startsWith(QLatin1Char('{')) && segment.endsWith(QLatin1Char('}'));
}
} // namespace

void Router::add(const QByteArray &method, const QString &pattern, Handler handler)
{
    m_routes.append(Route {method, pattern, splitPath(pattern), std::move(handler)});
}

const Router::Route *Router::find(const QByteArray &method,
                                  const QString &path,
                                  QHash<QString, QString> *params,
                                  bool *pathKnown) const
{
    const QStringList segments = splitPath(path);
    const Route *best = nullptr;
    int bestLiterals = -1;
    *pathKnown = false;
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        int literals = 0;
        bool match = true;
        for (int i = 0; i < segments.size(); ++i) {
            if (isParam(route.segments.at(i)))
                continue;
            if (route.segments.at(i) != segments.at(i)) {
                match = false;
                break;
            }
            ++literals;
        }
        if (!match)
            continue;
        *pathKnown = true;
        if (route.method == method && literals > bestLiterals) {
            best = &route;
            bestLiterals = literals;
        }
    }
    if (best && params) {
        for (int i = 0; i < segments.size(); ++i) {
            const QString &segment = best->segments.at(i);
            if (isParam(segment))
                params->insert(segment.mid(1, segment.size() - 2), segments.at(i));
        }
    }
    return best;
}

Response Router::dispatch(Request &request) const
{
    bool pathKnown = false;
    QHash<QString, QString> params;
    const Route *route = find(request.method, request.path, &params, &pathKnown);
    if (!route) {
        if (pathKnown) {
            Response response = errorResponse(405,
                                              QStringLiteral("The method %1 is not allowed on %2.")
                                                  .arg(QString::fromLatin1(request.method),
                                                       request.path));
            QByteArrayList allowed;
            for (const Route &candidate : m_routes) {
                bool known = false;
                QHash<QString, QString> unused;
                if (find(candidate.method, request.path, &unused, &known) == &candidate
                    && !allowed.contains(candidate.method))
                    allowed.append(candidate.method);
            }
            response.setHeader("Allow", allowed.join(", "));
            return response;
        }
        return errorResponse(404, QStringLiteral("There is no API at %1.").arg(request.path));
    }
    request.pathParams = params;
    return route->handler(request);
}

QString Router::matchPattern(const QByteArray &method, const QString &path) const
{
    bool known = false;
    const Route *route = find(method, path, nullptr, &known);
    return route ? route->pattern : QString();
}

QStringList Router::patterns() const
{
    QStringList result;
    for (const Route &route : m_routes)
        result.append(QString::fromLatin1(route.method) + QLatin1Char(' ') + route.pattern);
    return result;
}

} // namespace gpudesk::http
