#pragma once

#include "tests/support/fixtures.h"
// Test support: GNU gettext's own tools (msgcat, msgmerge, msgfmt) as the
// reference the PO module is checked against, run in a fresh temporary folder.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::po::testing {

// The tool's path on PATH, if installed.
std::optional<std::filesystem::path> find_tool(std::string_view name);

// Skips the calling test (GTEST_SKIP) with a message unless `name` is installed.
#define TANDEM_REQUIRE_TOOL(name)                                                 \
    do {                                                                          \
        if (!::tandem::po::testing::find_tool(name))                              \
            GTEST_SKIP() << name << " is not installed (Debian package gettext)"; \
    } while (0)

struct ToolRun {
    int status = -1;  // exit status; -1 if it could not run or was killed
    std::string out;  // what it wrote to standard output
    std::string err;
};

// Runs a gettext tool with LC_ALL=C in `dir`, arguments as given.
ToolRun run_tool(const std::filesystem::path& dir, std::string_view tool, const std::vector<std::string>& args);

// A fresh temporary folder, removed when the value goes away.
using TempDir = tandem::testing::TempDir;

std::string read_bytes(const std::filesystem::path& path);

// ${TANDEM_SHARED_DIR}/conformance/gettext-po, if present.
std::optional<std::filesystem::path> po_conformance_dir();

// The project's test data folder tests/pipeline/po/data.
std::filesystem::path data_dir();

}  // namespace tandem::po::testing
