// read_catalog and write_catalog against GNU gettext's own edge cases
// (${TANDEM_SHARED_DIR}/conformance/gettext-po) and its own tools.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>

#include "pipeline/po/catalog.h"
#include "tests/pipeline/po/gettext_tools.h"

namespace tandem::po {
namespace {

namespace fs = std::filesystem;
using testing::po_conformance_dir;
using testing::read_bytes;
using testing::run_tool;
using testing::TempDir;

struct Sample {
    std::string file;
    int msgfmt_check_rc = 0;
    int msgcat_rc = 0;
};

std::vector<Sample> manifest(const fs::path& dir) {
    std::vector<Sample> rows;
    std::ifstream in(dir / "manifest.tsv");
    std::string line;
    std::getline(in, line);  // column names
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::size_t start = 0;
        for (;;) {
            const std::size_t tab = line.find('\t', start);
            cells.push_back(line.substr(start, tab - start));
            if (tab == std::string::npos) break;
            start = tab + 1;
        }
        if (cells.size() < 6) continue;
        rows.push_back({cells[0], std::stoi(cells[4]), std::stoi(cells[5])});
    }
    return rows;
}

// The charset a PO file declares, as gettext finds it.
std::string declared_charset(const std::string& bytes) {
    static const std::regex re("charset=([^ \\t\\n\\\\\"]+)");
    std::smatch m;
    if (std::regex_search(bytes, m, re)) return m[1];
    return {};
}

bool is_utf8_name(std::string name) {
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name == "utf-8" || name == "utf8" || name == "charset" || name.empty();
}

// Samples Tandem refuses, and the line (as msgcat reports it) it must name.
const std::map<std::string, int> k_rejected = {
    {"duplicate-msgid-one-line.po", 17},  // duplicate message definition
    {"duplicates-with-previous.po", 40},  // duplicate message definition
    {"utf8-declared-but-koi8u.po", 13},   // invalid multibyte sequence
    {"utf8-invalid-sequence.po", 18},     // invalid multibyte sequence
    {"domain-directive.po", 9},           // msgcat keeps domains; a Tandem catalog is one domain
};

TEST(Conformance, EverySampleIsReadAndWrittenAsMsgcatDoesOrRejectedWithItsLine) {
    const auto dir = po_conformance_dir();
    if (!dir) GTEST_SKIP() << "no conformance data at " << TANDEM_SHARED_DIR;
    TANDEM_REQUIRE_TOOL("msgcat");
    const auto samples = manifest(*dir);
    ASSERT_GE(samples.size(), 30u);

    TempDir tmp;
    for (const Sample& sample : samples) {
        SCOPED_TRACE(sample.file);
        const std::string bytes = read_bytes(*dir / sample.file);
        const auto catalog = read_catalog(bytes, sample.file);

        if (const auto rejected = k_rejected.find(fs::path(sample.file).filename().string());
            rejected != k_rejected.end()) {
            ASSERT_FALSE(catalog.has_value());
            EXPECT_EQ(catalog.error().code, ErrorCode::invalid);
            EXPECT_EQ(catalog.error().where.line, rejected->second) << describe(catalog.error());
            EXPECT_EQ(catalog.error().where.file, sample.file);
            continue;
        }
        // Every sample that msgcat refuses is in k_rejected.
        ASSERT_EQ(sample.msgcat_rc, 0);
        ASSERT_TRUE(catalog.has_value()) << describe(catalog.error());

        const auto written = write_catalog(*catalog);
        ASSERT_TRUE(written.has_value()) << describe(written.error());

        // Legacy charsets come out as UTF-8, as msgcat --to-code=UTF-8 writes them.
        std::vector<std::string> args{"--force-po", "-o", "-"};
        if (!is_utf8_name(declared_charset(bytes))) args.insert(args.begin(), "--to-code=UTF-8");
        args.push_back((*dir / sample.file).string());
        const auto reference = run_tool(tmp.path(), "msgcat", args);
        ASSERT_EQ(reference.status, 0) << reference.err;
        EXPECT_EQ(*written, reference.out);

        // And what we wrote, msgcat leaves as it is.
        tmp.write("written.po", *written);
        const auto again = run_tool(tmp.path(), "msgcat", {"--force-po", "-o", "-", "written.po"});
        EXPECT_EQ(again.out, *written);

        // Reading what we wrote gives the same catalog back.
        const auto reread = read_catalog(*written, "written.po");
        ASSERT_TRUE(reread.has_value()) << describe(reread.error());
        const auto rewritten = write_catalog(*reread);
        ASSERT_TRUE(rewritten.has_value());
        EXPECT_EQ(*rewritten, *written);
    }
}

TEST(Conformance, SamplesThatPassMsgfmtCheckStillPassItOnceWritten) {
    const auto dir = po_conformance_dir();
    if (!dir) GTEST_SKIP() << "no conformance data at " << TANDEM_SHARED_DIR;
    TANDEM_REQUIRE_TOOL("msgfmt");
    TempDir tmp;
    int checked = 0;
    for (const Sample& sample : manifest(*dir)) {
        if (sample.msgfmt_check_rc != 0) continue;
        SCOPED_TRACE(sample.file);
        const auto catalog = read_catalog(read_bytes(*dir / sample.file), sample.file);
        ASSERT_TRUE(catalog.has_value()) << describe(catalog.error());
        const auto written = write_catalog(*catalog);
        ASSERT_TRUE(written.has_value());
        tmp.write("written.po", *written);
        const auto check = run_tool(tmp.path(), "msgfmt", {"--check", "-o", "/dev/null", "written.po"});
        EXPECT_EQ(check.status, 0) << check.err;
        ++checked;
    }
    EXPECT_GE(checked, 15);
}

TEST(Conformance, LegacyCharsetsAreConvertedToUtf8) {
    const auto dir = po_conformance_dir();
    if (!dir) GTEST_SKIP() << "no conformance data at " << TANDEM_SHARED_DIR;
    struct Row {
        const char* file;
        const char* msgid;
        const char* msgstr_part;  // in UTF-8
    };
    const Row rows[] = {
        {"charset-iso8859-15.po", nullptr, "\xC5\x92uvre"},      // Œuvre: byte 0xBC is Œ, not ¼
        {"charset-koi8r.po", nullptr, "\xD0"},                   // Cyrillic letters
        {"charset-big5-0x5c-trail-byte.po", nullptr, "\xE5"},    // a CJK character (0x5C trail byte)
        {"obsolete-fuzzy-latin1.po", nullptr, "Fl\xC3\xBCgel"},  // Flügel
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.file);
        const auto catalog = read_catalog(read_bytes(*dir / row.file), row.file);
        ASSERT_TRUE(catalog.has_value()) << describe(catalog.error());
        EXPECT_NE(catalog->header.find("charset=UTF-8"), std::string::npos) << catalog->header;
        bool found = false;
        for (const Message& m : catalog->messages) {
            const std::string& s =
                m.msgid_plural ? (m.msgstr_plural.empty() ? m.msgstr : m.msgstr_plural[0]) : m.msgstr;
            found = found || s.find(row.msgstr_part) != std::string::npos;
        }
        EXPECT_TRUE(found);
    }
}

TEST(Conformance, NoWrapAndNegatedFormatFlagsSurviveARoundTrip) {
    const auto dir = po_conformance_dir();
    if (!dir) GTEST_SKIP() << "no conformance data at " << TANDEM_SHARED_DIR;
    const auto catalog = read_catalog(read_bytes(*dir / "cformat-flags-fuzzy-header.po"), "x.po");
    ASSERT_TRUE(catalog.has_value());
    bool no_c_format = false;
    for (const Message& m : catalog->messages)
        for (const std::string& f : m.flags) no_c_format = no_c_format || f == "no-c-format";
    EXPECT_TRUE(no_c_format);
}

TEST(Conformance, SeedCatalogsComeOutAsMsgcatWritesThemAndPassMsgfmtCheck) {
    TANDEM_REQUIRE_TOOL("msgcat");
    TANDEM_REQUIRE_TOOL("msgfmt");
    const fs::path seed = fs::path(TANDEM_SOURCE_DIR) / "content-repo";
    if (!fs::exists(seed)) GTEST_SKIP() << "no seed content at " << seed;
    TempDir tmp;
    int seen = 0;
    for (const auto& entry : fs::recursive_directory_iterator(seed)) {
        if (entry.path().extension() != ".po") continue;
        SCOPED_TRACE(entry.path().string());
        const auto catalog = read_catalog(read_bytes(entry.path()), entry.path().string());
        ASSERT_TRUE(catalog.has_value()) << describe(catalog.error());
        const auto written = write_catalog(*catalog);
        ASSERT_TRUE(written.has_value());
        const auto reference = run_tool(tmp.path(), "msgcat", {"--force-po", "-o", "-", entry.path().string()});
        EXPECT_EQ(*written, reference.out);
        tmp.write("written.po", *written);
        const auto check = run_tool(tmp.path(), "msgfmt", {"--check", "-o", "/dev/null", "written.po"});
        EXPECT_EQ(check.status, 0) << check.err;
        ++seen;
    }
    EXPECT_GT(seen, 0);
}

}  // namespace
}  // namespace tandem::po
