#include <gtest/gtest.h>

#include <thread>

#include "pipeline/po/catalog.h"
#include "tests/pipeline/po/gettext_tools.h"

namespace tandem::po {
namespace {

using testing::data_dir;
using testing::read_bytes;

const char* const k_full = R"(# Translation of the campaign page.
# Copyright (C) 2024 CCR
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: tandem\n"
"Language: fr\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

# A translator's note
#. /resource/body/p[1]
#: resources/trp/resource.xml:12 resources/trp/resource.xml:40
#: notes.txt
#, fuzzy, no-wrap
#| msgctxt "old context"
#| msgid "Temporary Resident Permits"
msgctxt "title"
msgid "Temporary Resident Permits: limits"
msgstr "Permis de séjour temporaire : limites"

#, c-format, range: 1..5
msgid "%d resource"
msgid_plural "%d resources"
msgstr[0] "%d ressource"
msgstr[1] "%d ressources"

msgid ""
"A long message that gettext wraps over more than one line because it is "
"longer than seventy-nine columns."
msgstr ""

#, no-c-format
#~| msgid "Old text"
#~ msgid "Older text"
#~ msgstr "Texte plus ancien"
)";

TEST(ReadCatalog, ReadsTheHeader) {
    const auto catalog = read_catalog(k_full, "fr.po");
    ASSERT_TRUE(catalog.has_value()) << describe(catalog.error());
    EXPECT_TRUE(catalog->has_header);
    EXPECT_TRUE(catalog->header_fuzzy);
    EXPECT_EQ(catalog->header_comments,
              (std::vector<std::string>{"Translation of the campaign page.", "Copyright (C) 2024 CCR"}));
    EXPECT_EQ(header_field(*catalog, "Language"), "fr");
    EXPECT_EQ(header_field(*catalog, "Plural-Forms"), "nplurals=2; plural=(n > 1);");
}

TEST(ReadCatalog, ReadsEveryFieldOfAMessage) {
    const auto catalog = read_catalog(k_full, "fr.po");
    ASSERT_TRUE(catalog.has_value()) << describe(catalog.error());
    ASSERT_EQ(catalog->messages.size(), 4u);

    const Message& title = catalog->messages[0];
    EXPECT_EQ(title.msgctxt, "title");
    EXPECT_EQ(title.msgid, "Temporary Resident Permits: limits");
    EXPECT_EQ(title.msgstr, "Permis de séjour temporaire : limites");
    EXPECT_EQ(title.translator_comments, std::vector<std::string>{"A translator's note"});
    EXPECT_EQ(title.extracted_comments, std::vector<std::string>{"/resource/body/p[1]"});
    EXPECT_EQ(title.references, (std::vector<std::string>{"resources/trp/resource.xml:12",
                                                          "resources/trp/resource.xml:40", "notes.txt"}));
    EXPECT_EQ(title.flags, std::vector<std::string>{"no-wrap"});
    EXPECT_TRUE(title.fuzzy);
    EXPECT_FALSE(title.translated());
    EXPECT_EQ(title.previous_msgctxt, "old context");
    EXPECT_EQ(title.previous_msgid, "Temporary Resident Permits");

    const Message& plural = catalog->messages[1];
    EXPECT_EQ(plural.msgid_plural, "%d resources");
    EXPECT_EQ(plural.msgstr_plural, (std::vector<std::string>{"%d ressource", "%d ressources"}));
    EXPECT_EQ(plural.flags, (std::vector<std::string>{"c-format", "range: 1..5"}));
    EXPECT_TRUE(plural.translated());

    const Message& wrapped = catalog->messages[2];
    EXPECT_EQ(wrapped.msgid,
              "A long message that gettext wraps over more than one line because it is longer than "
              "seventy-nine columns.");
    EXPECT_FALSE(wrapped.translated());

    const Message& old = catalog->messages[3];
    EXPECT_TRUE(old.obsolete);
    EXPECT_EQ(old.msgid, "Older text");
    EXPECT_EQ(old.previous_msgid, "Old text");
    EXPECT_EQ(old.flags, std::vector<std::string>{"no-c-format"});
}

TEST(ReadCatalog, MessageLineIsTheLineGettextCitesForIt) {
    const auto catalog = read_catalog(k_full, "fr.po");
    ASSERT_TRUE(catalog.has_value());
    // gettext places a message at its msgstr keyword (msgfmt's diagnostics say so).
    EXPECT_EQ(catalog->messages[0].line, 22);
    EXPECT_EQ(catalog->messages[1].line, 27);
    EXPECT_EQ(catalog->messages[2].line, 33);
    EXPECT_EQ(catalog->messages[3].line, 38);
}

TEST(ReadCatalog, ReadsACatalogWithoutHeader) {
    const auto catalog = read_catalog("msgid \"a\"\nmsgstr \"b\"\n", "x.po");
    ASSERT_TRUE(catalog.has_value()) << describe(catalog.error());
    EXPECT_FALSE(catalog->has_header);
    ASSERT_EQ(catalog->messages.size(), 1u);
    EXPECT_EQ(catalog->messages[0].msgstr, "b");
}

TEST(ReadCatalog, ReadsAnEmptyInputAsAnEmptyCatalog) {
    const auto catalog = read_catalog("", "empty.po");
    ASSERT_TRUE(catalog.has_value());
    EXPECT_FALSE(catalog->has_header);
    EXPECT_TRUE(catalog->messages.empty());
}

// One folder per user mistake under data/invalid, with what must be reported.
struct Mistake {
    const char* folder;
    int line;
    const char* message;  // part of Error::message
};

const Mistake k_mistakes[] = {
    {"unterminated-string", 6, "end-of-line within string"},
    {"missing-msgstr", 5, "missing 'msgstr' section"},
    {"misspelt-keyword", 6, "keyword \"msgsrt\" unknown"},
    {"duplicate-message", 11, "duplicate message definition"},
    {"invalid-escape", 6, "invalid control sequence"},
    {"text-outside-quotes", 6, "keyword \"Bonjour\" unknown"},
    {"plural-index-out-of-order", 8, "plural form has wrong index"},
    {"invalid-utf8", 6, "invalid multibyte sequence"},
    {"undeclared-latin1", 2, "non-ASCII text, but the header declares no charset"},
    {"undeclared-utf8", 2, "non-ASCII text, but the header declares no charset"},
    {"undefined-byte-in-charset", 6, "invalid multibyte sequence"},
    {"unknown-charset", 0, "unsupported charset \"NO-SUCH-CHARSET\""},
    {"domain-directive", 8, "domain directives are not supported"},
};

TEST(ReadCatalog, EachMistakeIsReportedWithItsLine) {
    for (const Mistake& row : k_mistakes) {
        SCOPED_TRACE(row.folder);
        const std::string label = std::string("invalid/") + row.folder + "/catalog.po";
        const auto catalog = read_catalog(read_bytes(data_dir() / label), label);
        ASSERT_FALSE(catalog.has_value());
        EXPECT_EQ(catalog.error().code, ErrorCode::invalid);
        EXPECT_EQ(catalog.error().where.file, label);
        EXPECT_EQ(catalog.error().where.line, row.line) << describe(catalog.error());
        EXPECT_NE(catalog.error().message.find(row.message), std::string::npos) << catalog.error().message;
    }
}

TEST(ReadCatalog, ReportsTheColumnWhenGettextGivesOne) {
    const auto catalog = read_catalog(read_bytes(data_dir() / "invalid/invalid-escape/catalog.po"), "fr.po");
    ASSERT_FALSE(catalog.has_value());
    EXPECT_EQ(catalog.error().where.column, 13);
    EXPECT_EQ(describe(catalog.error()), "fr.po:6:13: invalid control sequence");
}

TEST(ReadCatalog, TheColumnCountsCharactersAsGettextDoes) {
    // libgettextpo first takes valid UTF-8 byte by byte; its diagnostics come
    // from a second, per-charset read, whose columns count characters by width
    // (msgcat says 5:17 here, not the 23rd byte).
    const std::string text =
        "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
        "msgid \"a\"\nmsgstr \"日本語é\\q\"\n";
    const auto catalog = read_catalog(text, "x.po");
    ASSERT_FALSE(catalog.has_value());
    EXPECT_EQ(describe(catalog.error()), "x.po:5:17: invalid control sequence");
}

TEST(ReadCatalog, MessageLinesAreTheSameForUtf8AndLegacyText) {
    const std::string head = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=";
    const std::string body =
        "\\n\"\n\n# comment\nmsgid \"Caf\xC3\xA9\"\nmsgstr \"\"\n\"Caf\xC3\xA9\"\n\n"
        "msgid \"b\"\nmsgid_plural \"bs\"\nmsgstr[0] \"x\"\nmsgstr[1] \"y\"\n";
    const auto utf8 = read_catalog(head + "UTF-8" + body, "x.po");
    ASSERT_TRUE(utf8.has_value()) << describe(utf8.error());
    // The same bytes declared ISO-8859-1 are read per charset (two characters each).
    const auto latin1 = read_catalog(head + "ISO-8859-1" + body, "x.po");
    ASSERT_TRUE(latin1.has_value()) << describe(latin1.error());
    ASSERT_EQ(utf8->messages.size(), 2u);
    ASSERT_EQ(latin1->messages.size(), 2u);
    EXPECT_EQ(utf8->messages[0].msgstr, "Caf\xC3\xA9");
    EXPECT_EQ(latin1->messages[0].msgstr, "Caf\xC3\x83\xC2\xA9");
    for (std::size_t i = 0; i < 2; ++i) EXPECT_EQ(utf8->messages[i].line, latin1->messages[i].line);
    EXPECT_EQ(utf8->messages[0].line, 6);
    EXPECT_EQ(utf8->messages[1].line, 11);
}

TEST(ReadCatalog, RejectsANulByte) {
    const std::string text("msgid \"a\"\nmsgstr \"b\0c\"\n", 23);
    const auto catalog = read_catalog(text, "x.po");
    ASSERT_FALSE(catalog.has_value());
    EXPECT_EQ(catalog.error().code, ErrorCode::invalid);
    EXPECT_EQ(catalog.error().where.line, 2);
}

TEST(ReadCatalog, InvalidUtf8BeforeTheHeaderIsStillFound) {
    // libgettextpo learns the charset from the header, so it cannot check the
    // comments above it; Tandem checks the whole text.
    const std::string text = "# Caf\xe9\nmsgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n";
    const auto catalog = read_catalog(text, "x.po");
    ASSERT_FALSE(catalog.has_value());
    EXPECT_EQ(catalog.error().where.line, 1);
}

TEST(ReadCatalog, CrlfLineEndingsAreAccepted) {
    const auto catalog = read_catalog("msgid \"a\"\r\nmsgstr \"b\"\r\n", "x.po");
    ASSERT_TRUE(catalog.has_value()) << describe(catalog.error());
    EXPECT_EQ(catalog->messages.at(0).msgstr, "b");
}

TEST(ReadCatalog, ManyThreadsCanReadAndWriteAtOnce) {
    const std::string text = k_full;
    const auto expected = write_catalog(*read_catalog(text, "fr.po"));
    ASSERT_TRUE(expected.has_value());
    std::vector<std::thread> threads;
    std::vector<int> failures(8, 0);
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 40; ++i) {
                const auto catalog = read_catalog(text, "fr.po");
                const auto bad = read_catalog("msgid \"a\nmsgstr \"b\"\n", "bad.po");
                if (!catalog || bad.has_value() || bad.error().where.line != 2) {
                    ++failures[t];
                    continue;
                }
                const auto written = write_catalog(*catalog);
                if (!written || *written != *expected) ++failures[t];
            }
        });
    for (auto& th : threads) th.join();
    for (int t = 0; t < 8; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace tandem::po
