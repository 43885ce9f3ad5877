#pragma once
// A small JSON value, parser and writer (the engine may use nothing but the standard library).
// Objects keep their member order so that output is deterministic and matches insertion order.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gpudesk::engine::json {

class Value
{
public:
    enum class Type : std::uint8_t { Null, Bool, Number, String, Array, Object };

    Value() = default;
    static Value null() { return Value(); }
    static Value boolean(bool b);
    static Value number(double n);
    static Value string(std::string s);
    static Value array();
    static Value object();

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }

    bool asBool() const { return m_bool; }
    double asNumber() const { return m_number; }
    const std::string &asString() const { return m_string; }
    const std::vector<Value> &items() const { return m_items; }
    const std::vector<std::pair<std::string, Value>> &members() const { return m_members; }

    // Object access: nullptr when absent (or when this is not an object).
    const Value *find(std::string_view key) const;
    // Object building: appends (does not look for duplicates; callers add each key once).
    Value &set(std::string key, Value v);
    // Array building.
    Value &push(Value v);

private:
    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0;
    std::string m_string;
    std::vector<Value> m_items;
    std::vector<std::pair<std::string, Value>> m_members;
};

struct ParseError
{
    std::size_t line = 0;
    std::size_t column = 0;
    std::string what;
};

// Parses a complete document; on failure returns false and fills error.
bool parse(std::string_view text, Value &out, ParseError &error);

// Compact, deterministic serialisation (numbers: integers without a fraction, otherwise the
// shortest representation that round-trips).
std::string write(const Value &v);
void appendNumber(std::string &out, double n);
void appendQuoted(std::string &out, std::string_view s);

} // namespace gpudesk::engine::json
