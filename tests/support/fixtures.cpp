#include "tests/support/fixtures.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>

namespace tandem::testing {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    m_path = std::filesystem::temp_directory_path() /
             ("tandem-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
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

}  // namespace tandem::testing
