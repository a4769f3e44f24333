// JSON Feed 1.1 (https://jsonfeed.org/version/1.1), the twin of the Atom feed:
// same selection, order and ids, streamed through JsonWriter, which quotes
// every string.

#include <algorithm>

#include "pipeline/publish/feed.h"
#include "pipeline/publish/feed_support.h"
#include "pipeline/publish/markup_writer.h"

namespace tandem::publish {
namespace {

using namespace detail;

// Items sit in "items", two levels below the top.
constexpr std::size_t k_item_depth = 2;

void write_tombstone(JsonWriter& json, const Tombstone& tombstone, const FeedOptions& options) {
    json.begin_object();
    json.member("id", entry_tag_uri(options.tag_authority, tombstone.id, tombstone.lang));
    json.member("resource_id", clean_text(tombstone.id));
    json.member("language", lang_code(tombstone.lang));
    json.member("deleted", rfc3339(tombstone.when));
    if (is_web_url(tombstone.page_url)) json.member("url", tombstone.page_url);
    json.end_object();
}

}  // namespace

void append_json_item(std::string& out, const FeedEntry& entry, const FeedOptions& options, const Labels& labels) {
    JsonWriter json(out, k_item_depth);
    const bool has_page = is_web_url(entry.page_url);
    json.begin_object();
    json.member("id", entry_tag_uri(options.tag_authority, entry.id, entry.lang));
    if (has_page) json.member("url", entry.page_url);
    const std::string summary = clean_text(entry.summary);
    json.member("title", clean_text(entry.title));
    json.member("summary", summary);
    // content_text or content_html is required; the summary is all there is.
    json.member("content_text", summary);
    json.member("date_published", rfc3339(entry.published));
    json.member("date_modified", rfc3339(entry.updated));
    json.member("language", lang_code(entry.lang));

    const std::vector<Category> categories = categories_of(entry, options, labels);
    std::vector<std::string_view> tags;
    for (const Category& category : categories)
        if (std::find(tags.begin(), tags.end(), category.label) == tags.end()) tags.push_back(category.label);
    if (!tags.empty()) {
        json.key("tags");
        json.begin_array();
        for (const auto tag : tags) json.value(tag);
        json.end_array();
    }

    const std::vector<Enclosure> enclosures = clean_enclosures(entry);
    if (!enclosures.empty()) {
        json.key("attachments");
        json.begin_array();
        for (const Enclosure& enclosure : enclosures) {
            json.begin_object();
            json.member("url", enclosure.href);
            json.member("mime_type", enclosure.mime_type);
            if (enclosure.length) json.member("size_in_bytes", *enclosure.length);
            json.end_object();
        }
        json.end_array();
    }

    json.key("_tandem");
    json.begin_object();
    json.member("resource_id", clean_text(entry.id));
    json.member("type", clean_text(entry.type));
    json.key("topics");
    json.begin_array();
    for (const Category& category : categories)
        if (std::string_view(category.kind) == "topic") json.value(category.term);
    json.end_array();
    json.key("scope");
    if (entry.scope) json.value(clean_text(*entry.scope));
    else json.null();
    json.member("audience", clean_text(entry.audience));
    json.key("date");
    if (entry.date && is_publication_date(*entry.date)) json.value(*entry.date);
    else json.null();
    json.key("alternates");
    json.begin_object();
    if (has_page) json.member(lang_code(entry.lang), entry.page_url);
    for (const auto& [lang, url] : other_pages(entry)) json.member(lang_code(lang), url);
    json.end_object();
    json.member("other_language_available", entry.other_language_available);
    json.member("translation_pending", entry.translation_pending);
    json.end_object();
    json.end_object();
}

std::string render_json_feed(std::span<const FeedEntry> entries, std::span<const Tombstone> tombstones,
                             const FeedOptions& options, const Labels& labels) {
    const Selection selection = select_for_feed(entries, tombstones, options);
    std::string out;
    out.reserve(2048 + selection.entries.size() * 2000 + selection.tombstones.size() * 300);
    JsonWriter json(out);
    json.begin_object();
    json.member("version", "https://jsonfeed.org/version/1.1");
    json.member("title", clean_text(options.title));
    if (const std::string home = home_page_url(options); !home.empty()) json.member("home_page_url", home);
    if (is_web_url(options.feed_url)) json.member("feed_url", options.feed_url);
    if (!options.subtitle.empty()) json.member("description", clean_text(options.subtitle));
    if (options.lang) json.member("language", lang_code(*options.lang));
    json.key("authors");
    json.begin_array();
    json.begin_object();
    json.member("name", clean_text(options.author_name.empty() ? options.title : options.author_name));
    if (is_web_url(options.site_url)) json.member("url", options.site_url);
    json.end_object();
    json.end_array();

    json.key("items");
    json.begin_array();
    std::string item;
    for (const FeedEntry* entry : selection.entries) {
        item.clear();
        append_json_item(item, *entry, options, labels);
        json.raw(item);
    }
    json.end_array();

    json.key("_tandem");
    json.begin_object();
    json.member("id", feed_tag_uri(options));
    json.member("updated", rfc3339(options.updated));
    json.key("tombstones");
    json.begin_array();
    for (const Tombstone* tombstone : selection.tombstones) write_tombstone(json, *tombstone, options);
    json.end_array();
    json.end_object();
    json.end_object();
    out += '\n';
    return out;
}

}  // namespace tandem::publish
