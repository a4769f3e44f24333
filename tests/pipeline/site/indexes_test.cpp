// render_indexes on the seed: the campaign pages, lists and static filters,
// the root, sitemap, robots and feeds; and a link check over the whole
// rendered site.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include <pugixml.hpp>

#include "tests/pipeline/site/site_support.h"

namespace tandem::site {
namespace {

using testing::Html;
using testing::seed_site;
using testing::SiteMap;
using testing::source_theme;
using testing::test_settings;

const SiteMap& seed_rendered() {
    static const SiteMap site = testing::render_seed_site(test_settings());
    return site;
}

const std::string& file(const std::string& path) {
    static const std::string none;
    auto it = seed_rendered().find(path);
    EXPECT_NE(it, seed_rendered().end()) << path << " was not rendered";
    return it == seed_rendered().end() ? none : it->second;
}

// Resolves `href` written in the page at `page_path` to a path from the site
// root; "" when it leaves the site.
std::string resolve(const std::string& page_path, std::string href) {
    std::vector<std::string> parts;
    std::string dir = page_path.substr(0, page_path.rfind('/') + 1);
    std::string joined = dir + href;
    std::size_t start = 0;
    while (start <= joined.size()) {
        auto slash = joined.find('/', start);
        if (slash == std::string::npos) slash = joined.size();
        std::string part = joined.substr(start, slash - start);
        bool last = slash == joined.size();
        if (part == "..") {
            if (parts.empty()) return "";
            parts.pop_back();
            if (last) parts.push_back("");
        } else if (part == "." || (part.empty() && !last)) {
            if (last) parts.push_back("");
        } else {
            parts.push_back(part);
        }
        start = slash + 1;
    }
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
    if (out.empty() || out.back() == '/') out += "index.html";
    return out;
}

// An attachment the publisher copies beside the page: listed in the
// resource's metadata.
bool is_listed_attachment(const std::string& path) {
    for (const auto& page : seed_site().pages) {
        std::string dir = resource_path(page.summary.id, page.summary.lang).substr(1);
        for (const auto& f : page.summary.files)
            if (path == dir + f.href) return true;
    }
    return false;
}

TEST(RenderIndexes, WritesEveryIndexFile) {
    for (const char* path : {"index.html", "en/index.html", "fr/index.html", "en/resources/index.html", "fr/ressources/index.html",
                             "sitemap.xml", "robots.txt", "feeds/resources.atom", "feeds/resources.json", "en/feed.atom",
                             "fr/feed.atom", "en/resources/type/report/index.html", "fr/ressources/type/report/index.html",
                             "en/resources/topic/protection/index.html", "fr/ressources/sujet/protection/index.html",
                             "en/resources/scope/canadian/index.html", "fr/ressources/portee/canadian/index.html",
                             "static/site.css", "static/print.css"})
        EXPECT_TRUE(seed_rendered().count(path)) << path;
}

TEST(RenderIndexes, ListShowsEveryResourceOfItsLanguageWithStaticFilters) {
    Html en(file("en/resources/index.html"));
    EXPECT_EQ(en.count("//ul[@class='resource-list']/li"), 10);
    EXPECT_EQ(en.string("//p[@class='count']"), "Resources listed: 10");
    // Newest first (updated), the seed's last folder being the newest.
    EXPECT_EQ(en.string("//ul[@class='resource-list']/li[1]//a/@href"), "trp-limits-to-protection/");
    EXPECT_EQ(en.string("//nav[@aria-label='Filter by type']//a[.='Report']/@href"), "type/report/");
    EXPECT_EQ(en.string("//nav[@aria-label='Filter by topic']//a[.='Human rights']/@href"), "topic/human-rights/");
    EXPECT_EQ(en.string("//link[@hreflang='fr']/@href"), "https://tip.example.org/fr/ressources/");
    Html fr(file("fr/ressources/index.html"));
    EXPECT_EQ(fr.string("//h1"), "Ressources");
    EXPECT_EQ(fr.string("//p[@class='count']"), "Ressources répertoriées\u00a0: 10");
    EXPECT_EQ(fr.string("//nav[@aria-label='Filtrer par type']//a[.='Rapport']/@href"), "type/report/");
    EXPECT_EQ(fr.string("//nav[@aria-label='Filtrer par sujet']//a[.='Droits de la personne']/@href"), "sujet/human-rights/");
}

TEST(RenderIndexes, FilterPageListsOnlyItsResourcesAndMarksItself) {
    Html report(file("en/resources/type/report/index.html"));
    EXPECT_EQ(report.strings("//ul[@class='resource-list']/li//h2/a/@href"),
              (std::vector<std::string>{"../../trp-limits-to-protection/"}));
    EXPECT_EQ(report.string("//h1"), "Type: Report");
    EXPECT_EQ(report.string("//a[@aria-current='page']"), "Report");
    EXPECT_EQ(report.string("//link[@hreflang='fr']/@href"), "https://tip.example.org/fr/ressources/type/report/");
    Html protection(file("fr/ressources/sujet/protection/index.html"));
    EXPECT_EQ(protection.string("//h1"), "Sujet\u00a0: Protection");
    EXPECT_EQ(protection.count("//ul[@class='resource-list']/li"), 6);
    for (const auto& href : protection.strings("//ul[@class='resource-list']/li//h2/a/@href"))
        EXPECT_TRUE(href.starts_with("../../")) << href;
}

TEST(RenderIndexes, CampaignPageShowsTheHomeResourceWithRebasedLinks) {
    Html en(file("en/index.html"));
    EXPECT_EQ(en.string("//h1"), "Trafficking in Persons Campaign");
    EXPECT_EQ(en.string("//section[@id='goals']/h2"), "Goals of the Canadian Council for Refugees' campaign");
    // ../trp-limits-to-protection/ from the campaign's own folder, seen from /en/.
    EXPECT_EQ(en.string("//section[@id='featured-resource']//a/@href"), "resources/trp-limits-to-protection/");
    EXPECT_EQ(en.count("//section[@class='latest']//li[@class='resource-item']"), 5);
    Html fr(file("fr/index.html"));
    EXPECT_EQ(fr.string("/html/@lang"), "fr");
    EXPECT_EQ(fr.string("//h1"), "Campagne sur la traite des personnes");
    EXPECT_EQ(fr.string("//section[@id='featured-resource']//a/@href"), "ressources/trp-limits-to-protection/");
    EXPECT_EQ(fr.string("//h2[@id='latest-heading']"), "Ressources récentes");
}

TEST(RenderIndexes, CampaignPageWithoutItsDocumentLinksToItsPage) {
    const auto summaries = seed_site().summaries();
    auto files = render_indexes(source_theme(), test_settings(), summaries, {}, 5000);
    auto home = std::find_if(files.begin(), files.end(), [](const SiteFile& f) { return f.path == "en/index.html"; });
    ASSERT_NE(home, files.end());
    Html html(home->bytes);
    EXPECT_EQ(html.string("//h1"), "Trafficking in Persons Campaign");
    EXPECT_EQ(html.string("//a[.='Read the campaign page']/@href"), "resources/trafficking-in-persons-campaign/");
}

TEST(RenderIndexes, RootPageOffersBothLanguagesInTheirOwnWords) {
    Html root(file("index.html"));
    EXPECT_EQ(root.string("//section[@lang='en']//a/@href"), "en/");
    EXPECT_EQ(root.string("//section[@lang='en']//a"), "Continue in English");
    EXPECT_EQ(root.string("//section[@lang='fr']//a/@href"), "fr/");
    EXPECT_EQ(root.string("//section[@lang='fr']//a"), "Continuer en français");
    EXPECT_EQ(root.string("//section[@lang='fr']/h1"), "Traite des personnes");
    EXPECT_EQ(root.string("//title"), "Trafficking in Persons / Traite des personnes");
}

TEST(RenderIndexes, SitemapListsEveryPageWithItsLanguageAlternates) {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(file("sitemap.xml").c_str()));
    auto urlset = doc.child("urlset");
    EXPECT_STREQ(urlset.attribute("xmlns").value(), "http://www.sitemaps.org/schemas/sitemap/0.9");
    EXPECT_STREQ(urlset.attribute("xmlns:xhtml").value(), "http://www.w3.org/1999/xhtml");
    int urls = 0;
    for (auto url : urlset.children("url")) {
        ++urls;
        std::string loc = url.child_value("loc");
        SCOPED_TRACE(loc);
        std::set<std::string> langs;
        bool self = false;
        for (auto link : url.children("xhtml:link")) {
            EXPECT_STREQ(link.attribute("rel").value(), "alternate");
            langs.insert(link.attribute("hreflang").value());
            self = self || loc == link.attribute("href").value();
        }
        EXPECT_EQ(langs, (std::set<std::string>{"en", "fr"}));
        EXPECT_TRUE(self);
        EXPECT_TRUE(seed_rendered().count(loc.substr(std::string("https://tip.example.org/").size()) + "index.html"));
    }
    EXPECT_EQ(urls, 4 + 20);
    auto report = doc.select_node("//url[loc='https://tip.example.org/fr/ressources/trp-limits-to-protection/']");
    ASSERT_TRUE(report);
    EXPECT_STREQ(report.node().child_value("lastmod"), "1970-01-01T00:33:29Z");  // updated 2009
}

TEST(RenderIndexes, RobotsNamesTheSitemap) {
    EXPECT_EQ(file("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://tip.example.org/sitemap.xml\n");
}

TEST(RenderIndexes, FeedsCarryEveryPageWithAbsoluteLinksAndLabels) {
    pugi::xml_document atom;
    ASSERT_TRUE(atom.load_string(file("feeds/resources.atom").c_str()));
    EXPECT_EQ(atom.select_nodes("/feed/entry").size(), 20u);
    auto entry = atom.select_node("/feed/entry[id='tag:tip.example.org,2026:resource/trp-limits-to-protection/fr']").node();
    ASSERT_TRUE(entry);
    EXPECT_STREQ(entry.attribute("xml:lang").value(), "fr");
    EXPECT_STREQ(entry.select_node("link[@rel='alternate'][@hreflang='en']").node().attribute("href").value(),
                 "https://tip.example.org/en/resources/trp-limits-to-protection/");
    EXPECT_STREQ(entry.select_node("link[@rel='enclosure']").node().attribute("href").value(),
                 "https://tip.example.org/fr/ressources/trp-limits-to-protection/files/trp-limits-to-protection.pdf");
    EXPECT_STREQ(entry.select_node("category[@term='report']").node().attribute("label").value(), "Rapport");
    pugi::xml_document fr;
    ASSERT_TRUE(fr.load_string(file("fr/feed.atom").c_str()));
    EXPECT_EQ(fr.select_nodes("/feed/entry").size(), 10u);
    EXPECT_EQ(fr.select_nodes("/feed/entry[@xml:lang='en']").size(), 0u);
    EXPECT_NE(file("feeds/resources.json").find("\"version\": \"https://jsonfeed.org/version/1.1\""), std::string::npos);
}

TEST(RenderIndexes, WithdrawnResourcesBecomeTombstones) {
    const auto summaries = seed_site().summaries();
    std::vector<Tombstone> gone{{"old-pamphlet", Lang::en, 4000}};
    auto files = render_indexes(source_theme(), test_settings(), summaries, gone, 5000);
    auto atom = std::find_if(files.begin(), files.end(), [](const SiteFile& f) { return f.path == "feeds/resources.atom"; });
    ASSERT_NE(atom, files.end());
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(atom->bytes.c_str()));
    auto tombstone = doc.select_node("/feed/*[local-name()='deleted-entry']").node();
    ASSERT_TRUE(tombstone);
    EXPECT_STREQ(tombstone.attribute("ref").value(), "tag:tip.example.org,2026:resource/old-pamphlet/en");
}

TEST(RenderIndexes, SameBytesWhateverTheInputOrder) {
    auto summaries = seed_site().summaries();
    auto first = render_indexes(source_theme(), test_settings(), summaries, {}, 5000);
    std::mt19937 shuffle(7);
    std::shuffle(summaries.begin(), summaries.end(), shuffle);
    auto second = render_indexes(source_theme(), test_settings(), summaries, {}, 5000);
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].path, second[i].path);
        EXPECT_EQ(first[i].bytes, second[i].bytes) << first[i].path;
    }
    EXPECT_TRUE(std::is_sorted(first.begin(), first.end(), [](const SiteFile& a, const SiteFile& b) { return a.path < b.path; }));
}

TEST(RenderIndexes, DuplicatePagesAndBadIdsAreLeftOut) {
    auto summaries = seed_site().summaries();
    summaries.push_back(summaries.front());
    PageSummary bad = summaries.front();
    bad.id = "../escape";
    summaries.push_back(bad);
    auto files = render_indexes(source_theme(), test_settings(), summaries, {}, 5000);
    for (const auto& f : files) EXPECT_EQ(f.path.find(".."), std::string::npos) << f.path;
    auto list = std::find_if(files.begin(), files.end(), [](const SiteFile& f) { return f.path == "en/resources/index.html"; });
    ASSERT_NE(list, files.end());
    EXPECT_EQ(Html(list->bytes).count("//ul[@class='resource-list']/li"), 10);
}

// Every link of every page resolves to a rendered file (or to an attachment
// the resource lists), and every fragment to an id on its page.
TEST(RenderedSite, EveryInternalLinkResolves) {
    const std::string site_url = test_settings().site_url;
    int links = 0;
    for (const auto& [path, bytes] : seed_rendered()) {
        if (!path.ends_with(".html")) continue;
        Html html(bytes);
        for (std::string href : html.strings("//a/@href | //link/@href")) {
            SCOPED_TRACE(path + " → " + href);
            if (href.starts_with("mailto:")) continue;
            std::string target_path;
            if (href.starts_with(site_url)) {
                target_path = resolve("", href.substr(site_url.size()));
            } else if (href.starts_with("http://") || href.starts_with("https://")) {
                continue;  // another site
            } else {
                std::string fragment;
                if (auto hash = href.find('#'); hash != std::string::npos) {
                    fragment = href.substr(hash + 1);
                    href = href.substr(0, hash);
                }
                target_path = href.empty() ? path : resolve(path, href);
                if (!fragment.empty() && seed_rendered().count(target_path)) {
                    EXPECT_EQ(Html(seed_rendered().at(target_path)).count("//*[@id='" + fragment + "']"), 1);
                }
            }
            ++links;
            ASSERT_FALSE(target_path.empty()) << "leaves the site";
            EXPECT_TRUE(seed_rendered().count(target_path) || is_listed_attachment(target_path)) << target_path;
        }
    }
    EXPECT_GT(links, 500);
}

}  // namespace
}  // namespace tandem::site
