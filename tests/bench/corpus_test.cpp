#include "bench/corpus/corpus.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cms/core/text.h"

namespace tandem::bench {
namespace {

// ------------------------------------------------------------ helpers

// Validates documents against cms/model/schema/resource.rng with libxml2.
class Schema {
public:
    Schema() {
        const std::string path = std::string(TANDEM_SOURCE_DIR) + "/cms/model/schema/resource.rng";
        std::unique_ptr<xmlRelaxNGParserCtxt, decltype(&xmlRelaxNGFreeParserCtxt)> parser(
            xmlRelaxNGNewParserCtxt(path.c_str()), xmlRelaxNGFreeParserCtxt);
        m_schema.reset(xmlRelaxNGParse(parser.get()));
    }
    bool loaded() const { return m_schema != nullptr; }

    // Empty when valid, else libxml2's messages.
    std::string errors(const std::string& xml) const {
        std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
            xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "resource.xml", "UTF-8", XML_PARSE_NONET),
            xmlFreeDoc);
        if (!doc) return "not well-formed";
        std::unique_ptr<xmlRelaxNGValidCtxt, decltype(&xmlRelaxNGFreeValidCtxt)> ctxt(
            xmlRelaxNGNewValidCtxt(m_schema.get()), xmlRelaxNGFreeValidCtxt);
        std::string messages;
        xmlRelaxNGSetValidStructuredErrors(
            ctxt.get(),
            [](void* user, xmlErrorPtr error) {
                auto* out = static_cast<std::string*>(user);
                *out += "line " + std::to_string(error->line) + ": " + (error->message ? error->message : "?");
            },
            &messages);
        if (xmlRelaxNGValidateDoc(ctxt.get(), doc.get()) != 0 && messages.empty()) messages = "invalid";
        return messages;
    }

private:
    std::unique_ptr<xmlRelaxNG, decltype(&xmlRelaxNGFree)> m_schema{nullptr, xmlRelaxNGFree};
};

const Schema& schema() {
    static const Schema instance;
    return instance;
}

bool well_formed(const std::string& xml) {
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "f.xml", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR),
        xmlFreeDoc);
    return doc != nullptr;
}

// The inner markup of every <p> (generated documents keep a <p> on one line),
// and the document with those emptied.
struct Paragraphs {
    std::vector<std::string> inner;
    std::string skeleton;
};

Paragraphs split_paragraphs(const std::string& xml) {
    Paragraphs out;
    std::size_t copied = 0;
    std::size_t at = 0;
    while ((at = xml.find("<p", at)) != std::string::npos) {
        if (xml[at + 2] != '>' && xml[at + 2] != ' ') {
            at += 2;
            continue;
        }
        const auto open_end = xml.find('>', at);
        const auto close = xml.find("</p>", open_end);
        out.inner.push_back(xml.substr(open_end + 1, close - open_end - 1));
        out.skeleton += xml.substr(copied, open_end + 1 - copied);
        copied = close;
        at = close + 4;
    }
    out.skeleton += xml.substr(copied);
    return out;
}

std::vector<std::string> paragraphs(const std::string& xml) {
    return split_paragraphs(xml).inner;
}

std::vector<std::string> tags(const std::string& markup) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while ((at = markup.find('<', at)) != std::string::npos) {
        const auto end = markup.find('>', at);
        out.push_back(markup.substr(at, end + 1 - at));
        at = end + 1;
    }
    return out;
}

std::string without_tags(const std::string& markup) {
    std::string out;
    bool in_tag = false;
    for (const char c : markup) {
        if (c == '<') in_tag = true;
        if (!in_tag) out += c;
        if (c == '>') in_tag = false;
    }
    return out;
}

std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text) {
        if (c == ' ') {
            if (!word.empty()) words.push_back(word), word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(word);
    return words;
}

// True when b is a with exactly one word replaced, inserted or removed.
bool one_word_apart(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a == b) return false;
    const auto& shorter = a.size() <= b.size() ? a : b;
    const auto& longer = a.size() <= b.size() ? b : a;
    if (longer.size() - shorter.size() > 1) return false;
    std::size_t prefix = 0;
    while (prefix < shorter.size() && shorter[prefix] == longer[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < shorter.size() - prefix &&
           shorter[shorter.size() - 1 - suffix] == longer[longer.size() - 1 - suffix])
        ++suffix;
    return prefix + suffix + 1 >= longer.size();
}

std::uint64_t fnv1a(const std::string& bytes) {
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    return h;
}

// ---------------------------------------------------- generate_resource

TEST(ResourceId, IsZeroPaddedAndValid) {
    EXPECT_EQ(resource_id(0), "res-000000");
    EXPECT_EQ(resource_id(123), "res-000123");
    EXPECT_EQ(resource_id(12345678), "res-12345678");
    EXPECT_TRUE(check_resource_id(resource_id(987654)).has_value());
}

TEST(GenerateResource, DocumentsValidateAgainstTheSchema) {
    ASSERT_TRUE(schema().loaded()) << "cannot read cms/model/schema/resource.rng";
    const CorpusOptions options{.seed = 7, .fr_share = 0.3};
    for (std::size_t i = 0; i < 400; ++i) {
        const std::string xml = generate_resource(options, i);
        SCOPED_TRACE(resource_id(i));
        ASSERT_EQ(schema().errors(xml), "");
        ASSERT_TRUE(check_utf8(xml, "resource.xml").has_value());
    }
}

TEST(GenerateResource, SameSeedAndIndexGiveTheSameBytes) {
    const CorpusOptions options{.seed = 42, .fr_share = 0.2};
    for (std::size_t i : {0u, 1u, 77u, 9999u}) EXPECT_EQ(generate_resource(options, i), generate_resource(options, i));
    // Independent of the order documents are made in.
    const std::string later = generate_resource(options, 500);
    for (std::size_t i = 0; i < 20; ++i) (void)generate_resource(options, i);
    EXPECT_EQ(generate_resource(options, 500), later);
}

TEST(GenerateResource, DifferentIndexOrSeedGiveDifferentDocuments) {
    const CorpusOptions a{.seed = 42};
    const CorpusOptions b{.seed = 43};
    std::set<std::string> seen;
    for (std::size_t i = 0; i < 200; ++i) EXPECT_TRUE(seen.insert(generate_resource(a, i)).second) << i;
    EXPECT_NE(generate_resource(a, 3), generate_resource(b, 3));
}

// Benchmarks compare runs over time, so the corpus of a seed must not drift
// with compilers or refactorings. When the generator is changed on purpose,
// update the value here and say so in the commit: old measurements are then
// no longer comparable.
TEST(GenerateResource, KeepsItsBytesAcrossVersionsAndPlatforms) {
    const CorpusOptions options{.seed = 42, .fr_share = 0.1};
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < 50; ++i) h = h * 31 + fnv1a(generate_resource(options, i));
    EXPECT_EQ(h, 17293810123529576479ULL) << "the corpus of seed 42 changed; see the comment above";
}

TEST(GenerateResource, SizesFollowTheStatedDistribution) {
    const CorpusOptions options{.seed = 3, .fr_share = 0.1};
    std::vector<std::size_t> sizes;
    for (std::size_t i = 0; i < 500; ++i) sizes.push_back(generate_resource(options, i).size());
    std::sort(sizes.begin(), sizes.end());
    const std::size_t median = sizes[sizes.size() / 2];
    const std::size_t p90 = sizes[sizes.size() * 9 / 10];
    EXPECT_GE(median, 3000u);
    EXPECT_LE(median, 5000u);
    EXPECT_GE(p90, 6000u);   // a tail ...
    EXPECT_LE(p90, 14000u);  // ... that stays thin
    EXPECT_GE(sizes.back(), 15000u);
    EXPECT_LE(sizes.back(), k_max_resource_bytes);
    EXPECT_GE(sizes.front(), 1200u);
}

TEST(GenerateResource, HasThreeToTwelveSectionsOfTwoToEightBlocks) {
    const CorpusOptions options{.seed = 5};
    for (std::size_t i = 0; i < 200; ++i) {
        const std::string xml = generate_resource(options, i);
        SCOPED_TRACE(resource_id(i));
        // Top-level sections are indented by four spaces, their blocks by six.
        int sections = 0;
        int blocks = -1;
        std::size_t line_start = 0;
        while (line_start < xml.size()) {
            const auto line_end = xml.find('\n', line_start);
            const std::string line = xml.substr(line_start, line_end - line_start);
            line_start = line_end + 1;
            if (line.starts_with("    <section")) {
                ++sections;
                blocks = 0;
            } else if (line.starts_with("    </section>")) {
                EXPECT_GE(blocks, 2);
                EXPECT_LE(blocks, 8);
            } else if (blocks >= 0 && line.starts_with("      <") && !line.starts_with("      <h>") &&
                       !line.starts_with("      <h ") && !line.starts_with("      </")) {
                ++blocks;
            }
        }
        EXPECT_GE(sections, 3);
        EXPECT_LE(sections, 12);
    }
}

TEST(GenerateResource, UsesTheMarkupAndCharactersThePipelineMustHandle) {
    const CorpusOptions options{.seed = 11, .fr_share = 0.2};
    std::string all;
    for (std::size_t i = 0; i < 100; ++i) all += generate_resource(options, i);
    for (const char* needle : {"<em>",
                               "<strong>",
                               "<a href=\"http",
                               "<a href=\"/",
                               "<a href=\"#",
                               "<span its:translate=\"no\">",
                               "<span xml:lang=\"fr\" its:translate=\"no\">",
                               "<abbr title=\"",
                               "<br/>",
                               "&amp;",
                               "&lt;",
                               "its:locNote=\"",
                               "<ul>",
                               "<ol>",
                               "<quote",
                               "<note>",
                               "é",
                               "«",
                               "—",
                               "’",
                               "xml:lang=\"fr\"",
                               "type=\"report\"",
                               "<section id=\"s2",
                               "<file href=\"files/"}) {
        EXPECT_NE(all.find(needle), std::string::npos) << needle;
    }
}

TEST(GenerateResource, WritesAboutFrShareOfTheDocumentsInFrench) {
    const CorpusOptions options{.seed = 9, .fr_share = 0.25};
    int french = 0;
    for (std::size_t i = 0; i < 1000; ++i) {
        const bool fr = source_lang(options, i) == Lang::fr;
        french += fr;
        if (i < 100) {
            const std::string xml = generate_resource(options, i);
            EXPECT_NE(xml.find(fr ? "xml:lang=\"fr\" type" : "xml:lang=\"en\" type"), std::string::npos);
        }
    }
    EXPECT_NEAR(french, 250, 45);
    EXPECT_EQ(source_lang(CorpusOptions{.seed = 9, .fr_share = 0.0}, 4), Lang::en);
    EXPECT_EQ(source_lang(CorpusOptions{.seed = 9, .fr_share = 1.0}, 4), Lang::fr);
}

TEST(GenerateResource, RepeatsParagraphsAcrossDocumentsExactlyAndWithOneWordChanged) {
    const CorpusOptions options{.seed = 13};
    std::map<std::string, std::set<std::size_t>> docs_of;  // paragraph -> documents holding it
    for (std::size_t i = 0; i < 300; ++i)
        for (const auto& p : paragraphs(generate_resource(options, i))) docs_of[p].insert(i);
    std::size_t total = 0;
    std::size_t shared = 0;
    for (const auto& [p, docs] : docs_of) {
        total += docs.size();
        if (docs.size() > 1) shared += docs.size();
    }
    EXPECT_GT(shared, total / 50) << "exact matches for a translation memory";
    EXPECT_LT(shared, total / 4) << "but most paragraphs are new";

    // Near matches: bucket by the first and by the last four words, as a
    // one-word edit keeps one of them.
    std::map<std::string, std::vector<std::vector<std::string>>> buckets;
    for (const auto& [p, docs] : docs_of) {
        const auto words = split_words(without_tags(p));
        if (words.size() < 10) continue;
        std::string head, tail;
        for (std::size_t k = 0; k < 4; ++k) head += words[k] + " ", tail += words[words.size() - 1 - k] + " ";
        buckets["h:" + head].push_back(words);
        buckets["t:" + tail].push_back(words);
    }
    int near = 0;
    for (const auto& [key, group] : buckets)
        for (std::size_t a = 0; a < group.size(); ++a)
            for (std::size_t b = a + 1; b < group.size(); ++b) near += one_word_apart(group[a], group[b]);
    EXPECT_GE(near, 10) << "near matches for a translation memory";
}

// ------------------------------------------------------ pseudo_translate

TEST(PseudoTranslate, KeepsEveryTagAndChangesTheText) {
    const CorpusOptions options{.seed = 17, .fr_share = 0.2};
    int checked = 0;
    for (std::size_t i = 0; i < 40; ++i) {
        for (const auto& p : paragraphs(generate_resource(options, i))) {
            SCOPED_TRACE(p);
            const std::string t = pseudo_translate(p);
            EXPECT_EQ(tags(t), tags(p));
            EXPECT_NE(without_tags(t), without_tags(p));
            EXPECT_TRUE(check_utf8(t, "segment").has_value());
            EXPECT_TRUE(well_formed("<p xmlns:its=\"http://www.w3.org/2005/11/its\">" + t + "</p>"));
            EXPECT_EQ(pseudo_translate(p), t);
            ++checked;
        }
    }
    EXPECT_GT(checked, 300);
}

TEST(PseudoTranslate, LeavesReferencesAndUntranslatableTextAlone) {
    struct Row {
        const char* name;
        std::string in;
        std::string out;
    };
    const Row rows[] = {
        {"plain", "Safe housing", "⟦Säfé höüsïñg⟧"},
        {"entities", "A &amp; B &lt; C &#160;", "⟦Ä &amp; B &lt; Ç &#160;⟧"},
        {"translate no", "See <span its:translate=\"no\">Canadian Council</span> now",
         "⟦Séé <span its:translate=\"no\">Canadian Council</span> ñöw⟧"},
        {"abbr and attributes",
         "<abbr title=\"temporary resident permit\">TRP</abbr> <a href=\"/en/a?x=1&amp;y=2\">link</a>",
         "⟦<abbr title=\"temporary resident permit\">TRP</abbr> <a href=\"/en/a?x=1&amp;y=2\">lïñk</a>⟧"},
        {"non-ASCII kept whole", "« réfugiés » — ok", "⟦« réfügïés » — ök⟧"},
        {"empty element", "line<br/>next", "⟦lïñé<br/>ñéxt⟧"},
        {"stray ampersand", "R & D", "⟦R & D⟧"},
        {"empty", "", ""},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.name);
        EXPECT_EQ(pseudo_translate(row.in), row.out);
    }
}

// ------------------------------------------------------- mutate_resource

TEST(MutateResource, ChangesAboutTheRequestedShareOfParagraphsAndStaysValid) {
    ASSERT_TRUE(schema().loaded());
    const CorpusOptions options{.seed = 21, .fr_share = 0.2};
    std::size_t total = 0;
    std::size_t changed = 0;
    for (std::size_t i = 0; i < 150; ++i) {
        SCOPED_TRACE(resource_id(i));
        const std::string xml = generate_resource(options, i);
        const auto mutated = mutate_resource(xml, 0.1, 99);
        ASSERT_TRUE(mutated.has_value()) << describe(mutated.error());
        EXPECT_EQ(schema().errors(mutated->xml), "");
        const auto before = paragraphs(xml);
        const auto after = paragraphs(mutated->xml);
        ASSERT_EQ(before.size(), after.size());
        EXPECT_EQ(mutated->paragraphs, before.size());
        std::size_t differ = 0;
        for (std::size_t k = 0; k < before.size(); ++k) {
            if (before[k] == after[k]) continue;
            ++differ;
            EXPECT_EQ(tags(before[k]), tags(after[k])) << "edits touch words, not markup";
        }
        EXPECT_EQ(differ, mutated->changed);
        EXPECT_EQ(split_paragraphs(xml).skeleton, split_paragraphs(mutated->xml).skeleton)
            << "nothing but the edited paragraphs changes";
        total += before.size();
        changed += differ;
    }
    EXPECT_NEAR(static_cast<double>(changed) / static_cast<double>(total), 0.1, 0.03);
}

TEST(MutateResource, ZeroGivesTheSameBytesAndOneChangesEveryParagraph) {
    const std::string xml = generate_resource(CorpusOptions{.seed = 4}, 8);
    const auto same = mutate_resource(xml, 0.0, 1);
    ASSERT_TRUE(same.has_value());
    EXPECT_EQ(same->xml, xml);
    EXPECT_EQ(same->changed, 0u);
    const auto all = mutate_resource(xml, 1.0, 1);
    ASSERT_TRUE(all.has_value());
    EXPECT_EQ(all->changed, all->paragraphs);
    const auto before = paragraphs(xml);
    const auto after = paragraphs(all->xml);
    for (std::size_t k = 0; k < before.size(); ++k) EXPECT_NE(before[k], after[k]);
}

TEST(MutateResource, IsDeterministicInDocumentFractionAndSeed) {
    const std::string xml = generate_resource(CorpusOptions{.seed = 4}, 9);
    EXPECT_EQ(mutate_resource(xml, 0.5, 7)->xml, mutate_resource(xml, 0.5, 7)->xml);
    EXPECT_NE(mutate_resource(xml, 0.5, 7)->xml, mutate_resource(xml, 0.5, 8)->xml);
}

TEST(MutateResource, NeverEditsUntranslatableText) {
    const std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<resource xmlns=\"urn:tandem:resource:1\" xmlns:its=\"http://www.w3.org/2005/11/its\" id=\"x\" "
        "xml:lang=\"en\" type=\"page\">\n  <title>T</title>\n  <body>\n"
        "    <p><span its:translate=\"no\">Canadian Council for Refugees</span> <abbr title=\"x\">CCR</abbr></p>\n"
        "  </body>\n</resource>\n";
    const auto mutated = mutate_resource(xml, 1.0, 3);
    ASSERT_TRUE(mutated.has_value());
    EXPECT_EQ(mutated->changed, 1u);
    EXPECT_NE(mutated->xml, xml);
    EXPECT_NE(mutated->xml.find("<span its:translate=\"no\">Canadian Council for Refugees</span> "
                                "<abbr title=\"x\">CCR</abbr>"),
              std::string::npos);
}

TEST(MutateResource, RejectsMalformedXmlAndFractionsOutsideZeroToOne) {
    const auto bad = mutate_resource("<resource>\n  <p>open</resource>", 0.1, 1);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, ErrorCode::invalid);
    EXPECT_EQ(bad.error().where.line, 2);
    const std::string xml = generate_resource(CorpusOptions{}, 0);
    for (const double fraction : {-0.1, 1.5}) {
        const auto out = mutate_resource(xml, fraction, 1);
        ASSERT_FALSE(out.has_value());
        EXPECT_EQ(out.error().code, ErrorCode::invalid);
    }
}

}  // namespace
}  // namespace tandem::bench
