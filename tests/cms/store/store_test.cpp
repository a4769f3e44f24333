#include "cms/store/store.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "tests/support/fixtures.h"

namespace tandem::store {
namespace {

Author editor() { return Author{"Edith Editor", "edith@example.org", 1767225600}; }

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::vector<SeedFile> seed{{"resources/alpha/resource.xml", testing::sample_resource("alpha")},
                                   {"resources/beta/resource.xml", testing::sample_resource("beta")},
                                   {"glossary/fr.po", "msgid \"\"\nmsgstr \"\"\n"}};
        auto created = init_store(m_dir.path() / "content.git", seed, editor(), "Seed");
        ASSERT_TRUE(created.has_value()) << describe(created.error());
        m_store = std::make_unique<Store>(*created);
    }

    Result<CommitResult> save(const std::string& id, const std::string& paragraph, std::optional<Revision> base,
                              const std::string& message = "Edit") {
        ResourceCommit commit;
        commit.id = id;
        commit.writes.push_back({"resource.xml", testing::sample_resource(id, paragraph)});
        commit.base = std::move(base);
        commit.author = editor();
        commit.message = message;
        return commit_resource(*m_store, commit);
    }

    Revision tip() { return branch_tip(*m_store, k_main).value().value(); }

    void run_git(const std::string& commands);

    std::string git(const std::string& args) {
        std::string out;
        const int rc = testing::run_command("git --git-dir=" + (m_dir.path() / "content.git").string() + " " + args + " 2>&1", &out);
        EXPECT_EQ(rc, 0) << "git " << args << ":\n" << out;
        return out;
    }

    testing::TempDir m_dir;
    std::unique_ptr<Store> m_store;
};

TEST_F(StoreTest, InitCreatesMainWithTheSeedAndAnEmptyRelease) {
    EXPECT_EQ(list_resources(*m_store, "main").value(), (std::vector<std::string>{"alpha", "beta"}));
    EXPECT_TRUE(list_resources(*m_store, "release").value().empty());
    EXPECT_EQ(read_path(*m_store, "glossary/fr.po", "main").value(), "msgid \"\"\nmsgstr \"\"\n");
    EXPECT_EQ(init_store(m_dir.path() / "content.git", {}, editor(), "again").error().code, ErrorCode::conflict);
}

TEST_F(StoreTest, SaveThenReadAtEachRevision) {
    const Revision first = tip();
    const auto saved = save("alpha", "Second version.", first);
    ASSERT_TRUE(saved.has_value()) << describe(saved.error());
    EXPECT_TRUE(saved->changed);
    EXPECT_EQ(tip(), saved->revision);
    EXPECT_EQ(read_resource_file(*m_store, "alpha", "resource.xml", first).value(), testing::sample_resource("alpha"));
    EXPECT_EQ(read_resource_file(*m_store, "alpha", "resource.xml", "main").value(),
              testing::sample_resource("alpha", "Second version."));
    EXPECT_EQ(read_resource_file(*m_store, "alpha", "resource.xml", saved->revision.substr(0, 10)).value(),
              testing::sample_resource("alpha", "Second version."));
}

TEST_F(StoreTest, SavingTheSameContentWritesNoCommit) {
    const Revision before = tip();
    const auto saved = save("alpha", "First paragraph.", before);
    ASSERT_TRUE(saved.has_value());
    EXPECT_FALSE(saved->changed);
    EXPECT_EQ(tip(), before);
}

TEST_F(StoreTest, AStaleBaseIsAConflictAndWritesNothing) {
    const Revision base = tip();
    ASSERT_TRUE(save("alpha", "Theirs.", base).has_value());
    const Revision after_theirs = tip();
    const auto mine = save("alpha", "Mine.", base);
    ASSERT_FALSE(mine.has_value());
    EXPECT_EQ(mine.error().code, ErrorCode::conflict);
    EXPECT_NE(mine.error().message.find(after_theirs), std::string::npos) << mine.error().message;
    EXPECT_EQ(tip(), after_theirs);
    EXPECT_EQ(read_resource_file(*m_store, "alpha", "resource.xml", "main").value(),
              testing::sample_resource("alpha", "Theirs."));
}

TEST_F(StoreTest, ABaseFromBeforeAnUnrelatedChangeIsNotStale) {
    const Revision base = tip();
    ASSERT_TRUE(save("beta", "Other resource changed.", base).has_value());
    EXPECT_TRUE(save("alpha", "Still fine.", base).has_value());
}

TEST_F(StoreTest, CreatingAnExistingResourceIsAConflict) {
    EXPECT_EQ(save("alpha", "x", std::nullopt).error().code, ErrorCode::conflict);
    EXPECT_TRUE(save("gamma", "new", std::nullopt).has_value());
    EXPECT_EQ(list_resources(*m_store, "main").value().size(), 3u);
}

TEST_F(StoreTest, HostileIdsAndFileNamesAreRejectedAndWriteNothing) {
    const Revision before = tip();
    for (const std::string& id : std::vector<std::string>{"../escape", "a/b", "..", "", "UPPER", "x y", std::string(65, 'a')}) {
        SCOPED_TRACE(id);
        EXPECT_EQ(save(id, "x", std::nullopt).error().code, ErrorCode::invalid);
    }
    for (const std::string& name : std::vector<std::string>{"../../HEAD", "files/../x", "files/.hidden", "other.txt", "/abs", "files/"}) {
        SCOPED_TRACE(name);
        ResourceCommit commit{.id = "alpha", .writes = {{name, "x"}}, .base = before, .author = editor(), .message = "m"};
        EXPECT_EQ(commit_resource(*m_store, commit).error().code, ErrorCode::invalid);
    }
    EXPECT_EQ(read_resource_file(*m_store, "../x", "resource.xml", "main").error().code, ErrorCode::invalid);
    EXPECT_EQ(tip(), before);
}

TEST_F(StoreTest, ABaseMustBeACommitIdAndAnUnknownOneIsAConflict) {
    const Revision before = tip();
    // A branch name or an expression names the tip at write time: it would
    // overwrite whatever changed since the caller read the resource.
    for (const std::string& base : {std::string("main"), std::string("HEAD~1"), std::string("*"), std::string("abc"),
                                    before + "0", "\"" + before + "\""}) {
        SCOPED_TRACE(base);
        const auto saved = save("alpha", "x", base);
        ASSERT_FALSE(saved.has_value());
        EXPECT_EQ(saved.error().code, ErrorCode::invalid) << saved.error().message;
    }
    const auto unknown = save("alpha", "x", std::string(40, '0'));
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().code, ErrorCode::conflict);
    EXPECT_NE(unknown.error().message.find("the current revision is " + before), std::string::npos) << unknown.error().message;
    EXPECT_EQ(tip(), before);
    // An abbreviated id is the caller's view too.
    EXPECT_TRUE(save("alpha", "Short id.", before.substr(0, 12)).has_value());
}

TEST_F(StoreTest, UnknownRevisionIsNotFound) {
    EXPECT_EQ(resolve(*m_store, "no-such-branch").error().code, ErrorCode::not_found);
    EXPECT_EQ(read_resource_file(*m_store, "zeta", "resource.xml", "main").error().code, ErrorCode::not_found);
}

TEST_F(StoreTest, HistoryListsWhoWhenAndWhyNewestFirst) {
    ASSERT_TRUE(save("alpha", "v2", tip(), "Second").has_value());
    ASSERT_TRUE(save("beta", "b2", tip(), "Beta only").has_value());
    ASSERT_TRUE(save("alpha", "v3", tip(), "Third").has_value());
    const auto history = resource_history(*m_store, "alpha");
    ASSERT_TRUE(history.has_value());
    ASSERT_EQ(history->size(), 3u);
    EXPECT_EQ((*history)[0].summary, "Third");
    EXPECT_EQ((*history)[1].summary, "Second");
    EXPECT_EQ((*history)[2].summary, "Seed");
    EXPECT_EQ((*history)[0].author_name, "Edith Editor");
    EXPECT_EQ((*history)[0].time, 1767225600);
    EXPECT_EQ(resource_history(*m_store, "alpha", 1).value().size(), 1u);
}

TEST_F(StoreTest, TheHistoryIndexIsRebuiltFromGitWhenMissing) {
    ASSERT_TRUE(save("alpha", "v2", tip()).has_value());
    ASSERT_TRUE(save("beta", "b2", tip()).has_value());
    const auto before = resource_history(*m_store, "alpha").value();
    std::filesystem::remove_all(store_path(*m_store) / "tandem");
    const auto after = resource_history(*m_store, "alpha").value();
    ASSERT_EQ(before.size(), after.size());
    for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(before[i].revision, after[i].revision);
}

// Runs git commands on the content repository as another tool would (after
// `set -e`, with GIT_DIR and a scratch index exported, author "Other").
void StoreTest::run_git(const std::string& commands) {
    const std::string dir = (m_dir.path() / "content.git").string();
    const std::string index = (m_dir.path() / "index").string();
    const std::string script = "set -e; export GIT_DIR=" + dir + " GIT_INDEX_FILE=" + index +
                               " GIT_AUTHOR_NAME=Other GIT_AUTHOR_EMAIL=o@x GIT_COMMITTER_NAME=Other "
                               "GIT_COMMITTER_EMAIL=o@x;" +
                               commands;
    const auto script_file = m_dir.path() / "outside.sh";
    FILE* f = std::fopen(script_file.c_str(), "w");
    std::fputs(script.c_str(), f);
    std::fclose(f);
    std::string out;
    ASSERT_EQ(testing::run_command("bash " + script_file.string() + " 2>&1", &out), 0) << out;
}

TEST_F(StoreTest, HistoryIncludesCommitsMadeByPlainGit) {
    // A commit from another tool, without Tandem's trailer, still shows up.
    run_git(" git read-tree main; blob=$(printf 'changed' | git hash-object -w --stdin);"
            " git update-index --add --cacheinfo 100644,$blob,resources/beta/fr.po;"
            " tree=$(git write-tree); c=$(git commit-tree $tree -p main -m 'Outside edit'); git update-ref refs/heads/main $c");
    const auto history = resource_history(*m_store, "beta").value();
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].summary, "Outside edit");
    EXPECT_EQ(resource_history(*m_store, "alpha").value().size(), 1u);
}

TEST_F(StoreTest, HistoryFollowsAMergeMadeWithPlainGit) {
    // The index is up to date at the tip; then a side branch changes beta and
    // is merged: the catch-up leaves the line of single-parent commits.
    ASSERT_TRUE(save("alpha", "v2", tip()).has_value());
    ASSERT_EQ(resource_history(*m_store, "alpha").value().size(), 2u);
    run_git(" base=$(git rev-parse main~1); git read-tree $base; blob=$(printf 'side' | git hash-object -w --stdin);"
            " git update-index --add --cacheinfo 100644,$blob,resources/beta/fr.po;"
            " side=$(git commit-tree $(git write-tree) -p $base -m 'Side edit');"
            " git read-tree main; git update-index --add --cacheinfo 100644,$blob,resources/beta/fr.po;"
            " m=$(git commit-tree $(git write-tree) -p main -p $side -m 'Merge side'); git update-ref refs/heads/main $m");
    const auto beta = resource_history(*m_store, "beta").value();
    ASSERT_EQ(beta.size(), 3u);
    EXPECT_EQ(beta[0].summary, "Merge side");
    EXPECT_EQ(beta[1].summary, "Side edit");
    EXPECT_EQ(resource_history(*m_store, "alpha").value().size(), 2u);
}

TEST_F(StoreTest, TheTipSeesMovesByOtherProcessesLooseOrPacked) {
    // branch_tip remembers the tip while the ref's files are unchanged; a move
    // by plain git, as a loose ref or in packed-refs, is seen at once.
    const Revision first = tip();
    ASSERT_TRUE(save("alpha", "v2", first).has_value());
    const Revision second = tip();
    ASSERT_NE(second, first);
    run_git(" git update-ref refs/heads/main " + first);
    EXPECT_EQ(tip(), first);
    run_git(" git pack-refs --all; git update-ref refs/heads/main " + second + "; git pack-refs --all");
    EXPECT_EQ(tip(), second);
    run_git(" git update-ref refs/heads/main " + first + "; git pack-refs --all");
    EXPECT_EQ(tip(), first);
}

TEST_F(StoreTest, HistoryIsRebuiltWhenMainIsRewoundUnderTheIndex) {
    ASSERT_TRUE(save("alpha", "v2", tip()).has_value());
    ASSERT_TRUE(save("alpha", "v3", tip()).has_value());
    ASSERT_EQ(resource_history(*m_store, "alpha").value().size(), 3u);
    // main goes back two commits: the indexed tip is no longer an ancestor.
    run_git(" git update-ref refs/heads/main $(git rev-parse main~2)");
    ASSERT_TRUE(save("alpha", "v2 again", tip()).has_value());
    const auto alpha = resource_history(*m_store, "alpha").value();
    ASSERT_EQ(alpha.size(), 2u);
    EXPECT_EQ(read_resource_file(*m_store, "alpha", "resource.xml", alpha[0].revision).value(),
              testing::sample_resource("alpha", "v2 again"));
}

TEST_F(StoreTest, RestoreMakesTheFolderAsItWasAsANewCommit) {
    const Revision first = tip();
    ASSERT_TRUE(save("alpha", "v2", tip()).has_value());
    ResourceCommit revert{.id = "alpha", .restore_from = first, .base = tip(), .author = editor(), .message = "Revert"};
    const auto reverted = commit_resource(*m_store, revert);
    ASSERT_TRUE(reverted.has_value()) << describe(reverted.error());
    EXPECT_EQ(read_resource_file(*m_store, "alpha", "resource.xml", "main").value(), testing::sample_resource("alpha"));
    EXPECT_EQ(resource_history(*m_store, "alpha").value().size(), 3u);
}

TEST_F(StoreTest, WithdrawRemovesTheFolderAndKeepsItsHistory) {
    ResourceCommit withdraw{.id = "beta", .withdraw = true, .base = tip(), .author = editor(), .message = "Withdraw"};
    ASSERT_TRUE(commit_resource(*m_store, withdraw).has_value());
    EXPECT_EQ(list_resources(*m_store, "main").value(), std::vector<std::string>{"alpha"});
    EXPECT_EQ(read_resource_file(*m_store, "beta", "resource.xml", "main").error().code, ErrorCode::not_found);
    EXPECT_EQ(resource_history(*m_store, "beta").value().size(), 2u);
    withdraw.base = tip();
    EXPECT_EQ(commit_resource(*m_store, withdraw).error().code, ErrorCode::not_found);
}

TEST_F(StoreTest, PlainGitCanReadEverythingAndFsckIsClean) {
    ASSERT_TRUE(save("alpha", "v2", tip()).has_value());
    EXPECT_EQ(git("show main:resources/alpha/resource.xml"), testing::sample_resource("alpha", "v2"));
    EXPECT_NE(git("log --format=%an%x09%s main -- resources/alpha").find("Edith Editor\tEdit"), std::string::npos);
    ASSERT_GT(pack_loose_objects(*m_store).value(), 0u);
    EXPECT_EQ(read_resource_file(*m_store, "alpha", "resource.xml", "main").value(), testing::sample_resource("alpha", "v2"));
    ASSERT_TRUE(save("alpha", "v3", tip()).has_value());
    git("fsck --full --strict");
}

TEST_F(StoreTest, AGuardLimitsTheStaleCheckToTheNamedFiles) {
    const Revision base = tip();
    ResourceCommit translator{.id = "alpha", .writes = {{"fr.po", "translated"}}, .base = base, .author = editor(), .message = "Translate"};
    ASSERT_TRUE(commit_resource(*m_store, translator).has_value());
    // The editor started before the translator saved, but only the document is guarded.
    ResourceCommit editor_save{.id = "alpha", .writes = {{"resource.xml", testing::sample_resource("alpha", "Edited.")}},
                               .base = base, .guard = {"resource.xml"}, .author = editor(), .message = "Edit"};
    ASSERT_TRUE(commit_resource(*m_store, editor_save).has_value());
    EXPECT_EQ(read_resource_file(*m_store, "alpha", "fr.po", "main").value(), "translated");
    // A second editor from the same base is stale: the document changed.
    editor_save.writes[0].content = testing::sample_resource("alpha", "Other edit.");
    EXPECT_EQ(commit_resource(*m_store, editor_save).error().code, ErrorCode::conflict);
}

TEST_F(StoreTest, DerivedWritesAreComputedFromTheTipTheCommitLandsOn) {
    ASSERT_TRUE(save("alpha", "v2", tip()).has_value());
    ResourceCommit commit{.id = "alpha", .base = tip(), .author = editor(), .message = "Derive"};
    commit.derive = [](const TipReader& read) -> Result<std::vector<FileWrite>> {
        const auto xml = read("resource.xml");
        if (!xml) return fail(ErrorCode::not_found, "no document");
        return std::vector<FileWrite>{{"fr.po", "derived from " + std::to_string(xml->size()) + " bytes"}};
    };
    ASSERT_TRUE(commit_resource(*m_store, commit).has_value());
    EXPECT_EQ(read_resource_file(*m_store, "alpha", "fr.po", "main").value(),
              "derived from " + std::to_string(testing::sample_resource("alpha", "v2").size()) + " bytes");
    commit.derive = [](const TipReader&) -> Result<std::vector<FileWrite>> { return fail(ErrorCode::invalid, "no"); };
    const Revision before = tip();
    commit.base = before;
    EXPECT_EQ(commit_resource(*m_store, commit).error().code, ErrorCode::invalid);
    EXPECT_EQ(tip(), before);
}

TEST_F(StoreTest, PackIfNeededPacksOnlyPastTheThreshold) {
    // Save until the sampled fan-out folder holds a loose object (about 1 in 256 objects).
    const auto sampled = store_path(*m_store) / "objects" / "17";
    int saves = 0;
    while (!std::filesystem::exists(sampled) && saves < 2000)
        ASSERT_TRUE(save("alpha", "v" + std::to_string(++saves), tip()).has_value());
    ASSERT_TRUE(std::filesystem::exists(sampled));
    EXPECT_EQ(pack_if_needed(*m_store, 1'000'000).value(), 0u);
    EXPECT_GT(pack_if_needed(*m_store, 0).value(), 0u);
    EXPECT_FALSE(std::filesystem::exists(sampled) && !std::filesystem::is_empty(sampled));
    EXPECT_EQ(read_resource_file(*m_store, "alpha", "resource.xml", "main").value(),
              testing::sample_resource("alpha", "v" + std::to_string(saves)));
    git("fsck --full --strict");
}

TEST(TextDiff, ShowsAUnifiedDiff) {
    const std::string diff = text_diff("a\nb\nc\n", "a\nB\nc\n", "f.txt");
    EXPECT_NE(diff.find("--- a/f.txt"), std::string::npos) << diff;
    EXPECT_NE(diff.find("-b\n+B\n"), std::string::npos) << diff;
}

TEST(TextDiff, ShowsAnAbsentSideAsGitShowsANewOrDeletedFile) {
    const std::string added = text_diff(std::nullopt, "a\nb\n", "f.txt");
    EXPECT_NE(added.find("new file mode"), std::string::npos) << added;
    EXPECT_NE(added.find("--- /dev/null\n+++ b/f.txt\n@@ -0,0 +1,2 @@\n+a\n+b\n"), std::string::npos) << added;
    const std::string removed = text_diff("a\nb\n", std::nullopt, "f.txt");
    EXPECT_NE(removed.find("deleted file mode"), std::string::npos) << removed;
    EXPECT_NE(removed.find("--- a/f.txt\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n"), std::string::npos) << removed;
    // An empty text is an empty file, not an absent one.
    const std::string filled = text_diff(std::string_view(), "a\n", "f.txt");
    EXPECT_EQ(filled.find("/dev/null"), std::string::npos) << filled;
    EXPECT_NE(filled.find("+a\n"), std::string::npos) << filled;
}

TEST(ParseAuthor, ReadsNameAndEmail) {
    const auto a = parse_author("Marie Tremblay <marie@example.ca>");
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->name, "Marie Tremblay");
    EXPECT_EQ(a->email, "marie@example.ca");
    for (const char* bad : {"", "Marie", "<m@x>", "Marie <>", "M <a> b", "M <a\n>"}) {
        SCOPED_TRACE(bad);
        EXPECT_FALSE(parse_author(bad).has_value());
    }
}

TEST(OpenStore, ReportsAMissingRepository) {
    EXPECT_EQ(open_store("/nonexistent/content.git").error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace tandem::store
