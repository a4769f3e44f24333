// render_resource_page: the document as HTML inside the resource template,
// inside the layout.

#include "pipeline/site/document_html.h"

#include <algorithm>

#include "pipeline/site/site_paths.h"
#include "pipeline/site/theme_data.h"

namespace tandem::site {

bool is_published(const PublishedSet& published, std::string_view id) { return published.attachments.contains(id); }

bool is_published_attachment(const PublishedSet& published, std::string_view id, std::string_view name) {
    const auto resource = published.attachments.find(id);
    if (resource == published.attachments.end()) return false;
    return std::binary_search(resource->second.begin(), resource->second.end(), name);
}

std::vector<PageSummary::File> published_files(const PageSummary& summary, const PublishedSet& published) {
    std::vector<PageSummary::File> files;
    for (const auto& file : summary.files)
        if (is_published_attachment(published, summary.id, file.href)) files.push_back(file);
    return files;
}

namespace detail {

// A category as the page shows it: its label in the page language and the
// filter page that lists its resources.
Data category_data(const Theme& theme, std::string_view from_dir, std::string_view kind, std::string_view token, Lang lang) {
    Data category;
    category["label"] = string_data(category_label(theme, kind, token, lang));
    category["token"] = string_data(token);
    category["href"] = string_data(relative_url(from_dir, filter_dir(kind, token, lang)));
    return category;
}

// mailto: with the title as subject and the page's address as body (RFC 6068).
std::string mail_link(std::string_view title, std::string_view url) {
    return "mailto:?subject=" + percent_encode(title) + "&body=" + percent_encode(url);
}

}  // namespace detail

Result<std::string> render_resource_page(const Theme& theme, const SiteSettings& settings, const ResourcePage& page) {
    using namespace detail;
    const PageSummary& summary = page.summary;
    const Lang lang = summary.lang;
    if (auto ok = check_resource_id(summary.id); !ok) return tl::unexpected(ok.error());
    const std::string dir = resource_dir(summary.id, lang);
    auto html = render_document(page.xml, "resources/" + summary.id + "/resource.xml", std::nullopt,
                                LinkFilter{page.published, summary.id, lang});
    if (!html) return tl::unexpected(html.error());

    Data data;
    data["lang"] = string_data(lang_code(lang));
    // Text in another language than the page's (a unilingual approval shows
    // the source) carries its own lang, so screen readers and hyphenation follow.
    if (html->lang != lang) data["content_lang"] = string_data(lang_code(html->lang));
    data["translation_coming"] = Data(!summary.translated);
    data["title_html"] = string_data(html->title);
    data["summary_html"] = string_data(html->summary);
    data["body_html"] = string_data(html->body);
    data["type"] = category_data(theme, dir, "type", summary.type, lang);
    if (summary.date) data["date"] = string_data(*summary.date);
    if (summary.pages) set_count(theme, data, "pages", static_cast<std::uint64_t>(*summary.pages));
    if (summary.scope) data["scope"] = category_data(theme, dir, "scope", *summary.scope, lang);
    Data topics(Data::type::list);
    for (const auto& topic : summary.topics) topics.push_back(category_data(theme, dir, "topic", topic, lang));
    data["has_topics"] = Data(!summary.topics.empty());
    data["topics"] = std::move(topics);
    Data files(Data::type::list);
    for (const auto& file : summary.files) {
        Data item;
        // Declared in the document but not in the resource's folder on the
        // release: named, not linked (the link would answer 404).
        item["available"] = Data(!page.published || is_published_attachment(*page.published, summary.id, file.href));
        item["href"] = string_data(file.href);
        item["pdf"] = Data(file.format == "pdf");
        item["html"] = Data(file.format == "html");
        item["other"] = Data(file.format != "pdf" && file.format != "html");
        item["file_lang"] = string_data(lang_code(file.lang));
        item["in_english"] = Data(file.lang != lang && file.lang == Lang::en);
        item["in_french"] = Data(file.lang != lang && file.lang == Lang::fr);
        if (file.pages) set_count(theme, item, "pages", static_cast<std::uint64_t>(*file.pages));
        files.push_back(item);
    }
    data["has_files"] = Data(!summary.files.empty());
    data["files"] = std::move(files);
    const std::string url = absolute_url(settings.site_url, dir);
    data["mail_href"] = string_data(mail_link(summary.title, url));

    LayoutInput layout;
    layout.lang = lang;
    layout.dir = dir;
    layout.title = summary.title;
    layout.description = summary.summary;
    for (const auto& [other, exists] : page.languages)
        if (exists) layout.language_dirs[other] = resource_dir(summary.id, other);
    layout.language_dirs[lang] = dir;
    layout.content = render_template(theme, "resource", data, lang);
    return render_layout(theme, settings, layout);
}

}  // namespace tandem::site
