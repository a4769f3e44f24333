// The W3C ITS 2.0 test suite (the subset in ${TANDEM_SHARED_DIR}/conformance/
// its2-testsuite: Translate, Elements Within Text, Localization Note,
// Preserve Space, Language Information, ID Value, Locale Filter), XML and
// HTML5 inputs. Each test's input goes through annotate_nodes(), is written
// in the suite's output format and compared with the expected output, line
// by line.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "pipeline/its/its.h"
#include "tests/pipeline/its/support/itstool.h"

namespace fs = std::filesystem;
using namespace tandem;
using namespace tandem::its;
using namespace tandem::its::test;

namespace {

fs::path suite_dir() { return fs::path(TANDEM_SHARED_DIR) / "conformance/its2-testsuite"; }

struct Row {
    std::string category, format, description, input, expected;
};

std::vector<Row> manifest() {
    std::vector<Row> rows;
    std::istringstream in(slurp(suite_dir() / "manifest.tsv"));
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::size_t start = 0;
        while (true) {
            const std::size_t tab = line.find('\t', start);
            cells.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
            if (tab == std::string::npos) break;
            start = tab + 1;
        }
        if (cells.size() < 8) continue;
        rows.push_back(Row{cells[0], cells[1], cells[4], cells[5], cells[7]});
    }
    return rows;
}

// The values one category reports, "name=\"value\"" sorted by name.
std::vector<std::string> values(const std::string& category, const NodeInfo& n) {
    auto pair = [](const std::string& name, const std::string& value) { return name + "=\"" + value + "\""; };
    std::vector<std::string> out;
    if (category == "translate") {
        out.push_back(pair("translate", n.translate));
    } else if (category == "elementswithintext") {
        if (n.within_text) out.push_back(pair("withinText", *n.within_text));
    } else if (category == "localizationnote") {
        if (n.loc_note) out.push_back(pair("locNote", *n.loc_note));
        if (n.loc_note_ref) out.push_back(pair("locNoteRef", *n.loc_note_ref));
        if (n.loc_note_type) out.push_back(pair("locNoteType", *n.loc_note_type));
    } else if (category == "preservespace") {
        out.push_back(pair("space", n.space));
    } else if (category == "languageinformation") {
        if (n.lang) out.push_back(pair("lang", *n.lang));
    } else if (category == "idvalue") {
        if (n.id_value) out.push_back(pair("idValue", *n.id_value));
    } else if (category == "localefilter") {
        out.push_back(pair("localeFilterList", n.locale_filter_list));
        out.push_back(pair("localeFilterType", n.locale_filter_type));
    }
    return out;
}

std::vector<std::string> output_lines(const std::string& category, const std::vector<NodeInfo>& nodes) {
    std::vector<std::string> lines;
    for (const NodeInfo& n : nodes) {
        std::string line = n.path;
        for (const std::string& v : values(category, n)) line += "\t" + v;
        lines.push_back(std::move(line));
    }
    return lines;
}

std::vector<std::string> expected_lines(const fs::path& file) {
    std::vector<std::string> lines;
    std::istringstream in(slurp(file));
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

// Tests expected to fail, each with the reason. Keyed by input file name.
const std::map<std::string, std::string> k_known_failures = {};

}  // namespace

TEST(Conformance, W3cIts20TestSuite) {
    if (!fs::exists(suite_dir() / "manifest.tsv"))
        GTEST_SKIP() << "the ITS 2.0 test suite is not at " << suite_dir() << " (TANDEM_SHARED_DIR)";
    std::map<std::string, std::pair<int, int>> by_format;  // format -> (passed, run)
    std::string failures, unexpected;
    for (const Row& row : manifest()) {
        const fs::path input = suite_dir() / row.input;
        const std::string name = input.filename().string();
        ASSERT_TRUE(row.format == "xml" || row.format == "html") << name << ": format " << row.format;
        auto& [passed, run] = by_format[row.format];
        ++run;
        const std::vector<fs::path> no_files;
        auto rules = read_rules(no_files, RulesOptions{{input.parent_path()}, Builtins::none});
        ASSERT_TRUE(rules) << describe(rules.error());
        DocumentOptions options;
        options.label = name;
        options.syntax = row.format == "html" ? Syntax::html : Syntax::xml;
        auto nodes = annotate_nodes(slurp(input), *rules, options);
        std::string why;
        if (!nodes) {
            why = "error: " + describe(nodes.error());
        } else {
            const auto actual = output_lines(row.category, *nodes);
            const auto expected = expected_lines(suite_dir() / row.expected);
            for (std::size_t i = 0; i < std::max(actual.size(), expected.size()) && why.empty(); ++i) {
                const std::string a = i < actual.size() ? actual[i] : "(nothing)";
                const std::string e = i < expected.size() ? expected[i] : "(nothing)";
                if (a != e) why = "line " + std::to_string(i + 1) + ": expected \"" + e + "\", got \"" + a + "\"";
            }
        }
        const auto known = k_known_failures.find(name);
        if (why.empty()) {
            ++passed;
            if (known != k_known_failures.end()) unexpected += "  " + name + " passes but is listed as a known failure\n";
            continue;
        }
        failures += "  " + name + " (" + row.category + ", " + row.description + "): " + why +
                    (known != k_known_failures.end() ? "\n    known: " + known->second : "") + "\n";
        if (known == k_known_failures.end()) unexpected += "  " + name + ": " + why + "\n";
    }
    const auto [xml_passed, xml_run] = by_format["xml"];
    const auto [html_passed, html_run] = by_format["html"];
    std::printf("ITS 2.0 test suite: %d/%d passed (%d/%d XML, %d/%d HTML)\n", xml_passed + html_passed,
                xml_run + html_run, xml_passed, xml_run, html_passed, html_run);
    if (!failures.empty()) std::printf("failures:\n%s", failures.c_str());
    EXPECT_EQ(unexpected, "") << "unexpected results (not in k_known_failures)";
    EXPECT_GT(xml_run, 40);
    EXPECT_GT(html_run, 25);
}
