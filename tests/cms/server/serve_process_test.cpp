// `tandem serve` and `tandem user` as real processes: passwords only from
// standard input, and a graceful stop on SIGTERM that lets a request in
// flight finish.

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "tests/cms/cli/cli_fixture.h"

namespace tandem {
namespace {

using nlohmann::json;

class ServeProcessTest : public testing::CliFixture {
protected:
    void SetUp() override {
        m_dir.write("seed/resources/alpha/resource.xml", testing::sample_resource("alpha"));
        ASSERT_EQ(tandem("init --seed " + path("seed")), 0);
    }
    int add_user(const std::string& name, const std::string& role, const std::string& password) {
        return testing::run_command("printf '%s\\n' '" + password + "' | " + std::string(TANDEM_BINARY) + " --data " +
                                    path("data") + " user add " + name + " --role " + role + " 2>" + path("stderr"));
    }
};

TEST_F(ServeProcessTest, UserAddReadsThePasswordFromStandardInputOnly) {
    EXPECT_EQ(add_user("edna", "editor", "a long password"), 0) << stderr_text();
    EXPECT_EQ(tandem("user add theo --role translator --password 'a long password' </dev/null"), 1)
        << "no password option exists";
    EXPECT_EQ(add_user("theo", "translator", "short"), 2);
    EXPECT_NE(stderr_text().find("too short"), std::string::npos) << stderr_text();
    EXPECT_EQ(add_user("theo", "translator", ""), 2);
    EXPECT_EQ(add_user("edna", "admin", "a long password"), 3) << "the name is taken";
    EXPECT_EQ(add_user("pia", "king", "a long password"), 2);

    std::string out;
    ASSERT_EQ(tandem("user list --json", &out), 0);
    const auto users = json::parse(out);
    ASSERT_EQ(users.size(), 1u);
    EXPECT_EQ(users[0]["name"], "edna");
    EXPECT_EQ(users[0]["role"], "editor");
    struct stat st {};
    ASSERT_EQ(::stat(path("data/users.json").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    std::ifstream in(path("data/users.json"));
    const std::string stored((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(stored.find("a long password"), std::string::npos);
    EXPECT_NE(stored.find("$argon2id$"), std::string::npos);

    EXPECT_EQ(tandem("user remove nobody"), 4);
    EXPECT_EQ(tandem("user remove edna"), 0);
}

// Starts `tandem serve` with stdout and stderr on pipes; returns its pid.
pid_t spawn_serve(const std::string& data, int& out_fd, int& err_fd) {
    int out[2], err[2];
    if (::pipe(out) != 0 || ::pipe(err) != 0) return -1;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        ::close(out[0]);
        ::close(err[0]);
        ::execl(TANDEM_BINARY, TANDEM_BINARY, "--data", data.c_str(), "serve", "--listen", "127.0.0.1:0", nullptr);
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    out_fd = out[0];
    err_fd = err[0];
    return pid;
}

// Reads from fd until `needle` has been seen; returns what was read.
std::string read_until(int fd, const std::string& needle) {
    std::string text;
    char buf[1024];
    while (text.find(needle) == std::string::npos) {
        const auto n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    return text;
}

TEST_F(ServeProcessTest, AUsersFileOthersCanReadIsSaidAtStart) {
    ASSERT_EQ(add_user("edna", "editor", "a long password"), 0);
    ASSERT_EQ(::chmod(path("data/users.json").c_str(), 0644), 0);
    int out_fd = -1, err_fd = -1;
    const pid_t pid = spawn_serve(path("data"), out_fd, err_fd);
    ASSERT_GT(pid, 0);
    const std::string said = read_until(err_fd, "chmod 600 it");
    EXPECT_NE(said.find("users.json can be read by others (mode 0644)"), std::string::npos) << said;
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ::close(out_fd);
    ::close(err_fd);
}

TEST_F(ServeProcessTest, SigtermLetsTheRequestInFlightFinishAndExitsZero) {
    ASSERT_EQ(add_user("edna", "editor", "a long password"), 0);
    int out_fd = -1, err_fd = -1;
    const pid_t pid = spawn_serve(path("data"), out_fd, err_fd);
    ASSERT_GT(pid, 0);
    const std::string banner = read_until(out_fd, "/\n");
    const auto at = banner.find("Tandem is serving on http://127.0.0.1:");
    ASSERT_NE(at, std::string::npos) << banner;
    const int port = std::stoi(banner.substr(at + std::string("Tandem is serving on http://127.0.0.1:").size()));

    httplib::Client client("127.0.0.1", port);
    auto signed_in = client.Post("/api/session", R"({"user":"edna","password":"a long password"})", "application/json");
    ASSERT_TRUE(signed_in);
    ASSERT_EQ(signed_in->status, 200);
    const std::string cookie = signed_in->get_header_value("Set-Cookie").substr(0, signed_in->get_header_value("Set-Cookie").find(';'));
    const std::string csrf = json::parse(signed_in->body)["csrf"];
    auto view = client.Get("/api/resources/alpha", {{"Cookie", cookie}});
    const std::string base = json::parse(view->body)["revision"];

    // A save in flight when SIGTERM arrives: its headers are read (the
    // server asked for the body with "100 Continue") and its body is sent
    // only once the server has said it is stopping.
    const std::string body = testing::sample_resource("alpha", "Saved while stopping.");
    const std::string head = "PUT /api/resources/alpha HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie +
                             "\r\nX-CSRF-Token: " + csrf + "\r\nIf-Match: \"" + base +
                             "\"\r\nContent-Type: application/xml\r\nConnection: close\r\nExpect: 100-continue\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n";
    const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::write(sock, head.data(), head.size()), static_cast<ssize_t>(head.size()));
    const std::string go_on = read_until(sock, "\r\n\r\n");
    ASSERT_EQ(go_on.rfind("HTTP/1.1 100", 0), 0u) << go_on;

    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    const std::string said = read_until(err_fd, "finishing the requests in flight");
    ASSERT_NE(said.find("SIGTERM"), std::string::npos) << said;
    ASSERT_EQ(::write(sock, body.data(), body.size()), static_cast<ssize_t>(body.size()));
    const std::string response = read_until(sock, "\"changed\"");
    ::close(sock);
    EXPECT_EQ(response.rfind("HTTP/1.1 200", 0), 0u) << response << read_until(err_fd, "tandem: stopped");

    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    std::string shown;
    ASSERT_EQ(tandem("show alpha", &shown), 0);
    EXPECT_NE(shown.find("Saved while stopping."), std::string::npos);
    // Nothing listens any more.
    httplib::Client after("127.0.0.1", port);
    EXPECT_FALSE(after.Get("/api/i18n/en"));
    ::close(out_fd);
    ::close(err_fd);
}

}  // namespace
}  // namespace tandem
