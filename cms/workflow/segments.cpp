#include "cms/workflow/segments.h"

#include <algorithm>
#include <map>

#include "cms/workflow/memory.h"
#include "cms/workflow/provenance.h"

namespace tandem::workflow {

namespace {

using Key = std::pair<std::optional<std::string>, std::string>;

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }

// Glossary terms whose source appears in the segment as whole words (case
// aside): what the translator is shown beside it. The glossary check itself
// (pipeline/check) decides whether the translation honours them.
std::vector<check::GlossaryTerm> terms_in(std::string_view msgid, const check::Glossary& glossary) {
    const std::string text = lower_ascii(msgid);
    std::vector<check::GlossaryTerm> out;
    for (const auto& term : glossary.terms) {
        const std::string needle = lower_ascii(term.source);
        for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
            const auto end = at + needle.size();
            const bool starts = at == 0 || !word_char(text[at - 1]);
            // A plural (+s, +x) still names the term.
            const bool ends = end == text.size() || !word_char(text[end]) ||
                              ((text[end] == 's' || text[end] == 'x') && (end + 1 == text.size() || !word_char(text[end + 1])));
            if (starts && ends) {
                out.push_back(term);
                break;
            }
        }
    }
    return out;
}

}  // namespace

Result<std::vector<check::Issue>> check_translation(const Context& ctx, Lang lang, std::string_view source,
                                                    std::string_view translation) {
    auto glossary = read_glossary(ctx, lang);
    if (!glossary) return tl::unexpected(glossary.error());
    return check::check_segment({source, translation, other_lang(lang), lang}, {&*glossary, {}});
}

Result<SegmentsView> read_segments(const Context& ctx, const tm::Memory& memory, std::string_view id, Lang lang) {
    auto loaded = load_catalog(ctx, id, store::k_main);
    if (!loaded) return tl::unexpected(loaded.error());
    if (lang == loaded->info.source_lang)
        return fail(ErrorCode::invalid, "resource " + std::string(id) + " is written in " + lang_code(lang) +
                                            "; its catalog translates into " + lang_code(other_lang(lang)));
    auto glossary = read_glossary(ctx, lang, loaded->revision);
    if (!glossary) return tl::unexpected(glossary.error());
    // Checks of translated segments as approval sees them (merge-back gate included).
    auto checked = check_catalog(ctx, id, lang, loaded->revision);
    if (!checked) return tl::unexpected(checked.error());
    std::map<Key, std::vector<check::Issue>> issues;
    for (auto& c : *checked) issues.emplace(Key{c.msgctxt, c.msgid}, std::move(c.issues));
    auto suggested = suggest_translations(ctx, memory, id, lang);
    if (!suggested) return tl::unexpected(suggested.error());
    std::map<Key, Suggestion*> suggestions;
    for (auto& s : *suggested) suggestions.emplace(Key{s.msgctxt, s.msgid}, &s);

    SegmentsView view{loaded->revision, {}, po::measure_catalog(loaded->catalog)};
    const check::CheckOptions options{&*glossary, {}};
    for (const auto& m : loaded->catalog.messages) {
        if (m.obsolete) continue;
        SegmentView s;
        s.index = static_cast<int>(view.segments.size());
        s.msgctxt = m.msgctxt;
        s.msgid = m.msgid;
        s.msgstr = m.msgstr;
        s.fuzzy = m.fuzzy && !m.msgstr.empty();
        s.notes = m.extracted_comments;
        s.glossary = terms_in(m.msgid, *glossary);
        const Key key{m.msgctxt, m.msgid};
        if (auto found = suggestions.find(key); found != suggestions.end()) {
            s.previous = found->second->previous_msgid;
            s.previous_diff = std::move(found->second->diff);
            s.suggestions = std::move(found->second->matches);
        }
        if (auto found = issues.find(key); found != issues.end()) s.checks = std::move(found->second);
        else if (s.fuzzy) s.checks = check::check_segment({m.msgid, m.msgstr, loaded->info.source_lang, lang}, options);
        view.segments.push_back(std::move(s));
    }
    return view;
}

Result<SegmentSaved> save_segment(const Context& ctx, const SegmentSave& request) {
    // The catalog as the translator saw it, with the revision it was read at
    // in its header: import_catalog then checks it against that source.
    auto exported = export_catalog(ctx, request.id, request.lang, request.base);
    if (!exported) return tl::unexpected(exported.error());
    auto catalog = po::read_catalog(*exported, "resources/" + request.id + "/" + lang_code(request.lang) + ".po");
    if (!catalog) return fail(ErrorCode::corrupt, "the stored catalog does not parse: " + describe(catalog.error()));
    po::Message* target = nullptr;
    int live = 0;
    for (auto& m : catalog->messages) {
        if (m.obsolete) continue;
        if (live++ == request.index) {
            target = &m;
            break;
        }
    }
    if (!target)
        return fail(ErrorCode::not_found, phrase("resource {id} has no segment {number} at {revision}",
                                                 {{"id", request.id}, {"number", std::to_string(request.index + 1)},
                                                  {"revision", request.base.substr(0, 12)}}));
    target->msgstr = request.msgstr;
    target->fuzzy = request.fuzzy && !request.msgstr.empty();
    if (!target->fuzzy) {
        target->previous_msgctxt.reset();
        target->previous_msgid.reset();
        target->previous_msgid_plural.reset();
    }
    auto text = po::write_catalog(*catalog);
    if (!text) return tl::unexpected(text.error());
    std::string message = "Translate segment " + std::to_string(request.index + 1) + " of " + request.id + " into " +
                          lang_code(request.lang) + "\n";
    if (request.from_memory && !request.msgstr.empty())
        message += "\n" + memory_trailer(target->msgctxt, target->msgid) + "\n";
    auto checks = check_translation(ctx, request.lang, target->msgid, request.msgstr);
    if (!checks) return tl::unexpected(checks.error());
    auto commit = import_catalog(ctx, {request.id, request.lang, std::move(*text),
                                       "segment " + std::to_string(request.index + 1), request.base, request.author,
                                       std::move(message)});
    if (!commit) return tl::unexpected(commit.error());
    return SegmentSaved{*commit, std::move(*checks)};
}

}  // namespace tandem::workflow
