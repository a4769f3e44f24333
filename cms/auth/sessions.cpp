#include "cms/auth/sessions.h"

#include <sys/stat.h>

#include <sodium.h>

#include <algorithm>

namespace tandem::auth {

bool same_secret(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_token(std::size_t bytes) {
    if (sodium_init() < 0) std::abort();  // no randomness: nothing safe can be done
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
    hex.pop_back();
    return hex;
}

Session SessionTable::create(const User& user, Clock::time_point now) {
    Session session{random_token(), random_token(), user.name, user.role, author_email(user), now + m_idle, user.password_hash};
    auto entry = std::make_unique<Entry>();
    entry->session = session;
    entry->expires = session.expires.time_since_epoch().count();
    std::unique_lock lock(m_mutex);
    // Expired sessions are swept when sessions are made, so the table stays
    // as small as the number of people signed in.
    std::erase_if(m_sessions, [&](const auto& kv) { return kv.second->expires.load() < now.time_since_epoch().count(); });
    m_sessions.emplace(session.id, std::move(entry));
    return session;
}

std::optional<Session> SessionTable::find(std::string_view id, Clock::time_point now) {
    {
        std::shared_lock lock(m_mutex);
        const auto it = m_sessions.find(std::string(id));
        if (it == m_sessions.end()) return std::nullopt;
        Entry& entry = *it->second;
        if (entry.expires.load() >= now.time_since_epoch().count()) {
            entry.expires = (now + m_idle).time_since_epoch().count();
            Session session = entry.session;
            session.expires = now + m_idle;
            return session;
        }
    }
    remove(id);
    return std::nullopt;
}

void SessionTable::remove(std::string_view id) {
    std::unique_lock lock(m_mutex);
    m_sessions.erase(std::string(id));
}

void SessionTable::remove_user(std::string_view user) {
    std::unique_lock lock(m_mutex);
    std::erase_if(m_sessions, [&](const auto& kv) { return kv.second->session.user == user; });
}

void LoginLimiter::count_failure(Failures& f, int free, Clock::time_point now) {
    ++f.count;
    if (f.count < free) return;
    // k_first_lockout once the free failures are used up, doubling with each further one.
    const int doublings = std::min(f.count - free, 20);
    const auto wait = std::min<std::chrono::seconds>(k_first_lockout * (1LL << doublings), k_max_lockout);
    f.until = now + wait;
}

std::optional<std::chrono::seconds> LoginLimiter::locked(std::string_view user, std::string_view address,
                                                         Clock::time_point now) {
    std::lock_guard lock(m_mutex);
    Clock::time_point until{};
    if (const auto it = m_users.find(std::string(user)); it != m_users.end()) until = std::max(until, it->second.until);
    if (const auto it = m_addresses.find(std::string(address)); it != m_addresses.end())
        until = std::max(until, it->second.until);
    if (until <= now) return std::nullopt;
    // Rounded up: a client that waits Retry-After seconds is let in.
    return std::chrono::ceil<std::chrono::seconds>(until - now);
}

void LoginLimiter::failed(std::string_view user, std::string_view address, Clock::time_point now) {
    std::lock_guard lock(m_mutex);
    // Names and addresses whose lockout is over are forgotten once the
    // tables grow, so guessing many names cannot fill the memory.
    for (auto* table : {&m_users, &m_addresses})
        if (table->size() > k_max_tracked)
            std::erase_if(*table, [&](const auto& kv) { return kv.second.until <= now; });
    count_failure(m_users[std::string(user)], k_free_failures, now);
    count_failure(m_addresses[std::string(address)], k_free_failures_per_address, now);
}

void LoginLimiter::succeeded(std::string_view user) {
    std::lock_guard lock(m_mutex);
    m_users.erase(std::string(user));
}

bool still_valid(const Session& session, const std::optional<User>& user) {
    return user && user->name == session.user && user->role == session.role &&
           same_secret(user->password_hash, session.credential);
}

namespace {

// What changes when the file is replaced (write_users renames a new file in)
// or written in place; empty when there is no file.
std::string file_stamp(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};
    return std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec);
}

}  // namespace

std::optional<User> UsersOnDisk::find(std::string_view name, Clock::time_point now) {
    {
        std::shared_lock lock(m_mutex);
        if (m_checked != Clock::time_point{} && now - m_checked < m_recheck) {
            for (const auto& user : m_users)
                if (user.name == name) return user;
            return std::nullopt;
        }
    }
    std::unique_lock lock(m_mutex);
    if (m_checked == Clock::time_point{} || now - m_checked >= m_recheck) {
        m_checked = now;
        if (std::string stamp = file_stamp(m_path); stamp != m_stamp || stamp.empty()) {
            auto users = read_users(m_path);
            m_users = users ? std::move(*users) : std::vector<User>{};
            m_stamp = users ? std::move(stamp) : std::string();
        }
    }
    for (const auto& user : m_users)
        if (user.name == name) return user;
    return std::nullopt;
}

}  // namespace tandem::auth
