#include <algorithm>
#include <optional>

#include "pipeline/tm/bit_distance.h"
#include "pipeline/tm/index.h"
#include "pipeline/tm/tm.h"
#include "pipeline/tm/tokenize.h"

namespace tandem::tm {

namespace {

using detail::LangIndex;

// Candidates scored exactly per lookup, at most (the "top few hundred").
constexpr std::size_t k_candidates = 400;
// Postings read per lookup, at most, beyond the rarest keys that must be read
// (see must_read below).
constexpr std::size_t k_posting_budget = 100'000;
// A query token that no stored source has.
constexpr std::uint32_t k_unknown_token = 0xFFFFFFFEu;

struct Query {
    std::string normalized;
    std::vector<std::uint32_t> tokens;
};

Query make_query(const LangIndex& lang, std::string_view source) {
    Query q{detail::normalize_whitespace(source), {}};
    for (const std::string_view token : detail::tokenize(q.normalized)) {
        const auto it = lang.token_ids.find(token);
        q.tokens.push_back(it == lang.token_ids.end() ? k_unknown_token : it->second);
    }
    return q;
}

// The source whose normalized text is the query's, if any.
std::optional<std::uint32_t> find_exact(const detail::Index& index, const LangIndex& lang, const Query& q) {
    const std::uint64_t hash = detail::normalized_hash(q.normalized);
    auto it = std::lower_bound(lang.exact.begin(), lang.exact.end(), std::pair<std::uint64_t, std::uint32_t>(hash, 0));
    for (; it != lang.exact.end() && it->first == hash; ++it)
        if (detail::normalize_whitespace(index.text_of(lang.sources[it->second].text)) == q.normalized)
            return it->second;
    return std::nullopt;
}

// Similarity in percent for an edit distance d between sequences whose longer
// one has `longer` tokens, for two texts known to differ (so at most 99).
int near_similarity(std::size_t d, std::size_t longer) {
    if (longer == 0) return 99;
    return std::min(99, static_cast<int>(100 * (longer - d) / longer));
}

// Whether a source of m tokens can reach `threshold` against n tokens: the
// distance is at least |n − m|, so min(n, m) / max(n, m) must reach it.
bool length_can_reach(std::size_t n, std::size_t m, int threshold) {
    const std::size_t shorter = std::min(n, m);
    const std::size_t longer = std::max(n, m);
    return longer == 0 || 100 * shorter >= static_cast<std::size_t>(threshold) * longer;
}

struct Scored {
    int similarity;
    std::uint32_t source;
};

// Best first: similarity, then frequency, then source number (an order fixed
// by the source texts, see index.h).
void rank(const LangIndex& lang, std::vector<Scored>& scored) {
    std::sort(scored.begin(), scored.end(), [&](const Scored& a, const Scored& b) {
        if (a.similarity != b.similarity) return a.similarity > b.similarity;
        const auto fa = lang.sources[a.source].frequency;
        const auto fb = lang.sources[b.source].frequency;
        if (fa != fb) return fa > fb;
        return a.source < b.source;
    });
}

void append_matches(const detail::Index& index, const LangIndex& lang, std::uint32_t s, int similarity,
                    std::size_t limit, std::vector<Match>& out) {
    const detail::Source& source = lang.sources[s];
    for (std::uint32_t t = source.translations_begin; t < source.translations_end && out.size() < limit; ++t) {
        const detail::Translation& translation = lang.translations[t];
        Match match;
        match.similarity = similarity;
        match.source = index.text_of(source.text);
        match.translation = index.text_of(translation.text);
        match.origins.reserve(translation.origins_end - translation.origins_begin);
        for (std::uint32_t o = translation.origins_begin; o < translation.origins_end; ++o)
            match.origins.push_back({index.names[index.origins[o].resource], index.names[index.origins[o].revision]});
        out.push_back(std::move(match));
    }
}

// Both lookups: exact matches, then `near` (scored sources) ranked.
std::vector<Match> assemble(const detail::Index& index, const LangIndex& lang, std::optional<std::uint32_t> exact,
                            std::vector<Scored> near, std::size_t max_results) {
    std::vector<Match> out;
    if (exact) append_matches(index, lang, *exact, 100, static_cast<std::size_t>(-1), out);
    rank(lang, near);
    for (const Scored& s : near) {
        if (out.size() >= max_results) break;
        append_matches(index, lang, s.source, s.similarity, max_results, out);
    }
    return out;
}

// The near matches through the index: the sources sharing the most token
// pairs with the query (relative to their length) are scored exactly.
std::vector<Scored> find_near(const LangIndex& lang, const Query& q, std::optional<std::uint32_t> exact,
                              int threshold) {
    const std::size_t n = q.tokens.size();

    // The query's token pairs that the index holds, rarest first.
    std::vector<std::uint64_t> pairs;
    std::uint32_t previous = detail::k_edge_token;
    for (const std::uint32_t token : q.tokens) {
        pairs.push_back(detail::pair_key(previous, token));
        previous = token;
    }
    pairs.push_back(detail::pair_key(previous, detail::k_edge_token));
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    struct List {
        std::uint32_t begin, end;
    };
    std::vector<List> lists;
    for (const std::uint64_t key : pairs) {
        const auto it = std::lower_bound(lang.keys.begin(), lang.keys.end(), key);
        if (it == lang.keys.end() || *it != key) continue;  // a pair with an unknown token, or new
        const auto k = static_cast<std::size_t>(it - lang.keys.begin());
        lists.push_back({lang.offsets[k], lang.offsets[k + 1]});
    }
    std::sort(lists.begin(), lists.end(), [](const List& a, const List& b) {
        return a.end - a.begin != b.end - b.begin ? a.end - a.begin < b.end - b.begin : a.begin < b.begin;
    });

    // Count shared pairs per source. One edit changes at most two pairs, so
    // reading the 2e + 1 rarest lists finds every source within e edits of the
    // query (e = one per ten tokens, at least one) whatever they cost; more
    // lists are read while the budget lasts, to rank the candidates.
    const std::size_t edits = std::max<std::size_t>(1, n / 10);
    const std::size_t must_read = 2 * edits + 1;
    std::vector<std::uint16_t> shared(lang.sources.size(), 0);
    std::vector<std::uint32_t> touched;
    std::size_t read = 0;
    for (std::size_t l = 0; l < lists.size(); ++l) {
        const std::size_t size = lists[l].end - lists[l].begin;
        if (l >= must_read && read + size > k_posting_budget) break;
        read += size;
        for (std::uint32_t p = lists[l].begin; p < lists[l].end; ++p) {
            const std::uint32_t s = lang.postings[p];
            if (shared[s] == 0) touched.push_back(s);
            if (shared[s] < 0xFFFF) ++shared[s];
        }
    }

    // The candidates: a length that can reach the threshold, most shared pairs
    // per pair of the longer of the two first.
    struct Candidate {
        std::uint32_t source;
        std::uint32_t shared;
        std::uint32_t pairs;  // of the longer of the two: its tokens plus one
    };
    std::vector<Candidate> candidates;
    for (const std::uint32_t s : touched) {
        if (exact && s == *exact) continue;
        const std::size_t m = lang.token_count(s);
        if (!length_can_reach(n, m, threshold)) continue;
        candidates.push_back({s, shared[s], static_cast<std::uint32_t>(std::max(n, m) + 1)});
    }
    const auto by_estimate = [](const Candidate& a, const Candidate& b) {
        const std::uint64_t x = std::uint64_t{a.shared} * b.pairs;
        const std::uint64_t y = std::uint64_t{b.shared} * a.pairs;
        return x != y ? x > y : a.source < b.source;
    };
    if (candidates.size() > k_candidates) {
        std::nth_element(candidates.begin(), candidates.begin() + k_candidates, candidates.end(), by_estimate);
        candidates.resize(k_candidates);
    }

    // Score them all: with the bit-parallel distance this costs about as much
    // as any bound would.
    const detail::PatternDistance distance(q.tokens, lang.token_ids.size());
    std::vector<Scored> scored;
    for (const Candidate& c : candidates) {
        const auto tokens = lang.tokens_of(c.source);
        const int similarity = near_similarity(distance.distance(tokens), std::max(n, tokens.size()));
        if (similarity >= threshold) scored.push_back({similarity, c.source});
    }
    return scored;
}

}  // namespace

Memory::Memory() : m_index(std::make_shared<const detail::Index>()) {}
Memory::Memory(std::shared_ptr<const detail::Index> index) : m_index(std::move(index)) {}

std::vector<Match> lookup(const Memory& memory, std::string_view source, Lang source_lang, std::size_t max_results,
                          int min_similarity) {
    const detail::Index& index = memory.index();
    const LangIndex& lang = index.by_lang[static_cast<int>(source_lang)];
    const Query q = make_query(lang, source);
    const auto exact = find_exact(index, lang, q);
    const std::size_t exact_count =
        exact ? lang.sources[*exact].translations_end - lang.sources[*exact].translations_begin : 0;
    std::vector<Scored> near;
    if (exact_count < max_results && min_similarity <= 99)
        near = find_near(lang, q, exact, std::max(0, min_similarity));
    return assemble(index, lang, exact, std::move(near), max_results);
}

std::vector<Match> lookup_exhaustive(const Memory& memory, std::string_view source, Lang source_lang,
                                     std::size_t max_results, int min_similarity) {
    const detail::Index& index = memory.index();
    const LangIndex& lang = index.by_lang[static_cast<int>(source_lang)];
    const Query q = make_query(lang, source);
    const auto exact = find_exact(index, lang, q);
    const int threshold = std::max(0, min_similarity);
    std::vector<Scored> near;
    if (min_similarity <= 99) {
        const detail::PatternDistance distance(q.tokens, lang.token_ids.size());
        for (std::uint32_t s = 0; s < lang.sources.size(); ++s) {
            if (exact && s == *exact) continue;
            const auto tokens = lang.tokens_of(s);
            if (!length_can_reach(q.tokens.size(), tokens.size(), threshold)) continue;
            const std::size_t longer = std::max(q.tokens.size(), tokens.size());
            const int similarity = near_similarity(distance.distance(tokens), longer);
            if (similarity >= threshold) near.push_back({similarity, s});
        }
    }
    return assemble(index, lang, exact, std::move(near), max_results);
}

MemoryStats memory_stats(const Memory& memory) {
    const detail::Index& index = memory.index();
    MemoryStats stats;
    stats.entries = index.entries;
    stats.text_bytes = index.text.size();
    stats.bytes = sizeof(detail::Index) + index.text.capacity() + index.origins.capacity() * sizeof(detail::OriginRef);
    for (const auto& name : index.names)
        stats.bytes += sizeof(std::string) + (name.size() > 15 ? name.capacity() + 1 : 0);
    for (const LangIndex& lang : index.by_lang) {
        stats.sources += lang.sources.size();
        stats.translations += lang.translations.size();
        stats.tokens += lang.tokens.size();
        stats.vocabulary += lang.token_ids.size();
        stats.keys += lang.keys.size();
        stats.postings += lang.postings.size();
        stats.bytes += lang.sources.capacity() * sizeof(detail::Source) +
                       lang.translations.capacity() * sizeof(detail::Translation) +
                       lang.tokens.capacity() * sizeof(std::uint32_t) +
                       lang.token_offsets.capacity() * sizeof(std::uint32_t) +
                       lang.exact.capacity() * sizeof(std::pair<std::uint64_t, std::uint32_t>) +
                       lang.keys.capacity() * sizeof(std::uint64_t) + lang.offsets.capacity() * sizeof(std::uint32_t) +
                       lang.postings.capacity() * sizeof(std::uint32_t) + lang.token_ids.bucket_count() * sizeof(void*);
        // A node: next pointer, the string, the id, the cached hash; long tokens on the heap.
        for (const auto& [token, id] : lang.token_ids)
            stats.bytes += sizeof(void*) + sizeof(std::string) + 2 * sizeof(std::size_t) +
                           (token.size() > 15 ? token.capacity() + 1 : 0);
    }
    return stats;
}

}  // namespace tandem::tm
