#include "cms/core/ids.h"

#include <gtest/gtest.h>

#include <vector>

namespace tandem {
namespace {

TEST(CheckResourceId, AcceptsLowercaseWordsJoinedByHyphens) {
    for (const char* id : {"a", "trp-limits-to-protection", "faq-2024", "x1-y2-z3"}) {
        SCOPED_TRACE(id);
        EXPECT_TRUE(check_resource_id(id).has_value());
    }
}

TEST(CheckResourceId, RejectsAnythingThatCouldBecomeAPath) {
    const std::string too_long(65, 'a');
    for (const std::string& id : std::vector<std::string>{"", "..", ".", "a/b", "../etc", "A", "a--b", "-a", "a-", "a b",
                                 "a\\b", "é", std::string("a\0b", 3), too_long}) {
        SCOPED_TRACE(id);
        const auto result = check_resource_id(id);
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().code, ErrorCode::invalid);
    }
}

TEST(CheckResourceId, RefusesTheNamesOfTheSitesOwnFolders) {
    for (const char* id : {"type", "topic", "scope", "sujet", "portee", "index", "feeds", "static"}) {
        SCOPED_TRACE(id);
        const auto result = check_resource_id(id);
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().code, ErrorCode::invalid);
        EXPECT_NE(result.error().message.find("the published site uses that name"), std::string::npos)
            << result.error().message;
        EXPECT_TRUE(check_token(id).has_value()) << "a category token may use it";
    }
    for (const char* id : {"types", "static-files", "index-2024", "feeds-guide"}) {
        SCOPED_TRACE(id);
        EXPECT_TRUE(check_resource_id(id).has_value());
    }
}

TEST(CheckToken, FollowsTheSameWordRuleAsIds) {
    for (const char* token : {"", "A", "a--b", "a/b", ".."}) {
        SCOPED_TRACE(token);
        const auto result = check_token(token);
        ASSERT_FALSE(result.has_value());
        EXPECT_NE(result.error().message.find("invalid token"), std::string::npos) << result.error().message;
    }
}

TEST(Lang, ParsesOnlyTheTwoOfficialLanguages) {
    EXPECT_EQ(parse_lang("en"), Lang::en);
    EXPECT_EQ(parse_lang("fr"), Lang::fr);
    EXPECT_FALSE(parse_lang("de").has_value());
    EXPECT_EQ(other_lang(Lang::en), Lang::fr);
    EXPECT_STREQ(lang_code(Lang::fr), "fr");
}

}  // namespace
}  // namespace tandem
