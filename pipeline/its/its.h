#pragma once
// The W3C ITS 2.0 engine: which parts of an XML or HTML5 document are
// translatable (segments, one PO message each, with the msgids `itstool`
// writes) and, for XML, the translated document made from a catalog's
// translations (what `itstool -m` writes). General: any XML vocabulary plus
// an ITS rules file (Tandem's resource.its, itstool's docbook5.its,
// mallard.its, ...).
//
// Data categories: Translate, Elements Within Text, Localization Note,
// Preserve Space, Language Information, ID Value, Locale Filter, External
// Resource; itstool's extensions itst:match, itst:contextRule, itst:credits,
// itst:dropRule, itst:preserveSpaceRule, itst:externalRefRule.
//
// Precedence (ITS 2.0 section 5.5): local markup (its:translate, xml:space,
// XHTML translate, ...) over rules inside the document (its:rules, a linked
// rules file first, then the element's own rules) over external rules files
// (in the order given) over itstool's built-in its.its/ttml.its; within each,
// a later rule overrides an earlier one. itstool applies `-i` files after the
// document's own rules; the two orders differ only when both select one node.
//
// Where it differs from itstool 2.0.6 on purpose: itstool also applies the
// rules files it ships (DocBook, Mallard, XHTML, each when its itst:match
// selects the document) without being told; this engine applies the files it
// is given, itst:match included, and `tandem its extract`/`its merge` give it
// itstool's files first as itstool does (unless -n); it merges a translated unit that is itself a
// placeholder with child elements (DocBook's indexterm) from a stale copy,
// losing the translation and writing an undeclared "default:" prefix, where
// Tandem merges the translation; on some documents with locale-filtered or
// unmergeable elements inside translated units it crashes or writes stray
// xml:lang attributes (it uses libxml2 nodes it has freed); it ignores
// XHTML's translate attribute; and it looks for linked rules beside the
// document.
//
// HTML5 (DocumentOptions::syntax = Syntax::html; annotate_nodes and
// extract_segments): parsed by gumbo as a browser would, elements in the
// XHTML namespace (selectors name them with a prefix bound to
// http://www.w3.org/1999/xhtml; reported paths have none). ITS 2.0 in HTML:
// rules from <link rel="its-rules" href="..."> (linked rules, same folders)
// and <script type="application/its+xml"> (an its:rules document, its:param
// included), in document order after the external rules files; local markup
// is HTML's translate and lang (and id for ID Value), its-loc-note,
// its-loc-note-ref, its-loc-note-type, its-within-text,
// its-locale-filter-list and its-locale-filter-type, keyword values read
// case-insensitively; HTML5's translatable attributes (alt, title, ...)
// follow their element's Translate; phrasing elements are within text
// (iframe, noscript, script and textarea nested). Extraction skips script
// and style content and makes messages of the translatable text attributes.
//
// W3C ITS 2.0 test suite (tests/pipeline/its/conformance_test.cpp): 81 of 81
// cases pass, 50 XML and 31 HTML.
//
// Safety: documents must be UTF-8 (or US-ASCII); DTD entity declarations,
// undefined entities and XInclude are refused, nothing external is ever loaded
// except linked rules from the caller's folders; selectors are XPath 1.0
// without document(), bounded in size and in cost per document. Elements may
// nest 256 deep in XML and HTML; an HTML document may make the parser use at
// most 32 times its size (plus 32 MiB) in memory, which stops tag soup built
// to make it clone formatting elements without end; input on which gumbo
// fails one of its own assertions is refused instead of aborting.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cms/core/ids.h"
#include "cms/core/phrase.h"
#include "cms/core/result.h"
#include "cms/model/segment.h"

namespace tandem::its {

struct RuleSet;  // compiled rules; defined in pipeline/its/rules.h

// One external rules file: a label used in error positions ("docbook5.its")
// and its bytes.
struct RulesFile {
    std::string label;
    std::string text;
};

// itstool always applies its own its.its (its:param and its:locNote are not
// translatable) and ttml.its; `itstool` keeps them, `none` is pure ITS 2.0.
enum class Builtins { itstool, none };

struct RulesOptions {
    // Folders from which `<its:rules xlink:href="...">` may load a linked
    // rules file (the href is resolved inside each, in order; it may not
    // leave the folder). Empty: linked rules are refused.
    std::vector<std::filesystem::path> linked_rule_folders;
    Builtins builtins = Builtins::itstool;
};

// Compiled ITS rules: a value, cheap to copy, immutable, shareable between
// threads. A default-constructed Rules has no external rules file.
class Rules {
public:
    Rules();
    explicit Rules(std::shared_ptr<const RuleSet> set);
    const RuleSet& set() const { return *m_set; }

private:
    std::shared_ptr<const RuleSet> m_set;
};

// Compiles external rules files, later files overriding earlier ones.
// Errors: invalid (not XML, not an its:rules root, bad selector, unknown
// namespace prefix, selector too long or nested too deep, document()).
Result<Rules> parse_rules(std::span<const RulesFile> files, RulesOptions options = {});

// The same from files on disk. Errors: also not_found, io.
Result<Rules> read_rules(std::span<const std::filesystem::path> files, RulesOptions options = {});

// How a document's bytes are read: as XML, or as HTML5 (the HTML syntax,
// text/html; an XHTML document is XML).
enum class Syntax { xml, html };

// Options of one document's processing.
struct DocumentOptions {
    // Names the document in error positions of merge_translations and
    // annotate_nodes ("resources/x/resource.xml"); "document" when empty.
    // extract_segments names it by its reference_path.
    std::string label;
    // Bytes of a file an external-resource rule points at (relative to the
    // document), for the md5 in itstool's "external ref=... md5=..." message;
    // without it (or when it returns nothing) the md5 is "__failed__", as
    // itstool writes for a missing file.
    std::function<std::optional<std::string>(std::string_view href)> read_external;
    // Syntax::html is for annotate_nodes and extract_segments;
    // merge_translations refuses it (invalid): Tandem writes no HTML.
    Syntax syntax = Syntax::xml;
};

// The segments of a document, in itstool's order (a unit after the units
// nested in it, duplicates merged into the first), with itstool's msgids,
// msgctxts, extracted comments ("(itstool) path: a/b", localization notes,
// ids), references "<reference_path>:<line>" and "no-wrap" where space is
// preserved. Errors: invalid (malformed or refused XML; HTML that is not
// UTF-8, nests too deep or needs too much parser memory; bad in-document
// rules, selector too costly), forbidden and not_found (linked rules).
Result<std::vector<model::Segment>> extract_segments(std::string_view xml, const Rules& rules,
                                                     std::string_view reference_path,
                                                     const DocumentOptions& options = {});

// One document of a template: its bytes (which must outlive the call), the
// path its references name, as given to itstool, and its options.
struct TemplateDocument {
    std::string_view xml;
    std::string_view reference_path;
    DocumentOptions options = {};
};

// What `itstool -i RULES DOC...` prints for these documents, byte for byte:
// its header with `creation_date` as POT-Creation-Date, then the segments of
// all the documents, a message found again (in any of them) merged into its
// first as one itstool run merges it, each msgid on one line, or under
// "#, no-wrap" one quoted line per source line. Not the gettext layout of
// po::write_catalog, which the stored catalogs keep. Errors: as
// extract_segments, positions naming the document by its reference_path.
Result<std::string> extract_pot_text(std::span<const TemplateDocument> documents, const Rules& rules,
                                     std::string_view creation_date);

// `when` as a POT-Creation-Date in itstool's format, in UTC:
// "2024-03-01 14:05+0000".
std::string pot_creation_date(std::chrono::system_clock::time_point when);

// A translation for (msgctxt, msgid), or nothing when the message is
// untranslated or fuzzy.
using Lookup = std::function<std::optional<std::string>(const std::optional<std::string>& msgctxt,
                                                          std::string_view msgid)>;

// Why a translation was not merged.
enum class RejectReason {
    malformed,        // not well-formed markup, undefined entity or prefix, unknown placeholder
    markup_mismatch,  // a tag or placeholder missing, added, renamed, moved, or an attribute changed
    unsafe_markup,    // adds <script> (or similar), an on* attribute, a javascript:/data: link
};

// "malformed", "markup-mismatch", "unsafe-markup": stable, for JSON and logs.
const char* reason_code(RejectReason reason);

struct Rejection {
    std::optional<std::string> msgctxt;
    std::string msgid;
    std::string msgstr;
    RejectReason reason = RejectReason::malformed;
    std::string detail;  // what differs, for the translator: "<em> is missing"
    int line = 0;        // line of the segment in the source document
};

struct Merged {
    std::string xml;                  // the translated document
    std::vector<Rejection> rejected;  // translations kept out; their source stays
};

// The document with every translated segment replaced by its translation
// (placeholders re-inserted, inline markup re-parsed), untranslated ones kept
// in the source language (marked with the source language where a langRule
// says how), locale-filtered and dropped elements removed, translator
// credits added and the root's language set to `lang` as `itstool -m` does.
// A translation whose markup differs from its source (see check_translation)
// is never merged: it is listed in `rejected`. Errors: as extract_segments.
Result<Merged> merge_translations(std::string_view xml, const Rules& rules, const Lookup& lookup,
                                  std::string_view lang, const DocumentOptions& options = {});
Result<Merged> merge_translations(std::string_view xml, const Rules& rules, const Lookup& lookup,
                                  Lang lang, const DocumentOptions& options = {});

// Whether `msgstr` may replace `msgid` in a document: the same elements with
// the same attributes and nesting (order among siblings may change; the href
// of an `a` may change), the same placeholders once each, no comment or
// processing instruction added, well-formed, and nothing unsafe added (a
// <script>, <style>, <iframe>, <object>, <embed>, <applet>, <frame(set)>,
// <base> or <meta> element, an on* attribute, or a javascript:, vbscript: or
// data: URL in href, src, action, formaction, poster or background, after
// decoding references and dropping blanks). Nothing when it may. Pure.
std::optional<Rejection> check_translation(std::string_view msgid, std::string_view msgstr);

// One reason check_translation refuses a translation, for a translator: what,
// and where (a byte offset in msgstr, when known).
struct MarkupIssue {
    RejectReason reason = RejectReason::markup_mismatch;
    std::string detail;  // English: english(phrase)
    std::optional<std::size_t> offset;
    Phrase phrase;
};

// Every reason, in this order: the translation does not parse (then also
// what looks hostile in its raw text), unsafe things added, placeholders
// given content, elements missing or with changed attributes, elements
// added, nesting. Empty when check_translation accepts. Pure.
std::vector<MarkupIssue> markup_issues(std::string_view msgid, std::string_view msgstr);

// The ITS data categories of one element or attribute, as the W3C test suite
// reports them (resolved values: pointers followed, inheritance applied).
struct NodeInfo {
    std::string path;  // "/doc/body[1]/p[2]", "/doc/body[1]/p[2]/@title"
    bool attribute = false;
    std::string translate;                   // "yes" | "no"
    std::optional<std::string> within_text;  // elements: "yes" | "no" | "nested"
    std::optional<std::string> loc_note;     // whitespace-normalized text
    std::optional<std::string> loc_note_ref;
    std::optional<std::string> loc_note_type;  // with a note: "description" | "alert"
    std::string space;                         // "default" | "preserve"
    std::optional<std::string> lang;
    std::optional<std::string> id_value;
    std::string locale_filter_list;  // "*" by default
    std::string locale_filter_type;  // "include" | "exclude"
};

// Every element and attribute (namespace declarations excepted) in document
// order, an element before its attributes (sorted by name) and children.
// Errors: as extract_segments.
Result<std::vector<NodeInfo>> annotate_nodes(std::string_view xml, const Rules& rules,
                                             const DocumentOptions& options = {});

}  // namespace tandem::its
