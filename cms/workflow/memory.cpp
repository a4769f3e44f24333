#include "cms/workflow/memory.h"

#include <map>
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

namespace {

constexpr std::size_t k_history_depth = 100;  // revisions searched for a lost "#|"

// A fuzzy segment whose "#|" a tool dropped: its translation was made for the
// msgid that carried the same msgstr, translated, in an earlier catalog.
Status recover_previous_sources(const Context& ctx, std::string_view id, const std::string& name,
                                std::vector<Suggestion>& suggestions) {
    std::map<std::string, Suggestion*> wanted;  // by msgstr
    for (auto& s : suggestions)
        if (s.fuzzy && !s.previous_msgid) wanted.emplace(s.msgstr, &s);
    if (wanted.empty()) return {};
    auto history = store::resource_history(ctx.store, id, k_history_depth);
    if (!history) return tl::unexpected(history.error());
    for (const auto& entry : *history) {
        auto text = store::read_resource_file(ctx.store, id, name, entry.revision);
        if (!text) continue;
        auto catalog = po::read_catalog(*text, name);
        if (!catalog) continue;
        for (const auto& m : catalog->messages) {
            if (!m.translated()) continue;
            const auto found = wanted.find(m.msgstr);
            if (found == wanted.end() || found->second->msgid == m.msgid) continue;
            found->second->previous_msgid = m.msgid;
            found->second->previous_from_history = true;
            wanted.erase(found);
        }
        if (wanted.empty()) break;
    }
    return {};
}

}  // namespace

Result<std::vector<Suggestion>> suggest_translations(const Context& ctx, const tm::Memory& memory, std::string_view id,
                                                     Lang lang) {
    auto loaded = load_catalog(ctx, id, "main");
    if (!loaded) return tl::unexpected(loaded.error());
    if (lang == loaded->info.source_lang)
        return fail(ErrorCode::invalid, "resource " + std::string(id) + " is written in " + lang_code(lang));
    std::vector<Suggestion> out;
    for (const auto& m : loaded->catalog.messages) {
        if (m.obsolete || m.translated()) continue;
        Suggestion s;
        s.msgctxt = m.msgctxt;
        s.msgid = m.msgid;
        s.fuzzy = m.fuzzy && !m.msgstr.empty();
        s.msgstr = s.fuzzy ? m.msgstr : "";
        s.previous_msgid = m.previous_msgid;
        s.matches = tm::lookup(memory, m.msgid, loaded->info.source_lang);
        out.push_back(std::move(s));
    }
    if (auto ok = recover_previous_sources(ctx, id, catalog_name(loaded->info.source_lang), out); !ok)
        return tl::unexpected(ok.error());
    for (auto& s : out)
        if (s.previous_msgid) s.diff = word_diff(*s.previous_msgid, s.msgid);
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
    commit.message = message + "\n" + std::to_string(exact.size()) +
                     (exact.size() == 1 ? " segment" : " segments") + " pre-filled, marked fuzzy for review.\n\n" + trailers;
    return store::commit_resource(ctx.store, commit);
}

}  // namespace tandem::workflow
