#pragma once
// A real server on loopback (port 0) over a real data folder, with one user
// per role, and an httplib client to talk to it.

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cms/server/server.h"
#include "tests/support/fixtures.h"

namespace tandem::testing {

struct SignedIn {
    std::string cookie;  // "tandem_session=…"
    std::string csrf;
    httplib::Headers headers(bool with_csrf = true) const;
};

class ServerFixture : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    SignedIn sign_in(const std::string& user);
    std::unique_ptr<httplib::Client> client() const;
    // The tip of main, read with git itself.
    std::string git(const std::string& args) const;
    std::string tip() const { return git("rev-parse main"); }
    std::vector<std::string> access_log() const;
    // Writes each of `requests` as it is (for what an HTTP client library
    // will not send) on one new connection, the next once the answer to the
    // one before is in, and returns everything the server sends back until it
    // closes the connection or `patience` has passed.
    struct RawAnswer {
        std::string bytes;
        bool closed = false;  // the server ended the connection
    };
    RawAnswer exchange_raw(const std::vector<std::string>& requests,
                           std::chrono::milliseconds patience = std::chrono::seconds(3)) const;

    TempDir m_dir;
    std::unique_ptr<workflow::Context> m_ctx;
    std::unique_ptr<server::Server> m_server;
    int m_port = 0;
    mutable std::mutex m_log_mutex;
    std::vector<std::string> m_log;
};

// The passwords the fixture gives its users: "<name>-password".
inline std::string password_of(const std::string& user) { return user + "-password"; }

}  // namespace tandem::testing
