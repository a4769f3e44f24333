#include "pipeline/publish/feed.h"

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace tandem::publish {
namespace {

namespace fs = std::filesystem;

constexpr Seconds k_march_1 = 1772357400;  // 2026-03-01T09:30:00Z
constexpr Seconds k_day = 86400;

// A fresh folder per test, removed at the end.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "tandem-feed-XXXXXX").string();
        m_path = ::mkdtemp(pattern.data()) ? fs::path(pattern) : fs::path();
    }
    ~TempDir() {
        std::error_code ignored;
        if (!m_path.empty()) fs::remove_all(m_path, ignored);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

struct Verdict {
    int exit_status = -1;
    std::string output;
};

fs::path atom_schema() { return fs::path(TANDEM_SHARED_DIR) / "conformance" / "atom" / "atom.rng"; }

bool have_jing() { return std::system("command -v jing >/dev/null 2>&1") == 0; }

// Runs jing on a file; the caller checks have_jing() and the schema first.
Verdict run_jing(const fs::path& file) {
    const std::string command = "jing '" + atom_schema().string() + "' '" + file.string() + "' 2>&1";
    Verdict verdict;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return verdict;
    std::array<char, 4096> buffer{};
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) verdict.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    verdict.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return verdict;
}

Verdict validate_atom(const std::string& xml) {
    TempDir dir;
    const fs::path file = dir.path() / "feed.atom";
    std::ofstream(file, std::ios::binary) << xml;
    return run_jing(file);
}

#define SKIP_WITHOUT_JING()                                                                                   \
    do {                                                                                                      \
        if (!have_jing()) GTEST_SKIP() << "jing is not installed (apt-get install jing): Atom not validated"; \
        if (!fs::exists(atom_schema()))                                                                       \
            GTEST_SKIP() << "no Atom schema at " << atom_schema() << ": Atom not validated";                 \
    } while (false)

Labels test_labels() {
    static const std::map<std::tuple<std::string, std::string, Lang>, std::string> k_labels = {
        {{"type", "report", Lang::en}, "Report"},
        {{"type", "report", Lang::fr}, "Rapport"},
        {{"type", "order-form", Lang::en}, "Order form"},
        {{"type", "order-form", Lang::fr}, "Bon de commande"},
        {{"topic", "refugees", Lang::en}, "Refugees"},
        {{"topic", "refugees", Lang::fr}, "Réfugiés"},
        {{"topic", "detention", Lang::en}, "Detention"},
        {{"topic", "detention", Lang::fr}, "Détention"},
        {{"scope", "canadian", Lang::en}, "Canadian"},
        {{"scope", "canadian", Lang::fr}, "Canadien"},
    };
    return [](std::string_view kind, std::string_view token, Lang lang) {
        const auto it = k_labels.find({std::string(kind), std::string(token), lang});
        return it == k_labels.end() ? std::string() : it->second;
    };
}

FeedOptions bilingual_options() {
    FeedOptions options;
    options.site_url = "https://example.org/";
    options.feed_url = "https://example.org/feeds/resources.atom";
    options.title = "Resources / Ressources";
    options.subtitle = "The resource database";
    options.updated = k_march_1 + 10 * k_day;
    options.tag_authority = "example.org,2026";
    options.author_name = "Example Council";
    return options;
}

FeedEntry report(Lang lang) {
    FeedEntry entry;
    entry.id = "trp-limits-to-protection";
    entry.lang = lang;
    entry.title = lang == Lang::en ? "Limits to protection" : "Les limites de la protection";
    entry.summary = lang == Lang::en ? "What temporary permits cannot do." : "Ce que les permis temporaires ne font pas.";
    entry.type = "report";
    entry.topics = {"refugees", "detention"};
    entry.scope = "canadian";
    entry.audience = "general";
    entry.date = "2026-02";
    entry.published = k_march_1;
    entry.updated = k_march_1 + 2 * k_day;
    entry.page_url = std::string("https://example.org/") + lang_code(lang) + "/trp-limits-to-protection/";
    entry.alternate_urls = {{Lang::en, "https://example.org/en/trp-limits-to-protection/"},
                            {Lang::fr, "https://example.org/fr/trp-limits-to-protection/"}};
    entry.enclosures = {{std::string("https://example.org/files/trp-") + lang_code(lang) + ".pdf", "application/pdf",
                         lang, 123456}};
    entry.other_language_available = true;
    return entry;
}

FeedEntry order_form() {
    FeedEntry entry;
    entry.id = "order-form";
    entry.lang = Lang::en;
    entry.title = "Order form";
    entry.summary = "Order printed copies.";
    entry.type = "order-form";
    entry.published = k_march_1 - 30 * k_day;
    entry.updated = k_march_1 + 5 * k_day;
    entry.page_url = "https://example.org/en/order-form/";
    entry.alternate_urls = {{Lang::en, "https://example.org/en/order-form/"}};
    entry.translation_pending = true;
    return entry;
}

std::vector<FeedEntry> sample_entries() { return {report(Lang::en), report(Lang::fr), order_form()}; }

std::vector<Tombstone> sample_tombstones() {
    return {{"old-pamphlet", Lang::fr, k_march_1 + 3 * k_day, "https://example.org/fr/old-pamphlet/"},
            {"old-pamphlet", Lang::en, k_march_1 + 3 * k_day, "https://example.org/en/old-pamphlet/"}};
}

pugi::xml_document parse_xml(const std::string& xml) {
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_string(xml.c_str());
    EXPECT_TRUE(parsed) << parsed.description() << "\n" << xml;
    return doc;
}

// The entry of a resource in a language, by its xml:lang and t:resource id.
pugi::xml_node find_entry(const pugi::xml_document& doc, std::string_view id, Lang lang) {
    for (pugi::xml_node entry : doc.child("feed").children("entry"))
        if (entry.child("t:resource").attribute("id").value() == id &&
            std::string_view(entry.attribute("xml:lang").value()) == lang_code(lang))
            return entry;
    return {};
}

std::vector<std::string> entry_ids(const pugi::xml_document& doc) {
    std::vector<std::string> ids;
    for (pugi::xml_node entry : doc.child("feed").children("entry")) ids.emplace_back(entry.child_value("id"));
    return ids;
}

// --- Validation against the RFC 4287 schema --------------------------------

TEST(RenderAtom, TheValidatorRejectsTheSchemaSamplesInvalidFeed) {
    SKIP_WITHOUT_JING();
    // Guards against a vacuous gate: the same command that passes our feeds
    // must fail the known-bad sample and pass the known-good one.
    const fs::path samples = atom_schema().parent_path() / "samples";
    EXPECT_EQ(run_jing(samples / "valid-feed.xml").exit_status, 0);
    const Verdict bad = run_jing(samples / "invalid-feed.xml");
    EXPECT_EQ(bad.exit_status, 1);
    EXPECT_NE(bad.output.find("missing required attribute \"href\""), std::string::npos) << bad.output;
}

TEST(RenderAtom, BilingualFeedIsValidAtom) {
    SKIP_WITHOUT_JING();
    const auto entries = sample_entries();
    const std::string xml = render_atom(entries, {}, bilingual_options(), test_labels());
    const Verdict verdict = validate_atom(xml);
    EXPECT_EQ(verdict.exit_status, 0) << verdict.output << "\n" << xml;
}

TEST(RenderAtom, PerLanguageFeedIsValidAtomAndHoldsOnlyThatLanguage) {
    SKIP_WITHOUT_JING();
    FeedOptions options = bilingual_options();
    options.lang = Lang::fr;
    options.feed_url = "https://example.org/feeds/resources.fr.atom";
    const auto entries = sample_entries();
    const auto tombstones = sample_tombstones();
    const std::string xml = render_atom(entries, tombstones, options, test_labels());
    const Verdict verdict = validate_atom(xml);
    EXPECT_EQ(verdict.exit_status, 0) << verdict.output << "\n" << xml;

    const auto doc = parse_xml(xml);
    EXPECT_STREQ(doc.child("feed").attribute("xml:lang").value(), "fr");
    EXPECT_EQ(entry_ids(doc), std::vector<std::string>{"tag:example.org,2026:resource/trp-limits-to-protection/fr"});
    std::vector<std::string> refs;
    for (pugi::xml_node deleted : doc.child("feed").children("at:deleted-entry"))
        refs.emplace_back(deleted.attribute("ref").value());
    EXPECT_EQ(refs, std::vector<std::string>{"tag:example.org,2026:resource/old-pamphlet/fr"});
    EXPECT_STREQ(doc.child("feed").child_value("id"), "tag:example.org,2026:resources/fr");
}

TEST(RenderAtom, FeedWithTombstonesIsValidAtom) {
    SKIP_WITHOUT_JING();
    const auto entries = sample_entries();
    const auto tombstones = sample_tombstones();
    const std::string xml = render_atom(entries, tombstones, bilingual_options(), test_labels());
    const Verdict verdict = validate_atom(xml);
    EXPECT_EQ(verdict.exit_status, 0) << verdict.output << "\n" << xml;
}

TEST(RenderAtom, TombstonesOnlyFeedIsValidAtom) {
    SKIP_WITHOUT_JING();
    const auto tombstones = sample_tombstones();
    const std::string xml = render_atom({}, tombstones, bilingual_options(), test_labels());
    const Verdict verdict = validate_atom(xml);
    EXPECT_EQ(verdict.exit_status, 0) << verdict.output << "\n" << xml;
}

FeedEntry hostile_entry() {
    FeedEntry entry = report(Lang::en);
    entry.id = "hostile";
    entry.title = "<script>alert(\"x\")</script> & 'quotes' \x01\x08\x1b]0;title\x07 \xff\xfe end";
    entry.summary = "line one\r\nline two\ttab\x0c formfeed ]]> <![CDATA[ x ]]>";
    entry.type = "report\"><script>";
    entry.topics = {"a&b", "<topic>", "", "a&b"};
    entry.audience = "\"everyone\" <all>";
    entry.date = "2026-13-45";  // not a date: dropped
    entry.page_url = "javascript:alert(1)";
    entry.alternate_urls = {{Lang::en, "javascript:alert(1)"}, {Lang::fr, "https://example.org/fr/x?a=1&b=2"}};
    entry.enclosures = {{"javascript:alert(document.cookie)", "application/pdf", Lang::en, 10},
                        {"data:text/html,<script>alert(1)</script>", "text/html", Lang::en, {}},
                        {"https://example.org/files/a b.pdf", "application/pdf", Lang::en, {}},
                        {"https://example.org/files/ok.pdf", "not a mime \"type\"", Lang::en, 7}};
    return entry;
}

FeedOptions hostile_options() {
    FeedOptions options = bilingual_options();
    options.title = "Feed <b>&amp;</b> \x02 \"title\"";
    options.subtitle = "]]> & <!-- -->";
    options.author_name = "A & B <ab@example.org>";
    options.feed_url = "javascript:void(0)";
    return options;
}

Labels hostile_labels() {
    return [](std::string_view kind, std::string_view token, Lang) {
        return std::string(kind) + ":<" + std::string(token) + "> \"&\" \x03";
    };
}

TEST(RenderAtom, HostileStringsAreEscapedAndTheFeedStaysValid) {
    SKIP_WITHOUT_JING();
    const std::vector<FeedEntry> entries = {hostile_entry(), report(Lang::fr)};
    const std::vector<Tombstone> tombstones = {{"gone", Lang::en, k_march_1, "javascript:alert(1)"}};
    const std::string xml = render_atom(entries, tombstones, hostile_options(), hostile_labels());
    const Verdict verdict = validate_atom(xml);
    EXPECT_EQ(verdict.exit_status, 0) << verdict.output << "\n" << xml;
    EXPECT_EQ(xml.find("<script>"), std::string::npos) << xml;
    EXPECT_EQ(xml.find("javascript:"), std::string::npos) << xml;
    EXPECT_EQ(xml.find("data:"), std::string::npos) << xml;
}

TEST(RenderAtom, HostileTextRoundTripsWithControlsStripped) {
    const std::vector<FeedEntry> entries = {hostile_entry()};
    const auto doc = parse_xml(render_atom(entries, {}, hostile_options(), hostile_labels()));
    const pugi::xml_node entry = doc.child("feed").child("entry");
    EXPECT_STREQ(entry.child_value("title"),
                 "<script>alert(\"x\")</script> & 'quotes' ]0;title \xEF\xBF\xBD\xEF\xBF\xBD end");
    EXPECT_STREQ(entry.child_value("summary"), "line one\nline two\ttab formfeed ]]> <![CDATA[ x ]]>");
    EXPECT_STREQ(doc.child("feed").child_value("title"), "Feed <b>&amp;</b>  \"title\"");
    EXPECT_STREQ(entry.child("t:resource").attribute("audience").value(), "\"everyone\" <all>");
    EXPECT_FALSE(entry.child("t:resource").attribute("date"));

    // The javascript: page is dropped, the French page (with its & escaped) stays.
    std::vector<std::string> alternates;
    for (pugi::xml_node link : entry.children("link"))
        if (std::string_view(link.attribute("rel").value()) == "alternate")
            alternates.emplace_back(link.attribute("href").value());
    EXPECT_EQ(alternates, std::vector<std::string>{"https://example.org/fr/x?a=1&b=2"});
    EXPECT_FALSE(entry.child("content"));

    // Topics: the empty and the repeated one dropped, the labels cleaned.
    std::vector<std::string> labels;
    for (pugi::xml_node category : entry.children("category")) labels.emplace_back(category.attribute("label").value());
    EXPECT_EQ(labels, (std::vector<std::string>{"type:<report\"><script>> \"&\" ", "topic:<a&b> \"&\" ",
                                                "topic:<<topic>> \"&\" ", "scope:<canadian> \"&\" "}));
}

TEST(RenderAtom, EntryLeftWithoutAnyPageCarriesItsSummaryAsContent) {
    FeedEntry entry = report(Lang::en);
    entry.page_url = "javascript:alert(1)";
    entry.alternate_urls = {{Lang::fr, "vbscript:msgbox"}};
    const std::vector<FeedEntry> entries = {entry};
    const std::string xml = render_atom(entries, {}, bilingual_options(), test_labels());
    const auto doc = parse_xml(xml);
    const pugi::xml_node node = doc.child("feed").child("entry");
    EXPECT_FALSE(node.find_child_by_attribute("link", "rel", "alternate"));
    // RFC 4287 4.1.1: an entry needs an alternate link or content.
    EXPECT_STREQ(node.child("content").attribute("type").value(), "text");
    EXPECT_STREQ(node.child_value("content"), "What temporary permits cannot do.");
    if (have_jing() && fs::exists(atom_schema())) {
        const Verdict verdict = validate_atom(xml);
        EXPECT_EQ(verdict.exit_status, 0) << verdict.output << "\n" << xml;
    }
}

TEST(RenderAtom, OnlyHttpEnclosuresSurvive) {
    const std::vector<FeedEntry> entries = {hostile_entry()};
    const auto doc = parse_xml(render_atom(entries, {}, bilingual_options(), test_labels()));
    std::vector<std::string> hrefs;
    std::vector<std::string> types;
    for (pugi::xml_node link : doc.child("feed").child("entry").children("link"))
        if (std::string_view(link.attribute("rel").value()) == "enclosure") {
            hrefs.emplace_back(link.attribute("href").value());
            types.emplace_back(link.attribute("type").value());
        }
    // javascript:, data: and a URL with a raw space are dropped; a bad mime
    // type falls back to application/octet-stream.
    EXPECT_EQ(hrefs, std::vector<std::string>{"https://example.org/files/ok.pdf"});
    EXPECT_EQ(types, std::vector<std::string>{"application/octet-stream"});
}

// --- Ids, order, determinism ---------------------------------------------------

TEST(RenderAtom, IdsDependOnlyOnAuthorityResourceAndLanguage) {
    const auto first = sample_entries();
    auto second = sample_entries();
    for (FeedEntry& entry : second) {
        entry.title += " (revised)";
        entry.summary = "Entirely new summary.";
        entry.updated += 40 * k_day;
        entry.topics = {"detention"};
        entry.page_url += "v2/";
    }
    FeedOptions later = bilingual_options();
    later.updated += 100 * k_day;
    later.title = "Renamed";

    auto sorted_ids = [](const std::string& xml) {
        auto ids = entry_ids(parse_xml(xml));
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    const auto ids = sorted_ids(render_atom(first, {}, bilingual_options(), test_labels()));
    EXPECT_EQ(ids, sorted_ids(render_atom(second, {}, later, test_labels())));
    EXPECT_EQ(ids, (std::vector<std::string>{"tag:example.org,2026:resource/order-form/en",
                                             "tag:example.org,2026:resource/trp-limits-to-protection/en",
                                             "tag:example.org,2026:resource/trp-limits-to-protection/fr"}));
    EXPECT_EQ(entry_tag_uri("example.org,2026", "trp-limits-to-protection", Lang::fr),
              "tag:example.org,2026:resource/trp-limits-to-protection/fr");
}

TEST(RenderAtom, SameInputGivesSameBytesWhateverTheInputOrder) {
    const auto entries = sample_entries();
    const auto tombstones = sample_tombstones();
    std::vector<FeedEntry> reversed(entries.rbegin(), entries.rend());
    std::vector<Tombstone> reversed_tombstones(tombstones.rbegin(), tombstones.rend());
    const std::string once = render_atom(entries, tombstones, bilingual_options(), test_labels());
    EXPECT_EQ(once, render_atom(entries, tombstones, bilingual_options(), test_labels()));
    EXPECT_EQ(once, render_atom(reversed, reversed_tombstones, bilingual_options(), test_labels()));
    EXPECT_EQ(render_json_feed(entries, tombstones, bilingual_options(), test_labels()),
              render_json_feed(reversed, reversed_tombstones, bilingual_options(), test_labels()));
}

TEST(RenderAtom, EntriesComeByUpdatedDescendingThenIdThenLanguage) {
    auto entries = sample_entries();
    FeedEntry tie = order_form();
    tie.id = "aaa-first-on-tie";
    entries.push_back(tie);
    const auto ids = entry_ids(parse_xml(render_atom(entries, {}, bilingual_options(), test_labels())));
    EXPECT_EQ(ids, (std::vector<std::string>{"tag:example.org,2026:resource/aaa-first-on-tie/en",
                                             "tag:example.org,2026:resource/order-form/en",
                                             "tag:example.org,2026:resource/trp-limits-to-protection/en",
                                             "tag:example.org,2026:resource/trp-limits-to-protection/fr"}));
}

TEST(RenderAtom, TimesAreRfc3339InUtc) {
    const auto entries = sample_entries();
    const auto doc = parse_xml(render_atom(entries, {}, bilingual_options(), test_labels()));
    const pugi::xml_node entry = find_entry(doc, "trp-limits-to-protection", Lang::en);
    EXPECT_STREQ(entry.child_value("published"), "2026-03-01T09:30:00Z");
    EXPECT_STREQ(entry.child_value("updated"), "2026-03-03T09:30:00Z");
    EXPECT_STREQ(doc.child("feed").child_value("updated"), "2026-03-11T09:30:00Z");
}

// --- Entry content -------------------------------------------------------------

TEST(RenderAtom, CategoryLabelsAreInTheEntrysLanguage) {
    const auto entries = sample_entries();
    const auto doc = parse_xml(render_atom(entries, {}, bilingual_options(), test_labels()));
    struct Row {
        Lang lang;
        std::vector<std::string> labels;
    };
    for (const Row& row : {Row{Lang::en, {"Report", "Refugees", "Detention", "Canadian"}},
                           Row{Lang::fr, {"Rapport", "Réfugiés", "Détention", "Canadien"}}}) {
        SCOPED_TRACE(lang_code(row.lang));
        std::vector<std::string> labels, terms, schemes;
        for (pugi::xml_node category : find_entry(doc, "trp-limits-to-protection", row.lang).children("category")) {
            labels.emplace_back(category.attribute("label").value());
            terms.emplace_back(category.attribute("term").value());
            schemes.emplace_back(category.attribute("scheme").value());
        }
        EXPECT_EQ(labels, row.labels);
        EXPECT_EQ(terms, (std::vector<std::string>{"report", "refugees", "detention", "canadian"}));
        EXPECT_EQ(schemes, (std::vector<std::string>{
                               "https://example.org/categories/type", "https://example.org/categories/topic",
                               "https://example.org/categories/topic", "https://example.org/categories/scope"}));
    }
}

TEST(RenderAtom, MissingLabelFallsBackToTheToken) {
    auto entries = sample_entries();
    entries[0].topics = {"housing"};
    const auto doc = parse_xml(render_atom(entries, {}, bilingual_options(), Labels{}));
    const pugi::xml_node category = find_entry(doc, "trp-limits-to-protection", Lang::en).child("category");
    EXPECT_STREQ(category.attribute("label").value(), "report");
}

TEST(RenderAtom, AlternatesListTheEntrysOwnLanguageFirst) {
    const auto entries = sample_entries();
    const auto doc = parse_xml(render_atom(entries, {}, bilingual_options(), test_labels()));
    std::vector<std::string> hreflangs;
    for (pugi::xml_node link : find_entry(doc, "trp-limits-to-protection", Lang::fr).children("link"))
        if (std::string_view(link.attribute("rel").value()) == "alternate") {
            hreflangs.emplace_back(link.attribute("hreflang").value());
            EXPECT_STREQ(link.attribute("type").value(), "text/html");
        }
    EXPECT_EQ(hreflangs, (std::vector<std::string>{"fr", "en"}));
}

TEST(RenderAtom, EnclosureCarriesTypeLanguageAndLength) {
    const auto entries = sample_entries();
    const auto doc = parse_xml(render_atom(entries, {}, bilingual_options(), test_labels()));
    const pugi::xml_node enclosure =
        find_entry(doc, "trp-limits-to-protection", Lang::fr).find_child_by_attribute("link", "rel", "enclosure");
    ASSERT_TRUE(enclosure);
    EXPECT_STREQ(enclosure.attribute("href").value(), "https://example.org/files/trp-fr.pdf");
    EXPECT_STREQ(enclosure.attribute("type").value(), "application/pdf");
    EXPECT_STREQ(enclosure.attribute("hreflang").value(), "fr");
    EXPECT_STREQ(enclosure.attribute("length").value(), "123456");
}

TEST(RenderAtom, TranslationStateIsInTheTandemExtension) {
    const auto entries = sample_entries();
    const auto doc = parse_xml(render_atom(entries, {}, bilingual_options(), test_labels()));
    EXPECT_STREQ(doc.child("feed").attribute("xmlns:t").value(), "urn:tandem:feed:1");
    const pugi::xml_node pending = find_entry(doc, "order-form", Lang::en).child("t:translation");
    EXPECT_STREQ(pending.attribute("other-language-available").value(), "false");
    EXPECT_STREQ(pending.attribute("translation-pending").value(), "true");
    const pugi::xml_node both = find_entry(doc, "trp-limits-to-protection", Lang::en).child("t:translation");
    EXPECT_STREQ(both.attribute("other-language-available").value(), "true");
    EXPECT_STREQ(both.attribute("translation-pending").value(), "false");
    EXPECT_STREQ(find_entry(doc, "trp-limits-to-protection", Lang::en).child("t:resource").attribute("date").value(),
                 "2026-02");
}

TEST(RenderAtom, FeedHasSelfAlternateAuthorAndGenerator) {
    const auto doc = parse_xml(render_atom({}, {}, bilingual_options(), test_labels()));
    const pugi::xml_node feed = doc.child("feed");
    EXPECT_STREQ(feed.child_value("id"), "tag:example.org,2026:resources");
    EXPECT_FALSE(feed.attribute("xml:lang"));
    EXPECT_STREQ(feed.find_child_by_attribute("link", "rel", "self").attribute("href").value(),
                 "https://example.org/feeds/resources.atom");
    EXPECT_STREQ(feed.find_child_by_attribute("link", "rel", "alternate").attribute("href").value(),
                 "https://example.org/");
    EXPECT_STREQ(feed.child("author").child_value("name"), "Example Council");
    EXPECT_STREQ(feed.child_value("generator"), "Tandem");
}

// --- Tombstones ------------------------------------------------------------------

TEST(RenderAtom, TombstoneRefEqualsTheIdTheEntryHadWhenLive) {
    const std::vector<FeedEntry> live = {report(Lang::en)};
    const auto before = parse_xml(render_atom(live, {}, bilingual_options(), test_labels()));
    const std::string live_id = before.child("feed").child("entry").child_value("id");

    const std::vector<Tombstone> withdrawn = {
        {"trp-limits-to-protection", Lang::en, k_march_1 + 20 * k_day, report(Lang::en).page_url}};
    const auto after = parse_xml(render_atom({}, withdrawn, bilingual_options(), test_labels()));
    const pugi::xml_node deleted = after.child("feed").child("at:deleted-entry");
    ASSERT_TRUE(deleted);
    EXPECT_STREQ(after.child("feed").attribute("xmlns:at").value(), "http://purl.org/atompub/tombstones/1.0");
    EXPECT_EQ(std::string(deleted.attribute("ref").value()), live_id);
    EXPECT_STREQ(deleted.attribute("when").value(), "2026-03-21T09:30:00Z");
    EXPECT_STREQ(deleted.child("link").attribute("href").value(), "https://example.org/en/trp-limits-to-protection/");
}

TEST(RenderAtom, RepublishedResourceLosesItsTombstone) {
    const std::vector<FeedEntry> live = {report(Lang::en)};
    const std::vector<Tombstone> withdrawn = {
        {"trp-limits-to-protection", Lang::en, k_march_1, report(Lang::en).page_url},
        {"trp-limits-to-protection", Lang::fr, k_march_1, report(Lang::fr).page_url}};
    const auto doc = parse_xml(render_atom(live, withdrawn, bilingual_options(), test_labels()));
    std::vector<std::string> refs;
    for (pugi::xml_node deleted : doc.child("feed").children("at:deleted-entry"))
        refs.emplace_back(deleted.attribute("ref").value());
    EXPECT_EQ(refs, std::vector<std::string>{"tag:example.org,2026:resource/trp-limits-to-protection/fr"});
}

// --- JSON Feed -------------------------------------------------------------------

TEST(RenderJsonFeed, IsJsonFeed11WithTheRequiredKeys) {
    const auto entries = sample_entries();
    const auto tombstones = sample_tombstones();
    const auto feed = nlohmann::json::parse(render_json_feed(entries, tombstones, bilingual_options(), test_labels()));
    EXPECT_EQ(feed["version"], "https://jsonfeed.org/version/1.1");
    EXPECT_EQ(feed["title"], "Resources / Ressources");
    EXPECT_EQ(feed["home_page_url"], "https://example.org/");
    EXPECT_EQ(feed["feed_url"], "https://example.org/feeds/resources.atom");
    EXPECT_FALSE(feed.contains("language"));  // bilingual: each item says its own
    ASSERT_EQ(feed["items"].size(), 3u);
    for (const auto& item : feed["items"]) {
        SCOPED_TRACE(item.dump());
        for (const char* key : {"id", "url", "title", "summary", "content_text", "date_published", "date_modified",
                                "language", "tags", "_tandem"})
            EXPECT_TRUE(item.contains(key)) << key;
        EXPECT_EQ(item["content_text"], item["summary"]);
    }
    const auto& first = feed["items"][0];  // order-form: updated last
    EXPECT_EQ(first["id"], "tag:example.org,2026:resource/order-form/en");
    EXPECT_EQ(first["date_modified"], "2026-03-06T09:30:00Z");
    EXPECT_EQ(first["_tandem"]["translation_pending"], true);
    EXPECT_EQ(first["_tandem"]["other_language_available"], false);
    EXPECT_TRUE(first["_tandem"]["scope"].is_null());

    const auto& french = feed["items"][2];
    EXPECT_EQ(french["id"], "tag:example.org,2026:resource/trp-limits-to-protection/fr");
    EXPECT_EQ(french["language"], "fr");
    EXPECT_EQ(french["tags"], nlohmann::json({"Rapport", "Réfugiés", "Détention", "Canadien"}));
    EXPECT_EQ(french["attachments"][0]["url"], "https://example.org/files/trp-fr.pdf");
    EXPECT_EQ(french["attachments"][0]["mime_type"], "application/pdf");
    EXPECT_EQ(french["attachments"][0]["size_in_bytes"], 123456);
    const auto& meta = french["_tandem"];
    EXPECT_EQ(meta["resource_id"], "trp-limits-to-protection");
    EXPECT_EQ(meta["type"], "report");
    EXPECT_EQ(meta["topics"], nlohmann::json({"refugees", "detention"}));
    EXPECT_EQ(meta["scope"], "canadian");
    EXPECT_EQ(meta["audience"], "general");
    EXPECT_EQ(meta["date"], "2026-02");
    EXPECT_EQ(meta["alternates"]["en"], "https://example.org/en/trp-limits-to-protection/");
    EXPECT_EQ(meta["alternates"]["fr"], "https://example.org/fr/trp-limits-to-protection/");

    const auto& dead = feed["_tandem"]["tombstones"];
    ASSERT_EQ(dead.size(), 2u);
    EXPECT_EQ(dead[0]["id"], "tag:example.org,2026:resource/old-pamphlet/en");
    EXPECT_EQ(dead[0]["deleted"], "2026-03-04T09:30:00Z");
    EXPECT_EQ(dead[0]["url"], "https://example.org/en/old-pamphlet/");
}

TEST(RenderJsonFeed, ItemIdsMatchTheAtomEntryIds) {
    const auto entries = sample_entries();
    const auto atom_ids = entry_ids(parse_xml(render_atom(entries, {}, bilingual_options(), test_labels())));
    const auto feed = nlohmann::json::parse(render_json_feed(entries, {}, bilingual_options(), test_labels()));
    std::vector<std::string> json_ids;
    for (const auto& item : feed["items"]) json_ids.push_back(item["id"]);
    EXPECT_EQ(json_ids, atom_ids);
}

TEST(RenderJsonFeed, PerLanguageFeedSaysItsLanguage) {
    FeedOptions options = bilingual_options();
    options.lang = Lang::en;
    const auto entries = sample_entries();
    const auto feed = nlohmann::json::parse(render_json_feed(entries, sample_tombstones(), options, test_labels()));
    EXPECT_EQ(feed["language"], "en");
    EXPECT_EQ(feed["home_page_url"], "https://example.org/en/");
    EXPECT_EQ(feed["items"].size(), 2u);
    EXPECT_EQ(feed["_tandem"]["tombstones"].size(), 1u);
}

TEST(RenderJsonFeed, HostileInputParsesAndDropsUnsafeUrls) {
    const std::vector<FeedEntry> entries = {hostile_entry()};
    const std::string text = render_json_feed(entries, {}, hostile_options(), hostile_labels());
    const auto feed = nlohmann::json::parse(text);  // throws on invalid UTF-8
    EXPECT_EQ(text.find("javascript:"), std::string::npos) << text;
    EXPECT_FALSE(feed.contains("feed_url"));
    const auto& item = feed["items"][0];
    EXPECT_FALSE(item.contains("url"));
    EXPECT_EQ(item["title"], "<script>alert(\"x\")</script> & 'quotes' ]0;title \xEF\xBF\xBD\xEF\xBF\xBD end");
    ASSERT_EQ(item["attachments"].size(), 1u);
    EXPECT_EQ(item["attachments"][0]["url"], "https://example.org/files/ok.pdf");
    EXPECT_TRUE(item["_tandem"]["date"].is_null());
}

// The fragment API: an entry's bytes are the same inside every feed, so a
// caller may keep them; the several-feeds form must equal one feed at a time.
TEST(RenderAtomFeeds, EachFeedIsTheBytesRenderAtomGivesAlone) {
    const auto entries = sample_entries();
    const auto tombstones = sample_tombstones();
    std::vector<FeedOptions> feeds(4, bilingual_options());
    feeds[1].lang = Lang::en;
    feeds[1].feed_url = "https://example.org/en/feed.atom";
    feeds[2].lang = Lang::fr;
    feeds[3].tag_authority = "other.example,2027";  // its entries differ: rendered, not copied
    const auto rendered = render_atom_feeds(entries, tombstones, feeds, test_labels());
    ASSERT_EQ(rendered.size(), feeds.size());
    for (std::size_t i = 0; i < feeds.size(); ++i)
        EXPECT_EQ(rendered[i], render_atom(entries, tombstones, feeds[i], test_labels())) << "feed " << i;
    EXPECT_NE(rendered[3].find("tag:other.example,2027:"), std::string::npos);
    EXPECT_EQ(rendered[3].find("tag:example.org,2026:resource/"), std::string::npos);
}

TEST(RenderAtomFeeds, EntryFragmentsAreTheEntriesOfTheFeed) {
    const auto entries = sample_entries();
    const FeedOptions options = bilingual_options();
    const std::string atom = render_atom(entries, {}, options, test_labels());
    const std::string json = render_json_feed(entries, {}, options, test_labels());
    for (const FeedEntry& entry : entries) {
        std::string atom_entry, json_item;
        append_atom_entry(atom_entry, entry, options, test_labels());
        append_json_item(json_item, entry, options, test_labels());
        EXPECT_EQ(atom_entry.rfind("  <entry xml:lang=", 0), 0u) << atom_entry;
        EXPECT_NE(atom.find(atom_entry), std::string::npos) << atom_entry;
        EXPECT_NE(json.find(json_item), std::string::npos) << json_item;
        EXPECT_EQ(nlohmann::json::parse(json_item)["_tandem"]["resource_id"], entry.id);
    }
}

}  // namespace
}  // namespace tandem::publish
