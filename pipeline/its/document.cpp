#include "pipeline/its/document.h"

#include <algorithm>
#include <cstring>

#include "cms/core/text.h"
#include "pipeline/its/html.h"
#include "pipeline/its/text_util.h"
#include "pipeline/its/xml_scan.h"

namespace tandem::its {

NamespaceTable::NamespaceTable() {
    // Fixed numbers, in the order of the k_ns_* constants.
    m_uris.emplace_back();
    for (const char* uri :
         {"http://www.w3.org/XML/1998/namespace", "http://www.w3.org/2005/11/its", "http://itstool.org/extensions/",
          "http://www.w3.org/1999/xlink", "http://www.w3.org/1999/xhtml", "http://www.w3.org/2001/XInclude",
          "http://www.w3.org/2003/XInclude"})
        m_uris.emplace_back(uri);
}

NamespaceTable::NamespaceTable(const NamespaceTable* base)
    : m_base(base), m_first(static_cast<std::uint32_t>(base->size())) {}

std::uint32_t NamespaceTable::intern(std::string_view uri) {
    const std::uint32_t found = find(uri);
    if (found != k_none) return found;
    m_uris.emplace_back(uri);
    return static_cast<std::uint32_t>(size() - 1);
}

// A handful of namespaces per table: a linear search beats hashing.
std::uint32_t NamespaceTable::find(std::string_view uri) const {
    if (uri.empty()) return k_ns_none;
    if (m_base) {
        const std::uint32_t found = m_base->find(uri);
        if (found != k_none) return found;
    }
    for (std::size_t i = 0; i < m_uris.size(); ++i)
        if (m_uris[i] == uri) return static_cast<std::uint32_t>(m_first + i);
    return k_none;
}

const std::string& NamespaceTable::uri(std::uint32_t index) const {
    return index < m_first ? m_base->uri(index) : m_uris[index - m_first];
}

std::string NamespaceTable::alias(std::uint32_t index) const {
    if (index == k_ns_xml) return "xml";
    std::string alias = "n";
    alias += std::to_string(index);
    return alias;
}

// Renaming waits for the first XPath evaluation: selectors made only of
// names and "@name" pointers never need it.
void Document::prepare_xpath() const {
    if (m_xpath_ready) return;
    m_xpath_ready = true;
    std::vector<std::string> aliases(namespaces.size());
    for (std::uint32_t ns = 0; ns < aliases.size(); ++ns) aliases[ns] = namespaces.alias(ns);
    std::vector<bool> used(namespaces.size(), false);
    std::string name;
    auto rename = [&](auto handle, std::uint32_t ns, std::string_view local) {
        used[ns] = true;
        if (ns == k_ns_none || ns == k_ns_xml) return;
        name.assign(aliases[ns]).append(1, ':').append(local);
        handle.set_name(name.c_str());
    };
    for (std::size_t id = 0; id < elements.size(); ++id) {
        const ElementInfo& e = elements[id];
        pugi::xml_node node = e.node;
        if (!e.xmlns.empty()) {
            for (pugi::xml_attribute a = node.first_attribute(); a;) {
                const pugi::xml_attribute next = a.next_attribute();
                const std::string_view attr = a.name();
                if (attr == "xmlns" || attr.rfind("xmlns:", 0) == 0) node.remove_attribute(a);
                a = next;
            }
        }
        rename(node, e.ns, e.local_name());
        for (std::uint32_t a = e.attr_begin; a < e.attr_end; ++a)
            if (attributes[a].local > 0) rename(attributes[a].attr, attributes[a].ns, attributes[a].local_name());
        // Each element declares its own alias: namespace-uri() finds it at
        // once instead of walking up to the root for every element.
        if (id != 0 && e.ns != k_ns_none && e.ns != k_ns_xml)
            node.append_attribute(("xmlns:" + aliases[e.ns]).c_str()).set_value(namespaces.uri(e.ns).c_str());
    }
    // The root declares every alias (attributes' namespaces are found there).
    pugi::xml_node root = elements[0].node;
    for (std::uint32_t ns = 0; ns < used.size(); ++ns) {
        if (!used[ns] || ns == k_ns_none || ns == k_ns_xml) continue;
        root.append_attribute(("xmlns:" + aliases[ns]).c_str()).set_value(namespaces.uri(ns).c_str());
    }
}

const std::vector<std::uint32_t>& Document::name_index() const {
    if (m_name_index.empty() && !elements.empty()) {
        m_name_index.resize(elements.size());
        for (std::uint32_t id = 0; id < elements.size(); ++id) m_name_index[id] = id;
        std::sort(m_name_index.begin(), m_name_index.end(), [&](std::uint32_t a, std::uint32_t b) {
            const ElementInfo& x = elements[a];
            const ElementInfo& y = elements[b];
            if (x.ns != y.ns) return x.ns < y.ns;
            const int c = x.local_name().compare(y.local_name());
            return c != 0 ? c < 0 : a < b;
        });
    }
    return m_name_index;
}

Position Document::position(std::uint32_t el) const { return position_at(text, elements[el].offset, label); }

std::uint32_t Document::find_id(const void* object) const {
    auto it = std::lower_bound(ids.begin(), ids.end(), object,
                               [](const std::pair<const void*, std::uint32_t>& a, const void* b) { return a.first < b; });
    return it != ids.end() && it->first == object ? it->second : k_none;
}

std::uint32_t Document::element_id(pugi::xml_node node) const {
    const std::uint32_t id = find_id(node.internal_object());
    return id == k_none || (id & k_attribute_bit) ? k_none : id;
}

std::uint32_t Document::attribute_node_id(pugi::xml_attribute attr) const {
    const std::uint32_t id = find_id(attr.internal_object());
    return id == k_none || !(id & k_attribute_bit) ? k_none : attribute_node(id & ~k_attribute_bit);
}

const char* Document::attribute(std::uint32_t el, std::uint32_t ns, std::string_view local) const {
    const ElementInfo& e = elements[el];
    if (!e.has_markup && (ns == k_ns_xml || ns == k_ns_its || ns == k_ns_itst)) return nullptr;
    for (std::uint32_t a = e.attr_begin; a < e.attr_end; ++a) {
        const AttributeInfo& at = attributes[a];
        if (at.ns == ns && at.local_name() == local) return at.attr.value();
    }
    return nullptr;
}

std::vector<std::pair<std::string, std::string>> Document::in_scope(std::uint32_t el) const {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::uint32_t e = el; e != k_none; e = elements[e].parent) {
        for (const auto& [name, uri] : elements[e].xmlns) {
            const std::string prefix = name.size() > 6 ? name.substr(6) : std::string();
            bool seen = false;
            for (const auto& o : out) seen = seen || o.first == prefix;
            if (!seen) out.emplace_back(prefix, uri);
        }
    }
    return out;
}

namespace {

class Loader {
public:
    Loader(Document& doc, std::string_view text) : m_doc(doc), m_text(text) {}

    Status run() {
        pugi::xml_node root;
        for (pugi::xml_node child : m_doc.tree.children()) {
            if (child.type() == pugi::node_element) {
                if (root) return error_at(child.offset_debug() - 1, "a document has one root element; found a second one");
                root = child;
            } else if ((child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) &&
                       !is_xml_blank(child.value())) {
                return error_at(root ? static_cast<std::ptrdiff_t>(m_text.size()) - 1 : 0,
                                "text outside the root element");
            }
        }
        if (!root) return fail(ErrorCode::invalid, "the document has no root element", Position{m_doc.label, 1, 1});
        return walk(root, k_none, 0);
    }

private:
    tl::unexpected<Error> error_at(std::ptrdiff_t offset, std::string message) const {
        const std::size_t at = offset < 0 ? 0 : static_cast<std::size_t>(offset);
        return fail(ErrorCode::invalid, std::move(message), position_at(m_text, at, m_doc.label));
    }

    // Line of the end of the start tag whose name starts at `offset`: libxml2
    // numbers an element after reading its attributes and the blanks that
    // follow them. Offsets only grow, so lines are counted incrementally.
    int locate(std::size_t offset) {
        count_to(offset);
        const std::size_t n = m_text.size();
        std::size_t j = find(offset, n, '>');
        // A quoted attribute value may hold a '>': walk the tag then.
        if (find(offset, j, '"') < j || find(offset, j, '\'') < j) {
            char quote = 0;
            for (j = offset; j < n; ++j) {
                const char c = m_text[j];
                if (quote) {
                    if (c == quote) quote = 0;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    break;
                }
            }
        }
        if (j > offset && m_text[j - 1] == '/') --j;
        return m_line + newlines(offset, j);
    }

    std::size_t find(std::size_t from, std::size_t to, char c) const {
        const void* p = std::memchr(m_text.data() + from, c, to - from);
        return p ? static_cast<std::size_t>(static_cast<const char*>(p) - m_text.data()) : to;
    }

    int newlines(std::size_t from, std::size_t to) const {
        int count = 0;
        for (std::size_t at = find(from, to, '\n'); at < to; at = find(at + 1, to, '\n')) ++count;
        return count;
    }

    void count_to(std::size_t offset) {
        offset = std::min(offset, m_text.size());
        if (offset <= m_pos) return;
        m_line += newlines(m_pos, offset);
        m_pos = offset;
    }

    std::uint32_t lookup(std::string_view prefix) const {
        for (auto it = m_bindings.rbegin(); it != m_bindings.rend(); ++it)
            if (it->first == prefix) return it->second;
        return k_none;
    }

    Status walk(pugi::xml_node node, std::uint32_t parent, int depth) {
        if (depth >= k_max_depth)
            return error_at(node.offset_debug() - 1, "elements nested deeper than " + std::to_string(k_max_depth));
        const auto id = static_cast<std::uint32_t>(m_doc.elements.size());
        m_doc.elements.emplace_back();
        {
            ElementInfo& info = m_doc.elements[id];
            info.node = node;
            info.parent = parent;
            info.qname = node.name();
            info.has_children = static_cast<bool>(node.first_child());
            const auto name_at = static_cast<std::size_t>(node.offset_debug());
            info.line = locate(name_at);
            info.offset = static_cast<std::uint32_t>(name_at > 0 ? name_at - 1 : 0);
        }
        m_doc.ids.emplace_back(node.internal_object(), id);
        const std::size_t bindings_before = m_bindings.size();
        const std::ptrdiff_t offset = m_doc.elements[id].offset;  // the '<'; errors about the element point there

        // Namespace declarations first: they scope the element's own name.
        for (pugi::xml_attribute attr : node.attributes()) {
            const std::string_view name = attr.name();
            if (name == "xmlns" || name.rfind("xmlns:", 0) == 0) {
                const std::string_view prefix = name.size() > 5 ? name.substr(6) : std::string_view();
                const std::string_view uri = attr.value();
                if (!prefix.empty() && uri.empty())
                    return error_at(offset, "namespace prefix \"" + std::string(prefix) + "\" declared empty");
                if (prefix == "xml" || prefix == "xmlns")
                    return error_at(offset, "the prefix \"" + std::string(prefix) + "\" cannot be declared");
                m_bindings.emplace_back(std::string(prefix), m_doc.namespaces.intern(uri));
                m_doc.elements[id].xmlns.emplace_back(std::string(name), std::string(uri));
            }
        }

        auto resolve = [&](std::string_view qname, bool element, std::uint32_t& ns,
                           std::uint32_t& local) -> Status {
            const std::size_t colon = qname.find(':');
            if (colon == std::string_view::npos) {
                local = 0;
                ns = element ? lookup("") : k_ns_none;
                if (ns == k_none) ns = k_ns_none;
                return {};
            }
            if (colon == 0 || colon + 1 == qname.size() || qname.find(':', colon + 1) != std::string_view::npos)
                return error_at(offset, std::string("\"").append(qname).append("\" is not a valid qualified name"));
            const std::string_view prefix = qname.substr(0, colon);
            local = static_cast<std::uint32_t>(colon + 1);
            if (prefix == "xml") {
                ns = k_ns_xml;
                return {};
            }
            ns = lookup(prefix);
            if (ns == k_none)
                return error_at(offset, std::string("namespace prefix \"").append(prefix).append("\" is not declared"));
            return {};
        };

        {
            std::uint32_t ns = 0, local = 0;
            if (auto s = resolve(m_doc.elements[id].qname, true, ns, local); !s) return s;
            // An XInclude stays the element it is, never loaded, as itstool
            // keeps one of XML. One of text would be replaced by the file's
            // text, which only reading the file could give: refused.
            if ((ns == k_ns_xinclude || ns == k_ns_xinclude_2003) && std::string_view(node.attribute("parse").value()) == "text")
                return error_at(offset, "XInclude of text (parse=\"text\") is refused: Tandem does not read other files");
            ElementInfo& info = m_doc.elements[id];
            info.ns = ns;
            info.local = local;
            if (ns == k_ns_its && info.local_name() == "rules") m_doc.rules_elements.push_back(id);
        }

        // Attributes: numbered, checked for duplicates, renamed.
        const auto attr_begin = static_cast<std::uint32_t>(m_doc.attributes.size());
        for (pugi::xml_attribute attr : node.attributes()) {
            const std::string_view name = attr.name();
            if (name == "xmlns" || name.rfind("xmlns:", 0) == 0) continue;
            AttributeInfo info;
            info.attr = attr;
            info.owner = id;
            info.qname = std::string(name);
            if (auto s = resolve(info.qname, false, info.ns, info.local); !s) return s;
            for (std::uint32_t other = attr_begin; other < m_doc.attributes.size(); ++other) {
                const AttributeInfo& o = m_doc.attributes[other];
                if (o.qname == info.qname || (o.ns == info.ns && o.local_name() == info.local_name()))
                    return error_at(offset, "attribute \"" + info.qname + "\" appears twice");
            }
            const auto aid = static_cast<std::uint32_t>(m_doc.attributes.size());
            m_doc.ids.emplace_back(attr.internal_object(), aid | k_attribute_bit);
            m_doc.attributes.push_back(std::move(info));
        }
        const auto attr_end = static_cast<std::uint32_t>(m_doc.attributes.size());
        {
            ElementInfo& info = m_doc.elements[id];
            info.attr_begin = attr_begin;
            info.attr_end = attr_end;
            info.has_markup = info.ns == k_ns_its || info.ns == k_ns_xhtml;
            for (std::uint32_t a = attr_begin; a < attr_end; ++a) {
                const std::uint32_t ans = m_doc.attributes[a].ns;
                if (ans == k_ns_xml || ans == k_ns_its || ans == k_ns_itst) info.has_markup = true;
            }
            info.space = parent == k_none ? XmlSpace::unset : m_doc.elements[parent].space;
            if (const char* space = m_doc.attribute(id, k_ns_xml, "space")) {
                const std::string_view v = space;
                if (v == "preserve") info.space = XmlSpace::preserve;
                else if (v == "default") info.space = XmlSpace::default_;
            }
        }

        for (pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            m_doc.elements[id].has_element_children = true;
            if (auto s = walk(child, id, depth + 1); !s) return s;
        }
        m_doc.elements[id].end = static_cast<std::uint32_t>(m_doc.elements.size());
        m_bindings.resize(bindings_before);
        return {};
    }

    Document& m_doc;
    std::string_view m_text;
    std::vector<std::pair<std::string, std::uint32_t>> m_bindings;
    std::size_t m_pos = 0;
    int m_line = 1;
};

constexpr unsigned k_parse_options = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_wconv_attribute |
                                     pugi::parse_eol | pugi::parse_ws_pcdata | pugi::parse_comments |
                                     pugi::parse_pi | pugi::parse_declaration | pugi::parse_doctype;

}  // namespace

Result<std::unique_ptr<Document>> load_document(std::string_view xml, std::string_view label,
                                                const NamespaceTable& known) {
    auto text = scan_document(xml, label);
    if (!text) return tl::unexpected(text.error());
    auto doc = std::make_unique<Document>();
    doc->label = std::string(label);
    doc->text = *text;
    doc->namespaces = NamespaceTable(&known);
    const pugi::xml_parse_result parsed =
        doc->tree.load_buffer(text->data(), text->size(), k_parse_options, pugi::encoding_utf8);
    if (!parsed) {
        const auto at = parsed.offset < 0 ? 0 : static_cast<std::size_t>(parsed.offset);
        return fail(ErrorCode::invalid, std::string("malformed XML: ") + parsed.description(),
                    position_at(*text, at, std::string(label)));
    }
    // About one element per two '<': enough room that the vectors never move.
    std::size_t tags = 0;
    for (const char* p = text->data(); (p = static_cast<const char*>(std::memchr(p, '<', text->data() + text->size() - p)));
         ++p)
        ++tags;
    doc->elements.reserve(tags / 2 + 8);
    doc->ids.reserve(tags + 8);
    doc->attributes.reserve(tags / 2 + 8);
    Loader loader(*doc, *text);
    if (auto s = loader.run(); !s) return tl::unexpected(s.error());
    std::sort(doc->ids.begin(), doc->ids.end());
    return doc;
}

Result<std::unique_ptr<Document>> load_document(std::string_view text, std::string_view label,
                                                const NamespaceTable& known, Syntax syntax) {
    return syntax == Syntax::html ? load_html_document(text, label, known) : load_document(text, label, known);
}

}  // namespace tandem::its
