#include "tests/cms/server/server_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>

#include "cms/auth/users.h"

namespace tandem::testing {

httplib::Headers SignedIn::headers(bool with_csrf) const {
    httplib::Headers h{{"Cookie", cookie}};
    if (with_csrf) h.emplace("X-CSRF-Token", csrf);
    return h;
}

void ServerFixture::SetUp() {
    m_dir.write("seed/resources/alpha/resource.xml", sample_resource("alpha", "Alpha paragraph."));
    m_dir.write("seed/resources/beta/resource.xml", sample_resource("beta", "Beta paragraph."));
    m_dir.write("web/index.html", "<!doctype html><title>Tandem</title><script src=\"/app.js\"></script>\n");
    m_dir.write("web/app.js", "console.log('tandem');\n");
    m_dir.write("outside.txt", "secret\n");
    auto ctx = workflow::init_data(m_dir.path() / "data", source_dir(), m_dir.path() / "seed",
                                   {"Seed", "seed@example.org", 1'700'000'000});
    ASSERT_TRUE(ctx) << describe(ctx.error());
    m_ctx = std::make_unique<workflow::Context>(*ctx);
    const auto users = auth::users_path(m_dir.path() / "data");
    const std::pair<const char*, auth::Role> people[] = {
        {"edna", auth::Role::editor}, {"theo", auth::Role::translator}, {"tina", auth::Role::translator},
        {"pia", auth::Role::publisher}};
    for (const auto& [name, role] : people) ASSERT_TRUE(auth::add_user(users, name, role, "", password_of(name)));

    server::ServerConfig config;
    config.host = "127.0.0.1";
    config.port = 0;
    config.web_dir = m_dir.path() / "web";
    config.locale_dir = m_dir.path() / "locales";
    config.max_body = 1 << 20;
    config.access_log = [this](std::string_view line) {
        std::lock_guard lock(m_log_mutex);
        m_log.emplace_back(line);
    };
    auto started = server::Server::start(*m_ctx, config);
    ASSERT_TRUE(started) << describe(started.error());
    m_server = std::move(*started);
    m_port = m_server->port();
}

void ServerFixture::TearDown() {
    if (m_server) {
        m_server->stop();
        m_server->wait();
    }
}

std::unique_ptr<httplib::Client> ServerFixture::client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", m_port);
    c->set_read_timeout(120);
    return c;
}

SignedIn ServerFixture::sign_in(const std::string& user) {
    auto res = client()->Post("/api/session", nlohmann::json{{"user", user}, {"password", password_of(user)}}.dump(),
                              "application/json");
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << res->body;
    const std::string set_cookie = res->get_header_value("Set-Cookie");
    return {set_cookie.substr(0, set_cookie.find(';')), nlohmann::json::parse(res->body).value("csrf", "")};
}

std::string ServerFixture::git(const std::string& args) const {
    std::string out;
    run_command("git --git-dir=" + (m_dir.path() / "data" / "content.git").string() + " " + args, &out);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

std::vector<std::string> ServerFixture::access_log() const {
    std::lock_guard lock(m_log_mutex);
    return m_log;
}

namespace {

// How many whole responses `bytes` holds (each with a Content-Length, as the
// server's are).
std::size_t whole_responses(const std::string& bytes) {
    std::size_t count = 0, at = 0;
    for (;;) {
        const auto end_of_headers = bytes.find("\r\n\r\n", at);
        if (end_of_headers == std::string::npos) return count;
        std::string headers = bytes.substr(at, end_of_headers - at);
        for (auto& c : headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::size_t length = 0;
        if (const auto field = headers.find("\r\ncontent-length:"); field != std::string::npos)
            length = std::stoul(headers.substr(field + 17));
        if (bytes.size() < end_of_headers + 4 + length) return count;
        at = end_of_headers + 4 + length;
        ++count;
    }
}

}  // namespace

ServerFixture::RawAnswer ServerFixture::exchange_raw(const std::vector<std::string>& requests,
                                                     std::chrono::milliseconds patience) const {
    RawAnswer answer;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    EXPECT_GE(fd, 0);
    if (fd < 0) return answer;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(m_port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    EXPECT_TRUE(connected);
    const auto deadline = std::chrono::steady_clock::now() + patience;
    for (std::size_t i = 0; connected && i < requests.size() && !answer.closed; ++i) {
        // The server may answer and close before it has read everything: a
        // failed send is not the test's failure, what comes back is.
        const std::string& bytes = requests[i];
        for (std::size_t sent = 0; sent < bytes.size();) {
            const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) break;
            sent += static_cast<std::size_t>(n);
        }
        // Until this request's answer is in (or, after the last, until the end).
        while (i + 1 == requests.size() || whole_responses(answer.bytes) <= i) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) break;
            pollfd wait{fd, POLLIN, 0};
            if (::poll(&wait, 1, static_cast<int>(left.count())) <= 0) break;
            char buffer[65536];
            const auto n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                answer.closed = true;
                break;
            }
            answer.bytes.append(buffer, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    return answer;
}

}  // namespace tandem::testing
