#include "cms/core/word_diff.h"

#include <gtest/gtest.h>

namespace tandem {
namespace {

std::string render(const std::vector<DiffPiece>& pieces) {
    std::string out;
    for (const auto& p : pieces) {
        if (p.op == DiffOp::equal) out += p.text;
        if (p.op == DiffOp::removed) out += "[-" + p.text + "-]";
        if (p.op == DiffOp::added) out += "{+" + p.text + "+}";
    }
    return out;
}

TEST(WordDiff, MarksTheChangedWordsOnly) {
    EXPECT_EQ(render(word_diff("The CCR urges Canadians to act.", "The CCR urges everyone in Canada to act.")),
              "The CCR urges [-Canadians -]{+everyone in Canada +}to act.");
}

TEST(WordDiff, TagsAreWholeWords) {
    EXPECT_EQ(render(word_diff("Read <em>the</em> report", "Read <strong>the</strong> report")),
              "Read [-<em>-]{+<strong>+}the[-</em> -]{+</strong> +}report");
}

TEST(WordDiff, SameTextIsOneEqualPieceAndEmptySidesWork) {
    ASSERT_EQ(word_diff("a b c", "a b c").size(), 1u);
    EXPECT_EQ(render(word_diff("", "new text")), "{+new text+}");
    EXPECT_EQ(render(word_diff("old text", "")), "[-old text-]");
}

}  // namespace
}  // namespace tandem
