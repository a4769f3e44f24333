#pragma once
// The people who may sign in: names, roles and Argon2id password hashes, kept
// in the data folder (<data>/users.json, mode 0600), never in the content
// repository, so a clone of the content never carries anyone's password hash.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cms/core/result.h"

namespace tandem::auth {

// The roles of web/API.md. A publisher may do everything an editor and a
// translator may; an admin may do everything.
enum class Role { editor, translator, publisher, admin };

// What a write needs; every write route names one.
enum class Permission {
    edit_sources,   // save, revert a resource document
    edit_catalogs,  // save a catalog or a segment, claim in the queue
    publish,        // approve, publish, roll back, set queue priorities
    manage_users,
};

std::optional<Role> parse_role(std::string_view name);
const char* role_name(Role role);
bool role_may(Role role, Permission permission);

struct User {
    std::string name;
    Role role = Role::editor;
    std::string email;          // may be empty
    std::string password_hash;  // crypto_pwhash_str's encoded Argon2id string
};

// The address a commit's author line carries: the user's e-mail, or
// <name>@users.tandem.invalid when there is none.
std::string author_email(const User& user);

inline constexpr std::size_t k_min_password_length = 10;
inline constexpr std::size_t k_max_password_length = 1024;

// 1..64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit: a name
// that is safe in a commit's author line and a log. Errors: invalid.
Status check_user_name(std::string_view name);

// At least k_min_password_length characters, at most k_max_password_length
// bytes, valid UTF-8. Errors: invalid.
Status check_password(std::string_view password);

// Argon2id (libsodium's crypto_pwhash_str, interactive limits), salted.
// Errors: io (libsodium could not start or ran out of memory).
Result<std::string> hash_password(std::string_view password);

// Whether `password` matches an encoded hash. Constant-time in the password.
bool verify_password(std::string_view hash, std::string_view password);

std::filesystem::path users_path(const std::filesystem::path& data_dir);

// Reads the users file; an absent file is no users. Errors: corrupt, io.
Result<std::vector<User>> read_users(const std::filesystem::path& path);

// Replaces the users file atomically, readable by its owner only. It narrows
// the process umask while it writes, so call it from one thread (the CLI).
// Errors: io.
Status write_users(const std::filesystem::path& path, const std::vector<User>& users);

// The file-level use cases of `tandem user`: each reads the file, changes one
// user and writes it back. Errors: invalid (name, password), conflict (add:
// the name is taken), not_found (remove, passwd: no such user), corrupt, io.
Result<User> add_user(const std::filesystem::path& path, std::string_view name, Role role, std::string_view email,
                      std::string_view password);
Status remove_user(const std::filesystem::path& path, std::string_view name);
Status set_password(const std::filesystem::path& path, std::string_view name, std::string_view password);

// The user whose name and password these are, or nullopt. An unknown name
// costs a hash verification too, so timing does not tell which names exist.
std::optional<User> authenticate(const std::vector<User>& users, std::string_view name, std::string_view password);

}  // namespace tandem::auth
