// The publisher's site commands: publish, rollback, releases.

#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cms/cli/commands.h"
#include "cms/cli/output.h"
#include "cms/workflow/publish.h"

namespace tandem::cli {

namespace {

using nlohmann::json;

struct Options {
    std::string out, site_url, author = "Tandem <tandem@localhost>", reuse = "link";
    bool full = false;
    int number = 0;
};

Result<std::string> checked_site_url(std::string url) {
    if (url.empty()) return url;
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        return fail(ErrorCode::invalid, "--site-url must be an absolute http:// or https:// URL, not \"" + url + "\"");
    if (url.find_first_of(" \"<>\\\n\t") != std::string::npos)
        return fail(ErrorCode::invalid, "--site-url has a character a URL cannot hold: \"" + url + "\"");
    if (url.back() != '/') url += '/';
    return url;
}

std::filesystem::path site_out(const Config& config, const Options& o) {
    return o.out.empty() ? workflow::default_site_path(config.data_dir) : std::filesystem::path(o.out);
}

// A bar redrawn in place on a terminal; nothing otherwise (the summary line says it all).
std::function<void(const workflow::PublishProgress&)> progress_bar() {
    if (!::isatty(STDERR_FILENO)) return {};
    auto last_drawn = std::make_shared<int>(-1);
    return [last_drawn](const workflow::PublishProgress& p) {
        const int width = 40;
        const int filled = p.total ? static_cast<int>(p.done * width / p.total) : width;
        const int percent = p.total ? static_cast<int>(p.done * 100 / p.total) : 100;
        if (percent == *last_drawn && p.done != p.total) return;
        *last_drawn = percent;
        std::fprintf(stderr, "\r[%s%s] %3d%% %zu/%zu %s", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     std::string(static_cast<std::size_t>(width - filled), ' ').c_str(), percent, p.done, p.total,
                     p.total == 1 ? "resource" : "resources");
        if (p.done == p.total) std::fprintf(stderr, "\n");
        std::fflush(stderr);
    };
}

Result<workflow::PublishOptions> publish_options(const Config& config, const Options& o) {
    workflow::PublishOptions options;
    options.out = site_out(config, o);
    options.full = o.full;
    if (o.reuse != "link" && o.reuse != "copy")
        return fail(ErrorCode::invalid, "--reuse is link or copy, not \"" + o.reuse + "\"");
    options.reuse = o.reuse == "copy" ? workflow::Reuse::copy : workflow::Reuse::link;
    auto url = checked_site_url(o.site_url);
    if (!url) return tl::unexpected(url.error());
    options.settings.site_url = *url;
    auto author = store::parse_author(o.author);
    if (!author) return tl::unexpected(author.error());
    options.publisher = *author;
    options.progress = progress_bar();
    return options;
}

int run_publish(const Config& config, const workflow::Context& ctx, const Options& o, bool rollback) {
    const auto started = std::chrono::steady_clock::now();
    auto options = publish_options(config, o);
    if (options && o.site_url.empty() && !rollback) {
        // The address of the newest publication, as the web app's publish takes it.
        auto url = workflow::current_site_url(ctx);
        if (!url) return report(url.error(), config.json);
        if (*url == site::SiteSettings{}.site_url && !config.json)
            std::cerr << "tandem: no --site-url: canonical links, the sitemap and the feeds name " << *url
                      << "; pass the public address for a site others will read\n";
    }
    if (!options) return report(options.error(), config.json);
    auto theme = workflow::load_site_theme(config.share_dir / "web" / "templates", TANDEM_LOCALE_DIR);
    if (!theme) return report(theme.error(), config.json);
    auto done = rollback ? workflow::rollback_release(ctx, *theme, o.number, *options)
                         : workflow::publish_release(ctx, *theme, *options);
    if (!done) return report(done.error(), config.json);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (config.json) {
        std::cout << json{{"number", done->number},         {"revision", done->revision},
                          {"resources", done->resources},   {"pages", done->pages},
                          {"changed", done->rendered},      {"files", done->files},
                          {"tombstones", done->tombstones}, {"generation", done->generation.string()},
                          {"rollback", rollback},           {"seconds", seconds}}
                         .dump(2)
                  << "\n";
        return 0;
    }
    char timing[64];
    std::snprintf(timing, sizeof timing, " as published/%d in %.1f s\n", done->number, seconds);
    std::cout << (rollback ? "Republished " : "Published ") << format_count(done->pages, "page", "pages") << " of "
              << format_count(done->resources, "resource", "resources") << " (" << done->rendered << " re-rendered)" << timing;
    return 0;
}

int run_releases(const Config& config, const workflow::Context& ctx, const Options& o) {
    auto releases = workflow::list_releases(ctx, site_out(config, o));
    if (!releases) return report(releases.error(), config.json);
    if (config.json) {
        json out = json::array();
        for (const auto& r : *releases)
            out.push_back({{"number", r.number}, {"revision", r.revision}, {"when", r.time}, {"publisher", r.publisher}, {"live", r.live}});
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    if (releases->empty()) {
        std::cout << "Nothing published yet (tandem publish).\n";
        return 0;
    }
    Table table({"NUMBER", "REVISION", "PUBLISHED", "BY", "LIVE"});
    for (const auto& r : *releases)
        table.add({std::to_string(r.number), r.revision.substr(0, 12), format_time(r.time), r.publisher, r.live ? "live" : ""});
    table.print(std::cout);
    return 0;
}

}  // namespace

void add_publish_commands(CLI::App& app, Config& config, std::vector<Command>& commands) {
    auto o = std::make_shared<Options>();
    auto json_flag = [&](CLI::App* cmd) { cmd->add_flag("--json", config.json, "Print JSON (see README)"); };
    auto out_option = [&](CLI::App* cmd) {
        cmd->add_option("--out", o->out, "The live site path, a symlink Tandem manages (default <data>/site)");
    };

    auto* publish = app.add_subcommand(
        "publish", "Render the tip of release into a new site generation, swap it in atomically, tag it published/N");
    out_option(publish);
    publish->add_flag("--full", o->full, "Render every page, even those the live site already has");
    publish->add_option("--site-url", o->site_url, "The site's absolute URL (default http://localhost/)");
    publish->add_option("--author", o->author, "The publisher, \"Name <email>\" (author of the tag)");
    publish->add_option("--reuse", o->reuse, "How unchanged pages reach the new generation: link (default) or copy");
    json_flag(publish);
    commands.push_back({publish, true, [o](const Config& c, const workflow::Context* ctx) { return run_publish(c, *ctx, *o, false); }});

    auto* rollback = app.add_subcommand("rollback", "Republish an earlier publication (published/N) as a new generation");
    rollback->add_option("N", o->number, "The publication number (see tandem releases)")->required();
    out_option(rollback);
    rollback->add_option("--site-url", o->site_url, "The site's absolute URL (default: the one publication N used)");
    json_flag(rollback);
    commands.push_back({rollback, true, [o](const Config& c, const workflow::Context* ctx) { return run_publish(c, *ctx, *o, true); }});

    auto* releases = app.add_subcommand("releases", "List the publications (published/N tags), newest first");
    out_option(releases);
    json_flag(releases);
    commands.push_back({releases, true, [o](const Config& c, const workflow::Context* ctx) { return run_releases(c, *ctx, *o); }});
}

}  // namespace tandem::cli
