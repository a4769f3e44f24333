// extract_segments: what becomes a segment, and how its msgid, msgctxt and
// comments are written (itstool's conventions).

#include <gtest/gtest.h>

#include "pipeline/its/its.h"
#include "tests/pipeline/its/support/itstool.h"

namespace fs = std::filesystem;
using namespace tandem;
using namespace tandem::its;
using namespace tandem::its::test;

namespace {

const std::string k_its = "xmlns:its=\"http://www.w3.org/2005/11/its\"";

Rules resource_rules() {
    const std::vector<fs::path> files{source_dir() / "cms/model/schema/resource.its"};
    auto rules = read_rules(files);
    EXPECT_TRUE(rules) << describe(rules.error());
    return rules ? *rules : Rules();
}

Rules rules_text(const std::string& body) {
    const std::vector<RulesFile> files{
        RulesFile{"test.its", "<its:rules " + k_its + " xmlns:itst=\"http://itstool.org/extensions/\" version=\"2.0\">" +
                                  body + "</its:rules>"}};
    auto rules = parse_rules(files);
    EXPECT_TRUE(rules) << describe(rules.error());
    return rules ? *rules : Rules();
}

std::vector<model::Segment> extract(const std::string& xml, const Rules& rules = Rules(),
                                    const DocumentOptions& options = {}) {
    auto segments = extract_segments(xml, rules, "doc.xml", options);
    EXPECT_TRUE(segments) << describe(segments.error());
    return segments ? *segments : std::vector<model::Segment>();
}

std::vector<std::string> msgids(const std::vector<model::Segment>& segments) {
    std::vector<std::string> out;
    for (const auto& s : segments) out.push_back(s.msgid);
    return out;
}

std::string resource(const std::string& body) {
    return "<resource xmlns=\"urn:tandem:resource:1\" " + k_its + " xml:lang=\"en\">" + body + "</resource>";
}

}  // namespace

TEST(ExtractSegments, InlineMarkupStaysInItsSegmentWithPrefixesAndAttributes) {
    const auto segments = extract(
        "<doc xmlns:x=\"urn:x\"><p>A <x:b k=\"1 &amp; &quot;2&quot;\">bold</x:b> and <i/> end.</p></doc>",
        rules_text("<its:withinTextRule selector=\"//*[local-name()='b' or local-name()='i']\" withinText=\"yes\"/>"));
    ASSERT_EQ(segments.size(), 1u);
    EXPECT_EQ(segments[0].msgid, "A <x:b k=\"1 &amp; &quot;2&quot;\">bold</x:b> and <i/> end.");
    EXPECT_EQ(segments[0].comments, std::vector<std::string>{"(itstool) path: doc/p"});
    EXPECT_EQ(segments[0].references, std::vector<std::string>{"doc.xml:1"});
}

TEST(ExtractSegments, UntranslatableAndNestedUnitsBecomeNumberedPlaceholders) {
    const auto segments = extract(resource("<summary>See <span its:translate=\"no\">CCR</span> and "
                                           "<abbr>TRP</abbr>: <meta>x</meta></summary>"),
                                  resource_rules());
    ASSERT_EQ(segments.size(), 1u);
    EXPECT_EQ(segments[0].msgid, "See <_:span-1/> and <abbr>TRP</abbr>: <_:meta-2/>");
}

TEST(ExtractSegments, WhitespaceCollapsesAsPythonDoesUnlessPreserved) {
    const auto segments =
        extract(resource("<p>  two\n\tlines&#160;and&#x2003;spaces  </p><p xml:space=\"preserve\">  kept\n  as is </p>"),
                resource_rules());
    ASSERT_EQ(segments.size(), 2u);
    // U+00A0 and U+2003 are whitespace to Python's re, so itstool collapses them.
    EXPECT_EQ(segments[0].msgid, "two lines and spaces");
    EXPECT_TRUE(segments[0].flags.empty());
    EXPECT_EQ(segments[1].msgid, "  kept\n  as is ");
    EXPECT_EQ(segments[1].flags, std::vector<std::string>{"no-wrap"});
}

TEST(ExtractSegments, DuplicatesMergeIntoTheFirstWithAllReferences) {
    const auto segments = extract(resource("\n<p>Same</p>\n<h>Other</h>\n<p>Same</p>"), resource_rules());
    ASSERT_EQ(segments.size(), 2u);
    EXPECT_EQ(segments[0].msgid, "Same");
    EXPECT_EQ(segments[0].references, (std::vector<std::string>{"doc.xml:2", "doc.xml:4"}));
    EXPECT_EQ(segments[0].comments, std::vector<std::string>{"(itstool) path: resource/p"});
}

TEST(ExtractSegments, UnitsNestedInAUnitComeFirstAsItstoolWritesThem) {
    const auto segments = extract(resource("<ul><li>Outer <ul><li>inner</li></ul></li></ul>"), resource_rules());
    EXPECT_EQ(msgids(segments), (std::vector<std::string>{"inner", "Outer <_:ul-1/>"}));
}

TEST(ExtractSegments, LocalizationNotesBecomeExtractedComments) {
    const std::string long_note =
        "Keep the official name of the program, which the government uses in every document it publishes.";
    const auto segments = extract(resource("<p its:locNote=\"" + long_note + "\">A <abbr its:locNote=\"Inline\">CCR</abbr> note</p>"),
                                  resource_rules());
    ASSERT_EQ(segments.size(), 1u);
    EXPECT_EQ(segments[0].comments,
              (std::vector<std::string>{
                  "(itstool) path: resource/p",
                  "Keep the official name of the program, which the government uses in",
                  "every document it publishes.",
                  "",
                  "(itstool) comment: ./abbr",
                  "Inline",
                  "",
                  "(itstool) comment: ./abbr",
                  "Abbreviation: keep it, or use the one official in the target language.",
              }));
}

TEST(ExtractSegments, NotesAreInheritedByUnitsAndPointersAreFollowed) {
    const auto segments = extract(
        "<doc " + k_its + "><body its:locNote=\"For the whole body\"><p>One</p></body>"
        "<msg><note>Say it kindly.</note><text>Two</text></msg></doc>",
        rules_text("<its:translateRule selector=\"//note\" translate=\"no\"/>"
                   "<its:locNoteRule selector=\"//text\" locNotePointer=\"../note\"/>"));
    // A unit with only placeholders and blanks (msg, doc) has no text: no segment.
    ASSERT_EQ(segments.size(), 2u);
    EXPECT_EQ(segments[0].comments, (std::vector<std::string>{"(itstool) path: body/p", "For the whole body"}));
    EXPECT_EQ(segments[1].comments, (std::vector<std::string>{"(itstool) path: msg/text", "Say it kindly."}));
}

TEST(ExtractSegments, ContextRulesGiveMsgctxt) {
    const std::vector<fs::path> files{"/usr/share/itstool/its/mallard.its"};
    if (!fs::exists(files[0])) GTEST_SKIP() << "itstool's mallard.its is not installed";
    auto rules = read_rules(files);
    ASSERT_TRUE(rules) << describe(rules.error());
    const auto segments = extract("<page xmlns=\"http://projectmallard.org/1.0/\"><info>"
                                  "<title type=\"link\" role=\"trail\">Home</title><title type=\"sort\">home</title>"
                                  "</info><title>Home</title></page>",
                                  *rules);
    ASSERT_EQ(segments.size(), 4u);
    EXPECT_EQ(segments[0].msgctxt, std::optional<std::string>("_"));
    EXPECT_EQ(segments[0].msgid, "translator-credits");  // mallard.its has itst:credits
    EXPECT_EQ(segments[1].msgctxt, std::optional<std::string>("link:trail"));
    EXPECT_EQ(segments[2].msgctxt, std::optional<std::string>("sort"));
    EXPECT_EQ(segments[3].msgctxt, std::nullopt);
    EXPECT_EQ(segments[3].msgid, "Home");
}

TEST(ExtractSegments, IdsAndTheRootPathNameTheFile) {
    const auto segments = extract("<doc xml:id=\"top\">Root text <p xml:id=\"intro\">Hi</p></doc>");
    ASSERT_EQ(segments.size(), 2u);
    EXPECT_EQ(segments[0].comments, (std::vector<std::string>{"(itstool) path: doc/p", "(itstool) id: doc.xml#intro"}));
    EXPECT_EQ(segments[1].msgid, "Root text <_:p-1/>");
    EXPECT_EQ(segments[1].comments, (std::vector<std::string>{"(itstool) path: doc.xml/doc", "(itstool) id: doc.xml#top"}));
}

TEST(ExtractSegments, RulesInsideTheDocumentWithParametersApply) {
    const auto segments = extract("<doc><its:rules " + k_its + " version=\"2.0\"><its:param name=\"skip\">b</its:param>"
                                  "<its:translateRule selector=\"//p[@id=$skip]\" translate=\"no\"/></its:rules>"
                                  "<p id=\"a\">Keep</p><p id=\"b\">Skip</p></doc>");
    EXPECT_EQ(msgids(segments), std::vector<std::string>{"Keep"});
}

TEST(ExtractSegments, TranslatableAttributesAreSegmentsOfTheirOwn) {
    const auto segments = extract("<doc><img alt=\"A  picture\" src=\"p.png\"/><p title=\"Tip\">Text</p></doc>",
                                  rules_text("<its:translateRule selector=\"//@alt | //@title\" translate=\"yes\"/>"));
    EXPECT_EQ(msgids(segments), (std::vector<std::string>{"A picture", "Tip", "Text"}));
    EXPECT_EQ(segments[0].comments, std::vector<std::string>{"(itstool) path: doc/img@alt"});
}

TEST(ExtractSegments, DroppedAndFilteredElementsLeaveNoTrace) {
    const auto segments = extract(
        "<doc xmlns:itst=\"http://itstool.org/extensions/\" " + k_its + "><p>A<remark>x</remark>B</p>"
        "<p itst:drop=\"yes\">Gone</p><p its:localeFilterList=\"\">None</p><note>dropped too</note></doc>",
        rules_text("<its:localeFilterRule selector=\"//remark\" localeFilterList=\"\"/>"
                   "<itst:dropRule selector=\"//note\" drop=\"yes\"/>"));
    EXPECT_EQ(msgids(segments), (std::vector<std::string>{"AB"}));
}

TEST(ExtractSegments, ExternalResourcesCarryTheFilesMd5) {
    const Rules rules = rules_text("<its:externalResourceRefRule selector=\"//img\" externalResourceRefPointer=\"@src\"/>");
    const std::string xml = "<doc><p>See <img src=\"a.png\"/></p></doc>";
    DocumentOptions options;
    options.read_external = [](std::string_view href) -> std::optional<std::string> {
        if (href == "a.png") return std::string("abc");
        return std::nullopt;
    };
    const auto with_file = extract(xml, rules, options);
    ASSERT_EQ(with_file.size(), 2u);
    EXPECT_EQ(with_file[0].msgctxt, std::optional<std::string>("_"));
    EXPECT_EQ(with_file[0].msgid, "external ref='a.png' md5='900150983cd24fb0d6963f7d28e17f72'");
    EXPECT_EQ(with_file[0].comments[0], "(itstool) path: p/img");
    const auto without = extract(xml, rules);
    EXPECT_EQ(without[0].msgid, "external ref='a.png' md5='__failed__'");
}

TEST(ExtractSegments, LaterRulesOverrideEarlierOnesAndLocalMarkupWins) {
    const std::vector<RulesFile> files{
        RulesFile{"first.its", "<its:rules " + k_its + " version=\"2.0\"><its:translateRule selector=\"//p\" translate=\"no\"/></its:rules>"},
        RulesFile{"second.its", "<its:rules " + k_its + " version=\"2.0\"><its:translateRule selector=\"//p[@k]\" translate=\"yes\"/></its:rules>"}};
    auto rules = parse_rules(files);
    ASSERT_TRUE(rules) << describe(rules.error());
    const auto segments = extract("<doc " + k_its + ">Root: <p>no</p><p k=\"1\">yes</p><p k=\"1\" its:translate=\"no\">local</p></doc>",
                                  *rules);
    EXPECT_EQ(msgids(segments), (std::vector<std::string>{"yes", "Root: <_:p-1/><_:p-2/><_:p-3/>"}));
}

TEST(ExtractSegments, MalformedDocumentsAreInvalidWithAPosition) {
    auto result = extract_segments("<doc>\n<p>unclosed</doc>", Rules(), "bad.xml");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::invalid);
    EXPECT_EQ(describe(result.error()), "bad.xml:2:14: malformed XML: Start-end tags mismatch");
}

TEST(ExtractSegments, RulesFilesMustBeItsRules) {
    const std::vector<RulesFile> files{RulesFile{"wrong.its", "<rules/>"}};
    auto rules = parse_rules(files);
    ASSERT_FALSE(rules);
    EXPECT_EQ(rules.error().code, ErrorCode::invalid);
    EXPECT_EQ(describe(rules.error()), "wrong.its:1:1: not an ITS rules file: the root element is not its:rules");
    const std::vector<fs::path> missing{"/nonexistent/rules.its"};
    auto read = read_rules(missing);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, ErrorCode::not_found);
}
