#pragma once
// The translation memory: every translated segment of the repository at its
// current revision, looked up by source text for a translator's suggestions.
//
//   Memory memory = build_memory(std::move(entries));   // at start-up, from the catalogs
//   for (const Match& m : lookup(memory, msgid, Lang::en)) show(m.similarity, m.translation);
//
// Segments are msgids as itstool writes them: text with inline XML markup.
// Matching is markup-aware (a tag is one token, see similarity()); a Match's
// translation is returned exactly as stored, and the caller adapts its markup.
//
// A Memory is immutable once built and safe for concurrent lookups from any
// number of threads; copying one is cheap (the copies share the index). It is
// never written anywhere: the memory is rebuilt from the repository.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cms/core/ids.h"

namespace tandem::tm {

// Where a translation comes from: a resource and the revision it was read at.
struct Origin {
    std::string resource;
    std::string revision;

    friend bool operator==(const Origin&, const Origin&) = default;
};

// One translated segment.
struct Entry {
    std::string source;       // the msgid
    std::string translation;  // the msgstr
    Lang source_lang = Lang::en;
    Origin origin;
};

// One suggestion: a stored source, one of its translations, and every origin
// of that (source, translation) pair.
struct Match {
    int similarity = 0;           // 0..100, see similarity(); 100 = exact match
    std::string source;           // the stored source, as first stored (origins order)
    std::string translation;      // as stored
    std::vector<Origin> origins;  // distinct, sorted by resource then revision; size() is the frequency
};

namespace detail {
struct Index;  // defined in pipeline/tm/index.h
}

class Memory {
public:
    Memory();  // an empty memory: every lookup finds nothing
    // For pipeline/tm's own functions (build_memory makes the index, the
    // others read it).
    explicit Memory(std::shared_ptr<const detail::Index> index);
    const detail::Index& index() const { return *m_index; }

private:
    std::shared_ptr<const detail::Index> m_index;
};

// Builds the memory. Entries with an empty source or an empty translation are
// left out (an untranslated message is not memory). Entries whose sources are
// equal after whitespace normalization (see similarity()) are one source; equal
// (source, translation) pairs are one translation with all their origins. The
// result does not depend on the order of `entries`. Cannot fail.
// Cost: a sort of the entries and one pass over their text: about 2 s for
// 400,000 segments; the memory then holds about 1 KB per distinct source,
// 60 % of it the text of the source and its translations.
Memory build_memory(std::vector<Entry> entries);

// The similarity of two segments, 0..100, symmetric:
//   - whitespace is normalized first: runs of space, tab, CR and LF become one
//     space, none is kept at either end;
//   - the normalized text is cut into tokens: a tag (`<a href="x">`, `</a>`,
//     `<br/>`) is one token, attributes included; an entity or character
//     reference (`&amp;`, `&#8217;`) is one token; a word (a run of letters and
//     digits, ASCII or not) is one token; every other character (punctuation,
//     `’`, `«`, `—`) is a token of its own; spaces, including no-break spaces,
//     separate tokens. Tokens compare byte for byte (case matters);
//   - d = the edit distance between the token sequences (insert, delete,
//     substitute one token, each costing 1), n = the longer sequence's length;
//   - similarity = floor(100 × (n − d) / n), but at most 99 when the normalized
//     texts differ (e.g. "a,b" and "a, b" have the same tokens), and 100 when
//     they are equal (two empty texts included).
// So one word changed in a 20-token sentence scores 95, and 100 means "the
// same text, whitespace aside".
int similarity(std::string_view a, std::string_view b);

// Suggestions for `source`, among the entries whose source language is
// `source_lang`:
//   1. exact matches (the same source, whitespace aside): similarity 100, one
//      Match per distinct translation, the most frequent first (ties: by
//      translation text). All of them are returned, even beyond max_results;
//   2. then near matches with similarity >= min_similarity, best first (ties:
//      the more frequent first, then in an order fixed by the source texts,
//      not alphabetical), one Match per distinct translation, up to
//      max_results Matches in all.
// Near matches come from an index, never from a scan of every entry: the
// query's pairs of adjacent tokens are looked up rarest first, the sources
// sharing the most of them for their length (and of a length that can reach
// min_similarity) become candidates, and the best 400 are scored exactly. One
// edit changes at most two token pairs, so a source within one edit per ten
// tokens of `source` always shares one of the rarest pairs read and becomes a
// candidate (it is scored unless 400 others share more pairs for their
// length). A weaker match sharing only very common pairs can be missed where
// lookup_exhaustive would find it: rarely (see tests/pipeline/tm/recall_test.cpp
// and bench/tm_bench.cpp).
// Cost: at most 100,000 postings read beyond those rarest lists, about 1 ms on
// a memory of 10,000 resources. Deterministic; cannot fail.
std::vector<Match> lookup(const Memory& memory, std::string_view source, Lang source_lang, std::size_t max_results = 5,
                          int min_similarity = 60);

// What lookup returns when every stored source is scored: the reference that
// lookup approximates, for tests and benchmarks. Slow (linear in the memory).
std::vector<Match> lookup_exhaustive(const Memory& memory, std::string_view source, Lang source_lang,
                                     std::size_t max_results = 5, int min_similarity = 60);

struct MemoryStats {
    std::size_t entries = 0;       // entries kept (with a source and a translation)
    std::size_t sources = 0;       // distinct sources, both languages
    std::size_t translations = 0;  // distinct (source, translation) pairs
    std::size_t tokens = 0;        // tokens in the distinct sources
    std::size_t vocabulary = 0;    // distinct tokens
    std::size_t keys = 0;          // distinct token pairs in the index
    std::size_t postings = 0;      // (token pair, source) pairs in the index
    std::size_t text_bytes = 0;    // the distinct sources and translations, as stored
    std::size_t bytes = 0;         // heap memory held in all, approximately
};
MemoryStats memory_stats(const Memory& memory);

}  // namespace tandem::tm
