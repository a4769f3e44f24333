// The JSON API of web/API.md against a real server on loopback, a real
// content repository and git itself.

#include <algorithm>
#include <atomic>
#include <thread>

#include "cms/auth/users.h"
#include "cms/core/text.h"
#include "tests/cms/server/server_fixture.h"

namespace tandem {
namespace {

using nlohmann::json;

class ApiTest : public testing::ServerFixture {
protected:
    json get_json(const std::string& path, const testing::SignedIn& who, int expected = 200) {
        auto res = client()->Get(path, who.headers(false));
        EXPECT_TRUE(res);
        if (!res) return nullptr;
        EXPECT_EQ(res->status, expected) << path << ": " << res->body;
        return res->get_header_value("Content-Type").rfind("application/json", 0) == 0 ? json::parse(res->body) : json(res->body);
    }
    httplib::Result put_xml(const std::string& id, const std::string& xml, const testing::SignedIn& who,
                            const std::string& base) {
        auto headers = who.headers();
        if (!base.empty()) headers.emplace("If-Match", "\"" + base + "\"");
        return client()->Put("/api/resources/" + id, headers, xml, "application/xml");
    }
};

TEST_F(ApiTest, SignInGivesAnHttpOnlyStrictCookieAndACsrfToken) {
    auto res = client()->Post("/api/session", json{{"user", "edna"}, {"password", "edna-password"}}.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const std::string cookie = res->get_header_value("Set-Cookie");
    EXPECT_EQ(cookie.rfind("tandem_session=", 0), 0u) << cookie;
    EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
    const auto body = json::parse(res->body);
    EXPECT_EQ(body["user"], "edna");
    EXPECT_EQ(body["role"], "editor");
    EXPECT_EQ(body["csrf"].get<std::string>().size(), 64u);

    const testing::SignedIn edna{cookie.substr(0, cookie.find(';')), body["csrf"]};
    EXPECT_EQ(get_json("/api/session", edna)["csrf"], body["csrf"]);
}

TEST_F(ApiTest, ARemovedUsersSessionEndsAndSoDoesOneWhoseRoleChanged) {
    const auto pia = sign_in("pia");
    const auto theo = sign_in("theo");
    ASSERT_EQ(client()->Get("/api/session", pia.headers())->status, 200);
    const auto users = auth::users_path(m_dir.path() / "data");
    ASSERT_TRUE(auth::remove_user(users, "pia"));
    ASSERT_TRUE(auth::remove_user(users, "theo"));
    ASSERT_TRUE(auth::add_user(users, "theo", auth::Role::editor, "", "theo-password-again"));
    // The server looks at the users file again at most once a second.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    const std::string release_before = git("rev-parse release");
    auto res = client()->Post("/api/resources/alpha/approve", pia.headers(), "{}", "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << res->body;
    EXPECT_EQ(client()->Get("/api/session", pia.headers())->status, 401);
    EXPECT_EQ(client()->Get("/api/resources", theo.headers())->status, 401) << "theo is back, as an editor: he signs in again";
    EXPECT_EQ(git("rev-parse release"), release_before);
}

TEST_F(ApiTest, NoSessionOrAWrongOneIs401) {
    auto res = client()->Get("/api/resources");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(json::parse(res->body)["error"], "unauthorized");
    res = client()->Get("/api/resources/alpha", {{"Cookie", "tandem_session=" + std::string(64, 'a')}});
    EXPECT_EQ(res->status, 401);
    res = client()->Post("/api/session", json{{"user", "edna"}, {"password", "wrong-password"}}.dump(), "application/json");
    EXPECT_EQ(res->status, 401);
    res = client()->Post("/api/session", json{{"user", "nobody"}, {"password", "edna-password"}}.dump(), "application/json");
    EXPECT_EQ(res->status, 401);
}

TEST_F(ApiTest, RepeatedFailedSignInsAre429WithRetryAfter) {
    for (int i = 0; i < 5; ++i) {
        auto res = client()->Post("/api/session", json{{"user", "edna"}, {"password", "guess-" + std::to_string(i)}}.dump(),
                                  "application/json");
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 401);
    }
    // Locked out: even the right password waits.
    auto res = client()->Post("/api/session", json{{"user", "edna"}, {"password", "edna-password"}}.dump(), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 429);
    EXPECT_EQ(json::parse(res->body)["error"], "rate_limited");
    EXPECT_GT(std::stoi(res->get_header_value("Retry-After")), 0);
    // Another user is not locked out by edna's failures.
    sign_in("theo");
}

TEST_F(ApiTest, SignOutEndsTheSession) {
    const auto edna = sign_in("edna");
    auto res = client()->Delete("/api/session", edna.headers());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 204);
    EXPECT_NE(res->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(client()->Get("/api/session", edna.headers())->status, 401);
}

TEST_F(ApiTest, ListsAndReadsResourcesWithRevisionAndEtag) {
    const auto edna = sign_in("edna");
    const auto list = get_json("/api/resources", edna);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0]["id"], "alpha");
    EXPECT_EQ(list[0]["lang"], "en");
    EXPECT_GT(list[0]["status"]["fr"]["untranslated"].get<int>(), 0);
    EXPECT_EQ(get_json("/api/resources?q=BETA", edna).size(), 1u);
    EXPECT_EQ(get_json("/api/resources?lang=fr", edna).size(), 0u);
    EXPECT_EQ(get_json("/api/resources?status=untranslated", edna).size(), 2u);

    auto res = client()->Get("/api/resources/alpha", edna.headers(false));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    const auto alpha = json::parse(res->body);
    EXPECT_EQ(alpha["revision"], tip());
    EXPECT_EQ(res->get_header_value("ETag"), std::string(1, '"') + tip() + '"');
    EXPECT_NE(alpha["xml"].get<std::string>().find("Alpha paragraph."), std::string::npos);
    EXPECT_EQ(alpha["title"], "Sample alpha");
    EXPECT_EQ(get_json("/api/resources/nothing-here", edna, 404)["error"], "not_found");
    EXPECT_EQ(get_json("/api/no-such-endpoint", edna, 404)["error"], "not_found");
}

TEST_F(ApiTest, AnEditorsSaveIsACommitAuthoredByThem) {
    const auto edna = sign_in("edna");
    const std::string base = tip();
    auto res = put_xml("alpha", testing::sample_resource("alpha", "Edited through the web."), edna, base);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const std::string revision = json::parse(res->body)["revision"];
    EXPECT_EQ(revision, tip());
    EXPECT_EQ(git("log -1 --format=%an%x20%ae main"), "edna edna@users.tandem.invalid");
    EXPECT_NE(git("show main:resources/alpha/resource.xml").find("Edited through the web."), std::string::npos);
    // Read after write: the cached answer of the old tip is not served.
    EXPECT_NE(get_json("/api/resources/alpha", edna)["xml"].get<std::string>().find("Edited through the web."), std::string::npos);

    // Creating: no If-Match.
    res = put_xml("gamma", testing::sample_resource("gamma"), edna, "");
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(get_json("/api/resources", edna).size(), 3u);
}

TEST_F(ApiTest, TheHistoryDiffShowsACreationAndAWithdrawal) {
    const auto edna = sign_in("edna");
    const std::string before = tip();
    ASSERT_EQ(put_xml("gamma", testing::sample_resource("gamma", "Gamma words."), edna, "")->status, 200);
    const std::string created = tip();
    auto diff = get_json("/api/resources/gamma/diff?from=" + before + "&to=" + created, edna);
    EXPECT_EQ(diff["from"], before);
    EXPECT_EQ(diff["to"], created);
    EXPECT_TRUE(diff["before"].is_null());
    EXPECT_EQ(diff["after"], testing::sample_resource("gamma", "Gamma words."));
    ASSERT_FALSE(diff["outline"]["blocks"].empty());
    for (const auto& b : diff["outline"]["blocks"]) EXPECT_EQ(b["change"], "added") << b;
    EXPECT_NE(diff["text"].get<std::string>().find("--- /dev/null"), std::string::npos) << diff["text"];

    ASSERT_TRUE(workflow::withdraw_resource(*m_ctx, "gamma", {"Edna", "edna@example.org", {}}, "", std::nullopt));
    diff = get_json("/api/resources/gamma/diff?from=" + created, edna);  // to: the tip of main
    EXPECT_EQ(diff["before"], testing::sample_resource("gamma", "Gamma words."));
    EXPECT_TRUE(diff["after"].is_null());
    ASSERT_FALSE(diff["outline"]["blocks"].empty());
    for (const auto& b : diff["outline"]["blocks"]) EXPECT_EQ(b["change"], "removed") << b;
    EXPECT_NE(diff["text"].get<std::string>().find("+++ /dev/null"), std::string::npos) << diff["text"];
    // Absent on both sides: still 404.
    EXPECT_EQ(get_json("/api/resources/nothing/diff?from=" + before, edna, 404)["error"], "not_found");
}

TEST_F(ApiTest, AStaleIfMatchIs409WithTheCurrentRevisionTextAndDiff) {
    const auto edna = sign_in("edna");
    const std::string base = tip();
    auto first = put_xml("alpha", testing::sample_resource("alpha", "First editor's words."), edna, base);
    ASSERT_EQ(first->status, 200);
    const std::string current = tip();
    auto second = put_xml("alpha", testing::sample_resource("alpha", "Second editor's words."), edna, base);
    ASSERT_TRUE(second);
    ASSERT_EQ(second->status, 409) << second->body;
    const auto body = json::parse(second->body);
    EXPECT_EQ(body["error"], "conflict");
    EXPECT_EQ(body["revision"], current);
    EXPECT_NE(body["xml"].get<std::string>().find("First editor's words."), std::string::npos);
    ASSERT_FALSE(body["diff"]["blocks"].empty());
    EXPECT_EQ(body["diff"]["blocks"][0]["after"], "First editor's words.");
    EXPECT_EQ(tip(), current) << "nothing written";
    // Creating what exists is a conflict too.
    EXPECT_EQ(put_xml("beta", testing::sample_resource("beta"), edna, "")->status, 409);
}

TEST_F(ApiTest, InvalidXmlIs400WithLineAndColumnAndWritesNothing) {
    const auto edna = sign_in("edna");
    const std::string before = tip();
    auto res = put_xml("alpha", "<resource xmlns=\"urn:tandem:resource:1\">\n  <oops>\n</resource>\n", edna, before);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 400) << res->body;
    const auto body = json::parse(res->body);
    EXPECT_EQ(body["error"], "invalid");
    EXPECT_EQ(body["line"], 3);
    EXPECT_GT(body["column"].get<int>(), 0);
    EXPECT_EQ(tip(), before);

    res = client()->Post("/api/validate", edna.headers(), "<resource>\n<x>\n", "application/xml");
    ASSERT_EQ(res->status, 200);
    const auto report = json::parse(res->body);
    EXPECT_FALSE(report["valid"]);
    EXPECT_EQ(report["errors"][0]["line"], 3);
}

TEST_F(ApiTest, AWriteWithoutTheCsrfTokenIs403AndWritesNothing) {
    const auto edna = sign_in("edna");
    const std::string before = tip();
    auto headers = edna.headers(false);
    headers.emplace("If-Match", before);
    auto res = client()->Put("/api/resources/alpha", headers, testing::sample_resource("alpha", "Forged."), "application/xml");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    EXPECT_EQ(json::parse(res->body)["error"], "csrf");
    headers.emplace("X-CSRF-Token", std::string(64, '0'));
    res = client()->Put("/api/resources/alpha", headers, testing::sample_resource("alpha", "Forged."), "application/xml");
    EXPECT_EQ(res->status, 403);
    EXPECT_EQ(json::parse(res->body)["error"], "csrf");
    EXPECT_EQ(tip(), before);
}

TEST_F(ApiTest, ATranslatorCannotApproveOrEditSources) {
    const auto theo = sign_in("theo");
    const std::string before = tip();
    auto res = client()->Post("/api/resources/alpha/approve", theo.headers(), "{}", "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    EXPECT_EQ(json::parse(res->body)["error"], "forbidden");
    EXPECT_EQ(put_xml("alpha", testing::sample_resource("alpha", "No."), theo, before)->status, 403);
    EXPECT_EQ(git("rev-parse release"), git("rev-parse release")) << "sanity";
    EXPECT_EQ(tip(), before);
}

TEST_F(ApiTest, APublisherApprovalIsRefusedWithWhatIsMissing) {
    const auto pia = sign_in("pia");
    const std::string release = git("rev-parse release");
    auto res = client()->Post("/api/resources/alpha/approve", pia.headers(), "{}", "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 400) << res->body;
    const auto body = json::parse(res->body);
    EXPECT_EQ(body["error"], "invalid");
    EXPECT_FALSE(body["missing"].empty());
    EXPECT_EQ(git("rev-parse release"), release);
}

// What the server says to a person comes with its phrase, which the web app
// looks up in its catalog: the English message is that phrase filled in.
TEST_F(ApiTest, MessagesForPeopleComeAsPhrasesTheWebAppCanTranslate) {
    const auto pia = sign_in("pia");
    auto res = client()->Post("/api/resources/alpha/approve", pia.headers(), "{}", "application/json");
    ASSERT_EQ(res->status, 400) << res->body;
    const auto missing = json::parse(res->body)["missing"];
    ASSERT_FALSE(missing.empty());
    const json first = missing[0];
    ASSERT_TRUE(first.is_object()) << res->body;
    EXPECT_EQ(first["template"], "{count} segment untranslated into {lang}") << first.dump();
    EXPECT_EQ(first["plural"], "{count} segments untranslated into {lang}");
    EXPECT_EQ(first["values"]["lang"], "fr");
    EXPECT_EQ(first["message"], std::to_string(first["count"].get<int>()) +
                                    (first["count"] == 1 ? " segment" : " segments") + " untranslated into fr");

    const auto theo = sign_in("theo");
    res = client()->Post("/api/check", theo.headers(),
                         R"({"lang":"fr","source":"Call 1-844-900-1010.","translation":"Appelez le \u202E0101-009-448-1."})",
                         "application/json");
    ASSERT_EQ(res->status, 200) << res->body;
    const json checks = json::parse(res->body)["checks"];
    const auto bidi = std::find_if(checks.begin(), checks.end(), [](const json& c) { return c["code"] == "bidi-control"; });
    ASSERT_NE(bidi, checks.end()) << checks.dump();
    EXPECT_EQ((*bidi)["severity"], "error");
    EXPECT_EQ((*bidi)["values"]["character"], "U+202E");
    EXPECT_NE((*bidi)["template"].get<std::string>().find("{character}"), std::string::npos);

    // libxml2's own messages (well-formedness, RELAX NG) have no phrase: the
    // web app shows them as they are, in English.
    res = client()->Post("/api/validate", theo.headers(), "<resource>&nbsp;</resource>", "application/xml");
    ASSERT_EQ(res->status, 200);
    const json error = json::parse(res->body)["errors"][0];
    EXPECT_FALSE(error.contains("template")) << res->body;
    EXPECT_EQ(error["line"], 1);
}

TEST_F(ApiTest, AClaimKeepsOtherTranslatorsFromSaving) {
    const auto theo = sign_in("theo");
    const auto tina = sign_in("tina");
    ASSERT_EQ(client()->Post("/api/queue/fr/alpha/claim", theo.headers(), "", "application/json")->status, 200);
    const std::string before = tip();
    auto headers = tina.headers();
    headers.emplace("If-Match", before);
    auto res = client()->Put("/api/resources/alpha/segments/fr/0", headers, json{{"msgstr", "Par Tina."}}.dump(), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 409) << res->body;
    EXPECT_NE(res->body.find("claimed by theo"), std::string::npos) << res->body;
    res = client()->Put("/api/resources/alpha/catalogs/fr", headers, git("show main:resources/alpha/fr.po"), "text/plain");
    EXPECT_EQ(res->status, 409) << res->body;
    EXPECT_EQ(tip(), before);
    // The claimer saves.
    headers = theo.headers();
    headers.emplace("If-Match", before);
    res = client()->Put("/api/resources/alpha/segments/fr/0", headers, json{{"msgstr", "Par Théo."}}.dump(), "application/json");
    EXPECT_EQ(res->status, 200) << res->body;
}

TEST_F(ApiTest, ATranslatorSavesASegmentAsACommitOfTheCatalog) {
    const auto theo = sign_in("theo");
    const auto view = get_json("/api/resources/alpha/segments/fr", theo);
    ASSERT_FALSE(view["segments"].empty());
    const std::string revision = view["revision"];
    int paragraph = -1;
    for (const auto& s : view["segments"])
        if (s["msgid"] == "Alpha paragraph.") paragraph = s["index"];
    ASSERT_GE(paragraph, 0);
    auto headers = theo.headers();
    headers.emplace("If-Match", revision);
    auto res = client()->Put("/api/resources/alpha/segments/fr/" + std::to_string(paragraph), headers,
                             json{{"msgstr", "Paragraphe alpha."}, {"fuzzy", false}}.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(json::parse(res->body)["revision"], tip());
    EXPECT_EQ(git("log -1 --format=%an main"), "theo");
    EXPECT_NE(git("show main:resources/alpha/fr.po").find("msgstr \"Paragraphe alpha.\""), std::string::npos);
    const auto after = get_json("/api/resources/alpha/segments/fr", theo);
    EXPECT_EQ(after["segments"][paragraph]["msgstr"], "Paragraphe alpha.");
    EXPECT_EQ(after["progress"]["translated"], 1);

    // A translation that breaks the markup is refused and writes nothing.
    headers = theo.headers();
    headers.emplace("If-Match", tip());
    const std::string before = tip();
    res = client()->Put("/api/resources/alpha/segments/fr/" + std::to_string(paragraph), headers,
                        json{{"msgstr", "Paragraphe <em>cassé."}}.dump(), "application/json");
    EXPECT_EQ(res->status, 400) << res->body;
    EXPECT_EQ(tip(), before);
    // An editor may not.
    const auto edna = sign_in("edna");
    headers = edna.headers();
    headers.emplace("If-Match", tip());
    EXPECT_EQ(client()->Put("/api/resources/alpha/segments/fr/0", headers, json{{"msgstr", "x"}}.dump(), "application/json")->status, 403);
}

TEST_F(ApiTest, CatalogsDownloadAndUploadWithTheSameRules) {
    const auto theo = sign_in("theo");
    auto res = client()->Get("/api/resources/beta/catalogs/fr", theo.headers(false));
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/x-gettext-translation", 0), 0u);
    const std::string etag = res->get_header_value("ETag");
    auto headers = theo.headers();
    headers.emplace("If-Match", etag);
    const std::string broken = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"x\"\nmsgstr \"unterminated\n";
    res = client()->Put("/api/resources/beta/catalogs/fr", headers, broken, "text/x-gettext-translation");
    ASSERT_EQ(res->status, 400) << res->body;
    EXPECT_GT(json::parse(res->body)["line"].get<int>(), 0);
    std::string po = client()->Get("/api/resources/beta/catalogs/fr", theo.headers(false))->body;
    const auto at = po.find("msgid \"Beta paragraph.\"\nmsgstr \"\"");
    ASSERT_NE(at, std::string::npos) << po;
    po.replace(at, std::string("msgid \"Beta paragraph.\"\nmsgstr \"\"").size(), "msgid \"Beta paragraph.\"\nmsgstr \"Paragraphe bêta.\"");
    res = client()->Put("/api/resources/beta/catalogs/fr", headers, po, "text/x-gettext-translation");
    ASSERT_EQ(res->status, 200) << res->body;
    // Uploading again from the same base: the catalog changed since, 409 with the current one.
    res = client()->Put("/api/resources/beta/catalogs/fr", headers, po, "text/x-gettext-translation");
    ASSERT_EQ(res->status, 409) << res->body;
    EXPECT_NE(json::parse(res->body)["po"].get<std::string>().find("Paragraphe bêta."), std::string::npos);
}

TEST_F(ApiTest, QueueClaimsKeepTwoTranslatorsApart) {
    const auto theo = sign_in("theo");
    const auto tina = sign_in("tina");
    const auto pia = sign_in("pia");
    auto queue = get_json("/api/queue/fr", theo);
    ASSERT_EQ(queue.size(), 2u);
    EXPECT_GT(queue[0]["words_left"].get<int>(), 0);
    EXPECT_TRUE(queue[0]["claimed_by"].is_null());

    auto res = client()->Post("/api/queue/fr/beta/claim", theo.headers(), "", "application/json");
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(json::parse(res->body)["claimed_by"], "theo");
    EXPECT_EQ(client()->Post("/api/queue/fr/beta/claim", tina.headers(), "", "application/json")->status, 409);
    EXPECT_EQ(client()->Delete("/api/queue/fr/beta/claim", tina.headers())->status, 409);
    EXPECT_EQ(client()->Delete("/api/queue/fr/beta/claim", theo.headers())->status, 204);
    EXPECT_EQ(client()->Post("/api/queue/fr/beta/claim", tina.headers(), "", "application/json")->status, 200);

    // Priorities are the publisher's.
    const std::string priority = json{{"priority", 5}, {"due", "2030-01-31"}}.dump();
    EXPECT_EQ(client()->Put("/api/queue/fr/beta/priority", theo.headers(), priority, "application/json")->status, 403);
    ASSERT_EQ(client()->Put("/api/queue/fr/beta/priority", pia.headers(), priority, "application/json")->status, 200);
    EXPECT_EQ(client()->Put("/api/queue/fr/beta/priority", pia.headers(), R"({"priority":1,"due":"2030-02-30"})", "application/json")->status, 400);
    queue = get_json("/api/queue/fr", theo);
    EXPECT_EQ(queue[0]["id"], "beta");
    EXPECT_EQ(queue[0]["priority"], 5);
    EXPECT_EQ(queue[0]["due"], "2030-01-31");
    EXPECT_EQ(queue[0]["claimed_by"], "tina");
    EXPECT_EQ(get_json("/api/queue/de", theo, 404)["error"], "not_found");

    // A priority without "due" keeps the date; null clears it.
    ASSERT_EQ(client()->Put("/api/queue/fr/beta/priority", pia.headers(), R"({"priority":7})", "application/json")->status, 200);
    EXPECT_EQ(get_json("/api/queue/fr", theo)[0]["due"], "2030-01-31");
    ASSERT_EQ(client()->Put("/api/queue/fr/beta/priority", pia.headers(), R"({"priority":7,"due":null})", "application/json")->status, 200);
    EXPECT_TRUE(get_json("/api/queue/fr", theo)[0]["due"].is_null());
    // A publisher may end anyone's claim (an abandoned one).
    EXPECT_EQ(client()->Delete("/api/queue/fr/beta/claim", pia.headers())->status, 204);
    EXPECT_TRUE(get_json("/api/queue/fr", theo)[0]["claimed_by"].is_null());
}

TEST_F(ApiTest, AClaimIsRefusedWhenThereIsNothingToTranslate) {
    const auto theo = sign_in("theo");
    // alpha is written in English: it is in no English queue.
    auto res = client()->Post("/api/queue/en/alpha/claim", theo.headers(), "", "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << res->body;
    EXPECT_EQ(json::parse(res->body)["error"], "invalid");

    // theo claims beta and translates every segment of it.
    ASSERT_EQ(client()->Post("/api/queue/fr/beta/claim", theo.headers(), "", "application/json")->status, 200);
    const auto view = get_json("/api/resources/beta/segments/fr", theo);
    std::string revision = view["revision"];
    for (const auto& s : view["segments"]) {
        auto headers = theo.headers();
        headers.emplace("If-Match", revision);
        const std::string path = "/api/resources/beta/segments/fr/" + std::to_string(s["index"].get<int>());
        res = client()->Put(path, headers, json{{"msgstr", "Traduit : " + s["msgid"].get<std::string>()}}.dump(), "application/json");
        ASSERT_EQ(res->status, 200) << path << ": " << res->body;
        revision = json::parse(res->body)["revision"];
    }
    EXPECT_EQ(get_json("/api/queue/fr", theo).size(), 1u) << "beta left the queue";

    // Neither a renewal by theo nor a new claim by tina is accepted any more.
    const auto tina = sign_in("tina");
    for (const auto* who : {&theo, &tina}) {
        res = client()->Post("/api/queue/fr/beta/claim", who->headers(), "", "application/json");
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 400) << res->body;
        const auto body = json::parse(res->body);
        EXPECT_EQ(body["error"], "invalid");
        EXPECT_NE(body["message"].get<std::string>().find("nothing to translate into fr"), std::string::npos) << res->body;
    }
    // Ending the claim is still allowed.
    EXPECT_EQ(client()->Delete("/api/queue/fr/beta/claim", theo.headers())->status, 204);
}

TEST_F(ApiTest, SecurityHeadersOnApiAndPageResponses) {
    const auto check = [](const httplib::Result& res, const std::string& what) {
        ASSERT_TRUE(res) << what;
        const std::string csp = res->get_header_value("Content-Security-Policy");
        EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << what;
        EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << what;
        EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << what;
        EXPECT_FALSE(res->get_header_value("Referrer-Policy").empty()) << what;
    };
    check(client()->Get("/api/resources"), "401 from the API");
    check(client()->Get("/api/i18n/fr"), "open API");
    auto page = client()->Get("/");
    check(page, "the app");
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("<title>Tandem</title>"), std::string::npos);
    auto route = client()->Get("/resources/alpha/edit");
    check(route, "an app route");
    EXPECT_EQ(route->body, page->body) << "unknown app paths get index.html";
    auto script = client()->Get("/app.js");
    EXPECT_EQ(script->get_header_value("Content-Type").rfind("text/javascript", 0), 0u);
    check(client()->Get("/site/"), "the site (unpublished: 404)");
}

TEST_F(ApiTest, ThePublishedSiteIsServedAndNothingOutsideIt) {
    m_dir.write("gen/1/index.html", "<p>published</p>");
    m_dir.write("gen/1/en/index.html", "<p>english</p>");
    std::filesystem::create_directory_symlink(m_dir.path() / "gen" / "1", m_dir.path() / "data" / "site");
    std::filesystem::create_symlink(m_dir.path() / "outside.txt", m_dir.path() / "gen" / "1" / "escape.txt");
    EXPECT_EQ(client()->Get("/site/")->body, "<p>published</p>");
    EXPECT_EQ(client()->Get("/site/en/")->body, "<p>english</p>");
    for (const char* path : {"/site/../users.json", "/site/%2e%2e/users.json", "/site/%2e%2e/%2e%2e/outside.txt",
                             "/site/escape.txt", "/site/..%2f..%2foutside.txt"}) {
        auto res = client()->Get(path);
        ASSERT_TRUE(res) << path;
        EXPECT_EQ(res->status, 404) << path;
        EXPECT_EQ(res->body.find("secret"), std::string::npos) << path;
        EXPECT_EQ(res->body.find("argon2"), std::string::npos) << path;
    }
}

// The site's words, as the build compiled them, where the server's theme looks.
void install_site_words(const std::filesystem::path& data) {
    std::filesystem::create_directories(data / "locales" / "fr");
    std::filesystem::copy_file(std::filesystem::path(TANDEM_LOCALE_DIR) / "fr" / "site.mo", data / "locales" / "fr" / "site.mo");
}

TEST_F(ApiTest, APreviewIsThePageFromMainWithItsStylesheetAndNeedsASession) {
    install_site_words(m_dir.path());
    const auto translator = sign_in("theo");
    auto redirect = client()->Get("/api/resources/alpha/preview/fr", translator.headers(false));
    ASSERT_TRUE(redirect);
    EXPECT_EQ(redirect->status, 303);
    EXPECT_EQ(redirect->get_header_value("Location"), "/api/preview/fr/ressources/alpha/");
    auto page = client()->Get("/api/preview/fr/ressources/alpha/", translator.headers(false));
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(page->body.find("<html lang=\"fr\">"), std::string::npos);
    // Nothing is translated yet: the French page shows the source text, as merge-back does.
    EXPECT_NE(page->body.find("Alpha paragraph."), std::string::npos);
    EXPECT_NE(page->body.find("href=\"../../../static/site.css\""), std::string::npos);
    // Framed by the web app (same origin) and by nothing else.
    EXPECT_NE(page->get_header_value("Content-Security-Policy").find("frame-ancestors 'self'"), std::string::npos);
    EXPECT_EQ(page->get_header_value_count("Content-Security-Policy"), 1u);
    EXPECT_EQ(page->get_header_value("X-Frame-Options"), "SAMEORIGIN");
    auto css = client()->Get("/api/preview/static/site.css", translator.headers(false));
    ASSERT_TRUE(css);
    EXPECT_EQ(css->status, 200);
    EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
    EXPECT_EQ(css->get_header_value("X-Frame-Options"), "DENY");
    // A page path that is not the site's shape, an unknown resource, no session.
    EXPECT_EQ(client()->Get("/api/preview/fr/resources/alpha/", translator.headers(false))->status, 404);
    EXPECT_EQ(client()->Get("/api/preview/en/resources/no-such-resource/", translator.headers(false))->status, 404);
    EXPECT_EQ(client()->Get("/api/preview/en/resources/alpha/")->status, 401);
}

TEST_F(ApiTest, ADraftPreviewShowsUnsavedTextToItsSessionOnlyAndWritesNothing) {
    install_site_words(m_dir.path());
    const auto edna = sign_in("edna");
    const std::string tip = json::parse(client()->Get("/api/resources/alpha", edna.headers(false))->body)["revision"];
    auto posted = client()->Post("/api/resources/alpha/preview", edna.headers(),
                                 testing::sample_resource("alpha", "Words not saved yet."), "application/xml");
    ASSERT_TRUE(posted);
    ASSERT_EQ(posted->status, 200) << posted->body;
    const json draft = json::parse(posted->body);
    const std::string en = draft["pages"]["en"], fr = draft["pages"]["fr"];
    EXPECT_EQ(en, "/api/preview/en/resources/alpha/?draft=" + draft["draft"].get<std::string>());
    EXPECT_EQ(fr.rfind("/api/preview/fr/ressources/alpha/?draft=", 0), 0u) << fr;
    auto page = client()->Get(en, edna.headers(false));
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("Words not saved yet."), std::string::npos);
    EXPECT_NE(page->get_header_value("Content-Security-Policy").find("frame-ancestors 'self'"), std::string::npos);
    // Untranslated in French: the page shows the source words, as merge-back does.
    EXPECT_NE(client()->Get(fr, edna.headers(false))->body.find("Words not saved yet."), std::string::npos);
    // Nothing was saved.
    EXPECT_EQ(json::parse(client()->Get("/api/resources/alpha", edna.headers(false))->body)["revision"], tip);
    // Another session, no session, another resource, a made-up token: nothing.
    const auto theo = sign_in("theo");
    EXPECT_EQ(client()->Get(en, theo.headers(false))->status, 404);
    EXPECT_EQ(client()->Get(en)->status, 401);
    const std::string token = draft["draft"];
    EXPECT_EQ(client()->Get("/api/preview/en/resources/beta/?draft=" + token, edna.headers(false))->status, 404);
    EXPECT_EQ(client()->Get("/api/preview/en/resources/alpha/?draft=0000", edna.headers(false))->status, 404);
    // Invalid text: 400 with the line; a document of another id: 400; no CSRF token: 403.
    auto invalid = client()->Post("/api/resources/alpha/preview", edna.headers(), "<resource>\n<oops", "application/xml");
    ASSERT_TRUE(invalid);
    EXPECT_EQ(invalid->status, 400);
    EXPECT_EQ(json::parse(invalid->body)["line"], 2);
    EXPECT_EQ(client()->Post("/api/resources/beta/preview", edna.headers(), testing::sample_resource("alpha"), "application/xml")->status,
              400);
    EXPECT_EQ(client()->Post("/api/resources/alpha/preview", edna.headers(false), testing::sample_resource("alpha"), "application/xml")->status,
              403);
}

TEST_F(ApiTest, InterfaceWordsAreEmptyWithoutACompiledCatalog) {
    const auto words = json::parse(client()->Get("/api/i18n/fr")->body);
    EXPECT_EQ(words["lang"], "fr");
    EXPECT_TRUE(words["messages"].empty());
    // With one: msgfmt's output, read back.
    m_dir.write("locales/fr/app.po", "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Sign in\"\nmsgstr \"Se connecter\"\n");
    ASSERT_EQ(testing::run_command("msgfmt -o " + (m_dir.path() / "locales/fr/app.mo").string() + " " +
                                   (m_dir.path() / "locales/fr/app.po").string()), 0);
    EXPECT_EQ(json::parse(client()->Get("/api/i18n/fr")->body)["messages"]["Sign in"], "Se connecter");
}

TEST_F(ApiTest, InterfaceWordsCarryPluralFormsAndTheirRule) {
    // Without a catalog: no counted words, and English's rule.
    const auto english = json::parse(client()->Get("/api/i18n/en")->body);
    EXPECT_TRUE(english["plurals"].empty());
    EXPECT_EQ(english["plural_forms"]["nplurals"], 2);
    EXPECT_EQ(english["plural_forms"]["plural"], "n != 1");
    // A catalog with three forms, so nothing about the answer is French's or English's.
    m_dir.write("locales/fr/app.po",
                "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                "\"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n\"\n\n"
                "msgid \"Sign in\"\nmsgstr \"Se connecter\"\n\n"
                "msgid \"{count} page\"\nmsgid_plural \"{count} pages\"\n"
                "msgstr[0] \"{count} strona\"\nmsgstr[1] \"{count} strony\"\nmsgstr[2] \"{count} stron\"\n");
    ASSERT_EQ(testing::run_command("msgfmt --check -o " + (m_dir.path() / "locales/fr/app.mo").string() + " " +
                                   (m_dir.path() / "locales/fr/app.po").string()), 0);
    const auto words = json::parse(client()->Get("/api/i18n/fr")->body);
    EXPECT_EQ(words["messages"]["Sign in"], "Se connecter");
    EXPECT_FALSE(words["messages"].contains("{count} page"));  // counted words are under "plurals" only
    EXPECT_EQ(words["plurals"]["{count} page"], json::array({"{count} strona", "{count} strony", "{count} stron"}));
    EXPECT_EQ(words["plural_forms"]["nplurals"], 3);
    EXPECT_EQ(words["plural_forms"]["plural"], "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)");
    // A catalog whose rule does not parse is the server's fault (500), not
    // half-served: msgfmt would not write one, so damage the file in place.
    auto mo = read_file(m_dir.path() / "locales/fr/app.mo");
    ASSERT_TRUE(mo);
    const auto at = mo->find("(n==1 ? 0");
    ASSERT_NE(at, std::string::npos);
    mo->replace(at, 9, "(n==1 ? ?");
    m_dir.write("locales/fr/app.mo", *mo);
    EXPECT_EQ(client()->Get("/api/i18n/fr")->status, 500);
}

TEST_F(ApiTest, ABodyTooLargeIs413) {
    const auto edna = sign_in("edna");
    auto res = client()->Put("/api/resources/alpha", edna.headers(), std::string(2 << 20, 'x'), "application/xml");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
}

// A field of the wrong type is the client's mistake: 400 naming the field and
// the type it must have, never a 500 from deep inside the JSON library.
TEST_F(ApiTest, AFieldOfTheWrongTypeIs400NamingTheFieldAndItsType) {
    const auto pia = sign_in("pia");
    const std::string main_before = tip(), release_before = git("rev-parse release");
    struct Row {
        const char* name;
        const char* method;
        std::string path;
        std::string body;
        std::string field;  // the field the message names
        std::string type;   // the type it says the field must have
    };
    const std::string segment = "/api/resources/alpha/segments/fr/0";
    const Row rows[] = {
        {"fuzzy as a string", "PUT", segment, R"({"msgstr":"x","fuzzy":"no"})", "fuzzy", "boolean"},
        {"fuzzy as a number", "PUT", segment, R"({"msgstr":"x","fuzzy":1})", "fuzzy", "boolean"},
        {"fuzzy as null", "PUT", segment, R"({"msgstr":"x","fuzzy":null})", "fuzzy", "boolean"},
        {"from_memory as a string", "PUT", segment, R"({"msgstr":"x","from_memory":"yes"})", "from_memory", "boolean"},
        {"msgstr as a number", "PUT", segment, R"({"msgstr":5})", "msgstr", "string"},
        {"force_unilingual as a string", "POST", "/api/resources/alpha/approve", R"({"force_unilingual":"yes"})",
         "force_unilingual", "boolean"},
        {"rev as a number", "POST", "/api/resources/alpha/approve", R"({"rev":5})", "rev", "string"},
        {"note as a number", "POST", "/api/resources/alpha/approve", R"({"note":5})", "note", "string"},
        {"full as a string", "POST", "/api/publish", R"({"full":"yes"})", "full", "boolean"},
        {"number as a string", "POST", "/api/rollback", R"({"number":"1"})", "number", "integer"},
        {"number as a fraction", "POST", "/api/rollback", R"({"number":1.5})", "number", "integer"},
        {"priority as a string", "PUT", "/api/queue/fr/beta/priority", R"({"priority":"high"})", "priority", "integer"},
        {"priority beyond an int", "PUT", "/api/queue/fr/beta/priority", R"({"priority":99999999999})", "priority", "integer"},
        {"due as a number", "PUT", "/api/queue/fr/beta/priority", R"({"priority":1,"due":5})", "due", "string"},
        {"lang as a number", "POST", "/api/check", R"({"lang":1,"source":"a","translation":"b"})", "lang", "string"},
        {"revert's rev as a number", "POST", "/api/resources/alpha/revert", R"({"rev":5})", "rev", "string"},
        {"user as a number", "POST", "/api/session", R"({"user":5,"password":"pia-password"})", "user", "string"},
        {"a number too large for a double", "POST", "/api/publish", R"({"full":1e400})", "", "number"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.name);
        auto headers = pia.headers();
        headers.emplace("If-Match", main_before);
        auto res = std::string(row.method) == "PUT" ? client()->Put(row.path, headers, row.body, "application/json")
                                                    : client()->Post(row.path, headers, row.body, "application/json");
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 400) << res->body;
        const auto body = json::parse(res->body);
        EXPECT_EQ(body["error"], "invalid");
        const std::string message = body["message"];
        if (!row.field.empty()) {
            EXPECT_NE(message.find("\"" + row.field + "\""), std::string::npos) << message;
        }
        EXPECT_NE(message.find(row.type), std::string::npos) << message;
    }
    EXPECT_EQ(tip(), main_before);
    EXPECT_EQ(git("rev-parse release"), release_before);
}

// A forced approval would go through: a rev or a note of the wrong type must
// stop it rather than approve main, or approve without the note.
TEST_F(ApiTest, AnApprovalWithARevOrNoteOfTheWrongTypeIsRefusedNotIgnored) {
    const auto pia = sign_in("pia");
    const std::string release_before = git("rev-parse release");
    for (const char* request : {R"({"rev":5,"note":"urgent","force_unilingual":true})",
                                R"({"rev":["main"],"note":"urgent","force_unilingual":true})",
                                R"({"note":5,"force_unilingual":true})"}) {
        SCOPED_TRACE(request);
        auto res = client()->Post("/api/resources/alpha/approve", pia.headers(), request, "application/json");
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 400) << res->body;
        EXPECT_EQ(git("rev-parse release"), release_before);
    }
    // The same approval with fields of the right types goes through.
    auto res = client()->Post("/api/resources/alpha/approve", pia.headers(),
                              json{{"rev", tip()}, {"note", "urgent"}, {"force_unilingual", true}}.dump(), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    EXPECT_NE(git("rev-parse release"), release_before);
}

TEST_F(ApiTest, ARefusalForTheRoleNamesTheRoleWithoutAnArticle) {
    const auto theo = sign_in("theo");
    auto res = client()->Post("/api/resources/alpha/approve", theo.headers(), "{}", "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 403);
    EXPECT_EQ(json::parse(res->body)["message"], "the translator role may not do this");
    const auto edna = sign_in("edna");
    res = client()->Post("/api/publish", edna.headers(), "{}", "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 403);
    EXPECT_EQ(json::parse(res->body)["message"], "the editor role may not do this");
}

// The request as curl sends it by hand: the session's headers, then `rest`.
std::string raw_request(const std::string& request_line, const testing::SignedIn& who, const std::string& rest = "\r\n") {
    return request_line + "\r\nHost: 127.0.0.1\r\nCookie: " + who.cookie + "\r\nX-CSRF-Token: " + who.csrf + "\r\n" + rest;
}

// curl's --data-binary says application/x-www-form-urlencoded; the API reads
// every body as it is, so the type changes nothing, whatever the size.
TEST_F(ApiTest, AFormEncodedBodyIsReadAsItIsUpToTheDocumentedLimit) {
    const auto edna = sign_in("edna");
    std::string paragraph;
    while (paragraph.size() < 20000) paragraph += "A long paragraph with many words in it. ";
    auto res = put_xml("alpha", testing::sample_resource("alpha", paragraph), edna, tip());
    ASSERT_TRUE(res);
    auto headers = edna.headers();
    headers.emplace("If-Match", tip());
    res = client()->Put("/api/resources/alpha", headers, testing::sample_resource("alpha", paragraph + "Changed."),
                        "application/x-www-form-urlencoded");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    EXPECT_NE(git("show main:resources/alpha/resource.xml").find("Changed."), std::string::npos);
    res = client()->Post("/api/validate", edna.headers(), testing::sample_resource("alpha", paragraph),
                         "application/x-www-form-urlencoded");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(json::parse(res->body)["valid"], true);
}

TEST_F(ApiTest, AMultipartFormBodyIs415) {
    const auto edna = sign_in("edna");
    const std::string form = "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n<resource/>\r\n--x--\r\n";
    for (const char* type : {"multipart/form-data; boundary=x", "multipart/form-data"}) {
        SCOPED_TRACE(type);
        auto res = client()->Post("/api/validate", edna.headers(), form, type);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 415) << res->body;
        const auto body = json::parse(res->body);
        EXPECT_EQ(body["error"], "invalid");
        EXPECT_NE(body["message"].get<std::string>().find("multipart/form-data"), std::string::npos);
    }
}

// `curl -X POST URL`: no body, no Content-Length. In HTTP/1.1 that is an
// empty body (RFC 9112, 6.3), and the connection goes on to the next request.
TEST_F(ApiTest, APostWithNeitherBodyNorLengthHasAnEmptyBody) {
    const auto theo = sign_in("theo");
    const auto answer = exchange_raw({raw_request("POST /api/queue/fr/beta/claim HTTP/1.1", theo),
                                      raw_request("GET /api/session HTTP/1.1", theo, "Connection: close\r\n\r\n")});
    EXPECT_EQ(answer.bytes.rfind("HTTP/1.1 200 ", 0), 0u) << answer.bytes;
    EXPECT_NE(answer.bytes.find("\"claimed_by\":\"theo\""), std::string::npos) << answer.bytes;
    EXPECT_NE(answer.bytes.find("\"user\":\"theo\""), std::string::npos) << "the second request is answered too: " << answer.bytes;
    EXPECT_TRUE(answer.closed);

    // An approval with no body at all takes the defaults: main, and the parity gate says what is missing.
    const auto pia = sign_in("pia");
    const auto approval = exchange_raw({raw_request("POST /api/resources/alpha/approve HTTP/1.1", pia, "Connection: close\r\n\r\n")});
    EXPECT_EQ(approval.bytes.rfind("HTTP/1.1 400 ", 0), 0u) << approval.bytes;
    EXPECT_NE(approval.bytes.find("\"missing\""), std::string::npos) << approval.bytes;
}

TEST_F(ApiTest, AMethodNoRouteTakesIs405WithAllowAndAnUnknownOneIs501) {
    const auto edna = sign_in("edna");
    struct Row {
        std::string request_line;
        std::string status;
        std::string allow;  // empty: no Allow header expected
    };
    const Row rows[] = {
        {"PATCH /api/resources/alpha HTTP/1.1", "405", "GET, HEAD, PUT"},
        {"TRACE /api/resources/alpha HTTP/1.1", "405", "GET, HEAD, PUT"},
        {"OPTIONS /api/publish HTTP/1.1", "405", "POST"},
        {"DELETE /api/resources HTTP/1.1", "405", "GET, HEAD"},
        {"PATCH /index.html HTTP/1.1", "405", "GET, HEAD"},
        {"BREW /api/resources HTTP/1.1", "501", ""},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.request_line);
        const auto answer = exchange_raw({raw_request(row.request_line, edna, "Connection: close\r\n\r\n")});
        EXPECT_EQ(answer.bytes.rfind("HTTP/1.1 " + row.status + " ", 0), 0u) << answer.bytes;
        if (!row.allow.empty()) {
            EXPECT_NE(answer.bytes.find("\r\nAllow: " + row.allow + "\r\n"), std::string::npos) << answer.bytes;
        }
        EXPECT_NE(answer.bytes.find("{\"error\":"), std::string::npos) << answer.bytes;
        EXPECT_TRUE(answer.closed);
    }
    // With a body, as a client library sends it.
    auto res = client()->Patch("/api/resources/alpha", edna.headers(), "<resource/>", "application/xml");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 405);
    EXPECT_EQ(res->get_header_value("Allow"), "GET, HEAD, PUT");
}

// A length that is not a number, or one no body of the API can have, is
// answered as soon as the headers are in, not after the read timeout (5 s;
// exchange_raw waits 3 s), and the connection is closed: what follows it is
// not a request.
TEST_F(ApiTest, ABadOrHugeContentLengthIsAnsweredAtOnce) {
    const auto edna = sign_in("edna");
    struct Row {
        std::string headers;
        std::string status;
    };
    const Row rows[] = {
        {"Content-Length: -1\r\n", "400"},
        {"Content-Length: 12abc\r\n", "400"},
        {"Content-Length: 5\r\nContent-Length: 6\r\n", "400"},
        {"Content-Length: 1000000000000\r\n", "413"},
        {"Content-Length: 99999999999999999999999\r\n", "413"},
        {"Content-Length: 1000000000000\r\nExpect: 100-continue\r\n", "413"},
        {"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "400"},
        {"Transfer-Encoding: gzip\r\n", "501"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.headers);
        const auto answer = exchange_raw({raw_request("POST /api/validate HTTP/1.1", edna, row.headers + "\r\n")});
        EXPECT_EQ(answer.bytes.rfind("HTTP/1.1 " + row.status + " ", 0), 0u) << answer.bytes;
        EXPECT_NE(answer.bytes.find("{\"error\":"), std::string::npos) << answer.bytes;
        EXPECT_NE(answer.bytes.find("\r\nConnection: close\r\n"), std::string::npos) << answer.bytes;
        EXPECT_TRUE(answer.closed);
    }
}

TEST_F(ApiTest, AChunkedBodyOverTheLimitIs413) {
    const auto edna = sign_in("edna");
    std::string chunks;
    const std::string chunk(64 * 1024, 'x');
    for (int i = 0; i < 24; ++i) chunks += "10000\r\n" + chunk + "\r\n";  // 1.5 MB; the fixture's limit is 1 MB
    chunks += "0\r\n\r\n";
    const auto answer =
        exchange_raw({raw_request("POST /api/validate HTTP/1.1", edna, "Transfer-Encoding: chunked\r\n\r\n") + chunks});
    EXPECT_EQ(answer.bytes.rfind("HTTP/1.1 413 ", 0), 0u) << answer.bytes.substr(0, 300);
    // Under the limit, a chunked body is read.
    const auto small = exchange_raw({raw_request("POST /api/validate HTTP/1.1", edna,
                                                 "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n") +
                                     "b\r\n<resource/>\r\n0\r\n\r\n"});
    EXPECT_EQ(small.bytes.rfind("HTTP/1.1 200 ", 0), 0u) << small.bytes;
}

TEST_F(ApiTest, EveryRequestIsLoggedAsOneJsonLine) {
    const auto edna = sign_in("edna");
    client()->Get("/api/resources/alpha", edna.headers(false));
    // The logger runs once the response is out: wait for the line, not for a time.
    json line;
    for (int i = 0; i < 1000 && line.is_null(); ++i) {
        for (const auto& text : access_log())
            if (text.find("\"/api/resources/alpha\"") != std::string::npos) line = json::parse(text);
        if (line.is_null()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_FALSE(line.is_null());
    EXPECT_EQ(line["method"], "GET");
    EXPECT_EQ(line["path"], "/api/resources/alpha");
    EXPECT_EQ(line["status"], 200);
    EXPECT_EQ(line["user"], "edna");
    EXPECT_GT(line["bytes"].get<int>(), 0);
    EXPECT_TRUE(line["ms"].is_number());
    EXPECT_TRUE(line["time"].is_string());
}

TEST_F(ApiTest, AHostilePathStaysOneValidJsonLogLine) {
    // A quote, a newline and a byte that is not UTF-8, percent-encoded: the
    // decoded path reaches the log escaped, on one line.
    auto res = client()->Get("/api/x%22y%0Az%FF");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404);
    json line;
    for (int i = 0; i < 1000 && line.is_null(); ++i) {
        for (const auto& text : access_log()) {
            ASSERT_EQ(text.find('\n'), std::string::npos) << text;
            const json parsed = json::parse(text);  // throws, failing the test, if not JSON
            if (parsed["path"].get<std::string>().rfind("/api/x\"y\nz", 0) == 0) line = parsed;
        }
        if (line.is_null()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_FALSE(line.is_null());
    EXPECT_EQ(line["status"], 404);
    EXPECT_TRUE(line["user"].is_null());
}

TEST_F(ApiTest, ConcurrentReadersAllSucceedWhileWritersSave) {
    const auto edna = sign_in("edna");
    const auto pia = sign_in("pia");
    std::atomic<int> failures{0}, reads{0};
    std::atomic<bool> writing{true};
    std::vector<std::thread> readers;
    for (int r = 0; r < 8; ++r)
        readers.emplace_back([&] {
            auto c = client();
            do {
                auto res = c->Get(reads % 2 ? "/api/resources/alpha" : "/api/resources", edna.headers(false));
                if (!res || res->status != 200) ++failures;
                ++reads;
            } while (writing);
        });
    // Two editors save different resources at once, each from the revision it read.
    std::vector<std::thread> writers;
    std::atomic<int> saved{0};
    for (const auto& [id, who] : {std::pair<std::string, testing::SignedIn>{"alpha", edna}, {"beta", pia}})
        writers.emplace_back([&, id = id, who = who] {
            auto c = client();
            for (int i = 0; i < 5; ++i) {
                auto view = c->Get("/api/resources/" + id, who.headers(false));
                if (!view || view->status != 200) continue;
                auto headers = who.headers();
                headers.emplace("If-Match", json::parse(view->body)["revision"].get<std::string>());
                auto res = c->Put("/api/resources/" + id, headers,
                                  testing::sample_resource(id, "Save " + std::to_string(i) + "."), "application/xml");
                if (res && res->status == 200) ++saved;
            }
        });
    for (auto& w : writers) w.join();
    writing = false;
    for (auto& r : readers) r.join();
    EXPECT_EQ(failures, 0);
    EXPECT_GT(reads, 0);
    EXPECT_EQ(saved, 10) << "a save on another resource is never a conflict";
    EXPECT_EQ(git("rev-list --count main"), "11");
}

}  // namespace
}  // namespace tandem
