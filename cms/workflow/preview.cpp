// The editor's live preview: one page of a resource as it will be published,
// rendered from main (or any revision), or from the editor's unsaved text,
// instead of from release.

#include "cms/workflow/catalogs.h"
#include "cms/workflow/publish.h"

namespace tandem::workflow {

namespace {

// The page of a valid document in its source language, in `lang`, translated
// with `catalog` when that is the other language; dated by `revision`.
Result<std::string> render_preview(const Context& ctx, const SiteTheme& theme, std::string_view id, Lang lang,
                                   std::string xml, Lang source_lang, const po::Catalog& catalog,
                                   const store::Revision& revision) {
    if (lang != source_lang) {
        auto translated = translate_document(ctx, xml, catalog, lang);
        if (!translated) return tl::unexpected(translated.error());
        xml = std::move(translated->xml);
    }
    auto summary = site::summarize(xml, lang);
    if (!summary) return tl::unexpected(summary.error());
    auto commit = store::read_commit(ctx.store, revision);
    if (!commit) return tl::unexpected(commit.error());
    summary->id = std::string(id);
    summary->lang = lang;
    summary->source_lang = source_lang;
    summary->published = summary->updated = commit->time;
    // A draft is previewed as if everything it links to were published.
    site::ResourcePage page{std::move(*summary), std::move(xml), {{Lang::en, true}, {Lang::fr, true}}};
    return site::render_resource_page(theme.theme, site::SiteSettings{}, page);
}

}  // namespace

Result<std::string> preview_page(const Context& ctx, const SiteTheme& theme, std::string_view id, Lang lang,
                                 std::string_view rev) {
    auto view = show_resource(ctx, id, rev);
    if (!view) return tl::unexpected(view.error());
    if (lang == view->info.source_lang)
        return render_preview(ctx, theme, id, lang, std::move(view->xml), lang, po::Catalog{}, view->revision);
    auto stored = load_catalog(ctx, id, view->revision);
    if (!stored) return tl::unexpected(stored.error());
    return render_preview(ctx, theme, id, lang, std::move(stored->xml), stored->info.source_lang, stored->catalog,
                          stored->revision);
}

Result<std::string> preview_draft(const Context& ctx, const SiteTheme& theme, std::string_view id, Lang lang,
                                  std::string_view xml, std::string_view rev) {
    if (auto ok = check_resource_id(id); !ok) return tl::unexpected(ok.error());
    auto info = model::validate_resource(ctx.schema, xml, "resources/" + std::string(id) + "/resource.xml");
    if (!info) return tl::unexpected(info.error());
    if (info->id != id)
        return fail(ErrorCode::invalid, "the document's id is \"" + info->id + "\" but it is previewed as \"" +
                                            std::string(id) + "\"");
    auto revision = store::resolve(ctx.store, rev);
    if (!revision) return tl::unexpected(revision.error());
    // The other language takes what the stored catalog has: nothing for a
    // resource not on main yet, or whose source language the draft changed.
    po::Catalog catalog;
    if (lang != info->source_lang) {
        auto stored = load_catalog(ctx, id, *revision);
        if (stored && stored->info.source_lang == info->source_lang)
            catalog = std::move(stored->catalog);
        else if (!stored && stored.error().code != ErrorCode::not_found)
            return tl::unexpected(stored.error());
    }
    return render_preview(ctx, theme, id, lang, std::string(xml), info->source_lang, catalog, *revision);
}

}  // namespace tandem::workflow
