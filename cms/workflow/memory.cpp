#include "cms/workflow/memory.h"

#include <set>

#include "cms/workflow/catalogs.h"
#include "cms/workflow/provenance.h"

namespace tandem::workflow {

Result<tm::Memory> build_repository_memory(const Context& ctx, std::string_view rev) {
    auto ids = store::list_resources(ctx.store, rev);
    if (!ids) return tl::unexpected(ids.error());
    std::vector<tm::Entry> entries;
    for (const auto& id : *ids) {
        auto loaded = load_catalog(ctx, id, rev);
        if (!loaded) {
            if (loaded.error().code == ErrorCode::not_found) continue;  // a folder without a document
            return tl::unexpected(loaded.error());
        }
        for (const auto& m : loaded->catalog.messages)
            if (m.translated())
                entries.push_back({m.msgid, m.msgstr, loaded->info.source_lang, {id, loaded->revision}});
    }
    return tm::build_memory(std::move(entries));
}

Result<std::vector<Suggestion>> suggest_translations(const Context& ctx, const tm::Memory& memory, std::string_view id,
                                                     Lang lang) {
    auto loaded = load_catalog(ctx, id, "main");
    if (!loaded) return tl::unexpected(loaded.error());
    if (lang == loaded->info.source_lang)
        return fail(ErrorCode::invalid, "resource " + std::string(id) + " is written in " + lang_code(lang));
    std::vector<Suggestion> out;
    for (const auto& m : loaded->catalog.messages) {
        if (m.obsolete || m.translated()) continue;
        out.push_back({m.msgctxt, m.msgid, m.fuzzy && !m.msgstr.empty(), m.previous_msgid,
                       tm::lookup(memory, m.msgid, loaded->info.source_lang)});
    }
    return out;
}

Result<store::CommitResult> apply_memory(const Context& ctx, const tm::Memory& memory, std::string_view id, Lang lang,
                                         const store::Author& author) {
    auto suggestions = suggest_translations(ctx, memory, id, lang);
    if (!suggestions) return tl::unexpected(suggestions.error());
    using Key = std::pair<std::optional<std::string>, std::string>;
    std::map<Key, std::string> exact;
    std::string message = "Pre-fill " + std::string(id) + " from the translation memory\n";
    std::string trailers;
    for (const auto& s : *suggestions) {
        if (s.fuzzy || s.matches.empty() || s.matches.front().similarity != 100) continue;
        exact.emplace(Key{s.msgctxt, s.msgid}, s.matches.front().translation);
        trailers += memory_trailer(s.msgctxt, s.msgid) + "\n";
    }
    if (exact.empty()) {
        auto tip = store::branch_tip(ctx.store, store::k_main);
        if (!tip) return tl::unexpected(tip.error());
        return store::CommitResult{tip->value_or(""), false};
    }
    const std::string name = std::string(lang_code(lang)) + ".po";
    store::ResourceCommit commit;
    commit.id = std::string(id);
    auto tip = store::branch_tip(ctx.store, store::k_main);
    if (!tip) return tl::unexpected(tip.error());
    commit.base = *tip;
    commit.guard = {name};
    commit.derive = [&](const store::TipReader& read) -> Result<std::vector<store::FileWrite>> {
        const auto text = read(name);
        if (!text) return fail(ErrorCode::not_found, "resource " + std::string(id) + " has no " + name);
        auto catalog = po::read_catalog(*text, name);
        if (!catalog) return tl::unexpected(catalog.error());
        for (auto& m : catalog->messages) {
            const auto found = exact.find(Key{m.msgctxt, m.msgid});
            // Only still-empty segments: a translator's work is never replaced.
            if (found == exact.end() || m.obsolete || !m.msgstr.empty()) continue;
            m.msgstr = found->second;
            m.fuzzy = true;
        }
        auto written = po::write_catalog(*catalog);
        if (!written) return tl::unexpected(written.error());
        return std::vector<store::FileWrite>{{name, std::move(*written)}};
    };
    commit.author = author;
    commit.message = message + "\n" + std::to_string(exact.size()) + " segments pre-filled, marked fuzzy for review.\n\n" + trailers;
    return store::commit_resource(ctx.store, commit);
}

}  // namespace tandem::workflow
