#include "bench/corpus/xml_writer.h"

namespace tandem::bench::detail {
namespace {

void append_escaped_text(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += c;
        }
    }
}

void append_escaped_attribute(std::string& out, std::string_view value) {
    for (const char c : value) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '"': out += "&quot;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            case '\t': out += "&#9;"; break;
            default: out += c;
        }
    }
}

}  // namespace

void XmlWriter::open(std::string_view name) {
    end_start_tag();
    m_out += '<';
    m_out += name;
    m_stack.push_back(name);
    m_in_start_tag = true;
}

void XmlWriter::attribute(std::string_view name, std::string_view value) {
    // Only meaningful inside a start tag; the generator never calls it elsewhere.
    m_out += ' ';
    m_out += name;
    m_out += "=\"";
    append_escaped_attribute(m_out, value);
    m_out += '"';
}

void XmlWriter::text(std::string_view text) {
    end_start_tag();
    append_escaped_text(m_out, text);
}

void XmlWriter::close() {
    if (m_in_start_tag) {
        m_out += "/>";
        m_in_start_tag = false;
    } else {
        m_out += "</";
        m_out += m_stack.back();
        m_out += '>';
    }
    m_stack.pop_back();
}

void XmlWriter::fragment(std::string_view markup) {
    end_start_tag();
    m_out += markup;
}

void XmlWriter::indent() {
    end_start_tag();
    m_out += '\n';
    m_out.append(2 * m_stack.size(), ' ');
}

void XmlWriter::close_on_new_line() {
    end_start_tag();
    m_out += '\n';
    m_out.append(2 * (m_stack.size() - 1), ' ');
    close();
}

void XmlWriter::end_start_tag() {
    if (m_in_start_tag) {
        m_out += '>';
        m_in_start_tag = false;
    }
}

}  // namespace tandem::bench::detail
