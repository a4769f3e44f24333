// load_theme: a designer's broken template or category list is an error with
// its position; the words and labels come from the catalogs.

#include <gtest/gtest.h>

#include <filesystem>

#include "cms/core/text.h"
#include "tests/pipeline/site/site_support.h"
#include "tests/support/fixtures.h"

namespace fs = std::filesystem;

namespace tandem::site {
namespace {

using tandem::testing::TempDir;

// A copy of web/templates to break.
fs::path copy_templates(const TempDir& dir) {
    const fs::path copy = dir.path() / "templates";
    fs::copy(tandem::testing::source_dir() / "web/templates", copy, fs::copy_options::recursive);
    return copy;
}

TEST(LoadTheme, SourceTemplatesLoad) {
    auto theme = load_theme(tandem::testing::source_dir() / "web/templates", TANDEM_LOCALE_DIR);
    ASSERT_TRUE(theme) << describe(theme.error());
    auto statics = static_files(*theme);
    ASSERT_EQ(statics.size(), 2u);
    EXPECT_EQ(statics[0].path, "static/print.css");
    EXPECT_EQ(statics[1].path, "static/site.css");
}

TEST(LoadTheme, TemplateSyntaxErrorNamesFileLineAndColumn) {
    TempDir dir;
    const fs::path templates = copy_templates(dir);
    dir.write("templates/list.mustache", "<h1>Resources</h1>\n<p>\n  {{#items}}unclosed\n");
    auto theme = load_theme(templates, TANDEM_LOCALE_DIR);
    ASSERT_FALSE(theme);
    EXPECT_EQ(theme.error().code, ErrorCode::invalid);
    EXPECT_EQ(theme.error().where.file, (templates / "list.mustache").string());
    EXPECT_EQ(theme.error().where.line, 3);
    EXPECT_EQ(theme.error().where.column, 3);
    EXPECT_NE(theme.error().message.find("Unclosed section"), std::string::npos) << theme.error().message;
}

TEST(LoadTheme, UnclosedTagIsAnErrorToo) {
    TempDir dir;
    const fs::path templates = copy_templates(dir);
    dir.write("templates/root.mustache", "<p>{{title</p>\n");
    auto theme = load_theme(templates, TANDEM_LOCALE_DIR);
    ASSERT_FALSE(theme);
    EXPECT_EQ(theme.error().code, ErrorCode::invalid);
    EXPECT_EQ(theme.error().where.line, 1);
    EXPECT_EQ(theme.error().where.column, 4);
}

TEST(LoadTheme, WordLambdaAsAPlainVariableIsHarmless) {
    TempDir dir;
    const fs::path templates = copy_templates(dir);
    dir.write("templates/home.mustache", "<p>{{_}}</p>\n");
    auto theme = load_theme(templates, TANDEM_LOCALE_DIR);
    // A type-1 lambda as a variable renders the empty word: allowed, harmless.
    EXPECT_TRUE(theme) << describe(theme.error());
}

TEST(LoadTheme, MissingTemplateIsNotFound) {
    TempDir dir;
    const fs::path templates = copy_templates(dir);
    fs::remove(templates / "resource.mustache");
    auto theme = load_theme(templates, TANDEM_LOCALE_DIR);
    ASSERT_FALSE(theme);
    EXPECT_EQ(theme.error().code, ErrorCode::not_found);
}

TEST(LoadTheme, MissingCatalogIsNotFound) {
    TempDir dir;
    auto theme = load_theme(tandem::testing::source_dir() / "web/templates", dir.path());
    ASSERT_FALSE(theme);
    EXPECT_EQ(theme.error().code, ErrorCode::not_found);
}

TEST(LoadTheme, BadCategoryLineNamesItsLine) {
    TempDir dir;
    const fs::path templates = copy_templates(dir);
    dir.write("templates/categories.txt", "# comment\ntype report Report\ncolour red Red\n");
    auto theme = load_theme(templates, TANDEM_LOCALE_DIR);
    ASSERT_FALSE(theme);
    EXPECT_EQ(theme.error().code, ErrorCode::invalid);
    EXPECT_EQ(theme.error().where.line, 3);
    EXPECT_NE(theme.error().message.find("colour"), std::string::npos);
}

TEST(LoadTheme, ADesignersChangeNeedsNoRecompile) {
    TempDir dir;
    const fs::path templates = copy_templates(dir);
    auto text = read_file(templates / "resource.mustache");
    ASSERT_TRUE(text);
    dir.write("templates/resource.mustache", *text + "<p class=\"designer\">{{#_}}Send by email{{/_}}</p>\n");
    auto theme = load_theme(templates, TANDEM_LOCALE_DIR);
    ASSERT_TRUE(theme) << describe(theme.error());
    auto html = render_resource_page(*theme, testing::test_settings(), testing::seed_site().page("take-action", Lang::fr));
    ASSERT_TRUE(html) << describe(html.error());
    EXPECT_EQ(testing::Html(*html).string("//p[@class='designer']"), "Envoyer par courriel");
}

TEST(Words, ComeFromTheFrenchCatalogAndFallBackToEnglish) {
    const Theme& theme = testing::source_theme();
    EXPECT_EQ(translate_word(theme, Lang::fr, "Printer-friendly version"), "Version imprimable");
    EXPECT_EQ(translate_word(theme, Lang::en, "Printer-friendly version"), "Printer-friendly version");
    EXPECT_EQ(translate_word(theme, Lang::fr, "Not in the catalog"), "Not in the catalog");
}

TEST(Words, CategoryLabelsUseTheKindAsContext) {
    const Theme& theme = testing::source_theme();
    EXPECT_EQ(category_label(theme, "type", "report", Lang::en), "Report");
    EXPECT_EQ(category_label(theme, "type", "report", Lang::fr), "Rapport");
    EXPECT_EQ(category_label(theme, "type", "action", Lang::fr), "Passez à l’action");
    EXPECT_EQ(category_label(theme, "topic", "human-rights", Lang::fr), "Droits de la personne");
    EXPECT_EQ(category_label(theme, "scope", "canadian", Lang::fr), "Canadienne");
    // "Type" without context is the heading, with context "type" nothing: two messages.
    EXPECT_EQ(category_label(theme, "topic", "forced-labour", Lang::fr), "Forced labour");
}

TEST(ResourcePath, NamesTheFolderOfEachLanguage) {
    EXPECT_EQ(resource_path("take-action", Lang::en), "/en/resources/take-action/");
    EXPECT_EQ(resource_path("take-action", Lang::fr), "/fr/ressources/take-action/");
}

}  // namespace
}  // namespace tandem::site
