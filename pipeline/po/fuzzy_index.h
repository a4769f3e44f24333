#pragma once
// msgmerge's fuzzy matching, private to pipeline/po (update_catalog uses it;
// tests reach it directly).
//
// gettext's manual (msgmerge Invocation, "fuzzy matching") and its sources
// define the behaviour followed here; the code is Tandem's own:
// - similarity is 2 * |longest common subsequence| / (|a| + |b|), over bytes
//   (what gettext's fstrcmp computes);
// - a candidate is an old message with a translation (its first msgstr is not
//   empty; fuzzy and obsolete messages count), in any msgctxt; one whose msgctxt
//   is absent or equal to the sought one gets a bonus of 0.00001;
// - it must score above 0.6 (FUZZY_THRESHOLD), and the best one wins;
// - a msgid of 4 characters or more is only compared with candidates sharing
//   at least one 4-character substring with it, visited by decreasing count of
//   shared substrings then file order, the first of equal scores winning;
//   shorter msgids (1 to 3 characters) are compared with candidates of up to
//   28 bytes whose length could reach the threshold, by increasing length then
//   file order.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/po/catalog.h"

namespace tandem::po::detail {

// Length of the longest common subsequence of the bytes of a and b.
std::size_t common_subsequence_length(std::string_view a, std::string_view b);

// gettext's fstrcmp: 2 * common_subsequence_length / (|a| + |b|); 1 for two
// empty strings.
double similarity(std::string_view a, std::string_view b);

// One message to find a fuzzy match for.
struct FuzzyQuery {
    const std::optional<std::string>* msgctxt;
    std::string_view msgid;
};

// For each query, the index in `messages` of its best fuzzy match, if any.
// Cost: one pass over the translated messages' 4-grams (looked up among the
// queries' own), then the similarity of each query with the messages sharing a
// 4-gram with it, skipping those whose length or bytes cannot beat the best.
std::vector<std::optional<std::size_t>> find_fuzzy_matches(std::span<const Message> messages,
                                                           std::span<const FuzzyQuery> queries);

}  // namespace tandem::po::detail
