#pragma once
// Where each page of the site lives, and links between pages. Paths are
// relative to the site root ("en/resources/x/"); links inside the site are
// written relative to the page that holds them, so a published site works
// under any prefix (nginx's root, the web app's /site/ preview, a git-pages
// host). Internal to pipeline/site.

#include <optional>
#include <string>
#include <string_view>

#include "cms/core/ids.h"

namespace tandem::site::detail {

std::string_view resources_segment(Lang lang);                     // "resources", "ressources"
std::string_view filter_segment(std::string_view kind, Lang lang);  // type/topic/scope; type/sujet/portee
std::string home_dir(Lang lang);                                    // "en/"
std::string list_dir(Lang lang);                                    // "en/resources/"
std::string resource_dir(std::string_view id, Lang lang);           // "en/resources/<id>/"
std::string filter_dir(std::string_view kind, std::string_view token, Lang lang);

// The link from a page in folder `from_dir` to `to` (a folder ending in "/"
// or a file), both from the site root: "../type/report/", "./".
std::string relative_url(std::string_view from_dir, std::string_view to);

// site_url + path, with one "/" between them.
std::string absolute_url(std::string_view site_url, std::string_view path);

// RFC 3986 percent-encoding of everything but the unreserved characters
// (for mailto: subjects and bodies, RFC 6068).
std::string percent_encode(std::string_view text);

// A reference with no scheme that is not a path from the host root, a query
// or a fragment alone: "../x/", "files/a.pdf".
bool is_relative_reference(std::string_view href);

// True for the links a page may carry: http(s), mailto, fragments, paths.
bool is_safe_href(std::string_view href);

// A relative reference written in a page of `from_dir`, re-expressed for a
// page of `to_dir` (the campaign page's body shown at /en/). Nothing when it
// climbs above the site root.
std::optional<std::string> rebase_href(std::string_view href, std::string_view from_dir, std::string_view to_dir);

}  // namespace tandem::site::detail
