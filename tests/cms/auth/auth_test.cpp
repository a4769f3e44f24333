// Users, password hashes, sessions and the sign-in limiter.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "cms/auth/sessions.h"
#include "cms/auth/users.h"
#include "cms/core/text.h"
#include "tests/support/fixtures.h"

namespace tandem {
namespace {

using auth::Clock;
using auth::Permission;
using auth::Role;

TEST(Roles, FollowTheApiContract) {
    EXPECT_TRUE(auth::role_may(Role::editor, Permission::edit_sources));
    EXPECT_FALSE(auth::role_may(Role::editor, Permission::edit_catalogs));
    EXPECT_FALSE(auth::role_may(Role::editor, Permission::publish));
    EXPECT_TRUE(auth::role_may(Role::translator, Permission::edit_catalogs));
    EXPECT_FALSE(auth::role_may(Role::translator, Permission::publish));
    EXPECT_FALSE(auth::role_may(Role::translator, Permission::edit_sources));
    EXPECT_TRUE(auth::role_may(Role::publisher, Permission::edit_sources));
    EXPECT_TRUE(auth::role_may(Role::publisher, Permission::edit_catalogs));
    EXPECT_TRUE(auth::role_may(Role::publisher, Permission::publish));
    EXPECT_FALSE(auth::role_may(Role::publisher, Permission::manage_users));
    EXPECT_TRUE(auth::role_may(Role::admin, Permission::manage_users));
    for (const char* name : {"editor", "translator", "publisher", "admin"})
        EXPECT_STREQ(auth::role_name(*auth::parse_role(name)), name);
    EXPECT_FALSE(auth::parse_role("root"));
}

TEST(Passwords, HashIsArgon2idSaltedAndVerifies) {
    auto a = auth::hash_password("correct horse battery");
    auto b = auth::hash_password("correct horse battery");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->rfind("$argon2id$", 0), 0u) << *a;
    EXPECT_NE(*a, *b) << "each hash has its own salt";
    EXPECT_TRUE(auth::verify_password(*a, "correct horse battery"));
    EXPECT_FALSE(auth::verify_password(*a, "correct horse battery "));
    EXPECT_FALSE(auth::verify_password("not a hash", "correct horse battery"));
}

TEST(Passwords, ShortOrEmptyOnesAreRefused) {
    EXPECT_EQ(auth::check_password("").error().code, ErrorCode::invalid);
    EXPECT_EQ(auth::check_password("short").error().code, ErrorCode::invalid);
    EXPECT_EQ(auth::check_password("\xff\xfe long enough text").error().code, ErrorCode::invalid);
    EXPECT_TRUE(auth::check_password("long enough"));
}

TEST(UsersFile, AddAuthenticateRemoveAndKeepItPrivate) {
    testing::TempDir dir;
    const auto path = auth::users_path(dir.path());
    ASSERT_TRUE(auth::add_user(path, "edna", Role::editor, "", "edna's password"));
    ASSERT_TRUE(auth::add_user(path, "theo", Role::translator, "theo@example.org", "theo's password"));
    EXPECT_EQ(auth::add_user(path, "edna", Role::admin, "", "another password").error().code, ErrorCode::conflict);
    EXPECT_EQ(auth::add_user(path, "Bad Name", Role::admin, "", "another password").error().code, ErrorCode::invalid);

    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    const auto text = read_file(path);
    ASSERT_TRUE(text);
    EXPECT_EQ(text->find("edna's password"), std::string::npos) << "only hashes are stored";

    auto users = auth::read_users(path);
    ASSERT_TRUE(users);
    ASSERT_EQ(users->size(), 2u);
    EXPECT_EQ(auth::author_email((*users)[0]), "edna@users.tandem.invalid");
    EXPECT_EQ(auth::author_email((*users)[1]), "theo@example.org");
    EXPECT_TRUE(auth::authenticate(*users, "edna", "edna's password"));
    EXPECT_FALSE(auth::authenticate(*users, "edna", "theo's password"));
    EXPECT_FALSE(auth::authenticate(*users, "nobody", "edna's password"));

    ASSERT_TRUE(auth::set_password(path, "edna", "a new password"));
    users = auth::read_users(path);
    EXPECT_TRUE(auth::authenticate(*users, "edna", "a new password"));
    EXPECT_FALSE(auth::authenticate(*users, "edna", "edna's password"));
    ASSERT_TRUE(auth::remove_user(path, "edna"));
    EXPECT_EQ(auth::remove_user(path, "edna").error().code, ErrorCode::not_found);
    EXPECT_EQ(auth::read_users(path)->size(), 1u);
}

TEST(UsersFile, ACorruptFileIsReportedNotTrusted) {
    testing::TempDir dir;
    const auto path = dir.write("users.json", "{\"users\":[{\"name\":\"x\",\"role\":\"king\",\"password\":\"h\"}]}");
    EXPECT_EQ(auth::read_users(path).error().code, ErrorCode::corrupt);
    EXPECT_TRUE(auth::read_users(dir.path() / "absent.json")->empty());
}

TEST(Sessions, ExpireWhenIdleAndCarryTheirCsrfToken) {
    auth::SessionTable table(std::chrono::hours(1));
    const auth::User user{"edna", Role::editor, "", ""};
    const auto t0 = Clock::time_point{} + std::chrono::hours(100);
    const auto session = table.create(user, t0);
    EXPECT_EQ(session.id.size(), 64u);
    EXPECT_EQ(session.csrf.size(), 64u);
    EXPECT_NE(session.id, session.csrf);
    ASSERT_TRUE(table.find(session.id, t0 + std::chrono::minutes(50)));
    // Each request pushes the expiry back.
    ASSERT_TRUE(table.find(session.id, t0 + std::chrono::minutes(100)));
    EXPECT_FALSE(table.find(session.id, t0 + std::chrono::minutes(161)));
    EXPECT_FALSE(table.find(session.id, t0)) << "an expired session is gone";
    EXPECT_FALSE(table.find("not-a-session", t0));

    const auto other = table.create(user, t0);
    table.remove(other.id);
    EXPECT_FALSE(table.find(other.id, t0));
}

TEST(Sessions, EndWhenTheUserIsRemovedGivenAnotherRoleOrANewPassword) {
    testing::TempDir dir;
    const auto path = auth::users_path(dir.path());
    ASSERT_TRUE(auth::add_user(path, "pia", Role::publisher, "", "pia's password"));
    ASSERT_TRUE(auth::add_user(path, "theo", Role::translator, "", "theo's password"));
    auth::UsersOnDisk users(path, std::chrono::seconds(1));
    auth::SessionTable table;
    auto t = Clock::time_point{} + std::chrono::hours(100);
    const auto pia = table.create(*auth::authenticate(*auth::read_users(path), "pia", "pia's password"), t);
    const auto theo = table.create(*auth::authenticate(*auth::read_users(path), "theo", "theo's password"), t);
    EXPECT_TRUE(auth::still_valid(pia, users.find("pia", t)));
    EXPECT_TRUE(auth::still_valid(theo, users.find("theo", t)));

    ASSERT_TRUE(auth::set_password(path, "theo", "a new password"));
    ASSERT_TRUE(auth::remove_user(path, "pia"));
    ASSERT_TRUE(auth::add_user(path, "pia", Role::translator, "", "pia's password"));  // back, with less power
    // Looked at again once `recheck` has passed, not before.
    EXPECT_TRUE(auth::still_valid(pia, users.find("pia", t + std::chrono::milliseconds(500))));
    t += std::chrono::seconds(2);
    EXPECT_FALSE(auth::still_valid(pia, users.find("pia", t))) << "another role";
    EXPECT_FALSE(auth::still_valid(theo, users.find("theo", t))) << "a new password";
    ASSERT_TRUE(auth::remove_user(path, "theo"));
    t += std::chrono::seconds(2);
    EXPECT_FALSE(users.find("theo", t)) << "removed";
    std::filesystem::remove(path);
    t += std::chrono::seconds(2);
    EXPECT_FALSE(users.find("pia", t)) << "no users file: no one";
}

TEST(Secrets, CompareWholeStrings) {
    EXPECT_TRUE(auth::same_secret("abc", "abc"));
    EXPECT_FALSE(auth::same_secret("abc", "abd"));
    EXPECT_FALSE(auth::same_secret("abc", "ab"));
    EXPECT_FALSE(auth::same_secret("", "abc"));
    EXPECT_NE(auth::random_token(), auth::random_token());
}

TEST(LoginLimiter, LocksAUserOutAfterRepeatedFailuresAndDoublesTheWait) {
    auth::LoginLimiter limiter;
    const auto t0 = Clock::time_point{} + std::chrono::hours(100);
    for (int i = 0; i < auth::k_free_failures - 1; ++i) {
        EXPECT_FALSE(limiter.locked("edna", "10.0.0.1", t0));
        limiter.failed("edna", "10.0.0.1", t0);
    }
    EXPECT_FALSE(limiter.locked("edna", "10.0.0.1", t0));
    limiter.failed("edna", "10.0.0.1", t0);
    const auto first = limiter.locked("edna", "10.0.0.2", t0);
    ASSERT_TRUE(first) << "the user name is locked from any address";
    EXPECT_EQ(*first, auth::k_first_lockout);
    EXPECT_FALSE(limiter.locked("theo", "10.0.0.2", t0)) << "other users are not";
    EXPECT_FALSE(limiter.locked("edna", "10.0.0.1", t0 + auth::k_first_lockout));
    limiter.failed("edna", "10.0.0.1", t0 + auth::k_first_lockout);
    EXPECT_EQ(*limiter.locked("edna", "10.0.0.1", t0 + auth::k_first_lockout), 2 * auth::k_first_lockout);
    limiter.succeeded("edna");
    EXPECT_FALSE(limiter.locked("edna", "10.0.0.3", t0 + auth::k_first_lockout));
}

TEST(LoginLimiter, LocksAnAddressThatGuessesManyNames) {
    auth::LoginLimiter limiter;
    const auto t0 = Clock::time_point{} + std::chrono::hours(100);
    for (int i = 0; i < auth::k_free_failures_per_address; ++i)
        limiter.failed("user" + std::to_string(i), "10.0.0.9", t0);
    EXPECT_TRUE(limiter.locked("someone-else", "10.0.0.9", t0));
    EXPECT_FALSE(limiter.locked("someone-else", "10.0.0.8", t0));
}

}  // namespace
}  // namespace tandem
