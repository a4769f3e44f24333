#include "pipeline/po/fuzzy_index.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace tandem::po::detail {

namespace {

constexpr double k_threshold = 0.6;  // msgmerge's FUZZY_THRESHOLD
constexpr double k_context_bonus = 0.00001;
constexpr std::size_t k_gram = 4;  // characters per indexed substring
// Strings of fewer than 4 characters have at most 12 bytes; a candidate longer
// than 12 * (2 / 0.6 - 1) = 28 bytes cannot reach the threshold with them.
constexpr std::size_t k_short_max = 28;
// At most this many query x candidate counters at once (16 MB).
constexpr std::size_t k_max_counters = std::size_t{1} << 22;

bool has_translation(const Message& m) {
    if (m.msgid_plural) return !m.msgstr_plural.empty() && !m.msgstr_plural.front().empty();
    return !m.msgstr.empty();
}

// The byte length of the UTF-8 character that starts with `lead` (1 for a
// stray byte), as gettext's UTF-8 character iterator steps.
std::size_t char_length(unsigned char lead) {
    if (lead < 0xC0) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    if (lead < 0xF8) return 4;
    return 1;
}

std::size_t count_chars(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); i += char_length(static_cast<unsigned char>(s[i]))) ++n;
    return n;
}

// Calls fn(gram) for each substring of 4 characters of s, left to right.
template <class Fn>
void for_each_gram(std::string_view s, Fn fn) {
    std::array<std::size_t, k_gram + 1> at{};  // starts of the last 5 characters, a ring
    std::size_t seen = 0;
    for (std::size_t i = 0;; i += char_length(static_cast<unsigned char>(s[i]))) {
        i = std::min(i, s.size());
        at[seen % (k_gram + 1)] = i;
        if (seen >= k_gram) {
            const std::size_t from = at[(seen - k_gram) % (k_gram + 1)];
            fn(s.substr(from, i - from));
        }
        ++seen;
        if (i >= s.size()) break;
    }
}

std::uint64_t hash_gram(std::string_view gram) {
    // A gram is 4 to 16 bytes: mix two 8-byte loads and the length.
    std::uint64_t a = 0, b = 0;
    std::memcpy(&a, gram.data(), std::min<std::size_t>(gram.size(), 8));
    if (gram.size() > 8) std::memcpy(&b, gram.data() + 8, std::min<std::size_t>(gram.size() - 8, 8));
    std::uint64_t h = (a * 0x9e3779b97f4a7c15ULL) ^ (b * 0xc2b2ae3d27d4eb4fULL) ^ gram.size();
    return h ^ (h >> 29);
}

// A string's bytes with their counts, for the shared-bytes bound.
using ByteCounts = std::vector<std::pair<unsigned char, std::uint32_t>>;

ByteCounts count_bytes(std::string_view s) {
    std::array<std::uint32_t, 256> n{};
    for (char c : s) ++n[static_cast<unsigned char>(c)];
    ByteCounts counts;
    for (std::size_t c = 0; c < n.size(); ++c)
        if (n[c] != 0) counts.emplace_back(static_cast<unsigned char>(c), n[c]);
    return counts;
}

// Bit-parallel longest common subsequence (Allison & Dix 1986, Hyyrö 2004):
// bit i of V is 0 when a[0..i] ends a longest common subsequence so far, and
// each byte of b updates all of V in ceil(|a| / 64) word operations.
class Pattern {
public:
    explicit Pattern(std::string_view a) : m_length(a.size()), m_words((a.size() + 63) / 64) {
        m_match.assign(256 * m_words, 0);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const auto c = static_cast<unsigned char>(a[i]);
            m_match[c * m_words + i / 64] |= std::uint64_t{1} << (i % 64);
            ++m_histogram[c];
        }
    }

    std::size_t common_with(std::string_view b) const {
        if (m_length == 0 || b.empty()) return 0;
        if (m_words == 1) return common_with_one_word(b);
        if (m_words == 2) return common_with_two_words(b);
        std::vector<std::uint64_t> v(m_words, ~std::uint64_t{0});
        for (char ch : b) {
            const std::uint64_t* match = &m_match[static_cast<unsigned char>(ch) * m_words];
            bool carry = false;
            for (std::size_t w = 0; w < m_words; ++w) {
                std::uint64_t sum = 0;
                const bool c1 = __builtin_add_overflow(v[w], v[w] & match[w], &sum);
                const bool c2 = __builtin_add_overflow(sum, std::uint64_t{carry}, &sum);
                carry = c1 || c2;
                v[w] = sum | (v[w] & ~match[w]);
            }
        }
        std::size_t zeros = 0;
        for (std::size_t w = 0; w < m_words; ++w) zeros += static_cast<std::size_t>(std::popcount(~v[w] & mask(w)));
        return zeros;
    }

    // An upper bound of common_with(b): the bytes both strings hold, counted
    // with multiplicity.
    std::size_t shared_bytes_with(const ByteCounts& b) const {
        std::size_t shared = 0;
        for (const auto& [c, n] : b) shared += std::min<std::size_t>(m_histogram[c], n);
        return shared;
    }

private:
    // The usual message fits in one or two words: the same update, unrolled.
    std::size_t common_with_one_word(std::string_view b) const {
        std::uint64_t v = ~std::uint64_t{0};
        for (char ch : b) {
            const std::uint64_t match = m_match[static_cast<unsigned char>(ch)];
            v = (v + (v & match)) | (v & ~match);
        }
        return static_cast<std::size_t>(std::popcount(~v & mask(0)));
    }

    std::size_t common_with_two_words(std::string_view b) const {
        std::uint64_t lo = ~std::uint64_t{0}, hi = ~std::uint64_t{0};
        for (char ch : b) {
            const std::uint64_t* match = &m_match[static_cast<unsigned char>(ch) * 2];
            const std::uint64_t sum_lo = lo + (lo & match[0]);
            const std::uint64_t carry = sum_lo < lo ? 1 : 0;
            const std::uint64_t sum_hi = hi + (hi & match[1]) + carry;
            lo = sum_lo | (lo & ~match[0]);
            hi = sum_hi | (hi & ~match[1]);
        }
        return static_cast<std::size_t>(std::popcount(~lo & mask(0)) + std::popcount(~hi & mask(1)));
    }

    // The bits of word w that stand for a byte of the pattern.
    std::uint64_t mask(std::size_t w) const {
        if (w + 1 < m_words || m_length % 64 == 0) return ~std::uint64_t{0};
        return (std::uint64_t{1} << (m_length % 64)) - 1;
    }

    std::size_t m_length;
    std::size_t m_words;
    std::vector<std::uint64_t> m_match;  // per byte value, the positions of a holding it
    std::array<std::uint32_t, 256> m_histogram{};
};

// The 4-grams of a batch of queries, each with the queries holding it and how
// many times: an open-addressing table, small because the queries are few.
class QueryGrams {
public:
    struct Entry {
        std::string_view gram;           // empty: a free slot
        std::size_t last_candidate = 0;  // 1 + the last candidate counted, to count each once
        std::vector<std::pair<std::uint32_t, std::uint32_t>> holders;  // (query, occurrences), by query
    };

    explicit QueryGrams(std::size_t grams) {
        std::size_t capacity = 16;
        while (capacity < 2 * grams) capacity *= 2;
        m_slots.resize(capacity);
    }

    void add(std::string_view gram, std::uint32_t query) {
        Entry& e = slot(gram);
        e.gram = gram;
        if (!e.holders.empty() && e.holders.back().first == query)
            ++e.holders.back().second;
        else
            e.holders.emplace_back(query, 1);
    }

    Entry* find(std::string_view gram) {
        Entry& e = slot(gram);
        return e.gram.empty() ? nullptr : &e;
    }

private:
    Entry& slot(std::string_view gram) {
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash_gram(gram) & mask;; i = (i + 1) & mask)
            if (m_slots[i].gram.empty() || m_slots[i].gram == gram) return m_slots[i];
    }

    std::vector<Entry> m_slots;
};

// What the search knows about the candidates, computed once for all queries.
struct Candidates {
    std::span<const Message> messages;
    std::vector<std::size_t> index;  // translated messages, in file order
    std::vector<ByteCounts> bytes;   // per candidate, filled on first use
    std::vector<bool> bytes_known;

    explicit Candidates(std::span<const Message> all) : messages(all) {
        for (std::size_t j = 0; j < all.size(); ++j)
            if (has_translation(all[j])) index.push_back(j);
        bytes.resize(index.size());
        bytes_known.resize(index.size(), false);
    }

    const ByteCounts& bytes_of(std::size_t c) {
        if (!bytes_known[c]) {
            bytes[c] = count_bytes(messages[index[c]].msgid);
            bytes_known[c] = true;
        }
        return bytes[c];
    }
};

// The best candidate for one query, as msgmerge's fuzzy search keeps it: the
// first one, in the order offered, whose score beats every earlier one.
class Search {
public:
    Search(Candidates& candidates, const FuzzyQuery& query)
        : m_candidates(candidates), m_query(query), m_pattern(query.msgid) {}

    void consider(std::size_t c) {
        const Message& candidate = m_candidates.messages[m_candidates.index[c]];
        const std::optional<std::string>& msgctxt = *m_query.msgctxt;
        const double bonus =
            (!candidate.msgctxt || (msgctxt && *msgctxt == *candidate.msgctxt)) ? k_context_bonus : 0.0;
        const std::size_t total = m_query.msgid.size() + candidate.msgid.size();
        if (total == 0) return;
        // Bounds of the common subsequence rule most candidates out cheaply.
        // The comparisons are exact: the same division and addition as the
        // score's, of a number no smaller.
        const std::size_t shorter = std::min(m_query.msgid.size(), candidate.msgid.size());
        if (!beats(shorter, total, bonus)) return;
        if (!beats(m_pattern.shared_bytes_with(m_candidates.bytes_of(c)), total, bonus)) return;
        const std::size_t common = m_pattern.common_with(candidate.msgid);
        if (beats(common, total, bonus)) {
            m_best_weight = score(common, total, bonus);
            m_best = m_candidates.index[c];
        }
    }

    std::optional<std::size_t> best() const { return m_best; }

private:
    static double score(std::size_t common, std::size_t total, double bonus) {
        return static_cast<double>(2 * common) / static_cast<double>(total) + bonus;
    }
    bool beats(std::size_t common, std::size_t total, double bonus) const {
        return score(common, total, bonus) > m_best_weight;
    }

    Candidates& m_candidates;
    const FuzzyQuery& m_query;
    Pattern m_pattern;
    double m_best_weight = k_threshold;
    std::optional<std::size_t> m_best;
};

// The best match of each long query (4 characters or more) among the
// candidates sharing a 4-gram with it, visited by decreasing count of shared
// 4-gram occurrences, then file order.
void match_long_queries(Candidates& candidates, std::span<const FuzzyQuery> queries, std::span<const std::size_t> batch,
                        std::vector<std::optional<std::size_t>>& found) {
    std::size_t grams = 0;
    for (std::size_t q : batch) grams += count_chars(queries[q].msgid) - (k_gram - 1);
    QueryGrams table(grams);
    for (std::size_t i = 0; i < batch.size(); ++i)
        for_each_gram(queries[batch[i]].msgid,
                      [&](std::string_view gram) { table.add(gram, static_cast<std::uint32_t>(i)); });

    // counts[i * n + c]: how many of query i's 4-gram occurrences candidate c holds.
    const std::size_t n = candidates.index.size();
    std::vector<std::uint32_t> counts(batch.size() * n, 0);
    for (std::size_t c = 0; c < n; ++c)
        for_each_gram(candidates.messages[candidates.index[c]].msgid, [&](std::string_view gram) {
            QueryGrams::Entry* e = table.find(gram);
            if (e == nullptr || e->last_candidate == c + 1) return;
            e->last_candidate = c + 1;
            for (const auto& [i, occurrences] : e->holders) counts[i * n + c] += occurrences;
        });

    std::vector<std::size_t> order;
    std::vector<std::size_t> start;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const std::uint32_t* row = &counts[i * n];
        // A counting sort by decreasing count, stable in file order.
        std::uint32_t most = 0;
        for (std::size_t c = 0; c < n; ++c) most = std::max(most, row[c]);
        if (most == 0) continue;
        start.assign(most + 2, 0);
        for (std::size_t c = 0; c < n; ++c)
            if (row[c] != 0) ++start[most - row[c] + 1];
        for (std::size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
        order.assign(start.back(), 0);
        for (std::size_t c = 0; c < n; ++c)
            if (row[c] != 0) order[start[most - row[c]]++] = c;

        Search search(candidates, queries[batch[i]]);
        for (std::size_t c : order) search.consider(c);
        found[batch[i]] = search.best();
    }
}

}  // namespace

std::size_t common_subsequence_length(std::string_view a, std::string_view b) {
    return Pattern(a).common_with(b);
}

double similarity(std::string_view a, std::string_view b) {
    const std::size_t total = a.size() + b.size();
    if (total == 0) return 1.0;
    return static_cast<double>(2 * common_subsequence_length(a, b)) / static_cast<double>(total);
}

std::vector<std::optional<std::size_t>> find_fuzzy_matches(std::span<const Message> messages,
                                                           std::span<const FuzzyQuery> queries) {
    std::vector<std::optional<std::size_t>> found(queries.size());
    if (queries.empty()) return found;
    Candidates candidates(messages);
    if (candidates.index.empty()) return found;

    std::vector<std::size_t> long_queries, short_queries;
    for (std::size_t q = 0; q < queries.size(); ++q)
        (count_chars(queries[q].msgid) >= k_gram ? long_queries : short_queries).push_back(q);

    // In batches, so that the counters stay few.
    const std::size_t batch = std::max<std::size_t>(1, k_max_counters / candidates.index.size());
    for (std::size_t first = 0; first < long_queries.size(); first += batch)
        match_long_queries(
            candidates, queries,
            std::span<const std::size_t>(long_queries).subspan(first, std::min(batch, long_queries.size() - first)),
            found);

    if (!short_queries.empty()) {
        // Shorter queries meet the candidates of a length that could reach the
        // threshold, by increasing length then file order.
        std::vector<std::vector<std::size_t>> by_length(k_short_max + 1);
        for (std::size_t c = 0; c < candidates.index.size(); ++c) {
            const std::size_t length = messages[candidates.index[c]].msgid.size();
            if (length <= k_short_max) by_length[length].push_back(c);
        }
        const double factor = 2 / k_threshold - 1;
        for (std::size_t q : short_queries) {
            const double length = static_cast<double>(queries[q].msgid.size());
            const auto lmin = static_cast<std::size_t>(static_cast<int>(std::ceil(length / factor)));
            const auto lmax = static_cast<std::size_t>(static_cast<int>(length * factor));
            Search search(candidates, queries[q]);
            for (std::size_t l = lmin; l <= lmax && l <= k_short_max; ++l)
                for (std::size_t c : by_length[l]) search.consider(c);
            found[q] = search.best();
        }
    }
    return found;
}

}  // namespace tandem::po::detail
