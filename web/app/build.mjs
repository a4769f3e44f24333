// Bundles the web application into dist/ with esbuild: one app.js, one
// app.css, and index.html. Everything comes from npm, nothing from a CDN, and
// nothing is inline (the server's Content-Security-Policy forbids it).
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "dist");
await mkdir(out, { recursive: true });

const common = { bundle: true, minify: true, sourcemap: true, target: ["chrome110", "firefox115", "safari16"], logLevel: "warning" };
await build({ ...common, entryPoints: [join(here, "src/main.js")], outfile: join(out, "app.js"), format: "esm" });
await build({ ...common, entryPoints: [join(here, "src/app.css")], outfile: join(out, "app.css") });
await copyFile(join(here, "src/index.html"), join(out, "index.html"));
