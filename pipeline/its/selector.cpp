#include "pipeline/its/selector.h"

#include <algorithm>
#include <cmath>
#include <exception>

#include "pipeline/its/text_util.h"

namespace tandem::its {
namespace {

bool name_start(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr std::string_view k_functions[] = {
    "last", "position", "count", "id", "local-name", "namespace-uri", "name", "string", "concat", "starts-with",
    "contains", "substring-before", "substring-after", "substring", "string-length", "normalize-space", "translate",
    "boolean", "not", "true", "false", "lang", "number", "sum", "floor", "ceiling", "round"};
constexpr std::string_view k_node_types[] = {"comment", "text", "processing-instruction", "node"};
constexpr std::string_view k_search_axes[] = {"descendant", "descendant-or-self", "ancestor", "ancestor-or-self",
                                              "following", "preceding", "following-sibling", "preceding-sibling"};

template <std::size_t N>
bool one_of(std::string_view word, const std::string_view (&list)[N]) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

// Rewrites name tests to aliases while checking the bounds; XPath 1.0's
// lexical rules (section 3.7) tell name tests from operator names, function
// names, node types and axis names.
class Rewriter {
public:
    Rewriter(std::string_view in, const Bindings& bindings, NamespaceTable& table)
        : m_in(in), m_bindings(bindings), m_table(table) {}

    Status run() {
        std::size_t i = 0;
        const std::size_t n = m_in.size();
        while (i < n) {
            const char c = m_in[i];
            if (space(c)) {
                m_out += c;
                ++i;
            } else if (c == '\'' || c == '"') {
                const std::size_t end = m_in.find(c, i + 1);
                if (end == std::string_view::npos) return bad("unclosed string literal");
                m_out.append(m_in.substr(i, end + 1 - i));
                i = end + 1;
                m_prev = Prev::other;
            } else if ((c >= '0' && c <= '9') || (c == '.' && i + 1 < n && m_in[i + 1] >= '0' && m_in[i + 1] <= '9')) {
                while (i < n && ((m_in[i] >= '0' && m_in[i] <= '9') || m_in[i] == '.')) m_out += m_in[i++];
                m_prev = Prev::other;
            } else if (c == '(' || c == '[') {
                m_stack.push_back(c);
                if (static_cast<int>(m_stack.size()) > k_max_nesting)
                    return bad("nested deeper than " + std::to_string(k_max_nesting) + " brackets");
                if (c == '[') ++m_brackets;
                m_out += c;
                ++i;
                m_prev = Prev::open;
            } else if (c == ')' || c == ']') {
                if (m_stack.empty() || m_stack.back() != (c == ')' ? '(' : '[')) return bad("unbalanced brackets");
                m_stack.pop_back();
                if (c == ']') --m_brackets;
                m_out += c;
                ++i;
                m_prev = Prev::other;
            } else if (c == ',' || c == '@') {
                m_out += c;
                ++i;
                m_prev = Prev::open;
            } else if (c == ':' && i + 1 < n && m_in[i + 1] == ':') {
                m_out += "::";
                i += 2;
                m_prev = Prev::open;
            } else if (c == '.') {
                m_out += c;
                ++i;
                if (i < n && m_in[i] == '.') m_out += m_in[i++];
                m_prev = Prev::other;
            } else if (c == '/') {
                if (i + 1 < n && m_in[i + 1] == '/') {
                    search();
                    m_out += "//";
                    i += 2;
                } else {
                    m_out += '/';
                    ++i;
                }
                m_prev = Prev::op;
            } else if (c == '|') {
                if (m_stack.empty()) m_unions.push_back(m_out.size());
                m_out += c;
                ++i;
                m_prev = Prev::op;
            } else if (c == '+' || c == '-' || c == '=' || c == '<' || c == '>' || c == '!') {
                m_out += c;
                ++i;
                if (i < n && m_in[i] == '=') m_out += m_in[i++];
                m_prev = Prev::op;
            } else if (c == '*') {
                m_out += c;
                ++i;
                m_prev = m_prev == Prev::other ? Prev::op : Prev::other;
            } else if (c == '$') {
                m_out += c;
                ++i;
                while (i < n && (name_char(m_in[i]) || m_in[i] == ':')) m_out += m_in[i++];
                m_prev = Prev::other;
            } else if (name_start(c)) {
                if (auto s = name(i); !s) return s;
            } else {
                return bad(std::string("unexpected character '") + c + "'");
            }
        }
        if (!m_stack.empty()) return bad("unbalanced brackets");
        return {};
    }

    std::string& out() { return m_out; }
    const std::vector<std::size_t>& unions() const { return m_unions; }
    int search_depth() const { return m_search_depth; }

private:
    enum class Prev { none, open, op, other };

    tl::unexpected<Error> bad(std::string message) const { return fail(ErrorCode::invalid, std::move(message)); }

    void search() { m_search_depth = std::max(m_search_depth, m_brackets); }

    Status name(std::size_t& i) {
        const std::size_t n = m_in.size();
        const std::size_t start = i;
        while (i < n && name_char(m_in[i])) ++i;
        std::string_view prefix;
        std::string_view local = m_in.substr(start, i - start);
        if (i + 1 < n && m_in[i] == ':' && m_in[i + 1] != ':') {
            prefix = local;
            ++i;
            const std::size_t lstart = i;
            if (i < n && m_in[i] == '*') {
                ++i;
            } else {
                while (i < n && name_char(m_in[i])) ++i;
            }
            local = m_in.substr(lstart, i - lstart);
            if (local.empty()) return bad("malformed name \"" + std::string(m_in.substr(start, i - start)) + "\"");
        }
        if (m_prev == Prev::other) {  // an operator name: and, or, mod, div
            m_out.append(m_in.substr(start, i - start));
            m_prev = Prev::op;
            return {};
        }
        std::size_t j = i;
        while (j < n && space(m_in[j])) ++j;
        const std::string_view word = m_in.substr(start, i - start);
        if (j < n && m_in[j] == '(') {
            if (!prefix.empty() || (!one_of(word, k_functions) && !one_of(word, k_node_types)))
                return bad("function " + std::string(word) + "() is not allowed in ITS selectors (XPath 1.0 core functions only)");
            m_out.append(word);
            m_prev = Prev::other;
            return {};
        }
        if (j + 1 < n && m_in[j] == ':' && m_in[j + 1] == ':') {
            if (one_of(word, k_search_axes)) search();
            m_out.append(word);
            m_prev = Prev::other;
            return {};
        }
        // A name test.
        if (prefix.empty()) {
            m_out.append(word);
        } else {
            std::uint32_t ns = k_none;
            if (prefix == "xml") {
                ns = k_ns_xml;
            } else {
                for (const auto& [p, uri] : m_bindings) {
                    if (p == prefix) {
                        ns = m_table.intern(uri);
                        break;
                    }
                }
            }
            if (ns == k_none) return bad("namespace prefix \"" + std::string(prefix) + "\" is not declared");
            m_out += m_table.alias(ns);
            m_out += ':';
            m_out.append(local);
        }
        m_prev = Prev::other;
        return {};
    }

    std::string_view m_in;
    const Bindings& m_bindings;
    NamespaceTable& m_table;
    std::string m_out;
    std::vector<char> m_stack;
    std::vector<std::size_t> m_unions;  // offsets of top-level '|' in m_out
    Prev m_prev = Prev::none;
    int m_brackets = 0;
    int m_search_depth = -1;
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

// "name", "nK:name", "nK:*", "*" (rewritten) → (namespace, local).
bool parse_name(std::string_view rest, Name& out) {
    if (rest == "*") {
        out = {k_none, "*"};
        return true;
    }
    std::uint32_t ns = k_ns_none;
    const std::size_t colon = rest.find(':');
    if (colon != std::string_view::npos) {
        const std::string_view alias = rest.substr(0, colon);
        if (alias == "xml") {
            ns = k_ns_xml;
        } else {
            if (alias.size() < 2 || alias[0] != 'n') return false;
            ns = 0;
            for (const char c : alias.substr(1)) {
                if (c < '0' || c > '9') return false;
                ns = ns * 10 + static_cast<std::uint32_t>(c - '0');
            }
        }
        rest = rest.substr(colon + 1);
        if (rest == "*") {
            out = {ns, "*"};
            return true;
        }
    }
    if (rest.empty() || !name_start(rest[0])) return false;
    for (const char c : rest)
        if (!name_char(c)) return false;
    out = {ns, std::string(rest)};
    return true;
}

// "//name" → (namespace, local).
bool fast_branch(std::string_view branch, Name& out) {
    if (branch.size() < 3 || branch.substr(0, 2) != "//") return false;
    return parse_name(branch.substr(2), out);
}

// The name a branch "//name/..." or "//name[..." needs to find anything.
std::optional<Name> guard_of(std::string_view branch) {
    if (branch.size() < 3 || branch.substr(0, 2) != "//") return std::nullopt;
    std::size_t end = 2;
    while (end < branch.size() && (name_char(branch[end]) || branch[end] == ':' || branch[end] == '*')) ++end;
    if (end == branch.size() || (branch[end] != '/' && branch[end] != '[')) return std::nullopt;
    Name name;
    if (!parse_name(branch.substr(2, end - 2), name) || name.second == "*") return std::nullopt;
    return name;
}

// "//a/b", "//a//b", "//a/*", "//a//*", "/a/b" → the two names.
std::optional<TwoSteps> two_steps(std::string_view branch) {
    // A selector is evaluated from the document: "a/b" means "/a/b".
    TwoSteps steps;
    const bool relative = !branch.empty() && branch[0] != '/';
    steps.absolute = relative || (branch.size() > 1 && branch[0] == '/' && branch[1] != '/');
    const std::size_t start = relative ? 0 : steps.absolute ? 1 : 2;
    if (branch.size() < start + 3 || (!steps.absolute && branch.substr(0, 2) != "//")) return std::nullopt;
    const std::size_t slash = branch.find('/', start);
    if (slash == std::string_view::npos) return std::nullopt;
    steps.descendants = slash + 1 < branch.size() && branch[slash + 1] == '/';
    const std::string_view second = branch.substr(slash + (steps.descendants ? 2 : 1));
    if (!parse_name(branch.substr(start, slash - start), steps.first) || steps.first.second == "*") return std::nullopt;
    if (second.find('/') != std::string_view::npos || !parse_name(second, steps.second)) return std::nullopt;
    return steps;
}

// The namespace tests of NamespaceTest, spaces allowed between tokens.
std::optional<NamespaceTest> namespace_test(std::string_view branch) {
    std::string compact;
    char quote = 0;
    for (const char c : branch) {
        if (quote) {
            compact += c;
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
            compact += c;
        } else if (!space(c)) {
            compact += c;
        }
    }
    auto literal = [&](std::string_view rest, std::string_view tail) -> std::optional<std::string> {
        if (rest.size() < 2 + tail.size() || (rest[0] != '\'' && rest[0] != '"')) return std::nullopt;
        const std::size_t close = rest.find(rest[0], 1);
        if (close == std::string_view::npos || rest.substr(close + 1) != tail) return std::nullopt;
        return std::string(rest.substr(1, close - 1));
    };
    const std::string_view c = compact;
    for (const std::string_view head : {"//*[namespace-uri(.)=", "//*[namespace-uri()="})
        if (c.rfind(head, 0) == 0)
            if (auto uri = literal(c.substr(head.size()), "]")) return NamespaceTest{*uri, false};
    for (const std::string_view head : {"//*[starts-with(namespace-uri(.),", "//*[starts-with(namespace-uri(),"})
        if (c.rfind(head, 0) == 0)
            if (auto uri = literal(c.substr(head.size()), ")]")) return NamespaceTest{*uri, true};
    return std::nullopt;
}

bool is(const Name& name, const ElementInfo& e) {
    if (name.first == k_none) return true;  // "*"
    return e.ns == name.first && (name.second == "*" || e.local_name() == name.second);
}

pugi::xpath_node context_of(const Document& doc, std::uint32_t node) {
    if (doc.is_attribute_node(node)) {
        const AttributeInfo& a = doc.attributes[node - doc.elements.size()];
        return pugi::xpath_node(a.attr, doc.elements[a.owner].node);
    }
    return pugi::xpath_node(doc.elements[node].node);
}

std::uint32_t node_id(const Document& doc, const pugi::xpath_node& node) {
    if (node.attribute()) return doc.attribute_node_id(node.attribute());
    if (node.node().type() == pugi::node_element) return doc.element_id(node.node());
    return k_none;
}

}  // namespace

std::string string_value(pugi::xml_node node) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) return node.value();
    std::string out;
    pugi::xml_node cur = node.first_child();
    while (cur) {
        if (cur.type() == pugi::node_pcdata || cur.type() == pugi::node_cdata) out += cur.value();
        if (cur.first_child()) {
            cur = cur.first_child();
            continue;
        }
        while (cur && cur != node && !cur.next_sibling()) cur = cur.parent();
        if (!cur || cur == node) break;
        cur = cur.next_sibling();
    }
    return out;
}

Result<Selector> compile_selector(std::string_view text, const Bindings& bindings, NamespaceTable& table,
                                  const pugi::xpath_variable_set* variables, bool fast) {
    if (text.size() > k_max_selector_length)
        return fail(ErrorCode::invalid, "selector longer than " + std::to_string(k_max_selector_length) + " characters");
    Rewriter rewriter(text, bindings, table);
    if (auto s = rewriter.run(); !s) return tl::unexpected(s.error());
    Selector selector;
    selector.text = std::string(text);
    selector.search_depth = rewriter.search_depth();
    const std::string& out = rewriter.out();
    std::vector<std::string_view> rest;
    if (fast) {
        std::size_t begin = 0;
        std::vector<std::size_t> cuts = rewriter.unions();
        cuts.push_back(out.size());
        for (const std::size_t cut : cuts) {
            const std::string_view branch = trim(std::string_view(out).substr(begin, cut - begin));
            Name name;
            if (fast_branch(branch, name)) selector.names.push_back(std::move(name));
            else if (branch.size() > 1 && branch[0] == '/' && branch[1] != '/' && parse_name(branch.substr(1), name))
                selector.root_names.push_back(std::move(name));
            else if (!branch.empty() && branch[0] != '/' && parse_name(branch, name) && name.first != k_none)
                selector.root_names.push_back(std::move(name));  // "a", from the document, is "/a"
            else rest.push_back(branch);
            begin = cut + 1;
        }
        std::sort(selector.names.begin(), selector.names.end());
    } else {
        const std::string_view whole = trim(out);
        Name name;
        if (whole.size() > 1 && whole[0] == '@' && parse_name(whole.substr(1), name) && name.second != "*" &&
            name.first != k_none) {
            selector.attribute = std::move(name);
        }
        rest.push_back(whole);
    }
    for (const std::string_view branch : rest) {
        Branch b;
        if (fast) {
            b.guard = guard_of(branch);
            b.steps = two_steps(branch);
            b.namespace_test = namespace_test(branch);
        }
        try {
            b.query = std::make_unique<pugi::xpath_query>(std::string(branch).c_str(),
                                                          const_cast<pugi::xpath_variable_set*>(variables));
        } catch (const pugi::xpath_exception& e) {
            return fail(ErrorCode::invalid, std::string("bad XPath: ") + e.what());
        } catch (const std::exception& e) {
            return fail(ErrorCode::invalid, std::string("bad XPath: ") + e.what());
        }
        if (fast && b.query->return_type() != pugi::xpath_type_node_set)
            return fail(ErrorCode::invalid, "a selector must select nodes");
        selector.branches.push_back(std::move(b));
    }
    return selector;
}

namespace {

Status check_cost(const Selector& selector, const Document& doc) {
    const double n = static_cast<double>(doc.node_count()) + 1.0;
    const double cost = std::pow(n, std::max(selector.search_depth, 0) + 1);
    if (cost > k_max_selector_cost)
        return fail(ErrorCode::invalid, "selector \"" + selector.text + "\" is too costly for a document of " +
                                            std::to_string(doc.node_count()) + " nodes (searches nested " +
                                            std::to_string(selector.search_depth) + " predicates deep)");
    return {};
}

bool matches(const std::vector<Name>& names, const ElementInfo& e) {
    const std::string_view local = e.local_name();
    auto it = std::lower_bound(names.begin(), names.end(), std::pair(e.ns, local),
                               [](const std::pair<std::uint32_t, std::string>& a,
                                  const std::pair<std::uint32_t, std::string_view>& b) {
                                   return a.first != b.first ? a.first < b.first : std::string_view(a.second) < b.second;
                               });
    if (it != names.end() && it->first == e.ns && it->second == local) return true;
    // Wildcards: "nK:*" sorts with its namespace, "*" (k_none) last.
    if (names.back().first == k_none) return true;
    auto star = std::lower_bound(names.begin(), names.end(), Name(e.ns, "*"));
    return star != names.end() && star->first == e.ns && star->second == "*";
}

bool present(const Name& name, const Document& doc) {
    const auto& index = doc.name_index();
    auto it = std::lower_bound(index.begin(), index.end(), name.first,
                               [&](std::uint32_t id, std::uint32_t ns) { return doc.elements[id].ns < ns; });
    for (; it != index.end() && doc.elements[*it].ns == name.first; ++it)
        if (doc.elements[*it].local_name() == name.second) return true;
    return false;
}

// The elements "//name" branches pick, in document order, found through the
// document's index of names (one search per name, not one per element).
void select_by_name(const std::vector<Name>& names, const Document& doc, std::vector<std::uint32_t>& out) {
    if (names.back().first == k_none) {  // "//*"
        for (std::uint32_t id = 0; id < doc.elements.size(); ++id) out.push_back(id);
        return;
    }
    const auto& index = doc.name_index();
    auto key = [&](std::uint32_t id) { return std::pair<std::uint32_t, std::string_view>(doc.elements[id].ns, doc.elements[id].local_name()); };
    for (const Name& name : names) {
        auto first = std::lower_bound(index.begin(), index.end(), name.first,
                                      [&](std::uint32_t id, std::uint32_t ns) { return doc.elements[id].ns < ns; });
        if (name.second == "*") {
            for (; first != index.end() && doc.elements[*first].ns == name.first; ++first) out.push_back(*first);
            continue;
        }
        const std::pair<std::uint32_t, std::string_view> wanted(name.first, name.second);
        auto it = std::lower_bound(first, index.end(), wanted, [&](std::uint32_t id, const auto& w) { return key(id) < w; });
        for (; it != index.end() && key(*it) == wanted; ++it) out.push_back(*it);
    }
    if (names.size() > 1) {
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
    }
}

}  // namespace

Result<std::vector<std::uint32_t>> select_nodes(const Selector& selector, const Document& doc) {
    std::vector<std::uint32_t> out;
    bool merge = false;
    if (!selector.names.empty()) select_by_name(selector.names, doc, out);
    if (!selector.root_names.empty() && matches(selector.root_names, doc.elements[0])) {
        merge = !out.empty();
        out.push_back(0);
    }
    for (const Branch& branch : selector.branches) {
        if (branch.guard && !present(*branch.guard, doc)) continue;
        merge = merge || !out.empty();
        if (branch.steps) {
            const TwoSteps& steps = *branch.steps;
            std::vector<std::uint32_t> parents;
            if (steps.absolute) {
                if (is(steps.first, doc.elements[0])) parents.push_back(0);
            } else {
                select_by_name({steps.first}, doc, parents);
            }
            for (const std::uint32_t p : parents) {
                const std::uint32_t end = doc.elements[p].end;
                for (std::uint32_t c = p + 1; c < end; c = steps.descendants ? c + 1 : doc.elements[c].end)
                    if (is(steps.second, doc.elements[c])) out.push_back(c);
            }
            merge = merge || parents.size() > 1;
            continue;
        }
        if (branch.namespace_test) {
            const NamespaceTest& test = *branch.namespace_test;
            for (std::uint32_t id = 0; id < doc.elements.size(); ++id) {
                const std::string& uri = doc.namespaces.uri(doc.elements[id].ns);
                if (test.prefix ? uri.rfind(test.uri, 0) == 0 : uri == test.uri) out.push_back(id);
            }
            continue;
        }
        if (auto s = check_cost(selector, doc); !s) return tl::unexpected(s.error());
        doc.prepare_xpath();
        try {
            const pugi::xpath_node_set set = branch.query->evaluate_node_set(doc.tree);
            for (const pugi::xpath_node& node : set) {
                const std::uint32_t id = node_id(doc, node);
                if (id != k_none) out.push_back(id);
            }
        } catch (const std::exception& e) {
            return fail(ErrorCode::invalid, "selector \"" + selector.text + "\" failed: " + e.what());
        }
    }
    if (merge || (!selector.root_names.empty() && !selector.branches.empty())) {
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
    }
    return out;
}

Result<std::optional<std::string>> evaluate_pointer(const Selector& pointer, const Document& doc, std::uint32_t node,
                                                    std::uint32_t* picked) {
    if (picked) *picked = k_none;
    if (pointer.attribute) {  // "@name": no XPath needed
        if (doc.is_attribute_node(node)) return std::optional<std::string>();
        const ElementInfo& e = doc.elements[node];
        for (std::uint32_t a = e.attr_begin; a < e.attr_end; ++a) {
            const AttributeInfo& at = doc.attributes[a];
            if (at.ns == pointer.attribute->first && at.local_name() == pointer.attribute->second) {
                if (picked) *picked = doc.attribute_node(a);
                return std::optional<std::string>(std::string(at.value()));
            }
        }
        return std::optional<std::string>();
    }
    if (pointer.branches.empty()) return std::optional<std::string>();
    const pugi::xpath_query& query = *pointer.branches.front().query;
    if (auto s = check_cost(pointer, doc); !s) return tl::unexpected(s.error());
    doc.prepare_xpath();
    try {
        const pugi::xpath_node context = context_of(doc, node);
        if (query.return_type() == pugi::xpath_type_node_set) {
            const pugi::xpath_node_set set = query.evaluate_node_set(context);
            if (set.empty()) return std::optional<std::string>();
            const pugi::xpath_node first = set.first();
            if (picked) *picked = node_id(doc, first);
            if (first.attribute()) return std::optional<std::string>(first.attribute().value());
            return std::optional<std::string>(string_value(first.node()));
        }
        return std::optional<std::string>(query.evaluate_string(context));
    } catch (const std::exception& e) {
        return fail(ErrorCode::invalid, "pointer \"" + pointer.text + "\" failed: " + e.what());
    }
}

}  // namespace tandem::its
