#pragma once
// The inside of a Memory, private to pipeline/tm: built by build_memory.cpp,
// read by lookup.cpp. Everything is in flat arrays indexed by 32-bit numbers,
// so 400,000 sources cost a few arrays rather than millions of small objects.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tandem::tm::detail {

// Heterogeneous lookup: find a token by string_view without making a string.
struct TokenHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Text {  // a slice of Index::text
    std::uint64_t offset = 0;
    std::uint32_t length = 0;
};

struct Translation {
    Text text;
    std::uint32_t origins_begin = 0;  // into Index::origins; count = origins_end - origins_begin
    std::uint32_t origins_end = 0;
};

struct OriginRef {
    std::uint32_t resource = 0;  // into Index::names
    std::uint32_t revision = 0;  // into Index::names
};

// One distinct source (whitespace aside), with its translations, the most
// frequent first. Sources are numbered in the order of (hash of the
// normalized text, normalized text), so numbers (and ties broken by them) do
// not depend on the entries' order.
struct Source {
    Text text;                             // as first stored
    std::uint32_t translations_begin = 0;  // into LangIndex::translations
    std::uint32_t translations_end = 0;
    std::uint32_t frequency = 0;  // origins of its most frequent translation
};

// Sentinels for the first and last token of a source in token-pair keys.
inline constexpr std::uint32_t k_edge_token = 0xFFFFFFFFu;

inline std::uint64_t pair_key(std::uint32_t first, std::uint32_t second) {
    return (static_cast<std::uint64_t>(first) << 32) | second;
}

// Everything for one source language.
struct LangIndex {
    std::vector<Source> sources;
    std::vector<Translation> translations;
    // Token ids of every source, back to back: source s has
    // tokens[token_offsets[s] .. token_offsets[s + 1]). Apart from Source, as
    // a lookup reads the lengths of thousands of sources and little else.
    std::vector<std::uint32_t> tokens;
    std::vector<std::uint32_t> token_offsets{0};

    // Token text → id (ids are dense, 0..size-1).
    std::unordered_map<std::string, std::uint32_t, TokenHash, std::equal_to<>> token_ids;

    // Exact matches: (hash of the normalized source, source number), sorted.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> exact;

    // The inverted index: keys are pairs of adjacent tokens (pair_key), with
    // k_edge_token before the first and after the last token, so every source
    // has one more key than tokens (repeated pairs count once). keys is sorted;
    // the sources holding keys[i] are postings[offsets[i] .. offsets[i+1]),
    // in increasing order.
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint32_t> postings;

    std::size_t token_count(std::uint32_t s) const { return token_offsets[s + 1] - token_offsets[s]; }
    std::span<const std::uint32_t> tokens_of(std::uint32_t s) const {
        return std::span<const std::uint32_t>(tokens).subspan(token_offsets[s], token_count(s));
    }
};

struct Index {
    std::string text;                // every stored source and translation
    std::vector<std::string> names;  // resource ids and revisions, interned
    std::vector<OriginRef> origins;
    LangIndex by_lang[2];  // indexed by static_cast<int>(Lang)
    std::size_t entries = 0;

    std::string_view text_of(Text t) const { return std::string_view(text).substr(t.offset, t.length); }
};

}  // namespace tandem::tm::detail
