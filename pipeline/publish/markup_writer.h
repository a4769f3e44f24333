#pragma once
// Streaming writers for the feeds and the sitemap: they append straight to a
// string, with the layout and escaping the renderers had when they built a
// pugixml or nlohmann document (2-space indentation, the same entity and
// escape choices), so the bytes stayed the same when the documents went
// away. Escaping is the writer's job, never the caller's. Internal to
// pipeline/publish and pipeline/site.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::publish::detail {

// XML in pugixml's format_indent layout: an element with only text stays on
// one line ("<id>x</id>"), one without content closes itself ("<link … />"),
// one with child elements has them indented below it.
class XmlWriter {
public:
    // `depth`: the indentation level of the first element, for a fragment
    // that goes inside a document another writer began.
    explicit XmlWriter(std::string& out, std::size_t depth = 0) : m_out(out), m_depth(depth) {}
    // <?xml version="1.0" encoding="…"?>
    void declaration(std::string_view encoding);
    void open(std::string_view name);
    // On the element just opened, before any content. Escapes &, <, " and
    // every control character (as &#NN;), as pugixml does in attributes.
    void attribute(std::string_view name, std::string_view value);
    // The element's only content. Escapes &, <, > and control characters
    // other than tab, CR and LF.
    void text(std::string_view text);
    void close();
    // Ends the start tag of the open element, for children that another
    // writer appends to the same string.
    void flush();
    // <name>text</name>, or <name /> when text is empty.
    void element(std::string_view name, std::string_view text) {
        open(name);
        if (!text.empty()) this->text(text);
        close();
    }

private:
    struct Open {
        std::string_view name;  // element names are the renderer's literals
        bool has_children = false;
        bool has_text = false;
    };
    void end_start_tag();
    std::size_t indent() const { return 2 * (m_depth + m_open.size()); }
    std::string& m_out;
    std::size_t m_depth = 0;
    std::vector<Open> m_open;
    bool m_start_tag_open = false;
};

// JSON as nlohmann's dump(2, ' ', ensure_ascii = false) writes it: one member
// or element a line, "key": value, empty containers as [] and {}. Strings
// must be valid UTF-8 (the feed cleans every one before it gets here).
class JsonWriter {
public:
    // `depth`: the nesting level of the first value, for a fragment that
    // goes inside a document another writer began.
    explicit JsonWriter(std::string& out, std::size_t depth = 0) : m_out(out), m_depth(depth) {}
    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    // Inside an object, before each member's value.
    void key(std::string_view name);
    void value(std::string_view text);
    void value(const char* text) { value(std::string_view(text)); }
    void value(bool flag);
    void value(std::uint64_t number);
    void null();
    // A value another JsonWriter wrote at this depth, copied as it is.
    void raw(std::string_view json);
    // Shorthands for a member.
    template <typename T>
    void member(std::string_view name, const T& v) {
        key(name);
        value(v);
    }

private:
    void before_value();
    void end_container(char close);
    void newline_indent();
    std::string& m_out;
    std::size_t m_depth = 0;
    std::vector<bool> m_empty;  // per open container: nothing in it yet
    bool m_after_key = false;
};

}  // namespace tandem::publish::detail
