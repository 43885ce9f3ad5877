#include "io/json.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace gpudesk::engine::json {

Value Value::boolean(bool b)
{
    Value v;
    v.m_type = Type::Bool;
    v.m_bool = b;
    return v;
}

Value Value::number(double n)
{
    Value v;
    v.m_type = Type::Number;
    v.m_number = n;
    return v;
}

Value Value::string(std::string s)
{
    Value v;
    v.m_type = Type::String;
    v.m_string = std::move(s);
    return v;
}

Value Value::array()
{
    Value v;
    v.m_type = Type::Array;
    return v;
}

Value Value::object()
{
    Value v;
    v.m_type = Type::Object;
    return v;
}

const Value *Value::find(std::string_view key) const
{
    if (m_type != Type::Object)
        return nullptr;
    for (const auto &[k, v] : m_members) {
        if (k == key)
            return &v;
    }
    return nullptr;
}

Value &Value::set(std::string key, Value v)
{
    m_type = Type::Object;
    m_members.emplace_back(std::move(key), std::move(v));
    return m_members.back().second;
}

Value &Value::push(Value v)
{
    m_type = Type::Array;
    m_items.push_back(std::move(v));
    return m_items.back();
}

namespace {

class Parser
{
public:
    Parser(std::string_view text, ParseError &error)
        : m_text(text)
        , m_error(error)
    { }

    bool document(Value &out)
    {
        skipSpace();
        if (!value(out, 0))
            return false;
        skipSpace();
        if (m_pos != m_text.size())
            return fail("unexpected text after the end of the document");
        return true;
    }

private:
    bool fail(std::string what)
    {
        std::size_t line = 1, col = 1;
        for (std::size_t i = 0; i < m_pos && i < m_text.size(); ++i) {
            if (m_text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        m_error = ParseError {line, col, std::move(what)};
        return false;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                ++m_pos;
            else
                break;
        }
    }

    bool literal(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return fail("invalid literal");
        m_pos += word.size();
        return true;
    }

    bool value(Value &out, int depth)
    {
        if (depth > 200)
            return fail("nesting too deep");
        if (m_pos >= m_text.size())
            return fail("unexpected end of input");
        const char c = m_text[m_pos];
        switch (c) {
        case '{':
            return object(out, depth);
        case '[':
            return array(out, depth);
        case '"': {
            std::string s;
            if (!string(s))
                return false;
            out = Value::string(std::move(s));
            return true;
        }
        case 't':
            out = Value::boolean(true);
            return literal("true");
        case 'f':
            out = Value::boolean(false);
            return literal("false");
        case 'n':
            out = Value::null();
            return literal("null");
        default:
            return number(out);
        }
    }

    bool number(Value &out)
    {
        const std::size_t start = m_pos;
        if (m_pos < m_text.size() && (m_text[m_pos] == '-' || m_text[m_pos] == '+'))
            ++m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')
                ++m_pos;
            else
                break;
        }
        if (start == m_pos)
            return fail("unexpected character");
        double d = 0;
        const char *first = m_text.data() + start;
        const char *last = m_text.data() + m_pos;
        if (*first == '+')
            return fail("invalid number");
        auto [ptr, ec] = std::from_chars(first, last, d);
        if (ec != std::errc() || ptr != last) {
            m_pos = start;
            return fail("invalid number");
        }
        out = Value::number(d);
        return true;
    }

    static void appendUtf8(std::string &s, unsigned cp)
    {
        if (cp < 0x80) {
            s += char(cp);
        } else if (cp < 0x800) {
            s += char(0xC0 | (cp >> 6));
            s += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            s += char(0xE0 | (cp >> 12));
            s += char(0x80 | ((cp >> 6) & 0x3F));
            s += char(0x80 | (cp & 0x3F));
        } else {
            s += char(0xF0 | (cp >> 18));
            s += char(0x80 | ((cp >> 12) & 0x3F));
            s += char(0x80 | ((cp >> 6) & 0x3F));
            s += char(0x80 | (cp & 0x3F));
        }
    }

    bool hex4(unsigned &cp)
    {
        if (m_pos + 4 > m_text.size())
            return fail("truncated \\u escape");
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_pos++];
            cp <<= 4;
            if (c >= '0' && c <= '9')
                cp |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f')
                cp |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                cp |= unsigned(c - 'A' + 10);
            else
                return fail("invalid \\u escape");
        }
        return true;
    }

    bool string(std::string &s)
    {
        ++m_pos; // opening quote
        while (true) {
            if (m_pos >= m_text.size())
                return fail("unterminated string");
            const char c = m_text[m_pos++];
            if (c == '"')
                return true;
            if (static_cast<unsigned char>(c) < 0x20)
                return fail("control character in string");
            if (c != '\\') {
                s += c;
                continue;
            }
            if (m_pos >= m_text.size())
                return fail("unterminated escape");
            const char e = m_text[m_pos++];
            switch (e) {
            case '"':
            case '\\':
            case '/':
                s += e;
                break;
            case 'b':
                s += '\b';
                break;
            case 'f':
                s += '\f';
                break;
            case 'n':
                s += '\n';
                break;
            case 'r':
                s += '\r';
                break;
            case 't':
                s += '\t';
                break;
            case 'u': {
                unsigned cp = 0;
                if (!hex4(cp))
                    return false;
                if (cp >= 0xD800 && cp < 0xDC00 && m_text.substr(m_pos, 2) == "\\u") {
                    m_pos += 2;
                    unsigned low = 0;
                    if (!hex4(low))
                        return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(s, cp);
                break;
            }
            default:
                return fail("invalid escape");
            }
        }
    }

    bool array(Value &out, int depth)
    {
        ++m_pos;
        out = Value::array();
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            return true;
        }
        while (true) {
            skipSpace();
            Value item;
            if (!value(item, depth + 1))
                return false;
            out.push(std::move(item));
            skipSpace();
            if (m_pos >= m_text.size())
                return fail("unterminated array");
            const char c = m_text[m_pos++];
            if (c == ']')
                return true;
            if (c != ',')
                return fail("expected ',' or ']' in array");
        }
    }

    bool object(Value &out, int depth)
    {
        ++m_pos;
        out = Value::object();
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return true;
        }
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                return fail("expected a member name in quotes");
            std::string key;
            if (!string(key))
                return false;
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                return fail("expected ':' after member name");
            ++m_pos;
            skipSpace();
            Value item;
            if (!value(item, depth + 1))
                return false;
            out.set(std::move(key), std::move(item));
            skipSpace();
            if (m_pos >= m_text.size())
                return fail("unterminated object");
            const char c = m_text[m_pos++];
            if (c == '}')
                return true;
            if (c != ',')
                return fail("expected ',' or '}' in object");
        }
    }

    std::string_view m_text;
    ParseError &m_error;
    std::size_t m_pos = 0;
};

void writeValue(std::string &out, const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        out += "null";
        break;
    case Value::Type::Bool:
        out += v.asBool() ? "true" : "false";
        break;
    case Value::Type::Number:
        appendNumber(out, v.asNumber());
        break;
    case Value::Type::String:
        appendQuoted(out, v.asString());
        break;
    case Value::Type::Array: {
        out += '[';
        bool first = true;
        for (const auto &item : v.items()) {
            if (!first)
                out += ',';
            first = false;
            writeValue(out, item);
        }
        out += ']';
        break;
    }
    case Value::Type::Object: {
        out += '{';
        bool first = true;
        for (const auto &[k, item] : v.members()) {
            if (!first)
                out += ',';
            first = false;
            appendQuoted(out, k);
            out += ':';
            writeValue(out, item);
        }
        out += '}';
        break;
    }
    }
}

} // namespace

bool parse(std::string_view text, Value &out, ParseError &error)
{
    Parser p(text, error);
    return p.document(out);
}

void appendNumber(std::string &out, double n)
{
    if (!std::isfinite(n)) {
        out += "null";
        return;
    }
    // Round away binary noise (e.g. 0.1+0.2) so results are stable and readable.
    double r = std::round(n * 1e9) / 1e9;
    if (r == 0)
        r = 0; // no "-0"
    char buf[64];
    if (std::fabs(r) < 9e15 && r == std::floor(r)) {
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(r));
        out.append(buf, p);
        return;
    }
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, r);
    out.append(buf, p);
}

void appendQuoted(std::string &out, std::string_view s)
{
    out += '"';
    for (const char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

std::string write(const Value &v)
{
    std::string out;
    writeValue(out, v);
    return out;
}

} // namespace gpudesk::engine::json
