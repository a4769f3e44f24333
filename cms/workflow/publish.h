#pragma once
// Publishing: what is approved (the tip of `release`, or an earlier
// publication) rendered into a new generation of the static site beside the
// live one, checked, then swapped in atomically; the release commit is
// tagged published/<n>. Pages are rendered one at a time and written at
// once; only their summaries stay in memory, for the indexes and feeds.
//
// On disk, for a site at <out> (default <data>/site):
//   <out>                      a symlink to <out>.gen/<k>: the live generation
//   <out>.gen/<k>/             one whole site: index.html, robots.txt, sitemap.xml,
//                              en/…, fr/…, feeds/…, static/…
//   <out>.gen/<k>.state        what generation k was rendered from (release commit,
//                              each resource's tree id, page summaries), read by the
//                              next incremental publish; never served
//   <out>.gen/.building-<k>/   a generation being written (a crash leaves it; the
//                              next publish removes it)
// A web server serves <out> (nginx: `root <out>;`, symlinks followed, the
// default): each request sees the old generation or the new one, never a
// mix. The live generation and the one it replaced are kept (for a quick
// manual switch back); older ones are removed.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cms/workflow/workflow.h"
#include "pipeline/site/site.h"

namespace tandem::workflow {

// <data>/site
std::filesystem::path default_site_path(const std::filesystem::path& data_dir);

// The site's templates and words, and a fingerprint of every file they were
// read from: a publish re-renders every page when it differs from the live
// generation's (a designer changed a template), so incremental stays
// byte-identical to full.
struct SiteTheme {
    site::Theme theme;
    std::string fingerprint;
};
// Errors: not_found, invalid (as site::load_theme).
Result<SiteTheme> load_site_theme(const std::filesystem::path& templates_dir, const std::filesystem::path& locales_dir);

struct PublishProgress {
    std::size_t done = 0;   // resources rendered or reused so far
    std::size_t total = 0;  // resources on the release
};

// How a page that did not change reaches the new generation.
enum class Reuse { link, copy };

struct PublishOptions {
    std::filesystem::path out;      // the live site path (a symlink Tandem manages)
    // No site_url (the default here): current_site_url for a publish, the
    // publication's own for a rollback.
    site::SiteSettings settings{.site_url = ""};
    bool full = false;              // render every page even when the live generation has it
    Reuse reuse = Reuse::link;      // hard links (cheap; generations are never modified) or copies
    store::Author publisher;        // the author of the published/<n> tag
    std::function<void(const PublishProgress&)> progress;  // may be empty
};

struct Publication {
    int number = 0;                 // published/<number>
    store::Revision revision;       // the release commit the site shows
    std::size_t resources = 0;
    std::size_t pages = 0;          // resource pages (two per resource)
    std::size_t rendered = 0;       // resource pages rendered this time; the others were reused
    std::size_t files = 0;          // files in the generation
    std::size_t tombstones = 0;     // withdrawn resource pages kept as feed tombstones
    std::filesystem::path generation;
};

// The address a publish without one is made for: the newest publication's,
// so a publish from the web app keeps the address the site was published
// at; the default (http://localhost/) before the first. Errors: io.
Result<std::string> current_site_url(const Context& ctx);

// Renders the tip of `release` into a new generation, swaps it in, and tags
// the release commit published/<n> (n = one more than the last). A failure or
// a crash at any point leaves the previous generation live and whole.
// Errors: conflict (another publish of this site is running), invalid (a
// document or catalog on release that does not render; `out` is a folder
// Tandem does not manage), io.
Result<Publication> publish_release(const Context& ctx, const SiteTheme& theme, const PublishOptions& options);

// Republishes published/<number> the same way, as a new generation equal,
// file for file, to the one published then (no new tag: the site shows
// publication <number> again). Errors: not_found (no such publication), and
// those of publish_release.
Result<Publication> rollback_release(const Context& ctx, const SiteTheme& theme, int number, const PublishOptions& options);

struct Release {
    int number = 0;
    store::Revision revision;  // the release commit
    std::int64_t time = 0;     // when it was published (the tag's time)
    std::string publisher;     // the tag's message first line names who
    bool live = false;         // the live generation of `out` shows it
};

// The publications (published/<n> tags), newest first; `live` marks the one
// the site at `out` shows. Errors: io.
Result<std::vector<Release>> list_releases(const Context& ctx, const std::filesystem::path& out);

// One page of a resource at `rev` of main as it would be published (the
// editor's live preview): the source, or the translation merged from the
// catalog at rev (untranslated segments in the source language). Its links
// are relative, as on the site. Errors: not_found, invalid.
Result<std::string> preview_page(const Context& ctx, const SiteTheme& theme, std::string_view id, Lang lang,
                                 std::string_view rev = "main");

// The same for a document not saved yet (the editor's text as it is): it must
// be valid and carry `id`; the other language takes the translations the
// catalog at `rev` has for its segments (a resource not on main yet has none).
// Errors: invalid (with line and column), not_found (no such rev).
Result<std::string> preview_draft(const Context& ctx, const SiteTheme& theme, std::string_view id, Lang lang,
                                  std::string_view xml, std::string_view rev = "main");

}  // namespace tandem::workflow
