// HTML5 into a Document, with gumbo 0.10.1 (Debian's libgumbo) inside.
//
// gumbo has no limits of its own (later forks added max_tree_depth for this
// reason), and HTML5 tree construction is costly on hostile input: a stack
// of n open elements makes every later tag, and every character after an
// open formatting element, walk n entries (250 KB of "<div>" took 5 s), and
// formatting elements left open are cloned again after each closed block
// (68 KB made 2.2 GB of nodes). So the parser runs with an allocator that
// keeps a budget: live memory at most k_memory_factor times the input plus
// k_memory_base, and elements at most a little deeper than k_max_depth
// (measured on each new node once gumbo has put it in the tree). Past
// either, the allocator longjmps out of gumbo (C, no destructors to skip)
// and every block gumbo had is freed here. The tree is freed the same way
// after a normal parse: gumbo_destroy_output would recurse once per level.
//
// gumbo 0.10.1 also has bugs that its own assertions catch (fuzzing found
// "<table><math><select><mi><select/><table>" failing one in parser.c), and
// Debian builds it with assertions on: they would abort the process. So
// __assert_fail is defined here: on a thread inside a parse it leaves gumbo
// the same way; anywhere else it is glibc's, unchanged.

#include <dlfcn.h>
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <csetjmp>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "cms/core/text.h"
#include "pipeline/its/html.h"
#include "pipeline/its/text_util.h"

namespace tandem::its {
namespace {

constexpr std::size_t k_memory_factor = 32;  // gumbo needs 6 to 12 times a real page
constexpr std::size_t k_memory_base = std::size_t{32} << 20;
// The parser's depth is an estimate (gumbo moves nodes after inserting
// them): it stops runaway nesting; the exact k_max_depth check is load's.
constexpr int k_parser_depth_limit = k_max_depth + 16;
// gumbo counts offsets, lines and columns in 32 bits.
constexpr std::size_t k_max_html_bytes = std::numeric_limits<std::uint32_t>::max() - 1;

constexpr std::string_view k_uri_svg = "http://www.w3.org/2000/svg";
constexpr std::string_view k_uri_mathml = "http://www.w3.org/1998/Math/MathML";

// Every block gumbo allocates, in a list, so that all can be freed without
// gumbo; and the depth of each node gumbo has put in the tree.
class ParserBudget {
public:
    enum class Stop { none, memory, depth, assertion };

    explicit ParserBudget(std::size_t limit) : m_limit(limit) {}
    ParserBudget(const ParserBudget&) = delete;
    ParserBudget& operator=(const ParserBudget&) = delete;
    ~ParserBudget() {
        for (Block* b = m_blocks; b;) {
            Block* next = b->next;
            std::free(b);
            b = next;
        }
    }

    std::jmp_buf& escape() { return m_escape; }
    Stop stop() const { return m_stop; }
    int deep_line() const { return m_deep_line; }
    const std::string& failed_check() const { return m_failed_check; }

    [[noreturn]] void fail_assertion(const char* file, unsigned line) {
        m_stop = Stop::assertion;
        try {
            m_failed_check = std::string(file) + ":" + std::to_string(line);
        } catch (const std::bad_alloc&) {
            m_failed_check.clear();
        }
        std::longjmp(m_escape, 1);
    }

    static void* allocate(void* self, std::size_t size) { return static_cast<ParserBudget*>(self)->allocate(size); }
    static void deallocate(void* self, void* ptr) { static_cast<ParserBudget*>(self)->deallocate(ptr); }

private:
    struct alignas(16) Block {
        Block* prev;
        Block* next;
        std::size_t size;
    };

    static constexpr int k_unknown = -1;
    // What a node's entry in m_depth costs besides the block (map node and bucket).
    static constexpr std::size_t k_tracking_cost = 64;

    // Called from inside gumbo: it may longjmp, so no object with a
    // destructor is alive when it does.
    void* allocate(std::size_t size) {
        settle();
        const std::size_t cost = sizeof(Block) + size + (size == sizeof(GumboNode) ? k_tracking_cost : 0);
        if (m_stop == Stop::none && m_live + cost > m_limit) m_stop = Stop::memory;
        Block* block = m_stop == Stop::none ? static_cast<Block*>(std::malloc(sizeof(Block) + size)) : nullptr;
        if (m_stop == Stop::none && !block) m_stop = Stop::memory;
        if (m_stop != Stop::none) std::longjmp(m_escape, 1);
        block->prev = nullptr;
        block->next = m_blocks;
        block->size = size;
        if (m_blocks) m_blocks->prev = block;
        m_blocks = block;
        m_live += cost;
        void* data = block + 1;
        // A block the size of a node may be one: zeroed, so that its parent
        // reads null until gumbo sets it.
        if (size == sizeof(GumboNode) && !track(data)) {
            m_stop = Stop::memory;
            std::longjmp(m_escape, 1);
        }
        return data;
    }

    void deallocate(void* data) {
        if (!data) return;
        Block* block = static_cast<Block*>(data) - 1;
        std::size_t cost = sizeof(Block) + block->size;
        if (block->size == sizeof(GumboNode)) {
            cost += k_tracking_cost;
            m_depth.erase(data);
            const auto pending = std::find(m_pending.begin(), m_pending.end(), data);
            if (pending != m_pending.end()) m_pending.erase(pending);
        }
        if (block->prev) block->prev->next = block->next;
        else m_blocks = block->next;
        if (block->next) block->next->prev = block->prev;
        m_live -= cost;
        std::free(block);
    }

    bool track(void* data) {
        std::memset(data, 0, sizeof(GumboNode));
        try {
            m_depth.emplace(data, k_unknown);
            // Among the few latest nodes, the ones gumbo has not placed yet.
            if (m_pending.size() >= k_max_pending) m_pending.erase(m_pending.begin());
            m_pending.push_back(data);
        } catch (const std::bad_alloc&) {
            return false;
        }
        return true;
    }

    // Gives a depth to pending nodes gumbo has since put in the tree, and
    // stops the parse past the limit.
    void settle() {
        for (std::size_t i = 0; i < m_pending.size();) {
            const auto* node = static_cast<const GumboNode*>(m_pending[i]);
            if (!node->parent) {
                ++i;
                continue;
            }
            m_pending.erase(m_pending.begin() + static_cast<std::ptrdiff_t>(i));
            if (depth_of(node) > k_parser_depth_limit && m_stop == Stop::none) {
                m_stop = Stop::depth;
                if (type_of(node) == GUMBO_NODE_ELEMENT) m_deep_line = static_cast<int>(node->v.element.start_pos.line);
            }
        }
    }

    // A tracked block's node type, read as a number: a block that is not a
    // node holds any bits there.
    static std::underlying_type_t<GumboNodeType> type_of(const GumboNode* node) {
        std::underlying_type_t<GumboNodeType> type;
        std::memcpy(&type, &node->type, sizeof type);
        return type;
    }

    // A node's depth (the document's is 0), counted up to the nearest
    // ancestor whose depth is known and remembered on the way; k_unknown
    // while its chain is not in the tree. Only blocks known to be node-sized
    // are read: a vector's buffer can have a node's size too, and then its
    // "parent" names no node, or gives a depth at most one too deep, which
    // the slack absorbs.
    int depth_of(const GumboNode* node) {
        std::array<std::unordered_map<const void*, int>::iterator, k_parser_depth_limit + 1> chain;
        std::size_t length = 0;
        int base = 0;
        for (const GumboNode* at = node;; at = at->parent) {
            const auto found = m_depth.find(at);
            if (found == m_depth.end()) return k_unknown;
            if (found->second != k_unknown) {
                base = found->second;
                break;
            }
            if (type_of(at) == GUMBO_NODE_DOCUMENT) {
                found->second = 0;
                break;
            }
            if (length == chain.size()) return k_parser_depth_limit + 1;
            chain[length++] = found;
            if (!at->parent) return k_unknown;
        }
        for (std::size_t i = length; i-- > 0;) chain[i]->second = base + static_cast<int>(length - i);
        return base + static_cast<int>(length);
    }

    static constexpr std::size_t k_max_pending = 16;

    std::jmp_buf m_escape;
    Stop m_stop = Stop::none;
    int m_deep_line = 0;
    std::string m_failed_check;
    std::size_t m_limit;
    std::size_t m_live = 0;
    Block* m_blocks = nullptr;
    std::unordered_map<const void*, int> m_depth;
    std::vector<const void*> m_pending;
};

// The parse running on this thread, for __assert_fail.
thread_local ParserBudget* t_parsing = nullptr;

// Apart, and holding nothing with a destructor: the budget's longjmp
// returns here.
GumboOutput* parse_within(ParserBudget& budget, const GumboOptions* options, const char* data, std::size_t size) {
    if (setjmp(budget.escape()) != 0) return nullptr;
    return gumbo_parse_with_options(options, data, size);
}

std::string element_name(const GumboElement& element) {
    std::string name;
    GumboStringPiece tag = element.original_tag;
    if (element.tag != GUMBO_TAG_UNKNOWN) {
        name = gumbo_normalized_tagname(element.tag);
    } else if (tag.data && tag.length > 0) {
        gumbo_tag_from_original_text(&tag);
        name = ascii_lower(std::string_view(tag.data, tag.length));
    }
    if (element.tag_namespace == GUMBO_NAMESPACE_SVG && tag.data && tag.length > 0) {
        if (element.tag != GUMBO_TAG_UNKNOWN) gumbo_tag_from_original_text(&tag);
        if (const char* svg = gumbo_normalize_svg_tagname(&tag)) name = svg;
    }
    return name.empty() ? std::string("unknown") : name;
}

// Whether a space-separated list (rel="stylesheet its-rules") holds `token`,
// compared in ASCII lower case.
bool has_token(std::string_view list, std::string_view token) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
    std::size_t i = 0;
    while (i < list.size()) {
        while (i < list.size() && space(list[i])) ++i;
        std::size_t j = i;
        while (j < list.size() && !space(list[j])) ++j;
        if (j > i && ascii_lower(list.substr(i, j - i)) == token) return true;
        i = j;
    }
    return false;
}

class HtmlLoader {
public:
    explicit HtmlLoader(Document& doc) : m_doc(doc) {}

    Status run(const GumboNode* root) {
        m_svg = m_doc.namespaces.intern(k_uri_svg);
        m_mathml = m_doc.namespaces.intern(k_uri_mathml);
        return element(root, m_doc.tree, k_none, 0);
    }

private:
    tl::unexpected<Error> error_at(std::size_t offset, std::string message) const {
        return fail(ErrorCode::invalid, std::move(message), position_at(m_doc.text, offset, m_doc.label));
    }

    std::uint32_t namespace_of(GumboNamespaceEnum ns) const {
        return ns == GUMBO_NAMESPACE_SVG ? m_svg : ns == GUMBO_NAMESPACE_MATHML ? m_mathml : k_ns_xhtml;
    }

    void attributes(const GumboElement& element, pugi::xml_node out, std::uint32_t id) {
        for (unsigned i = 0; i < element.attributes.length; ++i) {
            const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
            const std::string_view name = attr->name;
            // Namespace declarations mean nothing in HTML and are not attributes in XML.
            if (attr->attr_namespace == GUMBO_ATTR_NAMESPACE_XMLNS || name == "xmlns" || name.rfind("xmlns:", 0) == 0)
                continue;
            AttributeInfo info;
            info.owner = id;
            if (attr->attr_namespace == GUMBO_ATTR_NAMESPACE_XLINK) {
                info.ns = k_ns_xlink;
                info.qname = "xlink:";
            } else if (attr->attr_namespace == GUMBO_ATTR_NAMESPACE_XML) {
                info.ns = k_ns_xml;
                info.qname = "xml:";
            }
            info.local = static_cast<std::uint32_t>(info.qname.size());
            info.qname += name;
            info.attr = out.append_attribute(info.qname.c_str());
            info.attr.set_value(attr->value);
            m_doc.ids.emplace_back(info.attr.internal_object(),
                                   static_cast<std::uint32_t>(m_doc.attributes.size()) | k_attribute_bit);
            m_doc.attributes.push_back(std::move(info));
        }
    }

    bool holds_rules(std::uint32_t id) const {
        const ElementInfo& e = m_doc.elements[id];
        if (e.ns != k_ns_xhtml) return false;
        if (e.qname == "link") {
            const char* rel = m_doc.attribute(id, k_ns_none, "rel");
            return rel && has_token(rel, "its-rules") && m_doc.attribute(id, k_ns_none, "href");
        }
        if (e.qname == "script") {
            const char* type = m_doc.attribute(id, k_ns_none, "type");
            return type && ascii_lower(strip_space(type)) == "application/its+xml";
        }
        return false;
    }

    Status element(const GumboNode* node, pugi::xml_node parent_out, std::uint32_t parent, int depth) {
        const GumboElement& element = node->v.element;
        if (depth >= k_max_depth)
            return error_at(element.start_pos.offset, "elements nested deeper than " + std::to_string(k_max_depth));
        pugi::xml_node out = parent_out.append_child(pugi::node_element);
        const auto id = static_cast<std::uint32_t>(m_doc.elements.size());
        {
            ElementInfo info;
            info.node = out;
            info.parent = parent;
            info.qname = element_name(element);
            info.ns = namespace_of(element.tag_namespace);
            info.line = element.start_pos.line > 0 ? static_cast<int>(element.start_pos.line) : 1;
            info.offset = element.start_pos.offset;
            // HTML's own markup is read on every element, like XHTML's.
            info.has_markup = true;
            info.space = parent == k_none ? XmlSpace::unset : m_doc.elements[parent].space;
            if (info.ns == k_ns_xhtml && (info.qname == "pre" || info.qname == "textarea" || info.qname == "listing" ||
                                          info.qname == "plaintext"))
                info.space = XmlSpace::preserve;
            out.set_name(info.qname.c_str());
            info.attr_begin = static_cast<std::uint32_t>(m_doc.attributes.size());
            m_doc.elements.push_back(std::move(info));
        }
        m_doc.ids.emplace_back(out.internal_object(), id);
        attributes(element, out, id);
        m_doc.elements[id].attr_end = static_cast<std::uint32_t>(m_doc.attributes.size());
        if (holds_rules(id)) m_doc.rules_elements.push_back(id);

        for (unsigned i = 0; i < element.children.length; ++i) {
            const auto* child = static_cast<const GumboNode*>(element.children.data[i]);
            switch (child->type) {
                case GUMBO_NODE_ELEMENT:
                case GUMBO_NODE_TEMPLATE:
                    m_doc.elements[id].has_element_children = true;
                    if (auto s = this->element(child, out, id, depth + 1); !s) return s;
                    break;
                case GUMBO_NODE_TEXT:
                case GUMBO_NODE_WHITESPACE:
                    out.append_child(pugi::node_pcdata).set_value(child->v.text.text);
                    break;
                case GUMBO_NODE_CDATA:
                    out.append_child(pugi::node_cdata).set_value(child->v.text.text);
                    break;
                case GUMBO_NODE_COMMENT:
                    out.append_child(pugi::node_comment).set_value(child->v.text.text);
                    break;
                case GUMBO_NODE_DOCUMENT:
                    break;
            }
        }
        m_doc.elements[id].has_children = static_cast<bool>(out.first_child());
        m_doc.elements[id].end = static_cast<std::uint32_t>(m_doc.elements.size());
        return {};
    }

    Document& m_doc;
    std::uint32_t m_svg = k_none;
    std::uint32_t m_mathml = k_none;
};

}  // namespace

Result<std::unique_ptr<Document>> load_html_document(std::string_view html, std::string_view label,
                                                     const NamespaceTable& known) {
    if (html.size() > k_max_html_bytes)
        return fail(ErrorCode::invalid, "an HTML document may not exceed 4 GiB", Position{std::string(label), 0, 0});
    if (html.substr(0, 3) == "\xEF\xBB\xBF") html.remove_prefix(3);
    if (auto s = check_utf8(html, label); !s) return tl::unexpected(s.error());
    auto doc = std::make_unique<Document>();
    doc->syntax = Syntax::html;
    doc->label = std::string(label);
    doc->text = html;
    doc->namespaces = NamespaceTable(&known);

    const std::size_t memory = k_memory_factor * html.size() + k_memory_base;
    ParserBudget budget(memory);
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &ParserBudget::allocate;
    options.deallocator = &ParserBudget::deallocate;
    options.userdata = &budget;
    options.max_errors = 0;  // HTML5 repairs every error the way browsers do; none is reported
    t_parsing = &budget;
    const GumboOutput* output = parse_within(budget, &options, html.data(), html.size());
    t_parsing = nullptr;
    if (!output) {
        if (budget.stop() == ParserBudget::Stop::assertion)
            return fail(ErrorCode::invalid,
                        "the HTML parser (gumbo) failed its own check " + budget.failed_check() +
                            " on this document; it is not read",
                        Position{doc->label, 0, 0});
        if (budget.stop() == ParserBudget::Stop::depth)
            return fail(ErrorCode::invalid, "elements nested deeper than " + std::to_string(k_max_depth),
                        Position{doc->label, budget.deep_line(), 0});
        return fail(ErrorCode::invalid,
                    "the HTML needs more than " + std::to_string(memory >> 20) +
                        " MiB to parse (formatting elements left open, cloned again and again?)",
                    Position{doc->label, 0, 0});
    }
    HtmlLoader loader(*doc);
    if (auto s = loader.run(output->root); !s) return tl::unexpected(s.error());
    std::sort(doc->ids.begin(), doc->ids.end());
    return doc;
}

}  // namespace tandem::its

// glibc's declaration (assert.h): same signature and exception specification.
extern "C" void __assert_fail(const char* assertion, const char* file, unsigned int line,
                              const char* function) noexcept {
    if (tandem::its::ParserBudget* budget = tandem::its::t_parsing) budget->fail_assertion(file, line);
    using AssertFail = void (*)(const char*, const char*, unsigned int, const char*);
    static const auto glibc = reinterpret_cast<AssertFail>(dlsym(RTLD_NEXT, "__assert_fail"));
    if (glibc) glibc(assertion, file, line, function);
    std::abort();
}
