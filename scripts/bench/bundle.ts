import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

const usage = `Usage: npm run bench:bundle -- [--dir .next] [--json]

Reads the last \`next build\` (run it first) and prints, for every page route, its first-load
JavaScript: the framework's root chunks plus the chunks its page and layouts load
(page_client-reference-manifest.js), each gzipped as a server would send it. Exits 1 when the
inbox route is over its budget of ${150} kB gzip (SPEC §16).`;

const { values } = parseArgs({
  options: { dir: { type: "string", default: ".next" }, json: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const BUDGET_KB = 150;
const INBOX = "/(app)/messaging/[view]/[[...conversation]]";
const dist = path.resolve(values.dir);

function manifests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return manifests(full);
    return name === "page_client-reference-manifest.js" ? [full] : [];
  });
}

type ClientManifest = { entryJSFiles: Record<string, string[]> };

const gzipped = new Map<string, number>();
function gzipSize(file: string): number {
  let size = gzipped.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(dist, file))).length;
    gzipped.set(file, size);
  }
  return size;
}

const build = JSON.parse(readFileSync(path.join(dist, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
const rows: { route: string; chunks: number; kB: number }[] = [];
for (const file of manifests(path.join(dist, "server/app"))) {
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, ClientManifest> } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(file, "utf8"), sandbox);
  for (const [route, manifest] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) {
    const page = `[project]/app${route}`;
    const routeDir = path.posix.dirname(route);
    const files = new Set(build.rootMainFiles);
    for (const [entry, chunks] of Object.entries(manifest.entryJSFiles)) {
      const isLayoutAbove = entry.endsWith("/layout") && `${routeDir}/`.startsWith(`${entry.slice("[project]/app".length, -"layout".length)}`);
      if (entry === page || isLayoutAbove) chunks.forEach((chunk) => files.add(chunk));
    }
    const bytes = [...files].reduce((sum, chunk) => sum + gzipSize(chunk), 0);
    rows.push({ route: route.replace(/\/page$/, "") || "/", chunks: files.size, kB: Number((bytes / 1024).toFixed(1)) });
  }
}
rows.sort((a, b) => a.route.localeCompare(b.route));

const inbox = rows.find((row) => row.route === INBOX);
if (values.json) console.log(JSON.stringify({ budgetKB: BUDGET_KB, routes: rows }, null, 2));
else {
  console.log(`${"route".padEnd(50)} ${"chunks".padStart(6)} ${"kB gzip".padStart(8)}`);
  for (const row of rows) console.log(`${row.route.padEnd(50)} ${String(row.chunks).padStart(6)} ${row.kB.toFixed(1).padStart(8)}`);
  console.log(`\ninbox ${INBOX}: ${inbox?.kB ?? "?"} kB gzip (budget ${BUDGET_KB} kB)`);
}
if (!inbox) {
  console.error("the inbox route is not in the build; run `npm run build` first");
  process.exit(1);
}
process.exit(inbox.kB > BUDGET_KB ? 1 : 0);
