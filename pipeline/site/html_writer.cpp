#include "pipeline/site/html_writer.h"

#include "cms/core/text.h"

namespace tandem::site::detail {

void append_escaped(std::string& out, std::string_view text) { append_escaped_markup(out, text); }

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    append_escaped(out, text);
    return out;
}

void HtmlWriter::finish_start_tag() {
    if (m_start_tag_open) m_out += '>';
    m_start_tag_open = false;
}

void HtmlWriter::open(std::string_view tag, std::initializer_list<Attribute> attributes) {
    finish_start_tag();
    m_out += '<';
    m_out += tag;
    m_start_tag_open = true;
    for (const auto& a : attributes) attribute(a.name, a.value);
}

// Attributes may be added until the element's first child is written, which
// lets the document walker add what it finds (lang, translate) as it reads.
void HtmlWriter::attribute(std::string_view name, std::string_view value) {
    m_out += ' ';
    m_out += name;
    m_out += "=\"";
    append_escaped(m_out, value);
    m_out += '"';
}

void HtmlWriter::close(std::string_view tag) {
    finish_start_tag();
    m_out += "</";
    m_out += tag;
    m_out += '>';
}

void HtmlWriter::void_element(std::string_view tag, std::initializer_list<Attribute> attributes) {
    open(tag, attributes);
    finish_start_tag();
}

void HtmlWriter::text(std::string_view text) {
    finish_start_tag();
    append_escaped(m_out, text);
}

}  // namespace tandem::site::detail
