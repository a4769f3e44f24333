#include "cms/workflow/catalogs.h"

#include <gtest/gtest.h>

#include <atomic>

#include <algorithm>
#include <fstream>

#include "cms/workflow/approval.h"
#include "pipeline/po/catalog_stats.h"
#include "tests/support/fixtures.h"

namespace tandem::workflow {
namespace {

const store::Author k_editor{"Edith Editor", "edith@example.org", 1767225600};
const store::Author k_translator{"Théo Traducteur", "theo@example.org", 1767229200};

// A document with three segments besides title and summary.
std::string document(const std::string& p1, const std::string& p2 = "Second paragraph.") {
    std::string xml = testing::sample_resource("alpha", p1);
    xml.replace(xml.find("    </section>"), 0, "      <p>" + p2 + "</p>\n");
    return xml;
}

class CatalogsTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::filesystem::create_directories(m_dir.path() / "seed/resources/alpha");
        std::ofstream(m_dir.path() / "seed/resources/alpha/resource.xml") << document("First paragraph.");
        auto ctx = init_data(m_dir.path() / "data", testing::source_dir(), m_dir.path() / "seed", k_editor);
        ASSERT_TRUE(ctx.has_value()) << describe(ctx.error());
        m_ctx = std::make_unique<Context>(std::move(*ctx));
    }
    po::Catalog catalog_at(const std::string& rev = "main") {
        return po::read_catalog(store::read_resource_file(m_ctx->store, "alpha", "fr.po", rev).value(), "fr.po").value();
    }
    const po::Message* message(const po::Catalog& c, const std::string& msgid) {
        for (const auto& m : c.messages)
            if (m.msgid == msgid && !m.obsolete) return &m;
        return nullptr;
    }
    // Translates every segment the way a translator's tool would.
    std::string translated_export() {
        auto catalog = po::read_catalog(export_catalog(*m_ctx, "alpha", Lang::fr).value(), "x").value();
        for (auto& m : catalog.messages) m.msgstr = "FR " + m.msgid;
        return po::write_catalog(catalog).value();
    }
    store::Revision tip() { return store::branch_tip(m_ctx->store, "main").value().value(); }

    testing::TempDir m_dir;
    std::unique_ptr<Context> m_ctx;
};

TEST_F(CatalogsTest, ASaveOfANewResourceCommitsItsCatalogAllUntranslated) {
    const auto saved = save_source(*m_ctx, {"beta", testing::sample_resource("beta"), std::nullopt, k_editor, "New"});
    ASSERT_TRUE(saved.has_value()) << describe(saved.error());
    const auto catalog = po::read_catalog(store::read_resource_file(m_ctx->store, "beta", "fr.po", "main").value(), "fr.po").value();
    const auto stats = po::measure_catalog(catalog);
    EXPECT_EQ(stats.segments(), 4);
    EXPECT_EQ(stats.untranslated, 4);
    EXPECT_EQ(po::header_field(catalog, "Language"), "fr");
    EXPECT_EQ(po::header_field(catalog, "Plural-Forms"), "nplurals=2; plural=(n > 1);");
}

TEST_F(CatalogsTest, ImportThenSourceEditMakesChangedSegmentsFuzzyWithTheirPreviousSource) {
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "alpha-fr.po", tip(), k_translator, "Translate"}).has_value());
    EXPECT_EQ(po::measure_catalog(catalog_at()).translated, 5);

    const auto saved = save_source(*m_ctx, {"alpha", document("First paragraph, revised.", "Second paragraph."), tip(), k_editor, "Revise"});
    ASSERT_TRUE(saved.has_value()) << describe(saved.error());
    const auto after = catalog_at();
    const auto stats = po::measure_catalog(after);
    EXPECT_EQ(stats.translated, 4);
    EXPECT_EQ(stats.fuzzy, 1);
    const auto* changed = message(after, "First paragraph, revised.");
    ASSERT_NE(changed, nullptr);
    EXPECT_TRUE(changed->fuzzy);
    EXPECT_EQ(changed->previous_msgid, "First paragraph.");
    EXPECT_EQ(changed->msgstr, "FR First paragraph.");
    EXPECT_EQ(message(after, "Second paragraph.")->msgstr, "FR Second paragraph.");
}

TEST_F(CatalogsTest, AnEditorsSaveKeepsATranslationSavedMeanwhile) {
    const auto editor_base = tip();
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "x.po", tip(), k_translator, "T"}).has_value());
    ASSERT_TRUE(save_source(*m_ctx, {"alpha", document("First paragraph.", "Third."), editor_base, k_editor, "E"}).has_value());
    const auto after = catalog_at();
    EXPECT_EQ(message(after, "First paragraph.")->msgstr, "FR First paragraph.");
    EXPECT_EQ(po::measure_catalog(after).translated, 4);
}

TEST_F(CatalogsTest, ACatalogForAnOlderRevisionIsMergedNotTrusted) {
    const auto exported = translated_export();  // made for the first revision
    ASSERT_TRUE(save_source(*m_ctx, {"alpha", document("First paragraph.", "Second paragraph, changed."), tip(), k_editor, "E"}).has_value());
    const auto imported = import_catalog(*m_ctx, {"alpha", Lang::fr, exported, "old.po", std::nullopt, k_translator, "T"});
    ASSERT_TRUE(imported.has_value()) << describe(imported.error());
    const auto after = catalog_at();
    EXPECT_EQ(message(after, "First paragraph.")->msgstr, "FR First paragraph.");
    const auto* changed = message(after, "Second paragraph, changed.");
    ASSERT_NE(changed, nullptr);
    EXPECT_TRUE(changed->fuzzy);
}

TEST_F(CatalogsTest, AForeignMsgidOrABrokenTranslationIsRejectedWithItsLineAndNothingIsCommitted) {
    const auto before = tip();
    auto catalog = po::read_catalog(translated_export(), "x").value();
    catalog.messages.push_back(po::Message{.msgid = "Not in the document.", .msgstr = "Pas dans le document."});
    auto text = po::write_catalog(catalog).value();
    auto result = import_catalog(*m_ctx, {"alpha", Lang::fr, text, "bad.po", std::nullopt, k_translator, "T"});
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::invalid);
    EXPECT_EQ(result.error().where.file, "bad.po");
    EXPECT_GT(result.error().where.line, 1);
    EXPECT_NE(result.error().message.find("not a segment"), std::string::npos);

    catalog = po::read_catalog(translated_export(), "x").value();
    for (auto& m : catalog.messages)
        if (m.msgid == "First paragraph.") m.msgstr = "<em>Premier</em> paragraphe.";
    result = import_catalog(*m_ctx, {"alpha", Lang::fr, po::write_catalog(catalog).value(), "bad.po", std::nullopt, k_translator, "T"});
    ASSERT_FALSE(result.has_value());
    EXPECT_NE(result.error().message.find("markup-mismatch"), std::string::npos) << result.error().message;

    result = import_catalog(*m_ctx, {"alpha", Lang::fr, "msgid \"x\"\nmsgstr \"y\"\nmsgid", "broken.po", std::nullopt, k_translator, "T"});
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().where.line, 3);
    EXPECT_EQ(tip(), before);
}

TEST_F(CatalogsTest, AFileWithSomeSegmentsKeepsTheOthersTranslationsAndTheStoredHeader) {
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "all.po", tip(), k_translator, "T"}).has_value());
    const std::string stored_project = po::header_field(catalog_at(), "Project-Id-Version").value_or("");

    // Another tool's file: one segment, another project's header.
    const std::string partial =
        "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: msgfmt test 4\\n\"\n"
        "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Plural-Forms: nplurals=2; plural=n/0;\\n\"\n\n"
        "msgid \"Second paragraph.\"\nmsgstr \"Deuxième paragraphe.\"\n";
    const auto imported = import_catalog(*m_ctx, {"alpha", Lang::fr, partial, "partial.po", tip(), k_translator, "T"});
    ASSERT_TRUE(imported.has_value()) << describe(imported.error());
    const auto after = catalog_at();
    EXPECT_EQ(message(after, "Second paragraph.")->msgstr, "Deuxième paragraphe.");
    EXPECT_EQ(message(after, "First paragraph.")->msgstr, "FR First paragraph.") << "a segment the file leaves out keeps its translation";
    EXPECT_EQ(po::measure_catalog(after).translated, 5);
    EXPECT_EQ(po::header_field(after, "Project-Id-Version").value_or(""), stored_project);
    EXPECT_EQ(po::header_field(after, "Plural-Forms"), "nplurals=2; plural=(n > 1);");
    EXPECT_EQ(po::header_field(after, "Last-Translator"), "Théo Traducteur <theo@example.org>");

    // An entry with an empty msgstr is the translator clearing it.
    const auto cleared = import_catalog(
        *m_ctx, {"alpha", Lang::fr, "msgid \"First paragraph.\"\nmsgstr \"\"\n", "clear.po", tip(), k_translator, "T"});
    ASSERT_TRUE(cleared.has_value()) << describe(cleared.error());
    EXPECT_EQ(message(catalog_at(), "First paragraph.")->msgstr, "");
    EXPECT_EQ(po::measure_catalog(catalog_at()).translated, 4);
}

TEST_F(CatalogsTest, AnImportThatTranslatesNothingDifferentlyCommitsNothing) {
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "all.po", tip(), k_translator, "T"}).has_value());
    const auto before = tip();
    const store::Author someone_else{"Tina Traductrice", "tina@example.org", 1767232800};
    const auto again = import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "all.po", tip(), someone_else, "T"});
    ASSERT_TRUE(again.has_value()) << describe(again.error());
    EXPECT_FALSE(again->changed);
    EXPECT_EQ(tip(), before);
    EXPECT_EQ(po::header_field(catalog_at(), "Last-Translator"), "Théo Traducteur <theo@example.org>");
}

TEST_F(CatalogsTest, AFileWithNoMessageIsRefusedAndNothingIsCommitted) {
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "all.po", tip(), k_translator, "T"}).has_value());
    const auto before = tip();
    for (const std::string& text : {std::string("\n"), std::string("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"),
                                    std::string("#~ msgid \"Old.\"\n#~ msgstr \"Vieux.\"\n")}) {
        SCOPED_TRACE(text);
        const auto result = import_catalog(*m_ctx, {"alpha", Lang::fr, text, "empty.po", std::nullopt, k_translator, "T"});
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().code, ErrorCode::invalid);
        EXPECT_NE(result.error().message.find("no messages"), std::string::npos) << result.error().message;
    }
    EXPECT_EQ(tip(), before);
    EXPECT_EQ(po::measure_catalog(catalog_at()).translated, 5);
}

TEST_F(CatalogsTest, ATranslationThatMakesTheDocumentInvalidIsRefusedAtItsLineAndIsNotReadyForApproval) {
    ASSERT_TRUE(save_source(*m_ctx, {"alpha", document("See <a href=\"https://example.org/\">the site</a>."), tip(), k_editor, "Link"})
                    .has_value());
    const auto before = tip();
    // The markup check lets an href change (a page may have a French
    // address), but the site publishes only http(s), mailto and relative links.
    for (const std::string href : {"file:///etc/passwd", "ftp://example.org/", "x y"}) {
        SCOPED_TRACE(href);
        auto catalog = po::read_catalog(translated_export(), "x").value();
        int line = 0;
        for (auto& m : catalog.messages)
            if (m.msgid.find("<a ") != std::string::npos) m.msgstr = "Voir <a href=\"" + href + "\">le site</a>.";
        const std::string text = po::write_catalog(catalog).value();
        const auto at = text.find("msgid \"See <a ");
        ASSERT_NE(at, std::string::npos);
        line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        const auto result = import_catalog(*m_ctx, {"alpha", Lang::fr, text, "link.po", tip(), k_translator, "T"});
        ASSERT_FALSE(result.has_value());
        EXPECT_EQ(result.error().code, ErrorCode::invalid);
        EXPECT_EQ(result.error().where.file, "link.po");
        // gettext places a message at its msgid or its msgstr line.
        EXPECT_GE(result.error().where.line, line) << result.error().message;
        EXPECT_LE(result.error().where.line, line + 1) << result.error().message;
        EXPECT_EQ(tip(), before);
    }

    // A catalog committed some other way (plain git) is caught at approval.
    auto catalog = po::read_catalog(translated_export(), "x").value();
    for (auto& m : catalog.messages)
        if (m.msgid.find("<a ") != std::string::npos) m.msgstr = "Voir <a href=\"ftp://example.org/\">le site</a>.";
    store::ResourceCommit commit{.id = "alpha", .writes = {{"fr.po", po::write_catalog(catalog).value()}}, .base = tip(),
                                 .author = k_translator, .message = "Behind Tandem's back"};
    ASSERT_TRUE(store::commit_resource(m_ctx->store, commit).has_value());
    const auto parity = check_parity(*m_ctx, "alpha", "main");
    ASSERT_TRUE(parity.has_value()) << describe(parity.error());
    EXPECT_FALSE(parity->ready);
    ASSERT_FALSE(parity->missing.empty());
    EXPECT_NE(describe(parity->missing.back()).find("invalid"), std::string::npos) << describe(parity->missing.back());
}

TEST_F(CatalogsTest, AByteOrderMarkIsNotStoredInADocumentOrACatalog) {
    const std::string bom = "\xEF\xBB\xBF";
    const auto saved = save_source(*m_ctx, {"alpha", bom + document("First paragraph, saved from Notepad."), tip(), k_editor, "BOM"});
    ASSERT_TRUE(saved.has_value()) << describe(saved.error());
    EXPECT_EQ(store::read_resource_file(m_ctx->store, "alpha", "resource.xml", "main").value(),
              document("First paragraph, saved from Notepad."));

    const auto imported = import_catalog(*m_ctx, {"alpha", Lang::fr, bom + translated_export(), "bom.po", tip(), k_translator, "T"});
    ASSERT_TRUE(imported.has_value()) << describe(imported.error());
    EXPECT_EQ(po::measure_catalog(catalog_at()).translated, 5);
}

TEST_F(CatalogsTest, StatusCountsSegmentsAndWords) {
    auto rows = catalog_status(*m_ctx, std::nullopt).value();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].target, Lang::fr);
    EXPECT_EQ(rows[0].stats.untranslated, 5);
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "x.po", tip(), k_translator, "T"}).has_value());
    rows = catalog_status(*m_ctx, std::string("alpha")).value();
    EXPECT_EQ(rows[0].stats.translated, 5);
    EXPECT_EQ(rows[0].failing, 0);
}

TEST_F(CatalogsTest, StatusFollowsTheFolderBackAndForthThroughItsMemo) {
    // The status is remembered by the folder's tree id: a folder that changes
    // is read again, and one that goes back to an earlier tree gets that
    // tree's status, not the last one computed.
    const auto untranslated_at = tip();
    EXPECT_EQ(catalog_status(*m_ctx, std::nullopt).value()[0].stats.untranslated, 5);
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "x.po", tip(), k_translator, "T"}).has_value());
    EXPECT_EQ(catalog_status(*m_ctx, std::nullopt).value()[0].stats.translated, 5);
    ASSERT_TRUE(revert_resource(*m_ctx, "alpha", untranslated_at, k_translator, "Back", tip()).has_value());
    const auto rows = catalog_status(*m_ctx, std::nullopt).value();
    EXPECT_EQ(rows[0].id, "alpha");
    EXPECT_EQ(rows[0].stats.untranslated, 5);
    EXPECT_EQ(rows[0].stats.translated, 0);
    // An earlier revision is answered from what it holds, too.
    EXPECT_EQ(catalog_status(*m_ctx, std::nullopt, untranslated_at).value()[0].stats.untranslated, 5);
}

TEST_F(CatalogsTest, AWarmedMemoGivesWhatAFreshContextWorksOut) {
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "x.po", tip(), k_translator, "T"}).has_value());
    std::atomic<bool> stop{false};
    warm_memo(*m_ctx, stop);
    const auto warmed = catalog_status(*m_ctx, std::nullopt).value();
    auto fresh_ctx = open_context(m_dir.path() / "data", testing::source_dir()).value();
    const auto fresh = catalog_status(fresh_ctx, std::nullopt).value();
    ASSERT_EQ(warmed.size(), fresh.size());
    EXPECT_EQ(warmed[0].id, fresh[0].id);
    EXPECT_EQ(warmed[0].stats.translated, fresh[0].stats.translated);
    EXPECT_EQ(warmed[0].stats.translated, 5);
    EXPECT_EQ(warmed[0].failing, fresh[0].failing);
    // Asked to stop before it starts, it returns at once and changes nothing.
    stop = true;
    warm_memo(fresh_ctx, stop);
    EXPECT_EQ(catalog_status(fresh_ctx, std::nullopt).value()[0].stats.translated, 5);
}

TEST_F(CatalogsTest, TranslateMergesTranslatedSegmentsAndSetsTheLanguage) {
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "x.po", tip(), k_translator, "T"}).has_value());
    const auto translated = translate_resource(*m_ctx, "alpha", Lang::fr).value();
    EXPECT_NE(translated.xml.find("<p>FR First paragraph.</p>"), std::string::npos) << translated.xml;
    EXPECT_NE(translated.xml.find("xml:lang=\"fr\""), std::string::npos);
    EXPECT_TRUE(translated.rejected.empty());
}

TEST_F(CatalogsTest, ExportNamesTheRevisionItWasReadAt) {
    const auto text = export_catalog(*m_ctx, "alpha", Lang::fr).value();
    EXPECT_NE(text.find("X-Tandem-Source-Revision: " + tip()), std::string::npos);
    EXPECT_EQ(export_catalog(*m_ctx, "alpha", Lang::en).error().code, ErrorCode::invalid);
}

}  // namespace
}  // namespace tandem::workflow

#include "cms/workflow/provenance.h"

namespace tandem::workflow {
namespace {

TEST_F(CatalogsTest, BlameSaysWhoTranslatedEachSegmentAndAgainstWhichSource) {
    const auto seeded = tip();
    auto catalog = po::read_catalog(export_catalog(*m_ctx, "alpha", Lang::fr).value(), "x").value();
    for (auto& m : catalog.messages)
        if (m.msgid == "First paragraph.") m.msgstr = "Premier paragraphe.";
    const auto first = import_catalog(*m_ctx, {"alpha", Lang::fr, po::write_catalog(catalog).value(), "x.po", seeded, k_translator, "One"});
    ASSERT_TRUE(first.has_value());
    const store::Author other{"Olga Other", "olga@example.org", 1767232800};
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "y.po", tip(), other, "All"}).has_value());

    const auto blame = blame_catalog(*m_ctx, "alpha", Lang::fr).value();
    ASSERT_EQ(blame.size(), 5u);
    for (const auto& p : blame) {
        SCOPED_TRACE(p.msgid);
        EXPECT_EQ(p.author_name, "Olga Other");  // she rewrote every translation
        EXPECT_FALSE(p.from_memory);
    }
    // Blame at the first import only: one segment, by the first translator.
    auto again = import_catalog(*m_ctx, {"alpha", Lang::fr, po::write_catalog(catalog).value(), "x.po", tip(), k_translator, "Back"});
    ASSERT_TRUE(again.has_value());
    const auto back = blame_catalog(*m_ctx, "alpha", Lang::fr).value();
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].msgstr, "Premier paragraphe.");
    EXPECT_EQ(back[0].author_name, "Théo Traducteur");
    EXPECT_EQ(back[0].source_revision, again->revision);
}

}  // namespace
}  // namespace tandem::workflow

namespace tandem::workflow {
namespace {

TEST_F(CatalogsTest, ChecksReportGlossaryAndPunctuationWarningsWithoutBlocking) {
    const std::string glossary =
        "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
        "msgid \"paragraph\"\nmsgstr \"paragraphe\"\n";
    std::string out;
    const auto repo = (m_dir.path() / "data" / "content.git").string();
    const auto script = m_dir.path() / "glossary.sh";
    std::ofstream(script) << "set -e; export GIT_DIR=" << repo << " GIT_INDEX_FILE=" << (m_dir.path() / "idx").string()
                          << " GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@x GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@x\n"
                          << "git read-tree main\nb=$(printf '%s' '" << glossary << "' | git hash-object -w --stdin)\n"
                          << "git update-index --add --cacheinfo 100644,$b,glossary/fr.po\n"
                          << "c=$(git commit-tree $(git write-tree) -p main -m glossary)\ngit update-ref refs/heads/main $c\n";
    ASSERT_EQ(testing::run_command("bash " + script.string() + " 2>&1", &out), 0) << out;

    auto catalog = po::read_catalog(export_catalog(*m_ctx, "alpha", Lang::fr).value(), "x").value();
    for (auto& m : catalog.messages)
        if (m.msgid == "First paragraph.") m.msgstr = "Premier alinéa !";
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, po::write_catalog(catalog).value(), "x.po", tip(), k_translator, "T"}).has_value());

    const auto checks = check_catalog(*m_ctx, "alpha", Lang::fr).value();
    ASSERT_EQ(checks.size(), 1u);
    std::vector<std::string> codes;
    for (const auto& issue : checks[0].issues) codes.push_back(issue.code);
    EXPECT_NE(std::find(codes.begin(), codes.end(), "glossary"), codes.end());
    EXPECT_NE(std::find(codes.begin(), codes.end(), "end-punctuation"), codes.end());
    EXPECT_NE(std::find(codes.begin(), codes.end(), "typo-space-before"), codes.end());
    EXPECT_GT(checks[0].line, 0);
    EXPECT_EQ(catalog_status(*m_ctx, std::string("alpha")).value()[0].failing, 0);
}

}  // namespace
}  // namespace tandem::workflow

#include "cms/workflow/memory.h"

namespace tandem::workflow {
namespace {

TEST_F(CatalogsTest, MemorySuggestsExactMatchesFromOtherResourcesAndBlameRemembersThem) {
    // alpha fully translated; beta shares its heading and summary.
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "x.po", tip(), k_translator, "T"}).has_value());
    ASSERT_TRUE(save_source(*m_ctx, {"beta", testing::sample_resource("beta", "First paragraph here."), std::nullopt, k_editor, "New"}).has_value());
    const auto memory = build_repository_memory(*m_ctx).value();
    const auto suggestions = suggest_translations(*m_ctx, memory, "beta", Lang::fr).value();
    ASSERT_EQ(suggestions.size(), 4u);
    const Suggestion* heading = nullptr;
    const Suggestion* paragraph = nullptr;
    for (const auto& s : suggestions) {
        if (s.msgid == "Introduction") heading = &s;
        if (s.msgid == "First paragraph here.") paragraph = &s;
    }
    ASSERT_NE(heading, nullptr);
    ASSERT_FALSE(heading->matches.empty());
    EXPECT_EQ(heading->matches[0].similarity, 100);
    EXPECT_EQ(heading->matches[0].translation, "FR Introduction");
    ASSERT_NE(paragraph, nullptr);
    ASSERT_FALSE(paragraph->matches.empty());
    EXPECT_LT(paragraph->matches[0].similarity, 100);
    EXPECT_GE(paragraph->matches[0].similarity, 60);

    const auto applied = apply_memory(*m_ctx, memory, "beta", Lang::fr, k_translator);
    ASSERT_TRUE(applied.has_value()) << describe(applied.error());
    auto catalog = po::read_catalog(store::read_resource_file(m_ctx->store, "beta", "fr.po", "main").value(), "fr.po").value();
    int prefilled = 0;
    for (auto& m : catalog.messages)
        if (m.fuzzy && !m.msgstr.empty()) {
            ++prefilled;
            m.fuzzy = false;  // the translator confirms
        }
    EXPECT_EQ(prefilled, 2);  // the heading and the summary ("Sample beta" and the paragraph differ)
    ASSERT_TRUE(import_catalog(*m_ctx, {"beta", Lang::fr, po::write_catalog(catalog).value(), "b.po", tip(), k_translator, "Confirm"}).has_value());
    const auto blame = blame_catalog(*m_ctx, "beta", Lang::fr).value();
    ASSERT_EQ(blame.size(), 2u);
    for (const auto& p : blame) EXPECT_TRUE(p.from_memory) << p.msgid;
}

}  // namespace
}  // namespace tandem::workflow

namespace tandem::workflow {
namespace {

TEST_F(CatalogsTest, AFuzzySegmentShowsItsPreviousSourceEvenWhenAToolDroppedIt) {
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "x.po", tip(), k_translator, "T"}).has_value());
    ASSERT_TRUE(save_source(*m_ctx, {"alpha", document("First paragraph, revised."), tip(), k_editor, "Revise"}).has_value());
    const auto memory = build_repository_memory(*m_ctx).value();
    auto suggestions = suggest_translations(*m_ctx, memory, "alpha", Lang::fr).value();
    ASSERT_EQ(suggestions.size(), 1u);
    EXPECT_TRUE(suggestions[0].fuzzy);
    EXPECT_EQ(suggestions[0].previous_msgid, "First paragraph.");
    EXPECT_FALSE(suggestions[0].previous_from_history);
    ASSERT_EQ(suggestions[0].diff.size(), 3u);
    EXPECT_EQ(suggestions[0].diff[1].op, DiffOp::removed);

    // A translator's tool drops the "#|" lines and saves the catalog back.
    auto catalog = po::read_catalog(export_catalog(*m_ctx, "alpha", Lang::fr).value(), "x").value();
    for (auto& m : catalog.messages) m.previous_msgid.reset();
    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, po::write_catalog(catalog).value(), "x.po", tip(), k_translator, "Tool"}).has_value());
    suggestions = suggest_translations(*m_ctx, memory, "alpha", Lang::fr).value();
    ASSERT_EQ(suggestions.size(), 1u);
    EXPECT_EQ(suggestions[0].previous_msgid, "First paragraph.");
    EXPECT_TRUE(suggestions[0].previous_from_history);
}

}  // namespace
}  // namespace tandem::workflow

namespace tandem::workflow {
namespace {

TEST_F(CatalogsTest, ATranslationMergeBackWouldRefuseFailsTheChecks) {
    ASSERT_TRUE(save_source(*m_ctx, {"alpha", document("<em><strong>Both</strong></em> styles."), tip(), k_editor, "E"}).has_value());
    // A catalog written behind Tandem's back (another tool, plain git) with the
    // nesting of the inline elements swapped: same tags, different structure.
    auto catalog = catalog_at();
    for (auto& m : catalog.messages)
        if (m.msgid == "<em><strong>Both</strong></em> styles.") m.msgstr = "<strong><em>Les deux</em></strong> styles.";
    store::ResourceCommit commit{.id = "alpha", .writes = {{"fr.po", po::write_catalog(catalog).value()}}, .base = tip(),
                                 .author = k_translator, .message = "outside"};
    ASSERT_TRUE(store::commit_resource(m_ctx->store, commit).has_value());

    const auto checks = check_catalog(*m_ctx, "alpha", Lang::fr).value();
    ASSERT_EQ(checks.size(), 1u);
    bool blocking = false;
    for (const auto& issue : checks[0].issues) blocking = blocking || check::blocks_approval(issue);
    EXPECT_TRUE(blocking);
    EXPECT_EQ(catalog_status(*m_ctx, std::string("alpha")).value()[0].failing, 1);
}

}  // namespace
}  // namespace tandem::workflow

#include "cms/workflow/approval.h"

namespace tandem::workflow {
namespace {

const store::Author k_publisher{"Paule Publisher", "paule@example.org", 1767240000};

TEST_F(CatalogsTest, TheParityGateRefusesWithWhatIsMissingAndApprovalCopiesTheRevision) {
    const auto refused = approve_resource(*m_ctx, {"alpha", "main", k_publisher, "", false});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::invalid);
    EXPECT_NE(refused.error().message.find("5 segments untranslated into fr"), std::string::npos) << refused.error().message;
    EXPECT_TRUE(store::list_resources(m_ctx->store, "release").value().empty());

    ASSERT_TRUE(import_catalog(*m_ctx, {"alpha", Lang::fr, translated_export(), "x.po", tip(), k_translator, "T"}).has_value());
    const auto approved_at = tip();
    auto pending = pending_approvals(*m_ctx).value();
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_TRUE(pending[0].parity.ready);
    EXPECT_FALSE(pending[0].approved.has_value());
    EXPECT_FALSE(pending[0].changes.empty());

    const auto approved = approve_resource(*m_ctx, {"alpha", "main", k_publisher, "Ready for the campaign launch", false});
    ASSERT_TRUE(approved.has_value()) << describe(approved.error());
    EXPECT_EQ(store::resource_tree_id(m_ctx->store, "alpha", "release").value(),
              store::resource_tree_id(m_ctx->store, "alpha", approved_at).value());
    const auto commit = store::read_commit(m_ctx->store, "release").value();
    EXPECT_EQ(commit.author_name, "Paule Publisher");
    EXPECT_NE(commit.message.find("Approved-by: Paule Publisher <paule@example.org>"), std::string::npos);
    EXPECT_NE(commit.message.find("Source-Revision: " + approved_at), std::string::npos);
    EXPECT_NE(commit.message.find("Translated: 5"), std::string::npos);
    EXPECT_TRUE(pending_approvals(*m_ctx).value().empty());

    // A draft edit on main is pending again, with what changed since the approval.
    ASSERT_TRUE(save_source(*m_ctx, {"alpha", document("First paragraph, revised."), tip(), k_editor, "E"}).has_value());
    pending = pending_approvals(*m_ctx).value();
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_FALSE(pending[0].parity.ready);
    EXPECT_EQ(pending[0].approved, approved_at);
    ASSERT_EQ(pending[0].changes.blocks.size(), 1u);
    EXPECT_EQ(pending[0].changes.blocks[0].after, "First paragraph, revised.");
    // The release still holds the approved revision.
    EXPECT_EQ(store::read_resource_file(m_ctx->store, "alpha", "resource.xml", "release").value(), document("First paragraph."));
}

TEST_F(CatalogsTest, AUnilingualApprovalNeedsANoteAndWithdrawRemovesFromRelease) {
    EXPECT_EQ(approve_resource(*m_ctx, {"alpha", "main", k_publisher, "", true}).error().code, ErrorCode::invalid);
    EXPECT_EQ(approve_resource(*m_ctx, {"alpha", "main", k_publisher, "  \n\t", true}).error().code, ErrorCode::invalid)
        << "blanks are no note";
    ASSERT_TRUE(approve_resource(*m_ctx, {"alpha", "main", k_publisher, "Urgent: the hearing is tomorrow", true}).has_value());
    const auto release_tip = store::branch_tip(m_ctx->store, "release").value().value();
    const auto off_main = approve_resource(*m_ctx, {"alpha", release_tip, k_publisher, "Urgent", true});
    ASSERT_FALSE(off_main.has_value()) << "a release commit is not a revision to approve";
    EXPECT_EQ(off_main.error().code, ErrorCode::invalid);
    EXPECT_NE(off_main.error().message.find("not on main"), std::string::npos) << off_main.error().message;
    EXPECT_EQ(store::branch_tip(m_ctx->store, "release").value().value(), release_tip);
    EXPECT_NE(store::read_commit(m_ctx->store, "release").value().message.find("Unilingual: yes"), std::string::npos);
    ASSERT_TRUE(withdraw_release(*m_ctx, "alpha", k_publisher, "Outdated").has_value());
    EXPECT_TRUE(store::list_resources(m_ctx->store, "release").value().empty());
    EXPECT_EQ(withdraw_release(*m_ctx, "alpha", k_publisher, "").error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace tandem::workflow
