// Recall of the index over the benchmark corpus: paragraphs edited by one word
// (mutate_resource) find the paragraph they were made from.

#include <gtest/gtest.h>

#include <algorithm>

#include "bench/corpus/corpus.h"
#include "pipeline/tm/tm.h"
#include "tests/pipeline/tm/support/corpus_segments.h"

namespace tandem::tm {
namespace {

using test_support::corpus_segments;
using test_support::Elements;

struct Corpus {
    Memory memory;
    struct Query {
        std::string edited;
        std::string original;
        Lang lang;
    };
    std::vector<Query> queries;
};

// The memory of `resources` documents, and for each of their paragraphs the
// same paragraph with one word edited.
Corpus make_corpus(std::size_t resources) {
    const bench::CorpusOptions options{.seed = 7, .fr_share = 0.2};
    std::vector<Entry> entries;
    Corpus corpus;
    for (std::size_t i = 0; i < resources; ++i) {
        const std::string xml = bench::generate_resource(options, i);
        const Lang lang = bench::source_lang(options, i);
        for (const std::string& segment : corpus_segments(xml))
            entries.push_back({segment, bench::pseudo_translate(segment), lang, {bench::resource_id(i), "r1"}});
        const auto mutated = bench::mutate_resource(xml, 1.0, 99);
        EXPECT_TRUE(mutated.has_value());
        if (!mutated) continue;
        const auto before = corpus_segments(xml, Elements::paragraphs);
        const auto after = corpus_segments(mutated->xml, Elements::paragraphs);
        EXPECT_EQ(before.size(), after.size());
        for (std::size_t p = 0; p < std::min(before.size(), after.size()); ++p)
            if (before[p] != after[p]) corpus.queries.push_back({after[p], before[p], lang});
    }
    corpus.memory = build_memory(std::move(entries));
    return corpus;
}

const Corpus& corpus() {
    static const Corpus c = make_corpus(800);
    return c;
}

TEST(Recall, OneWordEditsFindTheirOriginalInTheTopThree) {
    const Corpus& c = corpus();
    ASSERT_GT(c.queries.size(), 3000u);
    std::size_t found = 0;
    std::vector<std::string> missed;
    for (const auto& q : c.queries) {
        const auto matches = lookup(c.memory, q.edited, q.lang, 3);
        const bool hit =
            std::any_of(matches.begin(), matches.end(), [&](const Match& m) { return m.source == q.original; });
        found += hit;
        if (!hit && missed.size() < 5) missed.push_back(q.edited);
    }
    const double recall = static_cast<double>(found) / static_cast<double>(c.queries.size());
    RecordProperty("queries", std::to_string(c.queries.size()));
    RecordProperty("recall", std::to_string(recall));
    EXPECT_GE(recall, 0.99) << found << " of " << c.queries.size() << "; e.g. " << (missed.empty() ? "" : missed[0]);
}

TEST(Recall, LookupFindsWhatScoringEverySourceFinds) {
    const Corpus& c = corpus();
    std::size_t same = 0, total = 0;
    for (std::size_t i = 0; i < c.queries.size(); i += 25) {
        const auto& q = c.queries[i];
        const auto fast = lookup(c.memory, q.edited, q.lang);
        const auto slow = lookup_exhaustive(c.memory, q.edited, q.lang);
        ++total;
        bool equal = fast.size() == slow.size();
        for (std::size_t k = 0; equal && k < fast.size(); ++k)
            equal = fast[k].similarity == slow[k].similarity && fast[k].source == slow[k].source &&
                    fast[k].translation == slow[k].translation;
        same += equal;
    }
    RecordProperty("equal", std::to_string(same) + " of " + std::to_string(total));
    EXPECT_GE(same * 100, total * 99) << same << " of " << total << " lookups equal";
}

}  // namespace
}  // namespace tandem::tm
