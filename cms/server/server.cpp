// The HTTP adapter: one handler answers every request, so routing is a split
// of the path and a table scan (one trivial regular expression per request,
// not one per route); the security headers, the access log and the exception barrier
// are set once here for every response, API, page or error.

#include "cms/server/http.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <set>
#include <thread>

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

bool route_matches(const Route& route, const std::vector<std::string>& parts) {
    if (route.pattern.size() != parts.size()) return false;
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (route.pattern[i] == "*" ? parts[i].empty() : route.pattern[i] != parts[i]) return false;
    return true;
}

bool is_api_path(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

// The path's parts after "/api".
std::vector<std::string> api_parts(const std::string& path) {
    auto parts = split_path(path);
    parts.erase(parts.begin());
    return parts;
}

// "GET, HEAD, PUT": the methods the routes of an API path take, in a fixed
// order; empty when no route has the path.
std::string allowed_methods(const std::vector<std::string>& parts) {
    std::set<std::string> taken;
    for (const auto& route : route_table())
        if (route_matches(route, parts)) {
            taken.insert(route.method);
            if (route.method == "GET") taken.insert("HEAD");
        }
    std::string allow;
    for (const char* method : {"GET", "HEAD", "POST", "PUT", "DELETE"})
        if (taken.count(method)) allow += (allow.empty() ? "" : ", ") + std::string(method);
    return allow;
}

}  // namespace

Reply method_refusal(const std::string& method, const std::string& path) {
    std::string allow = "GET, HEAD";  // the web application's files and the site
    if (is_api_path(path)) {
        allow = allowed_methods(api_parts(path));
        if (allow.empty()) return error_reply(404, "not_found", "no API endpoint " + path);
    }
    Reply reply = error_reply(405, "invalid", method + " is not allowed on " + path);
    reply.headers.emplace_back("Allow", allow);
    return reply;
}

namespace {

Reply dispatch_api(Server::State& state, const httplib::Request& request, const std::string& body,
                   const std::vector<std::string>& parts) {
    const std::string method = request.method == "HEAD" ? "GET" : request.method;
    const auto found = std::find_if(route_table().begin(), route_table().end(),
                                    [&](const Route& route) { return route.method == method && route_matches(route, parts); });
    if (found == route_table().end()) return method_refusal(request.method, request.path);
    std::vector<std::string> params;
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (found->pattern[i] == "*") params.push_back(parts[i]);

    Call call{state, request, body, std::move(params), std::nullopt, {}};
    if (found->access == Access::signed_in) {
        const auto now = Clock::now();
        call.session = state.sessions.find(session_cookie(request), now);
        // A user removed, given another role or a new password since signing
        // in signs in again.
        if (call.session && !auth::still_valid(*call.session, state.users.find(call.session->user, now))) {
            state.sessions.remove(call.session->id);
            call.session.reset();
        }
        if (!call.session) return error_reply(401, "unauthorized", phrase("sign in first"));
        t_user = call.session->user;
        if (is_write(request.method) &&
            !auth::same_secret(request.get_header_value("X-CSRF-Token"), call.session->csrf))
            return error_reply(403, "csrf", phrase("the X-CSRF-Token header is missing or wrong"));
        // The role's name as the subject: no article to get wrong ("a editor").
        if (found->permission && !auth::role_may(call.session->role, *found->permission))
            return error_reply(403, "forbidden",
                               phrase("the {role} role may not do this", {{"role", auth::role_name(call.session->role)}}));
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

Reply route_request(Server::State& state, const httplib::Request& request, const std::string& body) {
    const std::string& path = request.path;
    if (is_api_path(path)) return dispatch_api(state, request, body, api_parts(path));
    if (request.method != "GET" && request.method != "HEAD") return method_refusal(request.method, path);
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
    // A reply that ends the connection goes out through a content provider
    // (write_reply), so its body is not in response.body.
    const std::size_t bytes = response.body.empty() ? response.content_length_ : response.body.size();
    std::string line = "{\"bytes\":" + std::to_string(bytes) + ",\"client\":" + text(request.remote_addr);
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

    // One handler for every path and method. Requests with a body are read
    // by read_body, not by httplib (see framing.cpp), after screen_request
    // has seen their headers; whatever is refused before the body is read
    // ends the connection.
    const auto serve = [&state](const httplib::Request& request, const std::string& body, httplib::Response& response) {
        Reply reply;
        try {
            reply = route_request(state, request, body);
        } catch (const std::exception& e) {
            // The text stays in the log: it may name files or internals.
            state.log->write(json{{"time", iso_time(std::chrono::system_clock::now())},
                                  {"error", "exception in handler"}, {"what", e.what()}, {"path", request.path}}
                                 .dump(-1, ' ', false, json::error_handler_t::replace));
            reply = error_reply(500, "internal", "internal error; see the server's log");
        } catch (...) {
            reply = error_reply(500, "internal", "internal error; see the server's log");
        }
        write_reply(request, std::move(reply), response, AfterReply::keep_alive);
    };
    const auto start_request = [] {
        t_started = Clock::now();
        t_user.clear();
    };
    const httplib::Server::Handler without_body = [serve, start_request](const httplib::Request& request,
                                                                          httplib::Response& response) {
        start_request();
        serve(request, request.body, response);
    };
    const httplib::Server::HandlerWithContentReader with_body =
        [&state, serve, start_request](const httplib::Request& request, httplib::Response& response,
                                       const httplib::ContentReader& reader) {
            start_request();
            auto body = read_body(request, reader, response, state.config.max_body);
            if (!body) return write_reply(request, std::move(body.error()), response, AfterReply::close);
            serve(request, *body, response);
        };
    const std::string any = ".*";
    http.Get(any, without_body);
    http.Options(any, without_body);
    http.Post(any, with_body);
    http.Put(any, with_body);
    http.Delete(any, with_body);
    http.Patch(any, with_body);
    // Before any of the body is read (httplib calls this after the headers).
    http.set_pre_routing_handler([&state, start_request](const httplib::Request& request, httplib::Response& response) {
        auto refusal = screen_request(request, state.config.max_body);
        if (!refusal) return httplib::Server::HandlerResponse::Unhandled;
        start_request();
        write_reply(request, std::move(*refusal), response, AfterReply::close);
        return httplib::Server::HandlerResponse::Handled;
    });
    // "Expect: 100-continue": a refusal goes out before the client sends the
    // body at all. httplib only compares the returned status with 100 and
    // then writes `response` as it stands, so write_reply sets its status.
    http.set_expect_100_continue_handler([&state, start_request](const httplib::Request& request, httplib::Response& response) {
        auto refusal = screen_request(request, state.config.max_body);
        if (!refusal) return 100;
        start_request();
        write_reply(request, std::move(*refusal), response, AfterReply::close);
        return response.status;
    });
    // Errors httplib answers by itself (a request line it cannot parse, a
    // method it does not know) get a JSON body too; they end the connection,
    // since httplib did not read the rest of the request.
    http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty() || response.has_header("Content-Type")) return httplib::Server::HandlerResponse::Unhandled;
        write_reply(request, httplib_refusal(request, response.status), response, AfterReply::close);
        return httplib::Server::HandlerResponse::Handled;
    }));
    // httplib adds its Keep-Alive header after the handlers; a reply that
    // ends the connection must not say both.
    http.set_post_routing_handler([](const httplib::Request&, httplib::Response& response) {
        if (response.get_header_value("Connection") == "close") response.headers.erase("Keep-Alive");
    });
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
