// Every seed resource goes through the structured editor and back (ProseMirror
// document → XML) and is saved: its segments (msgids, its:translate spans,
// abbr, locNotes), its ids and its outline must come out exactly as they went
// in, as judged by Tandem's own extraction and outline diff.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { startServer, launchBrowser, newPage, signIn, tandem, users, sourceDir, bundleForTest } from "./harness.mjs";

// The POT without what depends on line numbers and dates.
function segmentsOf(pot) {
  return pot
    .split("\n")
    .filter((line) => !line.startsWith("#:") && !line.startsWith('"POT-Creation-Date') && !line.startsWith('"PO-Revision-Date'))
    .join("\n");
}

function idsOf(xml) {
  return [...xml.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
}

describe("XML ⇄ ProseMirror conversion", () => {
  test("every seed document converts to the editor's model and back to the same bytes", async () => {
    const script = await bundleForTest(`
      import { xmlToModel, modelToXml } from "./editor/convert.js";
      window.roundTrip = (xml) => { try { return modelToXml(xmlToModel(xml)); } catch (e) { return "error: " + e.message; } };
    `);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.setContent("<!doctype html><title>round trip</title>");
      await page.addScriptTag({ content: script });
      const dir = join(sourceDir, "content-repo/resources");
      const ids = readdirSync(dir);
      assert.ok(ids.length >= 10);
      for (const id of ids) {
        const xml = readFileSync(join(dir, id, "resource.xml"), "utf8");
        assert.equal(await page.evaluate((text) => window.roundTrip(text), xml), xml, id);
      }
      // What the model cannot hold is refused, never dropped on the way back.
      const xml = readFileSync(join(dir, ids[0], "resource.xml"), "utf8");
      for (const added of ["<!-- a note to editors -->", "<?editor keep-this?>"]) {
        const result = await page.evaluate((text) => window.roundTrip(text), xml.replace("</title>", "</title>" + added));
        assert.match(result, /^error: .*comments or processing instructions/, added);
      }
    } finally {
      await browser.close();
    }
  });
});

describe("structured editor round trip", () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await newPage(browser, server.url);
    await signIn(page, users.editor);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("every seed resource saves from the structured editor with the same segments, ids and outline", async () => {
    const resources = JSON.parse(tandem(server.data, ["list", "--json"]));
    assert.ok(resources.length >= 10);
    for (const { id } of resources) {
      const before = JSON.parse(tandem(server.data, ["show", id, "--json"]));
      const potBefore = tandem(server.data, ["extract", id]);
      await page.goto(`/#/edit/${id}`);
      await page.locator(".pm-editor").waitFor();
      await page.locator("#save").click();
      await page.locator("#save-status", { hasText: "Saved." }).waitFor();
      const afterSave = JSON.parse(tandem(server.data, ["show", id, "--json"]));
      assert.equal(segmentsOf(tandem(server.data, ["extract", id])), segmentsOf(potBefore), `${id}: same segments`);
      assert.deepEqual(idsOf(afterSave.xml), idsOf(before.xml), `${id}: same ids`);
      if (afterSave.revision !== before.revision) {
        const diff = JSON.parse(tandem(server.data, ["diff", id, before.revision, afterSave.revision, "--json"]));
        assert.deepEqual(diff.sections, [], `${id}: no section changed`);
        assert.deepEqual(diff.blocks, [], `${id}: no block changed`);
      }
    }
    assert.deepEqual(page.problems, []);
  });
});
