#pragma once
// Compiled ITS rules (the RuleSet behind its::Rules) and the parsing of
// its:rules elements, shared by external files, linked files and rules inside
// a document. Internal to pipeline/its.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "cms/core/result.h"
#include "pipeline/its/document.h"
#include "pipeline/its/its.h"
#include "pipeline/its/selector.h"

namespace tandem::its {

enum class RuleKind {
    translate,            // its:translateRule translate
    within_text,          // its:withinTextRule withinText
    loc_note,             // its:locNoteRule
    preserve_space,       // its:preserveSpaceRule space; itst:preserveSpaceRule preserveSpace="yes"
    locale_filter,        // its:localeFilterRule localeFilterList localeFilterType
    id_value,             // its:idValueRule idValue (a pointer)
    lang,                 // its:langRule langPointer
    external_ref,         // its:externalResourceRefRule, itst:externalRefRule
    context,              // itst:contextRule context | contextPointer
    drop,                 // itst:dropRule drop
    credits,              // itst:credits appendTo
};

// itst:credits' template: copied once per translator.
struct TemplateNode {
    enum class Kind { element, text, comment, value_of, for_each };
    Kind kind = Kind::text;
    std::string name;    // element: qualified name as in the rules file
    std::string prefix;  // element: its prefix ("" for none)
    std::string uri;     // element: its namespace URI ("" for none)
    std::vector<std::pair<std::string, std::string>> attributes;  // element: (qname, value)
    std::string text;    // text, comment; value_of and for_each: the select attribute
    std::vector<TemplateNode> children;
};

struct Rule {
    RuleKind kind = RuleKind::translate;
    Selector selector;
    std::string value;        // translate, withinText, space, drop, context, localeFilterList
    std::string value_type;   // locNoteType, localeFilterType
    bool has_type = false;
    std::optional<std::string> note;      // literal its:locNote
    std::optional<std::string> note_ref;  // literal locNoteRef
    std::optional<Selector> pointer;      // relative XPath: idValue, langPointer, locNotePointer, ...
    bool pointer_is_ref = false;          // locNoteRefPointer
    std::string pointer_text;             // as written
    std::string lang_attribute;           // langRule "@xml:lang": itstool sets xml:lang
    std::vector<TemplateNode> credits;
    Position where;
};

// One its:rules element: its parameters, itst:match selectors (a rules file
// with any applies only to documents one of them selects something in) and
// rules in order.
struct RuleGroup {
    std::unique_ptr<pugi::xpath_variable_set> variables;
    std::vector<Selector> matches;
    std::vector<Rule> rules;
};

struct RuleSet {
    NamespaceTable namespaces;
    std::vector<std::unique_ptr<RuleGroup>> groups;  // built-ins, then external files in order
    std::vector<std::filesystem::path> linked_rule_folders;
};

// Compiles the its:rules element `rules_el` of `doc` into `group`. Errors:
// invalid (positioned at the offending rule).
Status compile_rules_element(const Document& doc, std::uint32_t rules_el, NamespaceTable& table, RuleGroup& group);

// The rules file an its:rules element links to (xlink:href), loaded from the
// allowed folders and compiled. Nothing when there is no link. Errors:
// forbidden (absolute, a URL, leaves the folders, no folders), not_found,
// invalid.
Result<std::unique_ptr<RuleGroup>> load_linked_rules(const Document& doc, std::uint32_t rules_el,
                                                     const std::vector<std::filesystem::path>& folders,
                                                     NamespaceTable& table);

// The rules an HTML document's rules element `el` brings (see
// Document::rules_elements), in precedence order: the file a
// <link rel="its-rules" href> names, found as linked rules are; or, for a
// <script type="application/its+xml">, the file its its:rules links to and
// its own rules. Errors: as load_linked_rules; invalid for a script that is
// not an its:rules document.
Result<std::vector<std::unique_ptr<RuleGroup>>> load_html_rules(const Document& doc, std::uint32_t el,
                                                                const std::vector<std::filesystem::path>& folders,
                                                                NamespaceTable& table);

}  // namespace tandem::its
