#pragma once
// The resource-database feed: the published resources of one release as an
// Atom 1.0 document (RFC 4287, with RFC 6721 tombstones) and as JSON Feed 1.1.
// Pure: values in, bytes out; no I/O, cannot fail.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cms/core/ids.h"

namespace tandem::publish {

// Seconds since the Unix epoch, UTC (from git history, or the publication).
using Seconds = std::int64_t;

// A downloadable file of a resource (the PDF of a pamphlet, say).
struct Enclosure {
    std::string href;                   // absolute http(s) URL
    std::string mime_type;              // "application/pdf"
    Lang lang = Lang::en;               // the language of the file
    std::optional<std::uint64_t> length;  // bytes, when known
};

// One resource in one language: one Atom entry, one JSON Feed item.
struct FeedEntry {
    std::string id;                     // resource id, "trp-limits-to-protection"
    Lang lang = Lang::en;               // the language of this entry
    std::string title;                  // plain text
    std::string summary;                // plain text
    std::string type;                   // report, pamphlet, booklet, proposal, action, order-form, page, link
    std::vector<std::string> topics;    // topic tokens
    std::optional<std::string> scope;   // "canadian" or "international"
    std::string audience;               // audience token, may be empty
    std::optional<std::string> date;    // "YYYY", "YYYY-MM" or "YYYY-MM-DD", from the document
    Seconds published = 0;              // first publication (git history)
    Seconds updated = 0;                // last change (git history)
    std::string page_url;               // absolute URL of this language's page
    std::map<Lang, std::string> alternate_urls;  // absolute URL of each language's page that exists
    std::vector<Enclosure> enclosures;
    bool other_language_available = false;
    bool translation_pending = false;   // published unilingually, translation coming
};

// A resource language that was withdrawn: an RFC 6721 deleted-entry whose ref
// is the id the entry had while it was live.
struct Tombstone {
    std::string id;                     // resource id
    Lang lang = Lang::en;
    Seconds when = 0;                   // when it was withdrawn
    std::string page_url;               // the page it used to have
};

struct FeedOptions {
    std::string site_url;               // "https://example.org/"
    std::string feed_url;               // absolute URL of this feed file
    std::string title;
    std::string subtitle;               // may be empty
    std::optional<Lang> lang;           // a per-language feed; nullopt: bilingual
    Seconds updated = 0;
    std::string tag_authority;          // RFC 4151 "authority,date": "example.org,2026"
    std::string author_name;            // empty: the feed title stands in
};

// The human label of a category token in a language; kind is "type", "topic"
// or "scope". An empty answer (or an empty Labels) falls back to the token.
using Labels = std::function<std::string(std::string_view kind, std::string_view token, Lang lang)>;

// The permanent id of a resource in a language:
// "tag:<authority>:resource/<id>/<lang>". It depends on nothing else, so it
// survives edits, retitling and republication, and a tombstone's ref equals it.
std::string entry_tag_uri(std::string_view tag_authority, std::string_view resource_id, Lang lang);

// The Atom feed, UTF-8, written by an escaping writer: every string is escaped.
// Contract shared by both renderers:
//  * a per-language feed (options.lang) keeps only the entries and tombstones
//    of that language; a bilingual feed keeps all, each entry with its xml:lang;
//  * entries come by updated descending, then id, then lang; tombstones by
//    when descending, then id, then lang; the same input gives the same bytes;
//  * a second entry with the same (id, lang) is dropped, and so is a tombstone
//    for an (id, lang) that has a live entry (republished after withdrawal);
//  * text loses C0 controls other than tab and newline, and ill-formed UTF-8
//    becomes U+FFFD (XML 1.0 cannot carry either);
//  * only absolute http:// and https:// URLs become links, enclosures or
//    attachments; anything else (javascript:, data:, relative) is dropped;
//  * categories: term is the token, label comes from `labels` in the entry's
//    language, scheme is <site_url>categories/<kind>;
//  * times are RFC 3339 in UTC ("2026-03-01T09:30:00Z"), clamped to 1970..9999.
// Tandem's own metadata goes in elements of the namespace urn:tandem:feed:1
// (prefix t): <t:resource id audience date/> and
// <t:translation other-language-available translation-pending/>.
std::string render_atom(std::span<const FeedEntry> entries, std::span<const Tombstone> tombstones,
                        const FeedOptions& options, const Labels& labels);

// The same feed as JSON Feed 1.1 (UTF-8, 2-space indented). Items carry the
// same ids as the Atom entries, tags are the category labels, and each item
// has a "_tandem" object with the full metadata; tombstones, which JSON Feed
// lacks, are listed in the feed's top-level "_tandem" object.
std::string render_json_feed(std::span<const FeedEntry> entries, std::span<const Tombstone> tombstones,
                             const FeedOptions& options, const Labels& labels);

// The Atom feeds of the same entries under several options (the bilingual
// feed and the per-language ones), each as render_atom would write it, with
// each entry rendered once for all the feeds that agree on tag_authority
// and site_url, all an entry takes from the options.
std::vector<std::string> render_atom_feeds(std::span<const FeedEntry> entries, std::span<const Tombstone> tombstones,
                                           std::span<const FeedOptions> feeds, const Labels& labels);

// One entry's bytes exactly as render_atom / render_json_feed write them
// inside their feed (indentation included, no separator), appended to `out`:
// an entry depends only on itself, the options and the labels, so a caller
// may keep the bytes of unchanged entries between two renderings.
void append_atom_entry(std::string& out, const FeedEntry& entry, const FeedOptions& options, const Labels& labels);
void append_json_item(std::string& out, const FeedEntry& entry, const FeedOptions& options, const Labels& labels);

}  // namespace tandem::publish
