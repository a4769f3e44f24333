#include "pipeline/publish/markup_writer.h"

#include <cstdio>

namespace tandem::publish::detail {

namespace {

enum class XmlContext { text, attribute };

bool needs_escape(unsigned char c, XmlContext context) {
    if (c >= 0x20) {
        if (c == '&' || c == '<') return true;
        return context == XmlContext::text ? c == '>' : c == '"';
    }
    return context == XmlContext::attribute || (c != '\t' && c != '\n' && c != '\r');
}

void append_xml_escaped(std::string& out, std::string_view text, XmlContext context) {
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        while (i < text.size() && !needs_escape(static_cast<unsigned char>(text[i]), context)) ++i;
        out.append(text, start, i - start);
        if (i == text.size()) break;
        const auto c = static_cast<unsigned char>(text[i++]);
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default:  // a control character: pugixml's two-digit decimal reference
                out += "&#";
                out += static_cast<char>('0' + c / 10);
                out += static_cast<char>('0' + c % 10);
                out += ';';
        }
    }
}

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char k_hex[] = "0123456789abcdef";
    out += '"';
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x20 && text[i] != '"' && text[i] != '\\') ++i;
        out.append(text, start, i - start);
        if (i == text.size()) break;
        const auto c = static_cast<unsigned char>(text[i++]);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += k_hex[c >> 4];
                out += k_hex[c & 0x0F];
        }
    }
    out += '"';
}

}  // namespace

void XmlWriter::declaration(std::string_view encoding) {
    m_out += "<?xml version=\"1.0\" encoding=\"";
    m_out += encoding;
    m_out += "\"?>\n";
}

void XmlWriter::end_start_tag() {
    if (!m_start_tag_open) return;
    m_out += ">\n";
    m_start_tag_open = false;
}

void XmlWriter::open(std::string_view name) {
    if (!m_open.empty()) {
        end_start_tag();
        m_open.back().has_children = true;
    }
    m_out.append(indent(), ' ');
    m_out += '<';
    m_out += name;
    m_open.push_back(Open{name});
    m_start_tag_open = true;
}

void XmlWriter::attribute(std::string_view name, std::string_view value) {
    m_out += ' ';
    m_out += name;
    m_out += "=\"";
    append_xml_escaped(m_out, value, XmlContext::attribute);
    m_out += '"';
}

void XmlWriter::text(std::string_view text) {
    m_out += '>';
    m_start_tag_open = false;
    m_open.back().has_text = true;
    append_xml_escaped(m_out, text, XmlContext::text);
}

void XmlWriter::flush() {
    end_start_tag();
    m_open.back().has_children = true;
}

void XmlWriter::close() {
    const Open element = m_open.back();
    m_open.pop_back();
    if (m_start_tag_open) {
        m_out += " />\n";
        m_start_tag_open = false;
        return;
    }
    if (element.has_children) m_out.append(indent(), ' ');
    m_out += "</";
    m_out += element.name;
    m_out += ">\n";
}

void JsonWriter::newline_indent() {
    m_out += '\n';
    m_out.append(2 * (m_depth + m_empty.size()), ' ');
}

void JsonWriter::before_value() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (m_empty.empty()) return;  // the first value of the document or fragment
    if (!m_empty.back()) m_out += ',';
    m_empty.back() = false;
    newline_indent();
}

void JsonWriter::key(std::string_view name) {
    before_value();
    append_json_string(m_out, name);
    m_out += ": ";
    m_after_key = true;
}

void JsonWriter::begin_object() {
    before_value();
    m_out += '{';
    m_empty.push_back(true);
}

void JsonWriter::begin_array() {
    before_value();
    m_out += '[';
    m_empty.push_back(true);
}

void JsonWriter::end_container(char close) {
    const bool empty = m_empty.back();
    m_empty.pop_back();
    if (!empty) newline_indent();
    m_out += close;
}

void JsonWriter::end_object() { end_container('}'); }
void JsonWriter::end_array() { end_container(']'); }

void JsonWriter::value(std::string_view text) {
    before_value();
    append_json_string(m_out, text);
}

void JsonWriter::value(bool flag) {
    before_value();
    m_out += flag ? "true" : "false";
}

void JsonWriter::value(std::uint64_t number) {
    before_value();
    m_out += std::to_string(number);
}

void JsonWriter::raw(std::string_view json) {
    before_value();
    m_out += json;
}

void JsonWriter::null() {
    before_value();
    m_out += "null";
}

}  // namespace tandem::publish::detail
