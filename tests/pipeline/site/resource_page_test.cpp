// render_resource_page and summarize on the seed resources and on hostile or
// broken documents.

#include <gtest/gtest.h>

#include "tests/pipeline/site/site_support.h"
#include "tests/support/fixtures.h"

namespace tandem::site {
namespace {

using testing::Html;
using testing::seed_site;
using testing::source_theme;
using testing::test_settings;

std::string render(const ResourcePage& page) {
    auto html = render_resource_page(source_theme(), test_settings(), page);
    EXPECT_TRUE(html) << describe(html.error());
    return html ? *html : std::string();
}

ResourcePage page_of(const std::string& xml, Lang lang = Lang::en) {
    auto summary = summarize(xml, lang);
    EXPECT_TRUE(summary) << describe(summary.error());
    return ResourcePage{summary ? *summary : PageSummary{}, xml, {{Lang::en, true}, {Lang::fr, true}}};
}

std::string document(const std::string& title, const std::string& body, const std::string& meta = "") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<resource xmlns=\"urn:tandem:resource:1\" xmlns:its=\"http://www.w3.org/2005/11/its\" id=\"hostile\" "
           "xml:lang=\"en\" type=\"report\">\n"
           "  <title>" + title + "</title>\n"
           "  <summary>Summary.</summary>\n"
           "  <meta>" + meta + "</meta>\n"
           "  <body>\n" + body + "\n  </body>\n"
           "</resource>\n";
}

TEST(Summarize, ReadsTheSeedReportsMetadata) {
    const auto& page = seed_site().page("trp-limits-to-protection", Lang::en).summary;
    EXPECT_EQ(page.id, "trp-limits-to-protection");
    EXPECT_EQ(page.type, "report");
    EXPECT_EQ(page.title, "Temporary Resident Permits: Limits to Protection for Trafficked Persons");
    EXPECT_EQ(page.summary.substr(0, 40), "Temporary resident permits (TRPs) remain");
    EXPECT_EQ(page.scope, "canadian");
    EXPECT_EQ(page.topics, (std::vector<std::string>{"protection", "immigration"}));
    ASSERT_EQ(page.files.size(), 1u);
    EXPECT_EQ(page.files[0].href, "files/trp-limits-to-protection.pdf");
    EXPECT_EQ(page.files[0].format, "pdf");
}

TEST(Summarize, RefusesATopicThatIsNotAToken) {
    auto summary = summarize(document("T", "<p>x</p>", "<topic>../../etc</topic>"), Lang::en);
    ASSERT_FALSE(summary);
    EXPECT_EQ(summary.error().code, ErrorCode::invalid);
    EXPECT_EQ(summary.error().where.line, 5);
}

TEST(ResourcePage, EnglishPageHasLangCanonicalAlternatesSwitchAndFeed) {
    Html html(render(seed_site().page("trp-limits-to-protection", Lang::en)));
    const std::string url = "https://tip.example.org/en/resources/trp-limits-to-protection/";
    EXPECT_EQ(html.string("/html/@lang"), "en");
    EXPECT_EQ(html.string("//link[@rel='canonical']/@href"), url);
    EXPECT_EQ(html.string("//link[@rel='alternate'][@hreflang='en']/@href"), url);
    EXPECT_EQ(html.string("//link[@rel='alternate'][@hreflang='fr']/@href"),
              "https://tip.example.org/fr/ressources/trp-limits-to-protection/");
    EXPECT_EQ(html.string("//link[@rel='alternate'][@hreflang='x-default']/@href"), "https://tip.example.org/");
    EXPECT_EQ(html.string("//link[@type='application/atom+xml']/@href"), "../../feed.atom");
    EXPECT_EQ(html.string("//nav[contains(@class,'language-switch')]/a/@href"), "../../../fr/ressources/trp-limits-to-protection/");
    EXPECT_EQ(html.string("//nav[contains(@class,'language-switch')]/a/@lang"), "fr");
    EXPECT_EQ(html.string("//link[@media='print']/@href"), "../../../static/print.css");
    EXPECT_EQ(html.string("//meta[@name='description']/@content").substr(0, 26), "Temporary resident permits");
    EXPECT_EQ(html.string("//h1"), "Temporary Resident Permits: Limits to Protection for Trafficked Persons");
    EXPECT_EQ(html.count("//main"), 1);
    EXPECT_EQ(html.count("//h1"), 1);
    for (const auto& label : html.strings("//nav/@aria-label")) EXPECT_FALSE(label.empty());
}

TEST(ResourcePage, ShowsMetadataAttachmentsPrintAndMailLinks) {
    Html html(render(seed_site().page("trp-limits-to-protection", Lang::en)));
    EXPECT_EQ(html.strings("//dl[@class='resource-meta']/dt"), (std::vector<std::string>{"Type", "Scope", "Topics"}));
    EXPECT_EQ(html.string("//dl[@class='resource-meta']/dd[1]/a"), "Report");
    EXPECT_EQ(html.string("//dl[@class='resource-meta']/dd[1]/a/@href"), "../type/report/");
    EXPECT_EQ(html.strings("//ul[@class='topics']/li/a"), (std::vector<std::string>{"Protection", "Immigration"}));
    EXPECT_EQ(html.string("//section[@class='attachments']//a/@href"), "files/trp-limits-to-protection.pdf");
    EXPECT_EQ(html.string("//section[@class='attachments']//a"), "Download the PDF");
    EXPECT_EQ(html.string("//a[@href='#print']"), "Printer-friendly version");
    EXPECT_EQ(html.count("//*[@id='print']"), 1);
    EXPECT_EQ(html.string("//a[starts-with(@href,'mailto:')]/@href"),
              "mailto:?subject=Temporary%20Resident%20Permits%3A%20Limits%20to%20Protection%20for%20Trafficked%20Persons"
              "&body=https%3A%2F%2Ftip.example.org%2Fen%2Fresources%2Ftrp-limits-to-protection%2F");
    EXPECT_EQ(html.string("//a[starts-with(@href,'mailto:')]"), "Send by email");
    // Relative links of the body stay relative: they resolve inside /en/resources/.
    EXPECT_EQ(html.string("//div[@class='resource-body']//a[contains(.,'Campaign')]/@href"), "../trafficking-in-persons-campaign/");
    // its:translate="no" stays a span, and says so to browsers' translators.
    EXPECT_EQ(html.string("//div[@class='resource-body']//span[@translate='no']"), "CCR");
}

TEST(ResourcePage, FrenchPageHasFrenchTextAndTheFrenchCatalogsWords) {
    Html html(render(seed_site().page("trp-limits-to-protection", Lang::fr)));
    EXPECT_EQ(html.string("/html/@lang"), "fr");
    EXPECT_EQ(html.string("//h1"), "Permis de séjour temporaire\u00a0: limites à la protection des personnes victimes de la traite");
    EXPECT_EQ(html.count("//main//*[@lang='en']"), 0);  // the French text, all of it
    EXPECT_EQ(html.string("//section[@class='attachments']//a"), "Télécharger le PDF");
    EXPECT_EQ(html.string("//section[@class='attachments']//li"), "Télécharger le PDF (en anglais)");
    EXPECT_EQ(html.string("//a[@href='#print']"), "Version imprimable");
    EXPECT_EQ(html.string("//a[starts-with(@href,'mailto:')]"), "Envoyer par courriel");
    EXPECT_EQ(html.strings("//dl[@class='resource-meta']/dt"), (std::vector<std::string>{"Type", "Portée", "Sujets"}));
    EXPECT_EQ(html.string("//dl[@class='resource-meta']/dd[1]/a"), "Rapport");
    EXPECT_EQ(html.string("//dl[@class='resource-meta']/dd[1]/a/@href"), "../type/report/");
    EXPECT_EQ(html.string("//dl[@class='resource-meta']/dd[2]/a/@href"), "../portee/canadian/");
    EXPECT_EQ(html.string("//nav[contains(@class,'language-switch')]/a"), "English");
    EXPECT_EQ(html.string("//a[@class='skip-link']"), "Passer au contenu");
    EXPECT_EQ(html.count("//p[@class='notice']"), 0);
}

TEST(ResourcePage, UntranslatedPageSaysTheTranslationIsComingAndMarksTheSourceLanguage) {
    ResourcePage page = seed_site().page("trp-limits-to-protection", Lang::en);
    page.summary.lang = Lang::fr;  // the French page of a unilingual approval: the English source
    page.summary.translated = false;
    Html html(render(page));
    EXPECT_EQ(html.string("/html/@lang"), "fr");
    EXPECT_EQ(html.string("//p[@class='notice']"),
              "La traduction de cette page est à venir. En attendant, voici le texte original.");
    EXPECT_EQ(html.string("//h1/@lang"), "en");
    EXPECT_EQ(html.string("//h1"), "Temporary Resident Permits: Limits to Protection for Trafficked Persons");
    EXPECT_EQ(html.string("//div[@class='resource-body']/@lang"), "en");
    EXPECT_EQ(html.string("//p[@class='summary']/@lang"), "en");
}

TEST(ResourcePage, HostileTitleBecomesText) {
    const std::string xml = document("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\"",
                                     "<p>&lt;img src=x onerror=alert(1)&gt;</p>");
    const std::string out = render(page_of(xml));
    EXPECT_EQ(out.find("<script"), std::string::npos);
    EXPECT_EQ(out.find("<img"), std::string::npos);
    Html html(out);
    EXPECT_EQ(html.string("//h1"), "<script>alert(1)</script> & \"quotes\"");
    EXPECT_EQ(html.string("//title"), "<script>alert(1)</script> & \"quotes\" – Trafficking in Persons");
    EXPECT_EQ(html.count("//script"), 0);
    EXPECT_NE(out.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST(ResourcePage, SectionsNestAsHeadingsByDepth) {
    const std::string xml = document("T",
        "<section id=\"a\"><h>A</h><p>one</p><section id=\"b\"><h>B <em>x</em></h><ul><li>i</li></ul>"
        "<quote cite=\"https://example.org/q\">Q</quote><note>N<br/>M</note></section></section>");
    Html html(render(page_of(xml)));
    EXPECT_EQ(html.string("//section[@id='a']/h2"), "A");
    EXPECT_EQ(html.string("//section[@id='a']/section[@id='b']/h3"), "B x");
    EXPECT_EQ(html.string("//section[@id='b']/blockquote/@cite"), "https://example.org/q");
    EXPECT_EQ(html.count("//section[@id='b']/div[@class='note']/p/br"), 1);
}

TEST(ResourcePage, UnknownElementIsAnErrorWithItsPosition) {
    const std::string xml = document("T", "    <p>fine</p>\n    <table><tr/></table>");
    auto html = render_resource_page(source_theme(), test_settings(), page_of(xml));
    ASSERT_FALSE(html);
    EXPECT_EQ(html.error().code, ErrorCode::invalid);
    EXPECT_NE(html.error().message.find("<table>"), std::string::npos) << html.error().message;
    EXPECT_EQ(html.error().where.line, 8);
    EXPECT_EQ(html.error().where.column, 6);
}

TEST(ResourcePage, UnknownInlineElementAndForeignNamespaceAreErrors) {
    for (const std::string body : {"<p>a <script>x</script></p>", "<p xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:b>x</h:b></p>"}) {
        SCOPED_TRACE(body);
        auto html = render_resource_page(source_theme(), test_settings(), page_of(document("T", body)));
        ASSERT_FALSE(html);
        EXPECT_EQ(html.error().code, ErrorCode::invalid);
    }
}

TEST(ResourcePage, ScriptLinksAreRefused) {
    for (const std::string href : {"javascript:alert(1)", "JavaScript:x", "data:text/html,x", "java\tscript:x", "//evil.example/"}) {
        SCOPED_TRACE(href);
        auto html = render_resource_page(source_theme(), test_settings(),
                                         page_of(document("T", "<p><a href=\"" + href + "\">x</a></p>")));
        ASSERT_FALSE(html);
        EXPECT_EQ(html.error().code, ErrorCode::invalid);
        EXPECT_NE(html.error().message.find("link"), std::string::npos);
    }
}

TEST(ResourcePage, MalformedXmlIsInvalidWithLine) {
    ResourcePage page = seed_site().page("take-action", Lang::en);
    page.xml = "<resource xmlns=\"urn:tandem:resource:1\">\n<title>x</titel>";
    auto html = render_resource_page(source_theme(), test_settings(), page);
    ASSERT_FALSE(html);
    EXPECT_EQ(html.error().code, ErrorCode::invalid);
    EXPECT_EQ(html.error().where.line, 2);
}

TEST(ResourcePage, SameInputGivesSameBytes) {
    const auto& page = seed_site().page("trafficking-in-persons-campaign", Lang::fr);
    EXPECT_EQ(render(page), render(page));
}

TEST(ResourcePage, EveryPageHasOneLanguageSwitchToItsCounterpart) {
    for (const auto& page : seed_site().pages) {
        SCOPED_TRACE(page.summary.id);
        Html html(render(page));
        Lang other = other_lang(page.summary.lang);
        EXPECT_EQ(html.string("//nav[contains(@class,'language-switch')]/a/@href"),
                  "../../.." + resource_path(page.summary.id, other));
    }
}

TEST(ResourcePage, PageWithoutCounterpartSwitchesToTheOtherHome) {
    ResourcePage page = seed_site().page("order-form", Lang::en);
    page.languages = {{Lang::en, true}, {Lang::fr, false}};
    Html html(render(page));
    EXPECT_EQ(html.string("//nav[contains(@class,'language-switch')]/a/@href"), "../../../fr/");
    EXPECT_EQ(html.count("//link[@hreflang='fr']"), 0);
}

}  // namespace
}  // namespace tandem::site
