// Store benchmark: save latency and history latency on a generated repository
// of N resources and M commits (default 10,000 and 100,000), side by side with
// plain git doing the same (a save through git's plumbing, `git log -- path`
// with and without a commit-graph). Prints figures; asserts nothing.
//
// The repository is generated once with `git fast-import` (Tandem-shaped
// commits with the Tandem-Resource trailer) and reused on later runs.

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>

#include "bench/corpus/corpus.h"
#include "cms/core/text.h"
#include "cms/store/store.h"
#include "cms/workflow/workflow.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace tandem;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Stats {
    double median, p90, p99, max;
};

Stats stats_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))]; };
    return {at(0.5), at(0.9), at(0.99), v.back()};
}

void print_row(const std::string& what, const Stats& s) {
    std::printf("  %-44s median %9.3f ms  p90 %9.3f ms  p99 %9.3f ms  max %9.3f ms\n", what.c_str(), s.median, s.p90,
                s.p99, s.max);
}

int shell(const std::string& command) {
    const int rc = std::system(command.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::uintmax_t bytes_under(const std::filesystem::path& dir) {
    std::uintmax_t total = 0;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec)) total += it->file_size(ec);
    return total;
}

// Writes the whole history as one fast-import stream: the first commit adds
// every resource, each later one edits one resource as a Tandem save would.
bool generate(const std::filesystem::path& repo, std::size_t resources, std::size_t commits,
              const bench::CorpusOptions& corpus) {
    if (shell("git init -q --bare -b main '" + repo.string() + "'") != 0) return false;
    FILE* pipe = ::popen(("git --git-dir='" + repo.string() + "' fast-import --quiet --done").c_str(), "w");
    if (!pipe) return false;
    auto data = [&](const std::string& bytes) { std::fprintf(pipe, "data %zu\n", bytes.size()), std::fwrite(bytes.data(), 1, bytes.size(), pipe), std::fputc('\n', pipe); };
    const char* authors[] = {"Amina Editor <amina@example.org>", "Luc Traducteur <luc@example.org>",
                             "Sarah Publisher <sarah@example.org>", "Omar Editor <omar@example.org>",
                             "Claire Traductrice <claire@example.org>"};
    std::int64_t when = 1600000000;
    std::vector<std::string> current(resources);
    std::fprintf(pipe, "commit refs/heads/main\ncommitter %s %lld +0000\n", authors[0], static_cast<long long>(when));
    data("Import the seed content\n");
    for (std::size_t i = 0; i < resources; ++i) {
        current[i] = bench::generate_resource(corpus, i);
        std::fprintf(pipe, "M 100644 inline resources/%s/resource.xml\n", bench::resource_id(i).c_str());
        data(current[i]);
    }
    std::mt19937_64 pick(7);
    for (std::size_t c = 1; c < commits; ++c) {
        const std::size_t i = pick() % resources;
        const std::string id = bench::resource_id(i);
        auto mutated = bench::mutate_resource(current[i], 0.1, c);
        if (mutated && mutated->xml != current[i]) current[i] = std::move(mutated->xml);
        else current[i] += "<!-- " + std::to_string(c) + " -->\n";
        when += 60;
        std::fprintf(pipe, "commit refs/heads/main\ncommitter %s %lld +0000\n", authors[c % 5], static_cast<long long>(when));
        data("Edit " + id + "\n\nTandem-Resource: " + id + "\n");
        std::fprintf(pipe, "M 100644 inline resources/%s/resource.xml\n", id.c_str());
        data(current[i]);
        if (c % 10000 == 0) std::fprintf(stderr, "\r  generating: %zu/%zu commits", c, commits);
    }
    std::fprintf(pipe, "reset refs/heads/release\ncommit refs/heads/release\ncommitter %s %lld +0000\n", authors[2], static_cast<long long>(when));
    data("Start the release branch: nothing is approved yet\n");
    std::fprintf(pipe, "deleteall\n\ndone\n");
    std::fprintf(stderr, "\n");
    return ::pclose(pipe) == 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Save and history latency of the content store on a generated repository, beside plain git."};
    std::size_t resources = 10000, commits = 100000, saves = 200, histories = 200;
    std::string dir = "bench/out/store";
    std::string share = TANDEM_SHARE_DIR;
    app.add_option("--resources", resources, "Resources in the repository (default 10000)");
    app.add_option("--commits", commits, "Commits on main (default 100000)");
    app.add_option("--saves", saves, "Saves to time (default 200)");
    app.add_option("--histories", histories, "History reads to time (default 200)");
    app.add_option("--dir", dir, "Where the generated repository is kept and reused (default bench/out/store)");
    app.add_option("--share", share, "Tandem's share folder (schema)");
    CLI11_PARSE(app, argc, argv);
    if (resources == 0 || commits == 0 || saves == 0 || histories == 0) {
        std::cerr << "counts must be positive\n";
        return 1;
    }

    const std::filesystem::path data = std::filesystem::path(dir) / (std::to_string(resources) + "x" + std::to_string(commits));
    const auto repo = workflow::content_repo_path(data);
    const bench::CorpusOptions corpus{.seed = 42};
    if (!std::filesystem::exists(repo / "bench-complete")) {
        std::filesystem::remove_all(data);
        std::filesystem::create_directories(data);
        std::fprintf(stderr, "Generating %zu resources, %zu commits with git fast-import...\n", resources, commits);
        const auto start = Clock::now();
        if (!generate(repo, resources, commits, corpus)) {
            std::cerr << "generation failed\n";
            return 6;
        }
        std::ofstream(repo / "bench-complete") << "ok\n";
        std::fprintf(stderr, "  generated in %.1f s\n", ms_since(start) / 1000);
    }
    auto ctx = workflow::open_context(data, share);
    if (!ctx) {
        std::cerr << describe(ctx.error()) << "\n";
        return 6;
    }
    std::printf("Store benchmark: %zu resources, %zu commits (%s)\n", resources, commits, repo.c_str());
    std::printf("  repository size on disk: %.1f MB\n", bytes_under(repo / "objects") / 1e6);

    // History: the index is built once from git (timed apart), then each
    // lookup is a small file read plus the commits it names.
    std::filesystem::remove_all(repo / "tandem");
    auto start = Clock::now();
    auto first = store::resource_history(ctx->store, bench::resource_id(0));
    const double rebuild_ms = ms_since(start);
    if (!first) {
        std::cerr << describe(first.error()) << "\n";
        return 6;
    }
    std::printf("  history index built from git in %.1f ms\n", rebuild_ms);
    std::mt19937_64 pick(11);
    std::vector<double> history_ms;
    std::size_t entries = 0;
    for (std::size_t n = 0; n < histories; ++n) {
        const auto id = bench::resource_id(pick() % resources);
        start = Clock::now();
        auto h = store::resource_history(ctx->store, id);
        history_ms.push_back(ms_since(start));
        if (h) entries += h->size();
    }

    // Saves through the workflow (validation included), each naming the
    // revision it read, as the editor would.
    const auto bytes_before = bytes_under(repo / "objects");
    std::vector<double> save_ms;
    const store::Author author{"Bench Editor", "bench@example.org", std::nullopt};
    for (std::size_t n = 0; n < saves; ++n) {
        const auto index = pick() % resources;
        const auto id = bench::resource_id(index);
        auto view = workflow::show_resource(*ctx, id);
        if (!view) return std::cerr << describe(view.error()) << "\n", 6;
        auto mutated = bench::mutate_resource(view->xml, 0.1, 1000 + n);
        const std::string xml = mutated && mutated->xml != view->xml ? mutated->xml : view->xml + "<!-- " + std::to_string(n) + " -->\n";
        start = Clock::now();
        auto saved = workflow::save_source(*ctx, {id, xml, view->revision, author, "Bench save"});
        save_ms.push_back(ms_since(start));
        if (!saved) return std::cerr << describe(saved.error()) << "\n", 6;
    }
    const double bytes_per_save = static_cast<double>(bytes_under(repo / "objects") - bytes_before) / saves;
    start = Clock::now();
    auto packed = store::pack_loose_objects(ctx->store);
    const double pack_ms = ms_since(start);
    const auto bytes_after_pack = bytes_under(repo / "objects");

    // The peers: plain git doing the same work.
    const std::string git = "git --git-dir='" + repo.string() + "' ";
    const std::string index_file = (data / "bench.index").string();
    std::vector<double> git_save_ms;
    for (int n = 0; n < 5; ++n) {
        const auto id = bench::resource_id(pick() % resources);
        start = Clock::now();
        shell("export GIT_INDEX_FILE='" + index_file + "' GIT_AUTHOR_NAME=B GIT_AUTHOR_EMAIL=b@x GIT_COMMITTER_NAME=B GIT_COMMITTER_EMAIL=b@x; " +
              git + "read-tree main && b=$(" + git + "show main:resources/" + id + "/resource.xml | sed 's/<\\/body>/<\\/body>/' | " + git +
              "hash-object -w --stdin) && " + git + "update-index --cacheinfo 100644,$b,resources/" + id +
              "/resource.xml && t=$(" + git + "write-tree) && c=$(" + git + "commit-tree $t -p main -m 'git save') && " + git +
              "update-ref refs/heads/main $c");
        git_save_ms.push_back(ms_since(start));
    }
    shell(git + "commit-graph write --reachable --changed-paths 2>/dev/null");
    std::vector<double> git_log_ms;
    for (int n = 0; n < 5; ++n) {
        const auto id = bench::resource_id(pick() % resources);
        start = Clock::now();
        shell(git + "log --format=%H main -- resources/" + id + " >/dev/null");
        git_log_ms.push_back(ms_since(start));
    }
    std::filesystem::remove(repo / "objects/info/commit-graph");
    std::filesystem::remove_all(repo / "objects/info/commit-graphs");
    const auto id = bench::resource_id(pick() % resources);
    start = Clock::now();
    shell("timeout 120 " + git + "log --format=%H main -- resources/" + id + " >/dev/null");
    const double git_log_plain_ms = ms_since(start);
    // Leave the repository as generated plus Tandem's saves: the next run reuses it.
    std::filesystem::remove(index_file);

    const auto save = stats_of(save_ms), history = stats_of(history_ms);
    const auto git_save = stats_of(git_save_ms), git_log = stats_of(git_log_ms);
    std::printf("\n");
    print_row("tandem save (validate + commit + fsync)", save);
    print_row("git plumbing save (read-tree … update-ref)", git_save);
    print_row("tandem history (index)", history);
    print_row("git log -- path (commit-graph, Bloom)", git_log);
    std::printf("  %-44s %9.1f ms%s\n", "git log -- path (no commit-graph)", git_log_plain_ms,
                git_log_plain_ms > 119000 ? " (stopped at 120 s)" : "");
    std::printf("\n  bytes written per save (loose): %.0f; after packing %zu objects in %.0f ms the objects take %.1f MB\n",
                bytes_per_save, packed ? *packed : 0, pack_ms, bytes_after_pack / 1e6);
    std::printf("  average history length: %.1f revisions\n", static_cast<double>(entries) / histories);
    std::printf("\n  ratio save: git plumbing / tandem = %.1fx (median)\n", git_save.median / save.median);
    std::printf("  ratio history: git log with Bloom / tandem = %.1fx; without commit-graph / tandem = %.0fx (median)\n",
                git_log.median / history.median, git_log_plain_ms / history.median);
    return 0;
}
