// Runs a real `tandem serve` on a free loopback port with a fresh data folder
// (the seed content, demo users added through `tandem user add` with their
// passwords on standard input) and a real headless Chromium (Debian's) driven
// by playwright-core. Nothing is mocked: every click goes through the HTTP API
// into git.
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";

const here = dirname(fileURLToPath(import.meta.url));
export const sourceDir = process.env.TANDEM_SOURCE_DIR ?? resolve(here, "../..");
const appDir = join(sourceDir, "web/app");
const require = createRequire(join(appDir, "package.json"));
const { chromium } = require("playwright-core");

// Bundles a snippet that imports the app's modules (paths relative to
// web/app/src) into one script for a test page.
export async function bundleForTest(code) {
  const { build } = require("esbuild");
  const result = await build({
    stdin: { contents: code, resolveDir: join(appDir, "src"), loader: "js" },
    bundle: true,
    write: false,
    format: "iife",
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

export const tandemBin = process.env.TANDEM_BIN ?? join(sourceDir, "build/bin/tandem");
export const screenshotDir = process.env.TANDEM_SCREENSHOTS ?? join(sourceDir, "build/tests/web/screenshots");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

export const users = {
  editor: { name: "edith", role: "editor" },
  translator: { name: "thomas", role: "translator" },
  publisher: { name: "paule", role: "publisher" },
  editor2: { name: "eric", role: "editor" },
};

export function tandem(data, args, input) {
  const result = spawnSync(tandemBin, ["--data", data, ...args], { input, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`tandem ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return result.stdout;
}

// A fresh data folder, the demo users and a server on a free port. Call
// stop() when done: it sends SIGTERM and waits for the server to exit.
export async function startServer() {
  for (const [path, what] of [[tandemBin, "the tandem binary"], [join(appDir, "dist/index.html"), "the built web app (scripts/build-web)"], [chromiumPath, "chromium"]]) {
    if (!existsSync(path)) throw new Error(`${what} is missing: ${path}`);
  }
  const data = mkdtempSync(join(tmpdir(), "tandem-web-"));
  tandem(data, ["init", "--seed", join(sourceDir, "content-repo")]);
  for (const user of Object.values(users)) {
    user.password = randomBytes(12).toString("base64url");
    tandem(data, ["user", "add", user.name, "--role", user.role], user.password + "\n");
  }
  const server = spawn(tandemBin, ["--data", data, "serve", "--listen", "127.0.0.1:0", "--web", join(appDir, "dist")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stderr.on("data", (chunk) => (log += chunk));
  const url = await new Promise((resolveUrl, reject) => {
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /serving on (http:\/\/[^\s]+)/.exec(out);
      if (match) resolveUrl(match[1].replace(/\/$/, ""));
    });
    server.on("exit", (code) => reject(new Error(`tandem serve exited ${code}: ${log}`)));
  });
  const exited = new Promise((done) => server.on("exit", done));
  return {
    url,
    data,
    log: () => log,
    async stop() {
      server.kill("SIGTERM");
      await exited;
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

// A browser context of its own (own cookies) with the interface in `lang`,
// reporting any page error or CSP violation as a test failure.
export async function newPage(browser, baseURL, lang = "en") {
  const context = await browser.newContext({ baseURL, viewport: { width: 1360, height: 900 }, locale: lang === "fr" ? "fr-CA" : "en-CA" });
  await context.addInitScript((chosen) => {
    if (!localStorage.getItem("tandem.lang")) localStorage.setItem("tandem.lang", chosen);
  }, lang);
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (error) => page.problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of (400|401|403|409)/.test(message.text())) page.problems.push(`console: ${message.text()}`);
  });
  return page;
}

export async function signIn(page, user) {
  await page.goto("/#/signin");
  await page.locator("#user").fill(user.name);
  await page.locator("#password").fill(user.password);
  await page.locator("form.sign-in button[type=submit]").click();
  await page.locator("#current-user").waitFor();
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

// The API as the page's signed-in user: same cookies, CSRF token from the session.
export async function apiCall(page, method, path, { json, text, ifMatch } = {}) {
  const session = await page.request.get("/api/session");
  const { csrf } = await session.json();
  const headers = { "X-CSRF-Token": csrf };
  if (ifMatch) headers["If-Match"] = `"${ifMatch}"`;
  const options = { method, headers };
  if (json !== undefined) options.data = json;
  if (text !== undefined) {
    options.data = text;
    headers["Content-Type"] = "application/xml";
  }
  return page.request.fetch(path, options);
}
