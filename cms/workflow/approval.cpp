#include "cms/workflow/approval.h"

#include <algorithm>

#include "cms/workflow/catalogs.h"

namespace tandem::workflow {

namespace {

constexpr std::string_view k_source_revision_trailer = "Source-Revision: ";

// The Source-Revision trailer of the last commit on release that touched the
// resource, if it was an approval.
std::optional<store::Revision> approved_revision(const Context& ctx, std::string_view id) {
    auto tip = store::branch_tip(ctx.store, store::k_release);
    if (!tip || !*tip) return std::nullopt;
    // Approvals are rare and release is short: walk it back from the tip.
    std::string rev = **tip;
    for (int depth = 0; depth < 10000; ++depth) {
        auto commit = store::read_commit(ctx.store, rev);
        if (!commit) return std::nullopt;
        if (commit->message.find("Tandem-Resource: " + std::string(id) + "\n") != std::string::npos) {
            const auto at = commit->message.find(k_source_revision_trailer);
            if (at == std::string::npos) return std::nullopt;
            return commit->message.substr(at + k_source_revision_trailer.size(), 40);
        }
        auto parent = store::resolve(ctx.store, rev + "^");
        if (!parent) return std::nullopt;
        rev = *parent;
    }
    return std::nullopt;
}

}  // namespace

std::string describe(const Obstacle& obstacle) {
    std::string out;
    if (obstacle.line > 0) out += "line " + std::to_string(obstacle.line) + ": ";
    if (!obstacle.code.empty()) out += obstacle.code + ": ";
    return out + obstacle.message;
}

Result<Parity> check_parity(const Context& ctx, std::string_view id, std::string_view rev) {
    auto loaded = load_catalog(ctx, id, rev);
    if (!loaded) return tl::unexpected(loaded.error());
    const Lang target = other_lang(loaded->info.source_lang);
    auto checks = check_catalog(ctx, id, target, rev);
    if (!checks) return tl::unexpected(checks.error());
    Parity parity;
    parity.stats = po::measure_catalog(loaded->catalog);
    const std::string into = lang_code(target);
    const auto obstacle = [](Phrase what, int line = 0, std::string code = {}) {
        std::string message = english(what);
        return Obstacle{std::move(message), std::move(what), line, std::move(code)};
    };
    if (parity.stats.untranslated > 0)
        parity.missing.push_back(obstacle(counted("{count} segment untranslated into {lang}",
                                                  "{count} segments untranslated into {lang}",
                                                  parity.stats.untranslated, {{"lang", into}})));
    if (parity.stats.fuzzy > 0)
        parity.missing.push_back(obstacle(counted("{count} segment fuzzy (to review) into {lang}",
                                                  "{count} segments fuzzy (to review) into {lang}", parity.stats.fuzzy,
                                                  {{"lang", into}})));
    for (const auto& c : *checks)
        for (const auto& issue : c.issues)
            if (check::blocks_approval(issue)) {
                ++parity.failing;
                parity.missing.push_back(obstacle(issue.phrase, c.line, issue.code));
                break;
            }
    // What the site could not publish is not ready either: publishing would
    // fail for the whole release.
    const std::string label = "resources/" + std::string(id) + "/" + lang_code(target) + ".po";
    if (auto ok = check_translated_document(ctx, loaded->xml, loaded->catalog, target, label); !ok)
        parity.missing.push_back(Obstacle{ok.error().message, ok.error().phrase, ok.error().where.line, {}});
    parity.ready = parity.missing.empty();
    return parity;
}

Result<store::CommitResult> approve_resource(const Context& ctx, const ApproveRequest& request) {
    auto revision = store::resolve(ctx.store, request.rev);
    if (!revision) return tl::unexpected(revision.error());
    // What is approved is a revision of the editors' work: a release commit
    // or a publication tag would approve the release itself.
    auto on_main = store::on_branch(ctx.store, *revision, store::k_main);
    if (!on_main) return tl::unexpected(on_main.error());
    if (!*on_main)
        return fail(ErrorCode::invalid,
                    phrase("revision {revision} is not on main: approve a revision of main", {{"revision", request.rev}}));
    auto parity = check_parity(ctx, request.id, *revision);
    if (!parity) return tl::unexpected(parity.error());
    if (request.force_unilingual && request.note.find_first_not_of(" \t\r\n") == std::string::npos)
        return fail(ErrorCode::invalid, phrase("a unilingual approval needs a note saying why"));
    if (!parity->ready && !request.force_unilingual) {
        // The message lists the obstacles; the phrase is its first line, the
        // API sends the obstacles beside it.
        Phrase refused = phrase("approval of {id} refused: not every segment is ready in both languages", {{"id", request.id}});
        std::string message = english(refused);
        for (const auto& m : parity->missing) message += "\n  - " + describe(m);
        return tl::unexpected(Error{ErrorCode::invalid, std::move(message), {}, std::move(refused)});
    }
    auto release_tip = store::branch_tip(ctx.store, store::k_release);
    if (!release_tip) return tl::unexpected(release_tip.error());

    std::string message = "Approve " + request.id + "\n\n";
    if (!request.note.empty()) message += request.note + "\n\n";
    message += "Approved-by: " + request.author.name + " <" + request.author.email + ">\n";
    message += std::string(k_source_revision_trailer) + *revision + "\n";
    message += "Translated: " + std::to_string(parity->stats.translated) + "\n";
    message += "Fuzzy: " + std::to_string(parity->stats.fuzzy) + "\n";
    message += "Untranslated: " + std::to_string(parity->stats.untranslated) + "\n";
    message += "Failing: " + std::to_string(parity->failing) + "\n";
    if (!parity->ready) message += "Unilingual: yes\n";

    store::ResourceCommit commit;
    commit.id = request.id;
    commit.restore_from = *revision;
    commit.branch = std::string(store::k_release);
    commit.base = *release_tip;
    commit.guard = {"resource.xml", "en.po", "fr.po"};
    commit.author = request.author;
    commit.message = message;
    return store::commit_resource(ctx.store, commit);
}

Result<store::CommitResult> withdraw_release(const Context& ctx, std::string_view id, const store::Author& author,
                                             std::string note) {
    auto release_tip = store::branch_tip(ctx.store, store::k_release);
    if (!release_tip) return tl::unexpected(release_tip.error());
    store::ResourceCommit commit;
    commit.id = std::string(id);
    commit.withdraw = true;
    commit.branch = std::string(store::k_release);
    commit.base = *release_tip;
    commit.author = author;
    commit.message = "Withdraw " + std::string(id) + " from the release\n\n" + (note.empty() ? "" : note + "\n\n") +
                     "Withdrawn-by: " + author.name + " <" + author.email + ">\n";
    return store::commit_resource(ctx.store, commit);
}

Result<std::vector<PendingApproval>> pending_approvals(const Context& ctx) {
    auto on_main = store::list_resources(ctx.store, store::k_main);
    if (!on_main) return tl::unexpected(on_main.error());
    auto on_release = store::list_resources(ctx.store, store::k_release);
    if (!on_release) return tl::unexpected(on_release.error());
    auto last = store::last_changes(ctx.store);
    if (!last) return tl::unexpected(last.error());

    std::vector<PendingApproval> out;
    for (const auto& id : *on_main) {
        auto a = store::resource_tree_id(ctx.store, id, store::k_main);
        auto b = store::resource_tree_id(ctx.store, id, store::k_release);
        if (!a || !b) return tl::unexpected(!a ? a.error() : b.error());
        if (*a == *b) continue;
        auto main_view = show_resource(ctx, id, store::k_main);
        if (!main_view) continue;  // a folder without a document
        PendingApproval item;
        item.id = id;
        item.title = main_view->info.title;
        item.revision = last->count(id) ? last->at(id) : main_view->revision;
        item.approved = approved_revision(ctx, id);
        auto parity = check_parity(ctx, id, store::k_main);
        if (!parity) return tl::unexpected(parity.error());
        item.parity = std::move(*parity);
        auto after = model::read_outline(main_view->xml);
        if (!after) return tl::unexpected(after.error());
        model::Outline before;
        if (*b) {
            auto released = show_resource(ctx, id, store::k_release);
            if (released)
                if (auto outline = model::read_outline(released->xml)) before = std::move(*outline);
        }
        item.changes = model::diff_outlines(before, *after);
        out.push_back(std::move(item));
    }
    for (const auto& id : *on_release)
        if (!std::binary_search(on_main->begin(), on_main->end(), id)) {
            PendingApproval item;
            item.id = id;
            item.withdrawn_on_main = true;
            item.approved = approved_revision(ctx, id);
            out.push_back(std::move(item));
        }
    std::stable_sort(out.begin(), out.end(), [](const PendingApproval& x, const PendingApproval& y) {
        if (x.parity.ready != y.parity.ready) return x.parity.ready;
        return x.id < y.id;
    });
    return out;
}

}  // namespace tandem::workflow
