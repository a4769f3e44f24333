#include "cms/workflow/publish.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "cms/workflow/approval.h"
#include "cms/workflow/catalogs.h"
#include "pipeline/po/catalog.h"
#include "tests/support/fixtures.h"

namespace tandem::workflow {
namespace {

namespace fs = std::filesystem;
using testing::read_site;
using testing::SiteFiles;

const store::Author k_editor{"Edith Editor", "edith@example.org", 1767225600};
const store::Author k_translator{"Théo Traducteur", "theo@example.org", 1767229200};
const store::Author k_publisher{"Paule Publisher", "paule@example.org", 1767240000};


// The paths whose bytes differ between two sites, or that only one has.
std::vector<std::string> differences(const SiteFiles& a, const SiteFiles& b) {
    std::vector<std::string> out;
    for (const auto& [path, bytes] : a)
        if (!b.count(path) || b.at(path) != bytes) out.push_back(path);
    for (const auto& [path, bytes] : b)
        if (!a.count(path)) out.push_back(path);
    return out;
}

bool plain(const std::string& text) { return text.find_first_of("<>&\"'") == std::string::npos; }

class PublishTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto ctx = init_data(m_dir.path() / "data", testing::source_dir(), testing::source_dir() / "content-repo", k_editor);
        ASSERT_TRUE(ctx.has_value()) << describe(ctx.error());
        m_ctx = std::make_unique<Context>(std::move(*ctx));
        auto theme = load_site_theme(testing::source_dir() / "web" / "templates", TANDEM_LOCALE_DIR);
        ASSERT_TRUE(theme.has_value()) << describe(theme.error());
        m_theme = std::make_unique<SiteTheme>(std::move(*theme));
        const auto ids = store::list_resources(m_ctx->store, "main").value();
        for (const auto& id : ids) {
            auto approved = approve_resource(*m_ctx, {id, "main", k_publisher, "", false});
            ASSERT_TRUE(approved.has_value()) << id << ": " << describe(approved.error());
        }
    }
    PublishOptions options(const std::string& out = "site", bool full = false) {
        PublishOptions o;
        o.out = m_dir.path() / "data" / out;
        o.full = full;
        o.publisher = k_publisher;
        return o;
    }
    Publication publish(const std::string& out = "site", bool full = false) {
        auto done = publish_release(*m_ctx, *m_theme, options(out, full));
        EXPECT_TRUE(done.has_value()) << describe(done.error());
        return done.value_or(Publication{});
    }
    fs::path site(const std::string& out = "site") { return m_dir.path() / "data" / out; }
    std::string tip() { return store::branch_tip(m_ctx->store, "main").value().value(); }
    std::string page(const std::string& id, Lang lang) {
        std::ifstream in(site() / site::resource_path(id, lang).substr(1) / "index.html", std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    // Replaces a paragraph of an English resource on main, translates what
    // changed the way a translator would, and approves it.
    void revise_and_approve(const std::string& id, const std::string& before, const std::string& after) {
        std::string xml = store::read_resource_file(m_ctx->store, id, "resource.xml", "main").value();
        const auto at = xml.find(before);
        ASSERT_NE(at, std::string::npos) << before;
        xml.replace(at, before.size(), after);
        auto saved = save_source(*m_ctx, {id, xml, tip(), k_editor, "Revise"});
        ASSERT_TRUE(saved.has_value()) << describe(saved.error());
        auto catalog = po::read_catalog(export_catalog(*m_ctx, id, Lang::fr).value(), "x").value();
        for (auto& m : catalog.messages)
            if (!m.obsolete && (m.fuzzy || m.msgstr.empty())) m.msgstr = "Version française : " + m.msgid, m.fuzzy = false;
        auto imported = import_catalog(*m_ctx, {id, Lang::fr, po::write_catalog(catalog).value(), "x.po", tip(), k_translator, "T"});
        ASSERT_TRUE(imported.has_value()) << describe(imported.error());
        auto approved = approve_resource(*m_ctx, {id, "main", k_publisher, "", false});
        ASSERT_TRUE(approved.has_value()) << describe(approved.error());
    }

    // Adds a file to a resource's folder on main and approves the folder.
    void attach_and_approve(const std::string& id, const std::string& name, const std::string& bytes) {
        store::ResourceCommit commit;
        commit.id = id;
        commit.writes = {{name, bytes}};
        commit.base = tip();
        commit.author = k_editor;
        commit.message = "Attach " + name;
        auto committed = store::commit_resource(m_ctx->store, commit);
        ASSERT_TRUE(committed.has_value()) << describe(committed.error());
        auto approved = approve_resource(*m_ctx, {id, "main", k_publisher, "", false});
        ASSERT_TRUE(approved.has_value()) << describe(approved.error());
    }
    // A full publish into a folder of its own, compared file for file with the live site.
    void expect_same_as_full(const std::string& out) {
        const auto full = publish(out, true);
        EXPECT_EQ(full.rendered, full.pages);
        EXPECT_EQ(differences(read_site(site()), read_site(site(out))), std::vector<std::string>{});
    }

    testing::TempDir m_dir;
    std::unique_ptr<Context> m_ctx;
    std::unique_ptr<SiteTheme> m_theme;
};

TEST_F(PublishTest, PublishesBothLanguagesOfEveryApprovedResourceAndTagsTheRelease) {
    const auto done = publish();
    const auto ids = store::list_resources(m_ctx->store, "release").value();
    EXPECT_EQ(done.number, 1);
    EXPECT_EQ(done.resources, ids.size());
    EXPECT_EQ(done.pages, 2 * ids.size());
    EXPECT_EQ(done.rendered, 2 * ids.size());
    EXPECT_TRUE(fs::is_symlink(site()));
    EXPECT_EQ(fs::read_symlink(site()), fs::path("site.gen/1"));
    const auto files = read_site(site());
    EXPECT_EQ(files.size(), done.files);
    for (const auto& id : ids)
        for (Lang lang : {Lang::en, Lang::fr}) {
            SCOPED_TRACE(id + " " + lang_code(lang));
            const std::string path = site::resource_path(id, lang).substr(1) + "index.html";
            ASSERT_TRUE(files.count(path));
            EXPECT_NE(files.at(path).find(std::string("lang=\"") + lang_code(lang) + "\""), std::string::npos);
        }
    for (const char* required : {"index.html", "robots.txt", "sitemap.xml", "feeds/resources.atom", "feeds/resources.json",
                                 "en/feed.atom", "fr/feed.atom"})
        EXPECT_TRUE(files.count(required)) << required;
    EXPECT_EQ(store::resolve(m_ctx->store, "published/1").value(), store::branch_tip(m_ctx->store, "release").value().value());
    const auto releases = list_releases(*m_ctx, site()).value();
    ASSERT_EQ(releases.size(), 1u);
    EXPECT_TRUE(releases[0].live);
    EXPECT_EQ(releases[0].publisher, "Paule Publisher <paule@example.org>");
}

TEST_F(PublishTest, FrenchPagesHaveTheFrenchTextAndNoEnglishBodyText) {
    publish();
    int checked = 0;
    const auto ids = store::list_resources(m_ctx->store, "release").value();
    for (const auto& id : ids) {
        const std::string xml = store::read_resource_file(m_ctx->store, id, "resource.xml", "release").value();
        if (xml.find("xml:lang=\"en\"") == std::string::npos) continue;
        const auto catalog = po::read_catalog(store::read_resource_file(m_ctx->store, id, "fr.po", "release").value(), "fr.po").value();
        const std::string fr_page = page(id, Lang::fr), en_page = page(id, Lang::en);
        for (const auto& m : catalog.messages) {
            // Long plain segments: body paragraphs, not names or acronyms kept as they are.
            if (m.obsolete || m.msgid.size() < 60 || !plain(m.msgid) || !plain(m.msgstr) || m.msgid == m.msgstr) continue;
            SCOPED_TRACE(id + ": " + m.msgid);
            EXPECT_NE(fr_page.find(m.msgstr), std::string::npos);
            EXPECT_EQ(fr_page.find(m.msgid), std::string::npos);
            EXPECT_NE(en_page.find(m.msgid), std::string::npos);
            ++checked;
        }
    }
    EXPECT_GE(checked, 10);
}

TEST_F(PublishTest, AnUnapprovedDraftOnMainAppearsNowhereInTheSite) {
    const std::string marker = "Zanzibar draft sentence nobody approved";
    const std::string xml = store::read_resource_file(m_ctx->store, "take-action", "resource.xml", "main").value();
    const auto p = xml.find("<p>");
    ASSERT_NE(p, std::string::npos);
    std::string draft = xml;
    draft.insert(p + 3, marker + ". ");
    ASSERT_TRUE(save_source(*m_ctx, {"take-action", draft, tip(), k_editor, "Draft"}).has_value());
    publish();
    const auto files = read_site(site());
    ASSERT_FALSE(files.empty());
    for (const auto& [path, bytes] : files) EXPECT_EQ(bytes.find("Zanzibar"), std::string::npos) << path;
}

TEST_F(PublishTest, AWithdrawnResourceLeavesTheSiteAndBecomesATombstone) {
    publish();
    ASSERT_TRUE(fs::exists(site() / "en/resources/order-form/index.html"));
    ASSERT_TRUE(withdraw_release(*m_ctx, "order-form", k_publisher, "Out of print").has_value());
    const auto done = publish();
    EXPECT_EQ(done.tombstones, 2u);
    EXPECT_FALSE(fs::exists(site() / "en/resources/order-form"));
    EXPECT_FALSE(fs::exists(site() / "fr/ressources/order-form"));
    const auto atom = read_site(site()).at("feeds/resources.atom");
    EXPECT_NE(atom.find("deleted-entry"), std::string::npos);
    EXPECT_NE(atom.find("resource/order-form/en"), std::string::npos);
    EXPECT_NE(atom.find("resource/order-form/fr"), std::string::npos);
}

TEST_F(PublishTest, AnIncrementalPublishRendersOnlyWhatChangedAndEqualsAFullOneByteForByte) {
    publish();
    revise_and_approve("take-action", "<p>", "<p>A new opening sentence for the campaign. ");
    const auto incremental = publish();
    EXPECT_EQ(incremental.rendered, 2u);
    const auto full = publish("full-site", true);
    EXPECT_EQ(full.rendered, full.pages);
    const auto a = read_site(site()), b = read_site(site("full-site"));
    EXPECT_EQ(a.size(), b.size());
    EXPECT_EQ(differences(a, b), std::vector<std::string>{});
    EXPECT_NE(page("take-action", Lang::fr).find("Version française : A new opening sentence"), std::string::npos);
}

TEST_F(PublishTest, RollbackRestoresThePreviousSiteByteForByte) {
    publish();
    const auto first = read_site(site());
    revise_and_approve("take-action", "<p>", "<p>A new opening sentence for the campaign. ");
    publish();
    ASSERT_FALSE(differences(first, read_site(site())).empty());
    auto rolled = rollback_release(*m_ctx, *m_theme, 1, options());
    ASSERT_TRUE(rolled.has_value()) << describe(rolled.error());
    EXPECT_EQ(rolled->number, 1);
    EXPECT_EQ(differences(first, read_site(site())), std::vector<std::string>{});
    EXPECT_EQ(list_releases(*m_ctx, site()).value().size(), 2u);
    EXPECT_TRUE(list_releases(*m_ctx, site()).value().back().live);
    EXPECT_EQ(rollback_release(*m_ctx, *m_theme, 7, options()).error().code, ErrorCode::not_found);
}

TEST_F(PublishTest, AFailedPublishLeavesTheLiveSiteAndTagsAsTheyWere) {
    publish();
    const auto before = read_site(site());
    // A release holding a document that does not render (written behind the
    // workflow's back, as another git tool could).
    store::ResourceCommit broken;
    broken.id = "take-action";
    broken.writes = {{"resource.xml", std::string("<resource>not closed")}};
    broken.branch = "release";
    broken.base = store::branch_tip(m_ctx->store, "release").value().value();
    broken.author = k_publisher;
    ASSERT_TRUE(store::commit_resource(m_ctx->store, broken).has_value());
    auto failed = publish_release(*m_ctx, *m_theme, options());
    ASSERT_FALSE(failed.has_value());
    EXPECT_NE(failed.error().message.find("take-action"), std::string::npos) << failed.error().message;
    EXPECT_EQ(differences(before, read_site(site())), std::vector<std::string>{});
    EXPECT_EQ(fs::read_symlink(site()), fs::path("site.gen/1"));
    EXPECT_EQ(store::list_tags(m_ctx->store, "published/").value().size(), 1u);
}

TEST_F(PublishTest, AFolderThatTandemDoesNotManageIsRefusedAndLeftAlone) {
    fs::create_directories(site());
    std::ofstream(site() / "keep.txt") << "mine";
    auto refused = publish_release(*m_ctx, *m_theme, options());
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::invalid);
    EXPECT_TRUE(fs::is_directory(site()));
    EXPECT_EQ(read_site(site()).size(), 1u);
    EXPECT_TRUE(store::list_tags(m_ctx->store, "published/").value().empty());
}

TEST_F(PublishTest, AnUnreadableStateMeansAFullRenderWithTheSameResult) {
    publish();
    const auto first = read_site(site());
    std::ofstream(m_dir.path() / "data/site.gen/1.state", std::ios::trunc) << "garbage";
    const auto again = publish();
    EXPECT_EQ(again.rendered, again.pages);
    EXPECT_EQ(differences(first, read_site(site())), std::vector<std::string>{});
}

TEST_F(PublishTest, OldGenerationsArePrunedKeepingTheLiveOneAndTheOneBefore) {
    for (int i = 0; i < 4; ++i) publish();
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(m_dir.path() / "data/site.gen"))
        if (entry.path().filename().string().front() != '.') names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"3", "3.state", "4", "4.state"}));
}

// The seed's pages that link to the order form, and the feeds.
const std::vector<std::string> k_linking_to_order_form = {"awareness-raising-and-policy", "trafficking-in-persons-campaign"};
constexpr const char* k_feeds[] = {"feeds/resources.atom", "feeds/resources.json", "en/feed.atom", "fr/feed.atom"};

TEST_F(PublishTest, AWithdrawnResourceIsUnlinkedFromThePagesThatLinkedToItAndIncrementalEqualsFull) {
    publish();
    for (const auto& id : k_linking_to_order_form)
        for (Lang lang : {Lang::en, Lang::fr}) ASSERT_NE(page(id, lang).find("href=\"../order-form/\""), std::string::npos) << id;
    ASSERT_TRUE(withdraw_release(*m_ctx, "order-form", k_publisher, "Out of print").has_value());

    const auto incremental = publish();
    // Nothing changed in their folders, yet their links did.
    EXPECT_EQ(incremental.rendered, 2 * k_linking_to_order_form.size());
    for (const auto& id : k_linking_to_order_form)
        for (Lang lang : {Lang::en, Lang::fr}) {
            SCOPED_TRACE(id + " " + lang_code(lang));
            const std::string html = page(id, lang);
            EXPECT_EQ(html.find("order-form/\""), std::string::npos);
            EXPECT_NE(html.find("<span>"), std::string::npos) << "the link's text stays";
        }
    // No page links to it (the feeds' tombstones name its former address, as RFC 6721 lets them).
    for (const auto& [path, bytes] : read_site(site())) {
        if (!path.ends_with(".html") && path != "sitemap.xml") continue;
        EXPECT_EQ(bytes.find("resources/order-form/"), std::string::npos) << path;
        EXPECT_EQ(bytes.find("ressources/order-form/"), std::string::npos) << path;
    }
    EXPECT_NE(page("awareness-raising-and-policy", Lang::fr).find("<span>Bon de commande de ressources</span>"),
              std::string::npos);
    expect_same_as_full("full-after-withdrawal");

    // Approved again: the links come back, on an incremental publish too.
    ASSERT_TRUE(approve_resource(*m_ctx, {"order-form", "main", k_publisher, "", false}).has_value());
    const auto again = publish();
    EXPECT_EQ(again.rendered, 2 * k_linking_to_order_form.size() + 2);
    for (const auto& id : k_linking_to_order_form)
        for (Lang lang : {Lang::en, Lang::fr}) EXPECT_NE(page(id, lang).find("href=\"../order-form/\""), std::string::npos) << id;
    expect_same_as_full("full-after-approval");
}

TEST_F(PublishTest, AnAttachmentNotInTheFolderIsNeitherLinkedNorInTheFeeds) {
    // The seed declares files/take-action.pdf (and others) but has no files/ folders.
    publish();
    const auto files = read_site(site());
    for (const auto& [path, bytes] : files) EXPECT_EQ(bytes.find("files/"), std::string::npos) << path;
    EXPECT_NE(page("take-action", Lang::en).find("The PDF is not available online"), std::string::npos);
    EXPECT_NE(page("take-action", Lang::fr).find("Le PDF n’est pas disponible en ligne"), std::string::npos);
    for (const char* feed : k_feeds) EXPECT_EQ(files.at(feed).find("enclosure"), std::string::npos) << feed;
}

TEST_F(PublishTest, AnAttachmentInTheFolderIsLinkedCopiedAndInTheFeeds) {
    publish();
    const std::string pdf = "%PDF-1.4\n% Take action\n";
    attach_and_approve("take-action", "files/take-action.pdf", pdf);
    const auto incremental = publish();
    EXPECT_LT(incremental.rendered, incremental.pages);
    const auto files = read_site(site());
    EXPECT_EQ(files.at("en/resources/take-action/files/take-action.pdf"), pdf);
    EXPECT_EQ(files.at("fr/ressources/take-action/files/take-action.pdf"), pdf);
    for (Lang lang : {Lang::en, Lang::fr}) {
        EXPECT_NE(page("take-action", lang).find("href=\"files/take-action.pdf\""), std::string::npos);
        EXPECT_EQ(page("take-action", lang).find("not available online"), std::string::npos);
    }
    const std::string url = "http://localhost/en/resources/take-action/files/take-action.pdf";
    EXPECT_NE(files.at("feeds/resources.atom").find("rel=\"enclosure\""), std::string::npos);
    for (const char* feed : {"feeds/resources.atom", "feeds/resources.json", "en/feed.atom"})
        EXPECT_NE(files.at(feed).find(url), std::string::npos) << feed;
    // Still absent: the other resources' declared files.
    EXPECT_EQ(files.at("feeds/resources.atom").find("files/order-form.pdf"), std::string::npos);
    expect_same_as_full("full-site");
}

TEST_F(PublishTest, AnAttachmentArrivingRelinksThePagesThatLinkToIt) {
    // The campaign page links to ../legislative-amendment-proposal/files/legislative-amendment-proposal.htm.
    const std::string link = "href=\"../legislative-amendment-proposal/files/legislative-amendment-proposal.htm\"";
    publish();
    ASSERT_EQ(page("trafficking-in-persons-campaign", Lang::en).find(link), std::string::npos);
    attach_and_approve("legislative-amendment-proposal", "files/legislative-amendment-proposal.htm", "<p>Proposal</p>\n");
    publish();
    for (Lang lang : {Lang::en, Lang::fr}) {
        EXPECT_NE(page("trafficking-in-persons-campaign", lang).find(link), std::string::npos);
        EXPECT_NE(page("awareness-raising-and-policy", lang).find(link), std::string::npos);
    }
    expect_same_as_full("full-site");
}

TEST_F(PublishTest, APublishWithoutAnAddressKeepsTheOneBefore) {
    EXPECT_EQ(current_site_url(*m_ctx).value(), "http://localhost/");
    PublishOptions first = options();
    first.settings.site_url = "https://campaign.example/";
    ASSERT_TRUE(publish_release(*m_ctx, *m_theme, first).has_value());
    EXPECT_EQ(current_site_url(*m_ctx).value(), "https://campaign.example/");
    // The web app's publish names no address.
    const auto again = publish_release(*m_ctx, *m_theme, options());
    ASSERT_TRUE(again.has_value()) << describe(again.error());
    std::ifstream in(site() / "sitemap.xml", std::ios::binary);
    const std::string sitemap(std::istreambuf_iterator<char>(in), {});
    EXPECT_NE(sitemap.find("https://campaign.example/en/"), std::string::npos);
    EXPECT_EQ(sitemap.find("localhost"), std::string::npos);
}

}  // namespace
}  // namespace tandem::workflow
