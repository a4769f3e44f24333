// bidi-control and invisible-character: characters a reader does not see,
// counted in the raw segment (a character reference like &#x202E; is the
// same character once the page is built, so references are decoded too).

#include <algorithm>
#include <cstdio>
#include <map>

#include "cms/core/text.h"
#include "pipeline/check/checks.h"

namespace tandem::check {

namespace {

bool bidi_control(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

// Characters that show nothing, or a blank indistinguishable from none,
// where a translation may hide text or make two strings look alike.
bool invisible(char32_t c) {
    return (c >= 0x200B && c <= 0x200F) || (c >= 0x2060 && c <= 0x2064) || c == 0x061C || c == 0xFEFF ||
           c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x00AD || c == 0x034F || c == 0x115F || c == 0x1160 ||
           c == 0x180E || c == 0x3164 || c == 0xFFA0 || (c >= 0xFFF9 && c <= 0xFFFB) ||
           (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE007F);  // the last: tag characters
}

// The value of a numeric character reference starting at text[at] ('&'), or
// nothing when there is none there.
std::optional<std::pair<char32_t, std::size_t>> reference_at(std::string_view text, std::size_t at) {
    if (text.compare(at, 2, "&#") != 0) return std::nullopt;
    std::size_t i = at + 2;
    const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
    if (hex) ++i;
    // Any number of digits, leading zeros included (&#0000008238; is U+202E);
    // a value past U+10FFFF stays past it, and XML refuses it elsewhere.
    char32_t value = 0;
    const std::size_t digits = i;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        int d = -1;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        if (d < 0) break;
        value = std::min<char32_t>(value * (hex ? 16 : 10) + static_cast<char32_t>(d), 0x110000);
    }
    if (i == digits || i >= text.size() || text[i] != ';') return std::nullopt;
    return std::pair{value, i + 1 - at};
}

struct Found {
    char32_t character = 0;
    std::size_t offset = 0;
};

// Every character `wanted` picks, literal or referenced, in order.
template <class Wanted>
std::vector<Found> find_characters(std::string_view text, Wanted wanted) {
    std::vector<Found> found;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '&')
            if (auto ref = reference_at(text, i)) {
                if (wanted(ref->first)) found.push_back({ref->first, i});
                i += ref->second;
                continue;
            }
        const CodePoint cp = decode_utf8(text, i);
        if (wanted(cp.value)) found.push_back({cp.value, i});
        i += cp.size == 0 ? 1 : cp.size;
    }
    return found;
}

std::string code_of(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

// The translation's characters of the kind beyond the source's own count of
// each (a source may carry a mark on purpose: a name in Arabic script).
template <class Wanted>
std::vector<Found> added_characters(const SegmentPair& pair, Wanted wanted) {
    std::map<char32_t, int> allowance;
    for (const Found& f : find_characters(pair.source, wanted)) ++allowance[f.character];
    std::vector<Found> added;
    for (const Found& f : find_characters(pair.translation, wanted))
        if (allowance[f.character]-- <= 0) added.push_back(f);
    return added;
}

}  // namespace

std::vector<Issue> check_characters(const SegmentPair& pair) {
    std::vector<Issue> issues;
    for (const Found& f : added_characters(pair, bidi_control))
        issues.push_back(make_issue(k_bidi_control,
                                    phrase("the translation has the bidirectional control {character}, which reorders "
                                           "what a reader sees, and the source does not",
                                           {{"character", code_of(f.character)}}),
                                    f.offset));
    for (const Found& f : added_characters(pair, invisible))
        issues.push_back(make_issue(k_invisible_character,
                                    phrase("the translation has the invisible character {character}, which the source "
                                           "does not have",
                                           {{"character", code_of(f.character)}}),
                                    f.offset));
    return issues;
}

}  // namespace tandem::check
