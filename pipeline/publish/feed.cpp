// Atom 1.0 (RFC 4287) with RFC 6721 tombstones, built as a pugixml DOM so
// escaping is pugixml's job, never ours.

#include "pipeline/publish/feed.h"

#include <sstream>

#include <pugixml.hpp>

#include "pipeline/publish/feed_support.h"

namespace tandem::publish {
namespace {

using namespace detail;

constexpr const char* k_atom_ns = "http://www.w3.org/2005/Atom";
constexpr const char* k_tombstone_ns = "http://purl.org/atompub/tombstones/1.0";
constexpr const char* k_tandem_ns = "urn:tandem:feed:1";

// Every string that reaches the DOM goes through here or through a checked URL.
void set_attr(pugi::xml_node node, const char* name, std::string_view value) {
    node.append_attribute(name).set_value(clean_text(value).c_str());
}

pugi::xml_node add_text(pugi::xml_node parent, const char* name, std::string_view text) {
    pugi::xml_node node = parent.append_child(name);
    const std::string clean = clean_text(text);
    if (!clean.empty()) node.append_child(pugi::node_pcdata).set_value(clean.c_str());
    return node;
}

// A text construct: type="text" said explicitly, so no reader guesses HTML.
void add_plain(pugi::xml_node parent, const char* name, std::string_view text) {
    pugi::xml_node node = add_text(parent, name, text);
    node.prepend_attribute("type").set_value("text");
}

void add_link(pugi::xml_node parent, const char* rel, const char* type, std::optional<Lang> hreflang,
              std::string_view href) {
    pugi::xml_node link = parent.append_child("link");
    if (rel) link.append_attribute("rel").set_value(rel);
    if (type) set_attr(link, "type", type);
    if (hreflang) link.append_attribute("hreflang").set_value(lang_code(*hreflang));
    set_attr(link, "href", href);
}

void add_tombstone(pugi::xml_node feed, const Tombstone& tombstone, const FeedOptions& options) {
    pugi::xml_node deleted = feed.append_child("at:deleted-entry");
    set_attr(deleted, "ref", entry_tag_uri(options.tag_authority, tombstone.id, tombstone.lang));
    deleted.append_attribute("when").set_value(rfc3339(tombstone.when).c_str());
    // RFC 6721 allows an atom:link inside: where the entry used to live.
    if (is_web_url(tombstone.page_url)) add_link(deleted, nullptr, nullptr, std::nullopt, tombstone.page_url);
}

void add_entry(pugi::xml_node feed, const FeedEntry& entry, const FeedOptions& options, const Labels& labels) {
    pugi::xml_node node = feed.append_child("entry");
    node.append_attribute("xml:lang").set_value(lang_code(entry.lang));
    add_text(node, "id", entry_tag_uri(options.tag_authority, entry.id, entry.lang));
    add_plain(node, "title", entry.title);
    add_text(node, "published", rfc3339(entry.published));
    add_text(node, "updated", rfc3339(entry.updated));

    // The entry's own page first, then the other language's.
    bool has_alternate = false;
    if (is_web_url(entry.page_url)) {
        add_link(node, "alternate", "text/html", entry.lang, entry.page_url);
        has_alternate = true;
    }
    for (const auto& [lang, url] : other_pages(entry)) {
        add_link(node, "alternate", "text/html", lang, url);
        has_alternate = true;
    }

    for (const Category& category : categories_of(entry, options, labels)) {
        pugi::xml_node cat = node.append_child("category");
        set_attr(cat, "term", category.term);
        if (!category.scheme.empty()) set_attr(cat, "scheme", category.scheme);
        set_attr(cat, "label", category.label);
    }

    for (const Enclosure& enclosure : clean_enclosures(entry)) {
        add_link(node, "enclosure", enclosure.mime_type.c_str(), enclosure.lang, enclosure.href);
        if (enclosure.length)
            node.last_child().append_attribute("length").set_value(std::to_string(*enclosure.length).c_str());
    }

    add_plain(node, "summary", entry.summary);
    // RFC 4287 4.1.1: an entry needs an alternate link or content. When the
    // page URL was dropped, the summary doubles as the content.
    if (!has_alternate) add_plain(node, "content", entry.summary);

    pugi::xml_node resource = node.append_child("t:resource");
    set_attr(resource, "id", entry.id);
    if (!entry.audience.empty()) set_attr(resource, "audience", entry.audience);
    if (entry.date && is_publication_date(*entry.date)) set_attr(resource, "date", *entry.date);

    pugi::xml_node translation = node.append_child("t:translation");
    translation.append_attribute("other-language-available").set_value(entry.other_language_available ? "true" : "false");
    translation.append_attribute("translation-pending").set_value(entry.translation_pending ? "true" : "false");
}

}  // namespace

std::string render_atom(std::span<const FeedEntry> entries, std::span<const Tombstone> tombstones,
                        const FeedOptions& options, const Labels& labels) {
    const Selection selection = select_for_feed(entries, tombstones, options);

    pugi::xml_document doc;
    pugi::xml_node declaration = doc.append_child(pugi::node_declaration);
    declaration.append_attribute("version").set_value("1.0");
    declaration.append_attribute("encoding").set_value("utf-8");

    pugi::xml_node feed = doc.append_child("feed");
    feed.append_attribute("xmlns").set_value(k_atom_ns);
    feed.append_attribute("xmlns:at").set_value(k_tombstone_ns);
    feed.append_attribute("xmlns:t").set_value(k_tandem_ns);
    if (options.lang) feed.append_attribute("xml:lang").set_value(lang_code(*options.lang));

    add_text(feed, "id", feed_tag_uri(options));
    add_plain(feed, "title", options.title);
    if (!options.subtitle.empty()) add_plain(feed, "subtitle", options.subtitle);
    add_text(feed, "updated", rfc3339(options.updated));
    if (is_web_url(options.feed_url)) add_link(feed, "self", "application/atom+xml", std::nullopt, options.feed_url);
    if (const std::string home = home_page_url(options); !home.empty())
        add_link(feed, "alternate", "text/html", options.lang, home);

    // One feed-level author, so no entry needs its own (RFC 4287 4.1.1).
    pugi::xml_node author = feed.append_child("author");
    add_text(author, "name", options.author_name.empty() ? options.title : options.author_name);
    if (is_web_url(options.site_url)) add_text(author, "uri", options.site_url);

    pugi::xml_node generator = add_text(feed, "generator", "Tandem");
    generator.append_attribute("version").set_value(TANDEM_VERSION);

    // The schema's feed content is (metadata & extensions), entry*: tombstones,
    // being extension elements, must come before the first entry.
    for (const Tombstone* tombstone : selection.tombstones) add_tombstone(feed, *tombstone, options);
    for (const FeedEntry* entry : selection.entries) add_entry(feed, *entry, options, labels);

    std::ostringstream out;
    doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
    return out.str();
}

}  // namespace tandem::publish
