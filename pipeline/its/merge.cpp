// Merging translations back, as itstool's merge_translations does it, into a
// new document built from the source (whose names are restored from the
// side tables of pipeline/its/document.h).
//
// itstool rewrites the document in place; the order below reproduces what
// that leaves behind:
// - A unit with a translation becomes a copy of the unit holding the parsed
//   translation; a placeholder <_:name-N/> becomes the element it stands for,
//   merged in turn (with no language: itstool passes none) when it has child
//   elements, else translated on its own or copied.
// - A unit without a usable translation stays as it is, units nested in it
//   included (itstool does not descend into it), and only these original
//   units get the source language back where a langRule names an attribute.
// - Elements a locale filter or itst:drop removes take the blank text before
//   them along.
// - Translator credits are appended to their element before the walk, so they
//   go wherever that element's original children go.

#include <regex>
#include <set>

#include "pipeline/its/document.h"
#include "pipeline/its/its.h"
#include "pipeline/its/markup.h"
#include "pipeline/its/messages.h"
#include "pipeline/its/resolve.h"
#include "pipeline/its/rules.h"
#include "pipeline/its/text_util.h"

namespace tandem::its {
namespace {

struct Credit {
    std::string name, email, years;
};

// The output, written as libxml2 writes it (so that a carriage return
// survives as &#13;, which pugixml's writer leaves raw).
void write_text(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\r': out += "&#13;"; break;
            default: out += c;
        }
    }
}

void write_attribute_value(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            case '\t': out += "&#9;"; break;
            default: out += c;
        }
    }
}

void write_node(std::string& out, pugi::xml_node node) {
    switch (node.type()) {
        case pugi::node_element: {
            out += '<';
            out += node.name();
            for (pugi::xml_attribute a : node.attributes()) {
                out += ' ';
                out += a.name();
                out += "=\"";
                write_attribute_value(out, a.value());
                out += '"';
            }
            if (!node.first_child()) {
                out += "/>";
                break;
            }
            out += '>';
            for (pugi::xml_node child : node.children()) write_node(out, child);
            out += "</";
            out += node.name();
            out += '>';
            break;
        }
        case pugi::node_pcdata: write_text(out, node.value()); break;
        case pugi::node_cdata:
            out += "<![CDATA[";
            out += node.value();
            out += "]]>";
            break;
        case pugi::node_comment:
            out += "<!--";
            out += node.value();
            out += "-->";
            break;
        case pugi::node_pi:
            out += "<?";
            out += node.name();
            if (*node.value()) {
                out += ' ';
                out += node.value();
            }
            out += "?>";
            break;
        case pugi::node_doctype:
            out += "<!DOCTYPE ";
            out += node.value();
            out += '>';
            break;
        default:
            break;
    }
}

class Merger {
public:
    Merger(const Document& doc, const Facts& facts, const MessageList& messages, const Lookup& lookup,
           std::string_view lang)
        : m_doc(doc), m_facts(facts), m_messages(messages), m_lookup(lookup), m_lang(lang) {}

    Merged run() {
        read_credits();
        merge_element(0, m_out, std::string(m_lang), true);
        // The root says which language the document now is in, when a
        // langRule names an attribute for it and the root was not replaced.
        if (m_root && !m_lang.empty()) {
            if (const std::string* attr = m_facts.lang_attribute[0]) set_attribute(m_root, *attr, m_lang);
        }
        Merged merged;
        std::string& xml = merged.xml;
        xml.reserve(m_doc.text.size() + m_doc.text.size() / 4);
        xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        for (pugi::xml_node node : m_doc.tree.children()) {
            switch (node.type()) {
                case pugi::node_doctype:
                case pugi::node_comment:
                case pugi::node_pi:
                    write_node(xml, node);
                    xml += '\n';
                    break;
                case pugi::node_element:
                    for (pugi::xml_node out : m_out.children()) write_node(xml, out);
                    xml += '\n';
                    break;
                default:
                    break;
            }
        }
        merged.rejected = std::move(m_rejected);
        return merged;
    }

private:
    // itstool's regular expression "(.*) \<(.*)\>, (.*)" on each line.
    void read_credits() {
        if (m_facts.credits_target == k_none || !m_facts.credits) return;
        const auto translation = m_lookup(std::optional<std::string>("_"), "translator-credits");
        if (!translation || translation->empty() || *translation == "translator-credits") return;
        static const std::regex line_re("(.*) <(.*)>, (.*)");
        std::size_t start = 0;
        while (start <= translation->size()) {
            const std::size_t nl = translation->find('\n', start);
            const std::string line =
                translation->substr(start, nl == std::string::npos ? std::string::npos : nl - start);
            std::smatch m;
            if (std::regex_search(line, m, line_re, std::regex_constants::match_continuous))
                m_credits.push_back(Credit{m[1].str(), m[2].str(), m[3].str()});
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
    }

    static void set_attribute(pugi::xml_node node, const std::string& name, std::string_view value) {
        pugi::xml_attribute a = node.attribute(name.c_str());
        if (!a) a = node.append_attribute(name.c_str());
        a.set_value(std::string(value).c_str());
    }

    pugi::xml_node copy_shallow(std::uint32_t el, pugi::xml_node dest) const {
        const ElementInfo& e = m_doc.elements[el];
        pugi::xml_node out = dest.append_child(e.qname.c_str());
        for (const auto& [name, uri] : e.xmlns) out.append_attribute(name.c_str()).set_value(uri.c_str());
        for (std::uint32_t a = e.attr_begin; a < e.attr_end; ++a)
            out.append_attribute(m_doc.attributes[a].qname.c_str()).set_value(m_doc.attributes[a].attr.value());
        return out;
    }

    static void copy_leaf(pugi::xml_node node, pugi::xml_node dest) {
        switch (node.type()) {
            case pugi::node_pcdata:
            case pugi::node_cdata:
            case pugi::node_comment:
                dest.append_child(node.type()).set_value(node.value());
                break;
            case pugi::node_pi: {
                pugi::xml_node pi = dest.append_child(pugi::node_pi);
                pi.set_name(node.name());
                pi.set_value(node.value());
                break;
            }
            default:
                break;
        }
    }

    // The language a unit left in the source language is marked with: the
    // nearest langRule value on it or an ancestor.
    const std::string* source_lang(std::uint32_t el) const {
        for (std::uint32_t e = el; e != k_none; e = m_doc.elements[e].parent)
            if (auto it = m_facts.lang_rule.find(e); it != m_facts.lang_rule.end()) return &it->second;
        return nullptr;
    }

    // An element and its subtree as they are in the source.
    void copy_verbatim(std::uint32_t el, pugi::xml_node dest, bool mark_language) {
        pugi::xml_node out = copy_shallow(el, dest);
        if (el == 0) m_root = out;
        std::uint32_t child_id = el + 1;
        for (pugi::xml_node child : m_doc.elements[el].node.children()) {
            if (child.type() == pugi::node_element) {
                const std::uint32_t id = child_id;
                child_id = m_doc.elements[id].end;
                copy_verbatim(id, out, mark_language);
            } else {
                copy_leaf(child, out);
            }
        }
        if (el == m_facts.credits_target) append_credits(out);
        if (mark_language && m_messages.by_node.count(el)) {
            const std::string* attr = m_facts.lang_attribute[el];
            const std::string* lang = source_lang(el);
            if (attr && lang) set_attribute(out, *attr, *lang);
        }
    }

    void drop_blank_before(pugi::xml_node dest) {
        pugi::xml_node last = dest.last_child();
        if (last && (last.type() == pugi::node_pcdata || last.type() == pugi::node_cdata) && is_xml_blank(last.value()))
            dest.remove_child(last);
    }

    // itstool's merge_translations for one element. False when itstool would
    // fail (a locale filter met without a language, inside a placeholder):
    // the unit holding the placeholder then stays untranslated.
    bool merge_element(std::uint32_t el, pugi::xml_node dest, const std::optional<std::string>& lang, bool main) {
        const LocaleFilter& filter = *m_facts.locale[el];
        bool drop = false;
        if (filter.type == "include" && filter.list != "*") {
            if (!lang && !strip_space(filter.list).empty()) return false;
            drop = !lang || !match_locale_list(filter.list, *lang);
        } else if (filter.type == "exclude") {
            if (!lang && !strip_space(filter.list).empty()) return false;
            drop = lang && match_locale_list(filter.list, *lang);
        }
        if (drop || dropped(m_doc, m_facts, el)) {
            drop_blank_before(dest);
            return true;
        }
        auto found = m_messages.by_node.find(el);
        if (found == m_messages.by_node.end()) {
            pugi::xml_node out = copy_shallow(el, dest);
            if (el == 0) m_root = out;
            translate_attributes(el, out);
            std::uint32_t child_id = el + 1;
            for (pugi::xml_node child : m_doc.elements[el].node.children()) {
                if (child.type() == pugi::node_element) {
                    const std::uint32_t id = child_id;
                    child_id = m_doc.elements[id].end;
                    if (!merge_element(id, out, lang, main)) return false;
                } else {
                    copy_leaf(child, out);
                }
            }
            if (el == m_facts.credits_target) append_credits(out);
            return true;
        }
        const Message& msg = m_messages.messages[found->second];
        pugi::xml_node out = dest.append_child(m_doc.elements[el].qname.c_str());
        if (translate_unit(el, msg, out)) {
            translate_attributes(el, out);
        } else {
            dest.remove_child(out);
            copy_verbatim(el, dest, main);
        }
        return true;
    }

    void reject(const Message& msg, std::string msgstr, RejectReason reason, std::string detail) {
        const std::string msgid = msg.msgid();
        for (const Rejection& r : m_rejected)
            if (r.msgctxt == msg.msgctxt && r.msgid == msgid) return;
        Rejection r;
        r.msgctxt = msg.msgctxt;
        r.msgid = msgid;
        r.msgstr = std::move(msgstr);
        r.reason = reason;
        r.detail = std::move(detail);
        r.line = line_of(msg, m_doc);
        m_rejected.push_back(std::move(r));
    }

    // itstool's get_translated: fills `out` (an empty element) with the
    // unit's translation. False when there is none to use.
    bool translate_unit(std::uint32_t el, const Message& msg, pugi::xml_node out) {
        const std::string msgid = msg.msgid();
        const auto translation = m_lookup(msg.msgctxt, msgid);
        if (!translation) return false;
        pugi::xml_document parsed;
        if (auto problems = compare_markup(msgid, *translation, parsed); !problems.empty()) {
            reject(msg, *translation, problems.front().reason, std::move(problems.front().detail));
            return false;
        }
        // itstool parses the translation with the namespaces in scope at the
        // unit; a prefix declared further in does not parse.
        const auto scope = m_doc.in_scope(el);
        if (auto unbound = unbound_prefix(parsed.first_child(), scope)) {
            reject(msg, *translation, RejectReason::malformed,
                   "namespace prefix \"" + *unbound + "\" is not declared for this segment");
            return false;
        }
        const ElementInfo& e = m_doc.elements[el];
        for (const auto& [name, uri] : e.xmlns) out.append_attribute(name.c_str()).set_value(uri.c_str());
        for (std::uint32_t a = e.attr_begin; a < e.attr_end; ++a)
            out.append_attribute(m_doc.attributes[a].qname.c_str()).set_value(m_doc.attributes[a].attr.value());
        for (pugi::xml_node child : parsed.first_child().children())
            if (!copy_translated(child, out, msg)) return false;
        return true;
    }

    static std::optional<std::string> unbound_prefix(pugi::xml_node node,
                                                     const std::vector<std::pair<std::string, std::string>>& scope) {
        auto bound = [&](std::string_view qname) -> std::optional<std::string> {
            const std::size_t colon = qname.find(':');
            if (colon == std::string_view::npos) return std::nullopt;
            const std::string prefix(qname.substr(0, colon));
            if (prefix == "xml" || prefix == "_") return std::nullopt;
            for (const auto& [p, uri] : scope)
                if (p == prefix) return std::nullopt;
            return prefix;
        };
        for (pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            if (auto p = bound(child.name())) return p;
            for (pugi::xml_attribute a : child.attributes())
                if (auto p = bound(a.name())) return p;
            if (auto p = unbound_prefix(child, scope)) return p;
        }
        return std::nullopt;
    }

    bool copy_translated(pugi::xml_node node, pugi::xml_node dest, const Message& msg) {
        if (node.type() != pugi::node_element) {
            copy_leaf(node, dest);
            return true;
        }
        const std::string_view name = node.name();
        if (name.rfind("_:", 0) == 0) {
            const std::size_t dash = name.rfind('-');
            const std::size_t index = std::stoul(std::string(name.substr(dash + 1))) - 1;
            const std::uint32_t ph = msg.placeholders.at(index);
            if (m_doc.elements[ph].has_element_children) return merge_element(ph, dest, std::nullopt, false);
            auto found = m_messages.by_node.find(ph);
            if (found != m_messages.by_node.end()) {
                pugi::xml_node out = dest.append_child(m_doc.elements[ph].qname.c_str());
                if (translate_unit(ph, m_messages.messages[found->second], out)) return true;
                dest.remove_child(out);
            }
            copy_verbatim(ph, dest, false);
            return true;
        }
        pugi::xml_node out = dest.append_child(node.name());
        for (pugi::xml_attribute a : node.attributes()) out.append_attribute(a.name()).set_value(a.value());
        for (pugi::xml_node child : node.children())
            if (!copy_translated(child, out, msg)) return false;
        return true;
    }

    // itstool's translate_attrs: attributes a rule makes translatable are
    // looked up by their raw value, without context, and set by local name.
    void translate_attributes(std::uint32_t el, pugi::xml_node out) {
        const ElementInfo& e = m_doc.elements[el];
        for (std::uint32_t a = e.attr_begin; a < e.attr_end; ++a) {
            const std::uint32_t node = m_doc.attribute_node(a);
            const std::string* rule = m_facts.translate_rule[node];
            if (!rule || *rule != "yes") continue;
            const AttributeInfo& at = m_doc.attributes[a];
            const auto translation = m_lookup(std::nullopt, at.value());
            if (!translation || translation->empty()) continue;
            const std::string_view lname = at.local_name();
            if (unsafe_url(*translation) || (lname.size() > 2 && ascii_lower(lname).rfind("on", 0) == 0)) {
                auto msg = m_messages.by_node.find(node);
                if (msg != m_messages.by_node.end())
                    reject(m_messages.messages[msg->second], *translation, RejectReason::unsafe_markup,
                           "the translation of attribute " + at.qname + " is a script or data link");
                continue;
            }
            set_attribute(out, std::string(lname), *translation);
        }
    }

    void append_credits(pugi::xml_node target) {
        for (const Credit& credit : m_credits)
            append_template(*m_facts.credits, target, credit, nullptr);
    }

    void append_template(const std::vector<TemplateNode>& nodes, pugi::xml_node dest, const Credit& credit,
                         const std::string* year) {
        for (const TemplateNode& t : nodes) {
            switch (t.kind) {
                case TemplateNode::Kind::text:
                    dest.append_child(pugi::node_pcdata).set_value(t.text.c_str());
                    break;
                case TemplateNode::Kind::comment:
                    dest.append_child(pugi::node_comment).set_value(t.text.c_str());
                    break;
                case TemplateNode::Kind::value_of: {
                    const std::string* value = t.text == "name"    ? &credit.name
                                               : t.text == "email" ? &credit.email
                                               : t.text == "years" ? &credit.years
                                               : t.text == "year"  ? year
                                                                   : nullptr;
                    if (value) dest.append_child(pugi::node_pcdata).set_value(value->c_str());
                    break;
                }
                case TemplateNode::Kind::for_each: {
                    if (t.text != "years") break;
                    std::size_t start = 0;
                    while (true) {
                        const std::size_t comma = credit.years.find(',', start);
                        const std::string one(strip_space(std::string_view(credit.years)
                                                              .substr(start, comma == std::string::npos ? std::string::npos
                                                                                                        : comma - start)));
                        append_template(t.children, dest, credit, &one);
                        if (comma == std::string::npos) break;
                        start = comma + 1;
                    }
                    break;
                }
                case TemplateNode::Kind::element: {
                    pugi::xml_node out = dest.append_child(t.name.c_str());
                    // The copy declares its own namespace, as libxml2's copy does.
                    if (!t.prefix.empty() && !t.uri.empty())
                        out.append_attribute(("xmlns:" + t.prefix).c_str()).set_value(t.uri.c_str());
                    for (const auto& [name, value] : t.attributes)
                        out.append_attribute(name.c_str()).set_value(value.c_str());
                    append_template(t.children, out, credit, year);
                    break;
                }
            }
        }
    }

    const Document& m_doc;
    const Facts& m_facts;
    const MessageList& m_messages;
    const Lookup& m_lookup;
    std::string_view m_lang;
    pugi::xml_document m_out;
    pugi::xml_node m_root;
    std::vector<Credit> m_credits;
    std::vector<Rejection> m_rejected;
};

}  // namespace

Result<Merged> merge_translations(std::string_view xml, const Rules& rules, const Lookup& lookup,
                                  std::string_view lang, const DocumentOptions& options) {
    const std::string label = options.label.empty() ? "document" : options.label;
    if (options.syntax != Syntax::xml)
        return fail(ErrorCode::invalid, "merge_translations writes XML only: an HTML document cannot be merged",
                    Position{label, 0, 0});
    auto doc = load_document(xml, label, rules.set().namespaces);
    if (!doc) return tl::unexpected(doc.error());
    auto facts = resolve_rules(**doc, rules.set());
    if (!facts) return tl::unexpected(facts.error());
    const MessageList messages = generate_messages(**doc, *facts, label, WithComments::no, options);
    return Merger(**doc, *facts, messages, lookup, lang).run();
}

Result<Merged> merge_translations(std::string_view xml, const Rules& rules, const Lookup& lookup, Lang lang,
                                  const DocumentOptions& options) {
    return merge_translations(xml, rules, lookup, lang_code(lang), options);
}

}  // namespace tandem::its
