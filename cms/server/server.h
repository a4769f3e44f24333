#pragma once
// `tandem serve`: the JSON API of web/API.md, the web application's files and
// the published site for preview, over HTTP (cpp-httplib stays inside
// cms/server). Every response carries the security headers; every write is
// checked for a session, a CSRF token and a role before a workflow function
// runs; no exception leaves a handler.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "cms/core/result.h"
#include "cms/workflow/workflow.h"

namespace tandem::server {

struct ServerConfig {
    std::string host = "127.0.0.1";
    int port = 8080;                    // 0: any free port (see Server::port)
    std::filesystem::path web_dir;      // the built web application (web/app/dist)
    std::filesystem::path locale_dir;   // compiled interface catalogs: <lang>/app.mo
    std::size_t threads = 64;           // connections served at once (keep-alive holds one each)
    std::size_t max_body = 8 << 20;     // bytes; a larger request gets 413
    // One JSON line per request: time, method, path, status, bytes, ms, user.
    // Default: standard error.
    std::function<void(std::string_view line)> access_log;
};

// "127.0.0.1:8080" or ":8080" or "8080" → host and port. Errors: invalid.
Status parse_listen(std::string_view text, ServerConfig& config);

class Server {
public:
    // Binds and starts serving on a thread of its own; returns once clients
    // can connect. Errors: io (the address cannot be bound).
    static Result<std::unique_ptr<Server>> start(workflow::Context ctx, ServerConfig config);
    ~Server();  // stops and waits
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    int port() const;
    // Stops accepting; requests in flight finish. Safe from any thread.
    void stop();
    // Returns when the server has stopped and every request has finished.
    void wait();

    struct State;

private:
    explicit Server(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

}  // namespace tandem::server
