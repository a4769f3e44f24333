#include "pipeline/publish/feed_support.h"

#include "cms/core/text.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <tuple>

namespace tandem::publish::detail {
namespace {

bool is_dropped(char32_t cp) {
    if (cp == '\t' || cp == '\n') return false;
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower(text[i]) != prefix[i]) return false;
    return true;
}

bool is_token_char(char c) {
    // RFC 6838 restricted-name characters.
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$&-^_.+").find(c) != std::string_view::npos;
}

bool is_restricted_name(std::string_view name) {
    return !name.empty() && name.size() <= 127 && std::all_of(name.begin(), name.end(), is_token_char);
}

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Anything outside RFC 3986 "unreserved" is percent-encoded, so a resource id
// can never break out of the tag URI's specific part.
std::string percent_encode(std::string_view text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += k_hex[u >> 4];
            out += k_hex[u & 0x0F];
        }
    }
    return out;
}

bool is_plain_ascii(unsigned char byte) { return (byte >= 0x20 && byte < 0x7F) || byte == '\t' || byte == '\n'; }

// clean_text(text) == text, without making the copy.
bool is_clean(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        if (is_plain_ascii(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        const auto [cp, length] = decode_utf8(text, i);
        if (cp == '\r' || is_dropped(cp) || (cp == 0xFFFD && length == 1)) return false;
        i += length;
    }
    return true;
}

}  // namespace

std::string clean_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        // Printable ASCII, tab and newline, the bulk of any text, copy as they are.
        if (is_plain_ascii(static_cast<unsigned char>(text[i]))) {
            const std::size_t start = i;
            while (i < text.size() && is_plain_ascii(static_cast<unsigned char>(text[i]))) ++i;
            out.append(text, start, i - start);
            continue;
        }
        // An ill-formed byte reads as U+FFFD and is kept as that.
        const auto [cp, length] = decode_utf8(text, i);
        if (cp == '\r') {
            // CRLF and a lone CR are both one line break.
            i += length;
            if (i < text.size() && text[i] == '\n') ++i;
            out += '\n';
            continue;
        }
        if (!is_dropped(cp)) {
            if (cp == 0xFFFD) append_utf8(out, cp);  // the replacement, not the ill-formed byte
            else out.append(text, i, length);
        }
        i += length;
    }
    return out;
}

bool is_web_url(std::string_view url) {
    std::size_t rest = 0;
    if (starts_with_nocase(url, "https://")) rest = 8;
    else if (starts_with_nocase(url, "http://")) rest = 7;
    else return false;
    if (rest >= url.size() || url[rest] == '/' || url[rest] == '?' || url[rest] == '#') return false;
    if (!is_clean(url)) return false;  // ill-formed UTF-8 or controls
    return std::none_of(url.begin(), url.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || std::string_view("<>\"\\^`{|}").find(c) != std::string_view::npos;
    });
}

std::string join_url(std::string_view base, std::string_view path) {
    std::string out(base);
    if (out.empty() || out.back() != '/') out += '/';
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    out += path;
    return out;
}

bool is_mime_type(std::string_view type) {
    const auto slash = type.find('/');
    if (slash == std::string_view::npos) return false;
    return is_restricted_name(type.substr(0, slash)) && is_restricted_name(type.substr(slash + 1));
}

bool is_publication_date(std::string_view date) {
    if (date.size() != 4 && date.size() != 7 && date.size() != 10) return false;
    if (!all_digits(date.substr(0, 4))) return false;
    if (date.size() >= 7) {
        if (date[4] != '-' || !all_digits(date.substr(5, 2))) return false;
        const int month = (date[5] - '0') * 10 + (date[6] - '0');
        if (month < 1 || month > 12) return false;
    }
    if (date.size() == 10) {
        if (date[7] != '-' || !all_digits(date.substr(8, 2))) return false;
        using namespace std::chrono;
        const int y = std::stoi(std::string(date.substr(0, 4)));
        const auto m = static_cast<unsigned>((date[5] - '0') * 10 + (date[6] - '0'));
        const auto d = static_cast<unsigned>((date[8] - '0') * 10 + (date[9] - '0'));
        if (!year_month_day{year{y}, month{m}, day{d}}.ok()) return false;
    }
    return true;
}

std::string rfc3339(Seconds seconds) {
    using namespace std::chrono;
    constexpr Seconds k_last = 253402300799;  // 9999-12-31T23:59:59Z
    const Seconds clamped = std::clamp<Seconds>(seconds, 0, k_last);
    const sys_seconds at{std::chrono::seconds{clamped}};
    const auto day_start = floor<days>(at);
    const year_month_day ymd{day_start};
    const hh_mm_ss hms{at - day_start};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buffer;
}

std::string feed_tag_uri(const FeedOptions& options) {
    std::string out = "tag:" + clean_text(options.tag_authority) + ":resources";
    if (options.lang) {
        out += '/';
        out += lang_code(*options.lang);
    }
    return out;
}

std::string home_page_url(const FeedOptions& options) {
    if (!is_web_url(options.site_url)) return {};
    if (!options.lang) return options.site_url;
    return join_url(options.site_url, std::string(lang_code(*options.lang)) + "/");
}

Selection select_for_feed(std::span<const FeedEntry> entries, std::span<const Tombstone> tombstones,
                          const FeedOptions& options) {
    const auto wanted = [&](Lang lang) { return !options.lang || *options.lang == lang; };
    Selection out;
    for (const FeedEntry& entry : entries)
        if (wanted(entry.lang)) out.entries.push_back(&entry);
    // Stable, with every tie broken, so the order never depends on the input's.
    std::stable_sort(out.entries.begin(), out.entries.end(), [](const FeedEntry* a, const FeedEntry* b) {
        return std::tie(b->updated, a->id, a->lang) < std::tie(a->updated, b->id, b->lang);
    });
    std::set<std::pair<std::string_view, Lang>> live;
    std::erase_if(out.entries, [&](const FeedEntry* e) { return !live.emplace(e->id, e->lang).second; });

    for (const Tombstone& tombstone : tombstones)
        if (wanted(tombstone.lang) && !live.contains({tombstone.id, tombstone.lang}))
            out.tombstones.push_back(&tombstone);
    std::stable_sort(out.tombstones.begin(), out.tombstones.end(), [](const Tombstone* a, const Tombstone* b) {
        return std::tie(b->when, a->id, a->lang) < std::tie(a->when, b->id, b->lang);
    });
    std::set<std::pair<std::string_view, Lang>> dead;
    std::erase_if(out.tombstones, [&](const Tombstone* t) { return !dead.emplace(t->id, t->lang).second; });
    return out;
}

std::vector<Category> categories_of(const FeedEntry& entry, const FeedOptions& options, const Labels& labels) {
    std::vector<Category> out;
    out.reserve(2 + entry.topics.size());
    const bool has_site = is_web_url(options.site_url);
    const auto add = [&](const char* kind, std::string_view token) {
        std::string term = clean_text(token);
        // A handful of categories: a linear look for repeats beats a set.
        if (term.empty() || std::any_of(out.begin(), out.end(), [&](const Category& c) {
                return std::string_view(c.kind) == kind && c.term == term;
            }))
            return;
        std::string label = labels ? clean_text(labels(kind, token, entry.lang)) : std::string();
        if (label.empty()) label = term;
        std::string scheme;
        if (has_site) scheme = join_url(options.site_url, std::string("categories/") + kind);
        out.push_back(Category{kind, std::move(term), std::move(label), std::move(scheme)});
    };
    add("type", entry.type);
    for (const std::string& topic : entry.topics) add("topic", topic);
    if (entry.scope) add("scope", *entry.scope);
    return out;
}

std::vector<Enclosure> clean_enclosures(const FeedEntry& entry) {
    std::vector<Enclosure> out;
    for (const Enclosure& enclosure : entry.enclosures) {
        if (!is_web_url(enclosure.href)) continue;
        Enclosure clean = enclosure;
        if (!is_mime_type(clean.mime_type)) clean.mime_type = "application/octet-stream";
        out.push_back(std::move(clean));
    }
    return out;
}

std::vector<std::pair<Lang, std::string>> other_pages(const FeedEntry& entry) {
    std::vector<std::pair<Lang, std::string>> out;
    for (const auto& [lang, url] : entry.alternate_urls)
        if (lang != entry.lang && is_web_url(url)) out.emplace_back(lang, url);
    return out;
}

}  // namespace tandem::publish::detail

namespace tandem::publish {

std::string entry_tag_uri(std::string_view tag_authority, std::string_view resource_id, Lang lang) {
    std::string out = "tag:";
    out += detail::clean_text(tag_authority);
    out += ":resource/";
    out += detail::percent_encode(resource_id);
    out += '/';
    out += lang_code(lang);
    return out;
}

}  // namespace tandem::publish
