// tandem-gen-corpus: writes a deterministic corpus of resource documents,
// DIR/resources/<id>/resource.xml, as a content repository's tree holds them.
//
// Exit status: 0 done, 1 usage (unknown option, missing or malformed value),
// 2 invalid (a value out of range, an output folder that already holds
// resources), 6 the file system failed.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <CLI/CLI.hpp>

#include "bench/corpus/corpus.h"
#include "cms/core/result.h"

namespace {

namespace fs = std::filesystem;
using tandem::ErrorCode;
using tandem::fail;
using tandem::Status;

struct Config {
    std::size_t count = 0;
    tandem::bench::CorpusOptions options;
    fs::path out;
    bool quiet = false;
};

Status check(const Config& config) {
    if (config.count == 0) return fail(ErrorCode::invalid, "--count must be at least 1");
    const auto share = [](double v) { return v >= 0.0 && v <= 1.0; };
    if (!share(config.options.fr_share)) return fail(ErrorCode::invalid, "--fr-share must be between 0 and 1");
    if (!share(config.options.repeat_share) || !share(config.options.near_repeat_share) ||
        config.options.repeat_share + config.options.near_repeat_share > 1.0)
        return fail(ErrorCode::invalid,
                    "--repeat-share and --near-repeat-share must be between 0 and 1, "
                    "and add up to at most 1");
    std::error_code ec;
    const fs::path resources = config.out / "resources";
    if (fs::exists(config.out, ec) && !fs::is_directory(config.out, ec))
        return fail(ErrorCode::invalid, config.out.string() + " exists and is not a folder");
    // Refuse to mix two corpora: stale documents from a larger run would stay.
    if (fs::is_directory(resources, ec) && !fs::is_empty(resources, ec))
        return fail(ErrorCode::invalid,
                    resources.string() + " already holds resources; remove it or choose another --out");
    return {};
}

Status write_document(const fs::path& dir, const std::string& bytes) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return fail(ErrorCode::io, "cannot create " + dir.string() + ": " + ec.message());
    const fs::path path = dir / "resource.xml";
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return fail(ErrorCode::io, "cannot write " + path.string());
    return {};
}

Status run(const Config& config) {
    if (auto ok = check(config); !ok) return ok;
    const auto start = std::chrono::steady_clock::now();
    const fs::path resources = config.out / "resources";
    const std::size_t report_every = config.count >= 2000 ? config.count / 10 : 0;
    std::uint64_t bytes = 0;
    for (std::size_t i = 0; i < config.count; ++i) {
        const std::string xml = tandem::bench::generate_resource(config.options, i);
        bytes += xml.size();
        if (auto ok = write_document(resources / tandem::bench::resource_id(i), xml); !ok) return ok;
        if (!config.quiet && report_every > 0 && (i + 1) % report_every == 0 && i + 1 < config.count)
            std::fprintf(stderr, "tandem-gen-corpus: %zu/%zu resources\n", i + 1, config.count);
    }
    if (!config.quiet) {
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        std::fprintf(stderr, "tandem-gen-corpus: wrote %zu resources (%.1f MB) to %s in %.2f s\n", config.count,
                     static_cast<double>(bytes) / 1e6, resources.string().c_str(), took.count());
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    Config config;
    CLI::App app{
        "Writes a deterministic corpus of Tandem resource documents for the benchmarks:\n"
        "DIR/resources/<id>/resource.xml, ids res-000000, res-000001, ...\n"
        "The same --seed and options give the same bytes on every machine.",
        "tandem-gen-corpus"};
    app.add_option("--count", config.count, "Number of resources to write")->required();
    app.add_option("--seed", config.options.seed, "Seed of the corpus")->required();
    app.add_option("--out", config.out, "Output folder (DIR/resources must not hold resources yet)")->required();
    app.add_option("--fr-share", config.options.fr_share, "Share of resources written in French")
        ->capture_default_str();
    app.add_option("--repeat-share", config.options.repeat_share,
                   "Share of paragraphs repeated verbatim from a pool shared by the corpus")
        ->capture_default_str();
    app.add_option("--near-repeat-share", config.options.near_repeat_share,
                   "Share of paragraphs repeated from the pool with one word changed")
        ->capture_default_str();
    app.add_flag("--quiet,-q", config.quiet, "No progress on standard error");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);  // prints the help or the error
        return rc == 0 ? 0 : 1;
    }
    try {
        if (auto ok = run(config); !ok) {
            std::fprintf(stderr, "tandem-gen-corpus: %s\n", tandem::describe(ok.error()).c_str());
            return tandem::exit_code(ok.error().code);
        }
    } catch (const std::exception& e) {  // bad_alloc, filesystem_error: report, never crash silently
        std::fprintf(stderr, "tandem-gen-corpus: %s\n", e.what());
        return tandem::exit_code(ErrorCode::io);
    }
    return 0;
}
