// Catalogs, the segment editor, checks and the translators' queues.

#include "cms/server/http.h"

#include <chrono>

#include "cms/workflow/catalogs.h"
#include "cms/workflow/json.h"
#include "cms/workflow/segments.h"

namespace tandem::server {

namespace {

workflow::UnixSeconds unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Result<Lang> lang_of(const std::string& text) {
    auto lang = lang_param(text);
    if (!lang) return fail(ErrorCode::not_found, "no language " + text.substr(0, 16) + " (en or fr)");
    return *lang;
}

Reply get_catalog(Call& call) {
    auto lang = lang_of(call.params[1]);
    if (!lang) return error_reply(lang.error());
    const std::string key = "catalog/" + call.params[0] + "/" + call.params[1];
    if (auto cached = call.state.cache.find(call.tip, key)) return *cached;
    auto po = workflow::export_catalog(call.ctx(), call.params[0], *lang, call.tip);
    if (!po) return error_reply(po.error());
    Reply reply{200, std::move(*po), "text/x-gettext-translation; charset=utf-8", {{"ETag", "\"" + call.tip + "\""}}};
    call.state.cache.put(call.tip, key, reply);
    return reply;
}

// The queue plan as it is now (claims, priorities).
Result<workflow::QueuePlan> current_plan(Call& call) {
    std::lock_guard lock(call.state.queue_mutex);
    return workflow::read_queue_plan(workflow::queue_plan_path(call.ctx().data_dir));
}

// A save of a translation that someone else has claimed is a conflict.
std::optional<Reply> refused_by_claim(Call& call, const std::string& id, Lang lang) {
    auto plan = current_plan(call);
    if (!plan) return error_reply(plan.error());
    if (auto ok = workflow::check_claim(*plan, lang, id, call.session->user, unix_now()); !ok) return error_reply(ok.error());
    return std::nullopt;
}

Reply put_catalog(Call& call) {
    const std::string& id = call.params[0];
    auto lang = lang_of(call.params[1]);
    if (!lang) return error_reply(lang.error());
    const auto base = if_match(call.request);
    if (!base) return error_reply(400, "invalid", phrase("If-Match is required: the revision the catalog was downloaded at"));
    if (auto refused = refused_by_claim(call, id, *lang)) return *refused;
    auto result = workflow::import_catalog(call.ctx(), {id, *lang, call.body, std::string(lang_code(*lang)) + ".po",
                                                        *base, call.author(), call.request.get_header_value("X-Tandem-Message")});
    if (!result) {
        if (result.error().code == ErrorCode::conflict) return conflict_reply(call, result.error(), id, base, *lang);
        return error_reply(result.error());
    }
    return json_reply({{"revision", result->revision}, {"changed", result->changed}});
}

json checks_json(const std::vector<check::Issue>& issues) {
    json out = json::array();
    for (const auto& i : issues) {
        json c{{"code", i.code}, {"message", i.message}, {"severity", check::severity_name(i.severity)}};
        if (i.offset) c["offset"] = *i.offset;
        workflow::add_phrase(c, i.phrase);
        out.push_back(c);
    }
    return out;
}

const char* diff_op(DiffOp op) {
    switch (op) {
        case DiffOp::equal: return "same";
        case DiffOp::removed: return "del";
        case DiffOp::added: return "ins";
    }
    return "same";
}

Reply get_segments(Call& call) {
    auto lang = lang_of(call.params[1]);
    if (!lang) return error_reply(lang.error());
    const std::string key = "segments/" + call.params[0] + "/" + call.params[1];
    if (auto cached = call.state.cache.find(call.tip, key)) return *cached;
    auto memory = memory_at(call.state, call.tip);
    if (!memory) return error_reply(memory.error());
    auto view = workflow::read_segments(call.ctx(), **memory, call.params[0], *lang);
    if (!view) return error_reply(view.error());
    json segments = json::array();
    for (const auto& s : view->segments) {
        json diff = json::array(), suggestions = json::array(), glossary = json::array();
        for (const auto& piece : s.previous_diff) diff.push_back({{"op", diff_op(piece.op)}, {"text", piece.text}});
        for (const auto& m : s.suggestions)
            suggestions.push_back({{"source", m.source}, {"target", m.translation}, {"similarity", m.similarity}});
        for (const auto& t : s.glossary)
            for (const auto& target : t.targets) glossary.push_back({{"term", t.source}, {"translation", target}});
        segments.push_back({{"index", s.index},
                            {"msgctxt", s.msgctxt ? json(*s.msgctxt) : json(nullptr)},
                            {"msgid", s.msgid},
                            {"msgstr", s.msgstr},
                            {"fuzzy", s.fuzzy},
                            {"previous", s.previous ? json(*s.previous) : json(nullptr)},
                            {"previous_diff", diff},
                            {"notes", s.notes},
                            {"suggestions", suggestions},
                            {"glossary", glossary},
                            {"checks", checks_json(s.checks)}});
    }
    Reply reply = json_reply({{"revision", view->revision},
                              {"segments", segments},
                              {"progress",
                               {{"translated", view->progress.translated},
                                {"fuzzy", view->progress.fuzzy},
                                {"untranslated", view->progress.untranslated}}}});
    reply.headers.emplace_back("ETag", "\"" + view->revision + "\"");
    call.state.cache.put(call.tip, key, reply);
    return reply;
}

Reply put_segment(Call& call) {
    const std::string& id = call.params[0];
    auto lang = lang_of(call.params[1]);
    if (!lang) return error_reply(lang.error());
    int index = -1;
    try {
        std::size_t used = 0;
        index = std::stoi(call.params[2], &used);
        if (used != call.params[2].size()) index = -1;
    } catch (const std::exception&) {
        index = -1;
    }
    if (index < 0) return error_reply(404, "not_found", "no segment " + call.params[2].substr(0, 16));
    const auto base = if_match(call.request);
    if (!base) return error_reply(400, "invalid", phrase("If-Match is required: the revision the segments were read at"));
    if (auto refused = refused_by_claim(call, id, *lang)) return *refused;
    auto body = json_body(call.body);
    if (!body) return error_reply(body.error());
    auto msgstr = required_string(*body, "msgstr");
    if (!msgstr) return error_reply(msgstr.error());
    auto fuzzy = optional_bool(*body, "fuzzy");
    if (!fuzzy) return error_reply(fuzzy.error());
    auto from_memory = optional_bool(*body, "from_memory");
    if (!from_memory) return error_reply(from_memory.error());
    workflow::SegmentSave save;
    save.id = id;
    save.lang = *lang;
    save.index = index;
    save.msgstr = std::move(*msgstr);
    save.fuzzy = fuzzy->value_or(false);
    save.from_memory = from_memory->value_or(false);
    save.base = *base;
    save.author = call.author();
    auto saved = workflow::save_segment(call.ctx(), save);
    if (!saved) {
        if (saved.error().code == ErrorCode::conflict) return conflict_reply(call, saved.error(), id, base, *lang);
        return error_reply(saved.error());
    }
    return json_reply({{"revision", saved->commit.revision}, {"changed", saved->commit.changed}, {"checks", checks_json(saved->checks)}});
}

Reply check(Call& call) {
    auto body = json_body(call.body);
    if (!body) return error_reply(body.error());
    // "lang" is the translation's.
    auto lang_text = required_string(*body, "lang");
    if (!lang_text) return error_reply(lang_text.error());
    auto source = required_string(*body, "source");
    if (!source) return error_reply(source.error());
    auto translation = required_string(*body, "translation");
    if (!translation) return error_reply(translation.error());
    const auto lang = lang_param(*lang_text);
    if (!lang) return error_reply(400, "invalid", "lang is en or fr");
    auto issues = workflow::check_translation(call.ctx(), *lang, *source, *translation);
    if (!issues) return error_reply(issues.error());
    return json_reply({{"checks", checks_json(*issues)}});
}

json queue_json(const std::vector<workflow::QueueItem>& items) {
    json out = json::array();
    for (const auto& q : items)
        out.push_back({{"id", q.id},
                       {"title", q.title},
                       {"untranslated", q.untranslated},
                       {"fuzzy", q.fuzzy},
                       {"failing", q.failing},
                       {"words_left", q.words_left},
                       {"priority", q.priority},
                       {"due", q.due ? json(*q.due) : json(nullptr)},
                       {"claimed_by", q.claimed_by ? json(*q.claimed_by) : json(nullptr)},
                       {"claim_expires", q.claimed_by ? json(q.claim_expires) : json(nullptr)},
                       {"changed", q.changed}});
    return out;
}

Reply get_queue(Call& call) {
    auto lang = lang_of(call.params[0]);
    if (!lang) return error_reply(lang.error());
    Result<workflow::QueuePlan> plan = current_plan(call);
    if (!plan) return error_reply(plan.error());
    auto items = workflow::translator_queue(call.ctx(), *lang, *plan, unix_now());
    if (!items) return error_reply(items.error());
    return json_reply(queue_json(*items));
}

// One read-change-write of the queue plan under the server's mutex; the
// file is written only when the change succeeded.
template <class Change>
Reply change_plan(Call& call, Change change) {
    std::lock_guard lock(call.state.queue_mutex);
    const auto path = workflow::queue_plan_path(call.ctx().data_dir);
    auto plan = workflow::read_queue_plan(path);
    if (!plan) return error_reply(plan.error());
    Reply reply = change(*plan);
    if (reply.status >= 300) return reply;
    if (auto ok = workflow::write_queue_plan(path, *plan); !ok) return error_reply(ok.error());
    return reply;
}

Reply claim(Call& call) {
    auto lang = lang_of(call.params[0]);
    if (!lang) return error_reply(lang.error());
    return change_plan(call, [&](workflow::QueuePlan& plan) {
        auto entry = workflow::claim_resource(call.ctx(), plan, *lang, call.params[1], call.session->user, unix_now());
        if (!entry) return error_reply(entry.error());
        return json_reply({{"claimed_by", *entry->claimed_by}, {"claim_expires", entry->claim_expires}});
    });
}

Reply release(Call& call) {
    auto lang = lang_of(call.params[0]);
    if (!lang) return error_reply(lang.error());
    return change_plan(call, [&](workflow::QueuePlan& plan) {
        const auto who = auth::role_may(call.session->role, auth::Permission::publish) ? workflow::ClaimRelease::anyones
                                                                                       : workflow::ClaimRelease::own;
        auto ok = workflow::release_claim(plan, *lang, call.params[1], call.session->user, unix_now(), who);
        return ok ? no_content() : error_reply(ok.error());
    });
}

Reply set_priority(Call& call) {
    auto lang = lang_of(call.params[0]);
    if (!lang) return error_reply(lang.error());
    auto body = json_body(call.body);
    if (!body) return error_reply(body.error());
    auto priority_field = required_int(*body, "priority");
    if (!priority_field) return error_reply(priority_field.error());
    // "due": "YYYY-MM-DD" (set_queue_priority checks the date), or null for none.
    auto due_field = nullable_string(*body, "due");
    if (!due_field) return error_reply(due_field.error());
    const int priority = *priority_field;
    const bool due_given = body->contains("due");  // left out: the date stays as it is
    return change_plan(call, [&](workflow::QueuePlan& plan) {
        std::optional<std::string> due = *due_field;
        if (!due_given)
            if (const auto it = plan.entries.find({*lang, call.params[1]}); it != plan.entries.end()) due = it->second.due;
        auto ok = workflow::set_queue_priority(call.ctx(), plan, *lang, call.params[1], priority, due);
        return ok ? json_reply({{"priority", priority}, {"due", due ? json(*due) : json(nullptr)}}) : error_reply(ok.error());
    });
}

}  // namespace

void add_translation_routes(std::vector<Route>& routes) {
    using P = auth::Permission;
    routes.push_back({"GET", {"resources", "*", "catalogs", "*"}, Access::signed_in, std::nullopt, get_catalog});
    routes.push_back({"PUT", {"resources", "*", "catalogs", "*"}, Access::signed_in, P::edit_catalogs, put_catalog});
    routes.push_back({"GET", {"resources", "*", "segments", "*"}, Access::signed_in, std::nullopt, get_segments});
    routes.push_back({"PUT", {"resources", "*", "segments", "*", "*"}, Access::signed_in, P::edit_catalogs, put_segment});
    routes.push_back({"POST", {"check"}, Access::signed_in, std::nullopt, check});
    routes.push_back({"GET", {"queue", "*"}, Access::signed_in, std::nullopt, get_queue});
    routes.push_back({"POST", {"queue", "*", "*", "claim"}, Access::signed_in, P::edit_catalogs, claim});
    routes.push_back({"DELETE", {"queue", "*", "*", "claim"}, Access::signed_in, P::edit_catalogs, release});
    routes.push_back({"PUT", {"queue", "*", "*", "priority"}, Access::signed_in, P::publish, set_priority});
}

}  // namespace tandem::server
