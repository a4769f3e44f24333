#include "tests/pipeline/site/site_support.h"

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include <gtest/gtest.h>

#include "cms/core/text.h"
#include "pipeline/its/its.h"
#include "pipeline/po/catalog.h"
#include "tests/support/fixtures.h"

namespace fs = std::filesystem;

namespace tandem::site::testing {

namespace {

std::string must(Result<std::string> r) {
    if (!r) throw std::runtime_error(describe(r.error()));
    return *r;
}

SeedSite load_seed() {
    const fs::path root = tandem::testing::source_dir();
    const std::vector<fs::path> rules_files{root / "cms/model/schema/resource.its"};
    auto rules = its::read_rules(rules_files);
    if (!rules) throw std::runtime_error(describe(rules.error()));
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(root / "content-repo/resources")) folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());
    SeedSite seed;
    int i = 0;
    for (const auto& folder : folders) {
        const std::string source = must(read_file(folder / "resource.xml"));
        const Lang source_lang = fs::exists(folder / "fr.po") ? Lang::en : Lang::fr;
        const Lang target = other_lang(source_lang);
        auto catalog = po::read_catalog(must(read_file(folder / (std::string(lang_code(target)) + ".po"))), folder.string());
        if (!catalog) throw std::runtime_error(describe(catalog.error()));
        const its::Lookup lookup = [&](const std::optional<std::string>& msgctxt, std::string_view msgid) -> std::optional<std::string> {
            for (const auto& m : catalog->messages)
                if (m.msgctxt == msgctxt && m.msgid == msgid && m.translated()) return m.msgstr;
            return std::nullopt;
        };
        auto merged = its::merge_translations(source, *rules, lookup, target);
        if (!merged) throw std::runtime_error(describe(merged.error()));
        for (auto [lang, xml] : {std::pair{source_lang, source}, std::pair{target, merged->xml}}) {
            auto summary = summarize(xml, lang);
            if (!summary) throw std::runtime_error(describe(summary.error()));
            summary->source_lang = source_lang;
            summary->published = 1000 + i;
            summary->updated = 2000 + i;
            seed.pages.push_back(ResourcePage{*summary, xml, {{Lang::en, true}, {Lang::fr, true}}});
        }
        ++i;
    }
    return seed;
}

}  // namespace

const Theme& source_theme() {
    static const Theme theme = [] {
        auto loaded = load_theme(tandem::testing::source_dir() / "web/templates", TANDEM_LOCALE_DIR);
        if (!loaded) throw std::runtime_error(describe(loaded.error()));
        return *loaded;
    }();
    return theme;
}

const SeedSite& seed_site() {
    static const SeedSite seed = load_seed();
    return seed;
}

std::vector<PageSummary> SeedSite::summaries() const {
    std::vector<PageSummary> out;
    for (const auto& p : pages) out.push_back(p.summary);
    return out;
}

const ResourcePage& SeedSite::page(const std::string& id, Lang lang) const {
    for (const auto& p : pages)
        if (p.summary.id == id && p.summary.lang == lang) return p;
    throw std::runtime_error("no seed page " + id);
}

SiteSettings test_settings() {
    SiteSettings settings;
    settings.site_url = "https://tip.example.org/";
    settings.tag_authority = "tip.example.org,2026";
    return settings;
}

struct Html::Doc {
    htmlDocPtr doc = nullptr;
};

Html::Html(const std::string& text) : m_doc(std::make_unique<Doc>()) {
    m_doc->doc = htmlReadMemory(text.data(), static_cast<int>(text.size()), "page.html", "UTF-8",
                                HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!m_doc->doc) throw std::runtime_error("libxml2 cannot read the HTML");
}

Html::~Html() { xmlFreeDoc(m_doc->doc); }

std::vector<std::string> Html::strings(const std::string& xpath) const {
    std::vector<std::string> out;
    xmlXPathContextPtr context = xmlXPathNewContext(m_doc->doc);
    xmlXPathObjectPtr result = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), context);
    if (!result) {
        xmlXPathFreeContext(context);
        throw std::runtime_error("bad XPath " + xpath);
    }
    if (result->type == XPATH_NODESET && result->nodesetval) {
        for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
            xmlChar* value = xmlNodeGetContent(result->nodesetval->nodeTab[i]);
            out.emplace_back(value ? reinterpret_cast<const char*>(value) : "");
            xmlFree(value);
        }
    } else if (result->type == XPATH_STRING) {
        out.emplace_back(reinterpret_cast<const char*>(result->stringval));
    }
    xmlXPathFreeObject(result);
    xmlXPathFreeContext(context);
    return out;
}

std::string Html::string(const std::string& xpath) const {
    auto all = strings(xpath);
    return all.empty() ? std::string() : all.front();
}

int Html::count(const std::string& xpath) const { return static_cast<int>(strings(xpath).size()); }

SiteMap render_seed_site(const SiteSettings& settings) {
    const auto& seed = seed_site();
    SiteMap site;
    std::vector<ResourcePage> home;
    for (const auto& page : seed.pages) {
        auto html = render_resource_page(source_theme(), settings, page);
        if (!html) throw std::runtime_error(describe(html.error()));
        site[resource_path(page.summary.id, page.summary.lang).substr(1) + "index.html"] = *html;
        if (page.summary.id == settings.home_resource) home.push_back(page);
    }
    const auto summaries = seed.summaries();
    for (auto& file : render_indexes(source_theme(), settings, summaries, {}, 5000, home)) site[file.path] = file.bytes;
    for (auto& file : static_files(source_theme())) site[file.path] = file.bytes;
    return site;
}

}  // namespace tandem::site::testing
