#include <gtest/gtest.h>

#include "pipeline/tm/tm.h"

namespace tandem::tm {
namespace {

Entry entry(std::string source, std::string translation, std::string resource, Lang lang = Lang::en) {
    return Entry{std::move(source), std::move(translation), lang, Origin{std::move(resource), "rev1"}};
}

TEST(BuildMemory, LeavesOutUntranslatedAndEmptySources) {
    const Memory memory = build_memory(
        {entry("Hello world", "", "a"), entry(" \n", "Rien", "a"), entry("Hello world", "Bonjour le monde", "b")});
    const MemoryStats stats = memory_stats(memory);
    EXPECT_EQ(stats.entries, 1u);
    EXPECT_EQ(stats.sources, 1u);
    EXPECT_EQ(lookup(memory, "Hello world", Lang::en).size(), 1u);
}

TEST(BuildMemory, GroupsSourcesWhitespaceAsideAndTranslationsWithTheirOrigins) {
    const Memory memory = build_memory({entry("Hello  world", "Bonjour", "a"), entry("Hello world", "Bonjour", "b"),
                                        entry("Hello world\n", "Salut", "c"), entry("Hello world", "Bonjour", "b")});
    const MemoryStats stats = memory_stats(memory);
    EXPECT_EQ(stats.entries, 4u);
    EXPECT_EQ(stats.sources, 1u);
    EXPECT_EQ(stats.translations, 2u);
    const auto matches = lookup(memory, "Hello world", Lang::en);
    ASSERT_EQ(matches.size(), 2u);
    // The same (resource, revision) twice is one origin.
    EXPECT_EQ(matches[0].origins, (std::vector<Origin>{{"a", "rev1"}, {"b", "rev1"}}));
    EXPECT_EQ(matches[0].source, "Hello  world");  // as stored by the first origin
}

TEST(BuildMemory, ReportsItsSize) {
    const Memory memory = build_memory({entry("one two three", "un deux trois", "a")});
    const MemoryStats stats = memory_stats(memory);
    EXPECT_EQ(stats.tokens, 3u);
    EXPECT_EQ(stats.keys, 4u);  // (edge, one) (one, two) (two, three) (three, edge)
    EXPECT_EQ(stats.postings, 4u);
    EXPECT_GT(stats.bytes, 0u);
}

TEST(BuildMemory, AnEmptyMemoryFindsNothing) {
    EXPECT_TRUE(lookup(Memory(), "anything", Lang::en).empty());
    EXPECT_TRUE(lookup(build_memory({}), "anything", Lang::fr).empty());
    EXPECT_TRUE(lookup_exhaustive(Memory(), "anything", Lang::en).empty());
}

}  // namespace
}  // namespace tandem::tm
