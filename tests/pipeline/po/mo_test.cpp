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
        EXPECT_EQ(catalog.lookup("{{n}} page"), "{{n}} page");  // gettext() of a counted message: msgstr[0]
        EXPECT_EQ(catalog.lookup_plural("{{n}} page", "{{n}} pages", 2), "{{n}} pages (pl)");
        // Fuzzy and untranslated messages are not in a .mo: the msgid stands.
        EXPECT_EQ(catalog.lookup("Send by email"), "Send by email");
        EXPECT_EQ(catalog.lookup("Untranslated"), "Untranslated");
        EXPECT_EQ(catalog.lookup("Nowhere", "type"), "Nowhere");
        EXPECT_EQ(catalog.messages.count(""), 0u);  // the header is not a message
        EXPECT_EQ(catalog.messages.size(), 3u);
        ASSERT_EQ(catalog.plurals.size(), 1u);
        const PluralMessage& pages = catalog.plurals.at("{{n}} page");
        EXPECT_EQ(pages.msgid_plural, "{{n}} pages");
        EXPECT_EQ(pages.msgstr, (std::vector<std::string>{"{{n}} page", "{{n}} pages (pl)"}));
        EXPECT_EQ(catalog.plural_forms.nplurals(), 2u);
        EXPECT_EQ(catalog.plural_forms.plural(), "(n > 1)");
    }
}

// A .mo made by msgfmt --check from `po`, read back.
CompiledCatalog compile_po(const std::string& po_text) {
    TempDir dir;
    auto po = dir.write("xx.po", po_text);
    auto run = run_tool(dir.path(), "msgfmt", {"--check", "-o", (dir.path() / "xx.mo").string(), po.string()});
    EXPECT_EQ(run.status, 0) << run.err;
    auto catalog = read_mo(dir.path() / "xx.mo");
    EXPECT_TRUE(catalog) << describe(catalog.error());
    return catalog ? *catalog : CompiledCatalog{};
}

std::string header(const std::string& plural_forms) {
    std::string text = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n";
    if (!plural_forms.empty()) text += "\"Plural-Forms: " + plural_forms + "\\n\"\n";
    return text + "\n";
}

TEST(LookupPlural, FrenchRuleMakesZeroAndOneSingular) {
    TANDEM_REQUIRE_TOOL("msgfmt");
    const CompiledCatalog catalog = compile_po(header("nplurals=2; plural=(n > 1);") +
                                               "msgid \"{count} fuzzy\"\nmsgid_plural \"{count} fuzzy\"\n"
                                               "msgstr[0] \"{count} approximatif\"\nmsgstr[1] \"{count} approximatifs\"\n");
    EXPECT_EQ(catalog.lookup_plural("{count} fuzzy", "{count} fuzzy", 0), "{count} approximatif");
    EXPECT_EQ(catalog.lookup_plural("{count} fuzzy", "{count} fuzzy", 1), "{count} approximatif");
    EXPECT_EQ(catalog.lookup_plural("{count} fuzzy", "{count} fuzzy", 2), "{count} approximatifs");
    EXPECT_EQ(catalog.lookup_plural("{count} fuzzy", "{count} fuzzy", 1000000), "{count} approximatifs");
    // Not in the catalog: the English rule of the msgid language.
    EXPECT_EQ(catalog.lookup_plural("{n} page", "{n} pages", 0), "{n} pages");
    EXPECT_EQ(catalog.lookup_plural("{n} page", "{n} pages", 1), "{n} page");
    EXPECT_EQ(catalog.lookup_plural("{n} page", "{n} pages", 2), "{n} pages");
    // A context is part of the key, for counted messages too.
    EXPECT_EQ(catalog.lookup_plural("{count} fuzzy", "{count} fuzzy", 2, "segments"), "{count} fuzzy");
}

TEST(LookupPlural, ThreeFormsFollowTheCatalogsFormula) {
    TANDEM_REQUIRE_TOOL("msgfmt");
    // Polish: 1 plik, 2-4 (but not 12-14) pliki, otherwise plików.
    const CompiledCatalog catalog = compile_po(
        header("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);") +
        "msgctxt \"attachment\"\nmsgid \"{n} file\"\nmsgid_plural \"{n} files\"\n"
        "msgstr[0] \"{n} plik\"\nmsgstr[1] \"{n} pliki\"\nmsgstr[2] \"{n} plików\"\n");
    ASSERT_EQ(catalog.plural_forms.nplurals(), 3u);
    struct Row {
        std::uint64_t n;
        const char* expected;
    };
    for (const Row& row : {Row{0, "{n} plików"}, Row{1, "{n} plik"}, Row{2, "{n} pliki"}, Row{4, "{n} pliki"}, Row{5, "{n} plików"},
                           Row{12, "{n} plików"}, Row{14, "{n} plików"}, Row{22, "{n} pliki"}, Row{25, "{n} plików"},
                           Row{112, "{n} plików"}, Row{1002, "{n} pliki"}}) {
        SCOPED_TRACE(row.n);
        EXPECT_EQ(catalog.lookup_plural("{n} file", "{n} files", row.n, "attachment"), row.expected);
    }
}

TEST(LookupPlural, ACatalogWithoutPluralFormsUsesTheEnglishRule) {
    TANDEM_REQUIRE_TOOL("msgfmt");
    // msgfmt --check wants Plural-Forms only when a message has a plural.
    const CompiledCatalog catalog = compile_po(header("") + "msgid \"Sign in\"\nmsgstr \"Se connecter\"\n");
    EXPECT_EQ(catalog.plural_forms.nplurals(), 2u);
    EXPECT_EQ(catalog.plural_forms.plural(), "n != 1");
    EXPECT_EQ(catalog.plural_forms.form(0), 1u);
    EXPECT_EQ(catalog.plural_forms.form(1), 0u);
    EXPECT_EQ(catalog.plural_forms.form(2), 1u);
    EXPECT_EQ(catalog.lookup_plural("{n} page", "{n} pages", 1), "{n} page");
    EXPECT_EQ(catalog.lookup_plural("{n} page", "{n} pages", 0), "{n} pages");
}

TEST(ParseMo, AMalformedPluralFormsIsRefused) {
    TANDEM_REQUIRE_TOOL("msgfmt");
    TempDir dir;
    auto po = dir.write("fr.po", k_po);
    ASSERT_EQ(run_tool(dir.path(), "msgfmt", {"-o", (dir.path() / "fr.mo").string(), po.string()}).status, 0);
    const std::string good = testing::read_bytes(dir.path() / "fr.mo");
    // msgfmt refuses to write such a header; damage it in place, same length,
    // so the file is otherwise sound.
    std::string bad = good;
    const auto at = bad.find("plural=(n > 1);");
    ASSERT_NE(at, std::string::npos);
    bad.replace(at, 15, "plural=(n > >);");
    auto catalog = parse_mo(bad, "fr.mo");
    ASSERT_FALSE(catalog);
    EXPECT_EQ(catalog.error().code, ErrorCode::corrupt);
    EXPECT_NE(catalog.error().message.find("fr.mo"), std::string::npos) << catalog.error().message;
    EXPECT_NE(catalog.error().message.find("column 6 of the plural= formula"), std::string::npos) << catalog.error().message;
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
