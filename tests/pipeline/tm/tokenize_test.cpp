#include "pipeline/tm/tokenize.h"

#include <gtest/gtest.h>

namespace tandem::tm::detail {
namespace {

std::vector<std::string> tokens_of(std::string_view text) {
    const std::string normalized = normalize_whitespace(text);
    std::vector<std::string> out;
    for (const auto t : tokenize(normalized)) out.emplace_back(t);
    return out;
}

TEST(NormalizeWhitespace, CollapsesRunsAndTrimsEnds) {
    EXPECT_EQ(normalize_whitespace("  a \t\n b\r\n"), "a b");
    EXPECT_EQ(normalize_whitespace(" \n\t "), "");
    EXPECT_EQ(normalize_whitespace("a\u00a0 b"), "a\u00a0 b");  // a no-break space is text
}

TEST(NormalizedHash, IsTheHashOfTheNormalizedText) {
    EXPECT_EQ(normalized_hash("  a \t b "), normalized_hash("a b"));
    EXPECT_NE(normalized_hash("a b"), normalized_hash("ab"));
}

TEST(Tokenize, MakesOneTokenOfEachTagWithItsAttributes) {
    EXPECT_EQ(tokens_of(R"(remain <a href="../x/">the main avenue</a>.)"),
              (std::vector<std::string>{"remain", R"(<a href="../x/">)", "the", "main", "avenue", "</a>", "."}));
    EXPECT_EQ(tokens_of("a<br/>b"), (std::vector<std::string>{"a", "<br/>", "b"}));
}

TEST(Tokenize, MakesOneTokenOfEachReference) {
    EXPECT_EQ(tokens_of("Femmes &amp; Migration&#8217;s"),
              (std::vector<std::string>{"Femmes", "&amp;", "Migration", "&#8217;", "s"}));
    EXPECT_EQ(tokens_of("R&D"), (std::vector<std::string>{"R", "&", "D"}));
}

TEST(Tokenize, SplitsFrenchPunctuationFromWords) {
    EXPECT_EQ(tokens_of("l’accès à la « protection » — déjà"),
              (std::vector<std::string>{"l", "’", "accès", "à", "la", "«", "protection", "»", "—", "déjà"}));
    EXPECT_EQ(tokens_of("4\u00a0333 appels\u202f!"), (std::vector<std::string>{"4", "333", "appels", "!"}));
}

TEST(Tokenize, ToleratesStrayMarkupCharactersAndBadBytes) {
    EXPECT_EQ(tokens_of("a < b > c"), (std::vector<std::string>{"a", "< b >", "c"}));
    EXPECT_EQ(tokens_of("a <b"), (std::vector<std::string>{"a", "<", "b"}));
    EXPECT_EQ(tokens_of("x\xff"
                        "y"),
              (std::vector<std::string>{"x", "\xff", "y"}));
}

}  // namespace
}  // namespace tandem::tm::detail
