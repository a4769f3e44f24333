// read_mo against what msgfmt writes: contexts, plurals, both byte orders,
// fuzzy and untranslated messages left out; and damaged files refused.

#include <gtest/gtest.h>

#include "pipeline/po/mo.h"
#include "tests/pipeline/po/gettext_tools.h"

namespace tandem::po {
namespace {

using testing::run_tool;
using testing::TempDir;

const char* const k_po =
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n"
    "\n"
    "msgid \"Download the PDF\"\n"
    "msgstr \"Télécharger le PDF\"\n"
    "\n"
    "msgctxt \"type\"\n"
    "msgid \"Report\"\n"
    "msgstr \"Rapport\"\n"
    "\n"
    "msgid \"Report\"\n"
    "msgstr \"Signaler\"\n"
    "\n"
    "msgid \"{{n}} page\"\n"
    "msgid_plural \"{{n}} pages\"\n"
    "msgstr[0] \"{{n}} page\"\n"
    "msgstr[1] \"{{n}} pages (pl)\"\n"
    "\n"
    "#, fuzzy\n"
    "msgid \"Send by email\"\n"
    "msgstr \"Envoyer\"\n"
    "\n"
    "msgid \"Untranslated\"\n"
    "msgstr \"\"\n";

CompiledCatalog compile(const std::vector<std::string>& extra_args) {
    TempDir dir;
    auto po = dir.write("fr.po", k_po);
    std::vector<std::string> args{"--check", "-o", (dir.path() / "fr.mo").string(), po.string()};
    args.insert(args.begin(), extra_args.begin(), extra_args.end());
    auto run = run_tool(dir.path(), "msgfmt", args);
    EXPECT_EQ(run.status, 0) << run.err;
    auto catalog = read_mo(dir.path() / "fr.mo");
    EXPECT_TRUE(catalog) << describe(catalog.error());
    return catalog ? *catalog : CompiledCatalog{};
}

TEST(ReadMo, ReadsWhatMsgfmtWritesInBothByteOrders) {
    TANDEM_REQUIRE_TOOL("msgfmt");
    for (const char* endianness : {"--endianness=little", "--endianness=big"}) {
        SCOPED_TRACE(endianness);
        const CompiledCatalog catalog = compile({endianness});
        EXPECT_EQ(catalog.lookup("Download the PDF"), "Télécharger le PDF");
        EXPECT_EQ(catalog.lookup("Report", "type"), "Rapport");
        EXPECT_EQ(catalog.lookup("Report"), "Signaler");
        EXPECT_EQ(catalog.lookup("{{n}} page"), "{{n}} page");
        // Fuzzy and untranslated messages are not in a .mo: the msgid stands.
        EXPECT_EQ(catalog.lookup("Send by email"), "Send by email");
        EXPECT_EQ(catalog.lookup("Untranslated"), "Untranslated");
        EXPECT_EQ(catalog.lookup("Nowhere", "type"), "Nowhere");
        EXPECT_EQ(catalog.messages.count(""), 0u);  // the header is not a message
        EXPECT_EQ(catalog.messages.size(), 4u);
    }
}

TEST(ReadMo, MissingFileIsNotFound) {
    TempDir dir;
    auto catalog = read_mo(dir.path() / "none.mo");
    ASSERT_FALSE(catalog);
    EXPECT_EQ(catalog.error().code, ErrorCode::not_found);
}

TEST(ParseMo, DamagedFilesAreCorrupt) {
    TANDEM_REQUIRE_TOOL("msgfmt");
    TempDir dir;
    auto po = dir.write("fr.po", k_po);
    ASSERT_EQ(run_tool(dir.path(), "msgfmt", {"-o", (dir.path() / "fr.mo").string(), po.string()}).status, 0);
    const std::string good = testing::read_bytes(dir.path() / "fr.mo");
    ASSERT_TRUE(parse_mo(good, "fr.mo"));
    struct Row {
        const char* name;
        std::string bytes;
    };
    std::string bad_magic = good;
    bad_magic[0] = 'X';
    std::string truncated = good.substr(0, good.size() / 2);
    std::string huge_count = good;
    huge_count[8] = huge_count[9] = huge_count[10] = '\x7f';
    for (const Row& row : {Row{"empty", ""}, Row{"bad magic", bad_magic}, Row{"truncated", truncated}, Row{"huge count", huge_count}}) {
        SCOPED_TRACE(row.name);
        auto catalog = parse_mo(row.bytes, "fr.mo");
        ASSERT_FALSE(catalog);
        EXPECT_EQ(catalog.error().code, ErrorCode::corrupt);
        EXPECT_NE(catalog.error().message.find("fr.mo"), std::string::npos);
    }
}

}  // namespace
}  // namespace tandem::po
