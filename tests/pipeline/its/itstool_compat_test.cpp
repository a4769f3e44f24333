// The engine against itstool itself: for the same document and rules file the
// segments (msgctxt, msgid, extracted comments, references, flags) are those
// `itstool -i RULES DOC` writes, and the merged document is, canonicalized,
// what `itstool -m fr.mo -i RULES DOC` writes.

#include <gtest/gtest.h>

#include <map>

#include "pipeline/its/its.h"
#include "tests/pipeline/its/support/generator.h"
#include "tests/pipeline/its/support/itstool.h"

namespace fs = std::filesystem;
using namespace tandem;
using namespace tandem::its;
using namespace tandem::its::test;

namespace {

Rules load(const fs::path& file) {
    const std::vector<fs::path> files{file};
    auto rules = read_rules(files);
    EXPECT_TRUE(rules) << describe(rules.error());
    return rules ? *rules : Rules();
}

std::vector<fs::path> files_in(const fs::path& dir, std::string_view extension) {
    std::vector<fs::path> out;
    if (!fs::is_directory(dir)) return out;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == extension) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

// The content repository's seed resources, when someone has written them.
std::vector<fs::path> seed_resources() {
    std::vector<fs::path> out;
    const fs::path dir = source_dir() / "content-repo/resources";
    if (!fs::is_directory(dir)) return out;
    for (const auto& entry : fs::directory_iterator(dir))
        if (fs::is_regular_file(entry.path() / "resource.xml")) out.push_back(entry.path() / "resource.xml");
    std::sort(out.begin(), out.end());
    return out;
}

// Our segments as PO entries, for a document named by its file name.
std::vector<PoEntry> ours(const fs::path& doc, const Rules& rules, std::string* error) {
    auto segments = extract_segments(slurp(doc), rules, doc.filename().string());
    if (!segments) {
        *error = describe(segments.error());
        return {};
    }
    return from_segments(*segments);
}

// itstool run in the document's folder, so that references name the file alone.
std::vector<PoEntry> itstools(const fs::path& doc, const fs::path& rules_file) {
    const Output out = run("cd " + quote(doc.parent_path().string()) + " && itstool -i " +
                           quote(rules_file.string()) + " " + quote(doc.filename().string()) + " 2>/dev/null");
    EXPECT_EQ(out.status, 0) << "itstool failed on " << doc;
    return parse_po(out.out);
}

void expect_same_extraction(const std::vector<fs::path>& docs, const fs::path& rules_file) {
    const Rules rules = load(rules_file);
    for (const fs::path& doc : docs) {
        SCOPED_TRACE(doc.string());
        std::string error;
        const std::vector<PoEntry> actual = ours(doc, rules, &error);
        ASSERT_TRUE(error.empty()) << error;
        const std::vector<PoEntry> expected = itstools(doc, rules_file);
        ASSERT_FALSE(expected.empty());
        EXPECT_EQ(compare_entries(expected, actual), "");
    }
}

// Pseudo-translations: accented vowels and a "FR " prefix outside the
// markup, so that every tag, placeholder and entity stays as it is. By a
// hash of the msgid, one message in five stays untranslated and one in seven
// is fuzzy (which msgfmt, and our lookup, leave out).
std::string pseudo(std::string_view msgid) {
    // msgfmt wants a msgstr to begin with a newline when its msgid does.
    std::string out = !msgid.empty() && msgid.front() == '\n' ? "" : "FR ";
    bool tag = false, entity = false;
    for (const char c : msgid) {
        if (tag || entity) {
            out += c;
            if (c == '>') tag = false;
            if (c == ';') entity = false;
            continue;
        }
        if (c == '<') tag = true;
        if (c == '&') entity = true;
        if (c == 'a') out += "à";
        else if (c == 'e') out += "é";
        else if (c == 'o') out += "ô";
        else out += c;
    }
    return out;
}

std::uint32_t fnv(std::string_view s) {
    std::uint32_t h = 2166136261u;
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
}

using Key = std::pair<std::optional<std::string>, std::string>;

struct Translations {
    std::vector<PoEntry> po;
    std::map<Key, std::string> table;  // what msgfmt keeps: translated, not fuzzy
};

// A known, deliberate difference (see KnownDeviation below): itstool drops the
// translation of a unit that sits as a placeholder in another unit and has
// child elements of its own (DocBook's indexterm), so those stay untranslated
// where the outputs are compared.
bool itstool_cannot_merge(const model::Segment& s) {
    for (const std::string& c : s.comments)
        if (c.size() > 10 && c.compare(c.size() - 10, 10, "/indexterm") == 0) return true;
    return false;
}

void add_translations(const std::vector<model::Segment>& segments, Translations& t) {
    for (const model::Segment& s : segments) {
        const Key key{s.msgctxt, s.msgid};
        bool seen = false;
        for (const PoEntry& e : t.po) seen = seen || (e.msgctxt == s.msgctxt && e.msgid == s.msgid);
        if (seen) continue;
        PoEntry e{s.msgctxt, s.msgid, "", {}, {}, s.flags};
        const std::uint32_t h = fnv(s.msgid);
        if (s.msgctxt == std::optional<std::string>("_") && s.msgid == "translator-credits")
            e.msgstr = "Jean Dupont <jean@example.org>, 2023, 2024\nAlice Martin <alice@example.org>, 2024";
        else if (h % 5 != 0 && !itstool_cannot_merge(s))
            e.msgstr = pseudo(s.msgid);
        if (h % 7 == 1 && !e.msgstr.empty()) e.flags.push_back("fuzzy");
        else if (!e.msgstr.empty()) t.table[key] = e.msgstr;
        t.po.push_back(std::move(e));
    }
}

Lookup lookup_in(const Translations& t) {
    return [&t](const std::optional<std::string>& msgctxt, std::string_view msgid) -> std::optional<std::string> {
        auto it = t.table.find(Key{msgctxt, std::string(msgid)});
        if (it == t.table.end()) return std::nullopt;
        return it->second;
    };
}

// Merges every document of `dir` (named `names`) with itstool (one run) and
// with the engine; returns how many match, recording the first differences.
int compare_merges(const fs::path& dir, const std::vector<std::string>& names, const fs::path& rules_file,
                   const Rules& rules, const Translations& t, std::string* differences) {
    spit(dir / "fr.po", write_po(t.po));
    fs::create_directories(dir / "itstool-out");
    fs::create_directories(dir / "ours");
    std::string files;
    for (const std::string& name : names) files += " " + quote(name);
    const Output out = run("cd " + quote(dir.string()) + " && msgfmt -o fr.mo fr.po && itstool -m fr.mo -i " +
                           quote(rules_file.string()) + " -o itstool-out" + files + " 2>/dev/null");
    EXPECT_EQ(out.status, 0) << "msgfmt or itstool -m failed in " << dir;
    int same = 0;
    for (const std::string& name : names) {
        auto merged = merge_translations(slurp(dir / name), rules, lookup_in(t), "fr");
        if (!merged) {
            *differences += name + ": " + describe(merged.error()) + "\n";
            continue;
        }
        for (const Rejection& r : merged->rejected)
            *differences += name + ": rejected " + reason_code(r.reason) + " " + r.detail + ": " + r.msgid + "\n";
        spit(dir / "ours" / name, merged->xml);
        const std::string expected = canonical_xml(dir / "itstool-out" / name);
        const std::string actual = canonical_xml(dir / "ours" / name);
        if (!expected.empty() && expected == actual) {
            ++same;
        } else if (differences->size() < 6000) {
            spit(dir / "expected.c14n", expected);
            spit(dir / "actual.c14n", actual);
            *differences += name + " differs:\n" +
                            run("diff " + quote((dir / "expected.c14n").string()) + " " +
                                quote((dir / "actual.c14n").string()) + " | head -20")
                                .out;
        }
    }
    return same;
}

// Copies documents into a fresh folder (itstool -m writes by file name).
std::vector<std::string> stage(const fs::path& dir, const std::vector<fs::path>& docs, const Rules& rules,
                               Translations& t) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        // Seed resources are all called resource.xml: number them.
        const std::string name = std::to_string(i) + "-" + docs[i].filename().string();
        const std::string xml = slurp(docs[i]);
        spit(dir / name, xml);
        names.push_back(name);
        auto segments = extract_segments(xml, rules, name);
        EXPECT_TRUE(segments) << describe(segments.error());
        if (segments) add_translations(*segments, t);
    }
    return names;
}

void expect_same_merge(const std::string& label, const std::vector<fs::path>& docs, const fs::path& rules_file) {
    const Rules rules = load(rules_file);
    const fs::path dir = fresh_dir(label);
    Translations t;
    const std::vector<std::string> names = stage(dir, docs, rules, t);
    std::string differences;
    const int same = compare_merges(dir, names, rules_file, rules, t, &differences);
    EXPECT_EQ(same, static_cast<int>(names.size())) << differences;
    EXPECT_EQ(differences, "");
    fs::remove_all(dir);
}

}  // namespace

TEST(ItstoolCompat, DocBook5SamplesExtractAsItstool) {
    REQUIRE_ITSTOOL();
    const auto docs = files_in(data_dir() / "docbook5", ".xml");
    ASSERT_GE(docs.size(), 2u);
    expect_same_extraction(docs, k_docbook5_its);
}

TEST(ItstoolCompat, MallardSamplesExtractAsItstool) {
    REQUIRE_ITSTOOL();
    const auto docs = files_in(data_dir() / "mallard", ".page");
    ASSERT_GE(docs.size(), 2u);
    expect_same_extraction(docs, k_mallard_its);
}

TEST(ItstoolCompat, ResourceSamplesExtractAsItstool) {
    REQUIRE_ITSTOOL();
    const auto docs = files_in(data_dir() / "resource", ".xml");
    ASSERT_GE(docs.size(), 3u);
    expect_same_extraction(docs, resource_its());
}

TEST(ItstoolCompat, SeedResourcesExtractAsItstool) {
    REQUIRE_ITSTOOL();
    const auto docs = seed_resources();
    if (docs.empty()) GTEST_SKIP() << "no content-repo/resources/*/resource.xml yet";
    std::printf("seed resources compared with itstool: %zu\n", docs.size());
    expect_same_extraction(docs, resource_its());
}

TEST(ItstoolCompat, GeneratedResourcesExtractAsItstool) {
    REQUIRE_ITSTOOL();
    constexpr int k_documents = 200;
    const Rules rules = load(resource_its());
    const fs::path dir = fresh_dir("generated-extract");
    for (int i = 0; i < k_documents; ++i) spit(dir / ("gen-" + std::to_string(i) + ".xml"), generate_resource(i));
    // One itstool per document (it merges messages across the files it is
    // given), two at a time.
    const Output out = run("cd " + quote(dir.string()) + " && ls gen-*.xml | xargs -P 2 -n 1 sh -c 'itstool -i " +
                           quote(resource_its().string()) + " -o \"$0.pot\" \"$0\" 2>/dev/null'");
    ASSERT_EQ(out.status, 0);
    int same = 0;
    std::string differences;
    for (int i = 0; i < k_documents; ++i) {
        const std::string name = "gen-" + std::to_string(i) + ".xml";
        std::string error;
        const std::vector<PoEntry> actual = ours(dir / name, rules, &error);
        const std::vector<PoEntry> expected = parse_po(slurp(dir / (name + ".pot")));
        const std::string diff = error.empty() ? compare_entries(expected, actual) : error;
        if (diff.empty() && !expected.empty()) ++same;
        else if (differences.size() < 4000) differences += name + ":\n" + diff;
    }
    std::printf("generated documents extracted as itstool does: %d/%d\n", same, k_documents);
    EXPECT_EQ(same, k_documents) << differences;
    fs::remove_all(dir);
}

TEST(ItstoolCompat, DocBook5SamplesMergeAsItstool) {
    REQUIRE_ITSTOOL();
    expect_same_merge("merge-docbook5", files_in(data_dir() / "docbook5", ".xml"), k_docbook5_its);
}

TEST(ItstoolCompat, MallardSamplesMergeAsItstool) {
    REQUIRE_ITSTOOL();
    expect_same_merge("merge-mallard", files_in(data_dir() / "mallard", ".page"), k_mallard_its);
}

TEST(ItstoolCompat, ResourceSamplesMergeAsItstool) {
    REQUIRE_ITSTOOL();
    expect_same_merge("merge-resource", files_in(data_dir() / "resource", ".xml"), resource_its());
}

TEST(ItstoolCompat, SeedResourcesMergeAsItstool) {
    REQUIRE_ITSTOOL();
    const auto docs = seed_resources();
    if (docs.empty()) GTEST_SKIP() << "no content-repo/resources/*/resource.xml yet";
    expect_same_merge("merge-seed", docs, resource_its());
}

TEST(ItstoolCompat, GeneratedResourcesMergeAsItstool) {
    REQUIRE_ITSTOOL();
    constexpr int k_documents = 200;
    const Rules rules = load(resource_its());
    const fs::path dir = fresh_dir("generated-merge");
    std::vector<std::string> names;
    Translations t;
    for (int i = 0; i < k_documents; ++i) {
        const std::string name = "gen-" + std::to_string(i) + ".xml";
        const std::string xml = generate_resource(i);
        spit(dir / name, xml);
        names.push_back(name);
        auto segments = extract_segments(xml, rules, name);
        ASSERT_TRUE(segments) << describe(segments.error());
        add_translations(*segments, t);
    }
    std::string differences;
    const int same = compare_merges(dir, names, resource_its(), rules, t, &differences);
    std::printf("generated documents merged as itstool -m does: %d/%d\n", same, k_documents);
    EXPECT_EQ(same, k_documents) << differences;
    fs::remove_all(dir);
}

// itstool -m merges a translated placeholder unit that has child elements
// (DocBook's indexterm inside a para) from a detached copy of the source: the
// translation is lost and the copy's default namespace comes out as an
// undeclared "default:" prefix, which is not namespace-well-formed. Tandem
// merges the translation instead.
TEST(ItstoolCompat, KnownDeviationTranslatedPlaceholderUnitIsMerged) {
    REQUIRE_ITSTOOL();
    const fs::path dir = fresh_dir("deviation");
    const std::string xml =
        "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\">\n"
        "<para>Use the menu.<indexterm><primary>users</primary></indexterm></para>\n</article>\n";
    spit(dir / "d.xml", xml);
    Translations t;
    t.po = {PoEntry{std::nullopt, "Use the menu.<_:indexterm-1/>", "Le menu.<_:indexterm-1/>", {}, {}, {}},
            PoEntry{std::nullopt, "<primary>users</primary>", "<primary>UTILISATEURS</primary>", {}, {}, {}}};
    for (const PoEntry& e : t.po) t.table[Key{e.msgctxt, e.msgid}] = e.msgstr;
    spit(dir / "fr.po", write_po(t.po));
    const Output out = run("cd " + quote(dir.string()) + " && msgfmt -o fr.mo fr.po && itstool -m fr.mo -i " +
                           quote(k_docbook5_its.string()) + " -o out.xml d.xml 2>/dev/null");
    ASSERT_EQ(out.status, 0);
    const std::string theirs = slurp(dir / "out.xml");
    EXPECT_NE(theirs.find("<default:indexterm"), std::string::npos) << theirs;
    EXPECT_NE(theirs.find("<primary>users</primary>"), std::string::npos) << theirs;
    EXPECT_FALSE(extract_segments(theirs, Rules(), "out.xml")) << "itstool's output has an undeclared prefix";

    auto ours = merge_translations(xml, load(k_docbook5_its), lookup_in(t), "fr");
    ASSERT_TRUE(ours) << describe(ours.error());
    EXPECT_NE(ours->xml.find("<para>Le menu.<indexterm><primary>UTILISATEURS</primary></indexterm></para>"),
              std::string::npos)
        << ours->xml;
    EXPECT_TRUE(extract_segments(ours->xml, Rules(), "ours.xml"));
    fs::remove_all(dir);
}
