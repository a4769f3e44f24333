// The whole cycle in a real browser against a real server (issue 5, "Done
// when"): an editor edits and saves, a translator works the fuzzy segment with
// the memory's help, a publisher approves and publishes, and the public French
// page shows the new text. Also: a translator cannot approve, a conflicting
// save shows the conflict screen, and the interface speaks French.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, newPage, signIn, screenshot, apiCall, tandem, users } from "./harness.mjs";

const resource = "trp-limits-to-protection";
const editedParagraph = "Part of the";
const englishAddition = " Updated.";
const frenchAddition = " Actualisé en 2026.";

describe("the web application", () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function pageFor(user, lang = "en") {
    const page = await newPage(browser, server.url, lang);
    await signIn(page, user);
    return page;
  }

  function assertNoProblems(page) {
    assert.deepEqual(page.problems, [], "no script errors or CSP violations");
  }

  test("the sign-in screen refuses a wrong password and says so", async () => {
    const page = await newPage(browser, server.url);
    await page.goto("/");
    await page.locator("#user").fill(users.editor.name);
    await page.locator("#password").fill("not-the-password");
    await page.locator("form.sign-in button[type=submit]").click();
    await assert.doesNotReject(page.getByText("The name or the password is not right.").waitFor());
    await screenshot(page, "01-sign-in");
    await page.context().close();
  });

  test("an editor signs in, edits a paragraph in the structured editor and saves", async () => {
    const page = await pageFor(users.editor);
    assert.equal(await page.locator("#current-role").textContent(), "Editor");
    await page.locator("#search").fill("Temporary Resident");
    await page.locator(`a[href="#/edit/${resource}"]`).waitFor();
    await screenshot(page, "02-resource-list");
    await page.locator(`a[href="#/edit/${resource}"]`).click();

    const paragraph = page.locator(".pm-editor p", { hasText: editedParagraph });
    await paragraph.click();
    await page.keyboard.press("End");
    await page.keyboard.type(englishAddition);
    await assert.doesNotReject(page.locator("#save-status", { hasText: "Unsaved changes" }).waitFor());
    await screenshot(page, "03-structured-editor");
    await page.locator("#save").click();
    await page.locator("#save-status", { hasText: "Saved." }).waitFor();

    const shown = JSON.parse(tandem(server.data, ["show", resource, "--json"]));
    assert.match(shown.xml, /Trafficking in Persons Campaign<\/a>\. Updated\.<\/p>/);
    const history = JSON.parse(tandem(server.data, ["history", resource, "--json"]));
    assert.equal(history[0].author, users.editor.name, "the commit names the signed-in editor");
    // Everything else in the document is as it was: same segments but the edited one.
    assert.match(shown.xml, /<span its:translate="no">CCR<\/span>/);
    assert.match(shown.xml, /its:locNote="The link opens the report's PDF, which is in English\."/);
    assertNoProblems(page);
    await page.context().close();
  });

  test("the XML source mode shows the schema's errors at their line as one types", async () => {
    const page = await pageFor(users.editor);
    await page.goto(`/#/edit/${resource}`);
    await page.locator("#tab-source").click();
    const line = page.locator(".cm-line", { hasText: "<summary>" });
    await line.click();
    await page.keyboard.press("End");
    await page.keyboard.type("<bogus/>");
    const marker = page.locator(".cm-lint-marker-error");
    await marker.waitFor();
    // The marker sits on the summary's line: the gutter element lines up with it.
    const markerBox = await marker.boundingBox();
    const lineBox = await line.boundingBox();
    assert.ok(Math.abs(markerBox.y + markerBox.height / 2 - (lineBox.y + lineBox.height / 2)) < lineBox.height, "error marked at the summary's line");
    await page.locator(".source .status", { hasText: "The document has errors" }).waitFor();
    await screenshot(page, "04-xml-source-errors");
    await page.context().close();
  });

  test("a document with an XML comment opens in the source, and saving keeps the comment", async () => {
    // The structured editor has no place for comments: it must not drop one.
    const commented = "order-form";
    const page = await pageFor(users.editor);
    const before = await (await page.request.get(`/api/resources/${commented}`)).json();
    const withComment = before.xml.replace("</title>", "</title>\n  <!-- prices checked in May -->");
    const put = await apiCall(page, "PUT", `/api/resources/${commented}`, { text: withComment, ifMatch: before.revision });
    assert.equal(put.status(), 200);

    await page.goto(`/#/edit/${commented}`);
    await page.locator("#save-status", { hasText: "This document opens as XML" }).waitFor();
    assert.equal(await page.locator("#tab-source").getAttribute("aria-selected"), "true");
    assert.equal(await page.locator("#panel-document").isHidden(), true);
    await page.locator(".cm-line", { hasText: "prices checked in May" }).waitFor();
    await screenshot(page, "04b-comment-opens-as-xml");
    await page.locator("#tab-document").click();
    await page.locator("#save-status", { hasText: "cannot be shown as a document" }).waitFor();
    assert.equal(await page.locator("#tab-source").getAttribute("aria-selected"), "true");

    const title = page.locator(".cm-line", { hasText: "<title>" });
    await title.click();
    await page.keyboard.press("End");
    await page.keyboard.type(" ");
    await page.locator("#save").click();
    await page.locator("#save-status", { hasText: "Saved." }).waitFor();
    const saved = JSON.parse(tandem(server.data, ["show", commented, "--json"]));
    assert.match(saved.xml, /<!-- prices checked in May -->/);
    assertNoProblems(page);
    await page.context().close();
  });

  test("history shows who saved, and a word-level diff between two revisions", async () => {
    const page = await pageFor(users.editor);
    await page.goto(`/#/edit/${resource}`);
    await page.locator("#tab-history").click();
    const rows = page.locator(".history-table tbody tr");
    await rows.first().waitFor();
    assert.equal(await rows.first().locator("td").nth(2).textContent(), users.editor.name);
    await page.getByRole("button", { name: "Compare selected revisions" }).click();
    const inserted = page.locator(".diff-table td.after ins", { hasText: "Updated" });
    await inserted.waitFor();
    await screenshot(page, "06-history-diff");
    assertNoProblems(page);
    await page.context().close();
  });

  test("preview shows the page as it will be published, in both languages", async () => {
    const page = await pageFor(users.editor);
    await page.goto(`/#/edit/${resource}`);
    await page.locator("#tab-preview").click();
    const frames = page.locator(".preview-pair iframe");
    await frames.first().waitFor();
    assert.equal(await frames.count(), 2);
    await page.frameLocator(".preview-pair iframe >> nth=0").locator("body", { hasText: "Updated." }).waitFor();
    await page.frameLocator(".preview-pair iframe >> nth=1").locator("html[lang^=fr]").waitFor();
    await screenshot(page, "05-preview");

    // A change not saved yet is in the preview at once, and saved nowhere.
    await page.locator("#tab-document").click();
    await page.locator(".pm-editor p", { hasText: editedParagraph }).click();
    await page.keyboard.press("End");
    await page.keyboard.type(" Not saved yet.");
    await page.locator("#tab-preview").click();
    await page.locator("#preview-note", { hasText: "not saved yet" }).waitFor();
    await page.frameLocator(".preview-pair iframe >> nth=0").locator("body", { hasText: "Updated. Not saved yet." }).waitFor();
    await page.frameLocator(".preview-pair iframe >> nth=1").locator("body", { hasText: "Not saved yet." }).waitFor();
    await screenshot(page, "05b-preview-unsaved");
    assert.doesNotMatch(JSON.parse(tandem(server.data, ["show", resource, "--json"])).xml, /Not saved yet/);
    assertNoProblems(page);
    await page.context().close();
  });

  test("a translator finds the resource in the French queue, takes a memory suggestion for the fuzzy segment and saves", async () => {
    const page = await pageFor(users.translator);
    await page.goto("/#/queue/fr");
    const row = page.locator(`.queue-table tr[data-id="${resource}"]`);
    await row.waitFor();
    assert.equal(await row.locator("td").nth(2).textContent(), "1", "one fuzzy segment");
    await row.getByRole("button", { name: "Claim" }).click();
    await row.getByText("You").waitFor();
    await screenshot(page, "07-translation-queue");
    await row.getByRole("link", { name: "Translate" }).click();

    // The editor opens on the segment that needs work: the fuzzy one.
    await page.locator(".previous-text").waitFor();
    assert.match(await page.locator(".previous-text").textContent(), /Part of the/);
    assert.match(await page.locator(".previous-diff ins").first().textContent(), /Updated/);
    const suggestion = page.locator(".suggestion").first();
    assert.match(await suggestion.locator(".similarity").textContent(), /\d+% match/);
    await suggestion.click();
    const editor = page.locator(".token-editor .cm-content");
    assert.match(await editor.textContent(), /Campagne sur la traite des personnes/);
    assert.ok((await page.locator(".token-editor .token").count()) >= 2, "the link's tags are tokens");
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(frenchAddition);
    await screenshot(page, "08-segment-editor");
    await page.keyboard.press("Control+Enter");
    await page.locator("#segment-status", { hasText: "Saved segment" }).waitFor();

    const status = JSON.parse(tandem(server.data, ["status", resource, "--json"]));
    assert.equal(status.fuzzy, 0);
    assert.equal(status.untranslated, 0);
    const po = tandem(server.data, ["po", "export", resource, "--lang", "fr"]);
    assert.match(po, /Actualisé en 2026\./);
    assertNoProblems(page);
    await page.context().close();
  });

  test("tokens of inline markup cannot be broken: a deletion takes the whole tag", async () => {
    const page = await pageFor(users.translator);
    await page.goto(`/#/translate/fr/${resource}`);
    await page.locator(".segment-list button", { hasText: "Read" }).click();
    const editor = page.locator(".token-editor .cm-content");
    await editor.click();
    await page.keyboard.press("Control+End");
    const before = await page.locator(".token-editor .token").count();
    assert.ok(before >= 2);
    // The translation ends with </a>: one Backspace removes that whole tag.
    await page.keyboard.press("Backspace");
    assert.equal(await page.locator(".token-editor .token").count(), before - 1);
    await page.locator(".checks li.error").first().waitFor();
    await page.context().close();
  });

  test("a translator cannot approve: 403 from the API, and the UI says so", async () => {
    const page = await pageFor(users.translator);
    const response = await apiCall(page, "POST", `/api/resources/${resource}/approve`, { json: {} });
    assert.equal(response.status(), 403);
    await page.goto("/#/publish");
    await page.locator(`.pending-list li[data-id="${resource}"] button`).click();
    await page.locator("#approve").click();
    await page.locator("#approve-status", { hasText: "Only publishers may approve" }).waitFor();
    await screenshot(page, "09-translator-cannot-approve");
    await page.context().close();
  });

  test("a publisher approves and publishes, and the public French page shows the new text", async () => {
    const page = await pageFor(users.publisher);
    await page.locator(".main-nav a", { hasText: "Publisher desk" }).click();
    await page.locator(`.pending-list li[data-id="${resource}"] button`).click();
    await page.locator(".parity.ready").waitFor();
    await screenshot(page, "10-publisher-desk");
    await page.locator("#approve").click();
    await page.locator("#approve-status", { hasText: "Approved" }).waitFor();
    await page.locator("#publish").click();
    await page.locator("#publish-status", { hasText: "Published release" }).waitFor();
    await page.locator(".releases-table tbody tr").first().waitFor();
    await screenshot(page, "11-published");

    await page.goto(`/site/fr/ressources/${resource}/`);
    const body = await page.locator("body").textContent();
    assert.match(body, /Actualisé en 2026\./);
    assert.doesNotMatch(body, /Updated\./, "no English body text on the French page");
    await screenshot(page, "12-public-french-page");
    await page.context().close();
  });

  test("a conflicting save shows the conflict screen, and a section-by-section merge keeps both changes", async () => {
    const id = "trafficking-in-persons-campaign";
    const page = await pageFor(users.editor);
    await page.goto(`/#/edit/${id}`);
    const paragraph = page.locator(".pm-editor p", { hasText: "in their work on trafficking by:" });
    await paragraph.click();
    await page.keyboard.press("End");
    await page.keyboard.type(" Updated weekly.");

    // Meanwhile a second editor changes another section through the API.
    const other = await pageFor(users.editor2);
    const current = await (await other.request.get(`/api/resources/${id}`)).json();
    const theirs = current.xml.replace("has identified the following principles", "has identified these principles");
    assert.notEqual(theirs, current.xml);
    const saved = await apiCall(other, "PUT", `/api/resources/${id}`, { text: theirs, ifMatch: current.revision });
    assert.equal(saved.status(), 200);

    await page.locator("#save").click();
    await page.locator(".conflict").waitFor();
    await page.getByRole("heading", { name: "Someone else saved this resource while you were editing" }).waitFor();
    const mineCell = page.locator(".conflict-table tr.differs td.mine", { hasText: "Updated weekly" });
    await mineCell.waitFor();
    await screenshot(page, "13-conflict");
    await page.getByRole("button", { name: "Save the merge" }).click();
    await page.locator("#save-status", { hasText: "Saved." }).waitFor();

    const merged = JSON.parse(tandem(server.data, ["show", id, "--json"])).xml;
    assert.match(merged, /has identified these principles/, "their section kept");
    assert.match(merged, /Updated weekly\./, "my section kept");
    await other.context().close();
    await page.context().close();
  });

  test("the interface switches to French and remembers it", async () => {
    const page = await pageFor(users.translator);
    await page.getByRole("button", { name: "Français" }).click();
    await page.locator(".main-nav a", { hasText: "Ressources" }).waitFor();
    assert.equal(await page.locator("#sign-out").textContent(), "Se déconnecter");
    assert.equal(await page.locator("#current-role").textContent(), "Traduction");
    await page.reload();
    await page.locator(".main-nav a", { hasText: "File de traduction" }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "fr-CA");
    await page.goto("/#/queue/fr");
    await page.locator("h1", { hasText: "File de traduction" }).waitFor();
    await screenshot(page, "14-interface-in-french");

    // The server's check messages are in French too: they come as phrases
    // that the interface's catalog translates.
    await page.goto(`/#/translate/fr/${resource}`);
    await page.locator(".segment-list button", { hasText: "Read" }).click();
    await page.locator(".token-editor .cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Backspace");
    const problem = page.locator(".checks li.error").first();
    await problem.waitFor();
    await screenshot(page, "15-check-message-in-french");
    assert.match(await problem.textContent(), /^markup-mismatch le balisage est mal formé/);
    await page.context().close();
  });
});
