#pragma once
// The translation use cases: each resource's catalog kept in sync with its
// source, read for status, exported to and imported from translators' tools,
// and merged back into a translated document.

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "cms/core/ids.h"
#include "cms/workflow/workflow.h"
#include "pipeline/check/check.h"
#include "pipeline/po/catalog.h"
#include "pipeline/po/catalog_stats.h"

namespace tandem::workflow {

// "fr.po" for a resource written in English, "en.po" for one written in French.
std::string catalog_name(Lang source_lang);

// The segments of a resource document, with references "resources/<id>/resource.xml:LINE"
// as itstool writes them. Errors: invalid.
Result<std::vector<model::Segment>> resource_segments(const Context& ctx, std::string_view id, std::string_view xml);

// The catalog of a new resource: every segment untranslated, full headers.
po::Catalog new_catalog(std::string_view id, Lang target, std::span<const model::Segment> segments,
                        const store::Author& author);

// The catalog text for a new revision of the source: `old` (the catalog at
// the tip, if any) brought in line with its segments as msgmerge would.
// Errors: corrupt (the stored catalog does not parse), invalid.
Result<std::string> sync_catalog(std::string_view id, Lang target, std::span<const model::Segment> segments,
                                 const std::optional<std::string>& old, const store::Author& author);

struct ResourceCatalog {
    std::string xml;
    model::ResourceInfo info;
    po::Catalog catalog;        // the stored one, or the template if none is stored
    store::Revision revision;   // the commit both were read at
};

// A resource's document and catalog at a revision. Errors: not_found, corrupt.
Result<ResourceCatalog> load_catalog(const Context& ctx, std::string_view id, std::string_view rev = "main");

// The glossary into `target` at a revision (glossary/<lang>.po), or an empty
// one when the repository has none; `text_out`, when given, gets the file's
// bytes appended (and a NUL). Errors: corrupt (it does not parse).
Result<check::Glossary> read_glossary(const Context& ctx, Lang target, std::string_view rev = "main",
                                      std::string* text_out = nullptr);

struct SegmentCheck {
    std::optional<std::string> msgctxt;
    std::string msgid;
    std::string msgstr;
    int line = 0;  // the message's line in the catalog
    std::vector<check::Issue> issues;
};

// Every translated segment's checks (markup, URLs and numbers, whitespace,
// punctuation, glossary, typography), only segments with issues listed.
// Errors: not_found, invalid (lang is the source language), corrupt.
Result<std::vector<SegmentCheck>> check_catalog(const Context& ctx, std::string_view id, Lang lang,
                                                std::string_view rev = "main");

struct CatalogStatus {
    std::string id;
    Lang target = Lang::fr;
    po::CatalogStats stats;
    int failing = 0;  // translated segments with a check that blocks approval (an error)
};

// Translation status of every resource (or one) at a revision. A resource
// whose folder and the glossaries are as at an earlier call is not read again
// (the context's memo, keyed by the folder's tree id).
// Errors: not_found, invalid, corrupt (a stored catalog does not parse).
Result<std::vector<CatalogStatus>> catalog_status(const Context& ctx, std::optional<std::string> id,
                                                  std::string_view rev = "main");

// Works out every resource's status and info on main into the context's memo
// ahead of the first request that needs them (17 s at 10,000 resources,
// otherwise paid by that request). Returns early once `stop` is set.
void warm_memo(const Context& ctx, const std::atomic<bool>& stop);

// The resource's template (POT text). Errors: not_found.
Result<std::string> extract_template(const Context& ctx, std::string_view id, std::string_view rev = "main");

// The catalog as stored, with X-Tandem-Source-Revision naming the revision
// it was read at, so an import later knows which source it was made for.
// Errors: not_found, invalid (lang is the resource's source language).
Result<std::string> export_catalog(const Context& ctx, std::string_view id, Lang lang, std::string_view rev = "main");

// Whether the document translated with `catalog` is as valid against the
// schema as its source: a translation may change a link's href, and the
// site's renderer takes only what the schema allows (http(s), mailto,
// relative links). Errors: invalid, at the line of the message that makes
// the document invalid (`label` names the catalog).
Status check_translated_document(const Context& ctx, std::string_view xml, const po::Catalog& catalog, Lang lang,
                                 std::string_view label);

struct ImportRequest {
    std::string id;
    Lang lang = Lang::fr;
    std::string po;                       // the catalog text from the translator's tool
    std::string label = "catalog.po";     // names it in errors
    std::optional<store::Revision> base;  // the revision the translator started from
    store::Author author;
    std::string message;
};

// Validates and commits a translated catalog. Every msgid must be a segment
// of the source it was made for (the X-Tandem-Source-Revision it was
// exported at, else the current one) and every translation must keep its
// segment's markup; then it is merged onto the current source as msgmerge
// would, so a catalog made for an older revision is merged, not trusted.
// A segment the file does not mention keeps its stored translation (an
// entry with an empty msgstr clears one), and the stored header stays, but
// for the translator, the date and the language.
// Errors: invalid (with the catalog's line; a file with no message),
// conflict (the catalog changed since base), not_found.
Result<store::CommitResult> import_catalog(const Context& ctx, const ImportRequest& request);

struct Translation {
    std::string xml;
    std::vector<std::string> rejected;  // "line N: reason: detail" for translations kept out
};

// The resource's document in `lang`: translated segments replaced, the rest in
// the source language. Errors: not_found, invalid.
Result<Translation> translate_resource(const Context& ctx, std::string_view id, Lang lang, std::string_view rev = "main");

// The same from values: a document (in its source language) and its catalog
// into `lang`, for callers that read many resources at once. Errors: invalid.
Result<Translation> translate_document(const Context& ctx, std::string_view xml, const po::Catalog& catalog, Lang lang);

}  // namespace tandem::workflow
