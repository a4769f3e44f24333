// merge_translations and check_translation: translations replace their
// segments; a translation whose markup differs from its source never does.

#include <gtest/gtest.h>

#include <map>

#include "pipeline/its/its.h"
#include "tests/pipeline/its/support/itstool.h"

namespace fs = std::filesystem;
using namespace tandem;
using namespace tandem::its;
using namespace tandem::its::test;

namespace {

Rules resource_rules() {
    const std::vector<fs::path> files{source_dir() / "cms/model/schema/resource.its"};
    auto rules = read_rules(files);
    EXPECT_TRUE(rules) << describe(rules.error());
    return rules ? *rules : Rules();
}

Lookup table(std::map<std::string, std::string> entries) {
    return [entries = std::move(entries)](const std::optional<std::string>& msgctxt,
                                          std::string_view msgid) -> std::optional<std::string> {
        auto it = entries.find((msgctxt ? *msgctxt + "\x04" : std::string()) + std::string(msgid));
        if (it == entries.end()) return std::nullopt;
        return it->second;
    };
}

const std::string k_doc =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<resource xmlns=\"urn:tandem:resource:1\" xmlns:its=\"http://www.w3.org/2005/11/its\" xml:lang=\"en\">\n"
    "  <title>Limits to <em>protection</em></title>\n"
    "  <p>See the <a href=\"https://ccrweb.ca/en\">CCR page</a> &amp; <span its:translate=\"no\">TRP</span>.</p>\n"
    "  <p>Untranslated.</p>\n"
    "</resource>\n";

std::string body_of(const std::string& xml) { return xml.substr(xml.find("<resource")); }

}  // namespace

TEST(MergeTranslations, TranslatedSegmentsReplaceTheirSourceAndPlaceholdersComeBack) {
    auto merged = merge_translations(
        k_doc, resource_rules(),
        table({{"Limits to <em>protection</em>", "Limites de la <em>protection</em>"},
               {"See the <a href=\"https://ccrweb.ca/en\">CCR page</a> &amp; <_:span-1/>.",
                "<_:span-1/> &amp; la <a href=\"https://ccrweb.ca/fr\">page du CCR</a>."}}),
        Lang::fr);
    ASSERT_TRUE(merged) << describe(merged.error());
    EXPECT_TRUE(merged->rejected.empty());
    // resource.its's langRule names the root's xml:lang: it says "fr" now.
    EXPECT_EQ(body_of(merged->xml),
              "<resource xmlns=\"urn:tandem:resource:1\" xmlns:its=\"http://www.w3.org/2005/11/its\" xml:lang=\"fr\">\n"
              "  <title>Limites de la <em>protection</em></title>\n"
              "  <p><span its:translate=\"no\">TRP</span> &amp; la <a href=\"https://ccrweb.ca/fr\">page du CCR</a>.</p>\n"
              "  <p>Untranslated.</p>\n"
              "</resource>\n");
}

TEST(MergeTranslations, TranslationsWhoseMarkupDiffersAreRejectedAndTheSourceKept) {
    const std::string msgid = "Limits to <em>protection</em>";
    struct Row {
        const char* name;
        std::string msgstr;
        RejectReason reason;
        const char* detail;
    };
    const std::vector<Row> rows = {
        {"tag missing", "Limites de la protection", RejectReason::markup_mismatch, "<em> is missing"},
        {"tag added", "Limites <strong>de</strong> la <em>protection</em>", RejectReason::markup_mismatch,
         "the translation adds <strong>"},
        {"tag renamed", "Limites de la <strong>protection</strong>", RejectReason::markup_mismatch, "<em> is missing"},
        {"unbalanced", "Limites de la <em>protection", RejectReason::markup_mismatch, "not well-formed"},
        {"attribute added", "Limites de la <em class=\"x\">protection</em>", RejectReason::markup_mismatch,
         "the attributes of <em> changed"},
        {"undefined entity", "Limites de la <em>protection</em>&nbsp;!", RejectReason::malformed,
         "undefined entity &nbsp;"},
        {"comment added", "Limites <!-- x --> de la <em>protection</em>", RejectReason::markup_mismatch, "a comment"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        auto merged = merge_translations(k_doc, resource_rules(), table({{msgid, row.msgstr}}), "fr");
        ASSERT_TRUE(merged) << describe(merged.error());
        ASSERT_EQ(merged->rejected.size(), 1u);
        const Rejection& r = merged->rejected.front();
        EXPECT_EQ(r.reason, row.reason);
        EXPECT_EQ(r.msgid, msgid);
        EXPECT_EQ(r.msgstr, row.msgstr);
        EXPECT_EQ(r.line, 3);
        EXPECT_NE(r.detail.find(row.detail), std::string::npos) << r.detail;
        EXPECT_NE(merged->xml.find("<title>Limits to <em>protection</em></title>"), std::string::npos);
    }
    EXPECT_STREQ(reason_code(RejectReason::markup_mismatch), "markup-mismatch");
    EXPECT_STREQ(reason_code(RejectReason::malformed), "malformed");
}

TEST(MergeTranslations, PlaceholdersMustAllStayOnceEach) {
    const std::string msgid = "See the <a href=\"https://ccrweb.ca/en\">CCR page</a> &amp; <_:span-1/>.";
    const std::vector<std::string> bad = {
        "Voir la <a href=\"https://ccrweb.ca/en\">page</a>.",                           // dropped
        "Voir <_:span-1/> la <a href=\"https://ccrweb.ca/en\">page</a> <_:span-1/>.",  // twice
        "Voir <_:span-2/> la <a href=\"https://ccrweb.ca/en\">page</a>.",              // unknown
        "Voir <a href=\"https://ccrweb.ca/en\">la page <_:span-1/></a>.",              // moved inside
    };
    for (const std::string& msgstr : bad) {
        SCOPED_TRACE(msgstr);
        const auto r = check_translation(msgid, msgstr);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->reason, RejectReason::markup_mismatch);
    }
}

TEST(MergeTranslations, ReorderingAndALinkTargetMayChange) {
    const std::string msgid = "A <em>big</em> <strong>dog</strong> on <a href=\"https://x.org/en\">the site</a>";
    EXPECT_FALSE(check_translation(msgid, "Un <strong>chien</strong> <em>énorme</em> sur <a href=\"https://x.org/fr\">le site</a>"));
    EXPECT_FALSE(check_translation("Text &amp; <br/>", "Texte &amp; <br></br>"));
    const auto r = check_translation(msgid, "Un <strong>chien</strong> <em>énorme</em> sur <a href=\"https://x.org/fr\" title=\"t\">le site</a>");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->detail, "the attributes of <a> changed: <a> became <a title=\"t\">");
}

TEST(MergeTranslations, UntranslatedUnitsKeepTheSourceAndTheRootLanguageFollowsTheLangRule) {
    // Without a langRule, like itstool -m, nothing says which language the
    // result is in: the root keeps its xml:lang.
    auto merged = merge_translations(k_doc, Rules(), table({}), "fr");
    ASSERT_TRUE(merged) << describe(merged.error());
    EXPECT_EQ(body_of(merged->xml), body_of(k_doc));

    // With a langRule naming @xml:lang, the root says "fr" and the units left
    // in the source language say "en".
    const std::vector<RulesFile> files{RulesFile{
        "lang.its", "<its:rules xmlns:its=\"http://www.w3.org/2005/11/its\" xmlns:r=\"urn:tandem:resource:1\" version=\"2.0\">"
                    "<its:langRule selector=\"//r:*\" langPointer=\"@xml:lang\"/>"
                    "<its:withinTextRule selector=\"//r:em | //r:a\" withinText=\"yes\"/></its:rules>"}};
    auto rules = parse_rules(files);
    ASSERT_TRUE(rules) << describe(rules.error());
    auto marked = merge_translations(
        k_doc, *rules, table({{"Limits to <em>protection</em>", "Limites de la <em>protection</em>"}}), "fr");
    ASSERT_TRUE(marked) << describe(marked.error());
    EXPECT_TRUE(marked->rejected.empty());
    EXPECT_NE(marked->xml.find("xml:lang=\"fr\">"), std::string::npos) << marked->xml;
    EXPECT_NE(marked->xml.find("<title>Limites de la <em>protection</em></title>"), std::string::npos) << marked->xml;
    EXPECT_NE(marked->xml.find("<p xml:lang=\"en\">Untranslated.</p>"), std::string::npos) << marked->xml;
}

TEST(MergeTranslations, LocaleFiltersKeepOrDropElementsForTheTargetLanguage) {
    const std::string xml =
        "<doc xmlns:its=\"http://www.w3.org/2005/11/its\">\n"
        "  <p>Everyone</p>\n"
        "  <p its:localeFilterList=\"fr-CA, fr-FR\">Canada or France</p>\n"
        "  <p its:localeFilterList=\"*-CA\" its:localeFilterType=\"exclude\">Not Canada</p>\n"
        "</doc>";
    auto fr_ca = merge_translations(xml, Rules(), table({}), "fr-CA");
    ASSERT_TRUE(fr_ca) << describe(fr_ca.error());
    EXPECT_NE(fr_ca->xml.find("Canada or France"), std::string::npos);
    EXPECT_EQ(fr_ca->xml.find("Not Canada"), std::string::npos);
    auto de = merge_translations(xml, Rules(), table({}), "de");
    ASSERT_TRUE(de) << describe(de.error());
    EXPECT_EQ(de->xml.find("Canada or France"), std::string::npos);
    EXPECT_NE(de->xml.find("Not Canada"), std::string::npos);
    // The blank before a dropped element goes with it.
    EXPECT_NE(de->xml.find("<p>Everyone</p>\n  <p its:localeFilterList=\"*-CA\""), std::string::npos) << de->xml;
}

TEST(MergeTranslations, TranslatableAttributesAndCreditsAreMerged) {
    const std::vector<RulesFile> files{RulesFile{
        "t.its", "<its:rules xmlns:its=\"http://www.w3.org/2005/11/its\" xmlns:itst=\"http://itstool.org/extensions/\" version=\"2.0\">"
                 "<its:translateRule selector=\"//@title\" translate=\"yes\"/>"
                 "<itst:credits appendTo=\"/doc/info\"><name><itst:value-of select=\"name\"/></name>"
                 "<itst:for-each select=\"years\"><year><itst:value-of select=\"year\"/></year></itst:for-each></itst:credits>"
                 "</its:rules>"}};
    auto rules = parse_rules(files);
    ASSERT_TRUE(rules) << describe(rules.error());
    auto merged = merge_translations("<doc><info/><p title=\"Hint\">Text</p></doc>", *rules,
                                     table({{"Hint", "Astuce"},
                                            {"Text", "Texte"},
                                            {"_\x04translator-credits", "Jean Dupont <jean@example.org>, 2023, 2024"}}),
                                     "fr");
    ASSERT_TRUE(merged) << describe(merged.error());
    EXPECT_EQ(body_of("<resource" + merged->xml.substr(merged->xml.find("<doc"))),
              "<resource<doc><info><name>Jean Dupont</name><year>2023</year><year>2024</year></info>"
              "<p title=\"Astuce\">Texte</p></doc>\n");
}

TEST(MergeTranslations, MalformedSourceDocumentsAreRefused) {
    DocumentOptions options;
    options.label = "resources/x/resource.xml";
    auto merged = merge_translations("<doc>\n<p>text</doc>", Rules(), table({}), "fr", options);
    ASSERT_FALSE(merged);
    EXPECT_EQ(merged.error().code, ErrorCode::invalid);
    EXPECT_EQ(describe(merged.error()), "resources/x/resource.xml:2:10: malformed XML: Start-end tags mismatch");
}
