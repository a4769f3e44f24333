// The history index: for each resource, the commits on `main` that changed its
// folder, oldest first, one 40-hex id a line in <repo>/tandem/history/<id>,
// and <repo>/tandem/history.tip naming the commit through which it is complete.
//
// It exists because walking 100,000 commits and diffing a 10,000-entry tree at
// each one takes minutes; with the index, a resource's history is one small file
// read. It is never the source of truth: delete it and it is rebuilt from git.

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include "cms/core/ids.h"
#include "cms/core/text.h"
#include "cms/store/git.h"

namespace tandem::store {

namespace {

constexpr std::string_view k_trailer_key = "Tandem-Resource: ";

std::filesystem::path index_dir(const Store& store) { return store.shared().path / "tandem"; }

// Serializes index updates between processes (a CLI beside a server).
class FileLock {
public:
    explicit FileLock(const std::filesystem::path& file) {
        m_fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd >= 0) ::flock(m_fd, LOCK_EX);
    }
    ~FileLock() {
        if (m_fd >= 0) ::close(m_fd);  // closing releases the lock
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    bool held() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

// Tandem's own commits name their resource in a trailer; reading it is far
// cheaper than comparing two 10,000-entry trees.
std::optional<std::string> trailer_resource(const char* message) {
    const std::string_view text(message ? message : "");
    std::optional<std::string> found;
    for (std::size_t at = text.find(k_trailer_key); at != std::string_view::npos; at = text.find(k_trailer_key, at + 1)) {
        if (at != 0 && text[at - 1] != '\n') continue;
        const auto start = at + k_trailer_key.size();
        const auto end = text.find('\n', start);
        std::string id(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (!check_resource_id(id)) return std::nullopt;
        if (found && *found != id) return std::nullopt;  // several: fall back to the tree
        found = id;
    }
    return found;
}

Result<std::optional<git_oid>> resources_tree_id(const git_commit* commit) {
    auto tree = commit_tree(commit);
    if (!tree) return tl::unexpected(tree.error());
    const git_tree_entry* entry = git_tree_entry_byname(tree->get(), "resources");
    if (!entry || git_tree_entry_type(entry) != GIT_OBJECT_TREE) return std::optional<git_oid>();
    return std::optional<git_oid>(*git_tree_entry_id(entry));
}

// The resource folders whose tree differs between two `resources/` trees,
// by one merge-walk over both sorted entry lists.
Status changed_folders(git_repository* repo, const std::optional<git_oid>& before, const std::optional<git_oid>& after,
                       std::vector<std::string>& out) {
    if (before && after && git_oid_equal(&*before, &*after)) return {};
    TreePtr a, b;
    for (auto [id, ptr] : {std::pair{&before, &a}, std::pair{&after, &b}}) {
        if (!*id) continue;
        git_tree* t = nullptr;
        const int rc = git_tree_lookup(&t, repo, &**id);
        if (rc != 0) return tl::unexpected(from_git(rc, "cannot read resources/"));
        ptr->reset(t);
    }
    const std::size_t na = a ? git_tree_entrycount(a.get()) : 0, nb = b ? git_tree_entrycount(b.get()) : 0;
    std::size_t i = 0, j = 0;
    while (i < na || j < nb) {
        const git_tree_entry* ea = i < na ? git_tree_entry_byindex(a.get(), i) : nullptr;
        const git_tree_entry* eb = j < nb ? git_tree_entry_byindex(b.get(), j) : nullptr;
        const int order = !ea ? 1 : !eb ? -1 : std::strcmp(git_tree_entry_name(ea), git_tree_entry_name(eb));
        if (order < 0) {
            out.emplace_back(git_tree_entry_name(ea)), ++i;
        } else if (order > 0) {
            out.emplace_back(git_tree_entry_name(eb)), ++j;
        } else {
            if (!git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb))) out.emplace_back(git_tree_entry_name(ea));
            ++i, ++j;
        }
    }
    return {};
}

// The commits after `indexed` up to `tip`, oldest first, when they are a line
// of single-parent commits no longer than a walk is worth (Tandem's own saves
// always are); nullopt otherwise. The common case then costs a few parent
// lookups: libgit2's descendant test and topological walk read the whole
// history, which made every save slower as the repository grew.
Result<std::optional<std::vector<git_oid>>> linear_commits_since(git_repository* repo, const git_oid& tip,
                                                                 const git_oid& indexed) {
    constexpr std::size_t k_longest_line = 10000;
    std::vector<git_oid> line;
    git_oid at = tip;
    while (!git_oid_equal(&at, &indexed)) {
        if (line.size() == k_longest_line) return std::optional<std::vector<git_oid>>();
        auto commit = lookup_commit(repo, at);
        if (!commit) return tl::unexpected(commit.error());
        if (git_commit_parentcount(commit->get()) != 1) return std::optional<std::vector<git_oid>>();
        line.push_back(at);
        at = *git_commit_parent_id(commit->get(), 0);
    }
    std::reverse(line.begin(), line.end());
    return std::optional<std::vector<git_oid>>(std::move(line));
}

// Every commit to index, oldest first (parents before children): those since
// `indexed` when the tip descends from it (catch_up set), else all of them.
Result<std::vector<git_oid>> commits_to_index(git_repository* repo, const git_oid& tip,
                                              const std::optional<git_oid>& indexed, bool& catch_up) {
    git_revwalk* raw_walk = nullptr;
    int rc = git_revwalk_new(&raw_walk, repo);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot walk history"));
    WalkPtr walk(raw_walk);
    git_revwalk_sorting(raw_walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
    git_revwalk_push(raw_walk, &tip);
    // Catch up from where the index stopped, or rebuild when the branch was
    // rewritten under it (the indexed commit is no longer an ancestor).
    catch_up = indexed && git_graph_descendant_of(repo, &tip, &*indexed) == 1;
    if (catch_up) git_revwalk_hide(raw_walk, &*indexed);
    std::vector<git_oid> out;
    git_oid oid;
    while ((rc = git_revwalk_next(&oid, raw_walk)) == 0) out.push_back(oid);
    if (rc != GIT_ITEROVER) return tl::unexpected(from_git(rc, "cannot walk history"));
    return out;
}

}  // namespace

Status changed_by(git_repository* repo, const git_commit* commit, std::vector<std::string>& out) {
    const unsigned parents = git_commit_parentcount(commit);
    if (parents == 1) {
        if (auto id = trailer_resource(git_commit_message(commit))) {
            out.push_back(*id);
            return {};
        }
    }
    auto after = resources_tree_id(commit);
    if (!after) return tl::unexpected(after.error());
    std::optional<git_oid> before;
    if (parents > 0) {
        // Merges are compared with their first parent, as `git log --first-parent` would.
        git_commit* parent = nullptr;
        const int rc = git_commit_parent(&parent, commit, 0);
        if (rc != 0) return tl::unexpected(from_git(rc, "cannot read a parent commit"));
        CommitPtr owned(parent);
        auto b = resources_tree_id(parent);
        if (!b) return tl::unexpected(b.error());
        before = *b;
    }
    return changed_folders(repo, before, *after, out);
}

std::string resource_trailer(std::string_view id) { return std::string(k_trailer_key) + std::string(id) + "\n"; }

std::string message_for_people(const HistoryEntry& entry) {
    std::string message = entry.message;
    const std::size_t at = message.rfind(k_trailer_key);
    if (at != std::string::npos && (at == 0 || message[at - 1] == '\n')) {
        const std::size_t end = message.find('\n', at);
        message.erase(at, end == std::string::npos ? std::string::npos : end + 1 - at);
    }
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return message;
}

Status update_history_index(const Store& store, git_repository* repo) {
    std::lock_guard in_process(store.shared().index_mutex);
    const auto dir = index_dir(store);
    std::error_code ec;
    std::filesystem::create_directories(dir / "history", ec);
    if (ec) return fail(ErrorCode::io, "cannot create " + dir.string() + ": " + ec.message());
    FileLock between_processes(dir / "lock");
    if (!between_processes.held()) return fail(ErrorCode::io, "cannot lock " + (dir / "lock").string());

    auto tip = ref_target(repo, "refs/heads/main");
    if (!tip) return tl::unexpected(tip.error());
    if (!*tip) return {};
    const auto tip_file = dir / "history.tip";
    std::optional<git_oid> indexed;
    if (auto text = read_file(tip_file); text && text->size() >= GIT_OID_HEXSZ) {
        git_oid oid;
        if (git_oid_fromstrn(&oid, text->data(), GIT_OID_HEXSZ) == 0) indexed = oid;
    }
    if (indexed && git_oid_equal(&*indexed, &**tip)) return {};

    std::vector<git_oid> new_commits;
    bool catch_up = false;
    if (indexed) {
        auto line = linear_commits_since(repo, **tip, *indexed);
        if (!line) return tl::unexpected(line.error());
        catch_up = line->has_value();
        if (catch_up) new_commits = std::move(**line);
    }
    if (!catch_up) {
        auto walked = commits_to_index(repo, **tip, indexed, catch_up);
        if (!walked) return tl::unexpected(walked.error());
        new_commits = std::move(*walked);
        if (!catch_up) {
            std::filesystem::remove_all(dir / "history", ec);
            std::filesystem::create_directories(dir / "history", ec);
        }
    }

    std::unordered_map<std::string, std::string> appended;  // id → lines to append
    std::vector<std::string> changed;
    for (const git_oid& oid : new_commits) {
        auto commit = lookup_commit(repo, oid);
        if (!commit) return tl::unexpected(commit.error());
        changed.clear();
        if (auto ok = changed_by(repo, commit->get(), changed); !ok) return ok;
        const std::string line = oid_hex(oid) + "\n";
        for (const auto& id : changed)
            if (check_resource_id(id)) appended[id] += line;
    }

    for (const auto& [id, lines] : appended) {
        std::ofstream out(dir / "history" / id, std::ios::app | std::ios::binary);
        out << lines;
        if (!out) return fail(ErrorCode::io, "cannot write the history index for " + id);
    }
    // The tip is written last: after a crash the lines are appended again on
    // the next update, and readers drop the repeats.
    return write_file_atomic(tip_file, oid_hex(**tip) + "\n", Durable::no);  // rebuildable
}

namespace {

// The index lines of one resource, oldest first, repeats dropped.
Result<std::vector<std::string>> indexed_revisions(const Store& store, std::string_view id) {
    auto text = read_file(index_dir(store) / "history" / std::string(id));
    std::vector<std::string> revisions;
    if (!text) {
        if (text.error().code == ErrorCode::not_found) return revisions;
        return tl::unexpected(text.error());
    }
    std::set<std::string> seen;
    std::size_t start = 0;
    while (start < text->size()) {
        auto end = text->find('\n', start);
        if (end == std::string::npos) end = text->size();
        std::string line = text->substr(start, end - start);
        if (line.size() == GIT_OID_HEXSZ && seen.insert(line).second) revisions.push_back(std::move(line));
        start = end + 1;
    }
    return revisions;
}

}  // namespace

Result<std::vector<HistoryEntry>> resource_history(const Store& store, std::string_view id, std::size_t limit) {
    if (auto ok = check_resource_id(id); !ok) return tl::unexpected(ok.error());
    {
        auto handle = Handle::borrow(store);
        if (!handle) return tl::unexpected(handle.error());
        if (auto ok = update_history_index(store, handle->repo()); !ok) return tl::unexpected(ok.error());
    }
    auto revisions = indexed_revisions(store, id);
    if (!revisions) return tl::unexpected(revisions.error());
    std::vector<HistoryEntry> entries;
    for (auto it = revisions->rbegin(); it != revisions->rend(); ++it) {
        if (limit && entries.size() >= limit) break;
        auto entry = read_commit(store, *it);
        if (!entry) return tl::unexpected(entry.error());
        entries.push_back(std::move(*entry));
    }
    return entries;
}

Result<std::map<std::string, Revision>> last_changes(const Store& store) {
    {
        auto handle = Handle::borrow(store);
        if (!handle) return tl::unexpected(handle.error());
        if (auto ok = update_history_index(store, handle->repo()); !ok) return tl::unexpected(ok.error());
    }
    auto ids = list_resources(store, "main");
    if (!ids) return tl::unexpected(ids.error());
    std::map<std::string, Revision> last;
    for (const auto& id : *ids) {
        auto revisions = indexed_revisions(store, id);
        if (!revisions) return tl::unexpected(revisions.error());
        if (!revisions->empty()) last[id] = revisions->back();
    }
    return last;
}

}  // namespace tandem::store
