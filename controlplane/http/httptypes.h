#pragma once
// Plain value types of the control plane's small HTTP/1.1 layer. Shared by the control plane and the
// simulated clusters; keep this header stable.

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <memory>

namespace gpudesk::http {

// One parsed request. Header names are lower-case; repeated headers are joined with ", ".
struct Request
{
    QByteArray method;   // "GET", "POST", ...
    QString path;        // percent-decoded path without the query, e.g. /api/v1/nodes
    QByteArray rawQuery; // the part after '?', undecoded
    QUrlQuery query;     // decoded query items
    QHash<QByteArray, QByteArray> headers;
    QByteArray body;
    QString peerAddress;                // source IP as text (IPv4-mapped addresses are unwrapped)
    QHash<QString, QString> pathParams; // filled by the Router from "{name}" segments

    QByteArray header(const QByteArray &lowerCaseName) const
    {
        return headers.value(lowerCaseName);
    }
    QString queryValue(const QString &key) const
    {
        return query.queryItemValue(key, QUrl::FullyDecoded);
    }
    bool hasQuery(const QString &key) const { return query.hasQueryItem(key); }
    // The token of an "Authorization: Bearer <token>" header, or empty.
    QByteArray bearerToken() const;
};

class ResponseStream;

// A reply. Either a complete body, or (when `streamer` is set) a chunked stream: the server sends the
// status line and headers with Transfer-Encoding: chunked and then hands a ResponseStream to `streamer`,
// which may write chunks at any later time from the server's thread.
struct Response
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    std::function<void(const std::shared_ptr<ResponseStream> &)> streamer;

    void setHeader(const QByteArray &name, const QByteArray &value);
};

// Writes chunks of a streamed reply. Safe to keep after the client went away: writes then do nothing
// and isOpen() is false. Call finish() exactly once when done.
class ResponseStream
{
public:
    virtual ~ResponseStream() = default;
    virtual bool isOpen() const = 0;
    virtual void write(const QByteArray &chunk) = 0;
    virtual void finish() = 0;
    // Called once when the client disconnects before finish().
    virtual void setOnClosed(std::function<void()> callback) = 0;
};

using Handler = std::function<Response(const Request &)>;

// Standard reasons for status codes ("Not Found" for 404, ...).
QByteArray reasonPhrase(int status);

} // namespace gpudesk::http
