#include <gtest/gtest.h>

#include "pipeline/po/catalog.h"

namespace tandem::po {
namespace {

Catalog with_header(std::string header) {
    Catalog c;
    c.header = std::move(header);
    return c;
}

TEST(HeaderField, FindsAFieldAtALineStart) {
    const Catalog c = with_header("Project-Id-Version: tandem\nLanguage: fr\nX-Language: en\n");
    EXPECT_EQ(header_field(c, "Language"), "fr");
    EXPECT_EQ(header_field(c, "X-Language"), "en");
    EXPECT_EQ(header_field(c, "Project-Id-Version"), "tandem");
    EXPECT_FALSE(header_field(c, "Last-Translator"));
    EXPECT_FALSE(header_field(c, "language"));  // case matters, as in po_header_field
}

TEST(HeaderField, ReadsAnEmptyValueAndALastLineWithoutNewline) {
    const Catalog c = with_header("Report-Msgid-Bugs-To: \nLanguage: fr");
    EXPECT_EQ(header_field(c, "Report-Msgid-Bugs-To"), "");
    EXPECT_EQ(header_field(c, "Language"), "fr");
}

TEST(SetHeaderField, ReplacesTheValueInPlace) {
    Catalog c = with_header("Language: en\nLast-Translator: A <a@x>\n");
    set_header_field(c, "Language", "fr");
    EXPECT_EQ(c.header, "Language: fr\nLast-Translator: A <a@x>\n");
}

TEST(SetHeaderField, AppendsAMissingField) {
    Catalog c = with_header("Language: fr");
    set_header_field(c, "PO-Revision-Date", "2024-05-01 10:00+0000");
    EXPECT_EQ(c.header, "Language: fr\nPO-Revision-Date: 2024-05-01 10:00+0000\n");
    Catalog empty = with_header("");
    empty.has_header = false;
    set_header_field(empty, "Language", "fr");
    EXPECT_TRUE(empty.has_header);
    EXPECT_EQ(empty.header, "Language: fr\n");
}

}  // namespace
}  // namespace tandem::po
