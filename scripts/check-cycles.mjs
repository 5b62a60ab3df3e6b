// `npm run check:cycles` (part of `npm test`): fails on any import cycle in lib/, between files
// or between folders, and on a file directly in lib/ importing a module folder
// (.dependency-cruiser.cjs). Either means a layer of docs/architecture.md reaches upwards;
// move the shared piece down instead.
import { spawnSync } from "node:child_process";

const run = spawnSync("npx", ["depcruise", "lib", "--config", ".dependency-cruiser.cjs", "--output-type", "json"], {
  encoding: "utf8",
  maxBuffer: 256 * 1024 * 1024,
});
if (!run.stdout) {
  console.error(run.stderr);
  process.exit(2);
}
const { summary } = JSON.parse(run.stdout);
const cycleOf = (v) => [v.from, ...v.cycle.map((step) => step.name)].join(" -> ");
const fileCycles = summary.violations.filter((v) => v.rule.name === "no-circular");
const folderCycles = summary.violations.filter((v) => v.rule.name === "no-circular-folders");
const leafImports = summary.violations.filter((v) => v.rule.name === "lib-root-is-leaves");
for (const v of fileCycles) console.error(`file cycle: ${cycleOf(v)}`);
for (const v of folderCycles) console.error(`folder cycle: ${cycleOf(v)}`);
for (const v of leafImports) console.error(`a leaf of lib/ imports a module folder: ${v.from} -> ${v.to}`);
console.log(
  `check:cycles: ${summary.totalCruised} modules; ${fileCycles.length} file cycles; ${folderCycles.length} folder cycle edges; ${leafImports.length} upward imports from lib/'s leaves`,
);
process.exit(fileCycles.length + folderCycles.length + leafImports.length > 0 ? 1 : 0);
