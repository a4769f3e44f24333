#include <gtest/gtest.h>

#include "pipeline/tm/tm.h"

namespace tandem::tm {
namespace {

constexpr const char* k_sentence =
    "Temporary resident permits (<abbr>TRPs</abbr>) remain <a href=\"../x/\">the main avenue</a>.";

TEST(Similarity, IsOneHundredForTheSameTextWhitespaceAside) {
    EXPECT_EQ(similarity(k_sentence, k_sentence), 100);
    EXPECT_EQ(similarity("Temporary  resident\npermits ", " Temporary resident permits"), 100);
    EXPECT_EQ(similarity("", ""), 100);
    EXPECT_EQ(similarity("", " \n"), 100);
}

TEST(Similarity, IsBelowOneHundredWheneverTheNormalizedTextsDiffer) {
    EXPECT_EQ(similarity("a,b", "a, b"), 99);  // the same tokens
    EXPECT_EQ(similarity("Canada", "canada"), 0);
    EXPECT_EQ(similarity("\u00a0", "\u00a0\u00a0"), 99);  // no tokens at all
}

TEST(Similarity, CountsEditsOverTheLongerTokenSequence) {
    struct Row {
        const char* name;
        const char* a;
        const char* b;
        int expected;
    } rows[] = {
        // 15 tokens: Temporary resident permits ( <abbr> TRPs </abbr> ) remain <a> the main avenue </a> .
        {"one word replaced", k_sentence,
         "Temporary resident permits (<abbr>TRPs</abbr>) remain <a href=\"../x/\">the only avenue</a>.", 93},
        {"a link target changed: one token", k_sentence,
         "Temporary resident permits (<abbr>TRPs</abbr>) remain <a href=\"../y/\">the main avenue</a>.", 93},
        {"markup removed: four tokens", k_sentence, "Temporary resident permits (TRPs) remain the main avenue.", 73},
        {"a word added to a 4-word text", "the main avenue here", "the main avenue here today", 80},
        {"nothing in common", "alpha beta", "gamma delta epsilon", 0},
        {"one side empty", "", "words", 0},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        EXPECT_EQ(similarity(row.a, row.b), row.expected);
        EXPECT_EQ(similarity(row.b, row.a), row.expected);  // symmetric
    }
}

}  // namespace
}  // namespace tandem::tm
