// Reading a whole release in few passes, and the tags that name publications.
// The publisher reads 10,000 resource folders per publish: each read here
// parses the big resources/ tree once, never once per resource.

#include <algorithm>

#include "cms/store/git.h"

namespace tandem::store {

namespace {

constexpr std::string_view k_tags = "refs/tags/";

Status read_tree_files(git_repository* repo, const git_tree* tree, const std::string& prefix, std::vector<FolderFile>& out) {
    for (std::size_t i = 0, n = git_tree_entrycount(tree); i < n; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
        const std::string name = prefix + git_tree_entry_name(entry);
        if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
            auto sub = lookup_tree(repo, *git_tree_entry_id(entry));
            if (!sub) return tl::unexpected(sub.error());
            if (auto ok = read_tree_files(repo, sub->get(), name + "/", out); !ok) return ok;
        } else if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
            git_blob* blob = nullptr;
            const int rc = git_blob_lookup(&blob, repo, git_tree_entry_id(entry));
            if (rc != 0) return tl::unexpected(from_git(rc, "cannot read " + name));
            BlobPtr owned(blob);
            out.push_back({name, std::string(static_cast<const char*>(git_blob_rawcontent(blob)),
                                             static_cast<std::size_t>(git_blob_rawsize(blob)))});
        }
    }
    return {};
}

HistoryEntry entry_of(const git_commit* commit) {
    const git_signature* author = git_commit_author(commit);
    const char* summary = git_commit_summary(const_cast<git_commit*>(commit));
    return HistoryEntry{oid_hex(*git_commit_id(commit)), author->name, author->email, author->when.time,
                        git_commit_message(commit), summary ? summary : ""};
}

// A tag name Tandem writes: path segments of letters, digits, '-', '_', '.',
// none starting with '.', so nothing can escape refs/tags/.
Status check_tag_name(std::string_view name) {
    bool ok = !name.empty() && name.size() <= 128 && name.front() != '/' && name.back() != '/';
    char previous = '/';
    for (char c : name) {
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || (c == '.' && previous != '/') || (c == '/' && previous != '/'));
        previous = c;
    }
    if (!ok) return fail(ErrorCode::invalid, "not a tag name Tandem writes: \"" + std::string(name.substr(0, 80)) + "\"");
    return {};
}

Result<Tag> read_tag(git_repository* repo, const std::string& ref_name) {
    git_oid oid;
    int rc = git_reference_name_to_id(&oid, repo, ref_name.c_str());
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read " + ref_name));
    git_object* object = nullptr;
    rc = git_object_lookup(&object, repo, &oid, GIT_OBJECT_ANY);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read " + ref_name));
    ObjectPtr owned(object);
    Tag tag;
    tag.name = ref_name.substr(k_tags.size());
    if (git_object_type(object) == GIT_OBJECT_TAG) {
        const auto* annotated = reinterpret_cast<const git_tag*>(object);
        const git_signature* tagger = git_tag_tagger(annotated);
        tag.time = tagger ? tagger->when.time : 0;
        const char* message = git_tag_message(annotated);
        tag.message = message ? message : "";
    }
    git_object* peeled = nullptr;
    rc = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT);
    if (rc != 0) return tl::unexpected(from_git(rc, ref_name + " does not name a commit"));
    ObjectPtr peeled_owned(peeled);
    tag.target = oid_hex(*git_object_id(peeled));
    if (git_object_type(object) != GIT_OBJECT_TAG)  // a lightweight tag: the commit's time stands in
        tag.time = git_commit_time(reinterpret_cast<const git_commit*>(peeled));
    return tag;
}

}  // namespace

Result<std::vector<ResourceTree>> list_resource_trees(const Store& store, std::string_view rev) {
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    auto root = tree_at(handle->repo(), rev);
    if (!root) return tl::unexpected(root.error());
    std::vector<ResourceTree> out;
    const git_tree_entry* folder = git_tree_entry_byname(root->get(), "resources");
    if (!folder || git_tree_entry_type(folder) != GIT_OBJECT_TREE) return out;
    auto resources = lookup_tree(handle->repo(), *git_tree_entry_id(folder));
    if (!resources) return tl::unexpected(resources.error());
    const std::size_t n = git_tree_entrycount(resources->get());
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(resources->get(), i);
        if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
            out.push_back({git_tree_entry_name(entry), oid_hex(*git_tree_entry_id(entry))});
    }
    // git orders tree entries as if folder names ended in '/'; callers want plain name order.
    std::sort(out.begin(), out.end(), [](const ResourceTree& a, const ResourceTree& b) { return a.id < b.id; });
    return out;
}

Result<std::vector<FolderFile>> read_folder(const Store& store, std::string_view tree_id) {
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    auto tree = tree_by_id(handle->repo(), tree_id);
    if (!tree) return tl::unexpected(tree.error());
    std::vector<FolderFile> out;
    if (auto ok = read_tree_files(handle->repo(), tree->get(), "", out); !ok) return tl::unexpected(ok.error());
    std::sort(out.begin(), out.end(), [](const FolderFile& a, const FolderFile& b) { return a.name < b.name; });
    return out;
}

Result<FirstParentLine> first_parent_line(const Store& store, std::string_view rev, const std::optional<Revision>& since) {
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    git_repository* repo = handle->repo();
    auto oid = resolve_oid(repo, rev);
    if (!oid) return tl::unexpected(oid.error());
    std::optional<git_oid> stop;
    if (since) {
        git_oid s;
        if (since->size() == GIT_OID_HEXSZ && git_oid_fromstr(&s, since->c_str()) == 0) stop = s;
    }
    FirstParentLine line;
    auto commit = lookup_commit(repo, *oid);
    if (!commit) return tl::unexpected(commit.error());
    CommitPtr current = std::move(*commit);
    while (current) {
        if (stop && git_oid_equal(git_commit_id(current.get()), &*stop)) {
            line.reached_since = true;
            break;
        }
        LineCommit item{entry_of(current.get()), {}};
        if (auto ok = changed_by(repo, current.get(), item.resources); !ok) return tl::unexpected(ok.error());
        line.commits.push_back(std::move(item));
        if (git_commit_parentcount(current.get()) == 0) break;
        git_commit* parent = nullptr;
        const int rc = git_commit_parent(&parent, current.get(), 0);
        if (rc != 0) return tl::unexpected(from_git(rc, "cannot read a parent commit"));
        current.reset(parent);
    }
    std::reverse(line.commits.begin(), line.commits.end());
    return line;
}

Result<Tag> create_tag(const Store& store, std::string_view name, std::string_view rev, const Author& tagger,
                       std::string_view message) {
    if (auto ok = check_tag_name(name); !ok) return tl::unexpected(ok.error());
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    git_repository* repo = handle->repo();
    auto oid = resolve_oid(repo, rev);
    if (!oid) return tl::unexpected(oid.error());
    auto sig = make_signature(tagger);
    if (!sig) return tl::unexpected(sig.error());
    git_object* target = nullptr;
    int rc = git_object_lookup(&target, repo, &*oid, GIT_OBJECT_COMMIT);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot read commit " + oid_hex(*oid)));
    ObjectPtr owned(target);
    const std::string tag_name(name), text(message);
    git_oid tag_oid;
    rc = git_tag_create(&tag_oid, repo, tag_name.c_str(), target, sig->get(), text.c_str(), 0);
    if (rc == GIT_EEXISTS) return fail(ErrorCode::conflict, "tag " + tag_name + " already exists");
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot write tag " + tag_name));
    if (auto synced = sync_repository(store.shared().path); !synced) return tl::unexpected(synced.error());
    return read_tag(repo, std::string(k_tags) + tag_name);
}

Status delete_tag(const Store& store, std::string_view name) {
    if (auto ok = check_tag_name(name); !ok) return ok;
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    const int rc = git_tag_delete(handle->repo(), std::string(name).c_str());
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot delete tag " + std::string(name)));
    return sync_repository(store.shared().path);
}

Result<std::vector<Tag>> list_tags(const Store& store, std::string_view prefix) {
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    git_strarray names{};
    const std::string pattern = std::string(prefix) + "*";
    int rc = git_tag_list_match(&names, pattern.c_str(), handle->repo());
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot list tags"));
    std::vector<Tag> out;
    Status status;
    for (std::size_t i = 0; i < names.count && status; ++i) {
        const std::string name = names.strings[i];
        if (name.compare(0, prefix.size(), prefix) != 0) continue;
        auto tag = read_tag(handle->repo(), std::string(k_tags) + name);
        if (tag) out.push_back(std::move(*tag));
        else status = tl::unexpected(tag.error());
    }
    git_strarray_dispose(&names);
    if (!status) return tl::unexpected(status.error());
    std::sort(out.begin(), out.end(), [](const Tag& a, const Tag& b) { return a.name < b.name; });
    return out;
}

}  // namespace tandem::store
