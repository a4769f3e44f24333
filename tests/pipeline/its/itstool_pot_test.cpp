// The template `tandem its extract` prints (its::extract_pot_text) against
// itstool's own, byte for byte: the same rules and documents, run from the
// same folder with the same relative paths, print the same text once the
// POT-Creation-Date line (the time of each run) is masked. Nothing else is
// masked or normalized.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <tuple>

#include "pipeline/its/its.h"
#include "tests/pipeline/its/support/generator.h"
#include "tests/pipeline/its/support/itstool.h"

namespace fs = std::filesystem;
using namespace tandem;
using namespace tandem::its;
using namespace tandem::its::test;

namespace {

// One invocation of both tools: from `folder`, these rules, these documents
// (paths relative to the folder, as given on the command line).
struct Invocation {
    fs::path folder;
    fs::path rules;
    std::vector<std::string> documents;
};

std::vector<std::string> names_in(const fs::path& dir, std::string_view extension) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == extension) out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// content-repo/resources/<id>/resource.xml, relative to content-repo.
std::vector<std::string> seed_resources() {
    std::vector<std::string> out;
    const fs::path dir = source_dir() / "content-repo/resources";
    if (!fs::is_directory(dir)) return out;
    for (const auto& entry : fs::directory_iterator(dir))
        if (fs::is_regular_file(entry.path() / "resource.xml"))
            out.push_back("resources/" + entry.path().filename().string() + "/resource.xml");
    std::sort(out.begin(), out.end());
    return out;
}

// The header's POT-Creation-Date line, whatever its time; only the first one,
// so a message's text that happens to hold the same words stays compared.
std::string mask_creation_date(std::string pot) {
    const std::string field = "\n\"POT-Creation-Date: ";
    const std::size_t at = pot.find(field);
    if (at == std::string::npos) return pot;
    const std::size_t end = pot.find('\n', at + 1);
    pot.replace(at + 1, end == std::string::npos ? std::string::npos : end - at - 1, "\"POT-Creation-Date: (masked)\\n\"");
    return pot;
}

std::string itstool_pot(const Invocation& run) {
    std::string command = "cd " + quote(run.folder.string()) + " && itstool -i " + quote(run.rules.string());
    for (const std::string& doc : run.documents) command += " " + quote(doc);
    const Output out = test::run(command + " 2>/dev/null");
    EXPECT_EQ(out.status, 0) << command;
    return out.out;
}

Result<std::string> our_pot(const Invocation& run) {
    const std::vector<fs::path> files{run.rules};
    auto rules = read_rules(files);
    if (!rules) return tl::unexpected(rules.error());
    std::vector<std::string> texts;
    for (const std::string& doc : run.documents) texts.push_back(slurp(run.folder / doc));
    std::vector<TemplateDocument> documents;
    for (std::size_t i = 0; i < texts.size(); ++i) documents.push_back({texts[i], run.documents[i]});
    return extract_pot_text(documents, *rules, pot_creation_date(std::chrono::system_clock::now()));
}

// The first line that differs, with its number and a little before it.
std::string first_difference(const std::string& expected, const std::string& actual) {
    std::vector<std::string> a, b;
    for (auto [text, lines] : {std::pair{&expected, &a}, std::pair{&actual, &b}}) {
        std::size_t start = 0;
        while (start <= text->size()) {
            const std::size_t nl = text->find('\n', start);
            lines->push_back(text->substr(start, nl == std::string::npos ? std::string::npos : nl - start));
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
    }
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    std::string out = "first difference at line " + std::to_string(i + 1) + ":\n";
    for (std::size_t j = i >= 3 ? i - 3 : 0; j < i; ++j) out += "    " + a[j] + "\n";
    out += "  itstool: " + (i < a.size() ? "[" + a[i] + "]" : std::string("(end)")) + "\n";
    out += "  tandem:  " + (i < b.size() ? "[" + b[i] + "]" : std::string("(end)")) + "\n";
    return out;
}

// Whether both print the same template; records a difference in `report`.
bool same_pot(const Invocation& run, std::string* report) {
    std::string label = run.folder.filename().string() + ":";
    for (const std::string& doc : run.documents) label += " " + doc;
    const std::string theirs = itstool_pot(run);
    auto ours = our_pot(run);
    if (!ours) {
        *report += label + ": " + describe(ours.error()) + "\n";
        return false;
    }
    if (theirs.empty() || theirs.find("\nmsgid ") == std::string::npos) {
        *report += label + ": itstool printed no template\n";
        return false;
    }
    const std::string expected = mask_creation_date(theirs);
    const std::string actual = mask_creation_date(*ours);
    if (expected == actual) return true;
    if (report->size() < 8000) *report += label + ": " + first_difference(expected, actual);
    return false;
}

void expect_same_pots(const std::vector<Invocation>& runs) {
    std::string report;
    int same = 0;
    for (const Invocation& run : runs) same += same_pot(run, &report) ? 1 : 0;
    EXPECT_EQ(same, static_cast<int>(runs.size())) << report;
}

// Each document alone, then all of them in one run (where itstool merges a
// message the documents share), then the first one given twice.
std::vector<Invocation> alone_and_together(const fs::path& folder, const fs::path& rules, const std::vector<std::string>& docs) {
    std::vector<Invocation> runs;
    for (const std::string& doc : docs) runs.push_back({folder, rules, {doc}});
    runs.push_back({folder, rules, docs});
    if (!docs.empty()) runs.push_back({folder, rules, {docs.front(), docs.front()}});
    return runs;
}

// What the corpora have little of: preserved space (a last line that is
// empty, one without a newline, tabs, a CR), msgctxt (one with quotes, which
// itstool writes unescaped), notes that wrap, that keep their lines (empty
// ones too) or are empty, inline notes merged into one, an attribute
// message, ids and locale filters, quotes and backslashes, non-ASCII text
// and Unicode spaces.
constexpr std::string_view k_edge_rules = R"(<?xml version="1.0" encoding="UTF-8"?>
<its:rules xmlns:its="http://www.w3.org/2005/11/its" xmlns:itst="http://itstool.org/extensions/" version="2.0">
  <its:withinTextRule selector="//em|//b" withinText="yes"/>
  <its:preserveSpaceRule selector="//pre" space="preserve"/>
  <itst:contextRule selector="//p[@ctx]" contextPointer="@ctx"/>
  <its:locNoteRule selector="//note" locNoteType="description" locNotePointer="@n"/>
  <its:translateRule selector="//doc/@title" translate="yes"/>
  <its:locNoteRule selector="//q" locNoteType="alert" locNotePointer="following-sibling::n[1]"/>
  <its:translateRule selector="//n" translate="no"/>
</its:rules>
)";

constexpr std::string_view k_edge_document = R"(<?xml version="1.0" encoding="UTF-8"?>
<doc title="A &quot;quoted&quot; title\x" xmlns:its="http://www.w3.org/2005/11/its">
<p>Tab&#9;here and a back\slash and "quotes" and é ü — 中文</p>
<pre>  line one
&#9;line\two "q"

</pre>
<pre>no newline</pre>
<pre>
</pre>
<pre>ends
</pre>
<p ctx="menu">Open</p>
<p ctx="a &quot;b&quot; \ c">Open</p>
<p>Open</p>
<note n="A note that is quite long, long enough to be wrapped by itstool at seventy-two columns, yes.">Noted text</note>
<p>nbsp&#160;here, em space&#8195;here  and   spaces, and a very long paragraph that gettext would wrap at seventy-nine columns but itstool never wraps.</p>
<p>Same <em>inline</em> text</p>
<q>Question with a preserved note</q><n xml:space="preserve">

First line

  third "line" \ end
</n>
<q>Other question</q><n xml:space="preserve">one line   kept</n>
<q>Empty note</q><n xml:space="preserve"></n>
<p its:locNote="">Empty local note</p>
<p its:locNote="Line one
line two">Two notes <b its:locNote="inner note">bold</b> and <b its:locNote="inner note">again</b></p>
<p>Carriage&#13;return</p><pre>CR&#13;in pre&#9;and tab</pre>
<p xml:space="preserve">A preserved
paragraph</p>
<p>Kept  as
is</p>
<p xml:id="first-open" its:localeFilterList="fr">Open</p>
</doc>
)";

// Shares messages with the first: merged references, a preserved one (which
// makes the first one's text preserved when merged into it), a context,
// inline markup, notes, ids and locale filters.
constexpr std::string_view k_edge_document_2 = R"(<?xml version="1.0" encoding="UTF-8"?>
<doc>
<p>Open</p>
<pre>no newline</pre>
<p>Same <em>inline</em> text</p>
<p ctx="menu">Open</p>
<note n="Another note">Noted text</note>
<p xml:space="preserve">Kept as is</p>
<p xml:id="open" xmlns:its="http://www.w3.org/2005/11/its" its:localeFilterList="de" its:localeFilterType="exclude">Open</p>
</doc>
)";

}  // namespace

TEST(ItstoolPot, CreationDateIsItstoolsFormatInUtc) {
    // 2024-03-01 14:05:59 UTC.
    const auto when = std::chrono::system_clock::from_time_t(1709301959);
    EXPECT_EQ(pot_creation_date(when), "2024-03-01 14:05+0000");
}

// The layout itself, where itstool is not installed: its header, a msgid
// longer than a line left whole, a preserved one line by line.
TEST(ItstoolPot, MsgidsAreNeverWrappedAndPreservedOnesGoLineByLine) {
    const std::vector<RulesFile> files{{"pre.its",
                                        "<its:rules xmlns:its=\"http://www.w3.org/2005/11/its\" version=\"2.0\">"
                                        "<its:preserveSpaceRule selector=\"//pre\" space=\"preserve\"/></its:rules>"}};
    auto rules = parse_rules(files);
    ASSERT_TRUE(rules) << describe(rules.error());
    const std::string long_text(30, 'x');
    const std::string xml = "<doc>\n<p>" + long_text + " \"" + long_text + "\" " + long_text +
                            "</p>\n<pre>a\\b\n\tc\n</pre>\n</doc>\n";
    const std::vector<TemplateDocument> documents{{xml, "d.xml"}};
    auto pot = extract_pot_text(documents, *rules, "2024-03-01 14:05+0000");
    ASSERT_TRUE(pot) << describe(pot.error());
    EXPECT_EQ(*pot,
              "msgid \"\"\n"
              "msgstr \"\"\n"
              "\"Project-Id-Version: PACKAGE VERSION\\n\"\n"
              "\"POT-Creation-Date: 2024-03-01 14:05+0000\\n\"\n"
              "\"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n\"\n"
              "\"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n\"\n"
              "\"Language-Team: LANGUAGE <LL@li.org>\\n\"\n"
              "\"MIME-Version: 1.0\\n\"\n"
              "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
              "\"Content-Transfer-Encoding: 8bit\\n\"\n"
              "\n"
              "#. (itstool) path: doc/p\n"
              "#: d.xml:2\n"
              "msgid \"" + long_text + " \\\"" + long_text + "\\\" " + long_text + "\"\n"
              "msgstr \"\"\n"
              "\n"
              "#. (itstool) path: doc/pre\n"
              "#: d.xml:3\n"
              "#, no-wrap\n"
              "msgid \"\"\n"
              "\"a\\\\b\\n\"\n"
              "\"\\tc\\n\"\n"
              "\"\"\n"
              "msgstr \"\"\n"
              "\n");
}

TEST(ItstoolPot, ErrorsNameTheDocument) {
    const std::vector<TemplateDocument> documents{{"<doc><p>Fine</p></doc>", "a.xml"}, {"<doc><p>Broken</doc>", "b.xml"}};
    auto pot = extract_pot_text(documents, Rules(), "2024-03-01 14:05+0000");
    ASSERT_FALSE(pot);
    EXPECT_EQ(pot.error().code, ErrorCode::invalid);
    EXPECT_EQ(pot.error().where.file, "b.xml");
}

TEST(ItstoolPot, CorpusTemplatesAreItstoolsBytes) {
    REQUIRE_ITSTOOL();
    std::vector<Invocation> runs;
    for (const auto& [folder, rules, extension] :
         {std::tuple{data_dir() / "docbook5", k_docbook5_its, ".xml"}, std::tuple{data_dir() / "mallard", k_mallard_its, ".page"},
          std::tuple{data_dir() / "resource", resource_its(), ".xml"}}) {
        const std::vector<std::string> docs = names_in(folder, extension);
        ASSERT_GE(docs.size(), 2u) << folder;
        for (Invocation& run : alone_and_together(folder, rules, docs)) runs.push_back(std::move(run));
    }
    expect_same_pots(runs);
}

TEST(ItstoolPot, SeedResourceTemplatesAreItstoolsBytes) {
    REQUIRE_ITSTOOL();
    const std::vector<std::string> docs = seed_resources();
    if (docs.empty()) GTEST_SKIP() << "no content-repo/resources/*/resource.xml yet";
    expect_same_pots(alone_and_together(source_dir() / "content-repo", resource_its(), docs));
}

TEST(ItstoolPot, EdgeCaseTemplatesAreItstoolsBytes) {
    REQUIRE_ITSTOOL();
    const fs::path dir = fresh_dir("pot-edge");
    spit(dir / "edge.its", k_edge_rules);
    spit(dir / "edge.xml", k_edge_document);
    spit(dir / "edge2.xml", k_edge_document_2);
    expect_same_pots({{dir, dir / "edge.its", {"edge.xml"}},
                      {dir, dir / "edge.its", {"edge2.xml"}},
                      {dir, dir / "edge.its", {"edge.xml", "edge2.xml"}},
                      {dir, dir / "edge.its", {"edge2.xml", "edge.xml"}}});
    fs::remove_all(dir);
}

// GNOME's help pages pull their legal notice in with an XInclude: the
// element stays as it is (never loaded), as itstool leaves it.
TEST(ItstoolPot, AMallardPageWithAnXIncludeIsItstoolsBytes) {
    REQUIRE_ITSTOOL();
    const fs::path dir = fresh_dir("pot-xinclude");
    spit(dir / "legal.xml", "<license xmlns=\"http://projectmallard.org/1.0/\"><p>Creative Commons.</p></license>\n");
    spit(dir / "index.page",
         "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<page xmlns=\"http://projectmallard.org/1.0/\" type=\"guide\" id=\"index\">\n"
         "  <info>\n"
         "    <include href=\"legal.xml\" xmlns=\"http://www.w3.org/2001/XInclude\"/>\n"
         "  </info>\n"
         "  <title>Files help</title>\n"
         "  <p>Use <app>Files</app> to browse.</p>\n"
         "</page>\n");
    expect_same_pots({{dir, k_mallard_its, {"index.page"}}});
    fs::remove_all(dir);
}

// Shapes nobody wrote by hand: generated resources (odd whitespace, entity
// references, notes, repeated paragraphs), some alone, all in one run.
TEST(ItstoolPot, GeneratedResourceTemplatesAreItstoolsBytes) {
    REQUIRE_ITSTOOL();
    constexpr int k_documents = 40;
    const fs::path dir = fresh_dir("pot-generated");
    std::vector<std::string> docs;
    for (int i = 0; i < k_documents; ++i) {
        docs.push_back("gen-" + std::to_string(i) + ".xml");
        spit(dir / docs.back(), generate_resource(static_cast<std::uint64_t>(1000 + i)));
    }
    std::vector<Invocation> runs;
    for (int i = 0; i < k_documents; i += 4) runs.push_back({dir, resource_its(), {docs[static_cast<std::size_t>(i)]}});
    runs.push_back({dir, resource_its(), docs});
    expect_same_pots(runs);
    fs::remove_all(dir);
}
