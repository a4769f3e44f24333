// The HTTP adapter: one handler answers every request, so routing is a split
// of the path and a table scan (one trivial regular expression per request,
// not one per route); the security headers, the access log and the exception barrier
// are set once here for every response, API, page or error.

#include "cms/server/http.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <thread>
#include <ctime>

#include "cms/core/text.h"
#include "cms/workflow/catalogs.h"

namespace tandem::server {

namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

const char* const k_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

namespace {

// What the access log needs to know about the request the thread is serving;
// set by the dispatcher, read by httplib's logger once the response is out.
thread_local std::optional<Clock::time_point> t_started;
thread_local std::string t_user;

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        parts.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    if (!parts.empty() && parts.back().empty()) parts.pop_back();  // a trailing slash
    return parts;
}

std::string session_cookie(const httplib::Request& request) {
    const std::string cookies = request.get_header_value("Cookie");
    constexpr std::string_view name = "tandem_session=";
    std::size_t at = 0;
    while (at < cookies.size()) {
        while (at < cookies.size() && (cookies[at] == ' ' || cookies[at] == ';')) ++at;
        auto end = cookies.find(';', at);
        if (end == std::string::npos) end = cookies.size();
        if (cookies.compare(at, name.size(), name) == 0) return cookies.substr(at + name.size(), end - at - name.size());
        at = end;
    }
    return {};
}

bool is_write(const std::string& method) { return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH"; }

const std::vector<Route>& route_table() {
    static const std::vector<Route> routes = [] {
        std::vector<Route> all;
        add_session_routes(all);
        add_resource_routes(all);
        add_translation_routes(all);
        add_publishing_routes(all);
        return all;
    }();
    return routes;
}

Reply dispatch_api(Server::State& state, const httplib::Request& request, const std::vector<std::string>& parts) {
    const std::string method = request.method == "HEAD" ? "GET" : request.method;
    const Route* found = nullptr;
    bool path_known = false;
    std::vector<std::string> params;
    for (const auto& route : route_table()) {
        if (route.pattern.size() != parts.size()) continue;
        bool match = true;
        for (std::size_t i = 0; i < parts.size() && match; ++i)
            match = route.pattern[i] == "*" ? !parts[i].empty() : route.pattern[i] == parts[i];
        if (!match) continue;
        path_known = true;
        if (route.method != method) continue;
        found = &route;
        for (std::size_t i = 0; i < parts.size(); ++i)
            if (route.pattern[i] == "*") params.push_back(parts[i]);
        break;
    }
    if (!found)
        return path_known ? error_reply(405, "invalid", request.method + " is not allowed on " + request.path)
                          : error_reply(404, "not_found", "no API endpoint " + request.path);

    Call call{state, request, std::move(params), std::nullopt, {}};
    if (found->access == Access::signed_in) {
        call.session = state.sessions.find(session_cookie(request), Clock::now());
        if (!call.session) return error_reply(401, "unauthorized", "sign in first");
        t_user = call.session->user;
        if (is_write(request.method) &&
            !auth::same_secret(request.get_header_value("X-CSRF-Token"), call.session->csrf))
            return error_reply(403, "csrf", "the X-CSRF-Token header is missing or wrong");
        if (found->permission && !auth::role_may(call.session->role, *found->permission))
            return error_reply(403, "forbidden",
                               std::string("a ") + auth::role_name(call.session->role) + " may not do this");
    }
    auto tip = store::branch_tip(state.ctx.store, store::k_main);
    if (!tip) return error_reply(tip.error());
    call.tip = tip->value_or("");
    return found->handler(call);
}


// A file under `root` named by a request path, or nullopt. The root is
// resolved at each request (the published site is a symlink swapped by each
// publish), and the file must resolve inside it: no "..", no symlink out.
std::optional<std::filesystem::path> file_under(const std::filesystem::path& root, const std::string& relative) {
    std::error_code ec;
    const auto base = std::filesystem::canonical(root, ec);
    if (ec) return std::nullopt;
    std::filesystem::path candidate = base;
    for (const auto& part : split_path("/" + relative)) {
        if (part.empty()) continue;  // "a//b" is "a/b"
        if (part == "." || part == ".." || part.find('\\') != std::string::npos ||
            part.find('\0') != std::string::npos)
            return std::nullopt;
        candidate /= part;
    }
    if (std::filesystem::is_directory(candidate, ec)) candidate /= "index.html";
    const auto resolved = std::filesystem::canonical(candidate, ec);
    if (ec || !std::filesystem::is_regular_file(resolved, ec)) return std::nullopt;
    const auto [end, _] = std::mismatch(base.begin(), base.end(), resolved.begin(), resolved.end());
    if (end != base.end()) return std::nullopt;
    return resolved;
}

Reply file_reply(const std::filesystem::path& file) {
    auto bytes = read_file(file);
    if (!bytes) return error_reply(404, "not_found", "not found");
    return Reply{200, std::move(*bytes), content_type_of(file), {}};
}

Reply serve_site(Server::State& state, const std::string& path) {
    const auto site = state.ctx.data_dir / "site";
    if (!std::filesystem::exists(site)) return error_reply(404, "not_found", "nothing is published yet");
    const auto file = file_under(site, path.substr(std::string("/site/").size()));
    if (!file) return error_reply(404, "not_found", "no page " + path + " in the published site");
    return file_reply(*file);
}

// The web application: its files, and index.html for any other path (the
// app routes in the browser).
Reply serve_app(Server::State& state, const std::string& path) {
    const auto& dir = state.config.web_dir;
    if (!std::filesystem::exists(dir / "index.html"))
        return error_reply(404, "not_found", "the web application is not built (no " + (dir / "index.html").string() + ")");
    if (auto file = file_under(dir, path); file && path != "/") return file_reply(*file);
    return file_reply(dir / "index.html");
}

Reply route_request(Server::State& state, const httplib::Request& request) {
    const std::string& path = request.path;
    if (path == "/api" || path.rfind("/api/", 0) == 0) {
        auto parts = split_path(path);
        parts.erase(parts.begin());  // "api"
        return dispatch_api(state, request, parts);
    }
    if (request.method != "GET" && request.method != "HEAD")
        return error_reply(405, "invalid", request.method + " is not allowed on " + path);
    if (path == "/site") return Reply{301, "", "", {{"Location", "/site/"}}};
    if (path.rfind("/site/", 0) == 0) return serve_site(state, path);
    return serve_app(state, path);
}

std::string iso_time(std::chrono::system_clock::time_point when) {
    const auto seconds = std::chrono::system_clock::to_time_t(when);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[40];
    const auto n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(millis));
    return buf;
}

// One access-log line, as JSON. Written by hand, not as a json object: it is
// made for every request, and an eight-member map costs more than the request.
std::string access_line(const httplib::Request& request, const httplib::Response& response, double ms) {
    const auto text = [](const std::string& value) { return json(value).dump(-1, ' ', false, json::error_handler_t::replace); };
    char number[64];
    std::string line = "{\"bytes\":" + std::to_string(response.body.size()) + ",\"client\":" + text(request.remote_addr);
    line += ",\"method\":" + text(request.method);
    std::snprintf(number, sizeof number, ",\"ms\":%.3f", ms);
    line += number;
    line += ",\"path\":" + text(request.path) + ",\"status\":" + std::to_string(response.status);
    line += ",\"time\":\"" + iso_time(std::chrono::system_clock::now()) + "\",\"user\":";
    line += t_user.empty() ? std::string("null") : text(t_user);
    line += '}';
    return line;
}

void configure(Server::State& state) {
    auto& http = state.http;
    const std::size_t threads = std::max<std::size_t>(state.config.threads, 2);
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    // httplib writes a response's headers and body separately: without
    // TCP_NODELAY, Nagle's algorithm holds the body until the client's
    // delayed ACK (40 ms on Linux).
    http.set_tcp_nodelay(true);
    http.set_keep_alive_max_count(100000);
    http.set_keep_alive_timeout(5);
    http.set_payload_max_length(state.config.max_body);
    http.set_default_headers({{"Content-Security-Policy", k_csp},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "same-origin"},
                              {"X-Frame-Options", "DENY"},
                              {"Cross-Origin-Opener-Policy", "same-origin"}});

    // One handler for every path and method: httplib reads the body before
    // calling it (a pre-routing handler would run before the body is read).
    const httplib::Server::Handler handle = [&state](const httplib::Request& request, httplib::Response& response) {
        t_started = Clock::now();
        t_user.clear();
        Reply reply;
        try {
            reply = route_request(state, request);
        } catch (const std::exception& e) {
            // The text stays in the log: it may name files or internals.
            state.log->write(json{{"time", iso_time(std::chrono::system_clock::now())},
                                         {"error", "exception in handler"}, {"what", e.what()}, {"path", request.path}}
                                        .dump(-1, ' ', false, json::error_handler_t::replace));
            reply = error_reply(500, "internal", "internal error; see the server's log");
        } catch (...) {
            reply = error_reply(500, "internal", "internal error; see the server's log");
        }
        response.status = reply.status;
        // A reply's own header replaces the default of the same name.
        for (auto& [name, value] : reply.headers) {
            response.headers.erase(name);
            response.set_header(name, value);
        }
        if (request.path.rfind("/api/", 0) == 0) response.set_header("Cache-Control", "no-store");
        if (!reply.content_type.empty() || !reply.body.empty())
            response.set_content(std::move(reply.body), reply.content_type.empty() ? "text/plain" : reply.content_type);
    };
    const std::string any = ".*";
    http.Get(any, handle);
    http.Post(any, handle);
    http.Put(any, handle);
    http.Delete(any, handle);
    http.Patch(any, handle);
    http.Options(any, handle);
    // Errors httplib makes itself (bad request line, body too large) get a JSON body too.
    http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const std::string message = response.status == 413 ? "the request body is too large"
                                    : response.status == 404 ? "not found"
                                                             : "the request is not valid HTTP";
        response.set_content(json{{"error", response.status == 404 ? "not_found" : "invalid"}, {"message", message}}.dump(),
                             "application/json");
        return httplib::Server::HandlerResponse::Handled;
    }));
    http.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        response.status = 500;
        response.set_content(R"({"error":"internal","message":"internal error; see the server's log"})", "application/json");
    });
    http.set_logger([&state](const httplib::Request& request, const httplib::Response& response) {
        double ms = 0;
        if (t_started) ms = std::chrono::duration<double, std::milli>(Clock::now() - *t_started).count();
        t_started.reset();
        state.log->write(access_line(request, response, ms));
        t_user.clear();
    });
}

}  // namespace

Status parse_listen(std::string_view text, ServerConfig& config) {
    const auto colon = text.rfind(':');
    const std::string host = colon == std::string_view::npos ? std::string() : std::string(text.substr(0, colon));
    const std::string port = std::string(colon == std::string_view::npos ? text : text.substr(colon + 1));
    int value = -1;
    try {
        std::size_t used = 0;
        value = std::stoi(port, &used);
        if (used != port.size()) value = -1;
    } catch (const std::exception&) {
        value = -1;
    }
    if (value < 0 || value > 65535)
        return fail(ErrorCode::invalid, "--listen \"" + std::string(text) + "\" is not HOST:PORT (e.g. 127.0.0.1:8080)");
    if (!host.empty()) config.host = host;
    config.port = value;
    return {};
}

Server::Server(std::unique_ptr<State> state) : m_state(std::move(state)) {}

Result<std::unique_ptr<Server>> Server::start(workflow::Context ctx, ServerConfig config) {
    std::unique_ptr<State> state(new State{std::move(ctx), std::move(config)});
    configure(*state);
    auto& http = state->http;
    state->port = state->config.port == 0 ? http.bind_to_any_port(state->config.host)
                                          : (http.bind_to_port(state->config.host, state->config.port) ? state->config.port : -1);
    if (state->port <= 0)
        return fail(ErrorCode::io, "cannot listen on " + state->config.host + ":" + std::to_string(state->config.port) +
                                       " (in use, or not an address of this machine)");
    // The socket listens from bind on: clients can connect before the accept
    // loop below has started.
    State* raw = state.get();
    state->thread = std::thread([raw] { raw->http.listen_after_bind(); });
    state->warmer = std::thread([raw] { workflow::warm_memo(raw->ctx, raw->stopping); });
    // stop() only ends a loop that runs, so return once it does.
    while (!raw->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return std::unique_ptr<Server>(new Server(std::move(state)));
}

Server::~Server() {
    stop();
    wait();
}

int Server::port() const { return m_state->port; }

void Server::stop() {
    m_state->stopping = true;
    m_state->http.stop();
}

void Server::wait() {
    if (m_state->thread.joinable()) m_state->thread.join();
    if (m_state->warmer.joinable()) m_state->warmer.join();
    m_state->log.reset();  // every line is out before wait returns
}

std::string content_type_of(const std::filesystem::path& file) {
    static const std::unordered_map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json"}, {".map", "application/json"}, {".svg", "image/svg+xml"},
        {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"},
        {".webp", "image/webp"}, {".ico", "image/x-icon"}, {".woff", "font/woff"}, {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"}, {".xml", "application/xml"}, {".atom", "application/atom+xml"},
        {".pdf", "application/pdf"}, {".po", "text/x-gettext-translation; charset=utf-8"}};
    const auto it = types.find(file.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace tandem::server
