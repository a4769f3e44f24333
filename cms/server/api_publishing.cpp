// The publisher's desk: pending approvals, approve; publish, releases,
// rollback, and live previews of pages from main.

#include "cms/server/http.h"

#include <chrono>
#include <cmath>

#include "cms/workflow/approval.h"

namespace tandem::server {

namespace {

Reply pending(Call& call) {
    auto items = workflow::pending_approvals(call.ctx());
    if (!items) return error_reply(items.error());
    return json_reply(workflow::pending_json(*items));
}

Reply approve(Call& call) {
    auto body = json_body(call.body, EmptyBody::allowed);
    if (!body) return error_reply(body.error());
    auto rev = optional_string(*body, "rev");
    auto note = optional_string(*body, "note");
    auto force_unilingual = optional_bool(*body, "force_unilingual");
    if (!rev) return error_reply(rev.error());
    if (!note) return error_reply(note.error());
    if (!force_unilingual) return error_reply(force_unilingual.error());
    workflow::ApproveRequest request;
    request.id = call.params[0];
    request.rev = rev->value_or(call.tip);
    request.author = call.author();
    request.note = note->value_or("");
    request.force_unilingual = force_unilingual->value_or(false);
    auto result = workflow::approve_resource(call.ctx(), request);
    if (!result) {
        Reply reply = error_reply(result.error());
        if (result.error().code == ErrorCode::invalid)
            if (auto parity = workflow::check_parity(call.ctx(), request.id, request.rev); parity && !parity->ready) {
                json body_out = json::parse(reply.body);
                body_out["missing"] = workflow::parity_json(*parity)["missing"];
                return json_reply(body_out, 400);
            }
        return reply;
    }
    return json_reply({{"revision", result->revision}, {"changed", result->changed}});
}

// The templates and the site's words, loaded once (a designer's change
// shows after a restart).
Result<std::shared_ptr<const workflow::SiteTheme>> site_theme(Server::State& state) {
    std::lock_guard lock(state.theme_mutex);
    if (!state.theme) {
        auto theme = workflow::load_site_theme(state.ctx.share_dir / "web" / "templates", state.config.locale_dir);
        if (!theme) return tl::unexpected(theme.error());
        state.theme = std::make_shared<const workflow::SiteTheme>(std::move(*theme));
    }
    return state.theme;
}

workflow::PublishOptions publish_options(const Call& call, bool full) {
    workflow::PublishOptions options;
    options.out = workflow::default_site_path(call.ctx().data_dir);
    options.full = full;
    options.publisher = call.author();
    return options;
}

Reply publish(Call& call) {
    auto body = json_body(call.body, EmptyBody::allowed);
    if (!body) return error_reply(body.error());
    auto full = optional_bool(*body, "full");
    if (!full) return error_reply(full.error());
    auto theme = site_theme(call.state);
    if (!theme) return error_reply(theme.error());
    const auto started = std::chrono::steady_clock::now();
    auto publication = workflow::publish_release(call.ctx(), **theme, publish_options(call, full->value_or(false)));
    if (!publication) return error_reply(publication.error());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return json_reply({{"number", publication->number},
                       {"revision", publication->revision},
                       {"pages", publication->pages},
                       {"changed", publication->rendered},
                       {"seconds", std::round(seconds * 1000) / 1000}});
}

Reply releases(Call& call) {
    auto list = workflow::list_releases(call.ctx(), workflow::default_site_path(call.ctx().data_dir));
    if (!list) return error_reply(list.error());
    json out = json::array();
    for (const auto& r : *list)
        out.push_back({{"number", r.number}, {"revision", r.revision}, {"when", r.time}, {"publisher", r.publisher}, {"live", r.live}});
    return json_reply(out);
}

Reply rollback(Call& call) {
    auto body = json_body(call.body);
    if (!body) return error_reply(body.error());
    // "number": the publication to show again.
    auto number = required_int(*body, "number");
    if (!number) return error_reply(number.error());
    auto theme = site_theme(call.state);
    if (!theme) return error_reply(theme.error());
    auto publication = workflow::rollback_release(call.ctx(), **theme, *number, publish_options(call, false));
    if (!publication) return error_reply(publication.error());
    return json_reply({{"number", publication->number}, {"pages", publication->pages}});
}

// The preview lives at a path shaped like the site's own
// (/api/preview/<lang>/<resources|ressources>/<id>/), so the page's relative
// links reach its stylesheet (/api/preview/static/…), its attachments and the
// previews of the resources it links to.
std::string preview_path(std::string_view id, Lang lang) { return "/api/preview" + site::resource_path(id, lang); }

Reply preview_redirect(Call& call) {
    auto lang = lang_param(call.params[1]);
    if (!lang) return error_reply(404, "not_found", "no language " + call.params[1]);
    if (!check_resource_id(call.params[0])) return error_reply(404, "not_found", "no resource " + call.params[0]);
    std::string location = preview_path(call.params[0], *lang);
    if (call.request.has_param("rev")) location += "?rev=" + httplib::detail::encode_query_param(call.request.get_param_value("rev"));
    return Reply{303, "", "text/plain", {{"Location", location}}};
}

// A preview page, which the web app shows in frames of its own; nothing else may frame it.
Reply framed_page(std::string html) {
    std::string csp = k_csp;
    csp.replace(csp.find("frame-ancestors 'none'"), std::string("frame-ancestors 'none'").size(), "frame-ancestors 'self'");
    return Reply{200, std::move(html), "text/html; charset=utf-8",
                 {{"Content-Security-Policy", csp}, {"X-Frame-Options", "SAMEORIGIN"}}};
}

Reply preview(Call& call) {
    auto lang = lang_param(call.params[0]);
    if (!lang || preview_path(call.params[2], *lang) != "/api/preview/" + call.params[0] + "/" + call.params[1] + "/" + call.params[2] + "/")
        return error_reply(404, "not_found", "no page " + call.request.path);
    if (call.request.has_param("draft")) {
        auto page = call.state.drafts.find(call.request.get_param_value("draft"), call.session->id, call.params[2],
                                           lang_code(*lang));
        if (!page) return error_reply(404, "not_found", "this preview has expired; preview again from the editor");
        return framed_page(std::move(*page));
    }
    auto theme = site_theme(call.state);
    if (!theme) return error_reply(theme.error());
    const std::string rev = call.request.has_param("rev") ? call.request.get_param_value("rev") : call.tip;
    auto html = workflow::preview_page(call.ctx(), **theme, call.params[2], *lang, rev);
    if (!html) return error_reply(html.error());
    return framed_page(std::move(*html));
}

// The editor's unsaved text as pages in both languages: rendered now (so an
// invalid text is a 400 with its line), served to the preview frames by URL.
Reply preview_draft(Call& call) {
    const std::string& id = call.params[0];
    auto theme = site_theme(call.state);
    if (!theme) return error_reply(theme.error());
    std::map<std::string, std::string> pages;
    for (const Lang lang : {Lang::en, Lang::fr}) {
        auto html = workflow::preview_draft(call.ctx(), **theme, id, lang, call.body, call.tip);
        if (!html) return error_reply(html.error());
        pages.emplace(lang_code(lang), std::move(*html));
    }
    const std::string token = call.state.drafts.put(call.session->id, id, std::move(pages));
    json urls = json::object();
    for (const Lang lang : {Lang::en, Lang::fr}) urls[lang_code(lang)] = preview_path(id, lang) + "?draft=" + token;
    return json_reply({{"draft", token}, {"pages", urls}});
}

Reply preview_static(Call& call) {
    auto theme = site_theme(call.state);
    if (!theme) return error_reply(theme.error());
    for (auto& file : site::static_files((*theme)->theme))
        if (file.path == "static/" + call.params[0])
            return Reply{200, std::move(file.bytes), content_type_of(file.path), {}};
    return error_reply(404, "not_found", "no file static/" + call.params[0]);
}

Reply preview_attachment(Call& call) {
    auto file = store::read_resource_file(call.ctx().store, call.params[2], "files/" + call.params[3], call.tip);
    if (!file) return error_reply(file.error());
    return Reply{200, std::move(*file), content_type_of(call.params[3]), {}};
}

}  // namespace

void add_publishing_routes(std::vector<Route>& routes) {
    using P = auth::Permission;
    routes.push_back({"GET", {"pending"}, Access::signed_in, std::nullopt, pending});
    routes.push_back({"POST", {"resources", "*", "approve"}, Access::signed_in, P::publish, approve});
    routes.push_back({"POST", {"publish"}, Access::signed_in, P::publish, publish});
    routes.push_back({"GET", {"releases"}, Access::signed_in, std::nullopt, releases});
    routes.push_back({"POST", {"rollback"}, Access::signed_in, P::publish, rollback});
    routes.push_back({"GET", {"resources", "*", "preview", "*"}, Access::signed_in, std::nullopt, preview_redirect});
    routes.push_back({"POST", {"resources", "*", "preview"}, Access::signed_in, std::nullopt, preview_draft});
    routes.push_back({"GET", {"preview", "static", "*"}, Access::signed_in, std::nullopt, preview_static});
    routes.push_back({"GET", {"preview", "*", "*", "*"}, Access::signed_in, std::nullopt, preview});
    routes.push_back({"GET", {"preview", "*", "*", "*", "files", "*"}, Access::signed_in, std::nullopt, preview_attachment});
}

}  // namespace tandem::server
