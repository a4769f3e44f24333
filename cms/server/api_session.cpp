// Sign-in, sign-out, the session's own view, and the web app's words.

#include "cms/server/http.h"

#include "pipeline/po/mo.h"

namespace tandem::server {

namespace {

using Clock = std::chrono::steady_clock;

json session_json(const auth::Session& session) {
    return {{"user", session.user}, {"role", auth::role_name(session.role)}, {"csrf", session.csrf}};
}

std::string cookie_for(const std::string& value, bool expire) {
    return "tandem_session=" + value + "; HttpOnly; SameSite=Strict; Path=/" + (expire ? "; Max-Age=0" : "");
}

Reply sign_in(Call& call) {
    auto body = json_body(call.body);
    if (!body) return error_reply(body.error());
    auto user = required_string(*body, "user");
    if (!user) return error_reply(user.error());
    auto password = required_string(*body, "password");
    if (!password) return error_reply(password.error());
    const std::string& name = *user;
    const std::string& address = call.request.remote_addr;
    auto& limiter = call.state.limiter;
    if (auto wait = limiter.locked(name, address, Clock::now())) {
        Reply reply = error_reply(429, "rate_limited", "too many failed sign-ins; try again in " + std::to_string(wait->count()) + " s");
        reply.headers.emplace_back("Retry-After", std::to_string(wait->count()));
        return reply;
    }
    auto users = auth::read_users(auth::users_path(call.ctx().data_dir));
    if (!users) return error_reply(users.error());
    const auto found = auth::authenticate(*users, name, *password);
    if (!found) {
        limiter.failed(name, address, Clock::now());
        return error_reply(401, "unauthorized", "unknown user or wrong password");
    }
    limiter.succeeded(name);
    const auto session = call.state.sessions.create(*found, Clock::now());
    Reply reply = json_reply(session_json(session));
    reply.headers.emplace_back("Set-Cookie", cookie_for(session.id, false));
    return reply;
}

Reply current_session(Call& call) { return json_reply(session_json(*call.session)); }

Reply sign_out(Call& call) {
    call.state.sessions.remove(call.session->id);
    Reply reply = no_content();
    reply.headers.emplace_back("Set-Cookie", cookie_for("", true));
    return reply;
}

// The web app's words in a language from the compiled catalog locales/<lang>/app.mo;
// English is the msgid language, so it (and an absent catalog) has none.
// Counted words come as every form plus the catalog's rule (nplurals and the
// plural= formula as written): the app evaluates the formula with its own
// parser, since the page's Content-Security-Policy forbids eval. A table of
// forms by count could not cover every count, and a round trip per count
// would be absurd.
Reply interface_words(Call& call) {
    const auto lang = lang_param(call.params[0]);
    if (!lang) return error_reply(404, "not_found", "no interface language " + call.params[0]);
    json messages = json::object();
    json plurals = json::object();
    po::PluralForms rule;  // English's, for a language without a catalog
    auto catalog = po::read_mo(call.state.config.locale_dir / lang_code(*lang) / "app.mo");
    if (catalog) {
        for (const auto& [key, value] : catalog->messages) messages[key] = value;
        for (const auto& [key, message] : catalog->plurals) plurals[key] = message.msgstr;
        rule = catalog->plural_forms;
    } else if (catalog.error().code != ErrorCode::not_found) {
        return error_reply(catalog.error());
    }
    return json_reply({{"lang", lang_code(*lang)},
                       {"messages", messages},
                       {"plurals", plurals},
                       {"plural_forms", {{"nplurals", rule.nplurals()}, {"plural", rule.plural()}}}});
}

}  // namespace

void add_session_routes(std::vector<Route>& routes) {
    routes.push_back({"POST", {"session"}, Access::open, std::nullopt, sign_in});
    routes.push_back({"GET", {"session"}, Access::signed_in, std::nullopt, current_session});
    routes.push_back({"DELETE", {"session"}, Access::signed_in, std::nullopt, sign_out});
    routes.push_back({"GET", {"i18n", "*"}, Access::open, std::nullopt, interface_words});
}

}  // namespace tandem::server
