// Counted words on the site: {{#_n.pages}}singular|plural{{/_n.pages}} in a
// template takes the form its count needs in each language.
#include <gtest/gtest.h>
#include <filesystem>
#include "cms/core/text.h"
#include "tests/pipeline/site/site_support.h"
#include "tests/support/fixtures.h"

namespace fs = std::filesystem;
namespace tandem::site {
namespace {

std::string document(const std::string& meta, const char* lang = "en") {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<resource xmlns=\"urn:tandem:resource:1\" xmlns:its=\"http://www.w3.org/2005/11/its\" id=\"counted\" "
           "xml:lang=\"") + lang + "\" type=\"report\">\n"
           "  <title>T</title>\n  <summary>S.</summary>\n  <meta>" + meta + "</meta>\n  <body>\n<p>x</p>\n  </body>\n</resource>\n";
}

std::string render(const Theme& theme, const std::string& xml, Lang lang) {
    auto summary = summarize(xml, lang);
    EXPECT_TRUE(summary) << describe(summary.error());
    ResourcePage page{summary ? *summary : PageSummary{}, xml, {{Lang::en, true}, {Lang::fr, true}}};
    auto html = render_resource_page(theme, testing::test_settings(), page);
    EXPECT_TRUE(html) << describe(html.error());
    return html ? *html : std::string();
}

std::string downloads(const std::string& html) {
    testing::Html doc(html);
    return doc.string("//section[@class='attachments']//li");
}

TEST(CountedWords, EachLanguageTakesItsForm) {
    const Theme& theme = testing::source_theme();
    for (int pages : {1, 2, 21}) {
        const std::string xml = document("<file href=\"files/x.pdf\" lang=\"en\" format=\"pdf\" pages=\"" + std::to_string(pages) + "\"/>");
        std::string en = downloads(render(theme, xml, Lang::en));
        std::string fr = downloads(render(theme, xml, Lang::fr));
        std::printf("pages=%d\n  en: %s\n  fr: %s\n", pages, en.c_str(), fr.c_str());
        if (pages == 1) {
            EXPECT_NE(en.find("– 1 page"), std::string::npos);
            EXPECT_EQ(en.find("1 pages"), std::string::npos);
            EXPECT_NE(fr.find("1\u00a0page"), std::string::npos);
            EXPECT_EQ(fr.find("1\u00a0pages"), std::string::npos);
        } else {
            EXPECT_NE(en.find(std::to_string(pages) + " pages"), std::string::npos);
            EXPECT_NE(fr.find(std::to_string(pages) + "\u00a0pages"), std::string::npos);
        }
    }
}

fs::path copy_templates(const tandem::testing::TempDir& dir) {
    const fs::path copy = dir.path() / "templates";
    fs::copy(tandem::testing::source_dir() / "web/templates", copy, fs::copy_options::recursive);
    return copy;
}

TEST(CountedWords, AnUntranslatedOneKeepsEnglishFormsAndRule) {
    tandem::testing::TempDir dir;
    const fs::path templates = copy_templates(dir);
    auto text = read_file(templates / "resource.mustache");
    ASSERT_TRUE(text);
    std::string changed = *text;
    auto at = changed.find("{{pages}} page|{{pages}} pages");
    ASSERT_NE(at, std::string::npos);
    changed.replace(at, 30, "{{pages}} leaf|{{pages}} leaves & more");
    dir.write("templates/resource.mustache", changed);
    auto theme = load_theme(templates, TANDEM_LOCALE_DIR);
    ASSERT_TRUE(theme) << describe(theme.error());
    const std::string one = document("<file href=\"files/x.pdf\" lang=\"en\" format=\"pdf\" pages=\"1\"/>");
    const std::string two = document("<file href=\"files/x.pdf\" lang=\"en\" format=\"pdf\" pages=\"2\"/>");
    EXPECT_NE(downloads(render(*theme, one, Lang::fr)).find("1 leaf"), std::string::npos);
    EXPECT_NE(downloads(render(*theme, two, Lang::fr)).find("2 leaves & more"), std::string::npos);
    EXPECT_NE(render(*theme, two, Lang::fr).find("2 leaves &amp; more"), std::string::npos);  // escaped
}

TEST(CountedWords, MalformedOnesAreRefusedWithTheirPlace) {
    for (const char* word : {"{{#_n.pages}}{{pages}} pages{{/_n.pages}}", "{{#_n.pages}}a|b|c{{/_n.pages}}", "{{#_n.Pages}}a|b{{/_n.Pages}}"}) {
        SCOPED_TRACE(word);
        tandem::testing::TempDir dir;
        const fs::path templates = copy_templates(dir);
        dir.write("templates/home.mustache", std::string("<p>\n  ") + word + "</p>\n");
        auto theme = load_theme(templates, TANDEM_LOCALE_DIR);
        ASSERT_FALSE(theme);
        EXPECT_EQ(theme.error().code, ErrorCode::invalid);
        EXPECT_EQ(theme.error().where.line, 2);
        EXPECT_EQ(theme.error().where.column, 3);
        EXPECT_NE(theme.error().message.find("counted word"), std::string::npos) << theme.error().message;
    }
    tandem::testing::TempDir dir;
    const fs::path templates = copy_templates(dir);
    dir.write("templates/root.mustache", "<p>{{#_n.count}}a|b{{/_n.count}}</p>\n");
    auto theme = load_theme(templates, TANDEM_LOCALE_DIR);
    ASSERT_FALSE(theme);
    EXPECT_NE(theme.error().message.find("root.mustache"), std::string::npos) << theme.error().message;
}

}  // namespace
}  // namespace tandem::site
