#include <gtest/gtest.h>

#include "cms/server/http.h"

namespace tandem::server {
namespace {

std::map<std::string, std::string> pages_of(std::size_t bytes) { return {{"en", std::string(bytes, 'e')}, {"fr", "f"}}; }

TEST(PreviewDrafts, APageIsForItsSessionResourceAndLanguageOnly) {
    PreviewDrafts drafts;
    const auto token = drafts.put("session-a", "alpha", {{"en", "<p>en</p>"}, {"fr", "<p>fr</p>"}});
    EXPECT_EQ(drafts.find(token, "session-a", "alpha", "fr"), "<p>fr</p>");
    EXPECT_EQ(drafts.find(token, "session-b", "alpha", "en"), std::nullopt);
    EXPECT_EQ(drafts.find(token, "session-a", "beta", "en"), std::nullopt);
    EXPECT_EQ(drafts.find(token, "session-a", "alpha", "de"), std::nullopt);
    EXPECT_EQ(drafts.find("not-a-token", "session-a", "alpha", "en"), std::nullopt);
}

TEST(PreviewDrafts, TheOldestGoFirstPastTheByteBudget) {
    // Big drafts push the oldest out, so a session posting large texts
    // cannot make the server hold more than the budget.
    PreviewDrafts drafts;
    const std::size_t third = PreviewDrafts::k_most_bytes / 3 + 1;
    const auto first = drafts.put("s", "alpha", pages_of(third));
    const auto second = drafts.put("s", "alpha", pages_of(third));
    const auto third_token = drafts.put("s", "alpha", pages_of(third));
    EXPECT_EQ(drafts.find(first, "s", "alpha", "en"), std::nullopt);
    EXPECT_NE(drafts.find(second, "s", "alpha", "en"), std::nullopt);
    EXPECT_NE(drafts.find(third_token, "s", "alpha", "en"), std::nullopt);
}

TEST(PreviewDrafts, TheOldestGoFirstPastTheCount) {
    PreviewDrafts drafts;
    const auto first = drafts.put("s", "alpha", pages_of(1));
    std::string last;
    for (std::size_t i = 0; i < PreviewDrafts::k_most; ++i) last = drafts.put("s", "alpha", pages_of(1));
    EXPECT_EQ(drafts.find(first, "s", "alpha", "en"), std::nullopt);
    EXPECT_NE(drafts.find(last, "s", "alpha", "en"), std::nullopt);
}

}  // namespace
}  // namespace tandem::server
