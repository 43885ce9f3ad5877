#pragma once

#include <QString>

#include <utility>

// Errors are values across the data layer: every request, parser and action hands back either a value or
// an ApiError whose message is a sentence a user can act on ("The control plane at … did not answer
// within 15 s."). No exceptions.
struct ApiError
{
    enum class Kind {
        None,        // no error
        Network,     // connection refused, host not found, reset …
        Timeout,     // no complete answer within the deadline
        Tls,         // certificate refused (untrusted, wrong host, pin mismatch)
        Http,        // the server answered with a 4xx/5xx status
        Parse,       // the answer was not the JSON we expected
        Unreachable, // the reachability monitor knows the cluster cannot be reached: we did not try
        Cancelled,   // superseded by a newer request or aborted by the caller
        Auth,        // not logged in / token expired and could not be refreshed
        Storage,     // keychain or settings could not be read or written
    };

    Kind kind = Kind::None;
    int httpStatus = 0; // set for Kind::Http
    QString message;    // one or two sentences for the user
    QString detail;     // technical detail (server message, Qt error string) for a details pane

    bool isError() const { return kind != Kind::None; }
    static ApiError make(Kind kind, QString message, QString detail = {}, int httpStatus = 0)
    {
        ApiError e;
        e.kind = kind;
        e.message = std::move(message);
        e.detail = std::move(detail);
        e.httpStatus = httpStatus;
        return e;
    }
    friend bool operator==(const ApiError &, const ApiError &) = default;
};

// A value or the error that explains why there is none (in the spirit of absl::StatusOr).
template<typename T>
struct Result
{
    T value {};
    ApiError error;

    bool ok() const { return !error.isError(); }
    static Result success(T v) { return Result {std::move(v), {}}; }
    static Result failure(ApiError e) { return Result {T {}, std::move(e)}; }
};
