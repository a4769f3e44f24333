#include "cms/model/outline.h"

#include <gtest/gtest.h>

#include "tests/support/fixtures.h"

namespace tandem::model {
namespace {

TEST(ReadOutline, ListsBlocksInDocumentOrderWithTheirSection) {
    const auto outline = read_outline(testing::sample_resource("a", "Hello <em>world</em>."));
    ASSERT_TRUE(outline.has_value());
    ASSERT_EQ(outline->blocks.size(), 5u);
    EXPECT_EQ(outline->blocks[0].kind, "title");
    EXPECT_EQ(outline->blocks[4].kind, "p");
    EXPECT_EQ(outline->blocks[4].section, "intro");
    EXPECT_EQ(outline->blocks[4].text, "Hello <em>world</em>.");
}

TEST(DiffOutlines, AnInsertedParagraphIsOneAdditionNotAChangeOfEveryLaterOne) {
    Outline before{{{"s", "p", "one"}, {"s", "p", "two"}, {"s", "p", "three"}}};
    Outline after{{{"s", "p", "one"}, {"s", "p", "new"}, {"s", "p", "two"}, {"s", "p", "three"}}};
    const auto diff = diff_outlines(before, after);
    ASSERT_EQ(diff.blocks.size(), 1u);
    EXPECT_EQ(diff.blocks[0].kind, ChangeKind::added);
    EXPECT_EQ(diff.blocks[0].after, "new");
    ASSERT_EQ(diff.sections.size(), 1u);
    EXPECT_EQ(diff.sections[0].kind, ChangeKind::changed);
}

TEST(DiffOutlines, ReportsChangedRemovedAndAddedSections) {
    Outline before{{{"", "title", "T"}, {"a", "p", "x"}, {"b", "p", "y"}}};
    Outline after{{{"", "title", "T"}, {"a", "p", "x2"}, {"c", "p", "z"}}};
    const auto diff = diff_outlines(before, after);
    ASSERT_EQ(diff.sections.size(), 3u);
    EXPECT_EQ(diff.sections[0].section, "a");
    EXPECT_EQ(diff.sections[0].kind, ChangeKind::changed);
    EXPECT_EQ(diff.sections[1].section, "b");
    EXPECT_EQ(diff.sections[1].kind, ChangeKind::removed);
    EXPECT_EQ(diff.sections[2].section, "c");
    EXPECT_EQ(diff.sections[2].kind, ChangeKind::added);
    EXPECT_EQ(diff.blocks[0].before, "x");
    EXPECT_EQ(diff.blocks[0].after, "x2");
}

TEST(DiffOutlines, SameDocumentsHaveNoChange) {
    const auto outline = read_outline(testing::sample_resource("a")).value();
    EXPECT_TRUE(diff_outlines(outline, outline).empty());
}

}  // namespace
}  // namespace tandem::model
