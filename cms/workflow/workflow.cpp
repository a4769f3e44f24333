#include "cms/workflow/workflow.h"

#include <algorithm>
#include <unordered_map>

#include "cms/core/ids.h"
#include "cms/core/text.h"
#include "cms/workflow/catalogs.h"
#include "cms/workflow/memo.h"

namespace tandem::workflow {

namespace {

Status check_document_id(const model::ResourceInfo& info, std::string_view id) {
    if (info.id != id)
        return fail(ErrorCode::invalid, phrase("the document's id is \"{found}\" but it is saved as \"{id}\"",
                                               {{"found", info.id}, {"id", std::string(id)}}));
    return {};
}

// Every regular file under seed_dir/resources and seed_dir/glossary, as
// repository paths, in a stable order.
Result<std::vector<store::SeedFile>> read_seed(const model::Schema& schema, const std::filesystem::path& seed_dir) {
    std::vector<store::SeedFile> files;
    std::error_code ec;
    if (!std::filesystem::is_directory(seed_dir / "resources", ec))
        return fail(ErrorCode::not_found, "no seed at " + seed_dir.string() + " (expected a resources/ folder)");
    for (const char* top : {"resources", "glossary"}) {
        if (!std::filesystem::is_directory(seed_dir / top, ec)) continue;
        for (auto it = std::filesystem::recursive_directory_iterator(seed_dir / top, ec);
             it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) return fail(ErrorCode::io, "cannot read " + seed_dir.string() + ": " + ec.message());
            if (!it->is_regular_file()) continue;
            const std::string path = std::filesystem::relative(it->path(), seed_dir).generic_string();
            auto content = read_file(it->path());
            if (!content) return tl::unexpected(content.error());
            files.push_back({path, std::move(*content)});
        }
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    for (const auto& file : files) {
        const auto slash = file.path.find('/', 10);
        if (file.path.rfind("resources/", 0) != 0) continue;
        const std::string id = file.path.substr(10, slash - 10);
        if (auto ok = check_resource_id(id); !ok) return tl::unexpected(ok.error());
        const std::string name = file.path.substr(slash + 1);
        if (name == "en.po" || name == "fr.po") {
            // Every command that reads the resource reads its catalog: one
            // that does not parse would make them all fail after init.
            if (auto catalog = po::read_catalog(file.content, file.path); !catalog) return tl::unexpected(catalog.error());
            continue;
        }
        if (name != "resource.xml") continue;
        auto info = model::validate_resource(schema, file.content, file.path);
        if (!info) return tl::unexpected(info.error());
        if (auto ok = check_document_id(*info, id); !ok) {
            auto e = ok.error();
            e.where.file = file.path;
            return tl::unexpected(e);
        }
    }
    return files;
}

}  // namespace

std::filesystem::path content_repo_path(const std::filesystem::path& data_dir) { return data_dir / "content.git"; }

namespace {

Result<its::Rules> load_resource_rules(const std::filesystem::path& share_dir) {
    const std::filesystem::path files[] = {share_dir / "cms" / "model" / "schema" / "resource.its"};
    return its::read_rules(files);
}

}  // namespace

Result<Context> open_context(const std::filesystem::path& data_dir, const std::filesystem::path& share_dir) {
    auto schema = model::load_schema(model::default_schema_path(share_dir));
    if (!schema) return tl::unexpected(schema.error());
    auto rules = load_resource_rules(share_dir);
    if (!rules) return tl::unexpected(rules.error());
    auto store = store::open_store(content_repo_path(data_dir));
    if (!store) return tl::unexpected(store.error());
    return Context{std::move(*store), std::move(*schema), std::move(*rules), data_dir, share_dir, new_memo()};
}

Result<Context> init_data(const std::filesystem::path& data_dir, const std::filesystem::path& share_dir,
                          const std::filesystem::path& seed_dir, const store::Author& author) {
    auto schema = model::load_schema(model::default_schema_path(share_dir));
    if (!schema) return tl::unexpected(schema.error());
    auto seed = read_seed(*schema, seed_dir);
    if (!seed) return tl::unexpected(seed.error());
    auto rules = load_resource_rules(share_dir);
    if (!rules) return tl::unexpected(rules.error());
    auto store = store::init_store(content_repo_path(data_dir), *seed, author,
                                   "Import the seed content\n\nFrom " + seed_dir.filename().string() + "/.");
    if (!store) return tl::unexpected(store.error());
    return Context{std::move(*store), std::move(*schema), std::move(*rules), data_dir, share_dir, new_memo()};
}

Result<std::vector<ResourceSummary>> list_resources(const Context& ctx) {
    auto last = store::last_changes(ctx.store);
    if (!last) return tl::unexpected(last.error());
    // Every folder's tree id in one pass over resources/: a document whose
    // folder is unchanged is not read again (the memo).
    auto tip = store::resolve(ctx.store, "main");
    if (!tip) return tl::unexpected(tip.error());
    auto trees = store::list_resource_trees(ctx.store, *tip);
    if (!trees) return tl::unexpected(trees.error());
    std::unordered_map<std::string, std::string> tree_of;
    for (auto& [id, tree] : *trees) tree_of.emplace(std::move(id), std::move(tree));
    Memo* memo = ctx.memo.get();
    std::vector<ResourceSummary> out;
    out.reserve(last->size());
    for (const auto& [id, revision] : *last) {
        const auto tree = tree_of.find(id);
        if (tree == tree_of.end()) continue;  // withdrawn since
        if (memo) {
            std::lock_guard lock(memo->mutex);
            if (const auto it = memo->info_by_tree.find(tree->second); it != memo->info_by_tree.end()) {
                out.push_back({it->second, revision});
                continue;
            }
        }
        auto xml = store::read_resource_file(ctx.store, id, "resource.xml", *tip);
        if (!xml) continue;  // a folder without a document (only attachments) is not a resource
        auto info = model::read_resource_info(*xml);
        if (!info) return fail(ErrorCode::corrupt, "resources/" + id + "/resource.xml on main is not well-formed");
        if (memo) {
            std::lock_guard lock(memo->mutex);
            if (memo->info_by_tree.size() >= Memo::k_most) memo->info_by_tree.clear();
            memo->info_by_tree.insert_or_assign(tree->second, *info);
        }
        out.push_back({std::move(*info), revision});
    }
    return out;
}

Result<ResourceView> show_resource(const Context& ctx, std::string_view id, std::string_view rev) {
    if (auto ok = check_resource_id(id); !ok) return tl::unexpected(ok.error());
    auto revision = store::resolve(ctx.store, rev);
    if (!revision) return tl::unexpected(revision.error());
    auto xml = store::read_resource_file(ctx.store, id, "resource.xml", *revision);
    if (!xml) {
        if (xml.error().code == ErrorCode::not_found)
            return fail(ErrorCode::not_found, phrase("no resource {id} at {revision}", {{"id", std::string(id)}, {"revision", std::string(rev)}}));
        return tl::unexpected(xml.error());
    }
    auto info = model::read_resource_info(*xml);
    if (!info) return tl::unexpected(info.error());
    auto files = store::list_resource_files(ctx.store, id, *revision);
    if (!files) return tl::unexpected(files.error());
    return ResourceView{std::move(*info), *revision, std::move(*xml), std::move(*files)};
}

Result<store::CommitResult> save_source(const Context& ctx, const SaveRequest& request) {
    if (auto ok = check_resource_id(request.id); !ok) return tl::unexpected(ok.error());
    const std::string_view xml = without_bom(request.xml);
    auto info = model::validate_resource(ctx.schema, xml, request.label);
    if (!info) return tl::unexpected(info.error());
    if (auto ok = check_document_id(*info, request.id); !ok) return tl::unexpected(ok.error());
    auto segments = resource_segments(ctx, request.id, xml);
    if (!segments) return tl::unexpected(segments.error());
    store::ResourceCommit commit;
    commit.id = request.id;
    commit.writes.push_back({"resource.xml", std::string(xml)});
    commit.base = request.base;
    commit.guard = {"resource.xml"};
    // The catalog is brought in line with the catalog at the tip the commit
    // lands on, so a translation saved meanwhile is kept.
    const std::string catalog = catalog_name(info->source_lang);
    const std::string stale = catalog_name(other_lang(info->source_lang));
    commit.derive = [&](const store::TipReader& read) -> Result<std::vector<store::FileWrite>> {
        auto text = sync_catalog(request.id, other_lang(info->source_lang), *segments, read(catalog), request.author);
        if (!text) return tl::unexpected(text.error());
        std::vector<store::FileWrite> writes{{catalog, std::move(*text)}};
        if (read(stale)) writes.push_back({stale, std::nullopt});  // the source language changed
        return writes;
    };
    commit.author = request.author;
    commit.message = request.message;
    return store::commit_resource(ctx.store, commit);
}

Result<store::CommitResult> revert_resource(const Context& ctx, std::string_view id, std::string_view rev,
                                            const store::Author& author, std::string message,
                                            std::optional<store::Revision> base) {
    auto target = store::resolve(ctx.store, rev);
    if (!target) return tl::unexpected(target.error());
    if (!base) {
        auto tip = store::branch_tip(ctx.store, store::k_main);
        if (!tip) return tl::unexpected(tip.error());
        base = *tip;
    }
    store::ResourceCommit commit;
    commit.id = std::string(id);
    commit.restore_from = *target;
    commit.base = base;
    commit.author = author;
    commit.message = message.empty() ? "Revert " + std::string(id) + " to " + target->substr(0, 12) : std::move(message);
    return store::commit_resource(ctx.store, commit);
}

Result<store::CommitResult> withdraw_resource(const Context& ctx, std::string_view id, const store::Author& author,
                                              std::string message, std::optional<store::Revision> base) {
    if (!base) {
        auto tip = store::branch_tip(ctx.store, store::k_main);
        if (!tip) return tl::unexpected(tip.error());
        base = *tip;
    }
    store::ResourceCommit commit;
    commit.id = std::string(id);
    commit.withdraw = true;
    commit.base = base;
    commit.author = author;
    commit.message = message.empty() ? "Withdraw " + std::string(id) : std::move(message);
    return store::commit_resource(ctx.store, commit);
}

namespace {

// The resource's document at a revision, or none when the resource is not
// there (not created yet, or withdrawn). Errors: not_found (unknown revision).
Result<std::optional<std::string>> document_at(const Context& ctx, std::string_view id, const store::Revision& revision) {
    auto xml = store::read_resource_file(ctx.store, id, "resource.xml", revision);
    if (xml) return std::optional<std::string>(std::move(*xml));
    if (xml.error().code == ErrorCode::not_found) return std::optional<std::string>();
    return tl::unexpected(xml.error());
}

Result<model::Outline> outline_of(const std::optional<std::string>& xml) {
    if (!xml) return model::Outline{};  // an absent document has no blocks: all added, or all removed
    return model::read_outline(*xml);
}

}  // namespace

Result<ResourceDiff> diff_resource(const Context& ctx, std::string_view id, std::string_view from, std::string_view to) {
    if (auto ok = check_resource_id(id); !ok) return tl::unexpected(ok.error());
    // Resolve both revisions first, so an unknown revision is an error of
    // its own and not taken for a resource that is absent there.
    auto from_rev = store::resolve(ctx.store, from);
    if (!from_rev) return tl::unexpected(from_rev.error());
    auto to_rev = store::resolve(ctx.store, to);
    if (!to_rev) return tl::unexpected(to_rev.error());
    auto before = document_at(ctx, id, *from_rev);
    if (!before) return tl::unexpected(before.error());
    auto after = document_at(ctx, id, *to_rev);
    if (!after) return tl::unexpected(after.error());
    if (!*before && !*after)
        return fail(ErrorCode::not_found, "no resource " + std::string(id) + " at " + std::string(from) + " or at " +
                                              std::string(to));
    auto outline_before = outline_of(*before);
    if (!outline_before) return tl::unexpected(outline_before.error());
    auto outline_after = outline_of(*after);
    if (!outline_after) return tl::unexpected(outline_after.error());
    ResourceDiff diff;
    diff.from = *from_rev;
    diff.to = *to_rev;
    diff.outline = model::diff_outlines(*outline_before, *outline_after);
    diff.text = store::text_diff(*before, *after, "resources/" + std::string(id) + "/resource.xml");
    diff.before = std::move(*before);
    diff.after = std::move(*after);
    return diff;
}

}  // namespace tandem::workflow
