// Resources: list, read, save, validate, history, diff, revert, preview.

#include "cms/server/http.h"

#include <algorithm>

#include "cms/workflow/json.h"
#include "cms/workflow/catalogs.h"

namespace tandem::server {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string etag(const std::string& revision) { return "\"" + revision + "\""; }

// The commit message of a write made through the web: the client may say
// why in X-Tandem-Message; otherwise a plain description.
std::string message_of(const Call& call, std::string fallback) {
    std::string message = call.request.get_header_value("X-Tandem-Message");
    return message.empty() ? fallback : message;
}

Result<json> resource_list(const Call& call) {
    auto resources = workflow::list_resources(call.ctx());
    if (!resources) return tl::unexpected(resources.error());
    auto statuses = workflow::catalog_status(call.ctx(), std::nullopt, call.tip);
    if (!statuses) return tl::unexpected(statuses.error());
    std::map<std::string, const workflow::CatalogStatus*> by_id;
    for (const auto& s : *statuses) by_id.emplace(s.id, &s);
    json out = json::array();
    for (const auto& r : *resources) {
        json status = json::object();
        if (const auto s = by_id.find(r.info.id); s != by_id.end())
            status[lang_code(s->second->target)] = {{"translated", s->second->stats.translated},
                                                    {"fuzzy", s->second->stats.fuzzy},
                                                    {"untranslated", s->second->stats.untranslated},
                                                    {"failing", s->second->failing}};
        out.push_back({{"id", r.info.id},
                       {"lang", lang_code(r.info.source_lang)},
                       {"type", r.info.type},
                       {"title", r.info.title},
                       {"revision", r.revision},
                       {"status", status}});
    }
    return out;
}

// status=translated|untranslated|fuzzy|failing|needs-work, on the catalog
// into the other language.
bool status_matches(const json& status, const std::string& wanted) {
    for (const auto& [lang, s] : status.items()) {
        const int untranslated = s["untranslated"], fuzzy = s["fuzzy"], failing = s["failing"];
        if (wanted == "translated") return untranslated == 0 && fuzzy == 0 && failing == 0;
        if (wanted == "untranslated") return untranslated > 0;
        if (wanted == "fuzzy") return fuzzy > 0;
        if (wanted == "failing") return failing > 0;
        if (wanted == "needs-work") return untranslated + fuzzy + failing > 0;
    }
    return false;
}

Reply list_resources(Call& call) {
    auto cached = call.state.cache.find(call.tip, "list");
    if (!cached) {
        auto list = resource_list(call);
        if (!list) return error_reply(list.error());
        cached = json_reply(*list);
        call.state.cache.put(call.tip, "list", *cached);
    }
    const auto& r = call.request;
    if (!r.has_param("q") && !r.has_param("type") && !r.has_param("lang") && !r.has_param("status")) return *cached;
    const std::string q = lower(r.get_param_value("q")), type = r.get_param_value("type"),
                      lang = r.get_param_value("lang"), status = r.get_param_value("status");
    if (!status.empty() && status != "translated" && status != "untranslated" && status != "fuzzy" && status != "failing" &&
        status != "needs-work")
        return error_reply(400, "invalid", "status is one of translated, untranslated, fuzzy, failing, needs-work");
    json out = json::array();
    for (const auto& item : json::parse(cached->body)) {
        if (!type.empty() && item["type"] != type) continue;
        if (!lang.empty() && item["lang"] != lang) continue;
        if (!status.empty() && !status_matches(item["status"], status)) continue;
        if (!q.empty() && lower(item["title"].get<std::string>()).find(q) == std::string::npos &&
            item["id"].get<std::string>().find(q) == std::string::npos)
            continue;
        out.push_back(item);
    }
    return json_reply(out);
}

Reply get_resource(Call& call) {
    const std::string key = "resource/" + call.params[0];
    if (auto cached = call.state.cache.find(call.tip, key)) return *cached;
    auto view = workflow::show_resource(call.ctx(), call.params[0], call.tip);
    if (!view) return error_reply(view.error());
    Reply reply = json_reply({{"id", view->info.id},
                              {"revision", view->revision},
                              {"xml", view->xml},
                              {"lang", lang_code(view->info.source_lang)},
                              {"type", view->info.type},
                              {"title", view->info.title},
                              {"files", view->files}});
    reply.headers.emplace_back("ETag", etag(view->revision));
    call.state.cache.put(call.tip, key, reply);
    return reply;
}

}  // namespace

// 409 with what the client needs to resolve it: the current revision, the
// current text and the outline diff from the client's base to it.
Reply conflict_reply(const Call& call, const Error& error, const std::string& id, const std::optional<std::string>& base,
                     std::optional<Lang> catalog_lang) {
    Reply reply = error_reply(error);
    json body = json::parse(reply.body);
    auto tip = store::branch_tip(call.ctx().store, store::k_main);
    const std::string current = tip && *tip ? **tip : call.tip;
    body["revision"] = current;
    if (catalog_lang) {
        auto po = workflow::export_catalog(call.ctx(), id, *catalog_lang, current);
        body["po"] = po ? json(*po) : json(nullptr);
    } else {
        auto view = workflow::show_resource(call.ctx(), id, current);
        body["xml"] = view ? json(view->xml) : json(nullptr);
    }
    json diff = outline_json({});
    if (base)
        if (auto d = workflow::diff_resource(call.ctx(), id, *base, current)) diff = outline_json(d->outline);
    body["diff"] = diff;
    return json_reply(body, 409);
}

namespace {

Reply commit_reply(const Result<store::CommitResult>& result) {
    return json_reply({{"revision", result->revision}, {"changed", result->changed}});
}

Reply put_resource(Call& call) {
    const std::string& id = call.params[0];
    const auto base = if_match(call.request);
    auto result = workflow::save_source(
        call.ctx(), {id, call.body, base, call.author(),
                     message_of(call, base ? "Edit " + id : "Create " + id), "resource.xml"});
    if (!result) {
        if (result.error().code == ErrorCode::conflict) return conflict_reply(call, result.error(), id, base, std::nullopt);
        return error_reply(result.error());
    }
    return commit_reply(result);
}

Reply validate(Call& call) {
    auto info = model::validate_resource(call.ctx().schema, call.body, "resource.xml");
    if (info) return json_reply({{"valid", true}, {"errors", json::array()}});
    json error{{"message", info.error().message}};
    if (info.error().where.line > 0) error["line"] = info.error().where.line;
    if (info.error().where.column > 0) error["column"] = info.error().where.column;
    workflow::add_phrase(error, info.error().phrase);
    return json_reply({{"valid", false}, {"errors", json::array({error})}});
}

Reply history(Call& call) {
    const std::string key = "history/" + call.params[0];
    if (auto cached = call.state.cache.find(call.tip, key)) return *cached;
    auto entries = store::resource_history(call.ctx().store, call.params[0]);
    if (!entries) return error_reply(entries.error());
    if (entries->empty()) return error_reply(404, "not_found", "no resource " + call.params[0]);
    json out = json::array();
    for (const auto& e : *entries)
        out.push_back({{"revision", e.revision}, {"author", e.author_name}, {"email", e.author_email}, {"when", e.time},
                       {"message", store::message_for_people(e)}});
    Reply reply = json_reply(out);
    call.state.cache.put(call.tip, key, reply);
    return reply;
}

Reply diff(Call& call) {
    const auto& r = call.request;
    if (!r.has_param("from")) return error_reply(400, "invalid", "diff needs ?from=REV (and ?to=REV, default main)");
    const std::string from = r.get_param_value("from");
    const std::string to = r.has_param("to") ? r.get_param_value("to") : call.tip;
    auto d = workflow::diff_resource(call.ctx(), call.params[0], from, to);
    if (!d) return error_reply(d.error());
    // null on the side where the resource did not exist (created or withdrawn between).
    return json_reply({{"from", d->from},
                       {"to", d->to},
                       {"outline", outline_json(d->outline)},
                       {"text", d->text},
                       {"before", d->before ? json(*d->before) : json(nullptr)},
                       {"after", d->after ? json(*d->after) : json(nullptr)}});
}

Reply revert(Call& call) {
    const std::string& id = call.params[0];
    auto body = json_body(call.body);
    if (!body) return error_reply(body.error());
    // "rev": the revision to make the resource as it was at.
    auto rev = required_string(*body, "rev");
    if (!rev) return error_reply(rev.error());
    const auto base = if_match(call.request);
    if (!base) return error_reply(400, "invalid", "If-Match is required: the revision you started from");
    auto result = workflow::revert_resource(call.ctx(), id, *rev, call.author(), message_of(call, ""), *base);
    if (!result) {
        if (result.error().code == ErrorCode::conflict) return conflict_reply(call, result.error(), id, base, std::nullopt);
        return error_reply(result.error());
    }
    return commit_reply(result);
}

}  // namespace

void add_resource_routes(std::vector<Route>& routes) {
    using P = auth::Permission;
    routes.push_back({"GET", {"resources"}, Access::signed_in, std::nullopt, list_resources});
    routes.push_back({"GET", {"resources", "*"}, Access::signed_in, std::nullopt, get_resource});
    routes.push_back({"PUT", {"resources", "*"}, Access::signed_in, P::edit_sources, put_resource});
    routes.push_back({"POST", {"validate"}, Access::signed_in, std::nullopt, validate});
    routes.push_back({"GET", {"resources", "*", "history"}, Access::signed_in, std::nullopt, history});
    routes.push_back({"GET", {"resources", "*", "diff"}, Access::signed_in, std::nullopt, diff});
    routes.push_back({"POST", {"resources", "*", "revert"}, Access::signed_in, P::edit_sources, revert});
}

}  // namespace tandem::server
