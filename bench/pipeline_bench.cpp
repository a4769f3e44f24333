// Translation pipeline benchmark, side by side in one run on the same
// generated documents: extraction (Tandem vs itstool vs `xgettext --its`),
// catalog update after 10 % of the paragraphs changed (Tandem vs
// `msgmerge --previous`), and merge-back (Tandem vs `msgfmt` + `itstool -m`).
// The peers run one process per document, as a build script would run them.
// Prints figures and ratios; asserts nothing.

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

#include "bench/corpus/corpus.h"
#include "cms/core/text.h"
#include "pipeline/its/its.h"
#include "pipeline/po/catalog.h"

namespace {

using namespace tandem;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

int shell(const std::string& command) {
    const int rc = std::system(command.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

bool have(const char* tool) { return shell(std::string("command -v ") + tool + " >/dev/null 2>&1") == 0; }

void write(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

struct Row {
    std::string what;
    double tandem_ms;  // per document
    std::string peer;
    double peer_ms;    // per document; < 0 when the peer is absent
};

void print(const Row& row) {
    if (row.peer_ms < 0) {
        std::printf("  %-34s tandem %8.3f ms/doc   %-28s (not installed)\n", row.what.c_str(), row.tandem_ms, row.peer.c_str());
        return;
    }
    std::printf("  %-34s tandem %8.3f ms/doc   %-28s %8.3f ms/doc   ratio %7.1fx\n", row.what.c_str(), row.tandem_ms,
                row.peer.c_str(), row.peer_ms, row.peer_ms / row.tandem_ms);
}

po::Catalog translated_catalog(std::span<const model::Segment> segments) {
    po::Catalog catalog = po::make_template(segments, "bench");
    po::set_header_field(catalog, "Language", "fr");
    po::set_header_field(catalog, "Content-Type", "text/plain; charset=UTF-8");
    po::set_header_field(catalog, "Plural-Forms", "nplurals=2; plural=(n > 1);");
    for (auto& m : catalog.messages) m.msgstr = bench::pseudo_translate(m.msgid);
    return catalog;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Extraction, catalog update and merge-back: Tandem beside itstool, xgettext, msgmerge and msgfmt."};
    std::size_t count = 1000;
    std::string dir = "bench/out/pipeline";
    std::string share = TANDEM_SHARE_DIR;
    app.add_option("--count", count, "Documents (default 1000)");
    app.add_option("--dir", dir, "Work folder (default bench/out/pipeline)");
    app.add_option("--share", share, "Tandem's share folder (the ITS rules)");
    CLI11_PARSE(app, argc, argv);
    if (count == 0) return std::cerr << "--count must be positive\n", 1;

    const fs::path work = fs::absolute(dir);
    fs::remove_all(work);
    const fs::path rules_file = fs::path(share) / "cms/model/schema/resource.its";
    const fs::path rule_paths[] = {rules_file};
    auto rules = its::read_rules(rule_paths);
    if (!rules) return std::cerr << describe(rules.error()) << "\n", 6;

    // The corpus: documents on disk (the peers read files), and the edited
    // revision of each with 10 % of its paragraphs changed.
    const bench::CorpusOptions corpus{.seed = 7};
    std::vector<std::string> ids, docs, edited;
    std::size_t bytes = 0, paragraphs = 0, changed = 0;
    for (std::size_t i = 0; i < count; ++i) {
        ids.push_back(bench::resource_id(i));
        docs.push_back(bench::generate_resource(corpus, i));
        auto m = bench::mutate_resource(docs.back(), 0.1, i);
        if (!m) return std::cerr << describe(m.error()) << "\n", 6;
        paragraphs += m->paragraphs, changed += m->changed;
        edited.push_back(std::move(m->xml));
        bytes += docs.back().size();
        write(work / "v1" / ids[i] / "resource.xml", docs[i]);
        write(work / "v2" / ids[i] / "resource.xml", edited[i]);
    }
    std::printf("Pipeline benchmark: %zu documents, %.1f KB on average; %zu of %zu paragraphs changed in v2\n\n", count,
                bytes / 1024.0 / count, changed, paragraphs);

    // 1. Extraction. Tandem in-process, with and without writing the POT;
    //    the peers one process per document, writing their POT.
    std::vector<std::vector<model::Segment>> segments_v1(count), segments_v2(count);
    auto start = Clock::now();
    for (std::size_t i = 0; i < count; ++i) {
        auto s = its::extract_segments(docs[i], *rules, "resources/" + ids[i] + "/resource.xml");
        if (!s) return std::cerr << ids[i] << ": " << describe(s.error()) << "\n", 6;
        segments_v1[i] = std::move(*s);
    }
    const double extract_ms = ms_since(start) / count;
    start = Clock::now();
    std::size_t pot_bytes = 0;
    for (std::size_t i = 0; i < count; ++i) {
        auto s = its::extract_segments(docs[i], *rules, "resources/" + ids[i] + "/resource.xml");
        pot_bytes += po::write_catalog(po::make_template(*s, "bench")).value().size();
    }
    const double extract_pot_ms = ms_since(start) / count;
    double itstool_ms = -1, xgettext_ms = -1;
    if (have("itstool")) {
        start = Clock::now();
        for (std::size_t i = 0; i < count; ++i)
            shell("cd '" + (work / "v1").string() + "' && itstool -i '" + rules_file.string() + "' -o '" + ids[i] + "/t.pot' " + ids[i] + "/resource.xml");
        itstool_ms = ms_since(start) / count;
    }
    if (have("xgettext")) {
        start = Clock::now();
        for (std::size_t i = 0; i < count; ++i)
            shell("cd '" + (work / "v1").string() + "' && xgettext --its='" + rules_file.string() + "' -o '" + ids[i] + "/x.pot' " + ids[i] + "/resource.xml");
        xgettext_ms = ms_since(start) / count;
    }

    // 2. Catalog update after the edit: Tandem extracts v2 and updates the v1
    //    catalog; msgmerge --previous gets the same v1 catalog and v2 template.
    std::vector<po::Catalog> old_catalogs(count);
    for (std::size_t i = 0; i < count; ++i) {
        old_catalogs[i] = translated_catalog(segments_v1[i]);
        write(work / "v1" / ids[i] / "fr.po", po::write_catalog(old_catalogs[i]).value());
        auto s = its::extract_segments(edited[i], *rules, "resources/" + ids[i] + "/resource.xml");
        if (!s) return std::cerr << describe(s.error()) << "\n", 6;
        segments_v2[i] = std::move(*s);
        write(work / "v2" / ids[i] / "new.pot", po::write_catalog(po::make_template(segments_v2[i], "bench")).value());
    }
    start = Clock::now();
    std::size_t fuzzy = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const auto updated = po::update_catalog(old_catalogs[i], segments_v2[i]);
        for (const auto& m : updated.messages) fuzzy += m.fuzzy;
    }
    const double update_ms = ms_since(start) / count;
    start = Clock::now();
    for (std::size_t i = 0; i < count; ++i) {
        auto old = po::read_catalog(read_file(work / "v1" / ids[i] / "fr.po").value(), "fr.po").value();
        auto s = its::extract_segments(edited[i], *rules, "resources/" + ids[i] + "/resource.xml");
        write(work / "v2" / ids[i] / "fr.po", po::write_catalog(po::update_catalog(old, *s)).value());
    }
    const double update_io_ms = ms_since(start) / count;
    // The floor under that figure: each v1 catalog read and written back,
    // with no extraction and no update. Both are libgettextpo's work (the
    // issue forbids rewriting it), so no catalog update with PO input and
    // output can beat this.
    start = Clock::now();
    for (std::size_t i = 0; i < count; ++i) {
        auto catalog = po::read_catalog(read_file(work / "v1" / ids[i] / "fr.po").value(), "fr.po").value();
        write(work / "v2" / ids[i] / "floor.po", po::write_catalog(catalog).value());
    }
    const double libgettextpo_ms = ms_since(start) / count;
    double msgmerge_ms = -1;
    if (have("msgmerge")) {
        start = Clock::now();
        for (std::size_t i = 0; i < count; ++i)
            shell("msgmerge -q --previous -o '" + (work / "v2" / ids[i] / "msgmerge.po").string() + "' '" +
                  (work / "v1" / ids[i] / "fr.po").string() + "' '" + (work / "v2" / ids[i] / "new.pot").string() + "'");
        msgmerge_ms = ms_since(start) / count;
    }

    // 3. Merge-back of the v1 translations into v1.
    start = Clock::now();
    for (std::size_t i = 0; i < count; ++i) {
        std::map<std::string, std::string> t;
        for (const auto& m : old_catalogs[i].messages) t.emplace(m.msgid, m.msgstr);
        const its::Lookup lookup = [&](const std::optional<std::string>&, std::string_view msgid) -> std::optional<std::string> {
            const auto it = t.find(std::string(msgid));
            return it == t.end() ? std::nullopt : std::optional<std::string>(it->second);
        };
        auto merged = its::merge_translations(docs[i], *rules, lookup, Lang::fr);
        if (!merged) return std::cerr << describe(merged.error()) << "\n", 6;
    }
    const double merge_ms = ms_since(start) / count;
    double itstool_merge_ms = -1;
    if (have("itstool") && have("msgfmt")) {
        start = Clock::now();
        for (std::size_t i = 0; i < count; ++i) {
            const std::string d = (work / "v1" / ids[i]).string();
            shell("msgfmt -o '" + d + "/fr.mo' '" + d + "/fr.po' && itstool -i '" + rules_file.string() + "' -m '" + d +
                  "/fr.mo' -l fr -o '" + d + "/fr.xml' '" + d + "/resource.xml'");
        }
        itstool_merge_ms = ms_since(start) / count;
    }

    print({"extraction (segments)", extract_ms, "itstool -i", itstool_ms});
    print({"extraction (segments)", extract_ms, "xgettext --its", xgettext_ms});
    print({"extraction + POT written", extract_pot_ms, "itstool -i", itstool_ms});
    print({"catalog update (in memory)", update_ms, "msgmerge --previous", msgmerge_ms});
    print({"catalog update (read+extract+write)", update_io_ms, "msgmerge --previous", msgmerge_ms});
    print({"PO read+write alone (the floor)", libgettextpo_ms, "msgmerge --previous", msgmerge_ms});
    print({"merge-back", merge_ms, "msgfmt + itstool -m", itstool_merge_ms});
    std::printf("\n  %zu fuzzy messages after the update; %zu bytes of POT written\n", fuzzy, pot_bytes);
    std::printf("  targets: extraction >= 100x itstool and >= 10x xgettext; catalog update >= 20x msgmerge\n");
    if (msgmerge_ms > 0)
        std::printf("  reading and writing a catalog with libgettextpo leaves at most %.1fx for a catalog update with PO I/O\n",
                    msgmerge_ms / libgettextpo_ms);
    return 0;
}
