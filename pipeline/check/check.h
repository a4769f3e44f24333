#pragma once
// Per-segment translation checks: what a translator sees beside a segment and
// what a publisher's approval is blocked by. A segment is a PO message as
// itstool serializes it: text with inline markup (`<em>…</em>`, `<a href>`)
// and placeholders (`<_:span-1/>`) for inline elements not to translate.
//
// Conventions the checks follow (each decided once, here):
// - Markup is compared as a multiset of elements, each keyed by its name and
//   its attributes, except the `href` of an `a` (a French page may link to a
//   French resource). Order is free, since translation legitimately reorders
//   sibling inline elements; nesting must be balanced (the translation must
//   parse). An attribute changed is an element missing plus one added.
// - Text checks look at what a reader sees: tags removed, entities decoded,
//   placeholders as an opaque object (U+FFFC), attributes never. So a colon in
//   `<_:span-1/>` or in an href is not typography, a digit in an href is not
//   a number.
// - Offsets are bytes in the translation (SegmentPair::translation).
// - An empty translation has no issues: it is untranslated, not wrong.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cms/core/ids.h"
#include "cms/core/phrase.h"
#include "pipeline/po/catalog.h"

namespace tandem::check {

// The issue codes, stable for JSON, the CLI and the web editor.
// Errors (they block approval):
//   markup-mismatch  the elements, placeholders and comments differ as multisets, an
//                    attribute repeats, a '&' is bare or an entity undefined,
//                    or the translation does not parse (offset: the parser's)
//   unsafe-markup    the translation has <script>, <style>, <iframe>,
//                    <object>, <embed>, <applet>, <frame(set)>, <base> or
//                    <meta>, an on* attribute, or a javascript:, vbscript: or
//                    data: URL in href, src, action, formaction, poster or
//                    background — after decoding references and dropping
//                    blanks and controls ("jav&#x61;script:", "java\tscript:"),
//                    that the source does not have; the tags nested differently.
//                    Both are exactly what merge-back refuses (its::markup_issues)
//   bidi-control     the translation has more bidirectional embeddings, overrides
//                    or isolates (U+202A–U+202E, U+2066–U+2069) than the source:
//                    they reorder what a reader sees, so a sentence or a link can
//                    read otherwise than it is written ("Trojan Source")
// Warnings:
//   url-changed           a URL or e-mail address of the source is not in the translation
//   link-target-changed   a link of the translation leads to a host or mail address that
//                         no link of the source leads to (links within the site may change)
//   number-changed        a number is in one and not the other (compared as sets of
//                         values: 1,000 = 1 000 = 1 000 (NBSP, U+202F), 2.5 = 2,5 in French)
//   whitespace-leading    the white space at the start differs (any space = NBSP; line breaks count)
//   whitespace-trailing   the same at the end
//   end-punctuation       the final . ! ? : ; … differs, behind closing quotes,
//                         brackets and a French space
//   untranslated-looking  the translation is the source, which has two or more words of letters
//   invisible-character   the translation has more invisible characters than the source: zero-width
//                         spaces and joiners, word joiners, directional marks (U+200B–U+200F,
//                         U+2060–U+2064, U+061C, U+FEFF), DEL and C1 controls (U+007F–U+009F),
//                         soft hyphens, fillers (U+034F, U+115F, U+1160, U+180E, U+3164, U+FFA0),
//                         interlinear annotations (U+FFF9–U+FFFB), musical format characters
//                         (U+1D173–U+1D17A) and tag characters (U+E0000–U+E007F)
//   glossary              a glossary term of the source has none of its renderings in the translation
//   typo-guillemets       French: straight "…" quotes, or « » without U+00A0/U+202F inside
//   typo-colon            French: no space, or an ordinary one, before a colon (times, ratios, URLs excepted)
//   typo-space-before     French (fr-CA, OQLF): a space of any kind before ; ! ?
//                         English: a space of any kind before : ; ! ?
inline constexpr std::string_view k_markup_mismatch = "markup-mismatch";
inline constexpr std::string_view k_unsafe_markup = "unsafe-markup";
inline constexpr std::string_view k_bidi_control = "bidi-control";
inline constexpr std::string_view k_url_changed = "url-changed";
inline constexpr std::string_view k_link_target_changed = "link-target-changed";
inline constexpr std::string_view k_number_changed = "number-changed";
inline constexpr std::string_view k_whitespace_leading = "whitespace-leading";
inline constexpr std::string_view k_whitespace_trailing = "whitespace-trailing";
inline constexpr std::string_view k_end_punctuation = "end-punctuation";
inline constexpr std::string_view k_untranslated_looking = "untranslated-looking";
inline constexpr std::string_view k_invisible_character = "invisible-character";
inline constexpr std::string_view k_glossary = "glossary";
inline constexpr std::string_view k_typo_guillemets = "typo-guillemets";
inline constexpr std::string_view k_typo_colon = "typo-colon";
inline constexpr std::string_view k_typo_space_before = "typo-space-before";

inline constexpr std::array<std::string_view, 15> k_all_codes = {
    k_markup_mismatch,    k_unsafe_markup,       k_bidi_control,    k_url_changed,
    k_link_target_changed, k_number_changed,     k_whitespace_leading, k_whitespace_trailing,
    k_end_punctuation,    k_untranslated_looking, k_invisible_character, k_glossary,
    k_typo_guillemets,    k_typo_colon,          k_typo_space_before,
};

// error: the translation must not be approved (markup-mismatch, unsafe-markup, bidi-control).
// warning: worth a look, the translator may know better (all the others).
enum class Severity { error, warning };

struct Issue {
    std::string code;      // one of k_all_codes
    Severity severity = Severity::warning;
    std::string message;   // English, for the translator: names what and where (english(phrase))
    Phrase phrase;         // the same, for the web app to say in the interface's language
    std::optional<std::size_t> offset;  // byte offset in the translation, when one place is at fault
};

struct SegmentPair {
    std::string_view source;       // the msgid
    std::string_view translation;  // the msgstr
    Lang source_lang = Lang::en;
    Lang target_lang = Lang::fr;
};

// One glossary entry: a source-language term and its allowed renderings.
struct GlossaryTerm {
    std::string source;                // "trafficked persons"
    std::vector<std::string> targets;  // {"personnes victimes de la traite"}
    std::vector<std::string> notes;    // the message's "#." comments
};

// A glossary indexed by word: matching a segment costs a lookup per word of
// the segment, not a scan of every term. Build it with make_glossary or
// load_glossary; its members are public for reading.
struct Glossary {
    std::optional<Lang> target_lang;  // the catalog's Language header, when it names en or fr
    std::vector<GlossaryTerm> terms;

    // Internal to the check: the terms' words, case-folded, and for each first
    // word the terms that start with it (indexes into `terms`).
    std::vector<std::vector<std::string>> source_words;
    std::vector<std::vector<std::vector<std::string>>> target_words;  // per term, per rendering
    std::unordered_map<std::string, std::vector<std::size_t>> by_first_word;
};

struct CheckOptions {
    const Glossary* glossary = nullptr;  // not owned; null: no glossary check
    std::vector<std::string> disabled;   // codes not to report
};

// Every issue of the translation, in the order of k_all_codes, then of
// offset. Pure, cannot fail: a translation that does not parse is itself a
// markup-mismatch (with the parser's offset); a source that does not parse
// skips the markup comparison but not the other checks.
std::vector<Issue> check_segment(const SegmentPair& pair, const CheckOptions& options);

// Whether the issue keeps a translation from being approved: errors do.
bool blocks_approval(const Issue& issue);

// "error" or "warning".
const char* severity_name(Severity severity);

// Indexes `terms` (blank terms and renderings are dropped). Cannot fail.
Glossary make_glossary(std::vector<GlossaryTerm> terms, std::optional<Lang> target_lang = std::nullopt);

// A glossary from a PO catalog whose msgids are source-language terms and
// msgstrs the target-language renderings. A msgstr may list alternatives
// separated by " | " ("dépliant | brochure"): any of them satisfies the check.
// "#." comments are kept as notes; fuzzy, obsolete and untranslated messages
// are left out (a term nobody has settled is no rule). Cannot fail.
//
// Matching (see check_segment): a term is found in the source case-
// insensitively, on whole words, any of its words possibly in the plural
// (+s, +x); hyphens, apostrophes and spaces between words are alike. A
// rendering is found in the translation case-insensitively but accent-
// sensitively, in the plural too, and, for French, in the feminine and with
// the endings of the -er verbs ("non punitive" for "non punitif", "Passez à
// l'action" for "passer à l'action"); up to three words may come between two
// of its words within one clause ("réseau pancanadien du CCR de lutte contre
// la traite" renders "anti-trafficking network"). Terms are taken leftmost-
// longest without overlap: "trafficked persons" is not also "trafficked
// person", "human trafficking" not also "trafficking". A glossary whose
// target_lang is set is used only for pairs into that language.
Glossary load_glossary(const po::Catalog& catalog);

}  // namespace tandem::check
