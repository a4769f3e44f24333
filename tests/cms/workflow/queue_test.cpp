// The translators' queue: what needs translating, in the publishers' order,
// with claims that expire.

#include <gtest/gtest.h>

#include "cms/workflow/catalogs.h"
#include "cms/workflow/queue.h"
#include "tests/support/fixtures.h"

namespace tandem {
namespace {

using workflow::QueuePlan;

constexpr workflow::UnixSeconds k_now = 1'800'000'000;

class QueueTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir.write("seed/resources/alpha/resource.xml", testing::sample_resource("alpha", "Alpha paragraph with five words."));
        m_dir.write("seed/resources/beta/resource.xml", testing::sample_resource("beta", "Beta paragraph."));
        m_dir.write("seed/resources/gamma/resource.xml", testing::sample_resource("gamma", "Un paragraphe.", "fr"));
        auto ctx = workflow::init_data(m_dir.path() / "data", testing::source_dir(), m_dir.path() / "seed",
                                       {"Seed", "seed@example.org", 1'700'000'000});
        ASSERT_TRUE(ctx) << describe(ctx.error());
        m_ctx = std::make_unique<workflow::Context>(std::move(*ctx));
    }
    // Translates every segment of the resource's catalog into `lang`, as a commit on main.
    void translate_all(const std::string& id, Lang lang) {
        auto po = workflow::export_catalog(*m_ctx, id, lang);
        ASSERT_TRUE(po) << describe(po.error());
        auto catalog = po::read_catalog(*po, id);
        ASSERT_TRUE(catalog) << describe(catalog.error());
        for (auto& m : catalog->messages) m.msgstr = "Traduit : " + m.msgid;
        auto text = po::write_catalog(*catalog);
        ASSERT_TRUE(text);
        auto saved = workflow::import_catalog(
            *m_ctx, {id, lang, *text, std::string(lang_code(lang)) + ".po", std::nullopt, {"T", "t@example.org", {}}, "tr"});
        ASSERT_TRUE(saved) << describe(saved.error());
    }
    std::vector<std::string> ids(Lang lang, const QueuePlan& plan) {
        auto items = workflow::translator_queue(*m_ctx, lang, plan, k_now);
        EXPECT_TRUE(items) << describe(items.error());
        std::vector<std::string> out;
        for (const auto& i : *items) out.push_back(i.id);
        return out;
    }
    testing::TempDir m_dir;
    std::unique_ptr<workflow::Context> m_ctx;
};

TEST_F(QueueTest, ListsWhatNeedsTranslatingIntoEachLanguageWithWordsLeft) {
    EXPECT_EQ(ids(Lang::fr, {}), (std::vector<std::string>{"alpha", "beta"}));
    EXPECT_EQ(ids(Lang::en, {}), (std::vector<std::string>{"gamma"}));
    auto items = workflow::translator_queue(*m_ctx, Lang::fr, {}, k_now);
    ASSERT_TRUE(items);
    const auto& alpha = (*items)[0];
    EXPECT_EQ(alpha.title, "Sample alpha");
    auto status = workflow::catalog_status(*m_ctx, std::string("alpha"));
    ASSERT_TRUE(status);
    EXPECT_GT(alpha.untranslated, 0);
    EXPECT_EQ(alpha.untranslated, status->front().stats.untranslated);
    EXPECT_EQ(alpha.words_left, status->front().stats.untranslated_words);
    EXPECT_GE(alpha.words_left, 5) << "the paragraph alone has five words";
    EXPECT_EQ(alpha.changed, 1'700'000'000);
}

TEST_F(QueueTest, OrdersByPriorityThenDueDateThenOldestChange) {
    // beta changes later than alpha: by age alone alpha comes first.
    const auto beta = workflow::show_resource(*m_ctx, "beta");
    ASSERT_TRUE(workflow::save_source(*m_ctx, {"beta", testing::sample_resource("beta", "Beta, revised."), beta->revision,
                                               {"E", "e@example.org", 1'700'000'100}, "edit"}));
    QueuePlan plan;
    EXPECT_EQ(ids(Lang::fr, plan), (std::vector<std::string>{"alpha", "beta"}));
    ASSERT_TRUE(workflow::set_queue_priority(*m_ctx, plan, Lang::fr, "beta", 0, "2030-01-31"));
    EXPECT_EQ(ids(Lang::fr, plan), (std::vector<std::string>{"beta", "alpha"})) << "a due date comes before none";
    ASSERT_TRUE(workflow::set_queue_priority(*m_ctx, plan, Lang::fr, "alpha", 0, "2030-01-15"));
    EXPECT_EQ(ids(Lang::fr, plan), (std::vector<std::string>{"alpha", "beta"})) << "earlier due first";
    ASSERT_TRUE(workflow::set_queue_priority(*m_ctx, plan, Lang::fr, "beta", 5, std::nullopt));
    EXPECT_EQ(ids(Lang::fr, plan), (std::vector<std::string>{"beta", "alpha"})) << "higher priority first";
}

TEST_F(QueueTest, BadPrioritiesChangeNothing) {
    QueuePlan plan;
    EXPECT_EQ(workflow::set_queue_priority(*m_ctx, plan, Lang::fr, "alpha", 1, "2030-02-30").error().code, ErrorCode::invalid);
    EXPECT_EQ(workflow::set_queue_priority(*m_ctx, plan, Lang::fr, "alpha", 1, "tomorrow").error().code, ErrorCode::invalid);
    EXPECT_EQ(workflow::set_queue_priority(*m_ctx, plan, Lang::en, "alpha", 1, std::nullopt).error().code, ErrorCode::invalid);
    EXPECT_EQ(workflow::set_queue_priority(*m_ctx, plan, Lang::fr, "nothing", 1, std::nullopt).error().code, ErrorCode::not_found);
    EXPECT_TRUE(plan.entries.empty());
}

TEST_F(QueueTest, AClaimKeepsOthersOutUntilItExpiresOrIsReleased) {
    QueuePlan plan;
    auto claim = workflow::claim_resource(*m_ctx, plan, Lang::fr, "alpha", "theo", k_now);
    ASSERT_TRUE(claim);
    EXPECT_EQ(claim->claim_expires, k_now + workflow::k_claim_seconds);
    EXPECT_EQ(workflow::claim_resource(*m_ctx, plan, Lang::fr, "alpha", "tina", k_now + 60).error().code, ErrorCode::conflict);
    EXPECT_EQ(workflow::release_claim(plan, Lang::fr, "alpha", "tina", k_now + 60).error().code, ErrorCode::conflict);
    {
        // A publisher may end anyone's claim.
        QueuePlan copy = plan;
        EXPECT_TRUE(workflow::release_claim(copy, Lang::fr, "alpha", "pia", k_now + 60, workflow::ClaimRelease::anyones));
        EXPECT_TRUE(workflow::claim_resource(*m_ctx, copy, Lang::fr, "alpha", "tina", k_now + 60));
    }
    // The claimer renews.
    EXPECT_EQ(workflow::claim_resource(*m_ctx, plan, Lang::fr, "alpha", "theo", k_now + 60)->claim_expires,
              k_now + 60 + workflow::k_claim_seconds);
    auto items = workflow::translator_queue(*m_ctx, Lang::fr, plan, k_now + 120);
    EXPECT_EQ(items->front().claimed_by, "theo");
    // Expired: someone else may take it, and the queue no longer shows it.
    const auto later = k_now + 60 + workflow::k_claim_seconds + 1;
    EXPECT_FALSE(workflow::translator_queue(*m_ctx, Lang::fr, plan, later)->front().claimed_by);
    EXPECT_TRUE(workflow::claim_resource(*m_ctx, plan, Lang::fr, "alpha", "tina", later));
    EXPECT_TRUE(workflow::release_claim(plan, Lang::fr, "alpha", "tina", later));
    EXPECT_TRUE(workflow::claim_resource(*m_ctx, plan, Lang::fr, "alpha", "theo", later));
    EXPECT_EQ(workflow::claim_resource(*m_ctx, plan, Lang::fr, "nothing", "theo", later).error().code, ErrorCode::not_found);
}

TEST_F(QueueTest, ThePlanSurvivesAWriteAndRead) {
    QueuePlan plan;
    ASSERT_TRUE(workflow::set_queue_priority(*m_ctx, plan, Lang::fr, "alpha", 3, "2030-01-15"));
    ASSERT_TRUE(workflow::claim_resource(*m_ctx, plan, Lang::en, "gamma", "theo", k_now));
    const auto path = workflow::queue_plan_path(m_ctx->data_dir);
    ASSERT_TRUE(workflow::write_queue_plan(path, plan));
    auto read = workflow::read_queue_plan(path);
    ASSERT_TRUE(read);
    EXPECT_EQ((read->entries[{Lang::fr, "alpha"}].priority), 3);
    EXPECT_EQ((read->entries[{Lang::fr, "alpha"}].due), "2030-01-15");
    EXPECT_EQ((read->entries[{Lang::en, "gamma"}].claimed_by), "theo");
    m_dir.write("data/queue.json", "{\"queues\": {\"de\": {}}}");
    EXPECT_EQ(workflow::read_queue_plan(path).error().code, ErrorCode::corrupt);
}

TEST_F(QueueTest, ATranslatedResourceLeavesTheQueue) {
    translate_all("beta", Lang::fr);
    EXPECT_EQ(ids(Lang::fr, {}), (std::vector<std::string>{"alpha"}));
}

TEST_F(QueueTest, OnlyAResourceInTheQueueMayBeClaimed) {
    translate_all("beta", Lang::fr);
    QueuePlan plan;
    auto done = workflow::claim_resource(*m_ctx, plan, Lang::fr, "beta", "theo", k_now);
    ASSERT_FALSE(done) << "beta has nothing left to translate into fr";
    EXPECT_EQ(done.error().code, ErrorCode::invalid);
    EXPECT_NE(done.error().message.find("nothing to translate into fr"), std::string::npos) << done.error().message;
    // Its source language is no queue of it: gamma is written in French, alpha in English.
    EXPECT_EQ(workflow::claim_resource(*m_ctx, plan, Lang::fr, "gamma", "theo", k_now).error().code, ErrorCode::invalid);
    EXPECT_EQ(workflow::claim_resource(*m_ctx, plan, Lang::en, "alpha", "theo", k_now).error().code, ErrorCode::invalid);
    EXPECT_TRUE(plan.entries.empty()) << "a refused claim leaves no entry behind";
}

TEST_F(QueueTest, AClaimIsRenewedOnlyWhileThereIsWork) {
    QueuePlan plan;
    ASSERT_TRUE(workflow::claim_resource(*m_ctx, plan, Lang::fr, "beta", "theo", k_now));
    EXPECT_TRUE(workflow::claim_resource(*m_ctx, plan, Lang::fr, "beta", "theo", k_now + 60)) << "renewed while work is left";
    translate_all("beta", Lang::fr);
    auto renewed = workflow::claim_resource(*m_ctx, plan, Lang::fr, "beta", "theo", k_now + 120);
    ASSERT_FALSE(renewed);
    EXPECT_EQ(renewed.error().code, ErrorCode::invalid);
    EXPECT_EQ((plan.entries[{Lang::fr, "beta"}].claim_expires), k_now + 60 + workflow::k_claim_seconds)
        << "the refused renewal does not extend the claim";
}

TEST_F(QueueTest, AFuzzySegmentPutsATranslatedResourceBackToClaim) {
    translate_all("beta", Lang::fr);
    QueuePlan plan;
    ASSERT_FALSE(workflow::claim_resource(*m_ctx, plan, Lang::fr, "beta", "theo", k_now));
    const auto beta = workflow::show_resource(*m_ctx, "beta");
    ASSERT_TRUE(workflow::save_source(*m_ctx, {"beta", testing::sample_resource("beta", "Beta paragraph, revised."),
                                               beta->revision, {"E", "e@example.org", 1'700'000'100}, "edit"}));
    EXPECT_TRUE(workflow::claim_resource(*m_ctx, plan, Lang::fr, "beta", "theo", k_now)) << "the changed paragraph is fuzzy";
}

}  // namespace
}  // namespace tandem
