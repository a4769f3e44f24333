// What ITS 2.0 (sections 2.3 "HTML", 8.1 defaults) and HTML5 (translatable
// attributes) say about HTML elements and attributes.

#include <algorithm>
#include <array>

#include "pipeline/its/html.h"
#include "pipeline/its/text_util.h"

namespace tandem::its {
namespace {

// HTML5's phrasing content (the W3C HTML5 of ITS 2.0's time), the parts of
// ruby, and the obsolete inline elements that itstool's xhtml.its and Okapi
// also keep in the text; sorted, for binary search.
constexpr std::array<std::string_view, 56> k_phrasing = {
    "a", "abbr", "acronym", "area", "audio", "b", "bdi", "bdo", "big", "br",
    "button", "canvas", "cite", "code", "command", "data", "datalist", "del", "dfn", "em",
    "embed", "font", "i", "img", "input", "ins", "kbd", "keygen", "label", "map",
    "mark", "meter", "object", "output", "progress", "q", "rb", "rp", "rt", "rtc",
    "ruby", "s", "samp", "select", "small", "span", "strike", "strong", "sub", "sup",
    "time", "tt", "u", "var", "video", "wbr",
};
constexpr std::array<std::string_view, 4> k_nested = {"iframe", "noscript", "script", "textarea"};
static_assert(std::is_sorted(k_phrasing.begin(), k_phrasing.end()) && std::is_sorted(k_nested.begin(), k_nested.end()));

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view name) {
    return std::binary_search(list.begin(), list.end(), name);
}

bool is_html(const Document& doc, std::uint32_t el) { return doc.elements[el].ns == k_ns_xhtml; }

// Whether attribute `name` of `el` is one of `values`, in ASCII lower case.
bool has_value(const Document& doc, std::uint32_t el, std::string_view name,
               std::initializer_list<std::string_view> values) {
    const char* v = doc.attribute(el, k_ns_none, name);
    if (!v) return false;
    const std::string lower = ascii_lower(v);
    return std::find(values.begin(), values.end(), lower) != values.end();
}

}  // namespace

std::optional<std::string> html_keyword(const Document& doc, std::uint32_t el, std::string_view name) {
    if (const char* v = doc.attribute(el, k_ns_none, name)) return ascii_lower(v);
    return std::nullopt;
}

std::string_view html_within_text(const Document& doc, std::uint32_t el) {
    const ElementInfo& e = doc.elements[el];
    const std::string_view name = e.local_name();
    if (!is_html(doc, el)) {
        // svg and math roots are phrasing content; what is inside them is not HTML.
        const std::string& uri = doc.namespaces.uri(e.ns);
        return (name == "svg" && uri == "http://www.w3.org/2000/svg") ||
                       (name == "math" && uri == "http://www.w3.org/1998/Math/MathML")
                   ? "yes"
                   : "no";
    }
    if (listed(k_nested, name)) return "nested";
    if (listed(k_phrasing, name)) return "yes";
    // link and meta are phrasing content only as microdata.
    if ((name == "link" || name == "meta") && doc.attribute(el, k_ns_none, "itemprop")) return "yes";
    return "no";
}

HtmlAttribute classify_html_attribute(const Document& doc, std::uint32_t attribute) {
    const AttributeInfo& a = doc.attributes[attribute];
    if (a.ns != k_ns_none || !is_html(doc, a.owner)) return HtmlAttribute::other;
    const std::string_view name = a.local_name();
    const std::string_view element = doc.elements[a.owner].local_name();
    auto on = [&](std::initializer_list<std::string_view> elements) {
        return std::find(elements.begin(), elements.end(), element) != elements.end();
    };
    if (name == "lang" || name == "style" || (name == "srcdoc" && element == "iframe")) return HtmlAttribute::processed;
    const bool text = name == "title" || (name == "abbr" && element == "th") ||
                      (name == "alt" && on({"area", "img", "input"})) || (name == "download" && on({"a", "area"})) ||
                      (name == "label" && on({"optgroup", "option", "track"})) ||
                      (name == "placeholder" && on({"input", "textarea"})) ||
                      (name == "content" && element == "meta" &&
                       has_value(doc, a.owner, "name", {"description", "keywords"})) ||
                      (name == "value" && element == "input" && has_value(doc, a.owner, "type", {"button", "reset"}));
    return text ? HtmlAttribute::text : HtmlAttribute::other;
}

bool is_html_raw_text(const Document& doc, std::uint32_t el) {
    const std::string_view name = doc.elements[el].local_name();
    return is_html(doc, el) && (name == "script" || name == "style");
}

}  // namespace tandem::its
