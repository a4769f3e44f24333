#pragma once
// The content repository: a bare git repository written through libgit2.
// resources/<id>/resource.xml, resources/<id>/<lang>.po and resources/<id>/files/
// on branch `main` (the working state) and `release` (what is approved).
// Every change is one commit; nothing lives outside git but a history index
// that can always be rebuilt from it.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cms/core/result.h"

namespace tandem::store {

using Revision = std::string;  // a full 40-hex commit id

inline constexpr std::string_view k_main = "main";
inline constexpr std::string_view k_release = "release";

struct Author {
    std::string name;
    std::string email;
    std::optional<std::int64_t> when;  // seconds since the epoch; now when empty (tests fix it)
};

// "Name <email>" → Author. Errors: invalid.
Result<Author> parse_author(std::string_view text);

// An open content repository. Cheap to copy, safe to share between threads:
// each operation borrows its own libgit2 handle.
class Store {
public:
    struct Shared;
    explicit Store(std::shared_ptr<Shared> shared) : m_shared(std::move(shared)) {}
    Shared& shared() const { return *m_shared; }

private:
    std::shared_ptr<Shared> m_shared;
};

// Creates a bare repository with `main` holding every resource found under
// seed_dir/resources (and seed_dir/glossary), and an empty `release`. The
// repository appears at `path` whole or not at all. Errors: conflict (path
// exists), invalid (a seed file is rejected by `check`), io.
struct SeedFile {
    std::string path;     // repository path, "resources/<id>/resource.xml"
    std::string content;
};
Result<Store> init_store(const std::filesystem::path& path, const std::vector<SeedFile>& seed, const Author& author,
                         std::string_view message);

// Errors: not_found (no repository there), io.
Result<Store> open_store(const std::filesystem::path& path);

// What a commit does to one resource's folder.
struct FileWrite {
    std::string name;                    // relative to resources/<id>/: "resource.xml", "fr.po", "files/x.pdf"
    std::optional<std::string> content;  // nullopt removes the file
};

// Reads a file of the resource's folder as it is at the tip the commit is
// being made on; nullopt when absent.
using TipReader = std::function<std::optional<std::string>(std::string_view name)>;

struct ResourceCommit {
    std::string id;
    std::vector<FileWrite> writes;        // applied to the folder as it is at the tip
    bool withdraw = false;                // remove the whole folder instead
    std::optional<Revision> restore_from; // make the folder exactly as it was at this revision
    // The revision the caller started from: a commit id (7 to 40 hex digits,
    // never a branch name, which would name the tip). When set, the commit
    // fails with conflict if the resource's folder differs between base and
    // the tip, or if the repository has no such commit. When empty, the
    // resource must not exist yet (a creation).
    std::optional<Revision> base;
    // With a base: the files whose change since base is a conflict ("resource.xml"
    // for an editor's save, the catalog for a translator's). Empty: any change
    // in the folder is.
    std::vector<std::string> guard;
    // Writes computed from the tip itself (a catalog brought in line with the
    // new source), called on every attempt so a lost race never applies
    // writes computed from an older tip. Its errors end the commit.
    std::function<Result<std::vector<FileWrite>>(const TipReader&)> derive;
    std::string branch = std::string(k_main);
    Author author;
    std::string message;
};

struct CommitResult {
    Revision revision;    // the new commit, or the tip when nothing changed
    bool changed = true;  // false when the folder was already exactly so
};

// Writes one commit on the branch. The ref moves by compare-and-swap and the
// whole attempt is retried when another writer moved it first, so concurrent
// commits never lose one. Objects and refs are fsynced before this returns.
// Errors: invalid (bad id or file name, a base that is not a commit id),
// conflict (stale or unknown base, or creating a resource that exists),
// not_found (restore_from unknown, or withdrawing a resource that does not
// exist), io.
Result<CommitResult> commit_resource(const Store& store, const ResourceCommit& commit);

// A revision expression (commit id or prefix, branch name, tag, "main~3")
// resolved to a commit id. Errors: not_found.
Result<Revision> resolve(const Store& store, std::string_view rev);

// The tip of a branch, or nullopt if it has no commits.
Result<std::optional<Revision>> branch_tip(const Store& store, std::string_view branch);

// One file of a resource at a revision. Errors: invalid (bad id/name), not_found.
Result<std::string> read_resource_file(const Store& store, std::string_view id, std::string_view name,
                                       std::string_view rev);

// The ids of the resources present at a revision, sorted.
Result<std::vector<std::string>> list_resources(const Store& store, std::string_view rev);

// The names of the files in a resource's folder at a revision (recursive,
// "files/x.pdf"), sorted. Errors: not_found.
Result<std::vector<std::string>> list_resource_files(const Store& store, std::string_view id, std::string_view rev);

// The git tree id of a resource's folder at a revision, or nullopt when the
// resource is absent there: two revisions hold the same resource exactly
// when these are equal. Errors: invalid (bad id), not_found (bad revision).
Result<std::optional<std::string>> resource_tree_id(const Store& store, std::string_view id, std::string_view rev);

// Any file of the repository at a revision ("glossary/fr.po"). Errors: not_found.
Result<std::string> read_path(const Store& store, std::string_view path, std::string_view rev);

struct HistoryEntry {
    Revision revision;
    std::string author_name;
    std::string author_email;
    std::int64_t time = 0;  // seconds since the epoch
    std::string message;    // the whole message
    std::string summary;    // its first line
};

// The message as people read it: without the Tandem-Resource trailer Tandem
// adds to find a commit's resource (the other trailers, such as Approved-by
// or From-Memory, say something to people and stay).
std::string message_for_people(const HistoryEntry& entry);

// The commits on `main` that changed the resource's folder, newest first.
// Read from the history index, which is brought up to date with the branch
// first (and rebuilt from git when missing or when the branch was rewritten).
// Errors: invalid (bad id), io.
Result<std::vector<HistoryEntry>> resource_history(const Store& store, std::string_view id,
                                                   std::size_t limit = 0);

// The last commit on `main` that changed each resource folder present at its
// tip, from the same index.
Result<std::map<std::string, Revision>> last_changes(const Store& store);

// Reads one commit's author and message. Errors: not_found.
Result<HistoryEntry> read_commit(const Store& store, std::string_view rev);

// Whether `revision` (a commit id) is the tip of `branch` or in its history.
// Errors: not_found (no such branch or commit).
Result<bool> on_branch(const Store& store, const Revision& revision, std::string_view branch);

// A unified text diff of two texts (three lines of context), for humans. An
// absent side (nullopt) is a file that does not exist there, shown as git
// shows a new or a deleted file (/dev/null); an empty text is an empty file.
std::string text_diff(std::optional<std::string_view> before, std::optional<std::string_view> after,
                      std::string_view label);

// Writes every loose object into one pack and removes them, as `git gc` would
// for new objects. Returns the number of objects packed.
Result<std::size_t> pack_loose_objects(const Store& store);

// Packs loose objects when there are more than about `threshold` of them,
// estimated as `git gc --auto` does from one of the 256 object folders.
// Returns the number packed (0 when below the threshold).
inline constexpr std::size_t k_auto_pack_threshold = 6700;  // git's gc.auto default
Result<std::size_t> pack_if_needed(const Store& store, std::size_t threshold = k_auto_pack_threshold);


// ---- Reading a whole release at once, and publications (releases.cpp) ----

// Every resource folder at a revision with its tree id, sorted by id, read in
// one pass over resources/ (resource_tree_id per resource would re-read that
// 10,000-entry tree each time). Errors: not_found (bad revision), io.
struct ResourceTree {
    std::string id;
    std::string tree;  // 40-hex tree id: equal trees, identical folders
};
Result<std::vector<ResourceTree>> list_resource_trees(const Store& store, std::string_view rev);

// Every file of a folder given its tree id (a ResourceTree's), recursively,
// sorted by name ("files/x.pdf"). Errors: not_found (no such tree), io.
struct FolderFile {
    std::string name;
    std::string content;
};
Result<std::vector<FolderFile>> read_folder(const Store& store, std::string_view tree_id);

// The names of those files, without reading them (what a folder holds, for
// the publisher's first pass). Errors: invalid (not a tree id), not_found, io.
Result<std::vector<std::string>> list_folder(const Store& store, std::string_view tree_id);

// The first-parent line of `rev`, oldest first, stopping after `since`
// (exclusive) when it is on the line; reached_since says whether it was, and
// when not, the line goes back to the root commit. Each commit comes with the
// resource folders it changed. Errors: not_found (bad revision), io.
struct LineCommit {
    HistoryEntry commit;
    std::vector<std::string> resources;
};
struct FirstParentLine {
    std::vector<LineCommit> commits;
    bool reached_since = false;
};
Result<FirstParentLine> first_parent_line(const Store& store, std::string_view rev,
                                          const std::optional<Revision>& since);

// Annotated tags ("published/3"): who made them, when, on which commit.
struct Tag {
    std::string name;      // without refs/tags/
    Revision target;       // the commit it names
    std::int64_t time = 0; // the tagger's time, seconds since the epoch
    std::string message;
};

// Writes refs/tags/<name> naming `rev`, synced to disk before it returns.
// Errors: invalid (not a tag name), not_found (rev), conflict (the tag exists), io.
Result<Tag> create_tag(const Store& store, std::string_view name, std::string_view rev, const Author& tagger,
                       std::string_view message);

// Errors: not_found, io.
Status delete_tag(const Store& store, std::string_view name);

// The tags whose name starts with `prefix`, sorted by name. Errors: io.
Result<std::vector<Tag>> list_tags(const Store& store, std::string_view prefix);

// The repository's folder (the bare .git directory).
std::filesystem::path store_path(const Store& store);

}  // namespace tandem::store
