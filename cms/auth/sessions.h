#pragma once
// Signed-in sessions held in the server's memory, and the sign-in rate
// limiter. Times are passed in (a steady clock in the server), so the rules
// are tested without waiting.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cms/auth/users.h"

namespace tandem::auth {

using Clock = std::chrono::steady_clock;

struct Session {
    std::string id;    // 64 hex digits from 32 random bytes: the cookie's value
    std::string csrf;  // 64 hex digits, sent back in X-CSRF-Token on every write
    std::string user;
    Role role = Role::editor;
    std::string email;  // the author e-mail of the user's commits
    Clock::time_point expires;
    std::string credential;  // the password hash signed in with: a new password ends the session
};

// Whether the users file still stands behind a session: the user exists,
// with the role and the password hash the session was made with. A removed
// user, a changed role or a changed password ends it.
bool still_valid(const Session& session, const std::optional<User>& user);

// The users file as it is now, read again when it changes on disk (looked
// at no more often than `recheck`), so a running server sees `tandem user
// remove`, `passwd` and role changes. A file that cannot be read holds no
// one (fail closed). Safe from any thread.
class UsersOnDisk {
public:
    explicit UsersOnDisk(std::filesystem::path path, Clock::duration recheck = std::chrono::seconds(1))
        : m_path(std::move(path)), m_recheck(recheck) {}
    std::optional<User> find(std::string_view name, Clock::time_point now);

private:
    std::filesystem::path m_path;
    Clock::duration m_recheck;
    std::shared_mutex m_mutex;
    Clock::time_point m_checked{};
    std::string m_stamp;  // the file's inode, size and modification time when read
    std::vector<User> m_users;
};

// Compares two secrets in time that depends only on their lengths.
bool same_secret(std::string_view a, std::string_view b);

// 2 × `bytes` hex digits from libsodium's randombytes_buf.
std::string random_token(std::size_t bytes = 32);

inline constexpr std::chrono::hours k_session_idle{12};

// Sessions expire after `idle` without a request. Safe from any thread:
// finding a session (every request) takes a shared lock only.
class SessionTable {
public:
    SessionTable() = default;
    explicit SessionTable(Clock::duration idle) : m_idle(idle) {}
    Session create(const User& user, Clock::time_point now);
    // The live session with this id, its expiry pushed back; nullopt when
    // unknown or expired (an expired one is dropped).
    std::optional<Session> find(std::string_view id, Clock::time_point now);
    void remove(std::string_view id);
    // Ends every session of a user (removed, or password changed).
    void remove_user(std::string_view user);

private:
    struct Entry {
        Session session;
        std::atomic<Clock::rep> expires;  // pushed back under the shared lock
    };
    Clock::duration m_idle = k_session_idle;
    std::shared_mutex m_mutex;
    std::unordered_map<std::string, std::unique_ptr<Entry>> m_sessions;
};

// Sign-in failures counted per user name and per client address. After
// k_free_failures failures in a row a key is locked out for k_first_lockout, then twice
// as long after each further failure (at most k_max_lockout); a success
// clears the user name's count (not the address's: one account that works
// must not reset guessing at others).
inline constexpr int k_free_failures = 5;
inline constexpr int k_free_failures_per_address = 20;
inline constexpr std::chrono::seconds k_first_lockout{30};
inline constexpr std::chrono::seconds k_max_lockout{15 * 60};
inline constexpr std::size_t k_max_tracked = 10000;

class LoginLimiter {
public:
    // How long the caller must wait before trying again, or nullopt.
    std::optional<std::chrono::seconds> locked(std::string_view user, std::string_view address, Clock::time_point now);
    void failed(std::string_view user, std::string_view address, Clock::time_point now);
    void succeeded(std::string_view user);

private:
    struct Failures {
        int count = 0;
        Clock::time_point until{};
    };
    static void count_failure(Failures& f, int free, Clock::time_point now);
    std::mutex m_mutex;
    std::unordered_map<std::string, Failures> m_users;
    std::unordered_map<std::string, Failures> m_addresses;
};

}  // namespace tandem::auth
