// A page links only to what the release publishes: resources on it and the
// attachments in their folders. The rest keeps its text, unlinked; a page's
// own missing attachment is named "not available online".

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "pipeline/site/document_html.h"
#include "tests/pipeline/site/site_support.h"

namespace tandem::site {
namespace {

using testing::Html;
using testing::seed_site;
using testing::source_theme;
using testing::test_settings;

// Every seed resource published, with the attachments its document declares
// (as if the seed had its files/ folders), less what a test takes away.
PublishedSet everything() {
    PublishedSet published;
    for (const auto& page : seed_site().pages) {
        auto& attachments = published.attachments[page.summary.id];
        attachments.clear();
        for (const auto& file : page.summary.files) attachments.push_back(file.href);
        std::sort(attachments.begin(), attachments.end());
    }
    return published;
}

std::string render(ResourcePage page, const PublishedSet* published) {
    page.published = published;
    auto html = render_resource_page(source_theme(), test_settings(), page);
    EXPECT_TRUE(html) << describe(html.error());
    return html ? *html : std::string();
}

// The <div class="resource-body"> of a page, where the document's links are.
constexpr const char* k_body = "//div[contains(@class,'resource-body')]";

TEST(PublishedLinks, ALinkToAResourceOffTheReleaseKeepsItsTextUnlinked) {
    PublishedSet published = everything();
    published.attachments.erase("order-form");
    for (Lang lang : {Lang::en, Lang::fr}) {
        SCOPED_TRACE(lang_code(lang));
        const auto& page = seed_site().page("awareness-raising-and-policy", lang);
        Html linked(render(page, nullptr));
        const std::string text = linked.string(std::string(k_body) + "//a[@href='../order-form/']");
        ASSERT_FALSE(text.empty()) << "the seed page links to the order form";

        Html html(render(page, &published));
        EXPECT_EQ(html.count("//a[contains(@href,'order-form')]"), 0);
        EXPECT_EQ(html.count(std::string(k_body) + "//span[.='" + text + "']"), 1) << text;
        // Links to what is published stay.
        EXPECT_EQ(html.count(std::string(k_body) + "//a[@href='../take-action/']"),
                  linked.count(std::string(k_body) + "//a[@href='../take-action/']"));
        EXPECT_GE(html.count(std::string(k_body) + "//a[@href='../take-action/']"), 1);
    }
}

TEST(PublishedLinks, WithoutAPublishedSetEveryLinkIsKept) {
    // The web app's preview renders a draft that has no release.
    const auto& page = seed_site().page("trafficking-in-persons-campaign", Lang::en);
    Html html(render(page, nullptr));
    EXPECT_EQ(html.count(std::string(k_body) + "//a[@href='../order-form/']"), 1);
    EXPECT_EQ(html.count(std::string(k_body) +
                         "//a[@href='../legislative-amendment-proposal/files/legislative-amendment-proposal.htm']"),
              1);
}

TEST(PublishedLinks, ALinkToAnotherResourcesAttachmentNeedsThatFileInItsFolder) {
    const std::string to_file =
        std::string(k_body) + "//a[@href='../legislative-amendment-proposal/files/legislative-amendment-proposal.htm']";
    const auto& page = seed_site().page("trafficking-in-persons-campaign", Lang::fr);
    PublishedSet published = everything();
    Html with_file(render(page, &published));
    EXPECT_EQ(with_file.count(to_file), 1);

    published.attachments["legislative-amendment-proposal"] = {"files/legislative-amendment-proposal.pdf"};
    Html without_file(render(page, &published));
    EXPECT_EQ(without_file.count(to_file), 0);
    EXPECT_EQ(without_file.count("//a[contains(@href,'legislative-amendment-proposal.htm')]"), 0);
    // The resource's page itself is still there, and still linked.
    EXPECT_GE(without_file.count(std::string(k_body) + "//a[@href='../legislative-amendment-proposal/']"), 1);
}

TEST(PublishedLinks, AMissingAttachmentIsNamedNotAvailableOnlineNotLinked) {
    PublishedSet published = everything();
    published.attachments["legislative-amendment-proposal"] = {"files/legislative-amendment-proposal.htm"};
    const auto& en = seed_site().page("legislative-amendment-proposal", Lang::en);
    Html html(render(en, &published));
    EXPECT_EQ(html.count("//a[contains(@href,'.pdf')]"), 0);
    EXPECT_EQ(html.strings("//section[contains(@class,'attachments')]//li[@class='unavailable']"),
              std::vector<std::string>{"The PDF is not available online"});
    EXPECT_EQ(html.count("//section[contains(@class,'attachments')]//a[@href='files/legislative-amendment-proposal.htm']"), 1);

    Html fr(render(seed_site().page("legislative-amendment-proposal", Lang::fr), &published));
    EXPECT_EQ(fr.strings("//section[contains(@class,'attachments')]//li[@class='unavailable']"),
              std::vector<std::string>{"Le PDF n’est pas disponible en ligne"});
}

TEST(PublishedLinks, AnAttachmentInTheFolderIsLinked) {
    PublishedSet published = everything();
    Html html(render(seed_site().page("trp-limits-to-protection", Lang::en), &published));
    EXPECT_EQ(html.count("//section[contains(@class,'attachments')]//a[@href='files/trp-limits-to-protection.pdf']"), 1);
    EXPECT_EQ(html.count("//li[@class='unavailable']"), 0);
}

TEST(PublishedLinks, AQuoteCitingAResourceOffTheReleaseLosesItsCite) {
    const std::string xml =
        "<resource xmlns=\"urn:tandem:resource:1\" id=\"quoting\" xml:lang=\"en\" type=\"report\">"
        "<title>Q</title><body><quote cite=\"../gone/\">Said.</quote><quote cite=\"../here/#s\">Also.</quote>"
        "<p><a href=\"/en/resources/away\">Away</a> and <a href=\"/fr/ressources/here/\">here</a>.</p></body>"
        "</resource>";
    auto summary = summarize(xml, Lang::en);
    ASSERT_TRUE(summary) << describe(summary.error());
    EXPECT_EQ(summary->links, (std::vector<std::string>{"away", "gone", "here"}));
    PublishedSet published;
    published.attachments["here"] = {};
    published.attachments["quoting"] = {};
    Html html(render(ResourcePage{*summary, xml, {{Lang::en, true}, {Lang::fr, true}}}, &published));
    EXPECT_EQ(html.strings("//blockquote/@cite"), std::vector<std::string>{"../here/#s"});
    EXPECT_EQ(html.count("//blockquote"), 2);
    EXPECT_EQ(html.strings(std::string(k_body) + "//a/@href"), std::vector<std::string>{"/fr/ressources/here/"});
    EXPECT_EQ(html.string(std::string(k_body) + "//p/span"), "Away");
}

TEST(Summarize, ListsTheOtherResourcesItsLinksLeadTo) {
    const auto& campaign = seed_site().page("trafficking-in-persons-campaign", Lang::fr).summary;
    EXPECT_EQ(campaign.links, (std::vector<std::string>{"anti-trafficking-network", "awareness-raising-and-policy",
                                                        "legislative-amendment-faq", "legislative-amendment-proposal",
                                                        "order-form", "protecting-trafficked-persons", "take-action",
                                                        "trafficking-resources-database", "trp-limits-to-protection"}));
    // Its own attachments are its folder's business, not a link to another resource.
    const auto& faq = seed_site().page("legislative-amendment-faq", Lang::en).summary;
    EXPECT_EQ(faq.links, (std::vector<std::string>{"legislative-amendment-proposal", "trafficking-in-persons-campaign"}));
}

TEST(PublishedFiles, KeepsOnlyTheAttachmentsInTheFolder) {
    const auto& summary = seed_site().page("legislative-amendment-proposal", Lang::en).summary;
    ASSERT_EQ(summary.files.size(), 2u);
    PublishedSet published;
    EXPECT_TRUE(published_files(summary, published).empty()) << "not on the release at all";
    published.attachments["legislative-amendment-proposal"] = {"files/legislative-amendment-proposal.htm", "files/other.pdf"};
    const auto kept = published_files(summary, published);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].href, "files/legislative-amendment-proposal.htm");
    EXPECT_EQ(kept[0].format, "html");
}

TEST(ResourceLink, TellsWhichResourceAndFileARelativeLinkLeadsTo) {
    struct Row {
        const char* name;
        const char* href;
        Lang lang;
        std::optional<std::pair<std::string, std::string>> expected;
    };
    using Target = std::pair<std::string, std::string>;
    const Row rows[] = {
        {"another resource's page", "../other/", Lang::en, Target{"other", ""}},
        {"its index.html, with a fragment", "../other/index.html#part", Lang::fr, Target{"other", ""}},
        {"without the final slash", "../other", Lang::en, Target{"other", ""}},
        {"another resource's attachment", "../other/files/a.pdf", Lang::en, Target{"other", "files/a.pdf"}},
        {"its own attachment", "files/a.pdf?download=1", Lang::en, Target{"self", "files/a.pdf"}},
        {"its own page", "./", Lang::fr, Target{"self", ""}},
        {"the other language's page", "../../../fr/ressources/other/", Lang::en, Target{"other", ""}},
        {"a filter page", "../type/report/", Lang::en, std::nullopt},
        {"a French filter page", "../sujet/protection/", Lang::fr, std::nullopt},
        {"the list", "../", Lang::en, std::nullopt},
        {"the home page", "../../", Lang::en, std::nullopt},
        {"above the site", "../../../../x/", Lang::en, std::nullopt},
        {"another site", "https://example.org/en/resources/other/", Lang::en, std::nullopt},
        {"a path from the host root", "/en/resources/other", Lang::fr, Target{"other", ""}},
        {"an attachment from the host root", "/fr/ressources/other/files/a.pdf", Lang::en, Target{"other", "files/a.pdf"}},
        {"a filter page from the host root", "/en/resources/topic/x/", Lang::en, std::nullopt},
        {"another host", "//example.org/en/resources/other/", Lang::en, std::nullopt},
        {"a fragment", "#part", Lang::en, std::nullopt},
        {"mail", "mailto:a@example.org", Lang::en, std::nullopt},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.name);
        const auto target = detail::resource_link(row.href, "self", row.lang);
        ASSERT_EQ(target.has_value(), row.expected.has_value());
        if (target) EXPECT_EQ(Target(target->id, target->file), *row.expected);
    }
}

}  // namespace
}  // namespace tandem::site
