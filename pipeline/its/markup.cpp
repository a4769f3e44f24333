#include "pipeline/its/markup.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <span>
#include <utility>

#include "cms/core/text.h"
#include "pipeline/its/document.h"
#include "pipeline/its/text_util.h"
#include "pipeline/its/xml_scan.h"

namespace tandem::its {
namespace {

constexpr std::string_view k_wrapper = "tandem-segment";
constexpr std::string_view k_unsafe_elements[] = {"script", "style",    "iframe", "frame", "frameset",
                                                  "object", "embed",    "applet", "base",  "meta"};
// Attributes a browser follows or loads; a javascript: title is only text.
constexpr std::string_view k_url_attributes[] = {"href", "src", "action", "formaction", "poster", "background"};
constexpr std::string_view k_unsafe_schemes[] = {"javascript:", "vbscript:", "data:"};
constexpr unsigned k_fragment_options = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_wconv_attribute |
                                        pugi::parse_eol | pugi::parse_ws_pcdata | pugi::parse_comments |
                                        pugi::parse_pi;

std::string_view local_of(std::string_view qname) {
    const std::size_t colon = qname.find(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

bool placeholder(std::string_view qname) { return qname.rfind("_:", 0) == 0; }

bool listed(std::span<const std::string_view> names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// A node's byte offset in the segment: pugixml counts in the wrapped buffer
// and points at an element's name, just after its '<'.
std::size_t offset_in_segment(pugi::xml_node node, std::size_t segment_size) {
    std::ptrdiff_t at = node.offset_debug();
    if (at < 0) return 0;
    if (node.type() == pugi::node_element && at > 0) --at;
    const std::size_t open = k_wrapper.size() + 2;
    const auto off = static_cast<std::size_t>(at);
    return off < open ? 0 : std::min(off - open, segment_size);
}

// Browsers drop blanks and controls from a URL's scheme, and a value that
// went through one more escaping layer (&amp;#x61;) decodes once more: err on
// the side of decoding too much.
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
            if (cp != 0 && cp <= 0x10FFFF) {
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
        const bool invisible =
            v <= 0x20 || v == 0x7F || is_python_space(v) || v == 0xAD || (v >= 0x200B && v <= 0x200D) || v == 0xFEFF;
        if (!invisible) compact.append(out, i, cp.size);
        i += cp.size;
    }
    return ascii_lower(compact);
}

// One element (or comment, or processing instruction) of a segment.
struct Item {
    std::string key;    // name and sorted attributes, an a's href left out: "<em class=\"x\">"
    std::string chain;  // the keys of its ancestors inside the segment, then its own
    std::string name;   // "em", "_:span-1", "<!--", "<?"
    pugi::xml_node node;
};

// Something a browser would run or load.
struct Unsafe {
    std::string where;  // chain and attribute, to match the source's own
    Phrase added;       // for the translator: "the translation adds …"
    pugi::xml_node node;
};

MarkupIssue markup_issue(RejectReason reason, Phrase message, std::optional<std::size_t> offset = std::nullopt) {
    std::string detail = english(message);
    return MarkupIssue{reason, std::move(detail), offset, std::move(message)};
}

struct Collected {
    std::vector<Item> items;
    std::vector<Unsafe> unsafe;
    std::vector<Item> placeholders_with_content;
};

std::string key_of(pugi::xml_node node) {
    if (node.type() == pugi::node_comment) return std::string("<!--").append(node.value()).append("-->");
    if (node.type() == pugi::node_pi) return std::string("<?").append(node.name()).append("?>");
    const std::string_view name = node.name();
    std::vector<std::pair<std::string, std::string>> attributes;
    for (pugi::xml_attribute a : node.attributes()) {
        // A translator may point a link elsewhere (a translated page).
        if (local_of(name) == "a" && std::string_view(a.name()) == "href") continue;
        attributes.emplace_back(a.name(), a.value());
    }
    std::sort(attributes.begin(), attributes.end());
    std::string key = "<";
    key += name;
    for (const auto& [k, v] : attributes) key.append(" ").append(k).append("=\"").append(v).append("\"");
    key += placeholder(name) ? "/>" : ">";
    return key;
}

void collect(pugi::xml_node parent, const std::string& chain, Collected& out) {
    for (pugi::xml_node node : parent.children()) {
        const auto type = node.type();
        if (type == pugi::node_declaration || type == pugi::node_doctype) {
            out.items.push_back({"<?xml?>", chain, "<?", node});
            continue;
        }
        if (type != pugi::node_element && type != pugi::node_comment && type != pugi::node_pi) continue;
        const std::string name = type == pugi::node_comment ? "<!--" : type == pugi::node_pi ? "<?" : node.name();
        Item item{key_of(node), "", name, node};
        item.chain = chain + item.key;
        if (type == pugi::node_element) {
            const std::string local = ascii_lower(local_of(item.name));
            if (listed(k_unsafe_elements, local))
                out.unsafe.push_back(
                    {item.chain, phrase("the translation adds a <{element}> element", {{"element", item.name}}), node});
            for (pugi::xml_attribute a : node.attributes()) {
                const std::string attribute = ascii_lower(local_of(a.name()));
                const std::string where = item.chain + "@" + a.name() + "=" + a.value();
                if (attribute.size() > 2 && attribute.rfind("on", 0) == 0)
                    out.unsafe.push_back({where,
                                          phrase("the translation adds the event attribute {attribute} on <{element}>",
                                                 {{"attribute", a.name()}, {"element", item.name}}),
                                          node});
                else if (listed(k_url_attributes, attribute) && unsafe_url(a.value()))
                    out.unsafe.push_back({where,
                                          phrase("the translation adds the link {attribute}=\"{url}\" on <{element}>",
                                                 {{"attribute", a.name()}, {"url", a.value()}, {"element", item.name}}),
                                          node});
            }
            if (placeholder(item.name) && (node.first_child() || node.first_attribute()))
                out.placeholders_with_content.push_back(item);
            collect(node, item.chain, out);
        }
        out.items.push_back(std::move(item));
    }
}


Phrase missing_phrase(const Item& item) {
    if (item.name == "<!--") return phrase("a comment of the source is missing");
    if (item.name == "<?") return phrase("a processing instruction of the source is missing");
    return phrase("the source's {element} is missing", {{"element", item.key}});
}

Phrase added_phrase(const Item& item) {
    if (item.name == "<!--") return phrase("the translation adds a comment");
    if (item.name == "<?") return phrase("the translation adds a processing instruction");
    return phrase("the translation adds {element}", {{"element", item.key}});
}

// pugixml's reason, as a phrase: the scanner before it has refused what is
// not XML, so what is left is about tags.
Phrase not_well_formed(pugi::xml_parse_status status) {
    switch (status) {
        case pugi::status_bad_start_element: return phrase("the markup is not well-formed (a start tag is malformed)");
        case pugi::status_bad_attribute: return phrase("the markup is not well-formed (an attribute is malformed)");
        case pugi::status_bad_end_element: return phrase("the markup is not well-formed (an end tag is malformed)");
        case pugi::status_end_element_mismatch:
            return phrase("the markup is not well-formed (an end tag does not match its start tag)");
        default: return phrase("the markup is not well-formed");
    }
}

// When the translation does not parse there is no tree to walk: look for the
// dangerous element names and schemes in the raw text. It is refused anyway;
// this tells the reviewer why it may be hostile.
void unsafe_in_raw(std::string_view segment, std::vector<MarkupIssue>& issues) {
    const std::string lower = ascii_lower(segment);
    for (std::string_view name : k_unsafe_elements) {
        std::string open = "<";
        open += name;
        for (std::size_t at = lower.find(open); at != std::string::npos; at = lower.find(open, at + 1)) {
            const char next = at + open.size() < lower.size() ? lower[at + open.size()] : '>';
            if (next == '>' || next == '/' || next == ' ' || next == '\t' || next == '\n')
                issues.push_back(markup_issue(RejectReason::unsafe_markup,
                                              phrase("the translation has a <{element}> element", {{"element", std::string(name)}}),
                                              at));
        }
    }
    const std::string flat = deobfuscate(segment);
    if (flat.find("javascript:") != std::string::npos || flat.find("vbscript:") != std::string::npos)
        issues.push_back(markup_issue(RejectReason::unsafe_markup, phrase("the translation has a script URL")));
}

std::vector<std::string> chains_of(const std::vector<Item>& items) {
    std::vector<std::string> chains;
    for (const Item& item : items) chains.push_back(item.chain);
    std::sort(chains.begin(), chains.end());
    return chains;
}

}  // namespace

bool unsafe_url(std::string_view value) {
    const std::string url = deobfuscate(value);
    return std::any_of(std::begin(k_unsafe_schemes), std::end(k_unsafe_schemes),
                       [&](std::string_view scheme) { return url.rfind(scheme, 0) == 0; });
}

std::optional<MarkupIssue> parse_segment(std::string_view text, pugi::xml_document& doc) {
    std::string wrapped;
    wrapped.reserve(text.size() + 2 * k_wrapper.size() + 5);
    wrapped.append("<").append(k_wrapper).append(">").append(text).append("</").append(k_wrapper).append(">");
    const std::size_t open = k_wrapper.size() + 2;
    const auto in_segment = [&](std::size_t at) { return at < open ? 0 : std::min(at - open, text.size()); };
    if (auto scanned = scan_document(wrapped, "segment"); !scanned) {
        const Position& where = scanned.error().where;
        const Error& e = scanned.error();
        return markup_issue(RejectReason::malformed,
                            e.phrase.pattern.empty() ? phrase("the markup is not well-formed ({detail})", {{"detail", e.message}})
                                                     : e.phrase,
                            in_segment(offset_at(wrapped, where.line, where.column)));
    }
    const pugi::xml_parse_result parsed =
        doc.load_buffer(wrapped.data(), wrapped.size(), k_fragment_options, pugi::encoding_utf8);
    if (!parsed)
        return markup_issue(RejectReason::markup_mismatch, not_well_formed(parsed.status),
                            in_segment(static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0))));
    pugi::xml_node root = doc.first_child();
    if (!root || root.next_sibling() || k_wrapper != root.name())
        return markup_issue(RejectReason::markup_mismatch, phrase("the markup is not well-formed (unbalanced tags)"),
                            text.size());
    // pugixml does not check repeated attributes. The walk also bounds the
    // nesting, as the document reader does: what compares the markup
    // afterwards recurses, and a hostile segment must not exhaust the stack.
    int depth = 0;
    for (pugi::xml_node node = root; node;) {
        if (depth > k_max_depth)
            return markup_issue(RejectReason::malformed,
                                phrase("the markup is nested too deeply (more than {limit} levels)",
                                       {{"limit", std::to_string(k_max_depth)}}),
                                offset_in_segment(node, text.size()));
        for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute())
            for (pugi::xml_attribute b = a.next_attribute(); b; b = b.next_attribute())
                if (std::string_view(a.name()) == b.name())
                    return markup_issue(RejectReason::malformed,
                                        phrase("the attribute {attribute} appears twice on <{element}>",
                                               {{"attribute", a.name()}, {"element", node.name()}}),
                                        offset_in_segment(node, text.size()));
        if (node.first_child()) {
            node = node.first_child();
            ++depth;
            continue;
        }
        while (node && node != root && !node.next_sibling()) {
            node = node.parent();
            --depth;
        }
        if (!node || node == root) break;
        node = node.next_sibling();
    }
    return std::nullopt;
}

std::vector<MarkupIssue> compare_markup(std::string_view msgid, std::string_view msgstr,
                                        pugi::xml_document& translation) {
    std::vector<MarkupIssue> issues;
    // Most segments are plain text: without '<' or '&' the source has no
    // element, comment or processing instruction to compare, and cannot be
    // malformed, so it is not parsed.
    const bool source_has_markup = msgid.find_first_of("<&") != std::string_view::npos;
    pugi::xml_document source;
    if (source_has_markup)
        if (auto problem = parse_segment(msgid, source)) {
            // Rare (sources come from extraction), so its detail stays English.
            issues.push_back(markup_issue(problem->reason, phrase("the source segment itself is not well-formed: {detail}",
                                                                  {{"detail", problem->detail}})));
            return issues;
        }
    if (auto problem = parse_segment(msgstr, translation)) {
        issues.push_back(std::move(*problem));
        unsafe_in_raw(msgstr, issues);
        return issues;
    }
    Collected ours, theirs;
    if (source_has_markup) collect(source.first_child(), "", ours);
    collect(translation.first_child(), "", theirs);
    const auto at = [&](pugi::xml_node node) { return std::optional(offset_in_segment(node, msgstr.size())); };

    // Anything unsafe the source did not already have is the worst news.
    std::multiset<std::string> source_unsafe;
    for (const Unsafe& u : ours.unsafe) source_unsafe.insert(u.where);
    for (const Unsafe& u : theirs.unsafe) {
        if (auto it = source_unsafe.find(u.where); it != source_unsafe.end()) {
            source_unsafe.erase(it);
            continue;
        }
        issues.push_back(markup_issue(RejectReason::unsafe_markup, u.added, at(u.node)));
    }
    for (const Item& p : theirs.placeholders_with_content)
        issues.push_back(markup_issue(RejectReason::markup_mismatch,
                                      phrase("the translation puts content inside the placeholder {placeholder}",
                                             {{"placeholder", p.key}}),
                                      at(p.node)));

    // Multiset difference: what the source has that the translation lacks,
    // and the other way round, each item matched at most once.
    std::map<std::string, int> balance;
    for (const Item& item : ours.items) ++balance[item.key];
    for (const Item& item : theirs.items) --balance[item.key];
    std::vector<const Item*> missing, added;
    for (const Item& item : ours.items)
        if (balance[item.key] > 0) {
            missing.push_back(&item);
            --balance[item.key];
        }
    for (const Item& item : theirs.items)
        if (balance[item.key] < 0) {
            added.push_back(&item);
            ++balance[item.key];
        }
    // An element whose attributes changed is one missing and one added with
    // the same name: say it once.
    for (const Item* m : missing) {
        auto same = std::find_if(added.begin(), added.end(), [&](const Item* a) { return a->name == m->name; });
        if (same != added.end()) {
            issues.push_back(markup_issue(RejectReason::markup_mismatch,
                                          phrase("the attributes of <{element}> changed: {before} became {after}",
                                                 {{"element", m->name}, {"before", m->key}, {"after", (*same)->key}}),
                                          at((*same)->node)));
            added.erase(same);
        } else {
            issues.push_back(markup_issue(RejectReason::markup_mismatch, missing_phrase(*m)));
        }
    }
    for (const Item* a : added)
        issues.push_back(markup_issue(RejectReason::markup_mismatch, added_phrase(*a), at(a->node)));
    if (missing.empty() && added.empty() && chains_of(ours.items) != chains_of(theirs.items))
        issues.push_back(markup_issue(RejectReason::markup_mismatch, phrase("the tags are nested differently")));
    return issues;
}

std::vector<MarkupIssue> markup_issues(std::string_view msgid, std::string_view msgstr) {
    pugi::xml_document translation;
    return compare_markup(msgid, msgstr, translation);
}

std::optional<Rejection> check_translation(std::string_view msgid, std::string_view msgstr) {
    std::vector<MarkupIssue> issues = markup_issues(msgid, msgstr);
    if (issues.empty()) return std::nullopt;
    Rejection r;
    r.msgid = std::string(msgid);
    r.msgstr = std::string(msgstr);
    r.reason = issues.front().reason;
    r.detail = std::move(issues.front().detail);
    return r;
}

const char* reason_code(RejectReason reason) {
    switch (reason) {
        case RejectReason::malformed: return "malformed";
        case RejectReason::markup_mismatch: return "markup-mismatch";
        case RejectReason::unsafe_markup: return "unsafe-markup";
    }
    return "malformed";
}

}  // namespace tandem::its
