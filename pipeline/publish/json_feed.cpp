// JSON Feed 1.1 (https://jsonfeed.org/version/1.1), the twin of the Atom feed:
// same selection, order and ids, built as an nlohmann document so quoting is
// the library's job.

#include <algorithm>

#include <nlohmann/json.hpp>

#include "pipeline/publish/feed.h"
#include "pipeline/publish/feed_support.h"

namespace tandem::publish {
namespace {

using namespace detail;
// Insertion order kept, so "version" comes first and the output reads like the spec.
using Json = nlohmann::ordered_json;

Json optional_text(const std::optional<std::string>& value) {
    return value ? Json(clean_text(*value)) : Json(nullptr);
}

Json item_of(const FeedEntry& entry, const FeedOptions& options, const Labels& labels) {
    Json item;
    item["id"] = entry_tag_uri(options.tag_authority, entry.id, entry.lang);
    if (is_web_url(entry.page_url)) item["url"] = entry.page_url;
    item["title"] = clean_text(entry.title);
    item["summary"] = clean_text(entry.summary);
    // content_text or content_html is required; the summary is all there is.
    item["content_text"] = clean_text(entry.summary);
    item["date_published"] = rfc3339(entry.published);
    item["date_modified"] = rfc3339(entry.updated);
    item["language"] = lang_code(entry.lang);

    const std::vector<Category> categories = categories_of(entry, options, labels);
    Json tags = Json::array();
    for (const Category& category : categories)
        if (std::find(tags.begin(), tags.end(), category.label) == tags.end()) tags.push_back(category.label);
    if (!tags.empty()) item["tags"] = std::move(tags);

    Json attachments = Json::array();
    for (const Enclosure& enclosure : clean_enclosures(entry)) {
        Json attachment;
        attachment["url"] = enclosure.href;
        attachment["mime_type"] = enclosure.mime_type;
        if (enclosure.length) attachment["size_in_bytes"] = *enclosure.length;
        attachments.push_back(std::move(attachment));
    }
    if (!attachments.empty()) item["attachments"] = std::move(attachments);

    Json alternates = Json::object();
    if (is_web_url(entry.page_url)) alternates[lang_code(entry.lang)] = entry.page_url;
    for (const auto& [lang, url] : other_pages(entry)) alternates[lang_code(lang)] = url;

    Json topics = Json::array();
    for (const Category& category : categories)
        if (std::string_view(category.kind) == "topic") topics.push_back(category.term);

    Json& tandem = item["_tandem"];
    tandem["resource_id"] = clean_text(entry.id);
    tandem["type"] = clean_text(entry.type);
    tandem["topics"] = std::move(topics);
    tandem["scope"] = optional_text(entry.scope);
    tandem["audience"] = clean_text(entry.audience);
    tandem["date"] = entry.date && is_publication_date(*entry.date) ? Json(*entry.date) : Json(nullptr);
    tandem["alternates"] = std::move(alternates);
    tandem["other_language_available"] = entry.other_language_available;
    tandem["translation_pending"] = entry.translation_pending;
    return item;
}

Json tombstone_of(const Tombstone& tombstone, const FeedOptions& options) {
    Json out;
    out["id"] = entry_tag_uri(options.tag_authority, tombstone.id, tombstone.lang);
    out["resource_id"] = clean_text(tombstone.id);
    out["language"] = lang_code(tombstone.lang);
    out["deleted"] = rfc3339(tombstone.when);
    if (is_web_url(tombstone.page_url)) out["url"] = tombstone.page_url;
    return out;
}

}  // namespace

std::string render_json_feed(std::span<const FeedEntry> entries, std::span<const Tombstone> tombstones,
                             const FeedOptions& options, const Labels& labels) {
    const Selection selection = select_for_feed(entries, tombstones, options);

    Json feed;
    feed["version"] = "https://jsonfeed.org/version/1.1";
    feed["title"] = clean_text(options.title);
    if (const std::string home = home_page_url(options); !home.empty()) feed["home_page_url"] = home;
    if (is_web_url(options.feed_url)) feed["feed_url"] = options.feed_url;
    if (!options.subtitle.empty()) feed["description"] = clean_text(options.subtitle);
    if (options.lang) feed["language"] = lang_code(*options.lang);
    Json author;
    author["name"] = clean_text(options.author_name.empty() ? options.title : options.author_name);
    if (is_web_url(options.site_url)) author["url"] = options.site_url;
    feed["authors"] = Json::array({std::move(author)});

    Json items = Json::array();
    for (const FeedEntry* entry : selection.entries) items.push_back(item_of(*entry, options, labels));
    feed["items"] = std::move(items);

    Json deleted = Json::array();
    for (const Tombstone* tombstone : selection.tombstones) deleted.push_back(tombstone_of(*tombstone, options));
    feed["_tandem"]["id"] = feed_tag_uri(options);
    feed["_tandem"]["updated"] = rfc3339(options.updated);
    feed["_tandem"]["tombstones"] = std::move(deleted);

    // Every string was cleaned to valid UTF-8 already; replace is a last guard
    // so dump() can never throw.
    return feed.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace tandem::publish
