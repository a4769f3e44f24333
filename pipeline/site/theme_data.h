#pragma once
// What a loaded Theme holds, and how the renderers fill its templates.
// Internal to pipeline/site (kainjow-mustache stays in this folder).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "pipeline/po/mo.h"
#include "pipeline/site/site.h"

namespace tandem::site {

struct Theme::Loaded {
    // web/templates/<name>.mustache as written, words as "_" lambdas: for a
    // template whose parts are in different languages (the root page).
    std::map<std::string, kainjow::mustache::mustache, std::less<>> templates;
    // The same with every {{#_}}word{{/_}} replaced by the word in each
    // language (index: Lang), so a render looks no word up and parses nothing.
    // A counted word, {{#_n.count}}singular|plural{{/_n.count}}, becomes one
    // section per form of that language, which set_count's data opens.
    std::map<std::string, kainjow::mustache::mustache, std::less<>> localized[2];
    po::CompiledCatalog french;  // locales/fr/site.mo; English is the msgid language
    // web/templates/categories.txt: (kind, token) → English label.
    std::map<std::pair<std::string, std::string>, std::string, std::less<>> categories;
    std::vector<SiteFile> statics;  // web/templates/static/**, as "static/<path>"
};

namespace detail {

using Data = kainjow::mustache::data;

// Marks a word the C++ code shows, for scripts/extract-site-messages
// (xgettext --keyword=N_); the word is looked up with translate_word.
constexpr const char* N_(const char* msgid) { return msgid; }

// Sets data[name] to the count, and data["_n"][name] to what the counted
// words of the templates ({{#_n.name}}{{name}} page|{{name}} pages{{/_n.name}})
// need to pick their form: for each plural rule a localized template may use
// (English's, which is also the fallback of an untranslated counted word, and
// the French catalog's), which form the count takes.
void set_count(const Theme& theme, Data& data, std::string_view name, std::uint64_t n);

// The template `name` in `lang`, filled with `data`. load_theme checked that
// every template and translation parses and renders, so rendering cannot
// fail afterwards.
std::string render_template(const Theme& theme, std::string_view name, Data& data, Lang lang);

// The template as written, its words looked up by the "_" lambda of the
// closest data that has one (render_template's default: `lang`'s words).
std::string render_template_with_word_lambdas(const Theme& theme, std::string_view name, Data& data, Lang lang);

// The template data every page layout gets: lang, the other language's
// code and name, and the path back to the site root.
Data string_data(std::string_view text);

// "Français" in French, "English" in English: a language's own name.
std::string_view autonym(Lang lang);

}  // namespace detail
}  // namespace tandem::site

namespace tandem::site::detail {

// One page of the site as the layout template frames it.
struct LayoutInput {
    Lang lang = Lang::en;
    std::string dir;                            // the page's folder from the site root: "en/resources/x/"
    std::string title;                          // plain text
    std::string description;                    // plain text, may be empty
    std::map<Lang, std::string> language_dirs;  // the folder of this page in each language it exists in
    std::string content;                        // the page template's output (HTML it escaped itself)
};

// The whole HTML document: head (canonical, hreflang alternates with
// x-default, feed autodiscovery, stylesheets), header with the language
// switch, main content, footer.
std::string render_layout(const Theme& theme, const SiteSettings& settings, const LayoutInput& page);

}  // namespace tandem::site::detail

namespace tandem::site::detail {

// The "_" lambda of `lang`'s words, for a part of a template rendered in
// another language than the rest (the root page's blocks).
Data word_lambda(const Theme& theme, Lang lang);

// Every page of a render_indexes call once, sorted by id then language, and
// each resource's pages by language.
struct SiteIndex {
    std::vector<const PageSummary*> pages;
    std::map<std::string_view, std::map<Lang, const PageSummary*>> by_id;
};

// sitemaps.org urlset: the homes, the lists and every resource page, each with
// xhtml:link alternates to its languages.
std::string render_sitemap(const SiteSettings& settings, const SiteIndex& index, Seconds now);
std::string render_robots(const SiteSettings& settings);
// feeds/resources.atom, feeds/resources.json, en/feed.atom, fr/feed.atom.
// Handed to `write` as they are made: the Atom feeds, then the JSON one.
Status write_feeds(const Theme& theme, const SiteSettings& settings, const SiteIndex& index,
                   std::span<const Tombstone> tombstones, Seconds now, const WriteFile& write);

}  // namespace tandem::site::detail
