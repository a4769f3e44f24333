// sitemap.xml, robots.txt and the feeds: the site's pages as lists for
// crawlers and feed readers. The feeds themselves are pipeline/publish's,
// and so is the escaping XML writer the sitemap is streamed through.

#include "pipeline/publish/feed.h"
#include "pipeline/publish/feed_support.h"
#include "pipeline/publish/markup_writer.h"
#include "pipeline/site/site_paths.h"
#include "pipeline/site/theme_data.h"

namespace tandem::site::detail {

namespace {

void add_url(publish::detail::XmlWriter& xml, const SiteSettings& settings, std::string_view dir,
             const std::map<Lang, std::string>& language_dirs, std::optional<Seconds> lastmod) {
    xml.open("url");
    xml.open("loc");
    xml.text(absolute_url(settings.site_url, dir));
    xml.close();
    if (lastmod) xml.element("lastmod", publish::detail::rfc3339(*lastmod));
    // Google's rule: every language version lists all of them, itself included.
    if (language_dirs.size() > 1)
        for (const auto& [lang, other] : language_dirs) {
            xml.open("xhtml:link");
            xml.attribute("rel", "alternate");
            xml.attribute("hreflang", lang_code(lang));
            xml.attribute("href", absolute_url(settings.site_url, other));
            xml.close();
        }
    xml.close();
}

std::string mime_type_of(const PageSummary::File& file) {
    if (file.format == "pdf") return "application/pdf";
    if (file.format == "html") return "text/html";
    return "application/octet-stream";
}

}  // namespace

std::string render_sitemap(const SiteSettings& settings, const SiteIndex& index, Seconds now) {
    std::string out;
    out.reserve(1024 + index.pages.size() * 400);
    publish::detail::XmlWriter xml(out);
    xml.declaration("UTF-8");
    xml.open("urlset");
    xml.attribute("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9");
    xml.attribute("xmlns:xhtml", "http://www.w3.org/1999/xhtml");
    const std::map<Lang, std::string> homes{{Lang::en, home_dir(Lang::en)}, {Lang::fr, home_dir(Lang::fr)}};
    const std::map<Lang, std::string> lists{{Lang::en, list_dir(Lang::en)}, {Lang::fr, list_dir(Lang::fr)}};
    for (Lang lang : {Lang::en, Lang::fr}) {
        add_url(xml, settings, home_dir(lang), homes, now);
        add_url(xml, settings, list_dir(lang), lists, now);
    }
    for (const auto& [id, by_lang] : index.by_id) {
        std::map<Lang, std::string> dirs;
        for (const auto& [lang, page] : by_lang) dirs[lang] = resource_dir(id, lang);
        for (const auto& [lang, page] : by_lang) add_url(xml, settings, dirs[lang], dirs, page->updated);
    }
    xml.close();
    return out;
}

std::string render_robots(const SiteSettings& settings) {
    // Plain text with one URL in it, which the caller's settings provide.
    return "User-agent: *\nAllow: /\n\nSitemap: " + absolute_url(settings.site_url, "sitemap.xml") + "\n";
}

Status write_feeds(const Theme& theme, const SiteSettings& settings, const SiteIndex& index,
                   std::span<const Tombstone> tombstones, Seconds now, const WriteFile& write) {
    std::vector<publish::FeedEntry> entries;
    entries.reserve(index.pages.size());
    for (const auto* page : index.pages) {
        const auto& languages = index.by_id.at(page->id);
        publish::FeedEntry entry;
        entry.id = page->id;
        entry.lang = page->lang;
        entry.title = page->title;
        entry.summary = page->summary;
        entry.type = page->type;
        entry.topics = page->topics;
        entry.scope = page->scope;
        entry.audience = page->audience;
        entry.date = page->date;
        entry.published = page->published;
        entry.updated = page->updated;
        const std::string dir = resource_dir(page->id, page->lang);
        entry.page_url = absolute_url(settings.site_url, dir);
        for (const auto& [lang, other] : languages) entry.alternate_urls[lang] = absolute_url(settings.site_url, resource_dir(page->id, lang));
        for (const auto& file : page->files)
            entry.enclosures.push_back(publish::Enclosure{entry.page_url + file.href, mime_type_of(file), file.lang, std::nullopt});
        // The other language is "available" when its page is a translation
        // (or the source) rather than this text again awaiting translation.
        auto other = languages.find(other_lang(page->lang));
        const bool other_exists = other != languages.end();
        entry.other_language_available = other_exists && (!page->translated || other->second->translated);
        entry.translation_pending = !page->translated || (other_exists && !other->second->translated);
        entries.push_back(std::move(entry));
    }
    std::vector<publish::Tombstone> gone;
    for (const auto& t : tombstones) {
        if (!check_resource_id(t.id)) continue;
        gone.push_back(publish::Tombstone{t.id, t.lang, t.when, absolute_url(settings.site_url, resource_dir(t.id, t.lang))});
    }
    const publish::Labels labels = [&theme](std::string_view kind, std::string_view token, Lang lang) {
        return category_label(theme, kind, token, lang);
    };
    auto options_for = [&](std::optional<Lang> lang, std::string_view path) {
        publish::FeedOptions options;
        options.site_url = settings.site_url;
        options.feed_url = absolute_url(settings.site_url, path);
        const char* title = N_("Resources of the Trafficking in Persons campaign");
        const char* author = N_("Canadian Council for Refugees");
        if (lang) {
            options.title = translate_word(theme, *lang, title);
            options.author_name = translate_word(theme, *lang, author);
        } else {
            options.title = translate_word(theme, Lang::en, title) + " / " + translate_word(theme, Lang::fr, title);
            options.author_name = translate_word(theme, Lang::en, author) + " / " + translate_word(theme, Lang::fr, author);
        }
        options.lang = lang;
        options.updated = now;
        options.tag_authority = settings.tag_authority;
        return options;
    };
    // The three Atom feeds share their entries' bytes: each is rendered once.
    const std::string bilingual = "feeds/resources.atom", en = home_dir(Lang::en) + "feed.atom",
                      fr = home_dir(Lang::fr) + "feed.atom";
    const std::vector<publish::FeedOptions> atom{options_for(std::nullopt, bilingual), options_for(Lang::en, en),
                                                 options_for(Lang::fr, fr)};
    {
        auto feeds = publish::render_atom_feeds(entries, gone, atom, labels);
        if (auto ok = write(SiteFile{bilingual, std::move(feeds[0])}); !ok) return ok;
        if (auto ok = write(SiteFile{en, std::move(feeds[1])}); !ok) return ok;
        if (auto ok = write(SiteFile{fr, std::move(feeds[2])}); !ok) return ok;
    }
    return write(SiteFile{"feeds/resources.json",
                          publish::render_json_feed(entries, gone, options_for(std::nullopt, "feeds/resources.json"), labels)});
}

}  // namespace tandem::site::detail
