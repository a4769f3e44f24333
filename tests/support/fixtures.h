#pragma once
// Shared test fixtures: fresh temp folders, and small valid resource documents.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace tandem::testing {

// A new empty folder under the system temp folder, removed with the object.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    // Writes `bytes` to path()/name (folders made as needed) and returns that path.
    std::filesystem::path write(const std::string& name, std::string_view bytes) const;

private:
    std::filesystem::path m_path;
};

// A valid resource document with one section whose paragraph is `paragraph`.
std::string sample_resource(const std::string& id, const std::string& paragraph = "First paragraph.",
                            const std::string& lang = "en");

// The source tree (for the schema, the seed, the binaries' share folder).
std::filesystem::path source_dir();

// Runs a shell command, returns its exit status and captures stdout.
int run_command(const std::string& command, std::string* out = nullptr);

// Every file under a folder (a published site; symlinks to it followed), by
// path from its root, with its bytes.
using SiteFiles = std::map<std::string, std::string>;
SiteFiles read_site(const std::filesystem::path& root);

}  // namespace tandem::testing
