// tandem-bench-publish: `tandem publish` of N generated resources in both
// languages beside Hugo building the same content as a two-language Markdown
// site, in the same run; then one resource changed, approved and published
// incrementally. Prints times, peak memory (the child's getrusage) and ratios.
//
// The content repository is generated once per N with `git fast-import`
// (each document with a pseudo-translated catalog, approved on release one
// commit per resource, as `tandem approve` writes them) and reused.

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <pugixml.hpp>

#include "bench/corpus/corpus.h"
#include "cms/workflow/approval.h"
#include "cms/workflow/catalogs.h"
#include "pipeline/po/catalog.h"

namespace {

namespace fs = std::filesystem;
using namespace tandem;
using Clock = std::chrono::steady_clock;

const store::Author k_publisher{"Sarah Publisher", "sarah@example.org", std::nullopt};

struct Run {
    int status = -1;
    double seconds = 0;
    double cpu_seconds = 0;  // user + system: what the machine's other load does not inflate
    long peak_kb = 0;
};

// Runs a program (no shell), its output to `log`, and measures its wall time
// and peak resident memory.
Run run(const std::vector<std::string>& argv, const fs::path& log) {
    Run r;
    const auto start = Clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (!std::freopen(log.c_str(), "w", stdout) || !std::freopen(log.c_str(), "a", stderr)) ::_exit(126);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    int status = 0;
    struct rusage usage {};
    ::wait4(pid, &status, 0, &usage);
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.peak_kb = usage.ru_maxrss;
    const auto seconds_of = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    r.cpu_seconds = seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
    return r;
}

std::string pseudo_catalog(const workflow::Context& ctx, const std::string& id, const std::string& xml, Lang source) {
    auto segments = workflow::resource_segments(ctx, id, xml).value();
    auto catalog = workflow::new_catalog(id, other_lang(source), segments, k_publisher);
    for (auto& m : catalog.messages) m.msgstr = bench::pseudo_translate(m.msgid);
    return po::write_catalog(catalog).value();
}

// Markdown of a resource document's body, for Hugo: headings, paragraphs,
// lists, emphasis and links, the way an author would write the same page.
void inline_markdown(const pugi::xml_node& node, std::string& out) {
    for (auto child : node.children()) {
        if (child.type() == pugi::node_pcdata) {
            out += child.value();
            continue;
        }
        const std::string name = child.name();
        std::string inner;
        inline_markdown(child, inner);
        if (name == "em") out += "*" + inner + "*";
        else if (name == "strong") out += "**" + inner + "**";
        else if (name == "a") out += "[" + inner + "](" + std::string(child.attribute("href").value()) + ")";
        else out += inner;
    }
}

void block_markdown(const pugi::xml_node& node, int depth, std::string& out) {
    for (auto child : node.children()) {
        const std::string name = child.name();
        if (name == "section") block_markdown(child, depth + 1, out);
        else if (name == "h") out += std::string(static_cast<std::size_t>(depth + 1), '#') + " ", inline_markdown(child, out), out += "\n\n";
        else if (name == "p") inline_markdown(child, out), out += "\n\n";
        else if (name == "ul" || name == "ol") {
            for (auto li : child.children()) out += "- ", inline_markdown(li, out), out += "\n";
            out += "\n";
        }
    }
}

std::string yaml_quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') out += ' ';
        else out += c;
    }
    return out + "\"";
}

std::string plain_text(const pugi::xml_node& node) {
    std::string text;
    inline_markdown(node, text);
    return text;
}

// The front matter and body of one Hugo page for a document in its language.
std::string hugo_page(const std::string& xml) {
    pugi::xml_document doc;
    doc.load_string(xml.c_str());
    auto resource = doc.child("resource");
    std::string topics;
    for (auto t : resource.child("meta").children("topic")) topics += (topics.empty() ? "" : ", ") + yaml_quote(t.text().get());
    std::string md = "---\ntitle: " + yaml_quote(plain_text(resource.child("title"))) + "\n" +
                     "summary: " + yaml_quote(plain_text(resource.child("summary"))) + "\n" +
                     "resourcetype: " + yaml_quote(resource.attribute("type").value()) + "\n" +
                     "scope: " + yaml_quote(resource.child("meta").child("scope").text().get()) + "\n" +
                     "topics: [" + topics + "]\n" + "translationKey: " + yaml_quote(resource.attribute("id").value()) + "\n---\n\n";
    block_markdown(resource.child("body"), 1, md);
    return md;
}

// Hugo's site: both languages, one content folder each, a small layout of
// our own with what Tandem's pages carry (lang, alternates, summary,
// metadata, body, language switch), topic taxonomy pages and feeds.
void write_hugo_skeleton(const fs::path& site) {
    fs::create_directories(site / "layouts/_default");
    std::ofstream(site / "config.toml") << R"(baseURL = "http://localhost/"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = []
[taxonomies]
  topic = "topics"
[languages]
  [languages.en]
    languageName = "English"
    contentDir = "content/en"
    weight = 1
  [languages.fr]
    languageName = "Français"
    contentDir = "content/fr"
    weight = 2
)";
    std::ofstream(site / "layouts/_default/baseof.html") << R"(<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/static/site.css"><link rel="stylesheet" media="print" href="/static/print.css">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">
{{ end }}{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">
{{ end }}</head>
<body><nav>{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
)";
    std::ofstream(site / "layouts/_default/single.html") << R"({{ define "main" }}<article><h1>{{ .Title }}</h1>
<p class="summary">{{ .Summary }}</p>
<dl><dt>Type</dt><dd>{{ .Params.resourcetype }}</dd><dt>Scope</dt><dd>{{ .Params.scope }}</dd>
<dt>Topics</dt><dd>{{ range .Params.topics }}<span>{{ . }}</span> {{ end }}</dd></dl>
{{ .Content }}
<p><a href="mailto:?subject={{ .Title }}&body={{ .Permalink }}">Email</a></p></article>{{ end }}
)";
    std::ofstream(site / "layouts/_default/list.html") << R"({{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span>{{ .Params.resourcetype }}</span><p>{{ .Summary }}</p></li>
{{ end }}</ul>{{ end }}
)";
}

bool generate(const workflow::Context& ctx, const fs::path& repo, const fs::path& hugo, std::size_t count) {
    const bench::CorpusOptions corpus{.seed = 42, .fr_share = 0.1};
    FILE* pipe = ::popen(("git --git-dir='" + repo.string() + "' fast-import --quiet --done").c_str(), "w");
    if (!pipe) return false;
    auto data = [&](const std::string& bytes) {
        std::fprintf(pipe, "data %zu\n", bytes.size());
        std::fwrite(bytes.data(), 1, bytes.size(), pipe);
        std::fputc('\n', pipe);
    };
    write_hugo_skeleton(hugo);
    std::int64_t when = 1700000000;
    // Blobs first (marks 2i+1: document, 2i+2: catalog), then main, then one approval per resource on release.
    std::vector<Lang> langs(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::string id = bench::resource_id(i);
        const std::string xml = bench::generate_resource(corpus, i);
        langs[i] = bench::source_lang(corpus, i);
        const std::string catalog = pseudo_catalog(ctx, id, xml, langs[i]);
        std::fprintf(pipe, "blob\nmark :%zu\n", 2 * i + 1);
        data(xml);
        std::fprintf(pipe, "blob\nmark :%zu\n", 2 * i + 2);
        data(catalog);
        // The same content for Hugo, in both languages.
        const Lang target = other_lang(langs[i]);
        const auto translated = workflow::translate_document(ctx, xml, po::read_catalog(catalog, "x").value(), target).value().xml;
        for (Lang lang : {Lang::en, Lang::fr}) {
            const fs::path dir = hugo / "content" / lang_code(lang) / (lang == Lang::en ? "resources" : "ressources");
            fs::create_directories(dir);
            std::ofstream(dir / (id + ".md")) << hugo_page(lang == langs[i] ? xml : translated);
        }
        if (i % 1000 == 0) std::fprintf(stderr, "\r  generating: %zu/%zu", i, count);
    }
    std::fprintf(pipe, "commit refs/heads/main\ncommitter Amina Editor <amina@example.org> %lld +0000\n", static_cast<long long>(when));
    data("Import the generated content\n");
    for (std::size_t i = 0; i < count; ++i) {
        const std::string id = bench::resource_id(i);
        std::fprintf(pipe, "M 100644 :%zu resources/%s/resource.xml\n", 2 * i + 1, id.c_str());
        std::fprintf(pipe, "M 100644 :%zu resources/%s/%s.po\n", 2 * i + 2, id.c_str(), lang_code(other_lang(langs[i])));
    }
    std::fprintf(pipe, "reset refs/heads/release\ncommit refs/heads/release\ncommitter Sarah Publisher <sarah@example.org> %lld +0000\n",
                 static_cast<long long>(when));
    data("Start the release branch: nothing is approved yet\n");
    std::fprintf(pipe, "deleteall\n\n");
    for (std::size_t i = 0; i < count; ++i) {
        const std::string id = bench::resource_id(i);
        when += 60;
        std::fprintf(pipe, "commit refs/heads/release\ncommitter Sarah Publisher <sarah@example.org> %lld +0000\n",
                     static_cast<long long>(when));
        data("Approve " + id + "\n\nApproved-by: Sarah Publisher <sarah@example.org>\nTandem-Resource: " + id + "\n");
        std::fprintf(pipe, "M 100644 :%zu resources/%s/resource.xml\n", 2 * i + 1, id.c_str());
        std::fprintf(pipe, "M 100644 :%zu resources/%s/%s.po\n", 2 * i + 2, id.c_str(), lang_code(other_lang(langs[i])));
    }
    std::fprintf(pipe, "done\n");
    std::fprintf(stderr, "\r  generating: %zu/%zu\n", count, count);
    return ::pclose(pipe) == 0;
}

// One resource revised on main, its catalog brought up to date by a
// "translator", approved: what happens between two publishes.
Status change_one(const workflow::Context& ctx, std::size_t index, std::uint64_t seed) {
    const std::string id = bench::resource_id(index);
    auto tip = store::branch_tip(ctx.store, "main");
    if (!tip) return tl::unexpected(tip.error());
    auto xml = store::read_resource_file(ctx.store, id, "resource.xml", "main");
    if (!xml) return tl::unexpected(xml.error());
    auto mutated = bench::mutate_resource(*xml, 0.2, seed);
    if (!mutated) return tl::unexpected(mutated.error());
    auto saved = workflow::save_source(ctx, {id, mutated->xml, **tip, k_publisher, "Revise"});
    if (!saved) return tl::unexpected(saved.error());
    auto loaded = workflow::load_catalog(ctx, id, "main");
    if (!loaded) return tl::unexpected(loaded.error());
    const Lang target = other_lang(loaded->info.source_lang);
    auto exported = workflow::export_catalog(ctx, id, target);
    if (!exported) return tl::unexpected(exported.error());
    auto catalog = po::read_catalog(*exported, "x").value();
    for (auto& m : catalog.messages)
        if (!m.obsolete) m.msgstr = bench::pseudo_translate(m.msgid), m.fuzzy = false;
    auto imported = workflow::import_catalog(ctx, {id, target, po::write_catalog(catalog).value(), "x.po", saved->revision, k_publisher, "T"});
    if (!imported) return tl::unexpected(imported.error());
    auto approved = workflow::approve_resource(ctx, {id, "main", k_publisher, "", false});
    if (!approved) return tl::unexpected(approved.error());
    return {};
}

}  // namespace

// What any publish that swaps in a new folder of N page folders must spend,
// on the same file system: N mkdir and N link calls, nothing rendered. (Each
// resource page is <lang>/<resources|ressources>/<id>/index.html; the
// generation is a new folder beside the live one.)
double page_folders_floor(const fs::path& dir, std::size_t folders) {
    fs::remove_all(dir);
    fs::create_directories(dir / "live");
    fs::create_directories(dir / "next");
    std::ofstream(dir / "live" / "index.html") << "page\n";
    const auto started = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < folders; ++i) {
        const fs::path folder = dir / "next" / std::to_string(i);
        fs::create_directory(folder);
        fs::create_hard_link(dir / "live" / "index.html", folder / "index.html");
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    fs::remove_all(dir);
    return seconds;
}

int main(int argc, char** argv) {
    CLI::App app{"tandem publish beside Hugo on the same generated bilingual content."};
    std::size_t resources = 10000;
    std::string dir = "bench/out/publish", share = TANDEM_SHARE_DIR, tandem = TANDEM_BINARY, hugo_bin = "hugo";
    int incremental_runs = 5;
    bool skip_hugo = false;
    app.add_option("--resources", resources, "Resources (each published in English and French; default 10000)");
    app.add_option("--dir", dir, "Work folder: generated repository (reused), sites (default bench/out/publish)");
    app.add_option("--share", share, "Tandem's share folder (schema, rules, templates)");
    app.add_option("--tandem", tandem, "The tandem binary");
    app.add_option("--hugo", hugo_bin, "The hugo binary");
    app.add_option("--incremental-runs", incremental_runs, "Changes published incrementally, one resource each (default 5)");
    app.add_flag("--skip-hugo", skip_hugo, "Do not run Hugo (Tandem's figures only, when tuning)");
    CLI11_PARSE(app, argc, argv);
    if (resources == 0 || incremental_runs <= 0) return std::cerr << "counts must be positive\n", 1;

    const fs::path root = fs::absolute(fs::path(dir) / std::to_string(resources));
    const fs::path data = root / "data", repo = workflow::content_repo_path(data), hugo = root / "hugo";
    if (!fs::exists(root / "complete")) {
        fs::remove_all(root);
        fs::create_directories(data);
        if (std::system(("git init -q --bare -b main '" + repo.string() + "'").c_str()) != 0) return 6;
        auto ctx = workflow::open_context(data, share);
        if (!ctx) return std::cerr << describe(ctx.error()) << "\n", 6;
        std::fprintf(stderr, "Generating %zu resources with pseudo-translations (git fast-import, Hugo content)...\n", resources);
        if (!generate(*ctx, repo, hugo, resources)) return std::cerr << "generation failed\n", 6;
        std::ofstream(root / "complete") << "ok\n";
    }
    auto ctx = workflow::open_context(data, share);
    if (!ctx) return std::cerr << describe(ctx.error()) << "\n", 6;

    // Each program starts from nothing: no previous site, no cache.
    fs::remove_all(data / "site");
    fs::remove_all(data / "site.gen");
    fs::remove_all(hugo / "public");
    fs::remove_all(hugo / "resources");
    const auto base = std::vector<std::string>{tandem, "--data", data.string(), "--share", share, "publish"};
    auto full_args = base;
    full_args.push_back("--full");
    std::fprintf(stderr, "tandem publish --full...\n");
    const Run full = run(full_args, root / "tandem-full.log");
    if (full.status != 0) return std::cerr << "tandem publish failed, see " << (root / "tandem-full.log") << "\n", 6;
    Run hugo_run;
    if (!skip_hugo) {
        std::fprintf(stderr, "hugo...\n");
        hugo_run = run({hugo_bin, "--quiet", "--source", hugo.string(), "--destination", (hugo / "public").string()},
                       root / "hugo.log");
        if (hugo_run.status != 0) return std::cerr << "hugo failed, see " << (root / "hugo.log") << "\n", 6;
    }

    // Incremental: one resource changed and approved, then publish; a few times,
    // and once with copies instead of hard links for the unchanged pages.
    std::vector<Run> incremental;
    for (int i = 0; i < incremental_runs; ++i) {
        if (auto ok = change_one(*ctx, static_cast<std::size_t>(i * 7919) % resources, 1000 + i); !ok)
            return std::cerr << "change failed: " << describe(ok.error()) << "\n", 6;
        incremental.push_back(run(base, root / "tandem-incremental.log"));
        if (incremental.back().status != 0) return std::cerr << "incremental publish failed\n", 6;
    }
    if (auto ok = change_one(*ctx, 1, 99); !ok) return std::cerr << describe(ok.error()) << "\n", 6;
    auto copy_args = base;
    copy_args.insert(copy_args.end(), {"--reuse", "copy"});
    const Run copied = run(copy_args, root / "tandem-copy.log");

    std::sort(incremental.begin(), incremental.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
    const Run& median = incremental[incremental.size() / 2];
    std::printf("\n%zu resources, %zu pages (both languages)\n\n", resources, 2 * resources);
    std::printf("%-38s %10s %10s %12s\n", "", "time", "CPU", "peak memory");
    std::printf("%-38s %9.2fs %9.2fs %10.1f MB\n", "tandem publish --full", full.seconds, full.cpu_seconds, full.peak_kb / 1024.0);
    if (!skip_hugo) {
        std::printf("%-38s %9.2fs %9.2fs %10.1f MB\n", "hugo (same content, Markdown)", hugo_run.seconds, hugo_run.cpu_seconds,
                    hugo_run.peak_kb / 1024.0);
        std::printf("%-38s %9.1fx %9.1fx %10.1fx\n", "hugo / tandem", hugo_run.seconds / full.seconds,
                    hugo_run.cpu_seconds / full.cpu_seconds, static_cast<double>(hugo_run.peak_kb) / static_cast<double>(full.peak_kb));
    }
    std::printf("%-38s %9.3fs %9.3fs %10.1f MB   (median of %d; min %.3f s, max %.3f s)\n", "tandem publish, 1 resource changed",
                median.seconds, median.cpu_seconds, median.peak_kb / 1024.0, incremental_runs, incremental.front().seconds,
                incremental.back().seconds);
    std::printf("%-38s %9.3fs %9.3fs %10.1f MB\n", "  the same with --reuse copy", copied.seconds, copied.cpu_seconds, copied.peak_kb / 1024.0);
    const double floor = page_folders_floor(root / "floor", 2 * resources);
    std::printf("%-38s %9.3fs                          (%zu folders made and a page linked into each, nothing else)\n",
                "  floor: a generation's page folders", floor, 2 * resources);
    return 0;
}
