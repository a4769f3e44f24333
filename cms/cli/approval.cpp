// The publisher's subcommands: approve, withdraw-release, pending.

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "cms/cli/commands.h"
#include "cms/cli/output.h"
#include "cms/workflow/approval.h"
#include "cms/workflow/json.h"

namespace tandem::cli {

namespace {

using nlohmann::json;

struct Options {
    std::string id, rev = "main", author, note;
    bool force_unilingual = false;
};

int run_pending(const Config& config, const workflow::Context& ctx) {
    auto items = workflow::pending_approvals(ctx);
    if (!items) return report(items.error(), config.json);
    if (config.json) {
        std::cout << workflow::pending_json(*items).dump(2) << "\n";
        return 0;
    }
    if (items->empty()) {
        std::cout << "Nothing waits for approval: release is up to date with main.\n";
        return 0;
    }
    for (const auto& item : *items) {
        if (item.withdrawn_on_main) {
            std::cout << item.id << ": withdrawn on main, still on release (tandem withdraw-release " << item.id << ")\n";
            continue;
        }
        std::cout << item.id << ": " << (item.parity.ready ? "ready" : "not ready") << " — " << item.title << "\n"
                  << "  revision " << item.revision.substr(0, 12)
                  << (item.approved ? ", last approved at " + item.approved->substr(0, 12) : std::string(", never approved"))
                  << "; " << format_count(item.changes.blocks.size(), "block", "blocks") << " changed\n";
        for (const auto& m : item.parity.missing) std::cout << "  - " << workflow::describe(m) << "\n";
    }
    return 0;
}

}  // namespace

void add_approval_commands(CLI::App& app, Config& config, std::vector<Command>& commands) {
    auto o = std::make_shared<Options>();
    auto json_flag = [&](CLI::App* cmd) { cmd->add_flag("--json", config.json, "Print JSON (see README)"); };

    auto* approve = app.add_subcommand("approve", "Approve a revision of a resource: copy it onto the release branch");
    approve->add_option("ID", o->id, "Resource id")->required();
    approve->add_option("--rev", o->rev, "The revision to approve (default: the tip of main)");
    approve->add_option("--author", o->author, "The publisher, \"Name <email>\"")->required();
    approve->add_option("--note", o->note, "Why (required with --force-unilingual)");
    approve->add_flag("--force-unilingual", o->force_unilingual,
                      "Approve although the translation is not complete (emergencies; needs --note)");
    json_flag(approve);
    commands.push_back({approve, true, [o](const Config& c, const workflow::Context* ctx) {
        auto author = store::parse_author(o->author);
        if (!author) return report(author.error(), c.json);
        return print_commit(workflow::approve_resource(*ctx, {o->id, o->rev, *author, o->note, o->force_unilingual}), c.json);
    }});

    auto* withdraw = app.add_subcommand("withdraw-release", "Remove a resource from the release (the feed keeps a tombstone)");
    withdraw->add_option("ID", o->id, "Resource id")->required();
    withdraw->add_option("--author", o->author, "The publisher, \"Name <email>\"")->required();
    withdraw->add_option("--note", o->note, "Why");
    json_flag(withdraw);
    commands.push_back({withdraw, true, [o](const Config& c, const workflow::Context* ctx) {
        auto author = store::parse_author(o->author);
        if (!author) return report(author.error(), c.json);
        return print_commit(workflow::withdraw_release(*ctx, o->id, *author, o->note), c.json);
    }});

    auto* pending = app.add_subcommand("pending", "The publisher's queue: what changed on main since its approval, ready ones first");
    json_flag(pending);
    commands.push_back({pending, true, [](const Config& c, const workflow::Context* ctx) { return run_pending(c, *ctx); }});
}

}  // namespace tandem::cli
