#include "cms/workflow/catalogs.h"

#include <algorithm>
#include <atomic>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>

#include "cms/core/text.h"
#include "cms/workflow/memo.h"
#include "pipeline/its/its.h"

namespace tandem::workflow {

namespace {

constexpr std::string_view k_source_revision_field = "X-Tandem-Source-Revision";

std::string document_path(std::string_view id) { return "resources/" + std::string(id) + "/resource.xml"; }

// "2026-11-28 13:55+0000", gettext's date format.
std::string po_date(std::optional<std::int64_t> when) {
    const std::time_t t = when ? static_cast<std::time_t>(*when) : std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M+0000", &tm);
    return buf;
}

const char* language_team(Lang lang) { return lang == Lang::fr ? "French" : "English"; }

const char* plural_forms(Lang lang) {
    return lang == Lang::fr ? "nplurals=2; plural=(n > 1);" : "nplurals=2; plural=(n != 1);";
}

using Key = std::pair<std::string, std::string>;  // msgctxt (empty when none), msgid

Key key_of(const std::optional<std::string>& msgctxt, std::string_view msgid) {
    return {msgctxt.value_or(std::string("\x04none")), std::string(msgid)};
}

void remove_header_field(po::Catalog& catalog, std::string_view key) {
    const std::string prefix = std::string(key) + ":";
    std::string kept;
    std::size_t start = 0;
    while (start < catalog.header.size()) {
        auto end = catalog.header.find('\n', start);
        end = end == std::string::npos ? catalog.header.size() : end + 1;
        const std::string_view line(catalog.header.data() + start, end - start);
        if (line.substr(0, prefix.size()) != prefix) kept += line;
        start = end;
    }
    catalog.header = std::move(kept);
}

Result<po::Catalog> stored_catalog(std::string_view text, const std::string& label) {
    auto catalog = po::read_catalog(text, label);
    if (!catalog) return fail(ErrorCode::corrupt, "the stored catalog does not parse: " + describe(catalog.error()));
    return catalog;
}

}  // namespace

std::string catalog_name(Lang source_lang) { return std::string(lang_code(other_lang(source_lang))) + ".po"; }

Result<std::vector<model::Segment>> resource_segments(const Context& ctx, std::string_view id, std::string_view xml) {
    return its::extract_segments(xml, ctx.rules, document_path(id));
}

po::Catalog new_catalog(std::string_view id, Lang target, std::span<const model::Segment> segments,
                        const store::Author& author) {
    po::Catalog catalog = po::make_template(segments, "tandem " + std::string(id));
    const std::string now = po_date(author.when);
    po::set_header_field(catalog, "Project-Id-Version", "tandem " + std::string(id));
    po::set_header_field(catalog, "POT-Creation-Date", now);
    po::set_header_field(catalog, "PO-Revision-Date", now);
    po::set_header_field(catalog, "Last-Translator", "");
    po::set_header_field(catalog, "Language-Team", language_team(target));
    po::set_header_field(catalog, "Language", lang_code(target));
    po::set_header_field(catalog, "MIME-Version", "1.0");
    po::set_header_field(catalog, "Content-Type", "text/plain; charset=UTF-8");
    po::set_header_field(catalog, "Content-Transfer-Encoding", "8bit");
    po::set_header_field(catalog, "Plural-Forms", plural_forms(target));
    return catalog;
}

Result<std::string> sync_catalog(std::string_view id, Lang target, std::span<const model::Segment> segments,
                                 const std::optional<std::string>& old, const store::Author& author) {
    if (!old) return po::write_catalog(new_catalog(id, target, segments, author));
    auto catalog = stored_catalog(*old, "resources/" + std::string(id) + "/" + lang_code(target) + ".po");
    if (!catalog) return tl::unexpected(catalog.error());
    return po::write_catalog(po::update_catalog(*catalog, segments));
}

namespace {

}  // namespace

Result<ResourceCatalog> load_catalog(const Context& ctx, std::string_view id, std::string_view rev) {
    auto view = show_resource(ctx, id, rev);
    if (!view) return tl::unexpected(view.error());
    const std::string name = catalog_name(view->info.source_lang);
    auto text = store::read_resource_file(ctx.store, id, name, view->revision);
    po::Catalog catalog;
    if (text) {
        auto parsed = stored_catalog(*text, "resources/" + std::string(id) + "/" + name);
        if (!parsed) return tl::unexpected(parsed.error());
        catalog = std::move(*parsed);
    } else if (text.error().code == ErrorCode::not_found) {
        // A resource saved before catalogs existed: its catalog is the template.
        auto segments = resource_segments(ctx, id, view->xml);
        if (!segments) return tl::unexpected(segments.error());
        catalog = new_catalog(id, other_lang(view->info.source_lang), *segments, {});
    } else {
        return tl::unexpected(text.error());
    }
    return ResourceCatalog{std::move(view->xml), std::move(view->info), std::move(catalog), view->revision};
}

namespace {

std::vector<SegmentCheck> check_messages(const po::Catalog& catalog, Lang source, const check::Glossary& glossary) {
    std::vector<SegmentCheck> out;
    const check::CheckOptions options{&glossary, {}};
    for (const auto& m : catalog.messages) {
        if (!m.translated()) continue;
        auto issues = check::check_segment({m.msgid, m.msgstr, source, other_lang(source)}, options);
        // The merge-back gate has its own markup rules (pipeline/its); what it
        // would refuse is reported too, so a check never passes a translation
        // that the published page would drop.
        if (auto rejection = its::check_translation(m.msgid, m.msgstr)) {
            const std::string code = its::reason_code(rejection->reason);
            const bool known = std::any_of(issues.begin(), issues.end(), [](const check::Issue& i) {
                return i.code == check::k_markup_mismatch || i.code == check::k_unsafe_markup;
            });
            if (!known) {
                Phrase why = phrase("merge-back would refuse it: {detail}", {{"detail", rejection->detail}});
                std::string message = english(why);
                issues.push_back({code == "unsafe-markup" ? std::string(check::k_unsafe_markup) : std::string(check::k_markup_mismatch),
                                  check::Severity::error, std::move(message), std::move(why), std::nullopt});
            }
        }
        if (!issues.empty()) out.push_back({m.msgctxt, m.msgid, m.msgstr, m.line, std::move(issues)});
    }
    return out;
}

int count_failing(const std::vector<SegmentCheck>& checks) {
    int failing = 0;
    for (const auto& c : checks)
        for (const auto& issue : c.issues)
            if (check::blocks_approval(issue)) {
                ++failing;
                break;
            }
    return failing;
}

}  // namespace

Result<check::Glossary> read_glossary(const Context& ctx, Lang target, std::string_view rev, std::string* text_out) {
    const std::string path = std::string("glossary/") + lang_code(target) + ".po";
    auto text = store::read_path(ctx.store, path, rev);
    if (text_out) *text_out += (text ? *text : std::string()) + '\0';
    if (!text) {
        if (text.error().code == ErrorCode::not_found) return check::make_glossary({}, target);
        return tl::unexpected(text.error());
    }
    auto catalog = stored_catalog(*text, path);
    if (!catalog) return tl::unexpected(catalog.error());
    return check::load_glossary(*catalog);
}

Result<std::vector<SegmentCheck>> check_catalog(const Context& ctx, std::string_view id, Lang lang, std::string_view rev) {
    auto loaded = load_catalog(ctx, id, rev);
    if (!loaded) return tl::unexpected(loaded.error());
    if (lang == loaded->info.source_lang)
        return fail(ErrorCode::invalid, phrase("resource {id} is written in {lang}; its catalog translates into {other}",
                                               {{"id", std::string(id)}, {"lang", lang_code(lang)},
                                                {"other", lang_code(other_lang(lang))}}));
    auto glossary = read_glossary(ctx, lang, rev);
    if (!glossary) return tl::unexpected(glossary.error());
    return check_messages(loaded->catalog, loaded->info.source_lang, *glossary);
}

std::shared_ptr<Memo> new_memo() { return std::make_shared<Memo>(); }

namespace {

Result<CatalogStatus> status_of(const Context& ctx, const std::string& id, std::string_view rev,
                                const std::map<Lang, check::Glossary>& glossaries) {
    auto loaded = load_catalog(ctx, id, rev);
    if (!loaded) return tl::unexpected(loaded.error());
    const Lang target = other_lang(loaded->info.source_lang);
    const auto checks = check_messages(loaded->catalog, loaded->info.source_lang, glossaries.at(target));
    return CatalogStatus{id, target, po::measure_catalog(loaded->catalog), count_failing(checks)};
}

// catalog_status, which `stop` (when given) can cut short: what is done by
// then stays in the memo.
Result<std::vector<CatalogStatus>> statuses(const Context& ctx, std::optional<std::string> id, std::string_view rev,
                                            const std::atomic<bool>* stop) {
    auto revision = store::resolve(ctx.store, rev);
    if (!revision) return tl::unexpected(revision.error());
    auto trees = store::list_resource_trees(ctx.store, *revision);
    if (!trees) return tl::unexpected(trees.error());
    if (id) {
        std::erase_if(*trees, [&](const store::ResourceTree& t) { return t.id != *id; });
        if (trees->empty()) return fail(ErrorCode::not_found, "no resource " + *id + " at " + std::string(rev));
    }
    std::map<Lang, check::Glossary> glossaries;
    std::string glossary_texts;
    for (Lang lang : {Lang::en, Lang::fr}) {
        auto glossary = read_glossary(ctx, lang, *revision, &glossary_texts);
        if (!glossary) return tl::unexpected(glossary.error());
        glossaries.emplace(lang, std::move(*glossary));
    }
    Memo* memo = ctx.memo.get();
    std::vector<CatalogStatus> out;
    for (const auto& [each, tree] : *trees) {
        if (stop && stop->load()) break;
        if (memo) {
            std::lock_guard lock(memo->mutex);
            if (memo->glossaries != glossary_texts) {
                memo->status_by_tree.clear();
                memo->glossaries = glossary_texts;
            }
            if (const auto it = memo->status_by_tree.find(tree); it != memo->status_by_tree.end()) {
                out.push_back(it->second);
                out.back().id = each;
                continue;
            }
        }
        auto status = status_of(ctx, each, *revision, glossaries);
        if (!status) {
            if (!id && status.error().code == ErrorCode::not_found) continue;
            return tl::unexpected(status.error());
        }
        if (memo) {
            std::lock_guard lock(memo->mutex);
            if (memo->status_by_tree.size() >= Memo::k_most) memo->status_by_tree.clear();
            if (memo->glossaries == glossary_texts) memo->status_by_tree.insert_or_assign(tree, *status);
        }
        out.push_back(std::move(*status));
    }
    return out;
}

}  // namespace

Result<std::vector<CatalogStatus>> catalog_status(const Context& ctx, std::optional<std::string> id, std::string_view rev) {
    return statuses(ctx, std::move(id), rev, nullptr);
}

void warm_memo(const Context& ctx, const std::atomic<bool>& stop) {
    // Errors are left for the request that meets them to report.
    if (!stop) (void)statuses(ctx, std::nullopt, "main", &stop);
    if (!stop) (void)list_resources(ctx);
}

Result<std::string> extract_template(const Context& ctx, std::string_view id, std::string_view rev) {
    auto view = show_resource(ctx, id, rev);
    if (!view) return tl::unexpected(view.error());
    auto segments = resource_segments(ctx, id, view->xml);
    if (!segments) return tl::unexpected(segments.error());
    return po::write_catalog(po::make_template(*segments, "tandem " + std::string(id)));
}

namespace {

Status check_target(const model::ResourceInfo& info, Lang lang) {
    if (lang == info.source_lang)
        return fail(ErrorCode::invalid, phrase("resource {id} is written in {lang}; its catalog translates into {other}",
                                               {{"id", info.id}, {"lang", lang_code(lang)},
                                                {"other", lang_code(other_lang(lang))}}));
    return {};
}

}  // namespace

Result<std::string> export_catalog(const Context& ctx, std::string_view id, Lang lang, std::string_view rev) {
    auto loaded = load_catalog(ctx, id, rev);
    if (!loaded) return tl::unexpected(loaded.error());
    if (auto ok = check_target(loaded->info, lang); !ok) return tl::unexpected(ok.error());
    po::set_header_field(loaded->catalog, k_source_revision_field, loaded->revision);
    return po::write_catalog(loaded->catalog);
}

namespace {

// The checks an imported catalog must pass before anything is written:
// every msgid is a segment of the source it was made for, and every
// translation keeps its segment's markup.
Status check_import(const po::Catalog& uploaded, std::span<const model::Segment> made_for, const std::string& label) {
    std::set<Key> known;
    for (const auto& s : made_for) known.insert(key_of(s.msgctxt, s.msgid));
    for (const auto& m : uploaded.messages) {
        if (m.obsolete) continue;
        if (!known.count(key_of(m.msgctxt, m.msgid)))
            return fail(ErrorCode::invalid,
                        phrase("msgid \"{msgid}\" is not a segment of the source", {{"msgid", m.msgid.substr(0, 60)}}),
                        Position{label, m.line, 0});
        if (m.msgstr.empty()) continue;
        if (auto issues = its::markup_issues(m.msgid, m.msgstr); !issues.empty()) {
            // The web app says the issue itself; the line tells which message.
            Error e{ErrorCode::invalid,
                    std::string(its::reason_code(issues.front().reason)) + ": " + issues.front().detail + " (msgid \"" +
                        m.msgid.substr(0, 60) + "\")",
                    Position{label, m.line, 0}, std::move(issues.front().phrase)};
            return tl::unexpected(std::move(e));
        }
    }
    return {};
}

// A translator's file may hold only some of the segments (another tool's
// filter, a hand-made file): a segment it does not mention keeps its stored
// translation, so an import never erases work silently. An entry with an
// empty msgstr does clear one. The stored header stays: the file's may come
// from another project (its Plural-Forms, its Project-Id-Version).
void keep_what_the_file_leaves_out(po::Catalog& incoming, const po::Catalog& stored) {
    std::set<Key> mentioned;
    for (const auto& m : incoming.messages) mentioned.insert(key_of(m.msgctxt, m.msgid));
    for (const auto& m : stored.messages)
        if (!m.obsolete && (!m.msgstr.empty() || m.fuzzy) && !mentioned.count(key_of(m.msgctxt, m.msgid)))
            incoming.messages.push_back(m);
    if (stored.has_header) {
        incoming.has_header = true;
        incoming.header = stored.header;
        incoming.header_comments = stored.header_comments;
        incoming.header_fuzzy = stored.header_fuzzy;
    }
}

}  // namespace

Status check_translated_document(const Context& ctx, std::string_view xml, const po::Catalog& catalog, Lang lang,
                                 std::string_view label) {
    const std::string document = "the " + std::string(lang_code(lang)) + " document";
    auto merged = translate_document(ctx, xml, catalog, lang);
    if (!merged) return tl::unexpected(merged.error());
    auto valid = model::validate_resource(ctx.schema, merged->xml, document);
    if (valid) return {};
    // Which translation breaks it, for the translator: each alone.
    for (const auto& m : catalog.messages) {
        if (!m.translated()) continue;
        po::Catalog alone;
        alone.messages.push_back(m);
        auto one = translate_document(ctx, xml, alone, lang);
        if (!one) continue;
        if (auto invalid = model::validate_resource(ctx.schema, one->xml, document); !invalid)
            return fail(ErrorCode::invalid,
                        "this translation makes " + document + " invalid (" + invalid.error().message + "; msgid \"" +
                            m.msgid.substr(0, 60) + "\")",
                        Position{std::string(label), m.line, 0});
    }
    return fail(ErrorCode::invalid, "the translations make " + document + " invalid: " + describe(valid.error()),
                Position{std::string(label)});
}

Result<store::CommitResult> import_catalog(const Context& ctx, const ImportRequest& request) {
    auto uploaded = po::read_catalog(without_bom(request.po), request.label);
    if (!uploaded) return tl::unexpected(uploaded.error());
    if (std::none_of(uploaded->messages.begin(), uploaded->messages.end(), [](const po::Message& m) { return !m.obsolete; }))
        return fail(ErrorCode::invalid, phrase("the catalog holds no messages to import"), Position{request.label, 1, 0});
    auto current = show_resource(ctx, request.id, "main");
    if (!current) return tl::unexpected(current.error());
    if (auto ok = check_target(current->info, request.lang); !ok) return tl::unexpected(ok.error());
    if (auto language = po::header_field(*uploaded, "Language");
        language && !language->empty() && language->substr(0, 2) != lang_code(request.lang))
        return fail(ErrorCode::invalid,
                    phrase("the catalog's Language is \"{found}\", not {lang}", {{"found", *language}, {"lang", lang_code(request.lang)}}),
                    Position{request.label, 1, 0});

    // The source the translator worked from: the revision it was exported at.
    std::string made_for_xml = current->xml;
    if (auto exported = po::header_field(*uploaded, k_source_revision_field); exported && !exported->empty()) {
        auto then = store::read_resource_file(ctx.store, request.id, "resource.xml", *exported);
        if (!then)
            return fail(ErrorCode::invalid,
                        phrase("the catalog was exported at {revision}, which is not a revision of {id}",
                               {{"revision", *exported}, {"id", request.id}}),
                        Position{request.label, 1, 0});
        made_for_xml = std::move(*then);
    }
    auto made_for = resource_segments(ctx, request.id, made_for_xml);
    if (!made_for) return tl::unexpected(made_for.error());
    if (auto ok = check_import(*uploaded, *made_for, request.label); !ok) return tl::unexpected(ok.error());
    if (auto ok = check_translated_document(ctx, made_for_xml, *uploaded, request.lang, request.label); !ok)
        return tl::unexpected(ok.error());

    const po::Catalog incoming = std::move(*uploaded);
    const std::string name = std::string(lang_code(request.lang)) + ".po";
    store::ResourceCommit commit;
    commit.id = request.id;
    commit.base = request.base ? request.base : std::optional<store::Revision>(current->revision);
    commit.guard = {name};
    commit.derive = [&](const store::TipReader& read) -> Result<std::vector<store::FileWrite>> {
        // Merged onto the source at the tip, as msgmerge would: a catalog made
        // for an older revision keeps what still applies, the rest turns fuzzy.
        const auto xml = read("resource.xml");
        if (!xml) return fail(ErrorCode::not_found, phrase("resource {id} was withdrawn", {{"id", request.id}}));
        auto segments = resource_segments(ctx, request.id, *xml);
        if (!segments) return tl::unexpected(segments.error());
        po::Catalog complete = incoming;
        // A stored catalog that does not parse is what this import repairs.
        const auto stored_text = read(name);
        std::optional<po::Catalog> stored;
        if (stored_text)
            if (auto parsed = po::read_catalog(*stored_text, name)) stored = std::move(*parsed);
        if (stored) keep_what_the_file_leaves_out(complete, *stored);
        remove_header_field(complete, k_source_revision_field);  // the field is for the exchange only
        po::set_header_field(complete, "PO-Revision-Date", po_date(request.author.when));
        po::set_header_field(complete, "Last-Translator", request.author.name + " <" + request.author.email + ">");
        po::set_header_field(complete, "Language", lang_code(request.lang));
        po::Catalog merged = po::update_catalog(complete, *segments);
        if (stored) {
            // Nothing translated differently: the file stays as it is, rather
            // than a commit that only names a new translator and date.
            po::Catalog unchanged = merged;
            unchanged.header = stored->header;
            if (auto again = po::write_catalog(unchanged); again && *again == *stored_text)
                return std::vector<store::FileWrite>{{name, *stored_text}};
        }
        auto text = po::write_catalog(merged);
        if (!text) return tl::unexpected(text.error());
        return std::vector<store::FileWrite>{{name, std::move(*text)}};
    };
    commit.author = request.author;
    commit.message = request.message.empty() ? "Translate " + request.id + " into " + lang_code(request.lang) : request.message;
    return store::commit_resource(ctx.store, commit);
}

Result<Translation> translate_resource(const Context& ctx, std::string_view id, Lang lang, std::string_view rev) {
    auto loaded = load_catalog(ctx, id, rev);
    if (!loaded) return tl::unexpected(loaded.error());
    if (lang == loaded->info.source_lang) return Translation{std::move(loaded->xml), {}};
    return translate_document(ctx, loaded->xml, loaded->catalog, lang);
}

Result<Translation> translate_document(const Context& ctx, std::string_view xml, const po::Catalog& catalog, Lang lang) {
    std::map<Key, std::string> translations;
    for (const auto& m : catalog.messages)
        if (m.translated()) translations.emplace(key_of(m.msgctxt, m.msgid), m.msgstr);
    const its::Lookup lookup = [&](const std::optional<std::string>& msgctxt, std::string_view msgid) -> std::optional<std::string> {
        const auto it = translations.find(key_of(msgctxt, msgid));
        return it == translations.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    auto merged = its::merge_translations(xml, ctx.rules, lookup, lang);
    if (!merged) return tl::unexpected(merged.error());
    Translation out{std::move(merged->xml), {}};
    for (const auto& r : merged->rejected)
        out.rejected.push_back("line " + std::to_string(r.line) + ": " + its::reason_code(r.reason) + ": " + r.detail);
    return out;
}

}  // namespace tandem::workflow
