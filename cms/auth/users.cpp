#include "cms/auth/users.h"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cms/auth/sessions.h"
#include "cms/core/text.h"

namespace tandem::auth {

namespace {

using nlohmann::json;

constexpr std::string_view k_role_names[] = {"editor", "translator", "publisher", "admin"};

Status start_sodium() {
    if (sodium_init() < 0) return fail(ErrorCode::io, "libsodium could not start");
    return {};
}

// A hash of a password nobody has, verified for unknown names so that a
// sign-in takes as long whether or not the name exists.
const std::string& decoy_hash() {
    static const std::string hash = hash_password(random_token()).value_or(std::string());
    return hash;
}

}  // namespace

std::optional<Role> parse_role(std::string_view name) {
    for (std::size_t i = 0; i < std::size(k_role_names); ++i)
        if (k_role_names[i] == name) return static_cast<Role>(i);
    return std::nullopt;
}

const char* role_name(Role role) { return k_role_names[static_cast<std::size_t>(role)].data(); }

bool role_may(Role role, Permission permission) {
    switch (role) {
        case Role::admin: return true;
        case Role::publisher: return permission != Permission::manage_users;
        case Role::editor: return permission == Permission::edit_sources;
        case Role::translator: return permission == Permission::edit_catalogs;
    }
    return false;
}

std::string author_email(const User& user) {
    return user.email.empty() ? user.name + "@users.tandem.invalid" : user.email;
}

Status check_user_name(std::string_view name) {
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    };
    if (name.empty() || name.size() > 64 || !std::all_of(name.begin(), name.end(), allowed) || !std::isalnum(static_cast<unsigned char>(name[0])))
        return fail(ErrorCode::invalid, "user name \"" + std::string(name.substr(0, 64)) +
                                            "\" is not 1 to 64 of a-z, 0-9, '.', '_', '-' starting with a letter or digit");
    return {};
}

Status check_password(std::string_view password) {
    if (auto ok = check_utf8(password, "the password"); !ok) return fail(ErrorCode::invalid, "the password is not UTF-8");
    std::size_t characters = 0;
    for (std::size_t at = 0; at < password.size(); at += decode_utf8(password, at).size) ++characters;
    if (characters < k_min_password_length)
        return fail(ErrorCode::invalid, "the password is too short: at least " + std::to_string(k_min_password_length) +
                                            " characters are needed");
    if (password.size() > k_max_password_length)
        return fail(ErrorCode::invalid, "the password is too long: at most " + std::to_string(k_max_password_length) + " bytes");
    return {};
}

Result<std::string> hash_password(std::string_view password) {
    if (auto ok = start_sodium(); !ok) return tl::unexpected(ok.error());
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return fail(ErrorCode::io, "hashing the password ran out of memory");
    return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
    if (!start_sodium() || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string terminated(hash);  // libsodium reads a C string
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::filesystem::path users_path(const std::filesystem::path& data_dir) { return data_dir / "users.json"; }

Result<std::vector<User>> read_users(const std::filesystem::path& path) {
    auto text = read_file(path);
    if (!text) {
        if (text.error().code == ErrorCode::not_found) return std::vector<User>{};
        return tl::unexpected(text.error());
    }
    const json doc = json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("users") || !doc["users"].is_array())
        return fail(ErrorCode::corrupt, path.string() + " is not a users file ({\"users\":[…]})");
    std::vector<User> users;
    for (const auto& u : doc["users"]) {
        const auto role = parse_role(u.value("role", ""));
        if (!u.is_object() || !u.contains("name") || !u["name"].is_string() || !role ||
            !u.contains("password") || !u["password"].is_string())
            return fail(ErrorCode::corrupt, path.string() + ": a user lacks a name, a known role or a password hash");
        users.push_back({u["name"].get<std::string>(), *role, u.value("email", ""), u["password"].get<std::string>()});
    }
    return users;
}

Status write_users(const std::filesystem::path& path, const std::vector<User>& users) {
    json list = json::array();
    for (const auto& u : users)
        list.push_back({{"name", u.name}, {"role", role_name(u.role)}, {"email", u.email}, {"password", u.password_hash}});
    // The temporary file is created under this umask, so the hashes are never
    // readable by others, not even between creation and rename.
    const mode_t previous = ::umask(077);
    auto written = write_file_atomic(path, json{{"users", list}}.dump(2) + "\n");
    ::umask(previous);
    if (!written) return written;
    if (::chmod(path.c_str(), 0600) != 0) return fail(ErrorCode::io, "cannot make " + path.string() + " private");
    return {};
}

Result<User> add_user(const std::filesystem::path& path, std::string_view name, Role role, std::string_view email,
                      std::string_view password) {
    if (auto ok = check_user_name(name); !ok) return tl::unexpected(ok.error());
    if (auto ok = check_password(password); !ok) return tl::unexpected(ok.error());
    if (email.find_first_of("<>\n\r") != std::string_view::npos)
        return fail(ErrorCode::invalid, "the e-mail address may not hold '<', '>' or a line break");
    auto users = read_users(path);
    if (!users) return tl::unexpected(users.error());
    if (std::any_of(users->begin(), users->end(), [&](const User& u) { return u.name == name; }))
        return fail(ErrorCode::conflict, "user " + std::string(name) + " exists already");
    auto hash = hash_password(password);
    if (!hash) return tl::unexpected(hash.error());
    User user{std::string(name), role, std::string(email), std::move(*hash)};
    users->push_back(user);
    if (auto ok = write_users(path, *users); !ok) return tl::unexpected(ok.error());
    return user;
}

Status remove_user(const std::filesystem::path& path, std::string_view name) {
    auto users = read_users(path);
    if (!users) return tl::unexpected(users.error());
    const auto it = std::find_if(users->begin(), users->end(), [&](const User& u) { return u.name == name; });
    if (it == users->end()) return fail(ErrorCode::not_found, "no user " + std::string(name));
    users->erase(it);
    return write_users(path, *users);
}

Status set_password(const std::filesystem::path& path, std::string_view name, std::string_view password) {
    if (auto ok = check_password(password); !ok) return ok;
    auto users = read_users(path);
    if (!users) return tl::unexpected(users.error());
    const auto it = std::find_if(users->begin(), users->end(), [&](const User& u) { return u.name == name; });
    if (it == users->end()) return fail(ErrorCode::not_found, "no user " + std::string(name));
    auto hash = hash_password(password);
    if (!hash) return tl::unexpected(hash.error());
    it->password_hash = std::move(*hash);
    return write_users(path, *users);
}

std::optional<User> authenticate(const std::vector<User>& users, std::string_view name, std::string_view password) {
    const auto it = std::find_if(users.begin(), users.end(), [&](const User& u) { return u.name == name; });
    if (it == users.end()) {
        verify_password(decoy_hash(), password);
        return std::nullopt;
    }
    if (!verify_password(it->password_hash, password)) return std::nullopt;
    return *it;
}

}  // namespace tandem::auth
