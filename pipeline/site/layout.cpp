#include "pipeline/site/site_paths.h"
#include "pipeline/site/theme_data.h"

namespace tandem::site::detail {

std::string render_layout(const Theme& theme, const SiteSettings& settings, const LayoutInput& page) {
    Data data;
    data["lang"] = string_data(lang_code(page.lang));
    data["title"] = string_data(page.title);
    if (!page.description.empty()) data["description"] = string_data(page.description);
    data["canonical"] = string_data(absolute_url(settings.site_url, page.dir));
    Data alternates(Data::type::list);
    for (const auto& [lang, dir] : page.language_dirs) {  // std::map: en before fr, always
        Data alternate;
        alternate["hreflang"] = string_data(lang_code(lang));
        alternate["href"] = string_data(absolute_url(settings.site_url, dir));
        alternates.push_back(alternate);
    }
    data["alternates"] = std::move(alternates);
    data["x_default"] = string_data(absolute_url(settings.site_url, ""));
    // The switch leads to this page in the other language, or to that
    // language's home when this page has no counterpart.
    Lang other = other_lang(page.lang);
    auto counterpart = page.language_dirs.find(other);
    Data language_switch;
    language_switch["href"] = string_data(
        relative_url(page.dir, counterpart != page.language_dirs.end() ? counterpart->second : home_dir(other)));
    language_switch["lang"] = string_data(lang_code(other));
    language_switch["name"] = string_data(autonym(other));
    data["switch"] = std::move(language_switch);
    data["root"] = string_data(relative_url(page.dir, ""));
    data["static"] = string_data(relative_url(page.dir, "static/"));
    data["home_href"] = string_data(relative_url(page.dir, home_dir(page.lang)));
    data["list_href"] = string_data(relative_url(page.dir, list_dir(page.lang)));
    data["feed_href"] = string_data(relative_url(page.dir, home_dir(page.lang) + "feed.atom"));
    data["content"] = string_data(page.content);
    return render_template(theme, "layout", data, page.lang);
}

}  // namespace tandem::site::detail
