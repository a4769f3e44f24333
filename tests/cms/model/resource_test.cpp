#include "cms/model/resource.h"

#include <gtest/gtest.h>

#include "tests/support/fixtures.h"

namespace tandem::model {
namespace {

const Schema& schema() {
    static const Schema s = load_schema(default_schema_path(testing::source_dir())).value();
    return s;
}

TEST(ValidateResource, AcceptsAValidDocumentAndReadsItsInfo) {
    const auto info = validate_resource(schema(), testing::sample_resource("trp-report", "Some <em>text</em>."));
    ASSERT_TRUE(info.has_value()) << describe(info.error());
    EXPECT_EQ(info->id, "trp-report");
    EXPECT_EQ(info->type, "report");
    EXPECT_EQ(info->source_lang, Lang::en);
    EXPECT_EQ(info->title, "Sample trp-report");
}

TEST(ValidateResource, RejectsMistakesWithLineColumnAndWhatWasExpected) {
    struct Row {
        const char* name;
        std::string xml;
        int line;
        int column;
        const char* says;
    };
    const std::string good = testing::sample_resource("a");
    auto replace = [&](const std::string& from, const std::string& to) {
        std::string s = good;
        s.replace(s.find(from), from.size(), to);
        return s;
    };
    const Row rows[] = {
        {"unclosed tag", replace("<p>First paragraph.</p>", "<p>First paragraph."), 10, 15, "mismatch"},
        {"unknown element", replace("<p>First", "<para>x</para><p>First"), 9, 7, "para"},
        {"bad type", replace("type=\"report\"", "type=\"novel\""), 2, 1, "resource"},
        {"javascript link", replace("First paragraph.", "<a href=\"javascript:alert(1)\">x</a>"), 9, 10, "a"},
        {"missing title", replace("  <title>Sample a</title>\n", ""), 3, 3, "summary"},
        {"doctype", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x \"y\">]>\n" + good.substr(good.find("<resource")), 2, 1, "DOCTYPE"},
        {"latin1 declared", replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\""), 1, 21, "UTF-8"},
        {"invalid utf-8", replace("First", "Fi\xff" "rst"), 9, 12, "UTF-8"},
        {"list item outside a list", replace("<p>First paragraph.</p>", "<li>x</li>"), 9, 7, "li"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.name);
        const auto result = validate_resource(schema(), row.xml, "doc.xml");
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().code, ErrorCode::invalid);
        EXPECT_EQ(result.error().where.file, "doc.xml");
        EXPECT_EQ(result.error().where.line, row.line) << result.error().message;
        EXPECT_EQ(result.error().where.column, row.column) << result.error().message;
        EXPECT_NE(result.error().message.find(row.says), std::string::npos) << result.error().message;
    }
}

TEST(ValidateResource, AnAttachmentIsAPlainFileUnderFiles) {
    const std::string good = testing::sample_resource("a");
    auto with_file = [&](const std::string& href) {
        std::string s = good;
        const std::string meta = "<meta><scope>canadian</scope><topic>protection</topic>";
        s.replace(s.find(meta), meta.size(), meta + "<file href=\"" + href + "\" lang=\"en\" format=\"pdf\"/>");
        return s;
    };
    for (const std::string href : {"files/report.pdf", "files/a-b_c.2024.pdf", "files/README"}) {
        SCOPED_TRACE(href);
        const auto result = validate_resource(schema(), with_file(href));
        EXPECT_TRUE(result.has_value()) << describe(result.error());
    }
    // The site would refuse these at publish time, for the whole release.
    for (const std::string href : {"files/..", "files/...pdf", "files/a..pdf", "files/.hidden", "files/a.", "files/a/b.pdf", "files/"}) {
        SCOPED_TRACE(href);
        const auto result = validate_resource(schema(), with_file(href), "doc.xml");
        ASSERT_FALSE(result.has_value());
        EXPECT_NE(result.error().message.find("href"), std::string::npos) << describe(result.error());
        EXPECT_EQ(result.error().where.line, 5) << describe(result.error());
        EXPECT_GT(result.error().where.column, 0) << describe(result.error());
    }
}

TEST(ValidateResource, SectionIdsAreUnique) {
    std::string xml = testing::sample_resource("a");
    const std::string end = "    </section>\n";
    xml.replace(xml.find(end) + end.size(), 0, "    <section id=\"other\">\n      <h>Other</h>\n    </section>\n"
                                                "    <section id=\"intro\">\n      <h>Again</h>\n    </section>\n");
    const auto result = validate_resource(schema(), xml, "doc.xml");
    ASSERT_FALSE(result.has_value());
    EXPECT_NE(result.error().message.find("\"intro\" is used twice"), std::string::npos) << result.error().message;
    EXPECT_EQ(result.error().where.line, 14);
    EXPECT_EQ(result.error().where.column, 5);
}

TEST(ValidateResource, TheSchemaFileItselfDecides) {
    // A schema that allows nothing but <x/> rejects a good document: validity
    // comes from the file, not from rules coded by hand.
    testing::TempDir dir;
    const auto rng = dir.path() / "tiny.rng";
    FILE* f = std::fopen(rng.c_str(), "w");
    std::fputs("<element name=\"x\" xmlns=\"http://relaxng.org/ns/structure/1.0\"><empty/></element>", f);
    std::fclose(f);
    const auto tiny = load_schema(rng);
    ASSERT_TRUE(tiny.has_value());
    EXPECT_FALSE(validate_resource(*tiny, testing::sample_resource("a")).has_value());
    EXPECT_TRUE(validate_resource(*tiny, "<x/>").has_value());
}

TEST(LoadSchema, ReportsAMissingFile) {
    const auto result = load_schema("/nonexistent/schema.rng");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace tandem::model
