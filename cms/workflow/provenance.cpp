#include "cms/workflow/provenance.h"

#include <map>

#include "cms/workflow/catalogs.h"
#include "pipeline/po/catalog.h"

namespace tandem::workflow {

namespace {

// FNV-1a over 160 bits would be overkill; two 64-bit FNV-1a passes with
// different offsets, printed as 32 hex digits, identify a segment well enough
// for a commit trailer and need no crypto library.
std::string segment_hash(const std::optional<std::string>& msgctxt, std::string_view msgid) {
    std::string text = msgctxt ? *msgctxt + '\x04' : std::string();
    text += msgid;
    auto fnv = [&](std::uint64_t h) {
        for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
        return h;
    };
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(fnv(14695981039346656037ull)),
                  static_cast<unsigned long long>(fnv(0x6c62272e07bb0142ull)));
    return buf;
}

using Key = std::pair<std::optional<std::string>, std::string>;

}  // namespace

std::string memory_trailer(const std::optional<std::string>& msgctxt, std::string_view msgid) {
    return "From-Memory: " + segment_hash(msgctxt, msgid);
}

Result<std::vector<Provenance>> blame_catalog(const Context& ctx, std::string_view id, Lang lang) {
    auto current = show_resource(ctx, id, "main");
    if (!current) return tl::unexpected(current.error());
    if (lang == current->info.source_lang)
        return fail(ErrorCode::invalid, "resource " + std::string(id) + " is written in " + lang_code(lang));
    const std::string name = std::string(lang_code(lang)) + ".po";
    auto history = store::resource_history(ctx.store, id);
    if (!history) return tl::unexpected(history.error());

    // Walk oldest to newest; a segment's provenance is the commit where its
    // current translation first appeared (translated, not fuzzy) and stayed.
    std::map<Key, Provenance> live;
    std::map<Key, std::string> from_memory;  // what the memory pre-filled, per segment
    for (auto it = history->rbegin(); it != history->rend(); ++it) {
        auto text = store::read_resource_file(ctx.store, id, name, it->revision);
        if (!text) {
            live.clear();  // withdrawn, or no catalog yet
            continue;
        }
        auto catalog = po::read_catalog(*text, name);
        if (!catalog) continue;  // a broken catalog in history says nothing about who translated what
        std::map<Key, Provenance> next;
        for (const auto& m : catalog->messages) {
            Key key{m.msgctxt, m.msgid};
            if (!m.obsolete && it->message.find(memory_trailer(m.msgctxt, m.msgid)) != std::string::npos)
                from_memory[key] = m.msgstr;
            if (!m.translated()) continue;
            const auto before = live.find(key);
            if (before != live.end() && before->second.msgstr == m.msgstr) {
                next.emplace(key, std::move(before->second));
                continue;
            }
            // From the memory: the translator confirmed what the memory pre-filled.
            const auto filled = from_memory.find(key);
            Provenance p{m.msgctxt, m.msgid, m.msgstr, it->revision, it->revision, it->author_name, it->author_email,
                         it->time, filled != from_memory.end() && filled->second == m.msgstr};
            next.emplace(std::move(key), std::move(p));
        }
        live = std::move(next);
    }

    std::vector<Provenance> out;
    auto text = store::read_resource_file(ctx.store, id, name, "main");
    if (!text) return out;
    auto catalog = po::read_catalog(*text, name);
    if (!catalog) return tl::unexpected(catalog.error());
    for (const auto& m : catalog->messages) {
        if (!m.translated()) continue;
        const auto found = live.find(Key{m.msgctxt, m.msgid});
        if (found != live.end()) out.push_back(found->second);
    }
    return out;
}

}  // namespace tandem::workflow
