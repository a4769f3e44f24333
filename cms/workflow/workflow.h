#pragma once
// The use cases of Tandem, one function each: what the command line and the
// HTTP API call. They validate, then write through the store; they never
// touch libgit2, libxml2 or HTTP themselves.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cms/core/result.h"
#include "cms/model/outline.h"
#include "cms/model/resource.h"
#include "cms/store/store.h"
#include "pipeline/its/its.h"

namespace tandem::workflow {

// Everything a use case needs, opened once in main and passed down.
struct Memo;  // memo.h: what the workflow already worked out, by content

struct Context {
    store::Store store;
    model::Schema schema;
    its::Rules rules;  // what is translatable in a resource (cms/model/schema/resource.its)
    std::filesystem::path data_dir;
    std::filesystem::path share_dir;
    // Shared by the copies of one context (a server's threads): derived
    // values keyed by content ids, so they never go stale.
    std::shared_ptr<Memo> memo;
};

std::filesystem::path content_repo_path(const std::filesystem::path& data_dir);

// Opens <data>/content.git and the schema under share_dir. Errors: not_found, invalid, io.
Result<Context> open_context(const std::filesystem::path& data_dir, const std::filesystem::path& share_dir);

// Creates <data>/content.git from a seed folder (resources/<id>/…, glossary/…),
// validating every resource document first: on any invalid file nothing is
// created. Errors: conflict (already there), invalid, io.
Result<Context> init_data(const std::filesystem::path& data_dir, const std::filesystem::path& share_dir,
                          const std::filesystem::path& seed_dir, const store::Author& author);

struct ResourceSummary {
    model::ResourceInfo info;
    store::Revision revision;  // the last commit on main that changed the resource
};

Result<std::vector<ResourceSummary>> list_resources(const Context& ctx);

struct ResourceView {
    model::ResourceInfo info;
    store::Revision revision;  // the commit the document was read at
    std::string xml;
    std::vector<std::string> files;  // names in the resource's folder
};

// Errors: invalid (bad id), not_found.
Result<ResourceView> show_resource(const Context& ctx, std::string_view id, std::string_view rev = "main");

struct SaveRequest {
    std::string id;
    std::string xml;
    std::optional<store::Revision> base;  // empty: create a new resource
    store::Author author;
    std::string message;
    std::string label = "resource.xml";  // names the document in errors (the user's file)
};

// Validates the document (schema, id matching the request) and commits it on
// main with its catalog brought in line in the same commit (new segments
// untranslated, changed ones fuzzy, removed ones obsolete). Only a change of
// the document since base is a conflict: a translator's save meanwhile is
// kept. Errors: invalid (with line:column), conflict (stale base or already
// exists), not_found (unknown base), io.
Result<store::CommitResult> save_source(const Context& ctx, const SaveRequest& request);

// Makes the resource as it was at `rev`, as a new commit. Errors: not_found,
// conflict (stale base), invalid.
Result<store::CommitResult> revert_resource(const Context& ctx, std::string_view id, std::string_view rev,
                                            const store::Author& author, std::string message,
                                            std::optional<store::Revision> base);

// Removes the resource from main, as a commit. Errors: not_found, conflict.
Result<store::CommitResult> withdraw_resource(const Context& ctx, std::string_view id, const store::Author& author,
                                              std::string message, std::optional<store::Revision> base);

struct ResourceDiff {
    store::Revision from;
    store::Revision to;
    std::optional<std::string> before;  // resource.xml at `from`; none when the resource did not exist there
    std::optional<std::string> after;   // resource.xml at `to`; none when it did not exist there (withdrawn)
    model::OutlineDiff outline;         // which sections and blocks changed
    std::string text;                   // unified diff of resource.xml
};

// What changed in the resource from one revision to another. A resource
// absent at one side diffs as git diff shows a file's creation or deletion:
// everything added (created between the two) or everything removed
// (withdrawn between them). Errors: invalid (bad id, or a document that does
// not parse), not_found (an unknown revision, or the resource is absent at
// both).
Result<ResourceDiff> diff_resource(const Context& ctx, std::string_view id, std::string_view from, std::string_view to);

}  // namespace tandem::workflow
