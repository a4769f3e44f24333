#include "pipeline/tm/bit_distance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace tandem::tm::detail {
namespace {

// The textbook table, as the reference.
std::size_t table_distance(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j)
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
    return d[a.size()][b.size()];
}

std::size_t distance(const std::vector<std::uint32_t>& pattern, const std::vector<std::uint32_t>& text,
                     std::size_t alphabet = 16) {
    return PatternDistance(pattern, alphabet).distance(text);
}

TEST(PatternDistance, CountsInsertionsDeletionsAndSubstitutions) {
    EXPECT_EQ(distance({1, 2, 3}, {1, 2, 3}), 0u);
    EXPECT_EQ(distance({1, 2, 3}, {1, 9, 3}), 1u);
    EXPECT_EQ(distance({1, 2, 3}, {1, 3}), 1u);
    EXPECT_EQ(distance({1, 3}, {1, 2, 3}), 1u);
    EXPECT_EQ(distance({}, {1, 3}), 2u);
    EXPECT_EQ(distance({1, 3}, {}), 2u);
    EXPECT_EQ(distance({1, 2, 3, 4}, {4, 3, 2, 1}), 4u);
}

TEST(PatternDistance, PatternSymbolsOutsideTheAlphabetMatchNothing) {
    EXPECT_EQ(distance({1, 99, 3}, {1, 2, 3}, 4), 1u);
    EXPECT_EQ(distance({99, 99}, {1, 2}, 4), 2u);
}

TEST(PatternDistance, AgreesWithTheTableAcrossBlockBoundaries) {
    std::mt19937 rng(5);
    for (int round = 0; round < 1500; ++round) {
        // Lengths around 64 and 128, where one block of the pattern ends.
        const std::size_t length = round % 3 == 0 ? rng() % 20 : 50 + rng() % 150;
        const std::uint32_t symbols = 2 + rng() % 6;
        std::vector<std::uint32_t> a(length);
        for (auto& x : a) x = rng() % symbols;
        std::vector<std::uint32_t> b = a;  // a few edits away, or unrelated
        const int edits = static_cast<int>(rng() % 12);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = b.empty() ? 0 : rng() % (b.size() + 1);
            switch (rng() % 3) {
                case 0: b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), rng() % symbols); break;
                case 1:
                    if (at < b.size()) b.erase(b.begin() + static_cast<std::ptrdiff_t>(at));
                    break;
                default:
                    if (at < b.size()) b[at] = rng() % symbols;
            }
        }
        if (round % 7 == 0) {
            b.resize(rng() % 200);
            for (auto& x : b) x = rng() % symbols;
        }
        SCOPED_TRACE(testing::Message() << "round " << round << ", lengths " << a.size() << " and " << b.size());
        const std::size_t expected = table_distance(a, b);
        EXPECT_EQ(distance(a, b), expected);
        EXPECT_EQ(distance(b, a), expected);
    }
}

}  // namespace
}  // namespace tandem::tm::detail
