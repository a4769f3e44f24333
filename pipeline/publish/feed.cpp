// Atom 1.0 (RFC 4287) with RFC 6721 tombstones, streamed through XmlWriter,
// which escapes every string; text is cleaned and URLs checked before.

#include "pipeline/publish/feed.h"

#include "pipeline/publish/feed_support.h"
#include "pipeline/publish/markup_writer.h"

namespace tandem::publish {
namespace {

using namespace detail;

constexpr const char* k_atom_ns = "http://www.w3.org/2005/Atom";
constexpr const char* k_tombstone_ns = "http://purl.org/atompub/tombstones/1.0";
constexpr const char* k_tandem_ns = "urn:tandem:feed:1";

void add_text(XmlWriter& xml, std::string_view name, std::string_view text) { xml.element(name, clean_text(text)); }

// A text construct: type="text" said explicitly, so no reader guesses HTML.
void add_plain(XmlWriter& xml, std::string_view name, std::string_view text) {
    xml.open(name);
    xml.attribute("type", "text");
    if (const std::string clean = clean_text(text); !clean.empty()) xml.text(clean);
    xml.close();
}

// Opens the link and leaves it open, for an attribute more. Callers pass
// checked URLs and MIME types (is_web_url, is_mime_type): clean already.
void open_link(XmlWriter& xml, const char* rel, std::string_view type, std::optional<Lang> hreflang, std::string_view href) {
    xml.open("link");
    if (rel) xml.attribute("rel", rel);
    if (!type.empty()) xml.attribute("type", type);
    if (hreflang) xml.attribute("hreflang", lang_code(*hreflang));
    xml.attribute("href", href);
}

void add_link(XmlWriter& xml, const char* rel, std::string_view type, std::optional<Lang> hreflang, std::string_view href) {
    open_link(xml, rel, type, hreflang, href);
    xml.close();
}

void add_tombstone(XmlWriter& xml, const Tombstone& tombstone, const FeedOptions& options) {
    xml.open("at:deleted-entry");
    xml.attribute("ref", entry_tag_uri(options.tag_authority, tombstone.id, tombstone.lang));
    xml.attribute("when", rfc3339(tombstone.when));
    // RFC 6721 allows an atom:link inside: where the entry used to live.
    if (is_web_url(tombstone.page_url)) add_link(xml, nullptr, {}, std::nullopt, tombstone.page_url);
    xml.close();
}

}  // namespace

void append_atom_entry(std::string& out, const FeedEntry& entry, const FeedOptions& options, const Labels& labels) {
    XmlWriter xml(out, 1);
    xml.open("entry");
    xml.attribute("xml:lang", lang_code(entry.lang));
    add_text(xml, "id", entry_tag_uri(options.tag_authority, entry.id, entry.lang));
    add_plain(xml, "title", entry.title);
    add_text(xml, "published", rfc3339(entry.published));
    add_text(xml, "updated", rfc3339(entry.updated));

    // The entry's own page first, then the other language's.
    bool has_alternate = false;
    if (is_web_url(entry.page_url)) {
        add_link(xml, "alternate", "text/html", entry.lang, entry.page_url);
        has_alternate = true;
    }
    for (const auto& [lang, url] : other_pages(entry)) {
        add_link(xml, "alternate", "text/html", lang, url);
        has_alternate = true;
    }

    for (const Category& category : categories_of(entry, options, labels)) {
        xml.open("category");
        xml.attribute("term", category.term);
        if (!category.scheme.empty()) xml.attribute("scheme", category.scheme);
        xml.attribute("label", category.label);
        xml.close();
    }

    for (const Enclosure& enclosure : clean_enclosures(entry)) {
        open_link(xml, "enclosure", enclosure.mime_type, enclosure.lang, enclosure.href);
        if (enclosure.length) xml.attribute("length", std::to_string(*enclosure.length));
        xml.close();
    }

    add_plain(xml, "summary", entry.summary);
    // RFC 4287 4.1.1: an entry needs an alternate link or content. When the
    // page URL was dropped, the summary doubles as the content.
    if (!has_alternate) add_plain(xml, "content", entry.summary);

    xml.open("t:resource");
    xml.attribute("id", clean_text(entry.id));
    if (!entry.audience.empty()) xml.attribute("audience", clean_text(entry.audience));
    if (entry.date && is_publication_date(*entry.date)) xml.attribute("date", *entry.date);
    xml.close();

    xml.open("t:translation");
    xml.attribute("other-language-available", entry.other_language_available ? "true" : "false");
    xml.attribute("translation-pending", entry.translation_pending ? "true" : "false");
    xml.close();
    xml.close();
}

namespace {

// One feed; `append_entry(out, i)` appends the bytes of entries[i].
template <typename AppendEntry>
std::string write_feed(std::span<const FeedEntry> entries, std::span<const Tombstone> tombstones,
                       const FeedOptions& options, AppendEntry&& append_entry) {
    const Selection selection = select_for_feed(entries, tombstones, options);
    std::string out;
    // About 1.6 KB an entry: one allocation for most feeds.
    out.reserve(2048 + selection.entries.size() * 1700 + selection.tombstones.size() * 300);
    XmlWriter xml(out);
    xml.declaration("utf-8");
    xml.open("feed");
    xml.attribute("xmlns", k_atom_ns);
    xml.attribute("xmlns:at", k_tombstone_ns);
    xml.attribute("xmlns:t", k_tandem_ns);
    if (options.lang) xml.attribute("xml:lang", lang_code(*options.lang));

    add_text(xml, "id", feed_tag_uri(options));
    add_plain(xml, "title", options.title);
    if (!options.subtitle.empty()) add_plain(xml, "subtitle", options.subtitle);
    add_text(xml, "updated", rfc3339(options.updated));
    if (is_web_url(options.feed_url)) add_link(xml, "self", "application/atom+xml", std::nullopt, options.feed_url);
    if (const std::string home = home_page_url(options); !home.empty()) add_link(xml, "alternate", "text/html", options.lang, home);

    // One feed-level author, so no entry needs its own (RFC 4287 4.1.1).
    xml.open("author");
    add_text(xml, "name", options.author_name.empty() ? options.title : options.author_name);
    if (is_web_url(options.site_url)) add_text(xml, "uri", options.site_url);
    xml.close();

    xml.open("generator");
    xml.attribute("version", TANDEM_VERSION);
    xml.text("Tandem");
    xml.close();

    // The schema's feed content is (metadata & extensions), entry*: tombstones,
    // being extension elements, must come before the first entry.
    for (const Tombstone* tombstone : selection.tombstones) add_tombstone(xml, *tombstone, options);
    xml.flush();
    for (const FeedEntry* entry : selection.entries) append_entry(out, static_cast<std::size_t>(entry - entries.data()));
    xml.close();
    return out;
}

}  // namespace

std::string render_atom(std::span<const FeedEntry> entries, std::span<const Tombstone> tombstones,
                        const FeedOptions& options, const Labels& labels) {
    return write_feed(entries, tombstones, options,
                      [&](std::string& out, std::size_t i) { append_atom_entry(out, entries[i], options, labels); });
}

std::vector<std::string> render_atom_feeds(std::span<const FeedEntry> entries, std::span<const Tombstone> tombstones,
                                           std::span<const FeedOptions> feeds, const Labels& labels) {
    std::vector<std::string> out;
    if (feeds.empty()) return out;
    out.reserve(feeds.size());
    // Where each entry's bytes are in the first feed: the others copy them
    // from there instead of rendering them again or keeping a copy.
    constexpr std::size_t k_absent = std::string::npos;
    std::vector<std::pair<std::size_t, std::size_t>> where(entries.size(), {k_absent, 0});
    out.push_back(write_feed(entries, tombstones, feeds.front(), [&](std::string& feed, std::size_t i) {
        const std::size_t start = feed.size();
        append_atom_entry(feed, entries[i], feeds.front(), labels);
        where[i] = {start, feed.size() - start};
    }));
    for (const FeedOptions& options : feeds.subspan(1)) {
        // An entry takes only these from the options: feeds that disagree
        // on them render their own.
        const bool same_entries = options.tag_authority == feeds.front().tag_authority && options.site_url == feeds.front().site_url;
        out.push_back(write_feed(entries, tombstones, options, [&](std::string& feed, std::size_t i) {
            if (same_entries && where[i].first != k_absent) feed.append(out.front(), where[i].first, where[i].second);
            else append_atom_entry(feed, entries[i], options, labels);
        }));
    }
    return out;
}

}  // namespace tandem::publish
