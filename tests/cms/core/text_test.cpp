#include "cms/core/text.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

namespace tandem {
namespace {

TEST(PositionAt, CountsLinesAndCharactersNotBytes) {
    const std::string text = "ab\nçé x";
    const auto pos = position_at(text, text.find('x'));
    EXPECT_EQ(pos.line, 2);
    EXPECT_EQ(pos.column, 4);
}

TEST(CheckUtf8, AcceptsWellFormedText) {
    EXPECT_TRUE(check_utf8("« personnes victimes de la traite » 🙂", "t").has_value());
}

TEST(CheckUtf8, RejectsBadSequencesWithTheirPosition) {
    struct Row { const char* name; std::string text; int line; int column; };
    const Row rows[] = {
        {"stray continuation", "ok\nab\x80", 2, 3},
        {"overlong slash", "\xC0\xAF", 1, 1},
        {"surrogate", "x\xED\xA0\x80", 1, 2},
        {"truncated", "abc\xE2\x82", 1, 4},
        {"latin1", "caf\xE9!", 1, 4},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.name);
        const auto result = check_utf8(row.text, "doc.xml");
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().where.line, row.line);
        EXPECT_EQ(result.error().where.column, row.column);
        EXPECT_EQ(result.error().where.file, "doc.xml");
    }
}

TEST(WriteFileAtomic, ReplacesContentAndLeavesNoTemporaryFile) {
    const auto dir = std::filesystem::temp_directory_path() / ("tandem-text-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "f.txt";
    ASSERT_TRUE(write_file_atomic(file, "one").has_value());
    ASSERT_TRUE(write_file_atomic(file, "two").has_value());
    EXPECT_EQ(read_file(file).value(), "two");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
    EXPECT_EQ(read_file(dir / "missing").error().code, ErrorCode::not_found);
    std::filesystem::remove_all(dir);
}

TEST(OffsetAt, InvertsPositionAt) {
    const std::string text = "ab\nçé x\n\nlast";
    for (std::size_t offset = 0; offset <= text.size(); ++offset) {
        if (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) continue;
        const Position pos = position_at(text, offset);
        EXPECT_EQ(offset_at(text, pos.line, pos.column), offset) << pos.line << ":" << pos.column;
    }
    EXPECT_EQ(offset_at(text, 1, 99), 2u);   // past the end of a line: its end
    EXPECT_EQ(offset_at(text, 9, 1), text.size());
}

}  // namespace
TEST(AsciiCase, ComparesProtocolTokensIgnoringAsciiCaseOnly) {
    EXPECT_TRUE(equals_ignoring_ascii_case("Chunked", "chunked"));
    EXPECT_FALSE(equals_ignoring_ascii_case("chunked ", "chunked"));
    EXPECT_FALSE(equals_ignoring_ascii_case("\xC3\x89", "\xC3\xA9")) << "not Unicode case";
    EXPECT_TRUE(starts_with_ignoring_ascii_case("HTTPS://x", "https://"));
    EXPECT_TRUE(starts_with_ignoring_ascii_case("multipart/form-data", "Multipart/"));
    EXPECT_FALSE(starts_with_ignoring_ascii_case("http", "https://"));
}

}  // namespace tandem
