// The translation subcommands run as a translator's script would, on a copy
// of the real seed content.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "cms/workflow/memory.h"
#include "cms/workflow/segments.h"
#include "tests/cms/cli/cli_fixture.h"

namespace tandem {
namespace {

class TranslationCliTest : public testing::CliFixture {
protected:
    void SetUp() override { ASSERT_EQ(tandem("init --seed " + (testing::source_dir() / "content-repo").string()), 0); }
};

TEST_F(TranslationCliTest, TheSeedIsFullyTranslatedInBothDirections) {
    std::string out;
    ASSERT_EQ(tandem("status --json", &out), 0);
    const auto rows = nlohmann::json::parse(out);
    ASSERT_GE(rows.size(), 10u);
    bool english_catalog = false;
    for (const auto& row : rows) {
        SCOPED_TRACE(row["id"].get<std::string>());
        EXPECT_EQ(row["untranslated"], 0);
        EXPECT_EQ(row["fuzzy"], 0);
        EXPECT_EQ(row["failing"], 0);
        EXPECT_GT(row["translated"].get<int>(), 0);
        english_catalog = english_catalog || row["lang"] == "en";
    }
    EXPECT_TRUE(english_catalog);
}

TEST_F(TranslationCliTest, ItsMergeRefusesABadLanguageAndNeverOverwritesItsInput) {
    std::string xml, po;
    ASSERT_EQ(tandem("show take-action", &xml), 0);
    ASSERT_EQ(tandem("po export take-action --lang fr", &po), 0);
    std::filesystem::create_directories(path("in"));
    std::ofstream(path("in/doc.xml")) << xml;
    const std::string rules = " -i " + (testing::source_dir() / "cms/model/schema/resource.its").string();
    const auto with_language = [&](const std::string& language) {
        std::string text = po;
        const auto at = text.find("Language: fr");
        text.replace(at, std::string("Language: fr").size(), "Language: " + language);
        std::ofstream(path("cat.po")) << text;
    };
    with_language("../../../tmp/x");
    EXPECT_EQ(tandem("its merge" + rules + " --po " + path("cat.po") + " -o " + path("out") + " " + path("in/doc.xml")), 2);
    EXPECT_NE(stderr_text().find("is not a language tag"), std::string::npos) << stderr_text();

    with_language("fr");
    EXPECT_EQ(tandem("its merge" + rules + " --po " + path("cat.po") + " -o " + path("in") + " " + path("in/doc.xml")), 2);
    EXPECT_NE(stderr_text().find("would overwrite it"), std::string::npos) << stderr_text();
    std::ifstream kept(path("in/doc.xml"));
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), xml);

    EXPECT_EQ(tandem("its merge" + rules + " --po " + path("cat.po") + " -o " + path("out") + " " + path("in/doc.xml")), 0)
        << stderr_text();
    std::ifstream merged(path("out/doc.xml"));
    EXPECT_NE(std::string(std::istreambuf_iterator<char>(merged), {}).find("xml:lang=\"fr\""), std::string::npos);
}

TEST_F(TranslationCliTest, ExtractGivesTheMsgidsItstoolGives) {
    if (testing::run_command("command -v itstool >/dev/null") != 0) GTEST_SKIP() << "itstool is not installed";
    std::string ours, theirs;
    ASSERT_EQ(tandem("extract trp-limits-to-protection", &ours), 0);
    const auto seed = testing::source_dir() / "content-repo";
    ASSERT_EQ(testing::run_command("cd " + seed.string() + " && itstool -i ../cms/model/schema/resource.its "
                                   "resources/trp-limits-to-protection/resource.xml | msgcat --no-wrap -",
                                   &theirs), 0);
    std::ofstream(path("ours.pot")) << ours;
    std::string ours_nowrap;
    ASSERT_EQ(testing::run_command("msgcat --no-wrap " + path("ours.pot"), &ours_nowrap), 0);
    auto msgids = [](const std::string& pot) {
        std::vector<std::string> ids;
        std::istringstream in(pot);
        for (std::string line; std::getline(in, line);)
            if (line.rfind("msgid ", 0) == 0 || line.rfind("#: ", 0) == 0 || line.rfind("#. ", 0) == 0) ids.push_back(line);
        return ids;
    };
    EXPECT_EQ(msgids(ours_nowrap), msgids(theirs));
}

// Like itstool, `its extract` applies the rules itstool ships for the
// vocabulary it recognizes (Mallard here, by itst:match) before the -i files,
// unless -n; what it prints is itstool's text but for the creation date.
TEST_F(TranslationCliTest, ItsExtractAppliesItstoolsBuiltInRulesAsItstoolDoes) {
    if (testing::run_command("command -v itstool >/dev/null") != 0) GTEST_SKIP() << "itstool is not installed";
    if (!std::filesystem::exists("/usr/share/itstool/its/mallard.its")) GTEST_SKIP() << "itstool's own rules are not installed";
    {
        std::ofstream(path("min.page")) << "<page xmlns=\"http://projectmallard.org/1.0/\" id=\"x\"><p>Use <app>Files</app>.</p></page>\n";
        std::ofstream(path("empty.its")) << "<its:rules xmlns:its=\"http://www.w3.org/2005/11/its\" version=\"2.0\"/>\n";
    }
    const std::string folder = path("");
    const auto both = [&](const std::string& args) {
        std::string theirs, ours;
        EXPECT_EQ(testing::run_command("cd " + folder + " && itstool " + args + " | grep -v POT-Creation-Date", &theirs), 0);
        EXPECT_EQ(testing::run_command("cd " + folder + " && " + std::string(TANDEM_BINARY) + " its extract " + args +
                                           " | grep -v POT-Creation-Date",
                                       &ours),
                  0);
        return std::pair{theirs, ours};
    };
    for (const std::string args : {"-i empty.its min.page", "min.page", "-n min.page", "-n -i empty.its min.page"}) {
        SCOPED_TRACE(args);
        const auto [theirs, ours] = both(args);
        EXPECT_FALSE(ours.empty());
        EXPECT_EQ(ours, theirs);
    }
    // The built-in Mallard rules make <app> inline text; without them it is a unit of its own.
    EXPECT_NE(both("min.page").second.find("msgid \"Use <app>Files</app>.\""), std::string::npos);
    EXPECT_NE(both("-n min.page").second.find("msgid \"Files\""), std::string::npos);
}

TEST_F(TranslationCliTest, ExportImportRoundTripAndAFuzzySegmentAfterAnEdit) {
    std::string xml, out;
    ASSERT_EQ(tandem("show take-action", &xml), 0);
    const std::string from = "Canadians";
    ASSERT_NE(xml.find(from), std::string::npos);
    xml.replace(xml.find(from), from.size(), "everyone in Canada");
    std::ofstream(path("edited.xml")) << xml;
    ASSERT_EQ(tandem("save take-action " + path("edited.xml") + " --author 'Ed <ed@x.org>' -m 'Broaden' --base " + main_revision()), 0)
        << stderr_text();
    ASSERT_EQ(tandem("status take-action --json", &out), 0);
    EXPECT_EQ(nlohmann::json::parse(out)["fuzzy"], 1);

    std::string po;
    ASSERT_EQ(tandem("po export take-action --lang fr", &po), 0);
    EXPECT_NE(po.find("#| msgid"), std::string::npos) << "the previous source is kept for the fuzzy segment";
    EXPECT_NE(po.find("X-Tandem-Source-Revision: "), std::string::npos);
    std::ofstream(path("fr.po")) << po;
    ASSERT_EQ(testing::run_command("msgfmt --check -o /dev/null " + path("fr.po")), 0);
    // The translator's tool clears the fuzzy flag; the import keeps the rest.
    ASSERT_EQ(testing::run_command("msgattrib --clear-fuzzy --clear-previous -o " + path("done.po") + " " + path("fr.po")), 0);
    out.clear();
    ASSERT_EQ(tandem("po import take-action " + path("done.po") + " --lang fr --author 'Tr <tr@x.org>' -m Review --json", &out), 0)
        << stderr_text();
    out.clear();
    ASSERT_EQ(tandem("status take-action --json", &out), 0);
    EXPECT_EQ(nlohmann::json::parse(out)["fuzzy"], 0);
    out.clear();
    ASSERT_EQ(tandem("blame take-action --lang fr --json", &out), 0);
    bool by_reviewer = false;
    for (const auto& row : nlohmann::json::parse(out)) by_reviewer = by_reviewer || row["author"] == "Tr";
    EXPECT_TRUE(by_reviewer);
}

TEST_F(TranslationCliTest, ABrokenImportNamesTheLineAndCommitsNothing) {
    std::string before, after, po;
    ASSERT_EQ(tandem("list --json", &before), 0);
    ASSERT_EQ(tandem("po export trp-limits-to-protection --lang fr", &po), 0);
    const std::string from = "<abbr>PST</abbr>) demeurent";
    ASSERT_NE(po.find(from), std::string::npos);
    po.replace(po.find(from), from.size(), "PST) demeurent");
    std::ofstream(path("bad.po")) << po;
    EXPECT_EQ(tandem("po import trp-limits-to-protection " + path("bad.po") + " --lang fr --author 'T <t@x>'"), 2);
    EXPECT_NE(stderr_text().find("bad.po:"), std::string::npos) << stderr_text();
    EXPECT_NE(stderr_text().find("markup"), std::string::npos) << stderr_text();
    ASSERT_EQ(tandem("list --json", &after), 0);
    EXPECT_EQ(before, after);
}

TEST_F(TranslationCliTest, TranslateWritesTheFrenchDocument) {
    std::string out;
    ASSERT_EQ(tandem("translate trp-limits-to-protection --lang fr", &out), 0);
    EXPECT_NE(out.find("xml:lang=\"fr\""), std::string::npos);
    EXPECT_NE(out.find("permis de séjour temporaire (<abbr>PST</abbr>)"), std::string::npos) << out;
    out.clear();
    ASSERT_EQ(tandem("translate awareness-raising-and-policy --lang en", &out), 0);
    EXPECT_NE(out.find("xml:lang=\"en\""), std::string::npos);
}

TEST_F(TranslationCliTest, CheckAndTmAnswer) {
    std::string out;
    EXPECT_EQ(tandem("check trp-limits-to-protection --lang fr --json", &out), 0);
    EXPECT_EQ(nlohmann::json::parse(out).size(), 0u);
    out.clear();
    EXPECT_EQ(tandem("tm trp-limits-to-protection --lang fr --json", &out), 0);
    EXPECT_EQ(nlohmann::json::parse(out).size(), 0u);
    EXPECT_EQ(tandem("check trp-limits-to-protection --lang en"), 2) << "the source language has no catalog";
}

TEST_F(TranslationCliTest, ASegmentHasTheSameNumberInTheCliAsInTheEditor) {
    // Segment 3's translation gets a trailing space (a check fails) and
    // segment 5's is cleared (untranslated), counting as people do, from 1.
    std::string text;
    ASSERT_EQ(tandem("po export awareness-raising-and-policy --lang en", &text), 0);
    auto catalog = po::read_catalog(text, "en.po");
    ASSERT_TRUE(catalog) << describe(catalog.error());
    std::vector<po::Message*> live;
    for (auto& m : catalog->messages)
        if (!m.obsolete) live.push_back(&m);
    ASSERT_GE(live.size(), 5u);
    const std::string broken = live[2]->msgid, cleared = live[4]->msgid;
    ASSERT_NE(live[2]->msgstr.back(), ' ');
    live[2]->msgstr += " ";
    live[4]->msgstr.clear();
    std::ofstream(path("en.po")) << po::write_catalog(*catalog).value();
    ASSERT_EQ(tandem("po import awareness-raising-and-policy " + path("en.po") + " --lang en --author 'Tr <tr@x.org>' -m 'Two edits'"), 0)
        << stderr_text();

    // The numbers the web editor shows ("Segment {index + 1} of {total}").
    auto ctx = workflow::open_context(path("data"), testing::source_dir());
    ASSERT_TRUE(ctx) << describe(ctx.error());
    auto memory = workflow::build_repository_memory(*ctx);
    ASSERT_TRUE(memory);
    auto view = workflow::read_segments(*ctx, *memory, "awareness-raising-and-policy", Lang::en);
    ASSERT_TRUE(view) << describe(view.error());
    std::map<std::string, int> shown;
    for (const auto& s : view->segments) shown[s.msgid] = s.index + 1;
    ASSERT_EQ(shown.at(broken), 3);
    ASSERT_EQ(shown.at(cleared), 5);

    std::string out;
    EXPECT_EQ(tandem("check awareness-raising-and-policy --lang en --json", &out), 0);
    bool found = false;
    for (const auto& item : nlohmann::json::parse(out)) {
        EXPECT_EQ(item["segment"], shown.at(item["msgid"])) << item;
        found = found || (item["msgid"] == broken && item["code"] == "whitespace-trailing");
    }
    EXPECT_TRUE(found) << out;
    out.clear();
    EXPECT_EQ(tandem("check awareness-raising-and-policy --lang en", &out), 0);
    EXPECT_NE(out.find(": segment 3: "), std::string::npos) << out;
    EXPECT_EQ(out.find(": segment 2: "), std::string::npos) << "not 0-based: " << out;

    out.clear();
    ASSERT_EQ(tandem("tm awareness-raising-and-policy --lang en --json", &out), 0);
    const auto suggestions = nlohmann::json::parse(out);
    ASSERT_EQ(suggestions.size(), 1u) << out;
    EXPECT_EQ(suggestions[0]["msgid"], cleared);
    EXPECT_EQ(suggestions[0]["segment"], 5);
    out.clear();
    ASSERT_EQ(tandem("tm awareness-raising-and-policy --lang en", &out), 0);
    EXPECT_EQ(out.rfind("segment 5, untranslated: ", 0), 0u) << out;

    out.clear();
    ASSERT_EQ(tandem("blame awareness-raising-and-policy --lang en --json", &out), 0);
    const auto blame = nlohmann::json::parse(out);
    ASSERT_FALSE(blame.empty());
    for (const auto& row : blame) EXPECT_EQ(row["segment"], shown.at(row["msgid"])) << row;
    out.clear();
    ASSERT_EQ(tandem("blame awareness-raising-and-policy --lang en", &out), 0);
    EXPECT_EQ(out.rfind("SEGMENT", 0), 0u) << out;
    EXPECT_NE(out.find("\n3  "), std::string::npos) << out;
}

TEST_F(TranslationCliTest, EveryTranslationSubcommandHasHelp) {
    for (const char* cmd : {"status", "extract", "po export", "po import", "translate", "check", "tm", "blame", "its extract", "its merge", "approve", "withdraw-release", "pending"}) {
        SCOPED_TRACE(cmd);
        std::string out;
        EXPECT_EQ(tandem(std::string(cmd) + " --help", &out), 0);
        EXPECT_NE(out.find("Usage"), std::string::npos);
    }
}

}  // namespace
}  // namespace tandem

namespace tandem {
namespace {

TEST_F(TranslationCliTest, APublisherApprovesEverythingAndADraftEditIsPendingAgain) {
    std::string out;
    ASSERT_EQ(tandem("pending --json", &out), 0);
    const auto pending = nlohmann::json::parse(out);
    ASSERT_GE(pending.size(), 10u);
    for (const auto& item : pending) {
        SCOPED_TRACE(item["id"].get<std::string>());
        EXPECT_TRUE(item["parity"]["ready"].get<bool>());
        EXPECT_EQ(tandem("approve " + item["id"].get<std::string>() + " --author 'Paule <p@x.org>'"), 0) << stderr_text();
    }
    out.clear();
    ASSERT_EQ(tandem("pending --json", &out), 0);
    EXPECT_EQ(nlohmann::json::parse(out).size(), 0u);

    std::string xml;
    ASSERT_EQ(tandem("show order-form", &xml), 0);
    xml.replace(xml.find("</body>"), 0, "  <p>A new paragraph.</p>\n  ");
    std::ofstream(path("draft.xml")) << xml;
    ASSERT_EQ(tandem("save order-form " + path("draft.xml") + " --author 'Ed <ed@x.org>' -m Draft --base " + main_revision()), 0) << stderr_text();
    out.clear();
    ASSERT_EQ(tandem("pending --json", &out), 0);
    const auto again = nlohmann::json::parse(out);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_FALSE(again[0]["parity"]["ready"].get<bool>());
    out.clear();
    ASSERT_EQ(tandem("pending", &out), 0);
    EXPECT_NE(out.find("; 1 block changed\n"), std::string::npos) << out;
    EXPECT_EQ(tandem("approve order-form --author 'Paule <p@x.org>'"), 2);
    EXPECT_NE(stderr_text().find("untranslated"), std::string::npos) << stderr_text();
    out.clear();
    ASSERT_EQ(tandem("show order-form --rev release", &out), 0);
    EXPECT_EQ(out.find("A new paragraph."), std::string::npos) << "an unapproved draft never reaches release";
    EXPECT_EQ(tandem("withdraw-release order-form --author 'Paule <p@x.org>'"), 0);
    EXPECT_EQ(tandem("show order-form --rev release"), 4);
}

}  // namespace
}  // namespace tandem
