// render_indexes: everything that depends on the whole list of pages.
// Each resource's list entry is rendered once per folder depth and then
// reused by every list and filter page that shows it, so the cost grows with
// the number of entries shown, never with pages × resources.

#include <algorithm>
#include <unordered_map>

#include "pipeline/site/document_html.h"
#include "pipeline/site/html_writer.h"
#include "pipeline/site/site_paths.h"
#include "pipeline/site/theme_data.h"

namespace tandem::site {

namespace {

using detail::Data;
using detail::N_;
using detail::string_data;

constexpr const char* k_kinds[] = {"type", "topic", "scope"};
constexpr std::size_t k_latest = 5;

std::vector<std::string> tokens_of(const PageSummary& page, std::string_view kind) {
    if (kind == "type") return {page.type};
    if (kind == "scope") return page.scope ? std::vector<std::string>{*page.scope} : std::vector<std::string>{};
    std::vector<std::string> topics = page.topics;
    std::sort(topics.begin(), topics.end());
    topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
    return topics;
}

// The text of a page not in the page's language (unilingual approval).
std::optional<Lang> content_lang(const PageSummary& page) {
    if (!page.translated && page.source_lang != page.lang) return page.source_lang;
    return std::nullopt;
}

struct FilterOption {
    std::string token;
    std::string label;
    std::vector<std::size_t> entries;  // positions in the language's list order
};

// One language's list, its filters and the entries rendered so far.
class LanguageIndexes {
public:
    LanguageIndexes(const Theme& theme, const SiteSettings& settings, const detail::SiteIndex& index, Lang lang)
        : m_theme(theme), m_settings(settings), m_index(index), m_lang(lang) {
        for (const auto* page : index.pages)
            if (page->lang == lang) m_list.push_back(page);
        // Newest first; the id settles ties so the order never depends on input order.
        std::sort(m_list.begin(), m_list.end(), [](const PageSummary* a, const PageSummary* b) {
            return a->updated != b->updated ? a->updated > b->updated : a->id < b->id;
        });
        for (std::size_t k = 0; k < 3; ++k) {
            std::map<std::string, std::vector<std::size_t>> by_token;
            for (std::size_t i = 0; i < m_list.size(); ++i)
                for (auto& token : tokens_of(*m_list[i], k_kinds[k]))
                    if (check_resource_id(token)) by_token[token].push_back(i);
            for (auto& [token, entries] : by_token)
                m_filters[k].push_back(FilterOption{token, category_label(theme, k_kinds[k], token, lang), std::move(entries)});
            std::sort(m_filters[k].begin(), m_filters[k].end(), [](const FilterOption& a, const FilterOption& b) {
                return a.label != b.label ? a.label < b.label : a.token < b.token;
            });
        }
    }

    bool has_filter(std::string_view kind, std::string_view token) const {
        const auto& options = m_filters[kind_index(kind)];
        return std::any_of(options.begin(), options.end(), [&](const FilterOption& o) { return o.token == token; });
    }

    const PageSummary* find(std::string_view id) const {
        auto it = m_index.by_id.find(id);
        if (it == m_index.by_id.end()) return nullptr;
        auto page = it->second.find(m_lang);
        return page == it->second.end() ? nullptr : page->second;
    }

    Status render(const LanguageIndexes& other, std::span<const ResourcePage> home, const WriteFile& write) {
        const std::string list = detail::list_dir(m_lang);
        if (auto ok = write(SiteFile{list + "index.html", list_page(list, nullptr, 0, other)}); !ok) return ok;
        for (std::size_t k = 0; k < 3; ++k)
            for (const auto& option : m_filters[k]) {
                const std::string dir = detail::filter_dir(k_kinds[k], option.token, m_lang);
                if (auto ok = write(SiteFile{dir + "index.html", list_page(dir, &option, k, other)}); !ok) return ok;
            }
        return write(SiteFile{detail::home_dir(m_lang) + "index.html", home_page(home, other)});
    }

private:
    static std::size_t kind_index(std::string_view kind) { return kind == "type" ? 0 : kind == "topic" ? 1 : 2; }

    // The list entries as seen from folder `dir`; entries hold links
    // relative to the page, so pages at the same depth share them.
    const std::vector<std::string>& entries_for(const std::string& dir) {
        std::string key = detail::relative_url(dir, detail::list_dir(m_lang));
        auto [it, added] = m_entries.try_emplace(key);
        if (added) {
            it->second.reserve(m_list.size());
            for (const auto* page : m_list) it->second.push_back(entry(*page, dir));
        }
        return it->second;
    }

    // Filter pages show the short form (no summary): each resource appears
    // on several of them, and the list page has the long form.
    std::string entry(const PageSummary& page, const std::string& dir) const {
        Data data;
        data["compact"] = Data(dir != detail::list_dir(m_lang) && dir != detail::home_dir(m_lang));
        data["href"] = string_data(detail::relative_url(dir, detail::resource_dir(page.id, m_lang)));
        data["title"] = string_data(page.title);
        if (!page.summary.empty()) data["summary"] = string_data(page.summary);
        if (auto lang = content_lang(page)) data["content_lang"] = string_data(lang_code(*lang));
        data["type_label"] = string_data(category_label(m_theme, "type", page.type, m_lang));
        if (page.date) data["date"] = string_data(*page.date);
        data["translation_coming"] = Data(!page.translated);
        return detail::render_template(m_theme, "resource-item", data, m_lang);
    }

    Data filter_links(std::size_t kind, const std::string& dir, const FilterOption* current) const {
        Data links(Data::type::list);
        for (const auto& option : m_filters[kind]) {
            Data link;
            link["label"] = string_data(option.label);
            link["href"] = string_data(detail::relative_url(dir, detail::filter_dir(k_kinds[kind], option.token, m_lang)));
            link["count"] = string_data(std::to_string(option.entries.size()));
            link["current"] = Data(&option == current);
            links.push_back(link);
        }
        return links;
    }

    std::string list_page(const std::string& dir, const FilterOption* filter, std::size_t kind, const LanguageIndexes& other) {
        const auto& entries = entries_for(dir);
        std::string items;
        if (filter) {
            for (auto i : filter->entries) items += entries[i];
        } else {
            for (const auto& e : entries) items += e;
        }
        Data data;
        data["items"] = Data(std::move(items));
        data["count"] = string_data(std::to_string(filter ? filter->entries.size() : entries.size()));
        data["type_filters"] = filter_links(0, dir, filter);
        data["topic_filters"] = filter_links(1, dir, filter);
        data["scope_filters"] = filter_links(2, dir, filter);
        detail::LayoutInput layout;
        layout.lang = m_lang;
        layout.dir = dir;
        layout.title = translate_word(m_theme, m_lang, N_("Resources"));
        if (filter) {
            Data current;
            current[k_kinds[kind]] = Data(true);
            current["label"] = string_data(filter->label);
            current["all_href"] = string_data(detail::relative_url(dir, detail::list_dir(m_lang)));
            data["filter"] = std::move(current);
            layout.title = filter->label + " – " + layout.title;
        }
        layout.language_dirs[m_lang] = dir;
        Lang other_lang_ = other.m_lang;
        if (!filter) layout.language_dirs[other_lang_] = detail::list_dir(other_lang_);
        else if (other.has_filter(k_kinds[kind], filter->token))
            layout.language_dirs[other_lang_] = detail::filter_dir(k_kinds[kind], filter->token, other_lang_);
        layout.content = detail::render_template(m_theme, "list", data, m_lang);
        return detail::render_layout(m_theme, m_settings, layout);
    }

    std::string home_page(std::span<const ResourcePage> home, const LanguageIndexes& other) {
        const std::string dir = detail::home_dir(m_lang);
        const PageSummary* campaign = find(m_settings.home_resource);
        Data data;
        detail::LayoutInput layout;
        layout.lang = m_lang;
        layout.dir = dir;
        layout.language_dirs = {{m_lang, dir}, {other.m_lang, detail::home_dir(other.m_lang)}};
        layout.title = translate_word(m_theme, m_lang, N_("Campaign"));
        if (campaign) {
            layout.title = campaign->title;
            layout.description = campaign->summary;
            data["title_html"] = string_data(detail::escape_html(campaign->title));
            if (!campaign->summary.empty()) data["summary_html"] = string_data(detail::escape_html(campaign->summary));
            if (auto lang = content_lang(*campaign)) data["content_lang"] = string_data(lang_code(*lang));
            data["translation_coming"] = Data(!campaign->translated);
            const std::string page_dir = detail::resource_dir(campaign->id, m_lang);
            auto full = std::find_if(home.begin(), home.end(), [&](const ResourcePage& p) {
                return p.summary.id == campaign->id && p.summary.lang == m_lang;
            });
            // The whole text when the caller gave it; a document that does not
            // render leaves the summary and a link to its page, which the
            // publisher's render of that page reports as the error it is.
            auto html = full == home.end() ? Result<detail::DocumentHtml>(fail(ErrorCode::not_found, ""))
                                           : detail::render_document(full->xml, campaign->id, detail::LinkRebase{page_dir, dir});
            if (html) {
                data["title_html"] = string_data(html->title);
                if (!html->summary.empty()) data["summary_html"] = string_data(html->summary);
                data["body_html"] = string_data(html->body);
            } else {
                data["page_href"] = string_data(detail::relative_url(dir, page_dir));
            }
        } else {
            data["title_html"] = string_data(detail::escape_html(translate_word(m_theme, m_lang, N_("Trafficking in Persons"))));
        }
        std::string latest;  // a few entries: rendered here, not the whole list at this depth
        for (std::size_t i = 0; i < m_list.size() && i < k_latest; ++i) latest += entry(*m_list[i], dir);
        data["latest"] = Data(std::move(latest));
        data["all_href"] = string_data(detail::relative_url(dir, detail::list_dir(m_lang)));
        data["type_filters"] = filter_links(0, dir, nullptr);
        layout.content = detail::render_template(m_theme, "home", data, m_lang);
        return detail::render_layout(m_theme, m_settings, layout);
    }

    const Theme& m_theme;
    const SiteSettings& m_settings;
    const detail::SiteIndex& m_index;
    Lang m_lang;
    std::vector<const PageSummary*> m_list;
    std::vector<FilterOption> m_filters[3];
    std::unordered_map<std::string, std::vector<std::string>> m_entries;
};

detail::SiteIndex index_pages(std::span<const PageSummary> pages) {
    detail::SiteIndex index;
    for (const auto& page : pages) {
        if (!check_resource_id(page.id)) continue;  // an id is a folder name: never anything else
        index.pages.push_back(&page);
    }
    std::stable_sort(index.pages.begin(), index.pages.end(), [](const PageSummary* a, const PageSummary* b) {
        return a->id != b->id ? a->id < b->id : a->lang < b->lang;
    });
    // A second page for the same resource and language is dropped: the first wins.
    index.pages.erase(std::unique(index.pages.begin(), index.pages.end(),
                                  [](const PageSummary* a, const PageSummary* b) { return a->id == b->id && a->lang == b->lang; }),
                      index.pages.end());
    for (const auto* page : index.pages) index.by_id[page->id][page->lang] = page;
    return index;
}

std::string root_page(const Theme& theme, const SiteSettings& settings) {
    Data data;
    data["canonical"] = string_data(detail::absolute_url(settings.site_url, ""));
    Data languages(Data::type::list);
    for (Lang lang : {Lang::en, Lang::fr}) {
        Data item;
        item["lang"] = string_data(lang_code(lang));
        item["href"] = string_data(detail::home_dir(lang));
        item["url"] = string_data(detail::absolute_url(settings.site_url, detail::home_dir(lang)));
        item["first"] = Data(lang == Lang::en);
        item["_"] = detail::word_lambda(theme, lang);
        languages.push_back(item);
    }
    data["languages"] = std::move(languages);
    // Each language's block carries its own "_": the one template mixing languages.
    return detail::render_template_with_word_lambdas(theme, "root", data, Lang::en);
}

}  // namespace

Status write_indexes(const Theme& theme, const SiteSettings& settings, std::span<const PageSummary> pages,
                     std::span<const Tombstone> tombstones, Seconds now, const WriteFile& write,
                     std::span<const ResourcePage> home) {
    const auto index = index_pages(pages);
    LanguageIndexes en(theme, settings, index, Lang::en), fr(theme, settings, index, Lang::fr);
    if (auto ok = en.render(fr, home, write); !ok) return ok;
    if (auto ok = fr.render(en, home, write); !ok) return ok;
    if (auto ok = write(SiteFile{"index.html", root_page(theme, settings)}); !ok) return ok;
    if (auto ok = write(SiteFile{"sitemap.xml", detail::render_sitemap(settings, index, now)}); !ok) return ok;
    if (auto ok = write(SiteFile{"robots.txt", detail::render_robots(settings)}); !ok) return ok;
    return detail::write_feeds(theme, settings, index, tombstones, now, write);
}

std::vector<SiteFile> render_indexes(const Theme& theme, const SiteSettings& settings, std::span<const PageSummary> pages,
                                     std::span<const Tombstone> tombstones, Seconds now, std::span<const ResourcePage> home) {
    std::vector<SiteFile> files;
    // Keeping every file cannot fail.
    (void)write_indexes(theme, settings, pages, tombstones, now,
                        [&files](SiteFile&& file) -> Status {
                            files.push_back(std::move(file));
                            return {};
                        },
                        home);
    std::sort(files.begin(), files.end(), [](const SiteFile& a, const SiteFile& b) { return a.path < b.path; });
    return files;
}

}  // namespace tandem::site
