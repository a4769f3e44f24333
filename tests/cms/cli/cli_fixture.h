#pragma once
// A data folder in a fresh temp folder and the real `tandem` binary run on it.

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "tests/support/fixtures.h"

namespace tandem::testing {

class CliFixture : public ::testing::Test {
protected:
    // Runs `tandem --data <tmp>/data ARGS`, stdout into `out`, stderr kept for stderr_text().
    int tandem(const std::string& args, std::string* out = nullptr) {
        return run_command(std::string(TANDEM_BINARY) + " --data " + (m_dir.path() / "data").string() + " " + args +
                               " 2>" + (m_dir.path() / "stderr").string(),
                           out);
    }
    std::string stderr_text() {
        std::ifstream in(m_dir.path() / "stderr");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    std::string path(const std::string& name) { return (m_dir.path() / name).string(); }
    // The commit id at the tip of main, as plain git reads it: a save's --base.
    std::string main_revision() {
        std::string out;
        run_command("git --git-dir=" + (m_dir.path() / "data" / "content.git").string() + " rev-parse main", &out);
        while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
        return out;
    }

    TempDir m_dir;
};

}  // namespace tandem::testing
