#pragma once
// ITS selectors and pointers: XPath 1.0 compiled by pugixml, with names
// rewritten to the aliases of pipeline/its/document.h so that matching is by
// namespace. Internal to pipeline/its.
//
// Bounds: at most k_max_selector_length characters and k_max_nesting nested
// brackets or parentheses; only XPath 1.0's core functions (no document(),
// nor any XSLT or extension function); and, per document, at most
// k_max_selector_cost node visits, estimated as N^(d+1) for a document of N
// nodes and searches (//, descendant::, ancestor::, following::, ...) nested
// d predicates deep. Branches "//name", "/name", "//a/b", "//a//b" and the
// namespace tests below, and pointers "@name", are matched on the element
// tree without XPath.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "cms/core/result.h"
#include "pipeline/its/document.h"

namespace tandem::its {

inline constexpr std::size_t k_max_selector_length = 16384;
inline constexpr int k_max_nesting = 32;
inline constexpr double k_max_selector_cost = 2e8;

// (prefix, namespace URI) bindings in scope where a selector is written.
using Bindings = std::vector<std::pair<std::string, std::string>>;

// A name test resolved to (namespace, local name); local "*" matches any
// name in that namespace, and namespace k_none any element at all.
using Name = std::pair<std::uint32_t, std::string>;

// Two steps, "//a/b", "//a//b" or "/a/b" (b may be "*"), matched on the
// element tree without XPath.
struct TwoSteps {
    bool absolute = false;  // "/a/...": a is the root element
    Name first;
    bool descendants = false;
    Name second;
};

// "//*[namespace-uri(.) = 'uri']" or "//*[starts-with(namespace-uri(.),
// 'uri')]" (itstool's own docbook.its and mallard.its use them), matched on
// the element tree without XPath.
struct NamespaceTest {
    std::string uri;
    bool prefix = false;  // starts-with
};

// A union branch left to XPath. When it starts with "//name/" or
// "//name[", it selects nothing in a document without such an element: the
// guard saves the evaluation.
struct Branch {
    std::unique_ptr<pugi::xpath_query> query;
    std::optional<Name> guard;
    std::optional<TwoSteps> steps;  // when set, used instead of the query
    std::optional<NamespaceTest> namespace_test;  // likewise
};

struct Selector {
    std::string text;               // as written
    std::vector<Name> names;        // branches "//name", sorted
    std::vector<Name> root_names;   // branches "/name": the root element, if so named
    std::vector<Branch> branches;   // the others
    std::optional<Name> attribute;  // a pointer that is just "@name"
    int search_depth = 0;           // d above; -1 without searches
};

// Compiles `text`; `table` receives the namespaces it names, `variables` holds
// the its:param values it may use. `fast` allows the one-pass "//name"
// matching (selectors; not pointers, which are relative). Errors: invalid,
// with a message but no position (the caller knows where the rule is).
Result<Selector> compile_selector(std::string_view text, const Bindings& bindings, NamespaceTable& table,
                                  const pugi::xpath_variable_set* variables, bool fast);

// The elements and attributes a selector picks, as node ids in document
// order for elements found by name, pugixml's order otherwise. Errors:
// invalid when the selector is too costly for this document.
Result<std::vector<std::uint32_t>> select_nodes(const Selector& selector, const Document& doc);

// A pointer evaluated at `node`: the string value of the first node it
// selects, or its string result; nothing for an empty node-set. `picked`
// receives the node id of that first node (k_none for a string result).
Result<std::optional<std::string>> evaluate_pointer(const Selector& pointer, const Document& doc,
                                                    std::uint32_t node, std::uint32_t* picked = nullptr);

// The XPath string value of an element: its descendant text, in order.
std::string string_value(pugi::xml_node node);

}  // namespace tandem::its
