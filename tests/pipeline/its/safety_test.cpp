// Where itstool is unsafe, the engine refuses, with a clear error and its
// line and column: XInclude, DTD entities, undefined entities, linked rules
// outside the allowed folders, unbounded or foreign XPath, bad encodings, and
// translations that add script.

#include <gtest/gtest.h>

#include "pipeline/its/its.h"
#include "tests/pipeline/its/support/itstool.h"

namespace fs = std::filesystem;
using namespace tandem;
using namespace tandem::its;
using namespace tandem::its::test;

namespace {

const std::string k_head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

Error extract_error(const std::string& xml, const Rules& rules = Rules()) {
    auto result = extract_segments(xml, rules, "doc.xml");
    EXPECT_FALSE(result) << "expected a refusal";
    return result ? Error{} : result.error();
}

Rules rules_text(const std::string& text, RulesOptions options = {}) {
    const std::vector<RulesFile> files{RulesFile{"test.its", text}};
    auto rules = parse_rules(files, std::move(options));
    EXPECT_TRUE(rules) << describe(rules.error());
    return rules ? *rules : Rules();
}

struct Refusal {
    const char* name;
    std::string xml;
    const char* message;  // a part of the message
    int line;
    int column;
};

}  // namespace

TEST(Safety, RefusedDocumentsNameTheProblemAndWhereItIs) {
    const std::vector<Refusal> rows = {
        {"xinclude",
         k_head + "<doc xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n  <p>a</p>\n  <xi:include href=\"/etc/passwd\" parse=\"text\"/>\n</doc>",
         "XInclude of text (parse=\"text\") is refused", 4, 3},
        {"internal entity",
         k_head + "<!DOCTYPE doc [\n  <!ENTITY lol \"lol\">\n]>\n<doc>&lol;</doc>", "declares an entity", 3, 3},
        {"external entity",
         k_head + "<!DOCTYPE doc [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<doc>&xxe;</doc>",
         "declares an entity", 2, 16},
        {"parameter entity",
         k_head + "<!DOCTYPE doc [\n<!ATTLIST doc a CDATA #IMPLIED>\n%remote;\n]>\n<doc/>", "parameter entit", 4, 1},
        {"undefined entity", k_head + "<doc>\n  <p>caf&eacute;</p>\n</doc>", "undefined entity &eacute;", 3, 9},
        {"bare ampersand", k_head + "<doc><p>salt & pepper</p></doc>", "write &amp;", 2, 14},
        {"invalid utf-8", k_head + "<doc>\n<p>caf\xC3\x28</p></doc>", "invalid UTF-8", 3, 7},
        {"overlong utf-8", k_head + "<doc><p>\xC0\xAF</p></doc>", "invalid UTF-8", 2, 9},
        {"latin-1 declared, utf-8 bytes",
         "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<doc><p>caf\xC3\xA9</p></doc>",
         "declares encoding \"ISO-8859-1\"", 2, 12},
        {"ascii declared, utf-8 bytes", "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n<doc>\xC3\xA9</doc>",
         "declares encoding \"US-ASCII\"", 2, 6},
        {"utf-16 declared, 8-bit bytes", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<doc>a</doc>",
         "its bytes are not in that encoding", 1, 31},
        {"utf-16 byte order mark", std::string("\xFF\xFE<\0d\0", 6), "UTF-16", 1, 1},
        {"control character", k_head + "<doc>a\x01</doc>", "U+0001 is not allowed", 2, 7},
        {"unclosed element", k_head + "<doc>\n  <p>text\n</doc>", "malformed XML: Start-end tags mismatch", 4, 3},
        {"undeclared prefix", k_head + "<doc>\n  <x:p>a</x:p>\n</doc>", "prefix \"x\" is not declared", 3, 3},
        {"repeated attribute", k_head + "<doc a=\"1\" a=\"2\"/>", "appears twice", 2, 1},
        {"'<' in attribute", k_head + "<doc a=\"x<y\"/>", "'<' is not allowed in an attribute value", 2, 10},
        {"two roots", k_head + "<a/>\n<b/>", "second one", 3, 1},
    };
    for (const Refusal& row : rows) {
        SCOPED_TRACE(row.name);
        const Error e = extract_error(row.xml);
        EXPECT_EQ(e.code, ErrorCode::invalid);
        EXPECT_NE(e.message.find(row.message), std::string::npos) << e.message;
        EXPECT_EQ(e.where.file, "doc.xml");
        EXPECT_EQ(e.where.line, row.line) << describe(e);
        EXPECT_EQ(e.where.column, row.column) << describe(e);
    }
}

TEST(Safety, DeepNestingIsRefused) {
    std::string xml = k_head;
    for (int i = 0; i < 300; ++i) xml += "<d>";
    for (int i = 0; i < 300; ++i) xml += "</d>";
    const Error e = extract_error(xml);
    EXPECT_EQ(e.code, ErrorCode::invalid);
    EXPECT_NE(e.message.find("nested deeper than 256"), std::string::npos) << e.message;
}

TEST(Safety, ExternalDtdIsNeverLoaded) {
    // A DOCTYPE naming a DTD is fine as long as nothing needs it: the DTD is
    // not read (a file that does not exist, a URL nothing listens on).
    const std::string xml = k_head +
                            "<!DOCTYPE doc SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"
                            "<doc><p>Hello</p></doc>";
    auto segments = extract_segments(xml, Rules(), "doc.xml");
    ASSERT_TRUE(segments) << describe(segments.error());
    ASSERT_EQ(segments->size(), 1u);
    EXPECT_EQ(segments->front().msgid, "Hello");
}

TEST(Safety, AsciiDocumentDeclaringLatin1IsRead) {
    const std::string xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<doc><p>plain text</p></doc>";
    auto segments = extract_segments(xml, Rules(), "doc.xml");
    ASSERT_TRUE(segments) << describe(segments.error());
    EXPECT_EQ(segments->front().msgid, "plain text");
}

TEST(Safety, LinkedRulesComeOnlyFromAllowedFolders) {
    const fs::path root = fresh_dir("linked-rules");
    fs::create_directories(root / "rules" / "sub");
    fs::create_directories(root / "elsewhere");
    const std::string its =
        "<its:rules xmlns:its=\"http://www.w3.org/2005/11/its\" version=\"2.0\">"
        "<its:translateRule selector=\"//secret\" translate=\"no\"/></its:rules>";
    spit(root / "rules/sub/ok.its", its);
    spit(root / "elsewhere/outside.its", its);
    fs::create_symlink(root / "elsewhere/outside.its", root / "rules/link.its");
    auto doc = [](const std::string& href) {
        return k_head + "<doc>\n <its:rules xmlns:its=\"http://www.w3.org/2005/11/its\" " +
               "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"2.0\" xlink:href=\"" + href +
               "\"/>\n <p>Hello</p><secret>s3cret</secret></doc>";
    };
    const Rules allowed = rules_text(
        "<its:rules xmlns:its=\"http://www.w3.org/2005/11/its\" version=\"2.0\"/>",
        RulesOptions{{root / "rules"}, Builtins::itstool});

    // Inside the allowed folder: applied.
    auto ok = extract_segments(doc("sub/ok.its"), allowed, "doc.xml");
    ASSERT_TRUE(ok) << describe(ok.error());
    ASSERT_EQ(ok->size(), 1u);
    EXPECT_EQ(ok->front().msgid, "Hello");

    struct Row {
        const char* name;
        std::string href;
        ErrorCode code;
        const char* message;
    };
    const std::vector<Row> rows = {
        {"parent folder", "../elsewhere/outside.its", ErrorCode::forbidden, "leaves the allowed rules folder"},
        {"symbolic link out", "link.its", ErrorCode::forbidden, "leaves the allowed rules folder"},
        {"absolute path", (root / "rules/sub/ok.its").string(), ErrorCode::forbidden, "only a relative path"},
        {"url", "http://127.0.0.1:9/rules.its", ErrorCode::forbidden, "only a relative path"},
        {"file url", "file:///etc/passwd", ErrorCode::forbidden, "only a relative path"},
        {"missing", "sub/missing.its", ErrorCode::not_found, "not found"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        auto result = extract_segments(doc(row.href), allowed, "doc.xml");
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, row.code);
        EXPECT_NE(result.error().message.find(row.message), std::string::npos) << result.error().message;
        EXPECT_EQ(result.error().where.line, 3);
        EXPECT_EQ(result.error().where.column, 2);
    }
    // Without any allowed folder, no link at all.
    auto none = extract_segments(doc("sub/ok.its"), Rules(), "doc.xml");
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, ErrorCode::forbidden);
    EXPECT_NE(none.error().message.find("no rules folder is allowed"), std::string::npos);
    fs::remove_all(root);
}

TEST(Safety, SelectorsAreXPathOneWithoutDocumentAndBounded) {
    auto rules_error = [](const std::string& selector) {
        const std::string text = "<its:rules xmlns:its=\"http://www.w3.org/2005/11/its\" version=\"2.0\">\n"
                                 "  <its:translateRule selector=\"" + selector + "\" translate=\"no\"/>\n</its:rules>";
        const std::vector<RulesFile> files{RulesFile{"bad.its", text}};
        auto rules = parse_rules(files);
        EXPECT_FALSE(rules);
        return rules ? Error{} : rules.error();
    };
    struct Row {
        const char* name;
        std::string selector;
        const char* message;
    };
    const std::vector<Row> rows = {
        {"document()", "document('http://127.0.0.1:9/x.xml')//p", "function document() is not allowed"},
        {"xslt function", "//p[generate-id() = 'x']", "function generate-id() is not allowed"},
        {"extension function", "//p[exsl:node-set(.)]", "is not allowed"},
        {"too long", "//p" + std::string(17000, ' '), "longer than 16384"},
        {"too nested", std::string(40, '(') + "//p" + std::string(40, ')'), "nested deeper than 32"},
        {"unknown prefix", "//db:para", "prefix \"db\" is not declared"},
        {"not XPath", "//p[", "unbalanced brackets"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        const Error e = rules_error(row.selector);
        EXPECT_EQ(e.code, ErrorCode::invalid);
        EXPECT_NE(e.message.find(row.message), std::string::npos) << e.message;
        EXPECT_EQ(e.where.file, "bad.its");
        EXPECT_EQ(e.where.line, 2);
        EXPECT_EQ(e.where.column, 3);
    }
}

TEST(Safety, CostlySelectorIsRefusedOnALargeDocument) {
    // Searches nested in predicates cost N^3 on a document of N nodes.
    const Rules rules = rules_text(
        "<its:rules xmlns:its=\"http://www.w3.org/2005/11/its\" version=\"2.0\">\n"
        "  <its:translateRule selector=\"//*[count(//*[count(//*) &gt; 1]) &gt; 1]\" translate=\"no\"/>\n"
        "</its:rules>");
    std::string small = k_head + "<doc><p>a</p></doc>";
    EXPECT_TRUE(extract_segments(small, rules, "doc.xml"));
    std::string large = k_head + "<doc>";
    for (int i = 0; i < 1000; ++i) large += "<p>paragraph</p>";
    large += "</doc>";
    auto result = extract_segments(large, rules, "doc.xml");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::invalid);
    EXPECT_NE(result.error().message.find("too costly for a document of 1001 nodes"), std::string::npos)
        << result.error().message;
    EXPECT_EQ(result.error().where.file, "test.its");
    EXPECT_EQ(result.error().where.line, 2);
}

TEST(Safety, InDocumentRulesAreCheckedToo) {
    const std::string xml = k_head +
                            "<doc xmlns:its=\"http://www.w3.org/2005/11/its\">\n"
                            "  <its:rules version=\"2.0\">\n"
                            "    <its:translateRule selector=\"document('x')\" translate=\"no\"/>\n"
                            "  </its:rules>\n  <p>a</p>\n</doc>";
    const Error e = extract_error(xml);
    EXPECT_EQ(e.code, ErrorCode::invalid);
    EXPECT_NE(e.message.find("document() is not allowed"), std::string::npos);
    EXPECT_EQ(e.where.line, 4);
    EXPECT_EQ(e.where.column, 5);
}

TEST(Safety, TranslationsAddingScriptAreNeverMerged) {
    const std::string xml = k_head +
                            "<resource xmlns=\"urn:tandem:resource:1\" xml:lang=\"en\">\n"
                            "  <title>Read <a href=\"https://example.org/\">this</a></title>\n"
                            "  <p>Plain text.</p>\n</resource>";
    const std::vector<fs::path> files{source_dir() / "cms/model/schema/resource.its"};
    auto rules = read_rules(files);
    ASSERT_TRUE(rules) << describe(rules.error());
    struct Row {
        const char* name;
        std::string msgid;
        std::string msgstr;
        const char* detail;
    };
    const std::string link = "Read <a href=\"https://example.org/\">this</a>";
    const std::vector<Row> rows = {
        {"script element", "Plain text.", "Texte <script>alert(1)</script>simple.", "a <script> element"},
        {"event attribute", link, "Lisez <a href=\"https://example.org/\" onclick=\"steal()\">ceci</a>",
         "the event attribute onclick"},
        {"javascript link", link, "Lisez <a href=\"javascript:alert(1)\">ceci</a>", "the link href=\"javascript:alert(1)\""},
        {"obfuscated javascript link", link, "Lisez <a href=\"  JaVa&#9;ScRiPt:alert(1)\">ceci</a>", "the link href="},
        {"data link", link, "Lisez <a href=\"data:text/html;base64,PHNjcmlwdD4=\">ceci</a>", "the link href=\"data:"},
        {"iframe", "Plain text.", "Texte <iframe src=\"https://evil.example/\"/> simple.", "a <iframe> element"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        const Lookup lookup = [&](const std::optional<std::string>&, std::string_view msgid) -> std::optional<std::string> {
            if (msgid == row.msgid) return row.msgstr;
            return std::nullopt;
        };
        auto merged = merge_translations(xml, *rules, lookup, "fr");
        ASSERT_TRUE(merged) << describe(merged.error());
        ASSERT_EQ(merged->rejected.size(), 1u);
        const Rejection& r = merged->rejected.front();
        EXPECT_EQ(r.reason, RejectReason::unsafe_markup);
        EXPECT_STREQ(reason_code(r.reason), "unsafe-markup");
        EXPECT_EQ(r.msgid, row.msgid);
        EXPECT_NE(r.detail.find(row.detail), std::string::npos) << r.detail;
        EXPECT_EQ(merged->xml.find("script"), std::string::npos);
        EXPECT_EQ(merged->xml.find("onclick"), std::string::npos);
        EXPECT_EQ(merged->xml.find("data:"), std::string::npos);
        EXPECT_EQ(merged->xml.find("iframe"), std::string::npos);
        EXPECT_NE(merged->xml.find(row.msgid == link ? "<title>Read <a" : "<p>Plain text.</p>"), std::string::npos)
            << merged->xml;
    }
}
