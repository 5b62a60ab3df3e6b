// `npm run check:cycles` (part of `npm test`): fails on any import cycle between files of lib/,
// and on any cycle between its folders that is not in scripts/known-folder-cycles.txt (the
// ones that predate the check). Breaking a known one fails too, until its line is removed, so
// the list only shrinks. `--write` rewrites the list from the tree as it is.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const KNOWN = "scripts/known-folder-cycles.txt";
const run = spawnSync("npx", ["depcruise", "lib", "--config", ".dependency-cruiser.cjs", "--output-type", "json"], {
  encoding: "utf8",
  maxBuffer: 256 * 1024 * 1024,
});
if (!run.stdout) {
  console.error(run.stderr);
  process.exit(2);
}
const { summary } = JSON.parse(run.stdout);
const fileCycles = summary.violations.filter((v) => v.rule.name === "no-circular");
const folderPairs = [...new Set(summary.violations.filter((v) => v.rule.name === "no-circular-folders").map((v) => `${v.from} -> ${v.to}`))].sort();

if (process.argv.includes("--write")) {
  writeFileSync(KNOWN, `${folderPairs.join("\n")}\n`);
  console.log(`wrote ${folderPairs.length} known folder cycles to ${KNOWN}`);
  process.exit(0);
}
const known = new Set(readFileSync(KNOWN, "utf8").split("\n").filter(Boolean));
const added = folderPairs.filter((pair) => !known.has(pair));
const gone = [...known].filter((pair) => !folderPairs.includes(pair));
for (const v of fileCycles) console.error(`file cycle: ${v.from} -> ${v.to} (${v.cycle.map((step) => step.name).join(" -> ")})`);
for (const pair of added) console.error(`new folder cycle: ${pair}`);
for (const pair of gone) console.error(`no longer a cycle (remove it from ${KNOWN}): ${pair}`);
console.log(
  `check:cycles: ${summary.totalCruised} modules; ${fileCycles.length} file cycles; ${folderPairs.length} folder cycle edges (${known.size} known, ${added.length} new, ${gone.length} gone)`,
);
process.exit(fileCycles.length + added.length + gone.length > 0 ? 1 : 0);
