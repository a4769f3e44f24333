// `tandem queue LANG`: the translators' queue into a language, as the web
// application shows it.

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <memory>

#include "cms/cli/commands.h"
#include "cms/cli/output.h"
#include "cms/workflow/queue.h"

namespace tandem::cli {

namespace {

int run_queue(const Config& config, const workflow::Context& ctx, const std::string& lang_text) {
    const auto lang = parse_lang(lang_text);
    if (!lang) return report(Error{ErrorCode::invalid, "LANG is en or fr", {}}, config.json);
    auto plan = workflow::read_queue_plan(workflow::queue_plan_path(ctx.data_dir));
    if (!plan) return report(plan.error(), config.json);
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    auto items = workflow::translator_queue(ctx, *lang, *plan, now);
    if (!items) return report(items.error(), config.json);
    if (config.json) {
        using nlohmann::json;
        json out = json::array();
        for (const auto& q : *items)
            out.push_back({{"id", q.id}, {"title", q.title}, {"untranslated", q.untranslated}, {"fuzzy", q.fuzzy},
                           {"failing", q.failing}, {"words_left", q.words_left}, {"priority", q.priority},
                           {"due", q.due ? json(*q.due) : json(nullptr)},
                           {"claimed_by", q.claimed_by ? json(*q.claimed_by) : json(nullptr)},
                           {"claim_expires", q.claimed_by ? json(q.claim_expires) : json(nullptr)},
                           {"changed", q.changed}});
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    Table table({"ID", "PRIORITY", "DUE", "UNTRANSLATED", "FUZZY", "FAILING", "WORDS LEFT", "CLAIMED BY"});
    for (const auto& q : *items)
        table.add({q.id, std::to_string(q.priority), q.due.value_or("-"), std::to_string(q.untranslated),
                   std::to_string(q.fuzzy), std::to_string(q.failing), std::to_string(q.words_left), q.claimed_by.value_or("-")});
    table.print(std::cout);
    std::cout << format_count(items->size(), "resource", "resources") << " to translate into " << lang_code(*lang) << "\n";
    return 0;
}

}  // namespace

void add_queue_command(CLI::App& app, Config& config, std::vector<Command>& commands) {
    auto lang = std::make_shared<std::string>();
    auto* queue = app.add_subcommand("queue", "The translators' queue into a language: priority, due date, then oldest change first");
    queue->add_option("LANG", *lang, "The language translated into: en or fr")->required();
    queue->add_flag("--json", config.json, "Print JSON");
    commands.push_back({queue, true, [lang](const Config& c, const workflow::Context* ctx) { return run_queue(c, *ctx, *lang); }});
}

}  // namespace tandem::cli
