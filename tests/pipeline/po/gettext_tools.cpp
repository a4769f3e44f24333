#include "tests/pipeline/po/gettext_tools.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

// libgettextpo 0.21 leaks a little on every call (its lexer's copy of the file
// name, msgctxt strings, parser string lists): not ours to fix, so
// LeakSanitizer (TANDEM_SANITIZE builds) is told to look past it in this test
// program, and past the message strings that a fatal error leaves behind (see
// call_reporting).
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libgettextpo\nleak:vasprintf\n";
}

namespace tandem::po::testing {

namespace fs = std::filesystem;

std::optional<fs::path> find_tool(std::string_view name) {
    const char* path = std::getenv("PATH");
    std::string_view rest = path ? path : "/usr/bin:/bin";
    while (!rest.empty()) {
        const std::size_t colon = rest.find(':');
        const fs::path candidate = fs::path(rest.substr(0, colon)) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
    }
    return std::nullopt;
}

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

ToolRun run_tool(const fs::path& dir, std::string_view tool, const std::vector<std::string>& args) {
    ToolRun result;
    const auto exe = find_tool(tool);
    if (!exe) return result;
    const fs::path out = dir / ".tool-stdout";
    const fs::path err = dir / ".tool-stderr";

    std::vector<std::string> argv_storage{std::string(tool)};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_storage) argv.push_back(a.data());
    argv.push_back(nullptr);

    std::vector<std::string> env_storage{"LC_ALL=C", "LANG=C", "PATH=/usr/bin:/bin"};
    std::vector<char*> envp;
    for (std::string& e : env_storage) envp.push_back(e.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, exe->c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return result;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_bytes(out);
    result.err = read_bytes(err);
    fs::remove(out);
    fs::remove(err);
    return result;
}

std::optional<fs::path> po_conformance_dir() {
    const fs::path dir = fs::path(TANDEM_SHARED_DIR) / "conformance" / "gettext-po";
    if (fs::exists(dir / "manifest.tsv")) return dir;
    return std::nullopt;
}

fs::path data_dir() {
    return fs::path(TANDEM_SOURCE_DIR) / "tests" / "pipeline" / "po" / "data";
}

}  // namespace tandem::po::testing
