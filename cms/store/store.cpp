#include "cms/store/store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "cms/core/ids.h"
#include "cms/store/git.h"

namespace tandem::store {

namespace {

constexpr int k_commit_attempts = 1000;

std::string folder_of(std::string_view id) { return "resources/" + std::string(id); }

std::string ref_of(std::string_view branch) { return "refs/heads/" + std::string(branch); }

// The only names a resource folder may hold: nothing can climb out of it.
Status check_file_name(std::string_view name) {
    if (name == "resource.xml" || name == "en.po" || name == "fr.po") return {};
    if (name.substr(0, 6) == "files/" && name.size() > 6 && name.size() <= 128) {
        const auto base = name.substr(6);
        bool ok = base.front() != '.' && base.front() != '-';
        for (char c : base)
            ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-');
        if (ok) return {};
    }
    return fail(ErrorCode::invalid, "not a file name a resource may hold: \"" + std::string(name.substr(0, 80)) +
                                        "\" (resource.xml, en.po, fr.po or files/NAME)");
}

}  // namespace

Result<SigPtr> make_signature(const Author& author) {
    git_signature* sig = nullptr;
    int rc = author.when ? git_signature_new(&sig, author.name.c_str(), author.email.c_str(), *author.when, 0)
                         : git_signature_now(&sig, author.name.c_str(), author.email.c_str());
    if (rc != 0) return fail(ErrorCode::invalid, "not a usable author: " + author.name + " <" + author.email + ">");
    return SigPtr(sig);
}

namespace {

Result<TreePtr> empty_tree(git_repository* repo) {
    git_treebuilder* builder = nullptr;
    int rc = git_treebuilder_new(&builder, repo, nullptr);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot build a tree"));
    git_oid oid;
    rc = git_treebuilder_write(&oid, builder);
    git_treebuilder_free(builder);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot write a tree"));
    git_tree* tree = nullptr;
    rc = git_tree_lookup(&tree, repo, &oid);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read a tree"));
    return TreePtr(tree);
}

Result<git_oid> write_blob(git_repository* repo, std::string_view content) {
    git_oid oid;
    const int rc = git_blob_create_from_buffer(&oid, repo, content.data(), content.size());
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot write a blob"));
    return oid;
}

Result<git_oid> write_commit(git_repository* repo, const Author& author, std::string_view message,
                             const git_oid& tree_id, const git_commit* parent) {
    auto sig = make_signature(author);
    if (!sig) return tl::unexpected(sig.error());
    git_tree* tree = nullptr;
    int rc = git_tree_lookup(&tree, repo, &tree_id);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read the new tree"));
    TreePtr owned(tree);
    const git_commit* parents[] = {parent};
    git_oid oid;
    const std::string text(message);
    rc = git_commit_create(&oid, repo, nullptr, sig->get(), sig->get(), nullptr, text.c_str(), tree,
                           parent ? 1 : 0, parent ? parents : nullptr);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot write the commit"));
    return oid;
}

// Branch moves made by this process: part of a ref's stamp, so that this
// process never trusts a remembered tip across a move of its own, whatever
// the file system's timestamp granularity.
std::atomic<std::uint64_t> g_branch_moves{0};

// Moves the branch from `expected` (nullopt: it must not exist yet) to `target`,
// atomically. conflict when someone moved it first.
Status move_branch(git_repository* repo, std::string_view branch, const std::optional<git_oid>& expected,
                   const git_oid& target, const std::string& log) {
    git_reference* ref = nullptr;
    const std::string name = ref_of(branch);
    const int rc = expected ? git_reference_create_matching(&ref, repo, name.c_str(), &target, 1, &*expected, log.c_str())
                            : git_reference_create(&ref, repo, name.c_str(), &target, 0, log.c_str());
    g_branch_moves.fetch_add(1);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot move " + name));
    git_reference_free(ref);
    return {};
}

// What a ref's files look like now: the loose ref and packed-refs (device,
// inode, size, change and modification times), and this process's moves. Git
// and libgit2 replace a ref file by renaming a new one over it, so any move
// changes the stamp.
std::string ref_stamp(const std::filesystem::path& repo_path, const std::string& ref) {
    std::string stamp = std::to_string(g_branch_moves.load());
    for (const auto& file : {repo_path / ref, repo_path / "packed-refs"}) {
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0) {
            stamp += "|-";
            continue;
        }
        for (const long long part : {static_cast<long long>(st.st_dev), static_cast<long long>(st.st_ino),
                                     static_cast<long long>(st.st_size), static_cast<long long>(st.st_mtim.tv_sec),
                                     static_cast<long long>(st.st_mtim.tv_nsec), static_cast<long long>(st.st_ctim.tv_sec),
                                     static_cast<long long>(st.st_ctim.tv_nsec)})
            stamp += '|' + std::to_string(part);
    }
    return stamp;
}

std::string commit_message(const ResourceCommit& commit) {
    std::string message = commit.message.empty() ? "Update " + commit.id : commit.message;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return message + "\n\n" + resource_trailer(commit.id);
}

Result<std::string> blob_at(git_repository* repo, const git_tree* tree, const std::string& path, std::string_view rev);

// Whether the folder (or, with `guard`, those files of it) is the same in two trees.
Result<bool> same_at_both(const git_tree* a, const git_tree* b, const std::string& folder,
                          const std::vector<std::string>& guard) {
    std::vector<std::string> paths;
    if (guard.empty()) paths.push_back(folder);
    for (const auto& name : guard) paths.push_back(folder + "/" + name);
    for (const auto& path : paths) {
        auto x = entry_at(a, path);
        if (!x) return tl::unexpected(x.error());
        auto y = entry_at(b, path);
        if (!y) return tl::unexpected(y.error());
        const bool same = (!*x && !*y) || (*x && *y && git_oid_equal(git_tree_entry_id(x->get()), git_tree_entry_id(y->get())));
        if (!same) return false;
    }
    return true;
}

// A base must name what the caller saw, so only a commit id (or a prefix of
// one, 7 digits or more) is one: a branch name or an expression ("main",
// "HEAD~1") names the tip at the time of the write, which would turn the
// stale-write check off. An id the repository does not have is a conflict:
// the caller's view is not the current one.
Result<git_oid> base_commit_id(git_repository* repo, std::string_view base, const std::string& current) {
    const bool hex = base.size() >= 7 && base.size() <= GIT_OID_HEXSZ &&
                     base.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
    if (!hex)
        return fail(ErrorCode::invalid, phrase("the base revision must be a commit id (hexadecimal, 7 to 40 digits), not "
                                               "\"{base}\"; the current revision is {current}",
                                               {{"base", std::string(base.substr(0, 80))}, {"current", current}}));
    auto id = resolve_oid(repo, base);
    if (!id && id.error().code == ErrorCode::not_found)
        return fail(ErrorCode::conflict, phrase("revision {base} is not in the repository; the current revision is {current}",
                                                {{"base", std::string(base)}, {"current", current}}));
    return id;
}

// One attempt at a commit against the branch as it is now. A conflict from
// move_branch means another writer won the race: the caller retries.
struct Attempt {
    Result<CommitResult> result;
    bool raced = false;
};

Attempt try_commit(git_repository* repo, const std::filesystem::path& path, const ResourceCommit& commit) {
    const std::string folder = folder_of(commit.id);
    auto tip_id = ref_target(repo, ref_of(commit.branch));
    if (!tip_id) return {tl::unexpected(tip_id.error())};

    CommitPtr tip;
    TreePtr tip_tree;
    if (*tip_id) {
        auto c = lookup_commit(repo, **tip_id);
        if (!c) return {tl::unexpected(c.error())};
        tip = std::move(*c);
        auto t = commit_tree(tip.get());
        if (!t) return {tl::unexpected(t.error())};
        tip_tree = std::move(*t);
    } else {
        auto t = empty_tree(repo);
        if (!t) return {tl::unexpected(t.error())};
        tip_tree = std::move(*t);
    }
    auto current = entry_at(tip_tree.get(), folder);
    if (!current) return {tl::unexpected(current.error())};

    // The stale-write check: the folder must be as the caller last saw it.
    if (commit.base) {
        auto base_id = base_commit_id(repo, *commit.base, tip ? oid_hex(**tip_id) : std::string("none"));
        if (!base_id) return {tl::unexpected(base_id.error())};
        auto base_commit = lookup_commit(repo, *base_id);
        if (!base_commit) return {tl::unexpected(base_commit.error())};
        auto base_tree = commit_tree(base_commit->get());
        if (!base_tree) return {tl::unexpected(base_tree.error())};
        auto same = same_at_both(tip_tree.get(), base_tree->get(), folder, commit.guard);
        if (!same) return {tl::unexpected(same.error())};
        if (!*same)
            return {fail(ErrorCode::conflict,
                         phrase("resource {id} changed since revision {base}; the current revision is {current}",
                                {{"id", commit.id}, {"base", oid_hex(*base_id)},
                                 {"current", tip ? oid_hex(**tip_id) : std::string("none")}}))};
    } else if (*current && !commit.withdraw && !commit.restore_from) {
        return {fail(ErrorCode::conflict,
                     phrase("resource {id} already exists; name the revision you started from (current: {current})",
                            {{"id", commit.id}, {"current", oid_hex(**tip_id)}}))};
    }
    if (commit.withdraw && !*current)
        return {fail(ErrorCode::not_found, "no resource " + commit.id + " on " + commit.branch)};

    // Pending tree edits own their paths; the libgit2 array that points into
    // them is made last, once nothing can move.
    struct Edit {
        git_tree_update_t action;
        git_oid id;
        git_filemode_t mode;
        std::string path;
    };
    std::vector<Edit> edits;
    if (commit.withdraw) {
        edits.push_back({GIT_TREE_UPDATE_REMOVE, {}, GIT_FILEMODE_TREE, folder});
    } else if (commit.restore_from) {
        auto from_id = resolve_oid(repo, *commit.restore_from);
        if (!from_id) return {tl::unexpected(from_id.error())};
        auto from_commit = lookup_commit(repo, *from_id);
        if (!from_commit) return {tl::unexpected(from_commit.error())};
        auto from_tree = commit_tree(from_commit->get());
        if (!from_tree) return {tl::unexpected(from_tree.error())};
        auto then = entry_at(from_tree->get(), folder);
        if (!then) return {tl::unexpected(then.error())};
        if (!*then)
            return {fail(ErrorCode::not_found, "resource " + commit.id + " does not exist at " + *commit.restore_from)};
        edits.push_back({GIT_TREE_UPDATE_UPSERT, *git_tree_entry_id(then->get()), GIT_FILEMODE_TREE, folder});
    }
    std::vector<FileWrite> writes = commit.writes;
    if (commit.derive) {
        const TipReader read_tip = [&](std::string_view name) -> std::optional<std::string> {
            auto blob = blob_at(repo, tip_tree.get(), folder + "/" + std::string(name), "tip");
            return blob ? std::optional<std::string>(std::move(*blob)) : std::nullopt;
        };
        auto derived = commit.derive(read_tip);
        if (!derived) return {tl::unexpected(derived.error())};
        for (auto& write : *derived) {
            if (auto ok = check_file_name(write.name); !ok) return {tl::unexpected(ok.error())};
            writes.push_back(std::move(write));
        }
    }
    for (const auto& write : writes) {
        const std::string path = folder + "/" + write.name;
        if (write.content) {
            auto blob = write_blob(repo, *write.content);
            if (!blob) return {tl::unexpected(blob.error())};
            edits.push_back({GIT_TREE_UPDATE_UPSERT, *blob, GIT_FILEMODE_BLOB, path});
        } else {
            auto existing = entry_at(tip_tree.get(), path);
            if (!existing) return {tl::unexpected(existing.error())};
            if (*existing) edits.push_back({GIT_TREE_UPDATE_REMOVE, {}, GIT_FILEMODE_BLOB, path});
        }
    }
    std::vector<git_tree_update> updates;
    for (const auto& edit : edits) updates.push_back({edit.action, edit.id, edit.mode, edit.path.c_str()});

    // Only the trees on the changed path are rewritten, not the whole repository.
    git_oid new_tree;
    int rc = git_tree_create_updated(&new_tree, repo, tip_tree.get(), updates.size(), updates.data());
    if (rc != 0) return {tl::unexpected(from_git(rc, "cannot write the new tree"))};
    if (tip && git_oid_equal(&new_tree, git_tree_id(tip_tree.get())))
        return {CommitResult{oid_hex(**tip_id), false}};

    auto new_commit = write_commit(repo, commit.author, commit_message(commit), new_tree, tip.get());
    if (!new_commit) return {tl::unexpected(new_commit.error())};
    // The objects reach the disk before the ref names them, and the ref moves
    // last: until it does, the new objects are unreachable and a failure or a
    // crash leaves the previous revision current.
    if (auto synced = sync_repository(path); !synced) return {tl::unexpected(synced.error())};
    auto moved = move_branch(repo, commit.branch, *tip_id, *new_commit, "tandem: " + commit.id);
    if (!moved) {
        if (moved.error().code == ErrorCode::conflict) return {tl::unexpected(moved.error()), true};
        return {tl::unexpected(moved.error())};
    }
    // A saved revision survives a crash: the ref is on disk before we say so.
    if (auto synced = sync_repository(path); !synced) return {tl::unexpected(synced.error())};
    return {CommitResult{oid_hex(*new_commit), true}};
}

}  // namespace

Result<Author> parse_author(std::string_view text) {
    const auto open = text.find('<');
    const auto close = text.rfind('>');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open || close + 1 != text.size())
        return fail(ErrorCode::invalid, "an author is written \"Name <email>\", not \"" + std::string(text) + "\"");
    std::string name(text.substr(0, open));
    while (!name.empty() && name.back() == ' ') name.pop_back();
    const std::string email(text.substr(open + 1, close - open - 1));
    if (name.empty() || email.empty() || email.find_first_of("<>\n") != std::string::npos ||
        name.find_first_of("<>\n") != std::string::npos)
        return fail(ErrorCode::invalid, "an author is written \"Name <email>\", not \"" + std::string(text) + "\"");
    return Author{name, email, std::nullopt};
}

Result<Store> open_store(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path / "HEAD", ec) || !std::filesystem::is_directory(path / "objects", ec))
        return fail(ErrorCode::not_found, "no content repository at " + path.string() + " (run `tandem init`)");
    auto shared = std::make_shared<Store::Shared>();
    shared->path = path;
    Store store(shared);
    auto probe = Handle::borrow(store);
    if (!probe) return tl::unexpected(probe.error());
    return store;
}

Result<Store> init_store(const std::filesystem::path& path, const std::vector<SeedFile>& seed, const Author& author,
                         std::string_view message) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
        return fail(ErrorCode::conflict, path.string() + " already exists; not overwriting it");
    // Build beside the destination and rename: the repository appears whole or not at all.
    const auto building = std::filesystem::path(path.string() + ".tmp-" + std::to_string(::getpid()));
    std::filesystem::remove_all(building, ec);
    auto cleanup = [&] { std::filesystem::remove_all(building, ec); };
    {
        git_libgit2_init();
        git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
        options.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
        options.initial_head = "main";
        git_repository* raw = nullptr;
        int rc = git_repository_init_ext(&raw, building.c_str(), &options);
        git_libgit2_shutdown();
        if (rc != 0) {
            cleanup();
            return tl::unexpected(from_git(rc, "cannot create " + building.string()));
        }
        git_repository_free(raw);
    }
    auto shared = std::make_shared<Store::Shared>();
    shared->path = building;
    Store store(shared);
    {
        auto handle = Handle::borrow(store);
        if (!handle) return cleanup(), tl::unexpected(handle.error());
        git_repository* repo = handle->repo();
        auto base = empty_tree(repo);
        if (!base) return cleanup(), tl::unexpected(base.error());
        std::vector<git_tree_update> updates;
        std::vector<git_oid> ids;
        ids.reserve(seed.size());
        for (const auto& file : seed) {
            auto blob = write_blob(repo, file.content);
            if (!blob) return cleanup(), tl::unexpected(blob.error());
            ids.push_back(*blob);
            updates.push_back({GIT_TREE_UPDATE_UPSERT, ids.back(), GIT_FILEMODE_BLOB, file.path.c_str()});
        }
        git_oid tree;
        int rc = git_tree_create_updated(&tree, repo, base->get(), updates.size(), updates.data());
        if (rc != 0) return cleanup(), tl::unexpected(from_git(rc, "cannot write the seed tree"));
        auto first = write_commit(repo, author, message, tree, nullptr);
        if (!first) return cleanup(), tl::unexpected(first.error());
        if (auto moved = move_branch(repo, k_main, std::nullopt, *first, "tandem init"); !moved)
            return cleanup(), tl::unexpected(moved.error());
        // `release` starts empty: nothing is approved until a publisher says so.
        auto release = write_commit(repo, author, "Start the release branch: nothing is approved yet",
                                    *git_tree_id(base->get()), nullptr);
        if (!release) return cleanup(), tl::unexpected(release.error());
        if (auto moved = move_branch(repo, k_release, std::nullopt, *release, "tandem init"); !moved)
            return cleanup(), tl::unexpected(moved.error());
        if (auto synced = sync_repository(building); !synced) return cleanup(), tl::unexpected(synced.error());
    }
    shared.reset();
    store = Store(std::make_shared<Store::Shared>());
    if (std::filesystem::create_directories(path.parent_path(), ec); ec && !path.parent_path().empty())
        return cleanup(), fail(ErrorCode::io, "cannot create " + path.parent_path().string() + ": " + ec.message());
    std::filesystem::rename(building, path, ec);
    if (ec) return cleanup(), fail(ErrorCode::io, "cannot move the new repository into place: " + ec.message());
    return open_store(path);
}

Result<CommitResult> commit_resource(const Store& store, const ResourceCommit& commit) {
    if (auto ok = check_resource_id(commit.id); !ok) return tl::unexpected(ok.error());
    for (const auto& write : commit.writes)
        if (auto ok = check_file_name(write.name); !ok) return tl::unexpected(ok.error());
    if (commit.branch != k_main && commit.branch != k_release)
        return fail(ErrorCode::invalid, "not a branch Tandem writes: " + commit.branch);
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());

    // Lost races are retried from the new tip with a little random backoff;
    // the stale-base check runs again each time, so nothing is overwritten.
    std::minstd_rand jitter(static_cast<unsigned>(std::hash<std::thread::id>{}(std::this_thread::get_id())));
    for (int attempt = 0; attempt < k_commit_attempts; ++attempt) {
        Attempt outcome = try_commit(handle->repo(), store.shared().path, commit);
        if (!outcome.raced) {
            if (outcome.result && outcome.result->changed && commit.branch == k_main)
                (void)update_history_index(store, handle->repo());  // best effort: it can always be rebuilt
            return outcome.result;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(50 + jitter() % (200 * (1 + attempt % 8))));
    }
    return fail(ErrorCode::conflict, "the branch kept moving; gave up after " + std::to_string(k_commit_attempts) + " attempts");
}

Result<Revision> resolve(const Store& store, std::string_view rev) {
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    auto oid = resolve_oid(handle->repo(), rev);
    if (!oid) return tl::unexpected(oid.error());
    return oid_hex(*oid);
}

Result<std::optional<Revision>> branch_tip(const Store& store, std::string_view branch) {
    // Every API request asks for the tip of main: two stat calls instead of
    // libgit2's read of the ref, while the ref's files are unchanged. The
    // stamp is taken before the read, so a move during it is seen next time.
    Store::Shared& shared = store.shared();
    const std::string ref = ref_of(branch);
    const std::string stamp = ref_stamp(shared.path, ref);
    {
        std::lock_guard lock(shared.tips_mutex);
        const auto it = shared.tips.find(ref);
        if (it != shared.tips.end() && it->second.first == stamp) return it->second.second;
    }
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    auto oid = ref_target(handle->repo(), ref);
    if (!oid) return tl::unexpected(oid.error());
    std::optional<Revision> tip;
    if (*oid) tip = oid_hex(**oid);
    std::lock_guard lock(shared.tips_mutex);
    shared.tips.insert_or_assign(ref, std::pair{stamp, tip});
    return tip;
}

namespace {


Result<std::string> blob_at(git_repository* repo, const git_tree* tree, const std::string& path, std::string_view rev) {
    auto entry = entry_at(tree, path);
    if (!entry) return tl::unexpected(entry.error());
    if (!*entry || git_tree_entry_type(entry->get()) != GIT_OBJECT_BLOB)
        return fail(ErrorCode::not_found, "no " + path + " at " + std::string(rev));
    git_blob* blob = nullptr;
    const int rc = git_blob_lookup(&blob, repo, git_tree_entry_id(entry->get()));
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read " + path));
    BlobPtr owned(blob);
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob)), static_cast<std::size_t>(git_blob_rawsize(blob)));
}

void list_tree(git_repository* repo, const git_tree* tree, const std::string& prefix, std::vector<std::string>& out) {
    for (std::size_t i = 0, n = git_tree_entrycount(tree); i < n; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
        const std::string name = prefix + git_tree_entry_name(entry);
        if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
            git_tree* sub = nullptr;
            if (git_tree_lookup(&sub, repo, git_tree_entry_id(entry)) == 0) {
                list_tree(repo, sub, name + "/", out);
                git_tree_free(sub);
            }
        } else {
            out.push_back(name);
        }
    }
}

}  // namespace

Result<std::string> read_resource_file(const Store& store, std::string_view id, std::string_view name,
                                       std::string_view rev) {
    if (auto ok = check_resource_id(id); !ok) return tl::unexpected(ok.error());
    if (auto ok = check_file_name(name); !ok) return tl::unexpected(ok.error());
    return read_path(store, folder_of(id) + "/" + std::string(name), rev);
}

Result<std::optional<std::string>> resource_tree_id(const Store& store, std::string_view id, std::string_view rev) {
    if (auto ok = check_resource_id(id); !ok) return tl::unexpected(ok.error());
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    auto tree = tree_at(handle->repo(), rev);
    if (!tree) return tl::unexpected(tree.error());
    auto entry = entry_at(tree->get(), folder_of(id));
    if (!entry) return tl::unexpected(entry.error());
    if (!*entry) return std::optional<std::string>();
    return std::optional<std::string>(oid_hex(*git_tree_entry_id(entry->get())));
}

Result<std::string> read_path(const Store& store, std::string_view path, std::string_view rev) {
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    auto tree = tree_at(handle->repo(), rev);
    if (!tree) return tl::unexpected(tree.error());
    return blob_at(handle->repo(), tree->get(), std::string(path), rev);
}

Result<std::vector<std::string>> list_resources(const Store& store, std::string_view rev) {
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    auto tree = tree_at(handle->repo(), rev);
    if (!tree) return tl::unexpected(tree.error());
    auto folder = entry_at(tree->get(), "resources");
    if (!folder) return tl::unexpected(folder.error());
    std::vector<std::string> ids;
    if (!*folder) return ids;
    git_tree* resources = nullptr;
    const int rc = git_tree_lookup(&resources, handle->repo(), git_tree_entry_id(folder->get()));
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read resources/"));
    TreePtr owned(resources);
    for (std::size_t i = 0, n = git_tree_entrycount(resources); i < n; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(resources, i);
        if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) ids.emplace_back(git_tree_entry_name(entry));
    }
    return ids;
}

Result<std::vector<std::string>> list_resource_files(const Store& store, std::string_view id, std::string_view rev) {
    if (auto ok = check_resource_id(id); !ok) return tl::unexpected(ok.error());
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    auto tree = tree_at(handle->repo(), rev);
    if (!tree) return tl::unexpected(tree.error());
    auto folder = entry_at(tree->get(), folder_of(id));
    if (!folder) return tl::unexpected(folder.error());
    if (!*folder) return fail(ErrorCode::not_found, "no resource " + std::string(id) + " at " + std::string(rev));
    git_tree* sub = nullptr;
    const int rc = git_tree_lookup(&sub, handle->repo(), git_tree_entry_id(folder->get()));
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read " + folder_of(id)));
    TreePtr owned(sub);
    std::vector<std::string> names;
    list_tree(handle->repo(), sub, "", names);
    return names;
}

Result<std::vector<std::string>> list_folder(const Store& store, std::string_view tree_id) {
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    auto tree = tree_by_id(handle->repo(), tree_id);
    if (!tree) return tl::unexpected(tree.error());
    std::vector<std::string> names;
    list_tree(handle->repo(), tree->get(), "", names);
    std::sort(names.begin(), names.end());
    return names;
}

Result<bool> on_branch(const Store& store, const Revision& revision, std::string_view branch) {
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    auto tip = ref_target(handle->repo(), ref_of(branch));
    if (!tip) return tl::unexpected(tip.error());
    if (!*tip) return fail(ErrorCode::not_found, "no branch " + std::string(branch));
    auto id = resolve_oid(handle->repo(), revision);
    if (!id) return tl::unexpected(id.error());
    if (git_oid_equal(&**tip, &*id)) return true;
    const int rc = git_graph_descendant_of(handle->repo(), &**tip, &*id);
    if (rc < 0) return tl::unexpected(from_git(rc, "cannot walk " + std::string(branch)));
    return rc == 1;
}

Result<HistoryEntry> read_commit(const Store& store, std::string_view rev) {
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    auto commit = commit_at(handle->repo(), rev);
    if (!commit) return tl::unexpected(commit.error());
    const git_signature* author = git_commit_author(commit->get());
    HistoryEntry entry;
    entry.revision = oid_hex(*git_commit_id(commit->get()));
    entry.author_name = author->name;
    entry.author_email = author->email;
    entry.time = author->when.time;
    entry.message = git_commit_message(commit->get());
    const char* summary = git_commit_summary(commit->get());
    entry.summary = summary ? summary : "";
    return entry;
}

std::string text_diff(std::optional<std::string_view> before, std::optional<std::string_view> after,
                      std::string_view label) {
    git_libgit2_init();
    const std::string old_path(label), new_path(label);  // libgit2 adds the a/ and b/ prefixes
    // libgit2 takes a null buffer for a file that is not there (an added or
    // deleted file), so a present but empty text must not pass a null pointer.
    const auto buffer = [](const std::optional<std::string_view>& text) -> const char* {
        if (!text) return nullptr;
        return text->data() ? text->data() : "";
    };
    git_patch* patch = nullptr;
    std::string out;
    if (git_patch_from_buffers(&patch, buffer(before), before ? before->size() : 0, old_path.c_str(), buffer(after),
                               after ? after->size() : 0, new_path.c_str(), nullptr) == 0 && patch) {
        git_buf buf = GIT_BUF_INIT;
        if (git_patch_to_buf(&buf, patch) == 0) out.assign(buf.ptr, buf.size);
        git_buf_dispose(&buf);
        git_patch_free(patch);
    }
    git_libgit2_shutdown();
    return out;
}

std::filesystem::path store_path(const Store& store) { return store.shared().path; }

}  // namespace tandem::store
