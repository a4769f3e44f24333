#include "cms/workflow/workflow.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/fixtures.h"

namespace tandem::workflow {
namespace {

const store::Author k_author{"Edith Editor", "edith@example.org", 1767225600};

void write(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

class WorkflowTest : public ::testing::Test {
protected:
    void SetUp() override {
        write(m_dir.path() / "seed/resources/alpha/resource.xml", testing::sample_resource("alpha"));
        write(m_dir.path() / "seed/resources/beta/resource.xml", testing::sample_resource("beta", "B.", "fr"));
        auto ctx = init_data(m_dir.path() / "data", testing::source_dir(), m_dir.path() / "seed", k_author);
        ASSERT_TRUE(ctx.has_value()) << describe(ctx.error());
        m_ctx = std::make_unique<Context>(std::move(*ctx));
    }
    store::Revision tip() { return store::branch_tip(m_ctx->store, "main").value().value(); }

    testing::TempDir m_dir;
    std::unique_ptr<Context> m_ctx;
};

TEST_F(WorkflowTest, ListShowsEveryResourceWithTypeLanguageAndRevision) {
    const auto list = list_resources(*m_ctx).value();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].info.id, "alpha");
    EXPECT_EQ(list[1].info.source_lang, Lang::fr);
    EXPECT_EQ(list[0].revision, tip());
}

TEST_F(WorkflowTest, TheListFollowsEachSaveAndRevertThroughItsMemo) {
    // The list remembers each document's info by its folder's tree id: a new
    // title shows at once, and the old one again after a revert.
    const auto first = tip();
    ASSERT_EQ(list_resources(*m_ctx).value()[0].info.title, "Sample alpha");
    auto retitled = testing::sample_resource("alpha");
    retitled.replace(retitled.find("Sample alpha"), 12, "Renamed alpha");
    ASSERT_TRUE(save_source(*m_ctx, {"alpha", retitled, first, k_author, "Retitle"}).has_value());
    auto list = list_resources(*m_ctx).value();
    EXPECT_EQ(list[0].info.title, "Renamed alpha");
    EXPECT_EQ(list[0].revision, tip());
    ASSERT_TRUE(revert_resource(*m_ctx, "alpha", first, k_author, "", std::nullopt).has_value());
    list = list_resources(*m_ctx).value();
    EXPECT_EQ(list[0].info.title, "Sample alpha");
    EXPECT_EQ(list[0].revision, tip());
    EXPECT_EQ(list[1].info.title, "Sample beta");
}

TEST_F(WorkflowTest, InvalidXmlIsRejectedWithItsPositionAndChangesNothing) {
    const auto before = tip();
    auto broken = testing::sample_resource("alpha");
    broken.replace(broken.find("</p>"), 4, "</q>");
    const auto saved = save_source(*m_ctx, {"alpha", broken, before, k_author, "broken"});
    ASSERT_FALSE(saved.has_value());
    EXPECT_EQ(saved.error().code, ErrorCode::invalid);
    EXPECT_EQ(saved.error().where.line, 9);
    EXPECT_GT(saved.error().where.column, 0);
    EXPECT_EQ(tip(), before);
}

TEST_F(WorkflowTest, TheDocumentIdMustMatchTheResource) {
    const auto saved = save_source(*m_ctx, {"alpha", testing::sample_resource("beta"), tip(), k_author, "m"});
    ASSERT_FALSE(saved.has_value());
    EXPECT_EQ(saved.error().code, ErrorCode::invalid);
}

TEST_F(WorkflowTest, SaveDiffRevertRoundTrip) {
    const auto first = tip();
    const auto saved = save_source(*m_ctx, {"alpha", testing::sample_resource("alpha", "Changed <em>text</em>."), first, k_author, "Edit"});
    ASSERT_TRUE(saved.has_value()) << describe(saved.error());
    const auto diff = diff_resource(*m_ctx, "alpha", first, "main").value();
    ASSERT_EQ(diff.outline.blocks.size(), 1u);
    EXPECT_EQ(diff.outline.blocks[0].before, "First paragraph.");
    EXPECT_EQ(diff.outline.blocks[0].after, "Changed <em>text</em>.");
    EXPECT_NE(diff.text.find("+      <p>Changed <em>text</em>.</p>"), std::string::npos) << diff.text;

    const auto reverted = revert_resource(*m_ctx, "alpha", first, k_author, "", std::nullopt);
    ASSERT_TRUE(reverted.has_value());
    EXPECT_EQ(show_resource(*m_ctx, "alpha").value().xml, testing::sample_resource("alpha"));
    EXPECT_EQ(show_resource(*m_ctx, "alpha", saved->revision).value().xml,
              testing::sample_resource("alpha", "Changed <em>text</em>."));
    // The resource changed since the save: naming that save as the base is stale.
    EXPECT_EQ(revert_resource(*m_ctx, "alpha", first, k_author, "", saved->revision).error().code, ErrorCode::conflict);
}

TEST_F(WorkflowTest, ADiffAcrossACreationShowsEverythingAdded) {
    const auto before = tip();
    ASSERT_TRUE(save_source(*m_ctx, {"gamma", testing::sample_resource("gamma", "Gamma words."), std::nullopt, k_author, "New"}));
    const auto diff = diff_resource(*m_ctx, "gamma", before, "main");
    ASSERT_TRUE(diff.has_value()) << describe(diff.error());
    EXPECT_EQ(diff->from, before);
    EXPECT_EQ(diff->to, tip());
    EXPECT_FALSE(diff->before);
    EXPECT_EQ(diff->after, testing::sample_resource("gamma", "Gamma words."));
    ASSERT_FALSE(diff->outline.blocks.empty());
    for (const auto& b : diff->outline.blocks) EXPECT_EQ(b.kind, model::ChangeKind::added) << b.after;
    for (const auto& s : diff->outline.sections) EXPECT_EQ(s.kind, model::ChangeKind::added) << s.section;
    EXPECT_NE(diff->text.find("--- /dev/null\n+++ b/resources/gamma/resource.xml\n"), std::string::npos) << diff->text;
    EXPECT_NE(diff->text.find("+      <p>Gamma words.</p>"), std::string::npos) << diff->text;
    EXPECT_EQ(diff->text.find("@@ -0,0 +1,"), diff->text.find("@@")) << "one hunk, nothing removed: " << diff->text;
}

TEST_F(WorkflowTest, ADiffAcrossAWithdrawalShowsEverythingRemoved) {
    const auto before = tip();
    ASSERT_TRUE(withdraw_resource(*m_ctx, "alpha", k_author, "", std::nullopt).has_value());
    const auto diff = diff_resource(*m_ctx, "alpha", before, "main");
    ASSERT_TRUE(diff.has_value()) << describe(diff.error());
    EXPECT_EQ(diff->before, testing::sample_resource("alpha"));
    EXPECT_FALSE(diff->after);
    ASSERT_FALSE(diff->outline.blocks.empty());
    for (const auto& b : diff->outline.blocks) EXPECT_EQ(b.kind, model::ChangeKind::removed) << b.before;
    EXPECT_NE(diff->text.find("--- a/resources/alpha/resource.xml\n+++ /dev/null\n"), std::string::npos) << diff->text;
    EXPECT_NE(diff->text.find("-      <p>First paragraph.</p>"), std::string::npos) << diff->text;
    // Backwards, the same withdrawal reads as a creation.
    EXPECT_EQ(diff_resource(*m_ctx, "alpha", "main", before)->outline.blocks.front().kind, model::ChangeKind::added);
}

TEST_F(WorkflowTest, ADiffNeedsTheResourceOnOneSideAndKnownRevisions) {
    const auto before = tip();
    ASSERT_TRUE(withdraw_resource(*m_ctx, "alpha", k_author, "", std::nullopt).has_value());
    EXPECT_EQ(diff_resource(*m_ctx, "nothing", before, "main").error().code, ErrorCode::not_found);
    // An unknown revision is not taken for one where the resource is absent.
    EXPECT_EQ(diff_resource(*m_ctx, "alpha", "no-such-revision", before).error().code, ErrorCode::not_found);
    EXPECT_EQ(diff_resource(*m_ctx, "alpha", before, "no-such-revision").error().code, ErrorCode::not_found);
    EXPECT_EQ(diff_resource(*m_ctx, "../alpha", before, "main").error().code, ErrorCode::invalid);
}

TEST_F(WorkflowTest, WithdrawnResourcesLeaveTheList) {
    ASSERT_TRUE(withdraw_resource(*m_ctx, "beta", k_author, "", std::nullopt).has_value());
    EXPECT_EQ(list_resources(*m_ctx).value().size(), 1u);
    EXPECT_EQ(show_resource(*m_ctx, "beta").error().code, ErrorCode::not_found);
}

TEST(InitData, AnInvalidSeedCreatesNothing) {
    testing::TempDir dir;
    write(dir.path() / "seed/resources/good/resource.xml", testing::sample_resource("good"));
    write(dir.path() / "seed/resources/bad/resource.xml", "<resource>");
    const auto ctx = init_data(dir.path() / "data", testing::source_dir(), dir.path() / "seed", k_author);
    ASSERT_FALSE(ctx.has_value());
    EXPECT_EQ(ctx.error().code, ErrorCode::invalid);
    EXPECT_EQ(ctx.error().where.file, "resources/bad/resource.xml");
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "data" / "content.git"));
}

TEST(InitData, ASeedCatalogThatDoesNotParseCreatesNothing) {
    testing::TempDir dir;
    write(dir.path() / "seed/resources/good/resource.xml", testing::sample_resource("good"));
    write(dir.path() / "seed/resources/good/fr.po", "msgid \"x\"\nmsgstr \"y\"\ngarbage\n");
    const auto ctx = init_data(dir.path() / "data", testing::source_dir(), dir.path() / "seed", k_author);
    ASSERT_FALSE(ctx.has_value());
    EXPECT_EQ(ctx.error().code, ErrorCode::invalid);
    EXPECT_EQ(ctx.error().where.file, "resources/good/fr.po");
    EXPECT_EQ(ctx.error().where.line, 3);
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "data" / "content.git"));
}

}  // namespace
}  // namespace tandem::workflow
