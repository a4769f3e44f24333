// The `tandem` command run as a user would: real processes, real repository.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "tests/cms/cli/cli_fixture.h"

namespace tandem {
namespace {

class CliTest : public testing::CliFixture {
protected:
    void SetUp() override {
        m_dir.write("seed/resources/alpha/resource.xml", testing::sample_resource("alpha"));
        ASSERT_EQ(tandem("init --seed " + path("seed")), 0);
    }
    std::string file(const std::string& name, const std::string& text) { return m_dir.write(name, text).string(); }
};

TEST_F(CliTest, ListJsonHasIdTypeSourceLanguageTitleAndRevision) {
    std::string out;
    ASSERT_EQ(tandem("list --json", &out), 0);
    const auto list = nlohmann::json::parse(out);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["id"], "alpha");
    EXPECT_EQ(list[0]["type"], "report");
    EXPECT_EQ(list[0]["source_lang"], "en");
    EXPECT_EQ(list[0]["title"], "Sample alpha");
    EXPECT_EQ(list[0]["revision"].get<std::string>().size(), 40u);
}

TEST_F(CliTest, ExitCodesSayWhatWentWrong) {
    std::string out;
    ASSERT_EQ(tandem("list --json", &out), 0);
    const std::string base = nlohmann::json::parse(out)[0]["revision"];
    const std::string good = file("good.xml", testing::sample_resource("alpha", "New."));
    const std::string bad = file("bad.xml", "<resource xmlns=\"urn:tandem:resource:1\">\n  <oops>\n</resource>\n");

    EXPECT_EQ(tandem("frobnicate"), 1);
    EXPECT_EQ(tandem("save alpha " + good), 1) << "missing --author and --message";
    EXPECT_EQ(tandem("save alpha " + bad + " --author 'E <e@x>' -m m --base " + base), 2);
    EXPECT_NE(stderr_text().find("bad.xml:3:12:"), std::string::npos) << stderr_text();
    EXPECT_EQ(tandem("save alpha " + good + " --author 'E <e@x>' -m m"), 3) << "exists and no --base";
    EXPECT_EQ(tandem("show nothing-here"), 4);
    EXPECT_EQ(tandem("show ../etc"), 2);
    EXPECT_EQ(tandem("save alpha " + good + " --author 'E <e@x>' -m m --base " + base, &out), 0);
    EXPECT_EQ(tandem("save alpha " + good + " --author 'E <e@x>' -m again --base " + base), 3) << "stale base";
    // A branch name would name the tip at the time of the write: a blind overwrite.
    EXPECT_EQ(tandem("save alpha " + good + " --author 'E <e@x>' -m again --base main"), 2);
    EXPECT_NE(stderr_text().find("must be a commit id"), std::string::npos) << stderr_text();
    EXPECT_EQ(tandem("save alpha " + good + " --author 'E <e@x>' -m again --base HEAD~1"), 2);
    EXPECT_EQ(tandem("save alpha " + good + " --author 'E <e@x>' -m '  ' --base " + main_revision()), 1) << "an empty message";
    EXPECT_NE(stderr_text().find("the message is empty"), std::string::npos) << stderr_text();
    EXPECT_EQ(tandem("history alpha --limit 0"), 1);
    EXPECT_EQ(tandem("history alpha --limit -1"), 1);
    EXPECT_EQ(tandem("save alpha " + good + " --author 'E <e@x>' -m again --base deadbeefdeadbeef"), 3) << "unknown commit";
    EXPECT_NE(stderr_text().find("the current revision is " + main_revision()), std::string::npos) << stderr_text();
}

TEST_F(CliTest, JsonErrorsCarryCodeAndPosition) {
    const std::string bad = file("bad.xml", "<resource>\n<x>\n");
    EXPECT_EQ(tandem("save alpha " + bad + " --author 'E <e@x>' -m m --base " + main_revision() + " --json"), 2);
    const auto error = nlohmann::json::parse(stderr_text())["error"];
    EXPECT_EQ(error["code"], "invalid");
    EXPECT_EQ(error["line"], 3);
}

// The data folder may be named after the subcommand too, as people type it.
TEST_F(CliTest, GlobalOptionsMayFollowTheSubcommand) {
    std::string out;
    const std::string other = path("other-data");
    ASSERT_EQ(testing::run_command(std::string(TANDEM_BINARY) + " init --data " + other + " >/dev/null 2>&1", nullptr), 0);
    ASSERT_EQ(testing::run_command(std::string(TANDEM_BINARY) + " list --json --data " + other, &out), 0);
    EXPECT_GE(nlohmann::json::parse(out).size(), 10u) << "the seed, from the folder named after the subcommand";
    EXPECT_NE(testing::run_command(std::string(TANDEM_BINARY) + " list --data " + other + " --no-such-option 2>/dev/null", nullptr), 0);
}

TEST_F(CliTest, SaveHistoryDiffRevertWithdraw) {
    std::string out;
    const std::string v2 = file("v2.xml", testing::sample_resource("alpha", "Second."));
    ASSERT_EQ(tandem("save alpha - --author 'Ana <ana@x.org>' -m 'Second draft' --base " + main_revision() + " < " + v2, &out), 0);
    out.clear();
    ASSERT_EQ(tandem("history alpha --json", &out), 0);
    const auto history = nlohmann::json::parse(out);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0]["author"], "Ana");
    // The message as the editor wrote it: Tandem's own Tandem-Resource trailer is not shown.
    EXPECT_EQ(history[0]["message"], "Second draft");
    out.clear();
    ASSERT_EQ(tandem("diff alpha main~1 main --json", &out), 0);
    EXPECT_EQ(nlohmann::json::parse(out)["blocks"][0]["after"], "Second.");
    ASSERT_EQ(tandem("revert alpha main~1"), 0);
    out.clear();
    ASSERT_EQ(tandem("show alpha", &out), 0);
    EXPECT_EQ(out, testing::sample_resource("alpha"));
    ASSERT_EQ(tandem("withdraw alpha"), 0);
    EXPECT_EQ(tandem("show alpha"), 4);
}

TEST_F(CliTest, DiffShowsACreationAsEverythingAdded) {
    const std::string beta = file("beta.xml", testing::sample_resource("beta", "Beta words."));
    ASSERT_EQ(tandem("save beta " + beta + " --author 'Ana <ana@x.org>' -m 'New resource'"), 0) << stderr_text();
    std::string out;
    ASSERT_EQ(tandem("diff beta main~1 main", &out), 0) << stderr_text();
    EXPECT_NE(out.find("resource beta did not exist at main~1: created between main~1 and main"), std::string::npos) << out;
    EXPECT_NE(out.find("section (head): added"), std::string::npos) << out;
    EXPECT_NE(out.find("new file mode"), std::string::npos) << out;
    EXPECT_NE(out.find("--- /dev/null\n+++ b/resources/beta/resource.xml\n"), std::string::npos) << out;
    EXPECT_NE(out.find("+      <p>Beta words.</p>"), std::string::npos) << out;
    out.clear();
    ASSERT_EQ(tandem("diff beta main~1 main --json", &out), 0) << stderr_text();
    const auto diff = nlohmann::json::parse(out);
    EXPECT_EQ(diff["change"], "added");
    ASSERT_FALSE(diff["blocks"].empty());
    for (const auto& b : diff["blocks"]) {
        EXPECT_EQ(b["change"], "added") << b;
        EXPECT_EQ(b["before"], "") << b;
    }
    EXPECT_NE(diff["text"].get<std::string>().find("--- /dev/null"), std::string::npos);
}

TEST_F(CliTest, DiffShowsAWithdrawalAsEverythingRemoved) {
    ASSERT_EQ(tandem("withdraw alpha"), 0) << stderr_text();
    std::string out;
    ASSERT_EQ(tandem("diff alpha main~1 main", &out), 0) << stderr_text();
    EXPECT_NE(out.find("resource alpha does not exist at main: withdrawn between main~1 and main"), std::string::npos) << out;
    EXPECT_NE(out.find("section (head): removed"), std::string::npos) << out;
    EXPECT_NE(out.find("deleted file mode"), std::string::npos) << out;
    EXPECT_NE(out.find("--- a/resources/alpha/resource.xml\n+++ /dev/null\n"), std::string::npos) << out;
    EXPECT_NE(out.find("-      <p>First paragraph.</p>"), std::string::npos) << out;
    out.clear();
    ASSERT_EQ(tandem("diff alpha main~1 main --json", &out), 0) << stderr_text();
    const auto diff = nlohmann::json::parse(out);
    EXPECT_EQ(diff["change"], "removed");
    ASSERT_FALSE(diff["blocks"].empty());
    for (const auto& b : diff["blocks"]) EXPECT_EQ(b["change"], "removed") << b;
    // A resource that exists on neither side, or an unknown revision, is still not found.
    EXPECT_EQ(tandem("diff nothing main~1 main"), 4);
    EXPECT_EQ(tandem("diff alpha no-such-revision main"), 4);
}

TEST_F(CliTest, CountedNounsAgreeWithTheirNumber) {
    EXPECT_NE(stderr_text().find(" with 1 resource\n"), std::string::npos) << "init: " << stderr_text();
    std::string out;
    ASSERT_EQ(tandem("list", &out), 0);
    EXPECT_NE(out.find("\n1 resource\n"), std::string::npos) << out;
    out.clear();
    ASSERT_EQ(tandem("queue fr", &out), 0);
    EXPECT_NE(out.find("\n1 resource to translate into fr\n"), std::string::npos) << out;
    out.clear();
    ASSERT_EQ(tandem("queue en", &out), 0);
    EXPECT_NE(out.find("0 resources to translate into en\n"), std::string::npos) << out;
    const std::string beta = file("beta.xml", testing::sample_resource("beta"));
    ASSERT_EQ(tandem("save beta " + beta + " --author 'Ana <ana@x.org>' -m 'New resource'"), 0) << stderr_text();
    out.clear();
    ASSERT_EQ(tandem("list", &out), 0);
    EXPECT_NE(out.find("\n2 resources\n"), std::string::npos) << out;
}

TEST_F(CliTest, EverySubcommandHasHelp) {
    for (const char* cmd : {"", "init", "list", "show", "save", "history", "diff", "revert", "withdraw", "gc"}) {
        SCOPED_TRACE(cmd);
        std::string out;
        EXPECT_EQ(tandem(std::string(cmd) + " --help", &out), 0);
        EXPECT_NE(out.find("Usage"), std::string::npos) << out;
    }
}

}  // namespace
}  // namespace tandem
