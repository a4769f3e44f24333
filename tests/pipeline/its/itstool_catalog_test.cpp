// The same comparison with itstool as itstool_compat_test.cpp, with
// itstool's POT read by po::read_catalog (libgettextpo) instead of the tests'
// own reader: the segments are what gettext itself reads from itstool's file.

#include <gtest/gtest.h>

#include "pipeline/its/its.h"
#include "pipeline/po/catalog.h"
#include "tests/pipeline/its/support/itstool.h"

namespace fs = std::filesystem;
using namespace tandem;
using namespace tandem::its;
using namespace tandem::its::test;

TEST(ItstoolCatalog, SegmentsAreWhatGettextReadsFromItstoolsTemplate) {
    if (!itstool_available()) GTEST_SKIP() << "itstool is not installed here: nothing to compare the engine with";
    struct Corpus {
        fs::path folder;
        fs::path rules;
    };
    const std::vector<Corpus> corpora = {
        {data_dir() / "docbook5", "/usr/share/itstool/its/docbook5.its"},
        {data_dir() / "mallard", "/usr/share/itstool/its/mallard.its"},
        {data_dir() / "resource", source_dir() / "cms/model/schema/resource.its"},
    };
    int documents = 0;
    for (const Corpus& corpus : corpora) {
        const std::vector<fs::path> files{corpus.rules};
        auto rules = read_rules(files);
        ASSERT_TRUE(rules) << describe(rules.error());
        for (const auto& entry : fs::directory_iterator(corpus.folder)) {
            const fs::path doc = entry.path();
            SCOPED_TRACE(doc.string());
            const Output pot = run("cd " + quote(corpus.folder.string()) + " && itstool -i " +
                                   quote(corpus.rules.string()) + " " + quote(doc.filename().string()) + " 2>/dev/null");
            ASSERT_EQ(pot.status, 0);
            auto catalog = po::read_catalog(pot.out, doc.filename().string());
            ASSERT_TRUE(catalog) << describe(catalog.error());
            auto segments = extract_segments(slurp(doc), *rules, doc.filename().string());
            ASSERT_TRUE(segments) << describe(segments.error());
            ASSERT_EQ(catalog->messages.size(), segments->size());
            for (std::size_t i = 0; i < segments->size(); ++i) {
                const po::Message& m = catalog->messages[i];
                const model::Segment& s = (*segments)[i];
                SCOPED_TRACE(s.msgid);
                EXPECT_EQ(m.msgctxt, s.msgctxt);
                EXPECT_EQ(m.msgid, s.msgid);
                EXPECT_EQ(m.extracted_comments, s.comments);
                EXPECT_EQ(m.references, s.references);
                EXPECT_EQ(m.flags, s.flags);
            }
            ++documents;
        }
    }
    EXPECT_GE(documents, 7);
}
