// tandem-bench-writers: the writers of bench/serve/run.sh. N threads, one
// resource each, save through the API again and again (each from the revision
// it last saw, If-Match), for a fixed time. In one small process, so the load
// generator does not take the CPU a shell loop of curl and sed would take from
// the server it measures.

#include <CLI/CLI.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string host = "127.0.0.1";
    int port = 8080;
    std::string cookie;
    std::string csrf;
    std::vector<std::string> ids;
    double seconds = 10;
    int interval_ms = 0;
};

struct Tally {
    int saved = 0;
    int conflicts = 0;
    int failed = 0;
    std::vector<double> latencies_ms;
};

// The resource's current revision and XML, or false.
bool fetch(httplib::Client& client, const Options& options, const std::string& id, std::string& revision,
           std::string& xml) {
    auto response = client.Get("/api/resources/" + id, {{"Cookie", options.cookie}});
    if (!response || response->status != 200) return false;
    const auto view = nlohmann::json::parse(response->body, nullptr, false);
    if (view.is_discarded()) return false;
    revision = view.value("revision", "");
    xml = view.value("xml", "");
    return !revision.empty() && !xml.empty();
}

// A different document each time: a comment after the title.
std::string edited(const std::string& xml, int n) {
    std::string out = xml;
    const auto at = out.find("</title>");
    if (at != std::string::npos) out.insert(at + 8, "<!-- bench " + std::to_string(n) + " -->");
    return out;
}

void write_loop(const Options& options, const std::string& id, Clock::time_point until, Tally& tally) {
    httplib::Client client(options.host, options.port);
    client.set_keep_alive(true);
    // A save can wait seconds for a busy disk to sync; that is a slow save,
    // not a failed one.
    client.set_read_timeout(120, 0);
    std::string revision, xml;
    if (!fetch(client, options, id, revision, xml)) {
        ++tally.failed;
        return;
    }
    for (int n = 0; Clock::now() < until; ++n) {
        const auto started = Clock::now();
        const httplib::Headers headers{{"Cookie", options.cookie},
                                       {"X-CSRF-Token", options.csrf},
                                       {"If-Match", "\"" + revision + "\""}};
        auto response = client.Put("/api/resources/" + id, headers, edited(xml, n), "application/xml");
        tally.latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
        if (response && response->status == 200) {
            ++tally.saved;
            const auto body = nlohmann::json::parse(response->body, nullptr, false);
            if (!body.is_discarded()) revision = body.value("revision", revision);
        } else if (response && response->status == 409) {
            ++tally.conflicts;
            if (!fetch(client, options, id, revision, xml)) ++tally.failed;
        } else {
            ++tally.failed;
        }
        if (options.interval_ms > 0) std::this_thread::sleep_until(started + std::chrono::milliseconds(options.interval_ms));
    }
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    return values[at];
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App app{"Writers for bench/serve/run.sh: one thread per resource saving it through the API for a fixed time."};
    app.add_option("--host", options.host, "Server host (default 127.0.0.1)");
    app.add_option("--port", options.port, "Server port")->required();
    app.add_option("--cookie", options.cookie, "The session cookie, name=value")->required();
    app.add_option("--csrf", options.csrf, "The session's CSRF token")->required();
    app.add_option("--ids", options.ids, "Resources to save, one writer each")->required()->delimiter(',');
    app.add_option("--seconds", options.seconds, "How long to write (default 10)");
    app.add_option("--interval-ms", options.interval_ms,
                   "Time from one save's start to the next (default 0: back to back)");
    CLI11_PARSE(app, argc, argv);

    const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.seconds));
    std::vector<Tally> tallies(options.ids.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < options.ids.size(); ++i)
        threads.emplace_back(write_loop, std::cref(options), std::cref(options.ids[i]), until, std::ref(tallies[i]));
    for (auto& t : threads) t.join();

    Tally total;
    for (const auto& t : tallies) {
        total.saved += t.saved;
        total.conflicts += t.conflicts;
        total.failed += t.failed;
        total.latencies_ms.insert(total.latencies_ms.end(), t.latencies_ms.begin(), t.latencies_ms.end());
    }
    // One line for the script: saves, conflicts, failures, save p50 and p99 in ms.
    std::printf("%d %d %d %.1f %.1f\n", total.saved, total.conflicts, total.failed, percentile(total.latencies_ms, 0.5),
                percentile(total.latencies_ms, 0.99));
    return total.failed > 0 ? 1 : 0;
}
