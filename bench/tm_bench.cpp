// Translation-memory benchmark: a memory of every segment of N generated
// resources (default 10,000, about 400,000 segments) with pseudo-translations,
// then the latency of lookups of edited paragraphs (near matches), unchanged
// ones (exact matches) and new text (another corpus: mostly nothing above the
// threshold), beside a brute-force scan that scores every stored source the
// same way (tm::lookup_exhaustive). Prints figures; asserts nothing.

#include <CLI/CLI.hpp>

#include <malloc.h>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench/corpus/corpus.h"
#include "pipeline/tm/tm.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace tandem;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of the calling thread, in ms: unlike the wall clock, not inflated
// when other processes share the machine.
double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Stats {
    double median, p90, p99, max, mean;
};

Stats stats_of(std::vector<double> v) {
    if (v.empty()) return {0, 0, 0, 0, 0};
    std::sort(v.begin(), v.end());
    auto at = [&](double q) {
        return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
    };
    double sum = 0;
    for (const double x : v) sum += x;
    return {at(0.5), at(0.9), at(0.99), v.back(), sum / static_cast<double>(v.size())};
}

void print_row(const std::string& what, std::size_t count, const Stats& s) {
    std::printf("  %-34s %6zu  median %8.3f  p90 %8.3f  p99 %8.3f  max %8.3f  mean %8.3f ms\n", what.c_str(), count,
                s.median, s.p90, s.p99, s.max, s.mean);
}

// A figure of /proc/self/status in MB: "VmRSS" (resident now), "VmHWM"
// (resident at most); 0 where there is none.
double status_mb(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
    return 0;
}

std::string collapse(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// Segments, simply (the ITS extractor stands in for this in Tandem): the
// inner markup of <p>, <li>, <h> and <title> (or <p> only), which do not nest
// in the corpus, whitespace-collapsed.
std::vector<std::string> segments_of(std::string_view xml, bool paragraphs_only) {
    static constexpr std::string_view k_names[] = {"p", "li", "h", "title"};
    const std::size_t names = paragraphs_only ? 1 : 4;
    std::vector<std::string> out;
    std::size_t at = 0;
    while ((at = xml.find('<', at)) != std::string_view::npos) {
        std::size_t end = at + 1;
        while (end < xml.size() && (std::isalnum(static_cast<unsigned char>(xml[end])) || xml[end] == ':')) ++end;
        const std::string_view name = xml.substr(at + 1, end - at - 1);
        if (std::find(k_names, k_names + names, name) == k_names + names) {
            ++at;
            continue;
        }
        const std::size_t open_end = xml.find('>', end);
        if (open_end == std::string_view::npos) break;
        if (xml[open_end - 1] == '/') {
            at = open_end + 1;
            continue;
        }
        std::string close("</");
        close.append(name).append(">");
        const std::size_t close_at = xml.find(close, open_end);
        if (close_at == std::string_view::npos) break;
        out.push_back(collapse(xml.substr(open_end + 1, close_at - open_end - 1)));
        at = close_at + close.size();
    }
    return out;
}

// A revision id for resource i: 40 hex digits, as a commit id would be.
std::string revision_of(std::size_t i) {
    std::mt19937_64 rng(i);
    char hex[41];
    for (int k = 0; k < 40; k += 16)
        std::snprintf(hex + k, sizeof hex - static_cast<std::size_t>(k), "%016llx",
                      static_cast<unsigned long long>(rng()));
    return std::string(hex, 40);
}

struct Query {
    std::string text;
    Lang lang;
    std::string original;  // near queries: the paragraph it was edited from
};

}  // namespace

int main(int argc, char** argv) {
    std::size_t resources = 10000;
    std::size_t queries = 1000;
    std::size_t brute = 300;
    std::size_t threads = 8;
    CLI::App app{"Translation-memory lookup latency on a memory of generated resources, beside a brute-force scan."};
    app.add_option("--resources", resources, "Resources whose segments make the memory (default 10000)");
    app.add_option("--queries", queries, "Lookups timed per kind: near, exact, new (default 1000)");
    app.add_option("--brute", brute, "Lookups timed with the brute-force scan, in all (default 300)");
    app.add_option("--threads", threads, "Threads for the concurrent throughput run (default 8)");
    CLI11_PARSE(app, argc, argv);

    const bench::CorpusOptions options{.seed = 42, .fr_share = 0.1};

    // The memory's entries: every segment of every resource, translated.
    auto start = Clock::now();
    std::vector<tm::Entry> entries;
    for (std::size_t i = 0; i < resources; ++i) {
        const std::string xml = bench::generate_resource(options, i);
        const Lang lang = bench::source_lang(options, i);
        const std::string id = bench::resource_id(i);
        const std::string revision = revision_of(i);
        for (std::string& segment : segments_of(xml, false)) {
            std::string translation = bench::pseudo_translate(segment);
            entries.push_back({std::move(segment), std::move(translation), lang, {id, revision}});
        }
    }
    std::size_t text_bytes = 0;
    for (const auto& e : entries) text_bytes += e.source.size() + e.translation.size();
    std::printf("corpus: %zu resources, %zu segments (%.1f MB of source and translation text), made in %.1f s\n",
                resources, entries.size(), static_cast<double>(text_bytes) / 1e6, ms_since(start) / 1000);

    const double rss_before = status_mb("VmRSS");
    start = Clock::now();
    const tm::Memory memory = tm::build_memory(std::move(entries));
    const double build_ms = ms_since(start);
    entries = {};
    ::malloc_trim(0);  // give the entries' pages back, so that RSS shows what the memory holds
    const tm::MemoryStats stats = tm::memory_stats(memory);
    std::printf(
        "build: %.2f s; %zu entries, %zu distinct sources, %zu distinct translations, %zu tokens (%zu distinct),\n"
        "       %zu token pairs, %zu postings; memory held %.1f MB, of which %.1f MB of text\n"
        "       (process RSS: %.1f MB with the entries, %.1f MB with the memory alone, peak %.1f MB)\n",
        build_ms / 1000, stats.entries, stats.sources, stats.translations, stats.tokens, stats.vocabulary, stats.keys,
        stats.postings, static_cast<double>(stats.bytes) / 1e6, static_cast<double>(stats.text_bytes) / 1e6, rss_before,
        status_mb("VmRSS"), status_mb("VmHWM"));

    // The queries.
    std::mt19937_64 pick(7);
    std::vector<Query> near, exact, fresh;
    while (near.size() < queries || exact.size() < queries) {
        const std::size_t i = pick() % resources;
        const std::string xml = bench::generate_resource(options, i);
        const auto mutated = bench::mutate_resource(xml, 0.5, pick());
        if (!mutated) continue;
        const auto before = segments_of(xml, true);
        const auto after = segments_of(mutated->xml, true);
        for (std::size_t p = 0; p < std::min(before.size(), after.size()); ++p) {
            if (before[p] != after[p]) {
                if (near.size() < queries) near.push_back({after[p], bench::source_lang(options, i), before[p]});
            } else if (exact.size() < queries) {
                exact.push_back({before[p], bench::source_lang(options, i), {}});
            }
        }
    }
    const bench::CorpusOptions other{.seed = 4242, .fr_share = 0.1};
    for (std::size_t i = 0; fresh.size() < queries; ++i) {
        const std::string xml = bench::generate_resource(other, 1'000'000 + i);
        for (std::string& p : segments_of(xml, true))
            if (fresh.size() < queries) fresh.push_back({std::move(p), bench::source_lang(other, 1'000'000 + i), {}});
    }

    // Lookups, one at a time.
    std::printf("\nlookups (max 5 results, similarity >= 60), one thread:\n");
    struct Kind {
        const char* name;
        const std::vector<Query>* queries;
    } kinds[] = {{"near (one word edited)", &near},
                 {"exact (unchanged paragraph)", &exact},
                 {"new text (another corpus)", &fresh}};
    std::vector<double> all, all_cpu;
    std::size_t recalled = 0, missed_by_both = 0, exact_first = 0, fresh_found = 0, fresh_exact = 0;
    for (const Kind& kind : kinds) {
        std::vector<double> times;
        for (const Query& q : *kind.queries) {
            const auto t = Clock::now();
            const double cpu = thread_cpu_ms();
            const auto matches = tm::lookup(memory, q.text, q.lang);
            all_cpu.push_back(thread_cpu_ms() - cpu);
            times.push_back(ms_since(t));
            if (kind.queries == &near) {
                const auto in_top3 = [&](const std::vector<tm::Match>& found) {
                    return std::any_of(found.begin(), std::min(found.end(), found.begin() + 3),
                                       [&](const tm::Match& m) { return m.source == q.original; });
                };
                if (in_top3(matches))
                    ++recalled;
                else if (!in_top3(tm::lookup_exhaustive(memory, q.text, q.lang)))
                    ++missed_by_both;
            }
            if (kind.queries == &exact) exact_first += !matches.empty() && matches[0].similarity == 100;
            if (kind.queries == &fresh) {
                fresh_found += !matches.empty();
                fresh_exact += !matches.empty() && matches[0].similarity == 100;
            }
        }
        print_row(kind.name, times.size(), stats_of(times));
        all.insert(all.end(), times.begin(), times.end());
    }
    const Stats index_stats = stats_of(all);
    print_row("all", all.size(), index_stats);
    print_row("all, thread CPU time", all_cpu.size(), stats_of(all_cpu));
    std::printf(
        "  near: original in the top 3 for %zu of %zu (of the others, %zu are not in the brute force's top 3 "
        "either: closer sources outrank them);\n"
        "  exact: 100 first for %zu of %zu; new text: %zu of %zu with a match (%zu exact)\n",
        recalled, near.size(), missed_by_both, exact_first, exact.size(), fresh_found, fresh.size(), fresh_exact);

    // Many threads over the same memory.
    {
        std::vector<const Query*> mix;
        for (const Kind& kind : kinds)
            for (const Query& q : *kind.queries) mix.push_back(&q);
        start = Clock::now();
        std::vector<std::thread> pool;
        for (std::size_t t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                for (std::size_t i = t; i < mix.size(); i += threads) tm::lookup(memory, mix[i]->text, mix[i]->lang);
            });
        for (auto& thread : pool) thread.join();
        const double ms = ms_since(start);
        std::printf("  %zu threads: %zu lookups in %.0f ms, %.0f lookups/s (%u hardware threads)\n", threads,
                    mix.size(), ms, static_cast<double>(mix.size()) / ms * 1000, std::thread::hardware_concurrency());
    }

    // The brute-force scan, on a share of the same queries, kinds in proportion.
    std::vector<double> brute_times, index_times, brute_cpu, index_cpu;
    std::size_t agree = 0, compared = 0;
    for (const Kind& kind : kinds) {
        const std::size_t n = std::min(kind.queries->size(), brute / 3);
        for (std::size_t i = 0; i < n; ++i) {
            const Query& q = (*kind.queries)[i * kind.queries->size() / n];
            auto t = Clock::now();
            double cpu = thread_cpu_ms();
            const auto slow = tm::lookup_exhaustive(memory, q.text, q.lang);
            brute_cpu.push_back(thread_cpu_ms() - cpu);
            brute_times.push_back(ms_since(t));
            t = Clock::now();
            cpu = thread_cpu_ms();
            const auto fast = tm::lookup(memory, q.text, q.lang);
            index_cpu.push_back(thread_cpu_ms() - cpu);
            index_times.push_back(ms_since(t));
            bool same = slow.size() == fast.size();
            for (std::size_t k = 0; same && k < slow.size(); ++k)
                same = slow[k].similarity == fast[k].similarity && slow[k].source == fast[k].source &&
                       slow[k].translation == fast[k].translation;
            agree += same;
            ++compared;
        }
    }
    std::printf(
        "\nbrute force (tm::lookup_exhaustive: every source of the language scored, same length filter and "
        "distance):\n");
    const Stats b = stats_of(brute_times);
    const Stats f = stats_of(index_times);
    const Stats bc = stats_of(brute_cpu);
    const Stats fc = stats_of(index_cpu);
    print_row("brute force", brute_times.size(), b);
    print_row("index (same queries)", index_times.size(), f);
    print_row("brute force, thread CPU time", brute_cpu.size(), bc);
    print_row("index, thread CPU time", index_cpu.size(), fc);
    std::printf(
        "  index faster by %.0fx (median), %.0fx (mean); CPU time %.0fx (median), %.0fx (mean); the same results for "
        "%zu of %zu queries\n",
        b.median / f.median, b.mean / f.mean, bc.median / fc.median, bc.mean / fc.mean, agree, compared);
    return 0;
}
