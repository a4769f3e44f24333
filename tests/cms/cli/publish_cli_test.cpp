// `tandem publish`, `rollback` and `releases` through the real binary, and
// the kill test: a publish killed at any moment leaves the previous site
// served, whole and unchanged, and the next publish works.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "cms/workflow/approval.h"
#include "tests/cms/cli/cli_fixture.h"

namespace tandem::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;


// A resource with several sections, so a publish of a few hundred takes long
// enough to be killed in the middle.
std::string long_resource(const std::string& id, int variant) {
    std::string xml = sample_resource(id, "Opening paragraph " + std::to_string(variant) + " of " + id + ".");
    std::string sections;
    for (int s = 0; s < 6; ++s) {
        sections += "    <section id=\"s" + std::to_string(s) + "\">\n      <h>Part " + std::to_string(s) + "</h>\n";
        for (int p = 0; p < 5; ++p)
            sections += "      <p>Paragraph " + std::to_string(p) + " of part " + std::to_string(s) + " of " + id +
                        ": trafficked persons need protection, not detention, and a permit that lasts.</p>\n";
        sections += "    </section>\n";
    }
    xml.replace(xml.find("  </body>"), 0, sections);
    return xml;
}

const store::Author k_publisher{"Paule Publisher", "paule@example.org", 1767240000};

class PublishCliTest : public CliFixture {
protected:
    std::string data() { return path("data"); }
    // A data folder with `count` resources, all approved (unilingually: the
    // kill test is about files, not translations).
    void seed(int count) {
        for (int i = 0; i < count; ++i) {
            const std::string id = "res-" + std::to_string(1000 + i);
            m_dir.write("seed/resources/" + id + "/resource.xml", long_resource(id, 0));
        }
        ASSERT_EQ(tandem("--share " + source_dir().string() + " init --seed " + path("seed")), 0) << stderr_text();
        auto ctx = workflow::open_context(data(), source_dir()).value();
        const auto ids = store::list_resources(ctx.store, "main").value();
        for (const auto& id : ids)
            ASSERT_TRUE(workflow::approve_resource(ctx, {id, "main", k_publisher, "Translation follows", true}).has_value());
    }
    // Changes `count` resources on main and approves them, so the next publish differs.
    void revise(int count, int variant) {
        auto ctx = workflow::open_context(data(), source_dir()).value();
        for (int i = 0; i < count; ++i) {
            const std::string id = "res-" + std::to_string(1000 + i);
            const auto tip = store::branch_tip(ctx.store, "main").value().value();
            ASSERT_TRUE(workflow::save_source(ctx, {id, long_resource(id, variant), tip, k_publisher, "Revise"}).has_value());
            ASSERT_TRUE(workflow::approve_resource(ctx, {id, "main", k_publisher, "Translation follows", true}).has_value());
        }
    }
    int run(const std::string& args, std::string* out = nullptr) {
        return tandem("--share " + source_dir().string() + " " + args, out);
    }
    // Starts `tandem publish --full` and returns its pid.
    pid_t start_publish() {
        const pid_t pid = ::fork();
        if (pid == 0) {
            const std::string d = data(), share = source_dir().string();
            ::freopen("/dev/null", "w", stdout);
            ::freopen("/dev/null", "w", stderr);
            ::execl(TANDEM_BINARY, TANDEM_BINARY, "--data", d.c_str(), "--share", share.c_str(), "publish", "--full",
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        return pid;
    }
    bool building_folder_exists() {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(path("data/site.gen"), ec))
            if (entry.path().filename().string().rfind(".building-", 0) == 0) return true;
        return false;
    }
};

TEST_F(PublishCliTest, PublishPrintsJsonAndReleasesListsThePublication) {
    seed(3);
    std::string out;
    ASSERT_EQ(run("publish --json --site-url https://example.org/campaign", &out), 0) << stderr_text();
    EXPECT_EQ(stderr_text().find("no --site-url"), std::string::npos) << stderr_text();
    const auto done = json::parse(out);
    EXPECT_EQ(done["number"], 1);
    EXPECT_EQ(done["pages"], 6);
    EXPECT_EQ(done["changed"], 6);
    EXPECT_EQ(done["resources"], 3);
    EXPECT_TRUE(done.contains("seconds"));
    EXPECT_TRUE(fs::is_symlink(path("data/site")));
    const auto feed = read_site(path("data/site")).at("feeds/resources.atom");
    EXPECT_NE(feed.find("https://example.org/campaign/en/resources/res-1000/"), std::string::npos);

    out.clear();
    ASSERT_EQ(run("publish --site-url https://example.org/campaign/", &out), 0) << stderr_text();
    EXPECT_EQ(out.rfind("Published 6 pages of 3 resources (0 re-rendered) as published/2 in ", 0), 0u) << out;

    out.clear();
    ASSERT_EQ(run("releases --json", &out), 0);
    const auto releases = json::parse(out);
    ASSERT_EQ(releases.size(), 2u);
    EXPECT_EQ(releases[0]["number"], 2);
    EXPECT_EQ(releases[0]["live"], true);
    EXPECT_EQ(releases[1]["live"], false);
    EXPECT_EQ(releases[0]["revision"].get<std::string>().size(), 40u);
}

TEST_F(PublishCliTest, APublishOfOneResourceSaysResourceInTheSingular) {
    seed(1);
    std::string out;
    ASSERT_EQ(run("publish --site-url https://example.org/", &out), 0) << stderr_text();
    EXPECT_EQ(out.rfind("Published 2 pages of 1 resource (2 re-rendered) as published/1 in ", 0), 0u) << out;
}

TEST_F(PublishCliTest, RollbackRepublishesAnEarlierPublicationWithItsOwnSiteUrl) {
    seed(3);
    ASSERT_EQ(run("publish --site-url https://example.org/"), 0) << stderr_text();
    const auto first = read_site(path("data/site"));
    revise(1, 1);
    ASSERT_EQ(run("publish"), 0) << stderr_text();
    // Without --site-url a publish keeps the address of the one before (as
    // the web app's does), and says nothing.
    EXPECT_EQ(stderr_text().find("no --site-url"), std::string::npos) << stderr_text();
    EXPECT_NE(read_site(path("data/site")).at("sitemap.xml").find("https://example.org/en/"), std::string::npos);
    EXPECT_EQ(read_site(path("data/site")).at("sitemap.xml").find("localhost"), std::string::npos);
    ASSERT_NE(read_site(path("data/site")), first);
    std::string out;
    ASSERT_EQ(run("rollback 1 --json", &out), 0) << stderr_text();
    EXPECT_EQ(json::parse(out)["number"], 1);
    EXPECT_TRUE(read_site(path("data/site")) == first);
}

TEST_F(PublishCliTest, BadInputIsRefusedWithItsExitCodeAndChangesNothing) {
    seed(2);
    EXPECT_EQ(run("publish --site-url ftp://example.org/"), 2);
    EXPECT_NE(stderr_text().find("--site-url"), std::string::npos);
    EXPECT_FALSE(fs::exists(path("data/site")));
    EXPECT_EQ(run("rollback 3"), 4);
    EXPECT_NE(stderr_text().find("no publication 3"), std::string::npos);
    EXPECT_EQ(run("publish --reuse symlink"), 2);
    fs::create_directories(path("data/mine"));
    EXPECT_EQ(run("publish --out " + path("data/mine") + " --json"), 2);
    EXPECT_NE(stderr_text().find("\"code\":\"invalid\""), std::string::npos);
    EXPECT_TRUE(fs::is_directory(path("data/mine")) && !fs::is_symlink(path("data/mine")));
    std::string releases;
    ASSERT_EQ(run("releases", &releases), 0);
    EXPECT_NE(releases.find("Nothing published yet"), std::string::npos);
    for (const char* command : {"publish", "rollback", "releases"}) {
        std::string help;
        EXPECT_EQ(run(std::string(command) + " --help", &help), 0);
        EXPECT_NE(help.find("--out"), std::string::npos) << command;
    }
}

TEST_F(PublishCliTest, AKilledPublishLeavesThePreviousSiteLiveAndWholeAndTheNextOneWorks) {
    seed(300);
    ASSERT_EQ(run("publish"), 0) << stderr_text();
    EXPECT_NE(stderr_text().find("no --site-url: canonical links, the sitemap and the feeds name http://localhost/"),
              std::string::npos) << "a first publish without an address says which one it uses";
    SiteFiles live = read_site(path("data/site"));
    revise(20, 1);
    // The site the release should become, published elsewhere once.
    ASSERT_EQ(run("publish --full --out " + path("data/reference")), 0) << stderr_text();
    const SiteFiles next = read_site(path("data/reference"));
    ASSERT_NE(live, next);

    // How long an uninterrupted publish takes here, only to spread the kills
    // over it: nothing is asserted about time.
    const auto started = Clock::now();
    ASSERT_EQ(run("publish --full --out " + path("data/timing")), 0);
    const auto span = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);

    int killed_while_building = 0, swapped = 0;
    for (int attempt = 0; attempt < 12; ++attempt) {
        SCOPED_TRACE("attempt " + std::to_string(attempt));
        const pid_t pid = start_publish();
        ASSERT_GT(pid, 0);
        if (attempt < 4) {
            // Kill as soon as the new generation's folder appears.
            for (int i = 0; i < 200000 && !building_folder_exists(); ++i) std::this_thread::sleep_for(std::chrono::microseconds(50));
        } else {
            std::this_thread::sleep_for(span * (attempt - 3) / 6);  // up to a third past the whole span
        }
        const bool was_building = building_folder_exists();
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        const SiteFiles now = read_site(path("data/site"));
        if (now == live) {
            killed_while_building += was_building;
        } else {
            // The kill came after the swap: the new site is live, and whole.
            ASSERT_TRUE(now == next) << "the live site is neither the previous one nor the new one";
            ++swapped;
            live = now;
        }
    }
    EXPECT_GE(killed_while_building, 1);
    ASSERT_EQ(run("publish"), 0) << stderr_text();
    EXPECT_TRUE(read_site(path("data/site")) == next);
    std::cout << "kill test: " << killed_while_building << " kills while building, " << swapped
              << " after the swap, publish span " << span.count() / 1000 << " ms\n";
}

}  // namespace
}  // namespace tandem::testing
