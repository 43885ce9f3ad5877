#pragma once
// Typed, path-aware access to a parsed JSON document; the first error wins and is reported as
// "<file>: <json path>: <what is wrong>".
#include "io/json.h"

#include <string>
#include <string_view>

namespace gpudesk::engine {

class ReaderContext
{
public:
    explicit ReaderContext(std::string_view file)
        : m_file(file)
    { }

    bool failed() const { return !m_error.empty(); }
    const std::string &error() const { return m_error; }

    bool fail(const std::string &path, const std::string &what)
    {
        if (m_error.empty())
            m_error = m_file + ": " + path + ": " + what;
        return false;
    }

    // Optional members: absent (or null) leaves `out` untouched and returns true.
    bool number(const json::Value &obj, std::string_view key, const std::string &path, double &out)
    {
        const json::Value *v = obj.find(key);
        if (!v || v->isNull())
            return true;
        if (!v->isNumber())
            return fail(path + "." + std::string(key), "expected a number");
        out = v->asNumber();
        return true;
    }
    bool integer(const json::Value &obj, std::string_view key, const std::string &path, int &out)
    {
        double d = out;
        if (!number(obj, key, path, d))
            return false;
        if (d != static_cast<double>(static_cast<long long>(d)))
            return fail(path + "." + std::string(key), "expected a whole number");
        out = int(d);
        return true;
    }
    bool boolean(const json::Value &obj, std::string_view key, const std::string &path, bool &out)
    {
        const json::Value *v = obj.find(key);
        if (!v || v->isNull())
            return true;
        if (!v->isBool())
            return fail(path + "." + std::string(key), "expected true or false");
        out = v->asBool();
        return true;
    }
    bool string(const json::Value &obj,
                std::string_view key,
                const std::string &path,
                std::string &out)
    {
        const json::Value *v = obj.find(key);
        if (!v || v->isNull())
            return true;
        if (!v->isString())
            return fail(path + "." + std::string(key), "expected a string");
        out = v->asString();
        return true;
    }
    bool requiredString(const json::Value &obj,
                        std::string_view key,
                        const std::string &path,
                        std::string &out)
    {
        const json::Value *v = obj.find(key);
        if (!v)
            return fail(path, "missing required member \"" + std::string(key) + "\"");
        if (!v->isString() || v->asString().empty())
            return fail(path + "." + std::string(key), "expected a non-empty string");
        out = v->asString();
        return true;
    }
    // Returns nullptr when absent; fails when present but of the wrong type.
    const json::Value *object(const json::Value &obj, std::string_view key, const std::string &path)
    {
        const json::Value *v = obj.find(key);
        if (!v || v->isNull())
            return nullptr;
        if (!v->isObject()) {
            fail(path + "." + std::string(key), "expected an object");
            return nullptr;
        }
        return v;
    }
    const json::Value *array(const json::Value &obj, std::string_view key, const std::string &path)
    {
        const json::Value *v = obj.find(key);
        if (!v || v->isNull())
            return nullptr;
        if (!v->isArray()) {
            fail(path + "." + std::string(key), "expected an array");
            return nullptr;
        }
        return v;
    }

private:
    std::string m_file;
    std::string m_error;
};

inline std::string indexPath(const std::string &path, std::size_t i)
{
    return path + "[" + std::to_string(i) + "]";
}

} // namespace gpudesk::engine
