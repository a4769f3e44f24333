#include "cms/store/git.h"

#include <fcntl.h>
#include <unistd.h>

#include <mutex>

namespace tandem::store {

namespace {

// libgit2 is set up once per process. Durability is not left to libgit2's
// per-file fsync (one fsync per object and ref, ~7 a save): commit_resource
// calls sync_repository() once before the ref moves and once after.
void init_libgit2() {
    static std::once_flag once;
    std::call_once(once, [] {
        git_libgit2_init();
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1);
        // libgit2 caches no tree over 4 KB by default; `resources/` holds one
        // entry a resource (400 KB at 10,000), and every read by path goes
        // through it: uncached, each was inflated and parsed again, which made
        // reading all resources at once quadratic (minutes at 10,000).
        git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, static_cast<size_t>(64) << 20);
        // Hashing every object read again was 5 % of a full publish's CPU.
        // git itself does not either: zlib's checksum still catches a damaged
        // object, and `git fsck` checks the hashes.
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    });
}

}  // namespace

Error from_git(int rc, const std::string& what) {
    const git_error* last = git_error_last();
    std::string message = what;
    if (last && last->message) message += ": " + std::string(last->message);
    switch (rc) {
        case GIT_ENOTFOUND: return Error{ErrorCode::not_found, message, {}};
        case GIT_EMODIFIED:
        case GIT_ELOCKED:
        case GIT_EEXISTS: return Error{ErrorCode::conflict, message, {}};
        default: return Error{ErrorCode::io, message, {}};
    }
}

Store::Shared::~Shared() {
    for (git_repository* repo : idle) git_repository_free(repo);
}

Result<Handle> Handle::borrow(const Store& store) {
    init_libgit2();
    Store::Shared& shared = store.shared();
    {
        std::lock_guard lock(shared.pool_mutex);
        if (!shared.idle.empty()) {
            git_repository* repo = shared.idle.back();
            shared.idle.pop_back();
            return Handle(&shared, repo);
        }
    }
    git_repository* repo = nullptr;
    const int rc = git_repository_open_ext(&repo, shared.path.c_str(),
                                           GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_BARE, nullptr);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot open the content repository " + shared.path.string()));
    return Handle(&shared, repo);
}

Handle::~Handle() {
    if (!m_repo) return;
    std::lock_guard lock(m_shared->pool_mutex);
    m_shared->idle.push_back(m_repo);
}

Status sync_repository(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return fail(ErrorCode::io, "cannot open " + path.string() + " to sync it");
    const int rc = ::syncfs(fd);
    ::close(fd);
    if (rc != 0) return fail(ErrorCode::io, "cannot sync " + path.string() + " to disk");
    return {};
}

std::string oid_hex(const git_oid& oid) {
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &oid);
    return buf;
}

Result<git_oid> resolve_oid(git_repository* repo, std::string_view rev) {
    const std::string spec(rev);
    if (spec.empty() || spec.front() == '-' || spec.find_first_of("\n\r") != std::string::npos)
        return fail(ErrorCode::invalid, "not a revision: \"" + spec + "\"");
    git_object* object = nullptr;
    int rc = git_revparse_single(&object, repo, spec.c_str());
    if (rc != 0) {
        const Error e = from_git(rc, "unknown revision \"" + spec + "\"");
        return fail(rc == GIT_EAMBIGUOUS ? ErrorCode::invalid : ErrorCode::not_found, e.message);
    }
    ObjectPtr owned(object);
    git_object* peeled = nullptr;
    rc = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT);
    if (rc != 0) return fail(ErrorCode::not_found, "\"" + spec + "\" is not a commit");
    ObjectPtr peeled_owned(peeled);
    return *git_object_id(peeled);
}

Result<CommitPtr> commit_at(git_repository* repo, std::string_view rev) {
    auto oid = resolve_oid(repo, rev);
    if (!oid) return tl::unexpected(oid.error());
    return lookup_commit(repo, *oid);
}

Result<TreePtr> tree_at(git_repository* repo, std::string_view rev) {
    auto commit = commit_at(repo, rev);
    if (!commit) return tl::unexpected(commit.error());
    return commit_tree(commit->get());
}

Result<TreePtr> lookup_tree(git_repository* repo, const git_oid& oid) {
    git_tree* tree = nullptr;
    const int rc = git_tree_lookup(&tree, repo, &oid);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read tree " + oid_hex(oid)));
    return TreePtr(tree);
}

Result<TreePtr> tree_by_id(git_repository* repo, std::string_view tree_id) {
    git_oid oid;
    const std::string hex(tree_id);
    if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&oid, hex.c_str()) != 0)
        return fail(ErrorCode::invalid, "not a tree id: \"" + hex.substr(0, 80) + "\"");
    return lookup_tree(repo, oid);
}

Result<CommitPtr> lookup_commit(git_repository* repo, const git_oid& oid) {
    git_commit* commit = nullptr;
    const int rc = git_commit_lookup(&commit, repo, &oid);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read commit " + oid_hex(oid)));
    return CommitPtr(commit);
}

Result<TreePtr> commit_tree(const git_commit* commit) {
    git_tree* tree = nullptr;
    const int rc = git_commit_tree(&tree, commit);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read the tree of " + oid_hex(*git_commit_id(commit))));
    return TreePtr(tree);
}

Result<EntryPtr> entry_at(const git_tree* root, const std::string& path) {
    git_tree_entry* entry = nullptr;
    const int rc = git_tree_entry_bypath(&entry, root, path.c_str());
    if (rc == GIT_ENOTFOUND) return EntryPtr(nullptr);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read " + path));
    return EntryPtr(entry);
}

Result<std::optional<git_oid>> ref_target(git_repository* repo, const std::string& ref_name) {
    git_oid oid;
    const int rc = git_reference_name_to_id(&oid, repo, ref_name.c_str());
    if (rc == GIT_ENOTFOUND) return std::optional<git_oid>();
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read " + ref_name));
    return std::optional<git_oid>(oid);
}

}  // namespace tandem::store
