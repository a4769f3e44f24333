#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "cms/store/store.h"
#include "tests/support/fixtures.h"

namespace tandem::store {
namespace {

constexpr int k_threads = 8;
constexpr int k_saves_per_thread = 200;

// 8 threads × 200 saves, each thread on its own resource and naming the
// revision it read: every save must land as its own commit, none lost.
TEST(ConcurrentSaves, EightThreadsTimesTwoHundredSavesLoseNothing) {
    testing::TempDir dir;
    std::vector<SeedFile> seed;
    for (int t = 0; t < k_threads; ++t) {
        const std::string id = "writer-" + std::to_string(t);
        seed.push_back({"resources/" + id + "/resource.xml", testing::sample_resource(id, "v0")});
    }
    const Author author{"Load", "load@example.org", 1767225600};
    const Store store = init_store(dir.path() / "content.git", seed, author, "Seed").value();

    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < k_threads; ++t) {
        threads.emplace_back([&, t] {
            const std::string id = "writer-" + std::to_string(t);
            for (int i = 1; i <= k_saves_per_thread; ++i) {
                const auto base = branch_tip(store, k_main);
                ResourceCommit commit;
                commit.id = id;
                commit.writes.push_back({"resource.xml", testing::sample_resource(id, "v" + std::to_string(i))});
                commit.base = base.value().value();
                commit.author = author;
                commit.message = id + " save " + std::to_string(i);
                const auto saved = commit_resource(store, commit);
                if (!saved || !saved->changed) ++failures;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    ASSERT_EQ(failures.load(), 0);

    std::string count;
    ASSERT_EQ(testing::run_command("git --git-dir=" + (dir.path() / "content.git").string() + " rev-list --count main", &count), 0);
    EXPECT_EQ(std::stoi(count), 1 + k_threads * k_saves_per_thread);
    for (int t = 0; t < k_threads; ++t) {
        const std::string id = "writer-" + std::to_string(t);
        SCOPED_TRACE(id);
        EXPECT_EQ(read_resource_file(store, id, "resource.xml", "main").value(),
                  testing::sample_resource(id, "v" + std::to_string(k_saves_per_thread)));
        EXPECT_EQ(resource_history(store, id).value().size(), static_cast<std::size_t>(1 + k_saves_per_thread));
    }
    std::string fsck;
    EXPECT_EQ(testing::run_command("git --git-dir=" + (dir.path() / "content.git").string() + " fsck --full --strict 2>&1", &fsck), 0) << fsck;
}

// Writers racing on the same resource with the same base: exactly one wins,
// the others get a conflict, never a silent overwrite.
TEST(ConcurrentSaves, RacingOnOneResourceFromOneBaseExactlyOneWins) {
    testing::TempDir dir;
    const Author author{"Load", "load@example.org", 1767225600};
    const Store store =
        init_store(dir.path() / "content.git", {{"resources/shared/resource.xml", testing::sample_resource("shared")}},
                   author, "Seed")
            .value();
    const Revision base = branch_tip(store, k_main).value().value();
    std::atomic<int> won{0}, conflicts{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < k_threads; ++t) {
        threads.emplace_back([&, t] {
            ResourceCommit commit;
            commit.id = "shared";
            commit.writes.push_back({"resource.xml", testing::sample_resource("shared", "by " + std::to_string(t))});
            commit.base = base;
            commit.author = author;
            commit.message = "race";
            const auto saved = commit_resource(store, commit);
            if (saved) ++won;
            else if (saved.error().code == ErrorCode::conflict) ++conflicts;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(conflicts.load(), k_threads - 1);
}

}  // namespace
}  // namespace tandem::store
