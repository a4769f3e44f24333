// The `tandem` command: the composition root. It parses the command line into
// a Config, opens the context once, and calls one workflow function per
// subcommand. Exit codes: 0 ok, 1 usage, 2 invalid input, 3 conflict,
// 4 not found, 5 forbidden, 6 anything else.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <iostream>

#include "cms/cli/commands.h"
#include "cms/cli/output.h"
#include "cms/core/text.h"
#include "cms/workflow/json.h"
#include "cms/workflow/workflow.h"

namespace tandem::cli {

namespace {

using nlohmann::json;

int print_commit_json(const Result<store::CommitResult>& result, const Config& config) {
    return print_commit(result, config.json);
}

Result<store::Author> author_of(const std::string& text) { return store::parse_author(text); }

std::optional<store::Revision> optional_rev(const std::string& rev) {
    return rev.empty() ? std::nullopt : std::optional<store::Revision>(rev);
}

int run_list(const workflow::Context& ctx, const Config& config) {
    auto resources = workflow::list_resources(ctx);
    if (!resources) return report(resources.error(), config.json);
    if (config.json) {
        json out = json::array();
        for (const auto& r : *resources)
            out.push_back({{"id", r.info.id},
                           {"type", r.info.type},
                           {"source_lang", lang_code(r.info.source_lang)},
                           {"title", r.info.title},
                           {"revision", r.revision}});
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    Table table({"ID", "TYPE", "LANG", "REVISION", "TITLE"});
    for (const auto& r : *resources)
        table.add({r.info.id, r.info.type, lang_code(r.info.source_lang), r.revision.substr(0, 12), r.info.title});
    table.print(std::cout);
    std::cout << format_count(resources->size(), "resource", "resources") << "\n";
    return 0;
}

int run_show(const workflow::Context& ctx, const Config& config, const std::string& id, const std::string& rev) {
    auto view = workflow::show_resource(ctx, id, rev);
    if (!view) return report(view.error(), config.json);
    if (config.json) {
        std::cout << json{{"id", view->info.id},         {"revision", view->revision},
                          {"type", view->info.type},     {"source_lang", lang_code(view->info.source_lang)},
                          {"title", view->info.title},   {"files", view->files},
                          {"xml", view->xml}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << view->xml;
    }
    return 0;
}

int run_history(const workflow::Context& ctx, const Config& config, const std::string& id, std::size_t limit) {
    auto entries = store::resource_history(ctx.store, id, limit);
    if (!entries) return report(entries.error(), config.json);
    if (entries->empty()) return report(Error{ErrorCode::not_found, "no history for resource " + id, {}}, config.json);
    if (config.json) {
        json out = json::array();
        for (const auto& e : *entries)
            out.push_back({{"revision", e.revision},
                           {"author", e.author_name},
                           {"email", e.author_email},
                           {"time", format_time(e.time)},
                           {"message", store::message_for_people(e)}});
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    Table table({"REVISION", "DATE", "AUTHOR", "MESSAGE"});
    for (const auto& e : *entries) table.add({e.revision.substr(0, 12), format_time(e.time), e.author_name, e.summary});
    table.print(std::cout);
    return 0;
}

int run_diff(const workflow::Context& ctx, const Config& config, const std::string& id, const std::string& from,
             const std::string& to) {
    auto diff = workflow::diff_resource(ctx, id, from, to);
    if (!diff) return report(diff.error(), config.json);
    // What happened to the resource as a whole, in the outline's words: a
    // side without the resource means it was created or withdrawn between.
    const char* change = !diff->before ? "added" : !diff->after ? "removed" : "changed";
    if (config.json) {
        json out = workflow::outline_json(diff->outline);
        out["from"] = diff->from;
        out["to"] = diff->to;
        out["change"] = change;
        out["text"] = diff->text;
        std::cout << out.dump(2)
                  << "\n";
        return 0;
    }
    if (!diff->before)
        std::cout << "resource " << id << " did not exist at " << from << ": created between " << from << " and "
                  << to << "\n\n";
    if (!diff->after)
        std::cout << "resource " << id << " does not exist at " << to << ": withdrawn between " << from << " and "
                  << to << "\n\n";
    print_outline_diff(std::cout, diff->outline);
    std::cout << diff->text;
    return 0;
}

int run_init(const Config& config, const std::string& seed, const std::string& author_text) {
    auto author = author_of(author_text);
    if (!author) return report(author.error(), config.json);
    const std::filesystem::path seed_dir = seed.empty() ? config.share_dir / "content-repo" : std::filesystem::path(seed);
    auto ctx = workflow::init_data(config.data_dir, config.share_dir, seed_dir, *author);
    if (!ctx) return report(ctx.error(), config.json);
    auto resources = workflow::list_resources(*ctx);
    if (!resources) return report(resources.error(), config.json);
    std::cerr << "Created " << workflow::content_repo_path(config.data_dir).string() << " with "
              << format_count(resources->size(), "resource", "resources") << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Tandem: a git-backed bilingual (English/French) content management system and translation pipeline.\n"
                 "Exit codes: 0 ok, 1 usage, 2 invalid input, 3 conflict, 4 not found, 5 forbidden, 6 other errors."};
    app.set_version_flag("--version", std::string("tandem ") + TANDEM_VERSION);
    app.require_subcommand(1);
    // --data and --share may come after the subcommand too ("tandem serve
    // --data DIR"): subcommands made from here on pass what they do not know
    // to this parent.
    app.fallthrough();
    Config config;
    const char* env_data = std::getenv("TANDEM_DATA");
    const char* env_share = std::getenv("TANDEM_SHARE");
    std::string data = env_data && *env_data ? env_data : "./tandem-data";
    std::string share = env_share && *env_share ? env_share : TANDEM_SHARE_DIR;
    app.add_option("--data", data, "Data folder (default ./tandem-data, or $TANDEM_DATA)");
    app.add_option("--share", share, "Folder with Tandem's schema, rules and templates (default: the source tree, or $TANDEM_SHARE)");

    std::string id, rev = "main", rev2, file, author = "Tandem <tandem@localhost>", message, base, seed;
    std::size_t limit = 0;
    auto json_flag = [&](CLI::App* cmd) { cmd->add_flag("--json", config.json, "Print JSON (see README)"); };

    auto* init = app.add_subcommand("init", "Create the content repository in the data folder from the seed content");
    init->add_option("--seed", seed, "Seed folder holding resources/ (default: content-repo/ of the source tree)");
    init->add_option("--author", author, "Author of the import commit, \"Name <email>\"");

    auto* list = app.add_subcommand("list", "List the resources on main with their type, language and revision");
    json_flag(list);

    auto* show = app.add_subcommand("show", "Print a resource's document");
    show->add_option("ID", id, "Resource id")->required();
    show->add_option("--rev", rev, "Revision (commit, branch or tag; default main)");
    json_flag(show);

    auto* save = app.add_subcommand("save", "Validate a document and commit it as a new revision on main");
    save->add_option("ID", id, "Resource id")->required();
    save->add_option("FILE", file, "The document (- for standard input)")->required();
    save->add_option("--author", author, "\"Name <email>\"")->required();
    save->add_option("--message,-m", message, "What changed and why")->required()->check([](const std::string& text) {
        return text.find_first_not_of(" \t\r\n") == std::string::npos ? std::string("the message is empty: say what changed and why")
                                                                      : std::string();
    });
    save->add_option("--base", base, "The revision you started from (required to change an existing resource)");
    json_flag(save);

    auto* history = app.add_subcommand("history", "Show who changed a resource, when and why (newest first)");
    history->add_option("ID", id, "Resource id")->required();
    history->add_option("--limit,-n", limit, "Show at most this many revisions")->check(CLI::PositiveNumber);
    json_flag(history);

    auto* diff = app.add_subcommand("diff", "Show what changed in a resource between two revisions");
    diff->add_option("ID", id, "Resource id")->required();
    diff->add_option("REV1", rev, "The older revision")->required();
    diff->add_option("REV2", rev2, "The newer revision")->required();
    json_flag(diff);

    auto* revert = app.add_subcommand("revert", "Make a resource as it was at an earlier revision, as a new commit");
    revert->add_option("ID", id, "Resource id")->required();
    revert->add_option("REV", rev, "The revision to go back to")->required();
    revert->add_option("--author", author, "\"Name <email>\"");
    revert->add_option("--message,-m", message, "Why");
    revert->add_option("--base", base, "Fail with a conflict if the resource changed since this revision");
    json_flag(revert);

    auto* withdraw = app.add_subcommand("withdraw", "Remove a resource from main, as a commit (history is kept)");
    withdraw->add_option("ID", id, "Resource id")->required();
    withdraw->add_option("--author", author, "\"Name <email>\"");
    withdraw->add_option("--message,-m", message, "Why");
    withdraw->add_option("--base", base, "Fail with a conflict if the resource changed since this revision");
    json_flag(withdraw);

    auto* gc = app.add_subcommand("gc", "Pack loose objects of the content repository");
    std::vector<Command> commands;
    add_translation_commands(app, config, commands);
    add_approval_commands(app, config, commands);
    add_publish_commands(app, config, commands);
    add_serve_command(app, config, commands);
    add_user_commands(app, config, commands);
    add_queue_command(app, config, commands);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 1;
    }
    config.data_dir = data;
    config.share_dir = share;

    if (init->parsed()) return run_init(config, seed, author);
    for (const auto& command : commands)
        if (command.app->parsed() && !command.needs_context) return command.run(config, nullptr);

    auto ctx = workflow::open_context(config.data_dir, config.share_dir);
    if (!ctx) return report(ctx.error(), config.json);
    const int rc = [&]() -> int {
        for (const auto& command : commands)
            if (command.app->parsed()) return command.run(config, &*ctx);
        if (list->parsed()) return run_list(*ctx, config);
        if (show->parsed()) return run_show(*ctx, config, id, rev);
        if (history->parsed()) return run_history(*ctx, config, id, limit);
        if (diff->parsed()) return run_diff(*ctx, config, id, rev, rev2);
        if (gc->parsed()) {
            auto packed = store::pack_loose_objects(ctx->store);
            if (!packed) return report(packed.error(), config.json);
            std::cout << "packed " << format_count(*packed, "object", "objects") << "\n";
            return 0;
        }
        auto who = author_of(author);
        if (!who) return report(who.error(), config.json);
        if (save->parsed()) {
            auto xml = read_input(file);
            if (!xml) return report(xml.error(), config.json);
            return print_commit_json(workflow::save_source(*ctx, {id, *xml, optional_rev(base), *who, message, file == "-" ? "<stdin>" : file}), config);
        }
        if (revert->parsed()) return print_commit_json(workflow::revert_resource(*ctx, id, rev, *who, message, optional_rev(base)), config);
        if (withdraw->parsed()) return print_commit_json(workflow::withdraw_resource(*ctx, id, *who, message, optional_rev(base)), config);
        return 1;
    }();
    // Keep the repository near what `git gc` would make it, as git's gc.auto does.
    if (rc == 0)
        if (auto packed = store::pack_if_needed(ctx->store); !packed)
            std::cerr << "tandem: warning: could not pack loose objects: " << describe(packed.error()) << "\n";
    return rc;
}

}  // namespace tandem::cli

int main(int argc, char** argv) {
    try {
        return tandem::cli::main(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "tandem: internal error: " << e.what() << "\n";
        return 6;
    }
}
