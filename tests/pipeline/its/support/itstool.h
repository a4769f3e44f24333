#pragma once
// Test support: running itstool, msgfmt and xmllint, and reading and writing
// the small PO files they exchange.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cms/model/segment.h"

namespace tandem::its::test {

// Whether /usr/bin/itstool (and msgfmt, xmllint) can run here.
bool itstool_available();

struct PoEntry {
    std::optional<std::string> msgctxt;
    std::string msgid;
    std::string msgstr;
    std::vector<std::string> comments;    // "#." lines, without "#. "
    std::vector<std::string> references;  // "#:" items
    std::vector<std::string> flags;       // "#," items
};

// A minimal PO reader for itstool's output (the header entry is dropped).
std::vector<PoEntry> parse_po(std::string_view text);

// A PO file with a UTF-8 header and these entries.
std::string write_po(const std::vector<PoEntry>& entries);

std::vector<PoEntry> from_segments(const std::vector<model::Segment>& segments);

struct Output {
    int status = -1;
    std::string out;
};

// Runs `command` with /bin/sh, stdout captured, stderr to `stderr_file`
// when given (else discarded).
Output run(const std::string& command);

std::string quote(std::string_view arg);

// A fresh, empty folder under the system temporary folder.
std::filesystem::path fresh_dir(std::string_view name);

std::string slurp(const std::filesystem::path& path);
void spit(const std::filesystem::path& path, std::string_view bytes);

// xmllint --c14n of a file (comments kept); empty on failure.
std::string canonical_xml(const std::filesystem::path& file);

// The data folder of these tests, and the source tree.
std::filesystem::path data_dir();
std::filesystem::path source_dir();

// The rules the comparisons with itstool use: itstool's own for DocBook 5
// and Mallard, and Tandem's resource vocabulary.
inline const std::filesystem::path k_docbook5_its = "/usr/share/itstool/its/docbook5.its";
inline const std::filesystem::path k_mallard_its = "/usr/share/itstool/its/mallard.its";
inline std::filesystem::path resource_its() { return source_dir() / "cms/model/schema/resource.its"; }

// A readable diff of two PO entry lists ("" when equal).
std::string compare_entries(const std::vector<PoEntry>& expected, const std::vector<PoEntry>& actual);

}  // namespace tandem::its::test

// Skips the test, saying why, where itstool cannot run.
#define REQUIRE_ITSTOOL()                           \
    if (!tandem::its::test::itstool_available())    \
    GTEST_SKIP() << "itstool, msgfmt or xmllint is not installed here: nothing to compare Tandem's output with"
