// markup-mismatch and unsafe-markup: the segment's inline markup, parsed by
// pugixml (which stays in this file).

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <utility>

#include <pugixml.hpp>

#include "pipeline/check/checks.h"

namespace tandem::check {
namespace {

// The wrapper declares the `_` prefix itstool gives placeholders; pugixml
// does not resolve namespaces, so the declaration is for readers of the
// buffer, and any prefix the translator invents is simply part of a name.
constexpr std::string_view k_open = "<_:segment xmlns:_=\"http://itstool.org/extensions/\">";
constexpr std::string_view k_close = "</_:segment>";
constexpr unsigned k_parse_options = pugi::parse_default | pugi::parse_comments | pugi::parse_pi;

constexpr std::string_view k_unsafe_elements[] = {"script", "style", "iframe", "object", "embed",
                                                  "applet", "frame", "frameset", "base", "meta"};
constexpr std::string_view k_url_attributes[] = {"href", "src", "action", "formaction", "poster", "background"};
constexpr std::string_view k_unsafe_schemes[] = {"javascript:", "vbscript:", "data:"};

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view local_name(std::string_view qname) {
    const std::size_t colon = qname.find(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

struct Parsed {
    pugi::xml_document doc;
    pugi::xml_parse_result result;
    std::string buffer;

    pugi::xml_node root() const { return doc.first_child(); }
    bool ok() const {
        const pugi::xml_node r = root();
        return result && r && !r.next_sibling() && std::string_view(r.name()) == "_:segment";
    }
    // A node's byte offset in the segment (pugixml counts in the buffer, and
    // points at an element's name, just after its '<').
    std::optional<std::size_t> offset_of(pugi::xml_node node, std::size_t segment_size) const {
        const std::ptrdiff_t at = node.offset_debug();
        if (at < 0) return std::nullopt;
        std::size_t off = static_cast<std::size_t>(at);
        if (node.type() == pugi::node_element && off > 0) --off;
        off = off < k_open.size() ? 0 : off - k_open.size();
        return std::min(off, segment_size);
    }
};

void parse(std::string_view segment, Parsed& parsed) {
    parsed.buffer.reserve(k_open.size() + segment.size() + k_close.size());
    parsed.buffer.append(k_open).append(segment).append(k_close);
    parsed.result =
        parsed.doc.load_buffer(parsed.buffer.data(), parsed.buffer.size(), k_parse_options, pugi::encoding_utf8);
}

// pugixml keeps a bare '&' and an undefined entity (&nbsp;) as text; XML,
// and so the merge of the translation into its document, rejects them.
// Returns the offset of the first one.
std::optional<std::size_t> bad_reference(std::string_view segment) {
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment.compare(i, 4, "<!--") == 0 || segment.compare(i, 9, "<![CDATA[") == 0) {
            const std::size_t end = segment.find(segment[i + 2] == '-' ? "-->" : "]]>", i);
            if (end == std::string_view::npos) return std::nullopt;  // the parser reports it
            i = end;
            continue;
        }
        if (segment[i] != '&') continue;
        const std::size_t semi = segment.find(';', i);
        const std::string_view name =
            segment.substr(i + 1, semi == std::string_view::npos ? 0 : semi - i - 1);
        const bool predefined = name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
        const bool decimal = name.size() > 1 && name[0] == '#' &&
                             name.find_first_not_of("0123456789", 1) == std::string_view::npos;
        const bool hex = name.size() > 2 && name[0] == '#' && name[1] == 'x' &&
                         name.find_first_not_of("0123456789abcdefABCDEF", 2) == std::string_view::npos;
        if (!predefined && !decimal && !hex) return i;
    }
    return std::nullopt;
}

// A repeated attribute (pugixml keeps both) makes the markup ill-formed.
const char* repeated_attribute(pugi::xml_node node) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute())
        for (pugi::xml_attribute b = a.next_attribute(); b; b = b.next_attribute())
            if (std::string_view(a.name()) == b.name()) return a.name();
    return nullptr;
}

// An element's identity for the comparison: its name and its attributes
// sorted, the href of an `a` left out. Comments and processing instructions
// count too, so a translator cannot slip one in.
std::string key_of(pugi::xml_node node) {
    if (node.type() == pugi::node_comment) return std::string("<!--").append(node.value()).append("-->");
    if (node.type() == pugi::node_pi) return std::string("<?").append(node.name()).append("?>");
    const std::string_view name = node.name();
    std::vector<std::pair<std::string, std::string>> attributes;
    for (pugi::xml_attribute a : node.attributes()) {
        if (name == "a" && std::string_view(a.name()) == "href") continue;
        attributes.emplace_back(a.name(), a.value());
    }
    std::sort(attributes.begin(), attributes.end());
    std::string key = "<";
    key += name;
    for (const auto& [k, v] : attributes) key.append(" ").append(k).append("=\"").append(v).append("\"");
    key += node.first_child() || name.rfind("_:", 0) != 0 ? ">" : "/>";
    return key;
}

struct Element {
    std::string key;
    std::string name;
    pugi::xml_node node;
};

void collect(pugi::xml_node parent, std::vector<Element>& out) {
    for (pugi::xml_node node : parent.children()) {
        const auto type = node.type();
        if (type != pugi::node_element && type != pugi::node_comment && type != pugi::node_pi) continue;
        out.push_back({key_of(node), node.name(), node});
        collect(node, out);
    }
}

// Browsers drop blanks and controls from a URL's scheme and decode character
// references once more when the value went through one more escaping layer
// (&amp;#x61;); a check errs on the side of decoding too much.
std::string deobfuscate(std::string_view value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '&') {
            std::size_t j = i + 1;
            std::string name;
            while (j < value.size() && j - i < 12 && value[j] != ';' &&
                   (std::isalnum(static_cast<unsigned char>(value[j])) || value[j] == '#'))
                name += value[j++];
            const std::string lower = ascii_lower(name);
            char32_t cp = 0;
            if (lower == "colon") cp = U':';
            else if (lower == "tab" || lower == "newline") cp = U' ';
            else if (lower.size() > 1 && lower[0] == '#') {
                const bool hex = lower[1] == 'x';
                const std::string digits = lower.substr(hex ? 2 : 1);
                if (!digits.empty() && digits.size() < 8 &&
                    digits.find_first_not_of(hex ? "0123456789abcdef" : "0123456789") == std::string::npos)
                    cp = static_cast<char32_t>(std::stoul(digits, nullptr, hex ? 16 : 10));
            }
            if (cp != 0) {
                append_utf8(out, cp);
                i = j < value.size() && value[j] == ';' ? j : j - 1;
                continue;
            }
        }
        out += c;
    }
    // Drop blanks, controls and invisible characters anywhere: "java\tscript:".
    std::string compact;
    for (std::size_t i = 0; i < out.size();) {
        const CodePoint cp = decode_utf8(out, i);
        const char32_t v = cp.value;
        const bool invisible = v <= 0x20 || v == 0x7F || is_space(v) || v == 0xAD || (v >= 0x200B && v <= 0x200D) ||
                               v == 0xFEFF;
        if (!invisible) compact.append(out, i, cp.size);
        i += cp.size;
    }
    return ascii_lower(compact);
}

bool unsafe_url(std::string_view value) {
    const std::string url = deobfuscate(value);
    return std::any_of(std::begin(k_unsafe_schemes), std::end(k_unsafe_schemes),
                       [&](std::string_view scheme) { return url.rfind(scheme, 0) == 0; });
}

std::vector<Issue> unsafe_in(const Parsed& parsed, std::string_view segment) {
    std::vector<Issue> issues;
    std::vector<Element> elements;
    collect(parsed.root(), elements);
    for (const Element& e : elements) {
        if (e.node.type() != pugi::node_element) continue;
        const auto where = parsed.offset_of(e.node, segment.size());
        const std::string local = ascii_lower(local_name(e.name));
        if (std::find(std::begin(k_unsafe_elements), std::end(k_unsafe_elements), local) !=
            std::end(k_unsafe_elements))
            issues.push_back(make_issue(k_unsafe_markup, "the translation has a <" + e.name + "> element", where));
        for (pugi::xml_attribute a : e.node.attributes()) {
            const std::string attribute = ascii_lower(local_name(a.name()));
            if (attribute.size() > 2 && attribute.rfind("on", 0) == 0)
                issues.push_back(make_issue(k_unsafe_markup,
                                            "the translation has an event attribute " + std::string(a.name()) +
                                                " on <" + e.name + ">",
                                            where));
            else if (std::find(std::begin(k_url_attributes), std::end(k_url_attributes), attribute) !=
                         std::end(k_url_attributes) &&
                     unsafe_url(a.value()))
                issues.push_back(make_issue(k_unsafe_markup,
                                            "the translation has a script or data URL in " + std::string(a.name()) +
                                                " on <" + e.name + ">",
                                            where));
        }
    }
    return issues;
}

// When the translation does not parse there is no tree to walk: look for the
// dangerous element names and schemes in the raw text. It is blocked anyway
// (markup-mismatch); this tells the reviewer why it may be hostile.
std::vector<Issue> unsafe_in_raw(std::string_view segment) {
    std::vector<Issue> issues;
    const std::string lower = ascii_lower(segment);
    for (std::string_view name : k_unsafe_elements) {
        std::string open = "<";  // (built in two steps: g++ 12 warns, wrongly, on "<" + std::string)
        open += name;
        for (std::size_t at = lower.find(open); at != std::string::npos; at = lower.find(open, at + 1)) {
            const char next = at + open.size() < lower.size() ? lower[at + open.size()] : '>';
            if (next == '>' || next == '/' || next == ' ' || next == '\t' || next == '\n')
                issues.push_back(make_issue(k_unsafe_markup, "the translation has a " + open + "> element", at));
        }
    }
    const std::string flat = deobfuscate(segment);
    if (flat.find("javascript:") != std::string::npos || flat.find("vbscript:") != std::string::npos)
        issues.push_back(make_issue(k_unsafe_markup, "the translation has a script URL"));
    return issues;
}

}  // namespace

std::vector<Issue> check_markup(const SegmentPair& pair) {
    std::vector<Issue> issues;
    Parsed target;
    parse(pair.translation, target);
    if (!target.ok()) {
        std::size_t at = target.result ? pair.translation.size()
                                       : static_cast<std::size_t>(std::max<std::ptrdiff_t>(target.result.offset, 0));
        at = at < k_open.size() ? 0 : std::min(at - k_open.size(), pair.translation.size());
        const std::string why = target.result ? "unbalanced tags" : target.result.description();
        issues.push_back(make_issue(k_markup_mismatch, "the translation's markup does not parse: " + why, at));
        std::vector<Issue> unsafe = unsafe_in_raw(pair.translation);
        issues.insert(issues.end(), unsafe.begin(), unsafe.end());
        return issues;
    }

    if (const std::optional<std::size_t> at = bad_reference(pair.translation))
        issues.push_back(make_issue(k_markup_mismatch,
                                    "the translation has a bare & or an entity XML does not define (write &amp;, "
                                    "or the character itself)",
                                    at));

    std::vector<Element> theirs;
    collect(target.root(), theirs);
    for (const Element& e : theirs)
        if (e.node.type() == pugi::node_element)
            if (const char* name = repeated_attribute(e.node))
                issues.push_back(make_issue(k_markup_mismatch,
                                            "the attribute " + std::string(name) + " appears twice on <" + e.name + ">",
                                            target.offset_of(e.node, pair.translation.size())));

    Parsed source;
    parse(pair.source, source);
    if (source.ok()) {
        std::vector<Element> ours;
        collect(source.root(), ours);
        // Multiset difference: what the source has that the translation lacks,
        // and the other way round, each element matched at most once.
        std::map<std::string, int> balance;
        for (const Element& e : ours) ++balance[e.key];
        for (const Element& e : theirs) --balance[e.key];
        std::vector<const Element*> missing;
        std::vector<const Element*> added;
        for (const Element& e : ours)
            if (balance[e.key] > 0) {
                missing.push_back(&e);
                --balance[e.key];
            }
        for (auto it = theirs.rbegin(); it != theirs.rend(); ++it)
            if (balance[it->key] < 0) {
                added.insert(added.begin(), &*it);
                ++balance[it->key];
            }
        // An element whose attributes changed is one missing and one added
        // with the same name: say it once.
        for (const Element* m : missing) {
            auto same = std::find_if(added.begin(), added.end(), [&](const Element* a) { return a->name == m->name; });
            if (same != added.end()) {
                issues.push_back(make_issue(k_markup_mismatch,
                                            "the source's " + m->key + " became " + (*same)->key,
                                            target.offset_of((*same)->node, pair.translation.size())));
                added.erase(same);
            } else {
                issues.push_back(make_issue(k_markup_mismatch, "the source's " + m->key + " is missing"));
            }
        }
        for (const Element* a : added)
            issues.push_back(make_issue(k_markup_mismatch, "the translation adds " + a->key,
                                        target.offset_of(a->node, pair.translation.size())));
    }

    std::vector<Issue> unsafe = unsafe_in(target, pair.translation);
    issues.insert(issues.end(), unsafe.begin(), unsafe.end());
    return issues;
}

}  // namespace tandem::check
