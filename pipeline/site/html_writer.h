#pragma once
// An escaping HTML writer: element names come from the renderer's code, every
// text and attribute value is escaped, void elements are written as HTML5
// wants them (<br>, no end tag). Internal to pipeline/site.

#include <initializer_list>
#include <string>
#include <string_view>

namespace tandem::site::detail {

struct Attribute {
    std::string_view name;
    std::string_view value;
};

class HtmlWriter {
public:
    void open(std::string_view tag, std::initializer_list<Attribute> attributes = {});
    void close(std::string_view tag);
    void void_element(std::string_view tag, std::initializer_list<Attribute> attributes = {});
    void attribute(std::string_view name, std::string_view value);  // on the element just opened
    void text(std::string_view text);
    std::string take() { return std::move(m_out); }
    const std::string& str() const { return m_out; }

private:
    void finish_start_tag();
    std::string m_out;
    bool m_start_tag_open = false;
};

// Text and attribute-value escaping, for the few places outside the writer
// (template data is escaped by Mustache itself).
void append_escaped(std::string& out, std::string_view text);
std::string escape_html(std::string_view text);

}  // namespace tandem::site::detail
