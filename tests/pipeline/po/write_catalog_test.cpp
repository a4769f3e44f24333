#include <gtest/gtest.h>

#include "pipeline/po/catalog.h"
#include "tests/pipeline/po/gettext_tools.h"

namespace tandem::po {
namespace {

using testing::run_tool;
using testing::TempDir;

Catalog sample_catalog() {
    Catalog c;
    c.header =
        "Project-Id-Version: tandem\n"
        "Language: fr\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "Plural-Forms: nplurals=2; plural=(n > 1);\n";
    c.header_comments = {"French translation of trp-limits-to-protection.", ""};

    Message long_one;
    long_one.msgid =
        "Temporary Resident Permits (TRPs) are the main tool available to protect trafficked persons in "
        "Canada, but they are rarely issued: between May 2006 and 2009, only a few dozen were granted.";
    long_one.msgstr =
        "Les permis de séjour temporaire (PST) sont le principal outil pour protéger les personnes "
        "victimes de la traite au Canada, mais ils sont rarement délivrés.";
    long_one.extracted_comments = {"/resource/body/section[1]/p[1]"};
    long_one.references = {"resources/trp/resource.xml:12"};
    long_one.translator_comments = {"Checked with the legal team."};

    Message escapes;
    escapes.msgctxt = "label";
    escapes.msgid = "Tabs\tand \"quotes\" and a back\\slash\nand a newline";
    escapes.msgstr = "Tabulations\tet « guillemets » et une barre\\oblique\net un saut";
    escapes.fuzzy = true;
    escapes.previous_msgid = "Tabs and quotes";

    Message preserved;
    preserved.msgid = std::string(120, 'x') + " preserved text whose lines must not be wrapped at all";
    preserved.flags = {"no-wrap"};
    preserved.references = {"resources/trp/resource.xml:30", "resources/trp/resource.xml:31"};

    Message plural;
    plural.msgid = "%d resource";
    plural.msgid_plural = "%d resources";
    plural.msgstr_plural = {"%d ressource", "%d ressources"};
    plural.flags = {"c-format"};

    Message old;
    old.msgid = "An old sentence that nobody uses any more but whose translation is kept for later";
    old.msgstr = "Une vieille phrase";
    old.obsolete = true;
    old.fuzzy = true;
    old.previous_msgid = "An older sentence";

    c.messages = {long_one, escapes, preserved, plural, old};
    return c;
}

TEST(WriteCatalog, OutputIsAFixedPointOfMsgcat) {
    TANDEM_REQUIRE_TOOL("msgcat");
    const auto written = write_catalog(sample_catalog());
    ASSERT_TRUE(written.has_value()) << describe(written.error());
    TempDir tmp;
    tmp.write("fr.po", *written);
    const auto again = run_tool(tmp.path(), "msgcat", {"-o", "-", "fr.po"});
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(again.out, *written);
}

// libgettextpo takes text already known to be UTF-8 byte by byte (see
// libgettextpo.h): what it prints must still be what msgcat prints, which
// decodes every character. Wide, combining and astral characters and no-break
// spaces move gettext's line breaks.
TEST(WriteCatalog, WideAndCombiningTextIsWrappedAsMsgcatWrapsIt) {
    TANDEM_REQUIRE_TOOL("msgcat");
    Catalog c;
    c.header = "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n";
    const std::vector<std::string> texts = {
        "東京都の一時滞在許可は人身取引の被害者を保護するための"
        "主要な手段ですが、実際にはほとんど発行されていません。",
        "Les permis de se\u0301jour temporaire (PST) sont le principal outil pour prote\u0301ger les personnes "
        "victimes de la traite, mais ils sont rarement de\u0301livre\u0301s\u00a0: entre mai\u00a02006 et 2009.",
        "Emoji \U0001F600\U0001F600\U0001F600 and 한국어 텍스트 mixed with long ASCII words "
        "supercalifragilisticexpialidocious and more ⟦Pröpösäl för Légïslätïvé Äméñdméñt⟧ text.",
        "Tabs\tand \"quotes\" beside «guillemets» and ünïcödé on one very long line that must wrap twice over.\n"
        "Then a second line.",
    };
    for (std::size_t i = 0; i < texts.size(); ++i) {
        Message m;
        m.msgid = "message " + std::to_string(i) + " " + texts[i];
        m.msgstr = texts[(i + 1) % texts.size()];
        m.translator_comments = {"note: 注意 ⟦é⟧"};
        m.previous_msgid = texts[i];
        m.fuzzy = i % 2 == 0;
        c.messages.push_back(m);
    }
    for (const bool flags : {false, true}) {  // through the API, and through the skeleton
        SCOPED_TRACE(flags ? "with flags" : "without flags");
        if (flags) c.messages[1].flags = {"c-format"};
        const auto written = write_catalog(c);
        ASSERT_TRUE(written.has_value()) << describe(written.error());
        TempDir tmp;
        tmp.write("ja.po", *written);
        const auto again = run_tool(tmp.path(), "msgcat", {"-o", "-", "ja.po"});
        ASSERT_EQ(again.status, 0) << again.err;
        EXPECT_EQ(again.out, *written);
        const auto read = read_catalog(*written, "ja.po");
        ASSERT_TRUE(read.has_value()) << describe(read.error());
        ASSERT_EQ(read->messages.size(), c.messages.size());
        for (std::size_t i = 0; i < c.messages.size(); ++i) {
            EXPECT_EQ(read->messages[i].msgid, c.messages[i].msgid);
            EXPECT_EQ(read->messages[i].msgstr, c.messages[i].msgstr);
            EXPECT_EQ(read->messages[i].previous_msgid, c.messages[i].previous_msgid);
        }
    }
}

TEST(WriteCatalog, OutputPassesMsgfmtCheck) {
    TANDEM_REQUIRE_TOOL("msgfmt");
    const auto written = write_catalog(sample_catalog());
    ASSERT_TRUE(written.has_value());
    TempDir tmp;
    tmp.write("fr.po", *written);
    const auto check = run_tool(tmp.path(), "msgfmt", {"--check", "-o", "/dev/null", "fr.po"});
    EXPECT_EQ(check.status, 0) << check.err;
}

TEST(WriteCatalog, WrapsLongLinesAndEscapesAsGettextDoes) {
    const auto written = write_catalog(sample_catalog());
    ASSERT_TRUE(written.has_value());
    EXPECT_NE(
        written->find("msgid \"\"\n\"Temporary Resident Permits (TRPs) are the main tool available to protect \"\n"),
        std::string::npos)
        << *written;
    EXPECT_NE(written->find("\"Tabs\\tand \\\"quotes\\\" and a back\\\\slash\\n\"\n\"and a newline\""),
              std::string::npos)
        << *written;
    EXPECT_NE(written->find("#, fuzzy\n#| msgid \"Tabs and quotes\"\nmsgctxt \"label\""), std::string::npos);
}

TEST(WriteCatalog, NoWrapKeepsALongLineWhole) {
    const auto written = write_catalog(sample_catalog());
    ASSERT_TRUE(written.has_value());
    EXPECT_NE(written->find("#, no-wrap\nmsgid \"" + std::string(120, 'x')), std::string::npos) << *written;
}

TEST(WriteCatalog, ObsoleteMessagesComeLastWithTheirPreviousMsgid) {
    Catalog c = sample_catalog();
    std::rotate(c.messages.begin(), c.messages.end() - 1, c.messages.end());  // obsolete first
    const auto written = write_catalog(c);
    ASSERT_TRUE(written.has_value());
    const std::string tail = "#, fuzzy\n#~| msgid \"An older sentence\"\n#~ msgid \"\"\n";
    const std::size_t at = written->find(tail);
    ASSERT_NE(at, std::string::npos) << *written;
    EXPECT_EQ(written->find("\nmsgid", at), std::string::npos);  // nothing after it
}

TEST(WriteCatalog, AHeaderOnlyCatalogIsWrittenWithItsHeader) {
    Catalog c;
    c.header = "Content-Type: text/plain; charset=UTF-8\n";
    const auto written = write_catalog(c);
    ASSERT_TRUE(written.has_value());
    EXPECT_EQ(*written, "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n");
}

TEST(WriteCatalog, ACatalogWithoutHeaderHasNone) {
    Catalog c;
    c.has_header = false;
    Message m;
    m.msgid = "a";
    m.references = {"odd:name:4a", "plain"};
    c.messages = {m};
    const auto written = write_catalog(c);
    ASSERT_TRUE(written.has_value());
    EXPECT_EQ(*written, "#: odd:name:4a plain\nmsgid \"a\"\nmsgstr \"\"\n");
}

TEST(WriteCatalog, RejectsTextThatIsNotUtf8) {
    Catalog c = sample_catalog();
    c.messages[0].msgstr = "Caf\xe9";
    const auto written = write_catalog(c);
    ASSERT_FALSE(written.has_value());
    EXPECT_EQ(written.error().code, ErrorCode::invalid);
}

TEST(WriteCatalog, RejectsTwoMessagesWithTheSameMsgctxtAndMsgid) {
    Catalog c = sample_catalog();
    c.messages.push_back(c.messages[1]);
    c.messages.back().obsolete = true;
    const auto written = write_catalog(c);
    ASSERT_FALSE(written.has_value());
    EXPECT_EQ(written.error().code, ErrorCode::invalid);
    EXPECT_NE(written.error().message.find("appears twice"), std::string::npos);
}

TEST(WriteCatalog, SameMsgidInAnotherContextIsAnotherMessage) {
    Catalog c = sample_catalog();
    c.messages.push_back(c.messages[1]);
    c.messages.back().msgctxt.reset();
    EXPECT_TRUE(write_catalog(c).has_value());
}

TEST(WriteCatalog, RejectsAFlagThatCannotBeWritten) {
    Catalog c = sample_catalog();
    c.messages[0].flags = {"no-wrap\n#, c-format"};
    const auto written = write_catalog(c);
    ASSERT_FALSE(written.has_value());
    EXPECT_EQ(written.error().code, ErrorCode::invalid);
}

TEST(WriteCatalog, RejectsASecondHeader) {
    Catalog c = sample_catalog();
    c.messages.emplace_back();
    const auto written = write_catalog(c);
    ASSERT_FALSE(written.has_value());
    EXPECT_EQ(written.error().code, ErrorCode::invalid);
}

TEST(WriteCatalog, RejectsUtf8TextUnderAnotherDeclaredCharset) {
    Catalog c = sample_catalog();
    set_header_field(c, "Content-Type", "text/plain; charset=ISO-8859-1");
    const auto written = write_catalog(c);
    ASSERT_FALSE(written.has_value());
    EXPECT_EQ(written.error().code, ErrorCode::invalid);
}

TEST(WriteCatalog, RejectsNonAsciiTextWithoutADeclaredCharset) {
    Catalog c;
    c.header = "Project-Id-Version: tandem\n";
    Message m;
    m.msgid = "Coffee";
    m.msgstr = "Café";
    c.messages = {m};
    const auto written = write_catalog(c);
    ASSERT_FALSE(written.has_value());
    EXPECT_EQ(written.error().code, ErrorCode::invalid);
    c.has_header = false;
    EXPECT_FALSE(write_catalog(c).has_value());
    c.messages[0].msgstr = "Cafe";
    EXPECT_TRUE(write_catalog(c).has_value());
}

TEST(WriteCatalog, UnknownFlagsAreDroppedAsMsgcatDrops) {
    Catalog c;
    Message m;
    m.msgid = "a";
    m.flags = {"tandem-private", "python-format"};
    c.messages = {m};
    const auto written = write_catalog(c);
    ASSERT_TRUE(written.has_value());
    EXPECT_NE(written->find("#, python-format\nmsgid \"a\""), std::string::npos) << *written;
}

TEST(WriteCatalog, WhatIsWrittenReadsBackTheSame) {
    const Catalog c = sample_catalog();
    const auto written = write_catalog(c);
    ASSERT_TRUE(written.has_value());
    const auto back = read_catalog(*written, "fr.po");
    ASSERT_TRUE(back.has_value()) << describe(back.error());
    EXPECT_EQ(back->header, c.header);
    EXPECT_EQ(back->header_comments, c.header_comments);
    ASSERT_EQ(back->messages.size(), c.messages.size());
    for (std::size_t i = 0; i < c.messages.size(); ++i) {
        SCOPED_TRACE(i);
        const Message& a = c.messages[i];
        const Message& b = back->messages[i];
        EXPECT_EQ(a.msgctxt, b.msgctxt);
        EXPECT_EQ(a.msgid, b.msgid);
        EXPECT_EQ(a.msgid_plural, b.msgid_plural);
        EXPECT_EQ(a.msgstr, b.msgstr);
        EXPECT_EQ(a.msgstr_plural, b.msgstr_plural);
        EXPECT_EQ(a.translator_comments, b.translator_comments);
        EXPECT_EQ(a.extracted_comments, b.extracted_comments);
        EXPECT_EQ(a.references, b.references);
        EXPECT_EQ(a.flags, b.flags);
        EXPECT_EQ(a.fuzzy, b.fuzzy);
        EXPECT_EQ(a.obsolete, b.obsolete);
        EXPECT_EQ(a.previous_msgid, b.previous_msgid);
    }
}

}  // namespace
}  // namespace tandem::po
