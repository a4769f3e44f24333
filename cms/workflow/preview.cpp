// The editor's live preview: one page of a resource as it will be published,
// rendered from main (or any revision) instead of from release.

#include "cms/workflow/catalogs.h"
#include "cms/workflow/publish.h"

namespace tandem::workflow {

Result<std::string> preview_page(const Context& ctx, const SiteTheme& theme, std::string_view id, Lang lang,
                                 std::string_view rev) {
    auto view = show_resource(ctx, id, rev);
    if (!view) return tl::unexpected(view.error());
    std::string xml = view->xml;
    if (lang != view->info.source_lang) {
        auto translated = translate_resource(ctx, id, lang, rev);
        if (!translated) return tl::unexpected(translated.error());
        xml = std::move(translated->xml);
    }
    auto summary = site::summarize(xml, lang);
    if (!summary) return tl::unexpected(summary.error());
    auto commit = store::read_commit(ctx.store, view->revision);
    if (!commit) return tl::unexpected(commit.error());
    summary->id = std::string(id);
    summary->lang = lang;
    summary->source_lang = view->info.source_lang;
    summary->published = summary->updated = commit->time;
    // A draft is previewed as if everything it links to were published.
    site::ResourcePage page{std::move(*summary), std::move(xml), {{Lang::en, true}, {Lang::fr, true}}};
    return site::render_resource_page(theme.theme, site::SiteSettings{}, page);
}

}  // namespace tandem::workflow
