#include "tests/support/fixtures.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace tandem::testing {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tandem-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
}

std::filesystem::path TempDir::write(const std::string& name, std::string_view bytes) const {
    const auto path = m_path / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::string sample_resource(const std::string& id, const std::string& paragraph, const std::string& lang) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<resource xmlns=\"urn:tandem:resource:1\" xmlns:its=\"http://www.w3.org/2005/11/its\" id=\"" + id +
           "\" xml:lang=\"" + lang + "\" type=\"report\">\n"
           "  <title>Sample " + id + "</title>\n"
           "  <summary>A sample resource.</summary>\n"
           "  <meta><scope>canadian</scope><topic>protection</topic></meta>\n"
           "  <body>\n"
           "    <section id=\"intro\">\n"
           "      <h>Introduction</h>\n"
           "      <p>" + paragraph + "</p>\n"
           "    </section>\n"
           "  </body>\n"
           "</resource>\n";
}

std::filesystem::path source_dir() { return TANDEM_SOURCE_DIR; }

int run_command(const std::string& command, std::string* out) {
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return -1;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0)
        if (out) out->append(buf, n);
    const int status = ::pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

SiteFiles read_site(const std::filesystem::path& root) {
    namespace fs = std::filesystem;
    SiteFiles files;
    const fs::path real = fs::canonical(root);
    for (auto it = fs::recursive_directory_iterator(real); it != fs::recursive_directory_iterator(); ++it)
        if (it->is_regular_file()) {
            std::ifstream in(it->path(), std::ios::binary);
            files[fs::relative(it->path(), real).generic_string()] = std::string(std::istreambuf_iterator<char>(in), {});
        }
    return files;
}

}  // namespace tandem::testing
