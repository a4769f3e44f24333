// Every catalog of the content repository's seed, checked as a translator's
// work would be: no error at all, and (so a false positive shows up here
// first) no warning either.

#include <filesystem>
#include <iostream>

#include <gtest/gtest.h>

#include "pipeline/check/check.h"
#include "tests/pipeline/check/glossary_support.h"

namespace tandem::check {
namespace {

TEST(SeedCatalogs, PassEveryCheck) {
    int catalogs = 0;
    int messages = 0;
    for (const auto& entry : std::filesystem::directory_iterator(testing::content_repo() / "resources")) {
        for (const char* code : {"fr", "en"}) {
            const std::filesystem::path path = entry.path() / (std::string(code) + ".po");
            if (!std::filesystem::exists(path)) continue;
            SCOPED_TRACE(path.string());
            ++catalogs;
            const Lang target = *parse_lang(code);
            const po::Catalog catalog = testing::read_seed_catalog(path);
            CheckOptions options;
            options.glossary = &testing::seed_glossary(target);
            for (const po::Message& m : catalog.messages) {
                if (m.obsolete || m.msgstr.empty()) continue;
                ++messages;
                SCOPED_TRACE(m.msgid);
                for (const Issue& issue : check_segment({m.msgid, m.msgstr, other_lang(target), target}, options)) {
                    EXPECT_FALSE(blocks_approval(issue)) << issue.code << ": " << issue.message;
                    ADD_FAILURE() << severity_name(issue.severity) << " " << issue.code << ": " << issue.message;
                }
            }
        }
    }
    EXPECT_EQ(catalogs, 10);
    EXPECT_GT(messages, 50);
}

}  // namespace
}  // namespace tandem::check
