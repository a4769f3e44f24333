#pragma once
// A small streaming XML writer: every text and attribute value goes through its
// escaping, so the generator never pastes markup together by hand. Escapes the
// way pugixml's writer does (text: & < >; attributes: & < " and line breaks),
// so a document that pugixml reads and writes back comes out byte for byte.

#include <string>
#include <string_view>
#include <vector>

namespace tandem::bench::detail {

class XmlWriter {
public:
    // <name ...; attributes may follow until the first content or close().
    void open(std::string_view name);
    void attribute(std::string_view name, std::string_view value);
    void text(std::string_view text);
    // </name>, or "/>" when the element got no content.
    void close();
    // A complete, already escaped fragment from another XmlWriter.
    void fragment(std::string_view markup);
    // A line break and two spaces per open element, for block-level layout.
    void indent();
    // close() on a new line, indented like the matching start tag.
    void close_on_new_line();
    // Drops what was written after size() returned `size`: only back to a
    // point with the same elements open and no start tag pending.
    void rewind(std::size_t size) { m_out.resize(size); }

    std::size_t size() const { return m_out.size(); }
    std::size_t depth() const { return m_stack.size(); }
    const std::string& str() const { return m_out; }
    std::string take() { return std::move(m_out); }

private:
    void end_start_tag();

    std::string m_out;
    std::vector<std::string_view> m_stack;  // element names are string literals or vocabulary
    bool m_in_start_tag = false;
};

}  // namespace tandem::bench::detail
