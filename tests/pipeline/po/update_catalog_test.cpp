#include <gtest/gtest.h>

#include <map>

#include "pipeline/po/catalog.h"
#include "tests/pipeline/po/gettext_tools.h"
#include "tests/pipeline/po/merge_case.h"

namespace tandem::po {
namespace {

using testing::run_tool;
using testing::TempDir;

model::Segment segment(std::string msgid, std::vector<std::string> refs = {"resources/r/resource.xml:1"}) {
    model::Segment s;
    s.msgid = std::move(msgid);
    s.references = std::move(refs);
    s.comments = {"/resource/body/p"};
    return s;
}

Message translated(std::string msgid, std::string msgstr) {
    Message m;
    m.msgid = std::move(msgid);
    m.msgstr = std::move(msgstr);
    m.references = {"resources/r/resource.xml:99"};
    m.extracted_comments = {"old path"};
    return m;
}

Catalog french(std::vector<Message> messages) {
    Catalog c;
    c.header = "Language: fr\nContent-Type: text/plain; charset=UTF-8\n";
    c.messages = std::move(messages);
    return c;
}

const Message* find(const Catalog& c, std::string_view msgid, bool obsolete = false) {
    for (const Message& m : c.messages)
        if (m.msgid == msgid && m.obsolete == obsolete) return &m;
    return nullptr;
}

TEST(UpdateCatalog, UnchangedSegmentKeepsItsTranslationAndTranslatorComments) {
    Message old = translated("Canada must protect trafficked persons.", "Le Canada doit protéger les personnes.");
    old.translator_comments = {"checked"};
    const std::vector<model::Segment> segments{segment("Canada must protect trafficked persons.")};
    const Catalog updated = update_catalog(french({old}), segments);
    ASSERT_EQ(updated.messages.size(), 1u);
    const Message& m = updated.messages[0];
    EXPECT_TRUE(m.translated());
    EXPECT_EQ(m.msgstr, old.msgstr);
    EXPECT_EQ(m.translator_comments, old.translator_comments);
    EXPECT_FALSE(m.previous_msgid);
}

TEST(UpdateCatalog, ChangedSourceBecomesFuzzyWithPreviousMsgid) {
    const Catalog old = french({translated("Canada must protect trafficked persons.", "Le Canada doit protéger.")});
    const std::vector<model::Segment> segments{segment("Canada should protect trafficked persons.")};
    const Catalog updated = update_catalog(old, segments);
    ASSERT_EQ(updated.messages.size(), 1u);  // the old message is used, not obsolete
    const Message& m = updated.messages[0];
    EXPECT_EQ(m.msgid, "Canada should protect trafficked persons.");
    EXPECT_TRUE(m.fuzzy);
    EXPECT_EQ(m.msgstr, "Le Canada doit protéger.");
    EXPECT_EQ(m.previous_msgid, "Canada must protect trafficked persons.");
}

TEST(UpdateCatalog, HeavilyRewrittenSourceIsUntranslatedAndTheOldOneObsolete) {
    const Catalog old = french({translated("Canada must protect trafficked persons.", "Le Canada doit protéger.")});
    const std::vector<model::Segment> segments{segment("Order the FAQ booklet from our office today.")};
    const Catalog updated = update_catalog(old, segments);
    ASSERT_EQ(updated.messages.size(), 2u);
    EXPECT_TRUE(updated.messages[0].msgstr.empty());
    EXPECT_FALSE(updated.messages[0].fuzzy);
    EXPECT_TRUE(updated.messages[1].obsolete);
    EXPECT_EQ(updated.messages[1].msgstr, "Le Canada doit protéger.");
}

TEST(UpdateCatalog, VanishedMessageBecomesObsoleteWithoutReferencesOrExtractedComments) {
    Message gone = translated("A sentence the editor removed.", "Une phrase retirée.");
    gone.translator_comments = {"keep me"};
    const Catalog updated = update_catalog(french({gone}), {});
    ASSERT_EQ(updated.messages.size(), 1u);
    const Message& m = updated.messages[0];
    EXPECT_TRUE(m.obsolete);
    EXPECT_EQ(m.msgstr, "Une phrase retirée.");
    EXPECT_EQ(m.translator_comments, gone.translator_comments);
    EXPECT_TRUE(m.references.empty());
    EXPECT_TRUE(m.extracted_comments.empty());
}

TEST(UpdateCatalog, ObsoleteMessageComesBackWhenItsMsgidReturns) {
    Message old = translated("A sentence that comes back.", "Une phrase qui revient.");
    old.obsolete = true;
    old.references.clear();
    const std::vector<model::Segment> segments{segment("A sentence that comes back.")};
    const Catalog updated = update_catalog(french({old}), segments);
    ASSERT_EQ(updated.messages.size(), 1u);
    EXPECT_TRUE(updated.messages[0].translated());
    EXPECT_EQ(updated.messages[0].references, segments[0].references);
}

TEST(UpdateCatalog, AnObsoleteTranslationCanBeTheFuzzyMatch) {
    Message old = translated("Women and children are the first victims.", "Les femmes et les enfants.");
    old.obsolete = true;
    const std::vector<model::Segment> segments{segment("Women and children are the main victims.")};
    const Catalog updated = update_catalog(french({old}), segments);
    ASSERT_EQ(updated.messages.size(), 1u);
    EXPECT_TRUE(updated.messages[0].fuzzy);
    EXPECT_EQ(updated.messages[0].previous_msgid, old.msgid);
}

TEST(UpdateCatalog, UntranslatedOldMessagesAreNotFuzzyMatchesAndVanish) {
    Message old;
    old.msgid = "Women and children are the first victims.";
    const std::vector<model::Segment> segments{segment("Women and children are the main victims.")};
    const Catalog updated = update_catalog(french({old}), segments);
    ASSERT_EQ(updated.messages.size(), 1u);  // gettext does not write an untranslated obsolete message
    EXPECT_FALSE(updated.messages[0].fuzzy);
    EXPECT_EQ(updated.messages[0].msgid, "Women and children are the main victims.");
}

TEST(UpdateCatalog, AFuzzyOldMessageHandsOnItsOwnPreviousMsgid) {
    Message old = translated("The permit lasts three years.", "Le permis dure trois ans.");
    old.fuzzy = true;
    old.previous_msgid = "The permit lasts two years.";
    const std::vector<model::Segment> segments{segment("The permit lasts four years.")};
    const Catalog updated = update_catalog(french({old}), segments);
    ASSERT_EQ(updated.messages.size(), 1u);
    EXPECT_TRUE(updated.messages[0].fuzzy);
    EXPECT_EQ(updated.messages[0].previous_msgid, "The permit lasts two years.");  // what the translation was made for
}

TEST(UpdateCatalog, AnUnchangedFuzzyMessageStaysFuzzyWithItsPreviousMsgid) {
    Message old = translated("The permit lasts three years.", "Le permis dure deux ans.");
    old.fuzzy = true;
    old.previous_msgid = "The permit lasts two years.";
    const std::vector<model::Segment> segments{segment("The permit lasts three years.")};
    const Catalog updated = update_catalog(french({old}), segments);
    EXPECT_TRUE(updated.messages.at(0).fuzzy);
    EXPECT_EQ(updated.messages.at(0).previous_msgid, "The permit lasts two years.");
}

TEST(UpdateCatalog, OneOldTranslationCanServeSeveralNewMessages) {
    const Catalog old = french({translated("Take action now", "Agissez maintenant")});
    const std::vector<model::Segment> segments{segment("Take action now"), segment("Take action now!"),
                                               segment("Take action now.")};
    const Catalog updated = update_catalog(old, segments);
    ASSERT_EQ(updated.messages.size(), 3u);
    EXPECT_TRUE(updated.messages[0].translated());
    EXPECT_TRUE(updated.messages[1].fuzzy);
    EXPECT_TRUE(updated.messages[2].fuzzy);
}

TEST(UpdateCatalog, ANewContextFindsTheSameTextAsAFuzzyMatch) {
    Message old = translated("Summary", "Résumé");
    old.msgctxt = "title";
    model::Segment s = segment("Summary");
    s.msgctxt = "heading";
    const Catalog updated = update_catalog(french({old}), std::vector<model::Segment>{s});
    ASSERT_EQ(updated.messages.size(), 1u);
    EXPECT_TRUE(updated.messages[0].fuzzy);
    EXPECT_EQ(updated.messages[0].previous_msgctxt, "title");
    EXPECT_EQ(updated.messages[0].previous_msgid, "Summary");
}

TEST(UpdateCatalog, NewSegmentIsUntranslated) {
    const std::vector<model::Segment> segments{segment("Brand new paragraph about housing.")};
    const Catalog updated = update_catalog(french({}), segments);
    ASSERT_EQ(updated.messages.size(), 1u);
    EXPECT_TRUE(updated.messages[0].msgstr.empty());
    EXPECT_FALSE(updated.messages[0].fuzzy);
}

TEST(UpdateCatalog, CommentsReferencesAndFlagsComeFromTheSegments) {
    Message old = translated("Line one\nLine two", "Ligne un\nLigne deux");
    old.flags = {"c-format"};
    model::Segment s = segment("Line one\nLine two", {"resources/r/resource.xml:7"});
    s.comments = {"/resource/body/pre"};
    s.flags = {"no-wrap"};
    const Catalog updated = update_catalog(french({old}), std::vector<model::Segment>{s});
    const Message& m = updated.messages.at(0);
    EXPECT_EQ(m.references, s.references);
    EXPECT_EQ(m.extracted_comments, s.comments);
    EXPECT_EQ(m.flags, s.flags);
    EXPECT_TRUE(m.translated());
}

TEST(UpdateCatalog, RepeatedSegmentsShareOneMessage) {
    const std::vector<model::Segment> segments{segment("Yes", {"a.xml:1"}), segment("No", {"a.xml:2"}),
                                               segment("Yes", {"a.xml:3"})};
    const Catalog updated = update_catalog(french({}), segments);
    ASSERT_EQ(updated.messages.size(), 2u);
    EXPECT_EQ(updated.messages[0].references, (std::vector<std::string>{"a.xml:1", "a.xml:3"}));
}

TEST(UpdateCatalog, FollowsTheNewSegmentOrderWithObsoleteMessagesLast) {
    const Catalog old =
        french({translated("First message here", "Premier"), translated("Second message here", "Deuxième"),
                translated("Third message here", "Troisième")});
    const std::vector<model::Segment> segments{segment("Third message here"), segment("First message here")};
    const Catalog updated = update_catalog(old, segments);
    ASSERT_EQ(updated.messages.size(), 3u);
    EXPECT_EQ(updated.messages[0].msgid, "Third message here");
    EXPECT_EQ(updated.messages[1].msgid, "First message here");
    EXPECT_TRUE(updated.messages[2].obsolete);
}

TEST(UpdateCatalog, TheHeaderIsKeptWithItsFieldsInMsgmergeOrder) {
    Catalog old;
    old.header =
        "Content-Type: text/plain; charset=UTF-8\n"
        "X-Generator: Tandem\n"
        "language-team: French <traduc@traduc.org>\n"
        "Project-Id-Version: tandem\n";
    old.header_fuzzy = true;
    old.header_comments = {"French"};
    const Catalog updated = update_catalog(old, {});
    EXPECT_EQ(updated.header,
              "Project-Id-Version: tandem\n"
              "Language-Team: French <traduc@traduc.org>\n"
              "Language: fr\n"
              "Content-Type: text/plain; charset=UTF-8\n"
              "X-Generator: Tandem\n");
    EXPECT_TRUE(updated.header_fuzzy);
    EXPECT_EQ(updated.header_comments, old.header_comments);
}

TEST(UpdateCatalog, ACatalogWithoutHeaderGetsNone) {
    Catalog old;
    old.has_header = false;
    EXPECT_FALSE(update_catalog(old, {}).has_header);
}

TEST(MakeTemplate, HoldsOneUntranslatedMessagePerDistinctSegment) {
    model::Segment title = segment("Limits to Protection", {"r.xml:2"});
    title.msgctxt = "title";
    const std::vector<model::Segment> segments{title, segment("Summary", {"r.xml:3"}), segment("Summary", {"r.xml:9"}),
                                               segment("")};
    const Catalog pot = make_template(segments, "trp-limits");
    EXPECT_EQ(header_field(pot, "Project-Id-Version"), "trp-limits");
    EXPECT_EQ(header_field(pot, "Content-Type"), "text/plain; charset=UTF-8");
    ASSERT_EQ(pot.messages.size(), 2u);
    EXPECT_EQ(pot.messages[0].msgctxt, "title");
    EXPECT_EQ(pot.messages[1].references, (std::vector<std::string>{"r.xml:3", "r.xml:9"}));
    for (const Message& m : pot.messages) {
        EXPECT_TRUE(m.msgstr.empty());
        EXPECT_FALSE(m.fuzzy);
    }
}

TEST(MakeTemplate, PassesMsgfmtCheck) {
    TANDEM_REQUIRE_TOOL("msgfmt");
    const std::vector<model::Segment> segments{segment("Limits to Protection"), segment("Order form")};
    const auto written = write_catalog(make_template(segments, "trp"));
    ASSERT_TRUE(written.has_value());
    TempDir tmp;
    tmp.write("t.pot", *written);
    const auto check = run_tool(tmp.path(), "msgfmt", {"--check", "-o", "/dev/null", "t.pot"});
    EXPECT_EQ(check.status, 0) << check.err;
}

// ---- against msgmerge itself ---------------------------------------------

std::vector<model::Segment> segments_of(const Catalog& pot) {
    std::vector<model::Segment> segments;
    for (const Message& m : pot.messages) {
        model::Segment s;
        s.msgctxt = m.msgctxt;
        s.msgid = m.msgid;
        s.comments = m.extracted_comments;
        s.references = m.references;
        s.flags = m.flags;
        segments.push_back(std::move(s));
    }
    return segments;
}

// Each message's state: "translated", "fuzzy <previous msgid>", "untranslated", "obsolete".
std::map<std::string, std::string> states(const Catalog& c) {
    std::map<std::string, std::string> out;
    for (const Message& m : c.messages) {
        const std::string key = (m.msgctxt ? *m.msgctxt + "\x04" : std::string()) + m.msgid;
        std::string state = m.obsolete       ? "obsolete"
                            : m.translated() ? "translated"
                            : m.fuzzy        ? "fuzzy |" + m.previous_msgid.value_or("-")
                                             : "untranslated";
        out[key] = state;
    }
    return out;
}

void expect_same_states(const Catalog& ours, const Catalog& theirs) {
    const auto a = states(ours);
    const auto b = states(theirs);
    for (const auto& [key, state] : b) {
        const auto found = a.find(key);
        if (found == a.end())
            ADD_FAILURE() << "missing: " << key << " (" << state << ")";
        else
            EXPECT_EQ(found->second, state) << key;
    }
    for (const auto& [key, state] : a)
        if (!b.count(key)) ADD_FAILURE() << "extra: " << key << " (" << state << ")";
}

struct Merged {
    Catalog catalog;
    std::string text;
};

// msgmerge --previous on old.po and new.pot, written in `dir`.
std::optional<Merged> msgmerge(const TempDir& dir) {
    const auto run = run_tool(dir.path(), "msgmerge", {"-q", "--previous", "-o", "-", "old.po", "new.pot"});
    if (run.status != 0) {
        ADD_FAILURE() << run.err;
        return std::nullopt;
    }
    auto catalog = read_catalog(run.out, "msgmerge output");
    if (!catalog) {
        ADD_FAILURE() << describe(catalog.error());
        return std::nullopt;
    }
    return Merged{*catalog, run.out};
}

TEST(UpdateCatalog, AgreesWithMsgmergeOnTheConformanceSample) {
    const auto dir = testing::po_conformance_dir();
    if (!dir) GTEST_SKIP() << "no conformance data at " << TANDEM_SHARED_DIR;
    const auto old = read_catalog(testing::read_bytes(*dir / "merge-previous/old.po"), "old.po");
    const auto pot = read_catalog(testing::read_bytes(*dir / "merge-previous/new.pot"), "new.pot");
    const auto expected = read_catalog(testing::read_bytes(*dir / "merge-previous/expected.po"), "expected.po");
    ASSERT_TRUE(old && pot && expected);

    Catalog ours = update_catalog(*old, segments_of(*pot));
    expect_same_states(ours, *expected);

    // Byte for byte, but for the header field that only the template's own header
    // could bring (segments have none).
    Catalog theirs = *expected;
    theirs.header = ours.header;
    EXPECT_EQ(write_catalog(ours).value(), write_catalog(theirs).value());
    EXPECT_EQ(expected->header, "Report-Msgid-Bugs-To: \n" + ours.header);
}

TEST(UpdateCatalog, AgreesWithMsgmergeOnGeneratedCases) {
    TANDEM_REQUIRE_TOOL("msgmerge");
    struct Size {
        std::uint64_t seed;
        int messages;
    };
    std::vector<Size> cases;
    for (std::uint64_t seed = 1; seed <= 24; ++seed) cases.push_back({seed, 100});
    cases.push_back({1000, 1000});
    int fuzzy_seen = 0, revived_seen = 0;
    for (const Size& size : cases) {
        SCOPED_TRACE("seed " + std::to_string(size.seed) + ", " + std::to_string(size.messages) + " messages");
        const testing::MergeCase c = testing::make_merge_case(size.seed, size.messages);
        const auto old_text = write_catalog(c.old);
        const auto pot_text = write_catalog(make_template(c.segments, "tandem"));
        ASSERT_TRUE(old_text.has_value()) << describe(old_text.error());
        ASSERT_TRUE(pot_text.has_value()) << describe(pot_text.error());
        TempDir tmp;
        tmp.write("old.po", *old_text);
        tmp.write("new.pot", *pot_text);
        const auto expected = msgmerge(tmp);
        ASSERT_TRUE(expected);

        const auto old = read_catalog(*old_text, "old.po");
        ASSERT_TRUE(old.has_value());
        const Catalog ours = update_catalog(*old, c.segments);
        expect_same_states(ours, expected->catalog);
        const auto written = write_catalog(ours);
        ASSERT_TRUE(written.has_value());
        EXPECT_EQ(*written, expected->text);

        for (const Message& m : ours.messages) fuzzy_seen += m.fuzzy && m.previous_msgid ? 1 : 0;
        for (const Message& m : old->messages)
            if (m.obsolete) revived_seen += find(ours, m.msgid) ? 1 : 0;
    }
    // The generator did exercise what it claims to.
    EXPECT_GT(fuzzy_seen, 100);
    EXPECT_GT(revived_seen, 10);
}

TEST(UpdateCatalog, UpdatedCatalogsPassMsgfmtCheck) {
    TANDEM_REQUIRE_TOOL("msgfmt");
    const testing::MergeCase c = testing::make_merge_case(7, 200);
    const auto written = write_catalog(update_catalog(c.old, c.segments));
    ASSERT_TRUE(written.has_value());
    TempDir tmp;
    tmp.write("fr.po", *written);
    const auto check = run_tool(tmp.path(), "msgfmt", {"--check", "-o", "/dev/null", "fr.po"});
    EXPECT_EQ(check.status, 0) << check.err;
}

}  // namespace
}  // namespace tandem::po
