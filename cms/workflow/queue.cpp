#include "cms/workflow/queue.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "cms/core/text.h"
#include "cms/workflow/catalogs.h"

namespace tandem::workflow {

namespace {

using nlohmann::json;

// The resource exists on main and is translated into `lang`.
Status check_queue_target(const Context& ctx, Lang lang, std::string_view id) {
    auto view = show_resource(ctx, id, store::k_main);
    if (!view) return tl::unexpected(view.error());
    if (view->info.source_lang == lang)
        return fail(ErrorCode::invalid, phrase("resource {id} is written in {lang}: it is in the {other} queue",
                                               {{"id", std::string(id)}, {"lang", lang_code(lang)},
                                                {"other", lang_code(other_lang(lang))}}));
    return {};
}

// The catalog has work for a translator: what puts a resource in the queue.
bool needs_translator(const CatalogStatus& status) {
    return status.stats.untranslated > 0 || status.stats.fuzzy > 0 || status.failing > 0;
}

// A claim reserves work; with none left it would only keep the resource
// "claimed" in the plan and block saves for nothing, so it is refused. It is
// invalid, like a claim in the source language: the resource is not in this
// queue. (conflict stays for "someone else's claim runs", which is how the web
// app reads a 409 on a claim.)
Status check_work_left(const Context& ctx, Lang lang, std::string_view id) {
    auto statuses = catalog_status(ctx, std::string(id), store::k_main);
    if (!statuses) return tl::unexpected(statuses.error());
    for (const auto& status : *statuses)
        if (status.target == lang && needs_translator(status)) return {};
    return fail(ErrorCode::invalid, phrase("resource {id} has nothing to translate into {lang}: no untranslated, "
                                           "fuzzy or failing segment, so it is not in the {lang} queue",
                                           {{"id", std::string(id)}, {"lang", lang_code(lang)}}));
}

bool claim_runs(const QueuePlanEntry& entry, UnixSeconds now) {
    return entry.claimed_by && entry.claim_expires > now;
}

Status check_date(const std::string& text) {
    using namespace std::chrono;
    int y = 0;
    unsigned m = 0, d = 0;
    char dash1 = 0, dash2 = 0;
    const bool shaped = text.size() == 10 && std::sscanf(text.c_str(), "%4d%c%2u%c%2u", &y, &dash1, &m, &dash2, &d) == 5 &&
                        dash1 == '-' && dash2 == '-';
    if (!shaped || !year_month_day(year(y), month(m), day(d)).ok())
        return fail(ErrorCode::invalid, phrase("due date \"{date}\" is not a date YYYY-MM-DD", {{"date", text.substr(0, 40)}}));
    return {};
}

}  // namespace

std::filesystem::path queue_plan_path(const std::filesystem::path& data_dir) { return data_dir / "queue.json"; }

Result<QueuePlan> read_queue_plan(const std::filesystem::path& path) {
    auto text = read_file(path);
    if (!text) {
        if (text.error().code == ErrorCode::not_found) return QueuePlan{};
        return tl::unexpected(text.error());
    }
    const json doc = json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("queues") || !doc["queues"].is_object())
        return fail(ErrorCode::corrupt, path.string() + " is not a queue plan ({\"queues\":{…}})");
    QueuePlan plan;
    for (const auto& [code, resources] : doc["queues"].items()) {
        const auto lang = parse_lang(code);
        if (!lang || !resources.is_object()) return fail(ErrorCode::corrupt, path.string() + ": unknown queue " + code);
        for (const auto& [id, e] : resources.items()) {
            if (!check_resource_id(id) || !e.is_object())
                return fail(ErrorCode::corrupt, path.string() + ": bad entry " + id.substr(0, 64));
            QueuePlanEntry entry;
            entry.priority = e.value("priority", 0);
            if (e.contains("due") && e["due"].is_string()) entry.due = e["due"].get<std::string>();
            if (e.contains("claimed_by") && e["claimed_by"].is_string()) entry.claimed_by = e["claimed_by"].get<std::string>();
            entry.claim_expires = e.value("claim_expires", UnixSeconds{0});
            plan.entries[{*lang, id}] = std::move(entry);
        }
    }
    return plan;
}

Status write_queue_plan(const std::filesystem::path& path, const QueuePlan& plan) {
    json queues = json::object();
    for (const auto& [key, e] : plan.entries) {
        // An entry that says nothing any more is not written.
        if (e.priority == 0 && !e.due && !e.claimed_by) continue;
        queues[lang_code(key.first)][key.second] = {{"priority", e.priority},
                                                    {"due", e.due ? json(*e.due) : json(nullptr)},
                                                    {"claimed_by", e.claimed_by ? json(*e.claimed_by) : json(nullptr)},
                                                    {"claim_expires", e.claim_expires}};
    }
    return write_file_atomic(path, json{{"queues", queues}}.dump(2) + "\n");
}

Result<std::vector<QueueItem>> translator_queue(const Context& ctx, Lang lang, const QueuePlan& plan, UnixSeconds now) {
    auto resources = list_resources(ctx);
    if (!resources) return tl::unexpected(resources.error());
    auto statuses = catalog_status(ctx, std::nullopt, store::k_main);
    if (!statuses) return tl::unexpected(statuses.error());
    std::map<std::string, const ResourceSummary*> by_id;
    for (const auto& r : *resources) by_id.emplace(r.info.id, &r);

    std::vector<QueueItem> items;
    for (const auto& status : *statuses) {
        if (status.target != lang) continue;
        if (!needs_translator(status)) continue;
        const auto& s = status.stats;
        const auto summary = by_id.find(status.id);
        if (summary == by_id.end()) continue;
        QueueItem item;
        item.id = status.id;
        item.title = summary->second->info.title;
        item.untranslated = s.untranslated;
        item.fuzzy = s.fuzzy;
        item.failing = status.failing;
        item.words_left = s.untranslated_words + s.fuzzy_words;
        auto commit = store::read_commit(ctx.store, summary->second->revision);
        if (!commit) return tl::unexpected(commit.error());
        item.changed = commit->time;
        if (const auto e = plan.entries.find({lang, status.id}); e != plan.entries.end()) {
            item.priority = e->second.priority;
            item.due = e->second.due;
            if (claim_runs(e->second, now)) {
                item.claimed_by = e->second.claimed_by;
                item.claim_expires = e->second.claim_expires;
            }
        }
        items.push_back(std::move(item));
    }
    std::sort(items.begin(), items.end(), [](const QueueItem& a, const QueueItem& b) {
        if (a.priority != b.priority) return a.priority > b.priority;
        if (a.due != b.due) return a.due && (!b.due || *a.due < *b.due);  // dated before undated
        if (a.changed != b.changed) return a.changed < b.changed;
        return a.id < b.id;
    });
    return items;
}

Result<QueuePlanEntry> claim_resource(const Context& ctx, QueuePlan& plan, Lang lang, std::string_view id,
                                      std::string_view user, UnixSeconds now) {
    if (auto ok = check_queue_target(ctx, lang, id); !ok) return tl::unexpected(ok.error());
    // Checked on a renewal too: the claimer keeps the resource only while
    // there is work, so a finished translation frees it.
    if (auto ok = check_work_left(ctx, lang, id); !ok) return tl::unexpected(ok.error());
    auto& entry = plan.entries[{lang, std::string(id)}];
    if (claim_runs(entry, now) && *entry.claimed_by != user)
        return fail(ErrorCode::conflict, phrase("{id} is claimed by {user} until their claim expires",
                                                {{"id", std::string(id)}, {"user", *entry.claimed_by}}));
    entry.claimed_by = std::string(user);
    entry.claim_expires = now + k_claim_seconds;
    return entry;
}

Status check_claim(const QueuePlan& plan, Lang lang, std::string_view id, std::string_view user, UnixSeconds now) {
    const auto it = plan.entries.find({lang, std::string(id)});
    if (it == plan.entries.end() || !claim_runs(it->second, now) || *it->second.claimed_by == user) return {};
    return fail(ErrorCode::conflict,
                counted("{id} is claimed by {user} for {count} more minute: ask them, or a publisher, to release it",
                        "{id} is claimed by {user} for {count} more minutes: ask them, or a publisher, to release it",
                        static_cast<long>((it->second.claim_expires - now + 59) / 60),
                        {{"id", std::string(id)}, {"user", *it->second.claimed_by}}));
}

Status release_claim(QueuePlan& plan, Lang lang, std::string_view id, std::string_view user, UnixSeconds now,
                     ClaimRelease who) {
    const auto it = plan.entries.find({lang, std::string(id)});
    if (it == plan.entries.end() || !it->second.claimed_by) return {};
    if (who == ClaimRelease::own && claim_runs(it->second, now) && *it->second.claimed_by != user)
        return fail(ErrorCode::conflict,
                    phrase("{id} is claimed by {user}", {{"id", std::string(id)}, {"user", *it->second.claimed_by}}));
    it->second.claimed_by.reset();
    it->second.claim_expires = 0;
    return {};
}

Status set_queue_priority(const Context& ctx, QueuePlan& plan, Lang lang, std::string_view id, int priority,
                          std::optional<std::string> due) {
    if (due)
        if (auto ok = check_date(*due); !ok) return ok;
    if (auto ok = check_queue_target(ctx, lang, id); !ok) return ok;
    auto& entry = plan.entries[{lang, std::string(id)}];
    entry.priority = priority;
    entry.due = std::move(due);
    return {};
}

}  // namespace tandem::workflow
