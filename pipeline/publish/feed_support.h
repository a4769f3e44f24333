#pragma once
// What the Atom and JSON Feed renderers share: which entries a feed holds and
// in what order, cleaned text, checked URLs, times and ids. Internal to
// pipeline/publish.

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/publish/feed.h"

namespace tandem::publish::detail {

// `text` as XML 1.0 can carry it: ill-formed UTF-8 becomes U+FFFD, CR and CRLF
// become LF, C0 controls other than tab and newline, DEL, C1 controls and
// the non-characters U+FFFE/U+FFFF are dropped.
std::string clean_text(std::string_view text);

// True for an absolute http:// or https:// URL with a host and no space,
// control character or character URLs never carry unescaped ("<>\"\\^`{|}").
bool is_web_url(std::string_view url);

// `base` (a web URL) with `path` appended, exactly one "/" between them.
std::string join_url(std::string_view base, std::string_view path);

// "type/subtype" of RFC 6838 token characters.
bool is_mime_type(std::string_view type);

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" with plausible month and day.
bool is_publication_date(std::string_view date);

// RFC 3339 UTC, "2026-03-01T09:30:00Z"; clamped to 1970-01-01..9999-12-31.
std::string rfc3339(Seconds seconds);

// The feed's own id: "tag:<authority>:resources" or ".../resources/<lang>".
std::string feed_tag_uri(const FeedOptions& options);

// The site's home page for this feed: site_url, or site_url/<lang>/ for a
// per-language feed; empty when site_url is not a web URL.
std::string home_page_url(const FeedOptions& options);

// The entries and tombstones a feed holds, in output order (see feed.h).
struct Selection {
    std::vector<const FeedEntry*> entries;
    std::vector<const Tombstone*> tombstones;
};
Selection select_for_feed(std::span<const FeedEntry> entries, std::span<const Tombstone> tombstones,
                          const FeedOptions& options);

struct Category {
    const char* kind;    // "type", "topic", "scope"
    std::string term;    // the token, cleaned
    std::string label;   // in the entry's language, cleaned; the token when no label
    std::string scheme;  // <site_url>categories/<kind>, empty without a site URL
};
// Type, then topics in order (repeats dropped), then scope; empty tokens skipped.
std::vector<Category> categories_of(const FeedEntry& entry, const FeedOptions& options, const Labels& labels);

// The enclosures that survive the URL check, mime type replaced by
// application/octet-stream when it is not one.
std::vector<Enclosure> clean_enclosures(const FeedEntry& entry);

// The other languages' pages that pass the URL check, entry's own excluded.
std::vector<std::pair<Lang, std::string>> other_pages(const FeedEntry& entry);

}  // namespace tandem::publish::detail
