#pragma once
// A resource document (cms/model/schema/resource.rng) read with pugixml and
// written as HTML through the escaping HtmlWriter. Internal to pipeline/site.

#include <optional>
#include <string>
#include <string_view>

#include "cms/core/ids.h"
#include "cms/core/result.h"
#include "pipeline/site/site.h"

namespace tandem::site::detail {

struct DocumentHtml {
    std::string title;    // inline HTML
    std::string summary;  // inline HTML, empty when the document has none
    std::string body;     // block HTML: sections, paragraphs, lists...
    Lang lang = Lang::en;  // the document's xml:lang: the language of its text
};

// Relative links of a body shown on a page other than its own (the campaign
// page's body at /en/): written for `from_dir`, re-expressed for `to_dir`.
struct LinkRebase {
    std::string from_dir;
    std::string to_dir;
};

// Which links of a document's text are kept: those that lead to a resource
// of `published` or to one of its attachments, and those that lead outside
// the resource pages. No set (the preview): every link is kept.
struct LinkFilter {
    const PublishedSet* published = nullptr;
    std::string id;        // the document's resource: relative links start from its folder
    Lang lang = Lang::en;  // the language of the page the text is shown on
};

// Every element of the vocabulary becomes HTML (section → <section id> with
// h2..h6 by depth, quote → blockquote, note → div.note, its:translate="no" →
// translate="no", xml:lang → lang); an element or a link scheme the renderer
// does not know is an error, never dropped. A link the filter does not keep
// becomes a <span> with the link's text (a quote loses its cite). Errors:
// invalid, with position.
Result<DocumentHtml> render_document(std::string_view xml, std::string_view label,
                                     const std::optional<LinkRebase>& rebase = std::nullopt,
                                     const LinkFilter& filter = {});

// Where a relative link (or a path from the host root) of resource `id`'s
// page in `lang` leads among the resource pages: the resource and the file of
// its folder ("" for its page, "files/x.pdf"). Nothing for a link elsewhere:
// another site, a fragment, the lists and filter pages.
struct ResourceLink {
    std::string id;
    std::string file;
};
std::optional<ResourceLink> resource_link(std::string_view href, std::string_view id, Lang lang);

}  // namespace tandem::site::detail
