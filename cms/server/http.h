#pragma once
// Inside cms/server only: the server's shared state, the route table and the
// one mapping of workflow errors to HTTP statuses and JSON bodies.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "cms/auth/sessions.h"
#include "cms/server/access_log.h"
#include "cms/server/json_fields.h"
#include "cms/server/server.h"
#include "cms/workflow/json.h"
#include "cms/workflow/publish.h"
#include "cms/workflow/queue.h"
#include "pipeline/tm/tm.h"

namespace tandem::server {

using nlohmann::json;

// What a handler answers; the dispatcher adds the common headers.
struct Reply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
};

Reply json_reply(const json& body, int status = 200);
Reply no_content();
// {"error": CODE, "message", "line"?, "column"?} with the status of web/API.md.
Reply error_reply(const Error& error);
Reply error_reply(int status, std::string_view code, std::string_view message);
Reply error_reply(int status, std::string_view code, const Phrase& message);
int status_of(ErrorCode code);
const char* api_code(ErrorCode code);

// Answers keyed by the tip of main: a read at an unchanged tip is a hash
// lookup. Any commit (through this server or not) moves the tip, and the next
// read at the new tip starts a fresh table.
class TipCache {
public:
    std::optional<Reply> find(const std::string& tip, const std::string& key);
    void put(const std::string& tip, const std::string& key, const Reply& reply);

private:
    std::shared_mutex m_mutex;
    std::string m_tip;
    std::unordered_map<std::string, Reply> m_replies;
};

// The editor's unsaved text, rendered as pages in both languages and held a
// few minutes, so that its preview frames can load them by URL (a frame
// cannot send a body). Each belongs to the session that sent it; the oldest
// go first past k_most drafts or k_most_bytes of pages.
class PreviewDrafts {
public:
    static constexpr std::size_t k_most = 256;
    static constexpr std::size_t k_most_bytes = 64 << 20;
    static constexpr std::chrono::minutes k_lifetime{15};
    // The new draft's token. `pages`: language code → HTML.
    std::string put(const std::string& session_id, const std::string& resource, std::map<std::string, std::string> pages);
    // The page, if the token names a draft of this session's, for this resource, still alive.
    std::optional<std::string> find(const std::string& token, const std::string& session_id, const std::string& resource,
                                    const std::string& lang);

private:
    struct Draft {
        std::string session_id;
        std::string resource;
        std::map<std::string, std::string> pages;
        std::chrono::steady_clock::time_point expires;
        std::uint64_t sequence = 0;  // order of arrival: the lowest is the oldest
        std::size_t bytes() const;
    };
    std::mutex m_mutex;
    std::map<std::string, Draft> m_drafts;  // token → draft
    std::size_t m_bytes = 0;                // of every draft's pages
    std::uint64_t m_sequence = 0;
};

struct Server::State {
    workflow::Context ctx;
    ServerConfig config;
    httplib::Server http;
    std::thread thread;
    int port = 0;
    auth::SessionTable sessions;
    // Every session is checked against the users file as it is now.
    auth::UsersOnDisk users{auth::users_path(ctx.data_dir)};
    auth::LoginLimiter limiter;
    std::mutex queue_mutex;  // one read-change-write of <data>/queue.json at a time
    TipCache cache;
    PreviewDrafts drafts;
    std::mutex memory_mutex;
    std::string memory_tip;
    std::shared_ptr<const tm::Memory> memory;
    std::mutex theme_mutex;  // the site's templates, loaded at the first publish or preview
    std::shared_ptr<const workflow::SiteTheme> theme;
    std::optional<AccessLog> log{std::in_place, config.access_log};
    std::atomic<bool> stopping{false};
    std::thread warmer;  // works out the resources' statuses once at start (workflow::warm_memo)
};

// One request as a handler sees it.
struct Call {
    Server::State& state;
    const httplib::Request& request;
    const std::string& body;              // read by the server (see read_body), not request.body
    std::vector<std::string> params;      // the path's variable parts, in order
    std::optional<auth::Session> session;  // present on every route that needs one
    std::string tip;                       // the tip of main when the request began

    store::Author author() const;          // the signed-in user, for commits
    const workflow::Context& ctx() const { return state.ctx; }
};

using Handler = std::function<Reply(Call&)>;

enum class Access {
    open,       // no session needed
    signed_in,  // a session; writes also need the CSRF token
};

struct Route {
    std::string method;                 // GET, POST, PUT, DELETE
    std::vector<std::string> pattern;   // path segments; "*" is a variable part
    Access access = Access::signed_in;
    std::optional<auth::Permission> permission;  // the role check of a write
    Handler handler;
};

// Each file of routes adds its own.
void add_session_routes(std::vector<Route>& routes);
void add_resource_routes(std::vector<Route>& routes);
void add_translation_routes(std::vector<Route>& routes);
void add_publishing_routes(std::vector<Route>& routes);

// Helpers shared by the route files.
std::optional<Lang> lang_param(const std::string& text);
// The If-Match revision (quotes dropped), or nullopt when the header is absent.
std::optional<std::string> if_match(const httplib::Request& request);
// The translation memory at `tip`, built once per tip.
Result<std::shared_ptr<const tm::Memory>> memory_at(Server::State& state, const std::string& tip);
using workflow::outline_json;
// The Content-Security-Policy of every response (no page may be framed).
extern const char* const k_csp;

// The answer to a method no route of the path takes: 405 with an Allow
// header naming the methods it does take, or 404 for an API path no route has.
Reply method_refusal(const std::string& method, const std::string& path);

// HTTP/1.1 framing, where httplib's own departs from the standard or from
// this API (framing.cpp).
//
// What can be decided from the request line and headers alone, before any of
// the body is read: TRACE and CONNECT (405); a Content-Length that is not a
// number or disagrees with another (400); a transfer coding other than
// chunked (501); a declared length far over `max_body` (413, at once rather
// than after reading or waiting for it); a multipart form (415: every body of
// the API is taken as it is). Nothing when the request may go on.
std::optional<Reply> screen_request(const httplib::Request& request, std::size_t max_body);
// The request's body, read as it is whatever its Content-Type, up to
// `max_body` bytes, or the reply that refuses it (413, 415, or 400 for a body
// cut short). `response` is where httplib leaves the status of its refusals.
tl::expected<std::string, Reply> read_body(const httplib::Request& request, const httplib::ContentReader& reader,
                                           const httplib::Response& response, std::size_t max_body);
// The JSON reply to an error httplib answers by itself (`status`, before any
// handler ran): a request line it cannot parse, a method it does not know (501).
Reply httplib_refusal(const httplib::Request& request, int status);

// Whether the connection goes on after a reply. A refusal made before the
// body was read closes it: what follows on it is not a request.
enum class AfterReply { keep_alive, close };
// Puts `reply` into httplib's response, with the headers of every API answer.
void write_reply(const httplib::Request& request, Reply reply, httplib::Response& response, AfterReply after);

// The Content-Type of a file served by its name's extension.
std::string content_type_of(const std::filesystem::path& file);
// 409 with the current revision, the current text (the document, or the
// catalog into catalog_lang) and the outline diff from base to the tip.
Reply conflict_reply(const Call& call, const Error& error, const std::string& id, const std::optional<std::string>& base,
                     std::optional<Lang> catalog_lang);

}  // namespace tandem::server
