#include "pipeline/po/fuzzy_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>

namespace tandem::po::detail {
namespace {

// The textbook dynamic programme, to check the bit-parallel one against.
std::size_t naive_lcs(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1, 0), next(b.size() + 1, 0);
    for (char x : a) {
        for (std::size_t j = 0; j < b.size(); ++j) next[j + 1] = x == b[j] ? row[j] + 1 : std::max(row[j + 1], next[j]);
        std::swap(row, next);
    }
    return row[b.size()];
}

std::string random_text(std::uint64_t& state, std::size_t length, int alphabet) {
    std::string s;
    for (std::size_t i = 0; i < length; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        s += static_cast<char>('a' + static_cast<int>((state >> 33) % static_cast<std::uint64_t>(alphabet)));
    }
    return s;
}

TEST(Similarity, IsGettextsFstrcmpRatio) {
    // gettext's msgl-fsearch.c: "close" and "c l o s e" are quite similar (0.71).
    EXPECT_NEAR(similarity("close", "c l o s e"), 10.0 / 14.0, 1e-12);
    EXPECT_EQ(similarity("", ""), 1.0);
    EXPECT_EQ(similarity("abc", ""), 0.0);
    EXPECT_EQ(similarity("same text", "same text"), 1.0);
    EXPECT_EQ(similarity("abcd", "xyzw"), 0.0);
}

TEST(Similarity, CountsBytesNotCharacters) {
    // é (C3 A9) and è (C3 A8) share their first byte, as in gettext's fstrcmp.
    EXPECT_EQ(common_subsequence_length("\xC3\xA9", "\xC3\xA8"), 1u);
}

TEST(CommonSubsequence, AgreesWithTheTextbookAlgorithmAtEveryLength) {
    std::uint64_t state = 12345;
    for (std::size_t length : {1, 5, 63, 64, 65, 100, 127, 128, 129, 200, 300}) {
        for (int round = 0; round < 20; ++round) {
            const int alphabet = round % 2 ? 4 : 26;
            const std::string a = random_text(state, length, alphabet);
            const std::string b = random_text(state, length / 2 + static_cast<std::size_t>(round) * 7, alphabet);
            SCOPED_TRACE(a + " / " + b);
            EXPECT_EQ(common_subsequence_length(a, b), naive_lcs(a, b));
            EXPECT_EQ(common_subsequence_length(b, a), naive_lcs(a, b));
        }
    }
}

Message translated(std::string msgid, std::optional<std::string> msgctxt = {}) {
    Message m;
    m.msgid = std::move(msgid);
    m.msgctxt = std::move(msgctxt);
    m.msgstr = "traduit";
    return m;
}

std::optional<std::size_t> best(const std::vector<Message>& messages, std::string_view msgid,
                                const std::optional<std::string>& msgctxt = {}) {
    const FuzzyQuery query{&msgctxt, msgid};
    return find_fuzzy_matches(messages, std::span<const FuzzyQuery>(&query, 1)).at(0);
}

TEST(FuzzyMatches, TheMostSimilarTranslatedMessageWins) {
    const std::vector<Message> messages{translated("Trafficked persons need protection."),
                                        translated("Trafficked persons need legal protection."),
                                        translated("Order the booklet.")};
    EXPECT_EQ(best(messages, "Trafficked persons need legal protections."), 1u);
    EXPECT_EQ(best(messages, "Order the booklets."), 2u);
    EXPECT_FALSE(best(messages, "Something else entirely, with no likeness."));
}

TEST(FuzzyMatches, ExactlyTheThresholdIsNotEnoughWithoutTheContextBonus) {
    // "abcdefXXXX" / "abcdefYYYY": 2 * 6 / 20 = 0.6.
    std::vector<Message> messages{translated("abcdefXXXX", std::string("other"))};
    EXPECT_FALSE(best(messages, "abcdefYYYY", std::string("mine")));
    EXPECT_EQ(best(messages, "abcdefYYYY", std::string("other")), 0u);  // same context: 0.6 + 0.00001
    messages[0].msgctxt.reset();
    EXPECT_EQ(best(messages, "abcdefYYYY", std::string("mine")), 0u);  // no context: also the bonus
}

TEST(FuzzyMatches, UntranslatedMessagesAreNotCandidatesButFuzzyAndObsoleteOnesAre) {
    std::vector<Message> messages{translated("Report on temporary permits"), translated("Report on temporary permit")};
    messages[0].msgstr.clear();
    messages[1].fuzzy = true;
    messages[1].obsolete = true;
    EXPECT_EQ(best(messages, "Report on temporary permits!"), 1u);
}

TEST(FuzzyMatches, LongQueriesOnlyMeetMessagesSharingAFourCharacterSubstring) {
    // Similar (18 / 22) but without a common 4-gram: msgmerge's index never
    // offers this candidate, so neither do we.
    const std::vector<Message> messages{translated("abcXdefXghi")};
    EXPECT_GT(similarity("abcXdefXghi", "abcYdefYghi"), 0.6);
    EXPECT_FALSE(best(messages, "abcYdefYghi"));
}

TEST(FuzzyMatches, ShortQueriesMeetShortMessagesOfAFittingLength) {
    const std::vector<Message> messages{translated("Yes"), translated("Yeah"), translated("No")};
    EXPECT_EQ(best(messages, "Ye"), 0u);  // 2 * 2 / 5 = 0.8 beats "Yeah" (2 * 2 / 6)
    EXPECT_FALSE(best(messages, "OK"));
    // "Yes!" has 4 characters, so only messages sharing a 4-gram are offered,
    // and "Yes" has none: msgmerge leaves "Yes!" untranslated too.
    EXPECT_FALSE(best(messages, "Yes!"));
}

TEST(FuzzyMatches, EqualScoresGoToTheCandidateSharingMoreFourGramsThenTheEarlierOne) {
    // Both score 2 * 8 / 20 against "abcdefghij"; the second shares 5 of its
    // 4-grams, the first only 4, so msgmerge visits the second first.
    ASSERT_EQ(similarity("abcdefghij", "aXcdefghiY"), similarity("abcdefghij", "abcdefghXY"));
    const std::vector<Message> messages{translated("aXcdefghiY"), translated("abcdefghXY")};
    EXPECT_EQ(best(messages, "abcdefghij"), 1u);
    // Same score, same count: the earlier one.
    const std::vector<Message> twins{translated("abcdefghXY"), translated("abcdefghZW")};
    EXPECT_EQ(best(twins, "abcdefghij"), 0u);
}

TEST(FuzzyMatches, AnswersEveryQueryOfABatch) {
    std::vector<Message> messages;
    for (int i = 0; i < 50; ++i) messages.push_back(translated("Message number " + std::to_string(i * 1000)));
    std::vector<std::string> ids;
    for (int i = 0; i < 50; ++i) ids.push_back("Message number " + std::to_string(i * 1000) + "!");
    const std::optional<std::string> none;
    std::vector<FuzzyQuery> queries;
    for (const auto& id : ids) queries.push_back({&none, id});
    const auto found = find_fuzzy_matches(messages, queries);
    ASSERT_EQ(found.size(), 50u);
    for (std::size_t i = 0; i < found.size(); ++i) EXPECT_EQ(found[i], i);
}

}  // namespace
}  // namespace tandem::po::detail
