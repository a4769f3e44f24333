// The tandem-gen-corpus program, run as a user would run it.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench/corpus/corpus.h"
#include "cms/core/text.h"

namespace tandem::bench {
namespace {

namespace fs = std::filesystem;

class GenCorpus : public ::testing::Test {
protected:
    void SetUp() override {
        char pattern[] = "/tmp/tandem-gen-corpus-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        m_dir = pattern;
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // The exit status of the program with `args`; its output is discarded.
    static int run(const std::string& args) {
        const std::string command = std::string(TANDEM_GEN_CORPUS) + " " + args + " >/dev/null 2>&1";
        const int status = std::system(command.c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    fs::path m_dir;
};

TEST_F(GenCorpus, WritesOneResourceFolderPerDocumentWithTheLibrarysBytes) {
    ASSERT_EQ(run("--count 25 --seed 5 --fr-share 0.5 --out " + m_dir.string()), 0);
    const CorpusOptions options{.seed = 5, .fr_share = 0.5};
    std::size_t folders = 0;
    for (const auto& entry : fs::directory_iterator(m_dir / "resources")) {
        (void)entry;
        ++folders;
    }
    EXPECT_EQ(folders, 25u);
    for (std::size_t i : {0u, 13u, 24u}) {
        const auto bytes = read_file(m_dir / "resources" / resource_id(i) / "resource.xml");
        ASSERT_TRUE(bytes.has_value());
        EXPECT_EQ(*bytes, generate_resource(options, i));
    }
}

TEST_F(GenCorpus, ExitsZeroOnHelpOneOnUsageAndTwoOnInvalidValues) {
    struct Row {
        const char* name;
        std::string args;
        int status;
    };
    const std::string out = " --out " + m_dir.string() + "/c";
    const Row rows[] = {
        {"help", "--help", 0},
        {"missing count", "--seed 1" + out, 1},
        {"unknown option", "--count 1 --seed 1 --colour red" + out, 1},
        {"not a number", "--count many --seed 1" + out, 1},
        {"zero documents", "--count 0 --seed 1" + out, 2},
        {"share above one", "--count 1 --seed 1 --fr-share 1.5" + out, 2},
        {"negative share", "--count 1 --seed 1 --fr-share -0.1" + out, 2},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.name);
        EXPECT_EQ(run(row.args), row.status);
    }
}

TEST_F(GenCorpus, RefusesAFolderThatAlreadyHoldsResources) {
    ASSERT_EQ(run("--count 2 --seed 1 --out " + m_dir.string()), 0);
    EXPECT_EQ(run("--count 2 --seed 1 --out " + m_dir.string()), 2);
}

}  // namespace
}  // namespace tandem::bench
