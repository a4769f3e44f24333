#pragma once
// The public website: HTML pages rendered from resource documents through
// designer-editable templates (web/templates, Mustache, escaped by default)
// with the site's own words from gettext catalogs (locales/site). Pure:
// values in, bytes out; the caller (cms/workflow/publish) reads git and
// writes files, one page at a time, so the site is never held in memory.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cms/core/ids.h"
#include "cms/core/result.h"

namespace tandem::site {

using Seconds = std::int64_t;

// Where the site lives and what it is called.
struct SiteSettings {
    std::string site_url = "http://localhost/";   // absolute, ends with "/"
    std::string tag_authority = "tandem.invalid,2026";  // RFC 4151 authority for feed ids
    std::string home_resource = "trafficking-in-persons-campaign";  // the campaign page shown at /en/ and /fr/
};

// The templates and the site's words in both languages, loaded once.
// Cheap to copy, immutable, shareable between threads.
struct Theme {
    struct Loaded;
    std::shared_ptr<const Loaded> loaded;
};

// Reads every template under templates_dir (web/templates: layout, resource,
// resource-item, list, home, root .mustache, categories.txt, static/**) and
// the compiled catalog locales_dir/fr/site.mo (en is the msgid language).
// The build compiles locales/site/fr.po there: programs built by CMake find
// the folder in the compile definition TANDEM_LOCALE_DIR
// (${CMAKE_BINARY_DIR}/locales); an installed program passes its own.
// Errors: not_found, io, invalid (a template that does not parse: file, line,
// column; a bad categories.txt line; a translation that is not a template).
Result<Theme> load_theme(const std::filesystem::path& templates_dir, const std::filesystem::path& locales_dir);

// The site's word for `msgid` in `lang` (the msgid itself when untranslated).
std::string translate_word(const Theme& theme, Lang lang, std::string_view msgid);

// The label of a category token ("type" report, "topic" legislation, "scope"
// canadian) in a language, from the same catalogs (msgctxt = kind).
std::string category_label(const Theme& theme, std::string_view kind, std::string_view token, Lang lang);

// The URL path of a resource page: "/en/resources/<id>/", "/fr/ressources/<id>/".
std::string resource_path(std::string_view id, Lang lang);

// What indexes, sitemaps and feeds need about one resource in one language,
// read off its document; small, so the publisher keeps one per page.
struct PageSummary {
    std::string id;
    Lang lang = Lang::en;             // the language of this page
    Lang source_lang = Lang::en;
    std::string title;                // plain text
    std::string summary;              // plain text
    std::string type;
    std::vector<std::string> topics;
    std::optional<std::string> scope;
    std::string audience;
    std::optional<std::string> date;
    std::optional<int> pages;
    struct File { std::string href; Lang lang = Lang::en; std::string format; std::optional<int> pages; };
    std::vector<File> files;          // attachments, hrefs relative to the resource folder ("files/x.pdf")
    bool translated = true;           // false: unilingual approval, the page shows the source text and says the translation is coming
    Seconds published = 0;            // first approval of the resource (git history)
    Seconds updated = 0;              // last approval
    // The other resources this page's text links to (ids, sorted, unique),
    // whether or not they are published: the page must be rendered again
    // when one of them appears, is withdrawn or changes its attachments.
    std::vector<std::string> links;
};

// What a release publishes: every resource on it, each with the attachments
// in its folder ("files/x.pdf", sorted). A page rendered against it links only
// to these — a link to anything else would answer 404 — and keeps the text of
// the others unlinked.
struct PublishedSet {
    std::map<std::string, std::vector<std::string>, std::less<>> attachments;  // id → attachment names
};
bool is_published(const PublishedSet& published, std::string_view id);
bool is_published_attachment(const PublishedSet& published, std::string_view id, std::string_view name);

// The attachments of a page that `published` holds: the ones its feed entries
// and indexes may link to.
std::vector<PageSummary::File> published_files(const PageSummary& summary, const PublishedSet& published);

// One resource page to render: the document in the page's language (merge-
// back done, or the source when !summary.translated) and its summary.
struct ResourcePage {
    PageSummary summary;
    std::string xml;
    std::map<Lang, bool> languages;   // which languages have a page (for the switch and hreflang)
    // What the release publishes; null (the web app's preview, which has no
    // release) assumes every linked resource and attachment exists. An
    // attachment of the page that is not there is listed as not available
    // online; a link to a resource or file that is not there becomes its text.
    const PublishedSet* published = nullptr;
};

// Reads a PageSummary off a valid resource document in `lang`. source_lang is
// the document's xml:lang, which merge-back sets to the target language: the
// caller sets it (and `translated`, published, updated) from what it knows.
// Ids and category tokens become folder names, so they are checked. `links`
// are the resources that the relative links of the text lead to.
// Errors: invalid, with line and column.
Result<PageSummary> summarize(std::string_view xml, Lang lang);

// index.html of /<lang>/<resources|ressources>/<id>/. Errors: invalid (the
// document does not parse, an element the renderer does not know, a link
// that is not http(s), mailto or relative), never for content: everything
// is escaped. The printer-friendly version is the same page (its "#print"
// view and print.css), so one page is one file.
Result<std::string> render_resource_page(const Theme& theme, const SiteSettings& settings, const ResourcePage& page);

// A page of the site other than a resource page, with its path from the
// site root ("en/index.html", "fr/ressources/type/report/index.html") and bytes.
struct SiteFile {
    std::string path;
    std::string bytes;
};

// Everything that depends on the whole list of pages: per language the
// campaign page (home_resource's page when it exists, else the list), the
// resource list and its static filter pages (type, topic, scope), the root
// language-choice page (index.html), sitemap.xml with xhtml:link alternates,
// robots.txt, feeds/resources.atom, feeds/resources.json, en/feed.atom,
// fr/feed.atom. `pages` in any order; output is sorted and deterministic.
struct Tombstone {
    std::string id;
    Lang lang = Lang::en;
    Seconds when = 0;
};
//
// `home` (optional, additive): the home_resource's ResourcePage in each
// language; given, /en/ and /fr/ show its whole text (relative links rebased
// to the new folder); without it, its title and summary and a link to its page.
std::vector<SiteFile> render_indexes(const Theme& theme, const SiteSettings& settings, std::span<const PageSummary> pages,
                                     std::span<const Tombstone> tombstones, Seconds now,
                                     std::span<const ResourcePage> home = {});

// The same files handed to `write` one at a time as they are made, in no
// particular order, so a publisher never holds them all (at 10,000 resources
// they weigh about 250 MB): the peak is the largest one. Stops at, and
// returns, the first error `write` returns.
using WriteFile = std::function<Status(SiteFile&&)>;
Status write_indexes(const Theme& theme, const SiteSettings& settings, std::span<const PageSummary> pages,
                     std::span<const Tombstone> tombstones, Seconds now, const WriteFile& write,
                     std::span<const ResourcePage> home = {});
// `now` is the release commit's time, never the clock, so an incremental
// publish and a full one give the same bytes.

// The stylesheets and other static files of the theme (web/templates/static/…),
// copied to "static/…".
std::vector<SiteFile> static_files(const Theme& theme);

}  // namespace tandem::site
