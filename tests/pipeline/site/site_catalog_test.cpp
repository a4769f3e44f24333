// The site's words: locales/site/fr.po passes msgfmt --check, translates every
// message of site.pot, and site.pot is what scripts/extract-site-messages
// extracts today from the templates, categories.txt and pipeline/site.

#include <gtest/gtest.h>

#include <set>

#include "cms/core/text.h"
#include "pipeline/po/catalog.h"
#include "tests/support/fixtures.h"

namespace tandem::site {
namespace {

using tandem::testing::run_command;
using tandem::testing::source_dir;
using tandem::testing::TempDir;

using Key = std::pair<std::string, std::string>;  // msgctxt, msgid

std::set<Key> keys_of(const std::filesystem::path& path) {
    auto bytes = read_file(path);
    EXPECT_TRUE(bytes) << path;
    auto catalog = po::read_catalog(bytes ? *bytes : std::string(), path.string());
    EXPECT_TRUE(catalog) << describe(catalog.error());
    std::set<Key> keys;
    if (catalog)
        for (const auto& m : catalog->messages)
            if (!m.obsolete) keys.emplace(m.msgctxt.value_or(""), m.msgid);
    return keys;
}

TEST(SiteCatalog, FrenchCatalogPassesMsgfmtCheck) {
    std::string out;
    const auto po = source_dir() / "locales/site/fr.po";
    EXPECT_EQ(run_command("msgfmt --check --statistics -o /dev/null '" + po.string() + "' 2>&1", &out), 0) << out;
    EXPECT_EQ(out.find("untranslated"), std::string::npos) << out;
    EXPECT_EQ(out.find("fuzzy"), std::string::npos) << out;
}

TEST(SiteCatalog, ExtractionGivesTheCommittedTemplate) {
    TempDir dir;
    const auto fresh = dir.path() / "site.pot";
    std::string out;
    ASSERT_EQ(run_command("'" + (source_dir() / "scripts/extract-site-messages").string() + "' --output '" + fresh.string() + "' 2>&1", &out), 0)
        << out;
    const auto committed = keys_of(source_dir() / "locales/site/site.pot");
    EXPECT_EQ(keys_of(fresh), committed);
    EXPECT_GT(committed.size(), 40u);
    EXPECT_TRUE(committed.count({"", "Download the PDF"}));
    EXPECT_TRUE(committed.count({"type", "Report"}));
    EXPECT_TRUE(committed.count({"", "Resources of the Trafficking in Persons campaign"}));  // a word of the C++ code
}

TEST(SiteCatalog, FrenchCatalogTranslatesEveryMessageOfTheTemplate) {
    const auto pot = keys_of(source_dir() / "locales/site/site.pot");
    auto bytes = read_file(source_dir() / "locales/site/fr.po");
    ASSERT_TRUE(bytes);
    auto fr = po::read_catalog(*bytes, "fr.po");
    ASSERT_TRUE(fr) << describe(fr.error());
    std::set<Key> translated;
    for (const auto& m : fr->messages)
        if (m.translated()) translated.emplace(m.msgctxt.value_or(""), m.msgid);
    EXPECT_EQ(translated, pot);
}

TEST(SiteCatalog, ExtractionRefusesAWordSplitOverTwoLines) {
    TempDir dir;
    // A copy of the tree's script and templates, with one broken word.
    std::string out;
    const std::string root = dir.path().string();
    ASSERT_EQ(run_command("mkdir -p '" + root + "/scripts' '" + root + "/web' '" + root + "/pipeline/site' && cp '" +
                              (source_dir() / "scripts/extract-site-messages").string() + "' '" + root + "/scripts/' && cp -r '" +
                              (source_dir() / "web/templates").string() + "' '" + root + "/web/' 2>&1", &out),
              0) << out;
    dir.write("web/templates/broken.mustache", "<p>{{#_}}Download\nthe PDF{{/_}}</p>\n");
    EXPECT_NE(run_command("'" + (dir.path() / "scripts/extract-site-messages").string() + "' --output /dev/null 2>&1", &out), 0);
    EXPECT_NE(out.find("broken.mustache:1"), std::string::npos) << out;
}

}  // namespace
}  // namespace tandem::site
