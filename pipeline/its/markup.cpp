#include "pipeline/its/markup.h"

#include <algorithm>
#include <vector>

#include "pipeline/its/text_util.h"
#include "pipeline/its/xml_scan.h"

namespace tandem::its {
namespace {

constexpr std::string_view k_wrapper = "tandem-segment";
constexpr std::string_view k_unsafe_elements[] = {"script", "style",    "iframe", "frame", "frameset",
                                                  "object", "embed",    "applet", "base",  "meta"};
constexpr unsigned k_fragment_options = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_wconv_attribute |
                                        pugi::parse_eol | pugi::parse_ws_pcdata | pugi::parse_comments |
                                        pugi::parse_pi;

std::string_view local_of(std::string_view qname) {
    const std::size_t colon = qname.find(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

bool placeholder(std::string_view qname) { return qname.rfind("_:", 0) == 0; }

// One element of a segment: its name and attributes (sorted), and the same
// for each ancestor inside the segment.
struct Tag {
    std::string own;    // "<em class=\"x\">"
    std::string chain;  // ancestors' own keys, then this one
    std::string name;
};

// Unsafe things: (where and what, for matching; what, for the translator).
using Unsafe = std::vector<std::pair<std::string, std::string>>;

void collect(pugi::xml_node parent, const std::string& chain, std::vector<Tag>& tags, Unsafe& unsafe,
             std::vector<std::string>& extras) {
    for (pugi::xml_node node : parent.children()) {
        if (node.type() == pugi::node_comment) {
            extras.push_back("a comment");
            continue;
        }
        if (node.type() == pugi::node_pi || node.type() == pugi::node_declaration || node.type() == pugi::node_doctype) {
            extras.push_back("a processing instruction");
            continue;
        }
        if (node.type() != pugi::node_element) continue;
        const std::string name = node.name();
        const std::string local = ascii_lower(local_of(name));
        std::vector<std::pair<std::string, std::string>> attrs;
        for (pugi::xml_attribute a : node.attributes()) {
            const std::string aname = a.name();
            const std::string avalue = a.value();
            const std::string alocal = ascii_lower(local_of(aname));
            const std::string where = chain + "<" + name + ">@" + aname + "=" + avalue;
            if (alocal.size() > 2 && alocal.rfind("on", 0) == 0)
                unsafe.emplace_back(where, "the event attribute " + aname + " on <" + name + ">");
            else if (unsafe_url(avalue))
                unsafe.emplace_back(where, "the link " + aname + "=\"" + avalue + "\" on <" + name + ">");
            // A translator may point a link elsewhere (a translated page).
            if (aname == "href" && local == "a") continue;
            attrs.emplace_back(aname, avalue);
        }
        std::sort(attrs.begin(), attrs.end());
        std::string own = "<" + name;
        for (const auto& [k, v] : attrs) own += " " + k + "=\"" + v + "\"";
        own += ">";
        if (std::find(std::begin(k_unsafe_elements), std::end(k_unsafe_elements), local) != std::end(k_unsafe_elements))
            unsafe.emplace_back(chain + "<" + name + ">", "a <" + name + "> element");
        if (placeholder(name) && (node.first_child() || node.first_attribute()))
            extras.push_back("content inside the placeholder <" + name + "/>");
        Tag tag{own, chain + own, name};
        collect(node, tag.chain, tags, unsafe, extras);
        tags.push_back(std::move(tag));
    }
}

std::string display(const std::string& name) { return placeholder(name) ? "<" + name + "/>" : "<" + name + ">"; }

}  // namespace

bool unsafe_url(std::string_view value) {
    std::string v;
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 && v.empty()) continue;        // leading blanks and controls
        if (c == '\t' || c == '\n' || c == '\r') continue;  // browsers ignore these inside a scheme
        v += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        if (v.size() > 16) break;
    }
    return v.rfind("javascript:", 0) == 0 || v.rfind("vbscript:", 0) == 0 || v.rfind("data:", 0) == 0;
}

std::optional<MarkupProblem> parse_segment(std::string_view text, pugi::xml_document& doc) {
    std::string wrapped;
    wrapped.reserve(text.size() + 2 * k_wrapper.size() + 5);
    wrapped += '<';
    wrapped += k_wrapper;
    wrapped += '>';
    wrapped += text;
    wrapped += "</";
    wrapped += k_wrapper;
    wrapped += '>';
    if (auto scanned = scan_document(wrapped, "segment"); !scanned)
        return MarkupProblem{RejectReason::malformed, scanned.error().message};
    const pugi::xml_parse_result parsed =
        doc.load_buffer(wrapped.data(), wrapped.size(), k_fragment_options, pugi::encoding_utf8);
    if (!parsed)
        return MarkupProblem{RejectReason::markup_mismatch,
                             std::string("the markup is not well-formed (") + parsed.description() + ")"};
    pugi::xml_node root = doc.first_child();
    if (!root || root.next_sibling() || k_wrapper != root.name())
        return MarkupProblem{RejectReason::markup_mismatch, "the markup is not well-formed (unbalanced tags)"};
    // pugixml does not check repeated attributes.
    for (pugi::xml_node node = root; node;) {
        for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute())
            for (pugi::xml_attribute b = a.next_attribute(); b; b = b.next_attribute())
                if (std::string_view(a.name()) == b.name())
                    return MarkupProblem{RejectReason::malformed, std::string("attribute ") + a.name() + " appears twice"};
        if (node.first_child()) {
            node = node.first_child();
            continue;
        }
        while (node && node != root && !node.next_sibling()) node = node.parent();
        if (!node || node == root) break;
        node = node.next_sibling();
    }
    return std::nullopt;
}

std::optional<MarkupProblem> check_markup(std::string_view msgid, std::string_view msgstr,
                                          pugi::xml_document& translation) {
    pugi::xml_document source;
    if (auto problem = parse_segment(msgid, source))
        return MarkupProblem{problem->reason, "the source segment itself is not well-formed: " + problem->detail};
    if (auto problem = parse_segment(msgstr, translation)) return problem;

    std::vector<Tag> from, to;
    Unsafe from_unsafe, to_unsafe;
    std::vector<std::string> from_extras, to_extras;
    collect(source.first_child(), "", from, from_unsafe, from_extras);
    collect(translation.first_child(), "", to, to_unsafe, to_extras);

    // Anything unsafe the source did not already have is the worst news.
    std::sort(from_unsafe.begin(), from_unsafe.end());
    for (const auto& item : to_unsafe) {
        auto it = std::lower_bound(from_unsafe.begin(), from_unsafe.end(), item);
        if (it != from_unsafe.end() && it->first == item.first) {
            from_unsafe.erase(it);
            continue;
        }
        return MarkupProblem{RejectReason::unsafe_markup, "the translation adds " + item.second};
    }
    if (!to_extras.empty()) return MarkupProblem{RejectReason::markup_mismatch, "the translation adds " + to_extras.front()};

    auto by_own = [](const Tag& a, const Tag& b) { return a.own < b.own; };
    std::vector<Tag> a = from, b = to;
    std::sort(a.begin(), a.end(), by_own);
    std::sort(b.begin(), b.end(), by_own);
    std::vector<Tag> missing, added;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(missing), by_own);
    std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(added), by_own);
    if (!missing.empty()) {
        for (const Tag& m : missing)
            for (const Tag& x : added)
                if (x.name == m.name)
                    return MarkupProblem{RejectReason::markup_mismatch, "the attributes of " + display(m.name) + " changed"};
        return MarkupProblem{RejectReason::markup_mismatch, display(missing.front().name) + " is missing"};
    }
    if (!added.empty()) return MarkupProblem{RejectReason::markup_mismatch, display(added.front().name) + " was added"};
    std::vector<std::string> chains_a, chains_b;
    for (const Tag& t : from) chains_a.push_back(t.chain);
    for (const Tag& t : to) chains_b.push_back(t.chain);
    std::sort(chains_a.begin(), chains_a.end());
    std::sort(chains_b.begin(), chains_b.end());
    if (chains_a != chains_b) return MarkupProblem{RejectReason::markup_mismatch, "the tags are nested differently"};
    return std::nullopt;
}

std::optional<Rejection> check_translation(std::string_view msgid, std::string_view msgstr) {
    pugi::xml_document translation;
    auto problem = check_markup(msgid, msgstr, translation);
    if (!problem) return std::nullopt;
    Rejection r;
    r.msgid = std::string(msgid);
    r.msgstr = std::string(msgstr);
    r.reason = problem->reason;
    r.detail = std::move(problem->detail);
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
