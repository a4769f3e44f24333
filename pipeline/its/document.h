#pragma once
// A parsed document prepared for ITS processing. Internal to pipeline/its
// (pugixml types stay in this folder).
//
// load_document() parses with pugixml after scan_document()'s byte checks and
// checks what pugixml does not: one root element, declared namespace
// prefixes, no duplicate attributes, no XInclude, bounded depth. Elements and
// attributes are numbered in document order, and renamed so that pugixml's
// namespace-unaware XPath matches by namespace (done on the first XPath
// evaluation, by prepare_xpath()): a name in a namespace becomes
// "<alias>:<local>" with one alias per namespace URI ("xml" for the XML
// namespace, "n<k>" otherwise), the document's xmlns attributes are moved out
// of the tree (XPath does not see them as attributes) and the root declares
// the aliases so that namespace-uri() still answers. The names as written
// are kept beside the tree for output.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "cms/core/result.h"
#include "pipeline/its/its.h"

namespace tandem::its {

inline constexpr std::uint32_t k_none = 0xFFFFFFFFu;

// How deep elements may nest, in XML and in HTML: deeper is refused.
inline constexpr int k_max_depth = 256;

// Namespace URIs and their small numbers; 0 is "no namespace". The first
// numbers are fixed (below) so that every table agrees on them. A table can
// extend another (which must outlive it) without copying it: a document's
// table extends the one its rules were compiled with.
class NamespaceTable {
public:
    NamespaceTable();
    explicit NamespaceTable(const NamespaceTable* base);
    std::uint32_t intern(std::string_view uri);
    std::uint32_t find(std::string_view uri) const;  // k_none when unknown
    const std::string& uri(std::uint32_t index) const;
    std::string alias(std::uint32_t index) const;  // "xml", "n3"
    std::size_t size() const { return m_first + m_uris.size(); }

private:
    const NamespaceTable* m_base = nullptr;
    std::uint32_t m_first = 0;  // the number of m_uris[0]
    std::vector<std::string> m_uris;
};

inline constexpr std::uint32_t k_ns_none = 0;
inline constexpr std::uint32_t k_ns_xml = 1;
inline constexpr std::uint32_t k_ns_its = 2;
inline constexpr std::uint32_t k_ns_itst = 3;
inline constexpr std::uint32_t k_ns_xlink = 4;
inline constexpr std::uint32_t k_ns_xhtml = 5;
inline constexpr std::uint32_t k_ns_xinclude = 6;
inline constexpr std::uint32_t k_ns_xinclude_2003 = 7;

inline constexpr std::string_view k_uri_its = "http://www.w3.org/2005/11/its";
inline constexpr std::string_view k_uri_itst = "http://itstool.org/extensions/";

enum class XmlSpace : std::uint8_t { unset, default_, preserve };

struct ElementInfo {
    pugi::xml_node node;
    std::uint32_t parent = k_none;
    std::uint32_t end = 0;  // one past the id of the last descendant
    std::uint32_t attr_begin = 0;
    std::uint32_t attr_end = 0;
    std::uint32_t ns = k_ns_none;
    std::uint32_t local = 0;  // where the local name starts in qname
    int line = 0;             // line of the end of the start tag, as libxml2 counts
    std::uint32_t offset = 0;  // of the '<' in Document::text (for error positions)
    XmlSpace space = XmlSpace::unset;  // the nearest xml:space, ancestors included
    bool has_children = false;         // any child node (itstool writes <x/> otherwise)
    bool has_markup = false;           // an attribute in the xml, its or itst namespace, or its:span, or XHTML
    bool has_element_children = false;
    std::string qname;                                        // as written
    std::vector<std::pair<std::string, std::string>> xmlns;  // ("xmlns:p" or "xmlns", uri) as written

    std::string_view local_name() const { return std::string_view(qname).substr(local); }
};

struct AttributeInfo {
    pugi::xml_attribute attr;
    std::uint32_t owner = k_none;
    std::uint32_t ns = k_ns_none;
    std::uint32_t local = 0;
    std::string qname;  // as written

    std::string_view local_name() const { return std::string_view(qname).substr(local); }
    std::string_view value() const { return attr.value(); }
};

struct Document {
    pugi::xml_document tree;
    Syntax syntax = Syntax::xml;
    std::string label;
    std::string_view text;  // the bytes parsed (the caller's, which outlive the Document)
    NamespaceTable namespaces;
    std::vector<ElementInfo> elements;      // document order; 0 is the root
    std::vector<AttributeInfo> attributes;  // document order
    // Where the document's own rules are, in document order: its:rules
    // elements in XML; in HTML, <link rel="its-rules"> and
    // <script type="application/its+xml"> elements.
    std::vector<std::uint32_t> rules_elements;

    // Nodes are numbered elements first, then attributes: node id of
    // attribute a is elements.size() + a.
    std::uint32_t node_count() const { return static_cast<std::uint32_t>(elements.size() + attributes.size()); }
    std::uint32_t attribute_node(std::uint32_t a) const { return static_cast<std::uint32_t>(elements.size()) + a; }
    bool is_attribute_node(std::uint32_t id) const { return id >= elements.size(); }

    // Renames the tree for pugixml's XPath (see above); done once, on demand.
    void prepare_xpath() const;

    // Element ids sorted by (namespace, local name, id); made once, on demand.
    const std::vector<std::uint32_t>& name_index() const;

    // Where element `el` starts, for error messages (counts the text: not for every element).
    Position position(std::uint32_t el) const;

    // The node id of a pugixml element or attribute, k_none if not one of ours.
    std::uint32_t find_id(const void* object) const;
    std::uint32_t element_id(pugi::xml_node node) const;
    std::uint32_t attribute_node_id(pugi::xml_attribute attr) const;

    // The value of element `el`'s attribute {ns}local, or nullptr.
    const char* attribute(std::uint32_t el, std::uint32_t ns, std::string_view local) const;

    // The namespaces in scope at `el` as (prefix, uri), innermost first;
    // "" is the default namespace.
    std::vector<std::pair<std::string, std::string>> in_scope(std::uint32_t el) const;

    // (pugixml node or attribute, element id or attribute id | k_attribute_bit), sorted.
    std::vector<std::pair<const void*, std::uint32_t>> ids;

private:
    mutable bool m_xpath_ready = false;
    mutable std::vector<std::uint32_t> m_name_index;
};

inline constexpr std::uint32_t k_attribute_bit = 0x80000000u;

// Parses `xml` (bytes already passed through scan_document) into a prepared
// Document; `known` numbers the namespaces selectors were compiled with.
// Errors: invalid, with line and column.
Result<std::unique_ptr<Document>> load_document(std::string_view xml, std::string_view label,
                                                const NamespaceTable& known);

// load_document, or load_html_document (pipeline/its/html.h) for Syntax::html.
Result<std::unique_ptr<Document>> load_document(std::string_view text, std::string_view label,
                                                const NamespaceTable& known, Syntax syntax);

}  // namespace tandem::its
