#pragma once
// Maps "METHOD /path/{param}" to handlers. Unknown path → 404, known path with another method → 405.

#include "httptypes.h"

#include <QStringList>

namespace gpudesk::http {

class Router
{
public:
    // pattern: "/api/v1/workloads/{workloadId}/pods"; literal segments win over {params}.
    void add(const QByteArray &method, const QString &pattern, Handler handler);
    // Finds the handler, fills request.pathParams and returns the reply (404/405 error bodies).
    Response dispatch(Request &request) const;
    // The route pattern that matches, or empty. Used for audit and tests.
    QString matchPattern(const QByteArray &method, const QString &path) const;
    QStringList patterns() const;

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
        Handler handler;
    };
    const Route *find(const QByteArray &method,
                      const QString &path,
                      QHash<QString, QString> *params,
                      bool *pathKnown) const;
    QList<Route> m_routes;
};

} // namespace gpudesk::http
