// The translation subcommands: extract, status, po export/import, translate,
// and `its extract`/`its merge` for any XML vocabulary.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <regex>
#include <set>

#include "cms/cli/commands.h"
#include "cms/cli/output.h"
#include "cms/core/text.h"
#include "cms/workflow/catalogs.h"
#include "cms/workflow/memory.h"
#include "cms/workflow/provenance.h"
#include "pipeline/its/its.h"
#include "pipeline/po/catalog.h"

namespace tandem::cli {

namespace {

using nlohmann::json;

// Options shared by the commands below; one instance lives as long as the app.
struct Options {
    std::string id, lang = "fr", rev = "main", file, author, message, base, po, out;
    std::vector<std::string> rules, documents;
    bool no_builtins = false;
    bool apply = false;
};

Result<Lang> lang_option(const std::string& code) {
    if (auto lang = parse_lang(code)) return *lang;
    return fail(ErrorCode::invalid, "--lang is en or fr, not \"" + code + "\"");
}

// What names a message in a catalog (gettext keeps the pair unique).
using SegmentKey = std::pair<std::optional<std::string>, std::string>;

// The number a person reads for each segment: its position, from 1, among the
// catalog's live (not obsolete) messages in file order. The web editor says
// "Segment N of M" with the same N (its API index is N - 1), and a segment
// saved there commits as "Translate segment N", so one segment has one number
// everywhere. Errors: as load_catalog.
Result<std::map<SegmentKey, int>> segment_numbers(const workflow::Context& ctx, std::string_view id,
                                                  std::string_view rev) {
    auto loaded = workflow::load_catalog(ctx, id, rev);
    if (!loaded) return tl::unexpected(loaded.error());
    std::map<SegmentKey, int> numbers;
    int number = 0;
    for (const auto& m : loaded->catalog.messages)
        if (!m.obsolete) numbers.emplace(SegmentKey{m.msgctxt, m.msgid}, ++number);
    return numbers;
}

// 0 for a message the numbering does not know (main moved in between).
int number_of(const std::map<SegmentKey, int>& numbers, const std::optional<std::string>& msgctxt,
              const std::string& msgid) {
    const auto it = numbers.find({msgctxt, msgid});
    return it == numbers.end() ? 0 : it->second;
}

std::string segment_label(int number) {
    return number > 0 ? "segment " + std::to_string(number) : std::string("segment ?");
}

int run_status(const Config& config, const workflow::Context& ctx, const Options& o) {
    auto rows = workflow::catalog_status(ctx, o.id.empty() ? std::nullopt : std::optional<std::string>(o.id), o.rev);
    if (!rows) return report(rows.error(), config.json);
    if (config.json) {
        json out = json::array();
        for (const auto& r : *rows)
            out.push_back({{"id", r.id},
                           {"lang", lang_code(r.target)},
                           {"segments", r.stats.segments()},
                           {"translated", r.stats.translated},
                           {"fuzzy", r.stats.fuzzy},
                           {"untranslated", r.stats.untranslated},
                           {"failing", r.failing},
                           {"obsolete", r.stats.obsolete},
                           {"words", r.stats.words()},
                           {"translated_words", r.stats.translated_words},
                           {"fuzzy_words", r.stats.fuzzy_words},
                           {"untranslated_words", r.stats.untranslated_words}});
        std::cout << (o.id.empty() ? out : out.at(0)).dump(2) << "\n";
        return 0;
    }
    Table table({"ID", "INTO", "TRANSLATED", "FUZZY", "UNTRANSLATED", "FAILING", "WORDS LEFT"});
    for (const auto& r : *rows)
        table.add({r.id, lang_code(r.target), std::to_string(r.stats.translated) + "/" + std::to_string(r.stats.segments()),
                   std::to_string(r.stats.fuzzy), std::to_string(r.stats.untranslated), std::to_string(r.failing),
                   std::to_string(r.stats.fuzzy_words + r.stats.untranslated_words)});
    table.print(std::cout);
    return 0;
}

// The rules files itstool applies by itself (each only to the documents its
// itst:match selects, or to all when it has none): *.its in itstool/its of
// $XDG_DATA_HOME (~/.local/share) and of each $XDG_DATA_DIRS folder
// (/usr/local/share:/usr/share), the first file of a name winning, as
// itstool looks them up; then the -i files, which come after and so win.
std::vector<std::filesystem::path> its_rule_files(const Options& o) {
    std::vector<std::filesystem::path> files;
    if (!o.no_builtins) {
        std::vector<std::filesystem::path> folders;
        const char* home = std::getenv("XDG_DATA_HOME");
        const char* user_home = std::getenv("HOME");
        if (home && *home) folders.emplace_back(home);
        else if (user_home && *user_home) folders.push_back(std::filesystem::path(user_home) / ".local/share");
        const char* dirs = std::getenv("XDG_DATA_DIRS");
        std::string_view list = dirs && *dirs ? dirs : "/usr/local/share:/usr/share";
        while (!list.empty()) {
            const std::size_t colon = list.find(':');
            if (colon != 0) folders.emplace_back(std::string(list.substr(0, colon)));
            list = colon == std::string_view::npos ? std::string_view() : list.substr(colon + 1);
        }
        std::set<std::string> seen;
        for (const auto& folder : folders) {
            std::error_code ec;
            std::vector<std::filesystem::path> found;
            for (const auto& entry : std::filesystem::directory_iterator(folder / "itstool" / "its", ec))
                if (entry.path().extension() == ".its" && seen.insert(entry.path().filename().string()).second)
                    found.push_back(entry.path());
            // itstool takes them in directory order; by name is the same set, reproducibly.
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        }
    }
    files.insert(files.end(), o.rules.begin(), o.rules.end());
    return files;
}

int run_its_extract(const Config& config, const Options& o) {
    auto rules = its::read_rules(its_rule_files(o));
    if (!rules) return report(rules.error(), config.json);
    // The documents are named as given, as itstool names them in references.
    std::vector<std::string> texts;
    texts.reserve(o.documents.size());
    for (const auto& doc : o.documents) {
        auto xml = read_file(doc);
        if (!xml) return report(xml.error(), config.json);
        texts.push_back(std::move(*xml));
    }
    std::vector<its::TemplateDocument> documents;
    for (std::size_t i = 0; i < texts.size(); ++i) documents.push_back({texts[i], o.documents[i]});
    // itstool's layout (msgids never wrapped, its header), not the stored
    // catalogs' gettext layout: this command is a drop-in for `itstool -i`.
    auto text = its::extract_pot_text(documents, *rules, its::pot_creation_date(std::chrono::system_clock::now()));
    if (!text) return report(text.error(), config.json);
    std::cout << *text;
    return 0;
}

int run_its_merge(const Config& config, const Options& o) {
    auto rules = its::read_rules(its_rule_files(o));
    if (!rules) return report(rules.error(), config.json);
    auto po_text = read_file(o.po);
    if (!po_text) return report(po_text.error(), config.json);
    auto catalog = po::read_catalog(*po_text, o.po);
    if (!catalog) return report(catalog.error(), config.json);
    const std::string lang = po::header_field(*catalog, "Language").value_or("");
    if (lang.empty()) return report(Error{ErrorCode::invalid, "the catalog has no Language header", {o.po, 1, 0}}, config.json);
    // It becomes the documents' xml:lang: a language tag (PO's "fr_CA" too), nothing else.
    static const std::regex k_language_tag("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*");
    if (!std::regex_match(lang, k_language_tag))
        return report(Error{ErrorCode::invalid, "the catalog's Language \"" + lang.substr(0, 40) + "\" is not a language tag", {o.po, 1, 0}},
                      config.json);
    std::map<std::pair<std::optional<std::string>, std::string>, std::string> translations;
    for (const auto& m : catalog->messages)
        if (m.translated()) translations.emplace(std::pair{m.msgctxt, m.msgid}, m.msgstr);
    const its::Lookup lookup = [&](const std::optional<std::string>& msgctxt, std::string_view msgid) -> std::optional<std::string> {
        const auto it = translations.find({msgctxt, std::string(msgid)});
        return it == translations.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    // Merge every document first: nothing is written if a translation is refused.
    std::vector<std::pair<std::filesystem::path, std::string>> outputs;
    int refused = 0;
    for (const auto& doc : o.documents) {
        auto xml = read_file(doc);
        if (!xml) return report(xml.error(), config.json);
        auto merged = its::merge_translations(*xml, *rules, lookup, lang);
        if (!merged) return report(merged.error(), config.json);
        for (const auto& r : merged->rejected) {
            ++refused;
            std::cerr << "tandem: " << o.po << ": translation of \"" << r.msgid.substr(0, 60) << "\" refused ("
                      << its::reason_code(r.reason) << "): " << r.detail << "\n";
        }
        auto out = std::filesystem::path(o.out) / std::filesystem::path(doc).filename();
        std::error_code same_ec;
        if (std::filesystem::equivalent(out, doc, same_ec))
            return report(Error{ErrorCode::invalid, "the translation of " + doc + " would overwrite it: choose another --out folder", {}},
                          config.json);
        outputs.emplace_back(std::move(out), std::move(merged->xml));
    }
    if (refused > 0)
        return report(Error{ErrorCode::invalid,
                            format_count(static_cast<std::size_t>(refused), "translation", "translations") +
                                " refused; nothing written",
                            {}},
                      config.json);
    std::error_code ec;
    std::filesystem::create_directories(o.out, ec);
    for (const auto& [path, xml] : outputs)
        if (auto ok = write_file_atomic(path, xml); !ok) return report(ok.error(), config.json);
    return 0;
}

}  // namespace

void add_translation_commands(CLI::App& app, Config& config, std::vector<Command>& commands) {
    auto o = std::make_shared<Options>();
    auto json_flag = [&](CLI::App* cmd) { cmd->add_flag("--json", config.json, "Print JSON (see README)"); };

    auto* extract = app.add_subcommand("extract", "Print a resource's translation template (POT) on standard output");
    extract->add_option("ID", o->id, "Resource id")->required();
    extract->add_option("--rev", o->rev, "Revision (default main)");
    commands.push_back({extract, true, [o](const Config& c, const workflow::Context* ctx) {
        auto text = workflow::extract_template(*ctx, o->id, o->rev);
        if (!text) return report(text.error(), c.json);
        std::cout << *text;
        return 0;
    }});

    auto* status = app.add_subcommand("status", "Translation status: segments and words translated, fuzzy, untranslated, failing");
    status->add_option("ID", o->id, "One resource (default: all)");
    status->add_option("--rev", o->rev, "Revision (default main)");
    json_flag(status);
    commands.push_back({status, true, [o](const Config& c, const workflow::Context* ctx) { return run_status(c, *ctx, *o); }});

    auto* po = app.add_subcommand("po", "Exchange catalogs with translators' tools (Poedit, Lokalize)");
    po->require_subcommand(1);
    auto* po_export = po->add_subcommand("export", "Print a resource's catalog on standard output");
    po_export->add_option("ID", o->id, "Resource id")->required();
    po_export->add_option("--lang", o->lang, "The language translated into (en or fr)")->required();
    po_export->add_option("--rev", o->rev, "Revision (default main)");
    commands.push_back({po_export, true, [o](const Config& c, const workflow::Context* ctx) {
        auto lang = lang_option(o->lang);
        if (!lang) return report(lang.error(), c.json);
        auto text = workflow::export_catalog(*ctx, o->id, *lang, o->rev);
        if (!text) return report(text.error(), c.json);
        std::cout << *text;
        return 0;
    }});
    auto* po_import = po->add_subcommand("import", "Validate a translated catalog, merge it onto the current source and commit it");
    po_import->add_option("ID", o->id, "Resource id")->required();
    po_import->add_option("FILE", o->file, "The catalog (- for standard input)")->required();
    po_import->add_option("--lang", o->lang, "The language translated into (en or fr)")->required();
    po_import->add_option("--author", o->author, "\"Name <email>\"")->required();
    po_import->add_option("--message,-m", o->message, "What was translated");
    po_import->add_option("--base", o->base, "Fail with a conflict if the catalog changed since this revision");
    json_flag(po_import);
    commands.push_back({po_import, true, [o](const Config& c, const workflow::Context* ctx) {
        auto lang = lang_option(o->lang);
        if (!lang) return report(lang.error(), c.json);
        auto author = store::parse_author(o->author);
        if (!author) return report(author.error(), c.json);
        auto text = read_input(o->file);
        if (!text) return report(text.error(), c.json);
        workflow::ImportRequest request{o->id, *lang, std::move(*text), o->file == "-" ? "<stdin>" : o->file,
                                        o->base.empty() ? std::nullopt : std::optional<store::Revision>(o->base), *author,
                                        o->message};
        return print_commit(workflow::import_catalog(*ctx, request), c.json);
    }});

    auto* translate = app.add_subcommand("translate", "Print a resource's document translated into a language");
    translate->add_option("ID", o->id, "Resource id")->required();
    translate->add_option("--lang", o->lang, "en or fr")->required();
    translate->add_option("--rev", o->rev, "Revision (default main)");
    commands.push_back({translate, true, [o](const Config& c, const workflow::Context* ctx) {
        auto lang = lang_option(o->lang);
        if (!lang) return report(lang.error(), c.json);
        auto translated = workflow::translate_resource(*ctx, o->id, *lang, o->rev);
        if (!translated) return report(translated.error(), c.json);
        for (const auto& r : translated->rejected) std::cerr << "tandem: " << o->id << ": kept the source text: " << r << "\n";
        std::cout << translated->xml;
        return 0;
    }});

    auto* check_cmd = app.add_subcommand("check", "Run the translation checks on every translated segment of a catalog");
    check_cmd->add_option("ID", o->id, "Resource id")->required();
    check_cmd->add_option("--lang", o->lang, "The language translated into (en or fr)")->required();
    check_cmd->add_option("--rev", o->rev, "Revision (default main)");
    json_flag(check_cmd);
    commands.push_back({check_cmd, true, [o](const Config& c, const workflow::Context* ctx) {
        auto lang = lang_option(o->lang);
        if (!lang) return report(lang.error(), c.json);
        auto rows = workflow::check_catalog(*ctx, o->id, *lang, o->rev);
        if (!rows) return report(rows.error(), c.json);
        auto numbers = segment_numbers(*ctx, o->id, o->rev);
        if (!numbers) return report(numbers.error(), c.json);
        bool blocking = false;
        json out = json::array();
        for (const auto& row : *rows) {
            const int number = number_of(*numbers, row.msgctxt, row.msgid);
            for (const auto& issue : row.issues) {
                blocking = blocking || check::blocks_approval(issue);
                if (c.json) {
                    json item{{"line", row.line}, {"segment", number}, {"msgid", row.msgid}, {"code", issue.code},
                              {"severity", check::severity_name(issue.severity)}, {"message", issue.message}};
                    if (issue.offset) item["offset"] = *issue.offset;
                    out.push_back(std::move(item));
                } else {
                    // file:line first, as compilers print it, so editors jump to the message.
                    std::cout << "resources/" << o->id << "/" << o->lang << ".po:" << row.line << ": "
                              << segment_label(number) << ": " << check::severity_name(issue.severity) << ": "
                              << issue.code << ": " << issue.message << "\n";
                }
            }
        }
        if (c.json) std::cout << out.dump(2) << "\n";
        else if (rows->empty()) std::cout << "No issues.\n";
        // Exit 2 when a check that blocks approval fails, so scripts can gate on it.
        return blocking ? 2 : 0;
    }});

    auto* tm_cmd = app.add_subcommand("tm", "Translation-memory suggestions for the untranslated and fuzzy segments of a catalog");
    tm_cmd->add_option("ID", o->id, "Resource id")->required();
    tm_cmd->add_option("--lang", o->lang, "The language translated into (en or fr)")->required();
    tm_cmd->add_flag("--apply", o->apply, "Pre-fill exact matches as fuzzy translations, as one commit");
    tm_cmd->add_option("--author", o->author, "\"Name <email>\" (with --apply)");
    json_flag(tm_cmd);
    commands.push_back({tm_cmd, true, [o](const Config& c, const workflow::Context* ctx) {
        auto lang = lang_option(o->lang);
        if (!lang) return report(lang.error(), c.json);
        auto memory = workflow::build_repository_memory(*ctx);
        if (!memory) return report(memory.error(), c.json);
        if (o->apply) {
            auto author = store::parse_author(o->author.empty() ? "Tandem <tandem@localhost>" : o->author);
            if (!author) return report(author.error(), c.json);
            return print_commit(workflow::apply_memory(*ctx, *memory, o->id, *lang, *author), c.json);
        }
        auto rows = workflow::suggest_translations(*ctx, *memory, o->id, *lang);
        if (!rows) return report(rows.error(), c.json);
        auto numbers = segment_numbers(*ctx, o->id, store::k_main);
        if (!numbers) return report(numbers.error(), c.json);
        if (c.json) {
            json out = json::array();
            for (const auto& s : *rows) {
                json matches = json::array();
                for (const auto& m : s.matches) {
                    json origins = json::array();
                    for (const auto& origin : m.origins) origins.push_back({{"resource", origin.resource}, {"revision", origin.revision}});
                    matches.push_back({{"similarity", m.similarity}, {"source", m.source}, {"translation", m.translation}, {"origins", origins}});
                }
                json row{{"segment", number_of(*numbers, s.msgctxt, s.msgid)}, {"msgid", s.msgid}, {"fuzzy", s.fuzzy},
                         {"matches", matches}};
                if (s.msgctxt) row["msgctxt"] = *s.msgctxt;
                if (s.fuzzy) row["msgstr"] = s.msgstr;
                if (s.previous_msgid) {
                    row["previous_msgid"] = *s.previous_msgid;
                    row["previous_from_history"] = s.previous_from_history;
                    json diff = json::array();
                    for (const auto& piece : s.diff) diff.push_back({{"op", diff_op_name(piece.op)}, {"text", piece.text}});
                    row["diff"] = diff;
                }
                out.push_back(std::move(row));
            }
            std::cout << out.dump(2) << "\n";
            return 0;
        }
        if (rows->empty()) std::cout << "Every segment is translated.\n";
        for (const auto& s : *rows) {
            std::cout << segment_label(number_of(*numbers, s.msgctxt, s.msgid))
                      << (s.fuzzy ? ", fuzzy: " : ", untranslated: ") << s.msgid << "\n";
            if (s.previous_msgid) {
                std::cout << "    was: " << *s.previous_msgid << (s.previous_from_history ? "  (from history)" : "") << "\n    diff: ";
                for (const auto& piece : s.diff)
                    std::cout << (piece.op == DiffOp::removed ? "[-" : piece.op == DiffOp::added ? "{+" : "") << piece.text
                              << (piece.op == DiffOp::removed ? "-]" : piece.op == DiffOp::added ? "+}" : "");
                std::cout << "\n";
            }
            if (s.matches.empty()) std::cout << "    (no match)\n";
            for (const auto& m : s.matches)
                std::cout << "    " << m.similarity << "%  " << m.translation << "   [" << m.origins.size() << "x, "
                          << (m.origins.empty() ? std::string() : m.origins.front().resource) << "]\n";
        }
        return 0;
    }});

    auto* blame = app.add_subcommand("blame", "Who translated each segment, when, against which source revision");
    blame->add_option("ID", o->id, "Resource id")->required();
    blame->add_option("--lang", o->lang, "The language translated into (en or fr)")->required();
    json_flag(blame);
    commands.push_back({blame, true, [o](const Config& c, const workflow::Context* ctx) {
        auto lang = lang_option(o->lang);
        if (!lang) return report(lang.error(), c.json);
        auto rows = workflow::blame_catalog(*ctx, o->id, *lang);
        if (!rows) return report(rows.error(), c.json);
        auto numbers = segment_numbers(*ctx, o->id, store::k_main);
        if (!numbers) return report(numbers.error(), c.json);
        if (c.json) {
            json out = json::array();
            for (const auto& p : *rows) {
                json row{{"segment", number_of(*numbers, p.msgctxt, p.msgid)}, {"msgid", p.msgid}, {"msgstr", p.msgstr},
                         {"revision", p.revision},
                         {"source_revision", p.source_revision}, {"author", p.author_name}, {"email", p.author_email},
                         {"time", format_time(p.time)}, {"from_memory", p.from_memory}};
                if (p.msgctxt) row["msgctxt"] = *p.msgctxt;
                out.push_back(std::move(row));
            }
            std::cout << out.dump(2) << "\n";
            return 0;
        }
        Table table({"SEGMENT", "REVISION", "DATE", "TRANSLATOR", "MEMORY", "SOURCE"});
        for (const auto& p : *rows) {
            const int number = number_of(*numbers, p.msgctxt, p.msgid);
            table.add({number > 0 ? std::to_string(number) : "?", p.revision.substr(0, 12), format_time(p.time),
                       p.author_name, p.from_memory ? "yes" : "",
                       p.msgid.size() > 60 ? p.msgid.substr(0, 57) + "..." : p.msgid});
        }
        table.print(std::cout);
        return 0;
    }});

    auto* its_cmd = app.add_subcommand("its", "ITS 2.0 extraction and merge-back for any XML vocabulary (as itstool)");
    its_cmd->require_subcommand(1);
    auto* its_extract = its_cmd->add_subcommand("extract", "Print the translation template (POT) of documents");
    // One file per -i, as itstool's -i: `-i RULES DOC...` names documents after the rules.
    its_extract->add_option("--rules,-i", o->rules, "An ITS rules file (may be given more than once)")->allow_extra_args(false);
    its_extract->add_flag("--no-builtins,-n", o->no_builtins, "Do not apply the rules itstool ships (itstool/its/*.its in the XDG data folders)");
    its_extract->add_option("DOC", o->documents, "XML documents")->required();
    commands.push_back({its_extract, false, [o](const Config& c, const workflow::Context*) { return run_its_extract(c, *o); }});
    auto* its_merge = its_cmd->add_subcommand("merge", "Write translated documents from a catalog");
    its_merge->add_option("--rules,-i", o->rules, "An ITS rules file (may be given more than once)")->allow_extra_args(false);
    its_merge->add_flag("--no-builtins,-n", o->no_builtins, "Do not apply the rules itstool ships (itstool/its/*.its in the XDG data folders)");
    its_merge->add_option("--po", o->po, "The catalog (its Language header names the language)")->required();
    its_merge->add_option("--out,-o", o->out, "Folder for the translated documents")->required();
    its_merge->add_option("DOC", o->documents, "XML documents")->required();
    commands.push_back({its_merge, false, [o](const Config& c, const workflow::Context*) { return run_its_merge(c, *o); }});
}

}  // namespace tandem::cli
