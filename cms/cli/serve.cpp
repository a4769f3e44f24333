// `tandem serve`: runs the web application's server until SIGTERM or SIGINT,
// then stops accepting, lets requests in flight finish and exits 0.

#include <sys/stat.h>

#include <csignal>
#include <iostream>
#include <memory>

#include "cms/auth/users.h"
#include "cms/cli/commands.h"
#include "cms/cli/output.h"
#include "cms/server/server.h"

namespace tandem::cli {

namespace {

struct ServeOptions {
    std::string listen = "127.0.0.1:8080";
    std::string web;
    std::string locales = TANDEM_LOCALE_DIR;
    std::size_t threads = 64;
};

int run_serve(const Config& config, const workflow::Context& ctx, const ServeOptions& o) {
    server::ServerConfig server_config;
    if (auto ok = server::parse_listen(o.listen, server_config); !ok) return report(ok.error(), config.json);
    server_config.web_dir = o.web.empty() ? config.share_dir / "web" / "app" / "dist" : std::filesystem::path(o.web);
    server_config.locale_dir = o.locales;
    server_config.threads = o.threads;

    // Blocked before any server thread starts, so every thread inherits the
    // mask and the signals reach only the sigwait below.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    // The users file holds password hashes: `tandem user` keeps it 0600, but
    // a copy or a chmod by hand may not.
    struct stat users {};
    const auto users_file = auth::users_path(ctx.data_dir);
    if (::stat(users_file.c_str(), &users) == 0 && (users.st_mode & 0077) != 0)
        std::cerr << "tandem: " << users_file.string() << " can be read by others (mode 0" << std::oct << (users.st_mode & 0777)
                  << std::dec << "); it holds password hashes: chmod 600 it\n";

    auto running = server::Server::start(ctx, server_config);
    if (!running) return report(running.error(), config.json);
    std::cout << "Tandem is serving on http://" << server_config.host << ":" << (*running)->port() << "/" << std::endl;

    int received = 0;
    sigwait(&signals, &received);
    std::cerr << "tandem: " << (received == SIGTERM ? "SIGTERM" : "SIGINT")
              << ": no new connections; finishing the requests in flight\n";
    (*running)->stop();
    (*running)->wait();
    std::cerr << "tandem: stopped\n";
    return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, Config& config, std::vector<Command>& commands) {
    auto o = std::make_shared<ServeOptions>();
    auto* serve = app.add_subcommand("serve", "Serve the web application, its JSON API and a preview of the published site");
    serve->add_option("--listen", o->listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 picks a free one)");
    serve->add_option("--web", o->web, "The built web application (default: web/app/dist under --share)");
    serve->add_option("--locales", o->locales, "Compiled interface catalogs, <lang>/app.mo (default: the build's)");
    serve->add_option("--threads", o->threads, "Connections served at once (default 64)");
    (void)config;
    commands.push_back({serve, true, [o](const Config& c, const workflow::Context* ctx) { return run_serve(c, *ctx, *o); }});
}

}  // namespace tandem::cli
