#pragma once
// Subcommands defined outside main.cpp register here: each adds its CLI11
// subcommand and returns what runs it once the command line is parsed.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <vector>

#include "cms/workflow/workflow.h"

namespace tandem::cli {

struct Config {
    std::filesystem::path data_dir;
    std::filesystem::path share_dir;
    bool json = false;
};

struct Command {
    CLI::App* app;
    // Commands that work on the content repository get the opened context;
    // the others (its extract/merge) get nullptr and need none.
    bool needs_context = true;
    std::function<int(const Config&, const workflow::Context*)> run;
};

// extract, status, po export/import, translate, its extract/merge.
void add_translation_commands(CLI::App& app, Config& config, std::vector<Command>& commands);

// approve, withdraw-release, pending.
void add_approval_commands(CLI::App& app, Config& config, std::vector<Command>& commands);

// publish, rollback, releases.
void add_publish_commands(CLI::App& app, Config& config, std::vector<Command>& commands);

// serve (cms/cli/serve.cpp).
void add_serve_command(CLI::App& app, Config& config, std::vector<Command>& commands);

// user add|list|remove|passwd (cms/cli/users.cpp).
void add_user_commands(CLI::App& app, Config& config, std::vector<Command>& commands);

// queue (cms/cli/queue.cpp).
void add_queue_command(CLI::App& app, Config& config, std::vector<Command>& commands);

}  // namespace tandem::cli
