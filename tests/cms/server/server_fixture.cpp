#include "tests/cms/server/server_fixture.h"

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

}  // namespace tandem::testing
