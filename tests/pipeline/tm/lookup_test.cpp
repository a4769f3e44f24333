#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

#include "pipeline/tm/tm.h"

namespace tandem::tm {
namespace {

Entry entry(std::string source, std::string translation, std::string resource, Lang lang = Lang::en) {
    return Entry{std::move(source), std::move(translation), lang, Origin{std::move(resource), "c0ffee"}};
}

// Text and numbers joined (GCC 12 warns falsely about "literal" + std::string).
template <class... Parts>
std::string cat(const Parts&... parts) {
    std::string out;
    ((out += parts), ...);
    return out;
}

constexpr const char* k_permits =
    "Temporary resident permits (<abbr>TRPs</abbr>) remain <a href=\"../x/\">the main avenue</a> for protection.";
constexpr const char* k_permits_fr =
    "Les permis de séjour temporaire (<abbr>PST</abbr>) restent <a href=\"../x/\">la principale voie</a> de "
    "protection.";

std::vector<Entry> campaign_entries() {
    return {
        entry(k_permits, k_permits_fr, "trp-limits"),
        entry(k_permits, k_permits_fr, "trp-faq"),
        entry(k_permits, "Les PST demeurent la principale voie de protection.", "trp-pamphlet"),
        entry("Trafficked persons need access to legal information in their language.",
              "Les personnes victimes de la traite ont besoin d’information juridique dans leur langue.", "legal-info"),
        entry("Trafficked persons need access to medical care in their language.",
              "Les personnes victimes de la traite ont besoin de soins médicaux dans leur langue.", "health"),
        entry("Order copies of the report from our office.", "Commandez des exemplaires du rapport.", "order-form"),
        entry("Les personnes victimes de la traite ont besoin de protection.", "Trafficked persons need protection.",
              "fr-report", Lang::fr),
    };
}

TEST(Lookup, ExactMatchReturnsOneHundredAndEveryDistinctTranslationMostFrequentFirst) {
    const Memory memory = build_memory(campaign_entries());
    const auto matches = lookup(memory, k_permits, Lang::en);
    ASSERT_GE(matches.size(), 2u);
    EXPECT_EQ(matches[0].similarity, 100);
    EXPECT_EQ(matches[0].translation, k_permits_fr);
    EXPECT_EQ(matches[0].origins, (std::vector<Origin>{{"trp-faq", "c0ffee"}, {"trp-limits", "c0ffee"}}));
    EXPECT_EQ(matches[1].similarity, 100);
    EXPECT_EQ(matches[1].translation, "Les PST demeurent la principale voie de protection.");
    EXPECT_EQ(matches[1].origins, (std::vector<Origin>{{"trp-pamphlet", "c0ffee"}}));
    EXPECT_EQ(matches[0].source, k_permits);
}

TEST(Lookup, ReturnsEveryExactTranslationEvenBeyondMaxResults) {
    std::vector<Entry> entries;
    for (int i = 0; i < 8; ++i)
        entries.push_back(entry("Take action", cat("Agissez ", std::to_string(i)), cat("r", std::to_string(i))));
    entries.push_back(entry("Take action now", "Agissez maintenant", "x"));
    const auto matches = lookup(build_memory(entries), "Take action", Lang::en, 3);
    ASSERT_EQ(matches.size(), 8u);
    for (const Match& m : matches) EXPECT_EQ(m.similarity, 100);
}

TEST(Lookup, WhitespaceDifferencesDoNotMatterForExactness) {
    const Memory memory = build_memory(campaign_entries());
    const auto matches =
        lookup(memory,
               "  Temporary resident\n   permits (<abbr>TRPs</abbr>)\tremain <a href=\"../x/\">the main "
               "avenue</a> for protection.\n",
               Lang::en);
    ASSERT_FALSE(matches.empty());
    EXPECT_EQ(matches[0].similarity, 100);
    EXPECT_EQ(matches[0].translation, k_permits_fr);
}

TEST(Lookup, NearMatchesFollowExactOnesBestFirst) {
    const Memory memory = build_memory(campaign_entries());
    const auto matches =
        lookup(memory, "Trafficked persons need access to legal information in their language.", Lang::en, 5, 50);
    ASSERT_EQ(matches.size(), 2u);
    EXPECT_EQ(matches[0].similarity, 100);
    EXPECT_EQ(matches[1].similarity,
              similarity(matches[1].source, "Trafficked persons need access to legal information in their language."));
    EXPECT_EQ(matches[1].source, "Trafficked persons need access to medical care in their language.");
    EXPECT_EQ(matches[1].similarity, 81);  // two of eleven tokens replaced
}

TEST(Lookup, OneWordChangeRanksAboveThreeWordChange) {
    const std::string original = "Service providers report that survivors often fear reprisals against their families.";
    const Memory memory = build_memory({
        entry("Service providers report that survivors often fear deportation against their families.", "un mot",
              "one"),
        entry("Service providers say that survivors rarely fear deportation against their families.", "trois mots",
              "three"),
    });
    const auto matches = lookup(memory, original, Lang::en);
    ASSERT_EQ(matches.size(), 2u);
    EXPECT_EQ(matches[0].translation, "un mot");
    EXPECT_EQ(matches[1].translation, "trois mots");
    EXPECT_GT(matches[0].similarity, matches[1].similarity);
    EXPECT_EQ(matches[0].similarity, 91);  // 1 of 12 tokens
    EXPECT_EQ(matches[1].similarity, 75);  // 3 of 12 tokens
}

TEST(Lookup, UnrelatedTextFindsNothingAboveTheThreshold) {
    const Memory memory = build_memory(campaign_entries());
    EXPECT_TRUE(lookup(memory, "The weather in Vancouver was mild this winter, with little snow.", Lang::en).empty());
    EXPECT_TRUE(lookup(memory, "", Lang::en).empty());
    // Common words in common, but not enough of them.
    EXPECT_TRUE(lookup(memory, "Persons need their language.", Lang::en).empty());
}

TEST(Lookup, FrenchSourcesLookUpIntoEnglish) {
    const Memory memory = build_memory(campaign_entries());
    const auto matches = lookup(memory, "Les personnes victimes de la traite ont besoin de protection.", Lang::fr);
    ASSERT_EQ(matches.size(), 1u);
    EXPECT_EQ(matches[0].similarity, 100);
    EXPECT_EQ(matches[0].translation, "Trafficked persons need protection.");
    const auto near = lookup(memory, "Les personnes victimes de la traite ont besoin de services.", Lang::fr);
    ASSERT_EQ(near.size(), 1u);
    EXPECT_EQ(near[0].translation, "Trafficked persons need protection.");
    // A French text is not looked for among English sources, nor the reverse.
    EXPECT_TRUE(lookup(memory, "Les personnes victimes de la traite ont besoin de protection.", Lang::en).empty());
    EXPECT_TRUE(lookup(memory, "Order copies of the report from our office.", Lang::fr).empty());
}

TEST(Lookup, HonoursMaxResultsAndMinSimilarity) {
    std::vector<Entry> entries;
    const std::vector<std::string> words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string source = "one two three four five six seven eight nine";
        for (std::size_t j = 0; j < i; ++j) source += cat(" ", words[j]);  // farther and farther
        entries.push_back(entry(source, cat("t", std::to_string(i)), "r"));
    }
    const Memory memory = build_memory(entries);
    const std::string query = "one two three four five six seven eight nine ten";
    EXPECT_EQ(lookup(memory, query, Lang::en, 3).size(), 3u);
    EXPECT_EQ(lookup(memory, query, Lang::en, 0).size(), 0u);
    for (const Match& m : lookup(memory, query, Lang::en, 10, 80)) EXPECT_GE(m.similarity, 80);
    EXPECT_EQ(lookup(memory, query, Lang::en, 10, 80).size(), 3u);  // 90, 90 (alpha for ten), 81
    EXPECT_EQ(lookup(memory, query, Lang::en, 10, 101).size(), 0u);
}

TEST(Lookup, ResultsAreDeterministicWhateverTheOrderOfEntries) {
    std::vector<Entry> entries = campaign_entries();
    for (int i = 0; i < 50; ++i)
        entries.push_back(
            entry(cat("Trafficked persons need access to medical care in region ", std::to_string(i % 7), "."),
                  cat("traduction ", std::to_string(i)), cat("r", std::to_string(i))));
    const std::string query = "Trafficked persons need access to medical care in region 3 today.";
    const Memory memory = build_memory(entries);
    const auto first = lookup(memory, query, Lang::en, 10, 50);
    ASSERT_EQ(first.size(), 10u);
    std::mt19937 rng(3);
    for (int round = 0; round < 5; ++round) {
        std::shuffle(entries.begin(), entries.end(), rng);
        const auto again = lookup(build_memory(entries), query, Lang::en, 10, 50);
        ASSERT_EQ(again.size(), first.size());
        for (std::size_t i = 0; i < first.size(); ++i) {
            EXPECT_EQ(again[i].similarity, first[i].similarity);
            EXPECT_EQ(again[i].source, first[i].source);
            EXPECT_EQ(again[i].translation, first[i].translation);
            EXPECT_EQ(again[i].origins, first[i].origins);
        }
    }
}

TEST(Lookup, ConcurrentLookupsFromEightThreadsGiveTheSameResults) {
    std::vector<Entry> entries = campaign_entries();
    std::vector<std::string> queries;
    for (int i = 0; i < 400; ++i) {
        const std::string n = std::to_string(i);
        entries.push_back(entry(
            cat("Resource ", n, " describes services for trafficked persons in region ", std::to_string(i % 13), "."),
            cat("Ressource ", n), cat("res-", n)));
        queries.push_back(cat("Resource ", n, " describes services for trafficked persons in the region ",
                              std::to_string(i % 11), "."));
    }
    const Memory memory = build_memory(entries);
    std::vector<std::vector<Match>> expected;
    for (const auto& q : queries) expected.push_back(lookup(memory, q, Lang::en));

    std::vector<int> mismatches(8, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            const Memory mine = memory;  // copies share the index
            for (int round = 0; round < 3; ++round)
                for (std::size_t i = 0; i < queries.size(); ++i) {
                    const std::size_t q = (i * 7 + static_cast<std::size_t>(t) * 31) % queries.size();
                    const auto got = lookup(t % 2 ? mine : memory, queries[q], Lang::en);
                    bool same = got.size() == expected[q].size();
                    for (std::size_t k = 0; same && k < got.size(); ++k)
                        same = got[k].similarity == expected[q][k].similarity &&
                               got[k].translation == expected[q][k].translation &&
                               got[k].origins == expected[q][k].origins;
                    if (!same) ++mismatches[static_cast<std::size_t>(t)];
                }
        });
    for (auto& thread : threads) thread.join();
    for (int t = 0; t < 8; ++t) EXPECT_EQ(mismatches[static_cast<std::size_t>(t)], 0) << "thread " << t;
    EXPECT_FALSE(expected[0].empty());
}

// Sources made only of a few very common words: every token pair of the
// query is shared with hundreds of sources, and the one-edit neighbour must
// still come first.
TEST(Lookup, FindsTheNearMatchWhenItSharesOnlyCommonWords) {
    const std::vector<std::string> words = {"the",  "of",   "and",  "to",  "in",     "persons", "rights", "for",
                                            "with", "that", "on",   "is",  "their",  "access",  "by",     "as",
                                            "are",  "be",   "this", "not", "status", "have",    "or",     "from"};
    std::mt19937 rng(11);
    std::vector<Entry> entries;
    std::vector<std::string> sources;
    for (int i = 0; i < 20000; ++i) {
        std::string s;
        const int length = 8 + static_cast<int>(rng() % 20);
        for (int w = 0; w < length; ++w) s += (w ? " " : "") + words[rng() % words.size()];
        sources.push_back(s);
        entries.push_back(entry(s, cat("t", std::to_string(i)), "r"));
    }
    const Memory memory = build_memory(entries);
    int found = 0;
    const int queries = 200;
    for (int q = 0; q < queries; ++q) {
        const std::string& original = sources[static_cast<std::size_t>(q) * 97];
        std::string query = original;
        const auto space = query.find(' ', query.size() / 2);
        query.insert(space, " rights");  // one word inserted
        const auto matches = lookup(memory, query, Lang::en, 3);
        const auto exhaustive = lookup_exhaustive(memory, query, Lang::en, 3);
        ASSERT_FALSE(exhaustive.empty());
        ASSERT_FALSE(matches.empty());
        EXPECT_EQ(matches[0].similarity, exhaustive[0].similarity);
        found += std::any_of(matches.begin(), matches.end(), [&](const Match& m) { return m.source == original; });
    }
    EXPECT_GE(found, queries * 99 / 100);
}

}  // namespace
}  // namespace tandem::tm
