#pragma once
// Inside the store only: libgit2 handles with their free functions, and the
// one mapping of libgit2 return codes to Error.

#include <git2.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cms/store/store.h"

namespace tandem::store {

template <class T, void (*Free)(T*)>
struct GitDeleter {
    void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using GitPtr = std::unique_ptr<T, GitDeleter<T, Free>>;

using RepoPtr = GitPtr<git_repository, git_repository_free>;
using TreePtr = GitPtr<git_tree, git_tree_free>;
using CommitPtr = GitPtr<git_commit, git_commit_free>;
using ObjectPtr = GitPtr<git_object, git_object_free>;
using EntryPtr = GitPtr<git_tree_entry, git_tree_entry_free>;
using BlobPtr = GitPtr<git_blob, git_blob_free>;
using RefPtr = GitPtr<git_reference, git_reference_free>;
using SigPtr = GitPtr<git_signature, git_signature_free>;
using WalkPtr = GitPtr<git_revwalk, git_revwalk_free>;
using PatchPtr = GitPtr<git_patch, git_patch_free>;
using PackPtr = GitPtr<git_packbuilder, git_packbuilder_free>;

// GIT_ENOTFOUND → not_found; GIT_EMODIFIED, GIT_ELOCKED, GIT_EEXISTS → conflict;
// anything else → io, with libgit2's own text.
Error from_git(int rc, const std::string& what);

struct Store::Shared {
    std::filesystem::path path;
    std::mutex pool_mutex;
    std::vector<git_repository*> idle;  // open handles waiting for the next operation
    std::mutex index_mutex;             // one history-index update at a time in this process
    // branch_tip's memory: per ref, the stamp of its files when it was read and
    // the tip read then (nullopt: no such branch).
    std::mutex tips_mutex;
    std::map<std::string, std::pair<std::string, std::optional<std::string>>> tips;
    ~Shared();
};

// One libgit2 handle borrowed from the store's pool for one operation: a
// git_repository must not be used by two threads at once.
class Handle {
public:
    static Result<Handle> borrow(const Store& store);
    Handle(Handle&& other) noexcept : m_shared(other.m_shared), m_repo(other.m_repo) { other.m_repo = nullptr; }
    Handle& operator=(Handle&&) = delete;
    ~Handle();
    git_repository* repo() const { return m_repo; }

private:
    Handle(Store::Shared* shared, git_repository* repo) : m_shared(shared), m_repo(repo) {}
    Store::Shared* m_shared;
    git_repository* m_repo;
};

// Flushes the file system holding the repository (syncfs): everything written
// so far, objects and refs, is on disk when it returns. Errors: io.
Status sync_repository(const std::filesystem::path& path);

std::string oid_hex(const git_oid& oid);
Result<git_oid> resolve_oid(git_repository* repo, std::string_view rev);
Result<CommitPtr> lookup_commit(git_repository* repo, const git_oid& oid);
Result<TreePtr> commit_tree(const git_commit* commit);
// The commit, and its root tree, that a revision names.
Result<CommitPtr> commit_at(git_repository* repo, std::string_view rev);
Result<TreePtr> tree_at(git_repository* repo, std::string_view rev);
// A tree by its 40-hex id. Errors: invalid (not a tree id), not_found.
Result<TreePtr> lookup_tree(git_repository* repo, const git_oid& oid);
Result<TreePtr> tree_by_id(git_repository* repo, std::string_view tree_id);
// The tree entry at `path` in a tree, or nullptr when there is none.
Result<EntryPtr> entry_at(const git_tree* root, const std::string& path);
Result<std::optional<git_oid>> ref_target(git_repository* repo, const std::string& ref_name);
// A commit or tag signature; the author's time, or now when it has none. Errors: invalid.
Result<SigPtr> make_signature(const Author& author);

// The history index (history_index.cpp).
Status update_history_index(const Store& store, git_repository* repo);
std::string resource_trailer(std::string_view id);
// The resource folders a commit changed against its first parent (its
// Tandem-Resource trailer when it has one, else a diff of resources/).
Status changed_by(git_repository* repo, const git_commit* commit, std::vector<std::string>& out);

}  // namespace tandem::store
