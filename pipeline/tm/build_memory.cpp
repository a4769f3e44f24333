#include <algorithm>
#include <bit>
#include <memory>
#include <numeric>
#include <tuple>

#include "pipeline/tm/index.h"
#include "pipeline/tm/tm.h"
#include "pipeline/tm/tokenize.h"

namespace tandem::tm {

namespace {

using detail::Index;
using detail::LangIndex;

// Token-pair key → dense number, during the build only: open addressing over
// two flat arrays, because a node-based map of millions of keys would cost
// more than the index itself.
class KeyNumbers {
public:
    std::uint32_t number_of(std::uint64_t key) {
        if ((m_size + 1) * 2 > m_slots.size()) grow();
        std::size_t at = slot_of(key);
        while (m_numbers[at] != k_empty) {
            if (m_slots[at] == key) return m_numbers[at];
            at = (at + 1) & (m_slots.size() - 1);
        }
        m_slots[at] = key;
        m_numbers[at] = static_cast<std::uint32_t>(m_size);
        ++m_size;
        return m_numbers[at];
    }
    std::size_t size() const { return m_size; }
    // The keys by number.
    std::vector<std::uint64_t> keys() const {
        std::vector<std::uint64_t> out(m_size);
        for (std::size_t i = 0; i < m_slots.size(); ++i)
            if (m_numbers[i] != k_empty) out[m_numbers[i]] = m_slots[i];
        return out;
    }

private:
    static constexpr std::uint32_t k_empty = 0xFFFFFFFFu;
    std::size_t slot_of(std::uint64_t key) const {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> m_shift);
    }
    void grow() {
        const std::size_t capacity = m_slots.empty() ? 1024 : m_slots.size() * 2;
        std::vector<std::uint64_t> slots(capacity);
        std::vector<std::uint32_t> numbers(capacity, k_empty);
        m_shift = 64 - static_cast<int>(std::countr_zero(capacity));
        for (std::size_t i = 0; i < m_slots.size(); ++i) {
            if (m_numbers[i] == k_empty) continue;
            std::size_t at = slot_of(m_slots[i]);
            while (numbers[at] != k_empty) at = (at + 1) & (capacity - 1);
            slots[at] = m_slots[i];
            numbers[at] = m_numbers[i];
        }
        m_slots = std::move(slots);
        m_numbers = std::move(numbers);
    }
    std::vector<std::uint64_t> m_slots;
    std::vector<std::uint32_t> m_numbers;
    std::size_t m_size = 0;
    int m_shift = 64;
};

detail::Text append_text(Index& index, std::string_view text) {
    const detail::Text t{index.text.size(), static_cast<std::uint32_t>(text.size())};
    index.text.append(text);
    return t;
}

class Names {
public:
    explicit Names(std::vector<std::string>& names) : m_names(names) {}
    std::uint32_t intern(const std::string& name) {
        const auto [it, added] = m_numbers.try_emplace(name, static_cast<std::uint32_t>(m_names.size()));
        if (added) m_names.push_back(name);
        return it->second;
    }

private:
    std::vector<std::string>& m_names;
    std::unordered_map<std::string, std::uint32_t> m_numbers;
};

// The token ids of the sources, then the inverted index of their token pairs.
void index_tokens(const Index& index, LangIndex& lang) {
    KeyNumbers numbers;
    std::vector<std::uint32_t> source_keys;  // key numbers of each source, back to back
    std::vector<std::uint32_t> source_keys_end;
    std::vector<std::uint32_t> scratch;
    source_keys_end.reserve(lang.sources.size());
    lang.token_offsets.reserve(lang.sources.size() + 1);
    for (std::size_t s = 0; s < lang.sources.size(); ++s) {
        const std::string normalized = detail::normalize_whitespace(index.text_of(lang.sources[s].text));
        for (const std::string_view token : detail::tokenize(normalized)) {
            auto it = lang.token_ids.find(token);
            if (it == lang.token_ids.end())
                it =
                    lang.token_ids.emplace(std::string(token), static_cast<std::uint32_t>(lang.token_ids.size())).first;
            lang.tokens.push_back(it->second);
        }
        lang.token_offsets.push_back(static_cast<std::uint32_t>(lang.tokens.size()));

        const auto tokens = lang.tokens_of(static_cast<std::uint32_t>(s));
        scratch.clear();
        std::uint32_t previous = detail::k_edge_token;
        for (const std::uint32_t token : tokens) {
            scratch.push_back(numbers.number_of(detail::pair_key(previous, token)));
            previous = token;
        }
        scratch.push_back(numbers.number_of(detail::pair_key(previous, detail::k_edge_token)));
        std::sort(scratch.begin(), scratch.end());
        scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
        source_keys.insert(source_keys.end(), scratch.begin(), scratch.end());
        source_keys_end.push_back(static_cast<std::uint32_t>(source_keys.size()));
    }

    // Renumber the keys in key order, so a lookup finds them by binary search.
    const std::vector<std::uint64_t> by_number = numbers.keys();
    std::vector<std::uint32_t> order(by_number.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return by_number[a] < by_number[b]; });
    std::vector<std::uint32_t> rank(by_number.size());
    lang.keys.resize(by_number.size());
    for (std::size_t r = 0; r < order.size(); ++r) {
        rank[order[r]] = static_cast<std::uint32_t>(r);
        lang.keys[r] = by_number[order[r]];
    }

    // Postings by counting sort: sources are visited in increasing order, so
    // every posting list comes out sorted.
    lang.offsets.assign(lang.keys.size() + 1, 0);
    for (const std::uint32_t number : source_keys) ++lang.offsets[rank[number] + 1];
    std::partial_sum(lang.offsets.begin(), lang.offsets.end(), lang.offsets.begin());
    lang.postings.resize(source_keys.size());
    std::vector<std::uint32_t> fill(lang.offsets.begin(), lang.offsets.end() - 1);
    std::uint32_t begin = 0;
    for (std::uint32_t s = 0; s < source_keys_end.size(); ++s) {
        for (std::uint32_t i = begin; i < source_keys_end[s]; ++i) lang.postings[fill[rank[source_keys[i]]]++] = s;
        begin = source_keys_end[s];
    }
}

}  // namespace

Memory build_memory(std::vector<Entry> entries) {
    auto index = std::make_shared<Index>();

    // Keep what is memory, with the hash of its normalized source.
    struct Kept {
        std::uint32_t entry;
        std::uint64_t hash;
    };
    std::vector<Kept> kept;
    kept.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (!entries[i].translation.empty() && !detail::is_blank(entries[i].source))
            kept.push_back({static_cast<std::uint32_t>(i), detail::normalized_hash(entries[i].source)});
    index->entries = kept.size();

    // One total order on everything kept, so that the memory does not depend
    // on the order of `entries`: by language, then source (its hash first, so
    // that texts are compared only when their hashes are equal), translation,
    // origin. Normalized texts are compared without being made: for 400,000
    // entries they would be a copy of every source.
    const auto entry = [&](const Kept& k) -> const Entry& { return entries[k.entry]; };
    std::sort(kept.begin(), kept.end(), [&](const Kept& a, const Kept& b) {
        const Entry& x = entry(a);
        const Entry& y = entry(b);
        if (x.source_lang != y.source_lang) return x.source_lang < y.source_lang;
        if (a.hash != b.hash) return a.hash < b.hash;
        if (const int c = detail::compare_normalized(x.source, y.source)) return c < 0;
        return std::tie(x.translation, x.origin.resource, x.origin.revision, x.source) <
               std::tie(y.translation, y.origin.resource, y.origin.revision, y.source);
    });
    const auto same_source = [&](const Kept& a, const Kept& b) {
        return entry(a).source_lang == entry(b).source_lang && a.hash == b.hash &&
               detail::compare_normalized(entry(a).source, entry(b).source) == 0;
    };

    // The groups of equal sources, and the bytes their texts take, so that the
    // text is allocated once (growing it would briefly need twice its size).
    std::vector<std::size_t> group_ends;
    std::size_t text_bytes = 0;
    for (std::size_t i = 0; i < kept.size();) {
        std::size_t end = i + 1;
        text_bytes += entry(kept[i]).source.size() + entry(kept[i]).translation.size();
        for (; end < kept.size() && same_source(kept[i], kept[end]); ++end)
            if (entry(kept[end]).translation != entry(kept[end - 1]).translation)
                text_bytes += entry(kept[end]).translation.size();
        group_ends.push_back(end);
        i = end;
    }
    index->text.reserve(text_bytes);

    Names names(index->names);
    std::size_t i = 0;
    for (const std::size_t group_end : group_ends) {
        const Lang lang_code = entry(kept[i]).source_lang;
        LangIndex& lang = index->by_lang[static_cast<int>(lang_code)];

        detail::Source source;
        source.translations_begin = static_cast<std::uint32_t>(lang.translations.size());
        // The stored source of the first origin (resource, revision) stands for the group.
        std::size_t first = i;
        for (std::size_t k = i + 1; k < group_end; ++k) {
            const Entry& x = entry(kept[k]);
            const Entry& y = entry(kept[first]);
            if (std::tie(x.origin.resource, x.origin.revision, x.source) <
                std::tie(y.origin.resource, y.origin.revision, y.source))
                first = k;
        }
        source.text = append_text(*index, entry(kept[first]).source);

        for (std::size_t t = i; t < group_end;) {
            const std::string& translation_text = entry(kept[t]).translation;
            detail::Translation translation;
            translation.text = append_text(*index, translation_text);
            translation.origins_begin = static_cast<std::uint32_t>(index->origins.size());
            const Origin* last = nullptr;
            for (; t < group_end && entry(kept[t]).translation == translation_text; ++t) {
                const Origin& origin = entry(kept[t]).origin;
                if (last && *last == origin) continue;  // the same segment twice in one resource
                index->origins.push_back({names.intern(origin.resource), names.intern(origin.revision)});
                last = &origin;
            }
            translation.origins_end = static_cast<std::uint32_t>(index->origins.size());
            lang.translations.push_back(translation);
        }
        source.translations_end = static_cast<std::uint32_t>(lang.translations.size());
        // Most frequent first; equal ones stay in translation text order.
        std::stable_sort(lang.translations.begin() + source.translations_begin, lang.translations.end(),
                         [](const detail::Translation& a, const detail::Translation& b) {
                             return a.origins_end - a.origins_begin > b.origins_end - b.origins_begin;
                         });
        const auto& top = lang.translations[source.translations_begin];
        source.frequency = top.origins_end - top.origins_begin;

        lang.exact.emplace_back(kept[i].hash, static_cast<std::uint32_t>(lang.sources.size()));
        lang.sources.push_back(source);
        i = group_end;
    }
    kept = {};

    for (LangIndex& lang : index->by_lang) {
        std::sort(lang.exact.begin(), lang.exact.end());
        index_tokens(*index, lang);
    }
    // What is left is read only: give back what the vectors reserved beyond.
    index->origins.shrink_to_fit();
    for (auto& lang : index->by_lang) {
        lang.sources.shrink_to_fit();
        lang.translations.shrink_to_fit();
        lang.tokens.shrink_to_fit();
    }
    return Memory(std::move(index));
}

}  // namespace tandem::tm
