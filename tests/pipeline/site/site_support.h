#pragma once
// The site renderer's tests share: the theme of the source tree, the seed
// resources as pages in both languages, and HTML read back with XPath.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/site/site.h"

namespace tandem::site::testing {

// web/templates with the compiled locales/site catalogs (TANDEM_LOCALE_DIR).
const Theme& source_theme();

// Every seed resource in both languages: the source document, and the other
// language merged from the seed catalog as `tandem translate` does. Summaries
// carry fixed times (published 1000 + i, updated 2000 + i).
struct SeedSite {
    std::vector<ResourcePage> pages;
    std::vector<PageSummary> summaries() const;
    const ResourcePage& page(const std::string& id, Lang lang) const;
};
const SeedSite& seed_site();

SiteSettings test_settings();

// An HTML document parsed by libxml2's HTML parser, queried with XPath 1.0.
class Html {
public:
    explicit Html(const std::string& text);
    ~Html();
    Html(const Html&) = delete;
    Html& operator=(const Html&) = delete;
    std::vector<std::string> strings(const std::string& xpath) const;  // string values of the nodes
    std::string string(const std::string& xpath) const;                // the first, or ""
    int count(const std::string& xpath) const;

private:
    struct Doc;
    std::unique_ptr<Doc> m_doc;
};

// The rendered site in memory: path from the site root → bytes.
using SiteMap = std::map<std::string, std::string>;
SiteMap render_seed_site(const SiteSettings& settings);

}  // namespace tandem::site::testing
