#pragma once
// What the rules and local markup say about each node of one document: the
// data categories, resolved once per document (every selector evaluated
// once, not per node). Internal to pipeline/its.
//
// Two readings are kept where they differ: itstool's (used for extraction and
// merging, so that msgids and merged documents are itstool's) and ITS 2.0's
// (for annotate_nodes and the W3C test suite).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cms/core/result.h"
#include "pipeline/its/document.h"
#include "pipeline/its/rules.h"

namespace tandem::its {

struct LocNote {
    std::string text;  // the note, or the reference for a locNoteRef
    bool is_ref = false;
    std::string type;  // "description" | "alert" (anything else reads as description)
    bool preserve = false;
    std::uint32_t source = k_none;  // the node a locNotePointer picked

    // As itstool writes it in a comment: the whitespace-collapsed note (kept
    // as is when it comes from space-preserving text), or "(itstool) link: ref".
    std::string comment() const;
};

struct LocaleFilter {
    std::string list = "*";
    std::string type = "include";
    bool operator==(const LocaleFilter&) const = default;
};

struct Facts {
    // Global rule values per node id (elements, then attributes); nullptr: none.
    std::vector<const std::string*> translate_rule, within_text_rule, space_rule, drop_rule;
    std::vector<const std::string*> lang_attribute;  // the attribute a langRule's "@name" pointer names
    std::unordered_map<std::uint32_t, std::vector<LocNote>> notes;  // rule notes, in rule order
    std::unordered_map<std::uint32_t, LocaleFilter> locale_rule;
    std::unordered_map<std::uint32_t, std::string> id_value_rule, lang_rule, context_rule, external;
    std::uint32_t credits_target = k_none;
    const std::vector<TemplateNode>* credits = nullptr;

    // Resolved per node id, with local markup and inheritance.
    std::vector<std::string_view> translate;  // "yes", "no", or whatever the markup says
    std::vector<const LocaleFilter*> locale;
    std::vector<bool> preserve;          // itstool's reading
    std::vector<XmlSpace> space;         // ITS 2.0's reading (elements and attributes)
    std::vector<std::uint32_t> note_holder;  // elements: the nearest one with notes of its own, or k_none

    // Rules from inside the document and local filters, kept alive for the pointers above.
    std::vector<std::unique_ptr<RuleGroup>> document_groups;
    std::vector<std::unique_ptr<LocaleFilter>> local_filters;
};

// Applies built-ins, external rules, then the document's own (linked first).
// Errors: invalid (bad in-document rules, a selector too costly), forbidden
// and not_found (linked rules).
Result<Facts> resolve_rules(const Document& doc, const RuleSet& rules);

// itstool's get_its_within_text: "yes", "nested", "no" or a rule's value;
// in HTML, its-within-text, a rule, else HTML's default (html.h).
std::string_view within_text(const Document& doc, const Facts& facts, std::uint32_t el);

// itstool's get_its_loc_notes: local note first, then rule notes latest
// first; inherited from the nearest element that has any when `inherit`.
std::vector<LocNote> loc_notes(const Document& doc, const Facts& facts, std::uint32_t node, bool inherit);

// xml:id (HTML: id), else an idValueRule's value.
std::optional<std::string> id_value(const Document& doc, const Facts& facts, std::uint32_t node);

// The language an element declares: xml:lang; in HTML also "xml:lang", else lang.
const char* local_lang(const Document& doc, std::uint32_t el);

// itst:context, else a contextRule's.
std::optional<std::string> context_of(const Document& doc, const Facts& facts, std::uint32_t el);

// itst:drop="yes" or a dropRule saying yes.
bool dropped(const Document& doc, const Facts& facts, std::uint32_t el);

// RFC 4647 extended filtering of `lang` by a comma-separated range list, as itstool.
bool match_locale_list(std::string_view ranges, std::string_view lang);

}  // namespace tandem::its
