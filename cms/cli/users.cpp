// `tandem user add|list|remove|passwd`: the people who may sign in. Passwords
// are read from standard input, never from the command line (where `ps` and
// shell histories would show them).

#include <termios.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <iostream>
#include <iterator>
#include <memory>

#include "cms/auth/users.h"
#include "cms/cli/commands.h"
#include "cms/cli/output.h"

namespace tandem::cli {

namespace {

struct UserOptions {
    std::string name, role, email;
};

// The password on standard input: typed at a terminal without echo, or
// piped (the first line; a final line break is not part of it).
std::string read_password() {
    std::string password;
    if (::isatty(STDIN_FILENO)) {
        termios saved{};
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        std::cerr << "Password: " << std::flush;
        std::getline(std::cin, password);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << "\n";
    } else {
        std::getline(std::cin, password);
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

Status make_data_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail(ErrorCode::io, "cannot create " + dir.string() + ": " + ec.message());
    return {};
}

int run_add(const Config& config, const UserOptions& o) {
    const auto role = auth::parse_role(o.role);
    if (!role) return report(Error{ErrorCode::invalid, "--role is editor, translator, publisher or admin", {}}, config.json);
    if (auto ok = make_data_dir(config.data_dir); !ok) return report(ok.error(), config.json);
    auto user = auth::add_user(auth::users_path(config.data_dir), o.name, *role, o.email, read_password());
    if (!user) return report(user.error(), config.json);
    std::cerr << "Added " << user->name << " (" << auth::role_name(user->role) << ")\n";
    return 0;
}

int run_list(const Config& config) {
    auto users = auth::read_users(auth::users_path(config.data_dir));
    if (!users) return report(users.error(), config.json);
    if (config.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& u : *users) out.push_back({{"name", u.name}, {"role", auth::role_name(u.role)}, {"email", u.email}});
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    Table table({"NAME", "ROLE", "EMAIL"});
    for (const auto& u : *users) table.add({u.name, auth::role_name(u.role), auth::author_email(u)});
    table.print(std::cout);
    return 0;
}

}  // namespace

void add_user_commands(CLI::App& app, Config& config, std::vector<Command>& commands) {
    auto o = std::make_shared<UserOptions>();
    auto* user = app.add_subcommand("user", "Manage the people who may sign in (stored in <data>/users.json)");
    user->require_subcommand(1);

    auto* add = user->add_subcommand("add", "Add a user; the password is read from standard input");
    add->add_option("NAME", o->name, "User name (a-z, 0-9, . _ -)")->required();
    add->add_option("--role", o->role, "editor, translator, publisher or admin")->required();
    add->add_option("--email", o->email, "E-mail address for the user's commits");
    commands.push_back({add, false, [o](const Config& c, const workflow::Context*) { return run_add(c, *o); }});

    auto* list = user->add_subcommand("list", "List the users and their roles");
    list->add_flag("--json", config.json, "Print JSON");
    commands.push_back({list, false, [](const Config& c, const workflow::Context*) { return run_list(c); }});

    auto* remove = user->add_subcommand("remove", "Remove a user");
    remove->add_option("NAME", o->name, "User name")->required();
    commands.push_back({remove, false, [o](const Config& c, const workflow::Context*) {
        if (auto ok = auth::remove_user(auth::users_path(c.data_dir), o->name); !ok) return report(ok.error(), c.json);
        std::cerr << "Removed " << o->name << "\n";
        return 0;
    }});

    auto* passwd = user->add_subcommand("passwd", "Set a user's password, read from standard input");
    passwd->add_option("NAME", o->name, "User name")->required();
    commands.push_back({passwd, false, [o](const Config& c, const workflow::Context*) {
        if (auto ok = auth::set_password(auth::users_path(c.data_dir), o->name, read_password()); !ok)
            return report(ok.error(), c.json);
        std::cerr << "Password of " << o->name << " changed\n";
        return 0;
    }});
}

}  // namespace tandem::cli
