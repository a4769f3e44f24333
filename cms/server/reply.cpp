// The one mapping of errors to statuses and bodies, and the small helpers the
// route files share.

#include "cms/server/http.h"

#include "cms/core/ids.h"
#include "cms/workflow/json.h"
#include "cms/workflow/memory.h"

namespace tandem::server {

Reply json_reply(const json& body, int status) {
    return Reply{status, body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json", {}};
}

Reply no_content() { return Reply{204, "", "", {}}; }

int status_of(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid: return 400;
        case ErrorCode::forbidden: return 403;
        case ErrorCode::not_found: return 404;
        case ErrorCode::conflict: return 409;
        case ErrorCode::corrupt:
        case ErrorCode::io: return 500;
    }
    return 500;
}

const char* api_code(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid: return "invalid";
        case ErrorCode::forbidden: return "forbidden";
        case ErrorCode::not_found: return "not_found";
        case ErrorCode::conflict: return "conflict";
        case ErrorCode::corrupt:
        case ErrorCode::io: return "internal";
    }
    return "internal";
}

Reply error_reply(const Error& error) {
    json body{{"error", api_code(error.code)}, {"message", error.message}};
    if (!error.where.file.empty()) body["file"] = error.where.file;
    if (error.where.line > 0) body["line"] = error.where.line;
    if (error.where.column > 0) body["column"] = error.where.column;
    workflow::add_phrase(body, error.phrase);
    return json_reply(body, status_of(error.code));
}

Reply error_reply(int status, std::string_view code, std::string_view message) {
    return json_reply({{"error", code}, {"message", message}}, status);
}

Reply error_reply(int status, std::string_view code, const Phrase& message) {
    json body{{"error", code}, {"message", english(message)}};
    workflow::add_phrase(body, message);
    return json_reply(body, status);
}

std::optional<Reply> TipCache::find(const std::string& tip, const std::string& key) {
    std::shared_lock lock(m_mutex);
    if (tip != m_tip) return std::nullopt;
    const auto it = m_replies.find(key);
    if (it == m_replies.end()) return std::nullopt;
    return it->second;
}

void TipCache::put(const std::string& tip, const std::string& key, const Reply& reply) {
    std::unique_lock lock(m_mutex);
    if (tip != m_tip) {
        m_tip = tip;
        m_replies.clear();
    }
    m_replies.insert_or_assign(key, reply);
}

std::size_t PreviewDrafts::Draft::bytes() const {
    std::size_t n = 0;
    for (const auto& [lang, html] : pages) n += html.size();
    return n;
}

std::string PreviewDrafts::put(const std::string& session_id, const std::string& resource,
                              std::map<std::string, std::string> pages) {
    const auto now = std::chrono::steady_clock::now();
    std::string token = auth::random_token(16);
    Draft draft{session_id, resource, std::move(pages), now + k_lifetime, 0};
    const std::size_t size = draft.bytes();
    std::lock_guard lock(m_mutex);
    const auto drop = [this](std::map<std::string, Draft>::iterator it) {
        m_bytes -= it->second.bytes();
        return m_drafts.erase(it);
    };
    for (auto it = m_drafts.begin(); it != m_drafts.end();) it = it->second.expires < now ? drop(it) : std::next(it);
    while (!m_drafts.empty() && (m_drafts.size() >= k_most || m_bytes + size > k_most_bytes)) {
        auto oldest = m_drafts.begin();
        for (auto it = m_drafts.begin(); it != m_drafts.end(); ++it)
            if (it->second.sequence < oldest->second.sequence) oldest = it;
        drop(oldest);
    }
    draft.sequence = ++m_sequence;
    m_bytes += size;
    m_drafts.insert_or_assign(token, std::move(draft));
    return token;
}

std::optional<std::string> PreviewDrafts::find(const std::string& token, const std::string& session_id,
                                               const std::string& resource, const std::string& lang) {
    std::lock_guard lock(m_mutex);
    const auto it = m_drafts.find(token);
    if (it == m_drafts.end() || it->second.expires < std::chrono::steady_clock::now()) return std::nullopt;
    if (!auth::same_secret(it->second.session_id, session_id) || it->second.resource != resource) return std::nullopt;
    const auto page = it->second.pages.find(lang);
    if (page == it->second.pages.end()) return std::nullopt;
    return page->second;
}

store::Author Call::author() const {
    return store::Author{session->user, session->email, std::nullopt};
}

std::optional<Lang> lang_param(const std::string& text) { return parse_lang(text); }

std::optional<std::string> if_match(const httplib::Request& request) {
    if (!request.has_header("If-Match")) return std::nullopt;
    std::string value = request.get_header_value("If-Match");
    if (value.rfind("W/", 0) == 0) value.erase(0, 2);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return value;
}

Result<std::shared_ptr<const tm::Memory>> memory_at(Server::State& state, const std::string& tip) {
    {
        std::lock_guard lock(state.memory_mutex);
        if (state.memory && state.memory_tip == tip) return state.memory;
    }
    // Built outside the lock: readers of other resources are not held up,
    // and two builders at one new tip only waste work.
    auto built = workflow::build_repository_memory(state.ctx, tip);
    if (!built) return tl::unexpected(built.error());
    auto memory = std::make_shared<const tm::Memory>(std::move(*built));
    std::lock_guard lock(state.memory_mutex);
    state.memory_tip = tip;
    state.memory = memory;
    return memory;
}


}  // namespace tandem::server
