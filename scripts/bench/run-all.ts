import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * `npm run bench`: every benchmark in turn, each in its own process. They all expect a
 * running app (e.g. `npm run build && npm start`, seeded with the demo workspace) at --url,
 * else APP_URL, else http://localhost:3000; arguments given here are passed to each one.
 * Exits non-zero if any benchmark does.
 */
const benches = ["ingest.ts", "events.ts", "push.ts", "abuse.ts"];

const tsx = path.resolve(import.meta.dirname, "../../node_modules/.bin/tsx");
let failed = 0;
for (const bench of benches) {
  const file = path.join(import.meta.dirname, bench);
  const result = spawnSync(tsx, ["--tsconfig", path.join(import.meta.dirname, "../tsconfig.json"), file, ...process.argv.slice(2)], { stdio: "inherit" });
  if (result.status !== 0) {
    failed++;
    console.error(`${bench} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
