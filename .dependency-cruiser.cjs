// The rules `npm run check:cycles` (scripts/check-cycles.mjs) checks lib/ against.
// dependency-cruiser is pinned to 16: later majors need Node 22.
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A file of lib/ reaches itself through its imports.",
      severity: "error",
      from: { path: "^lib/" },
      to: { circular: true },
    },
    {
      name: "no-circular-folders",
      comment: "A folder of lib/ reaches itself through its files' imports: the layers of docs/architecture.md are crossed upwards.",
      severity: "error",
      scope: "folder",
      from: { path: "^lib/" },
      to: { circular: true },
    },
    {
      name: "lib-root-is-leaves",
      comment:
        "The files directly in lib/ (ids, result, paths, views, …) are leaves every module may use, so they import no module folder: the folder rule cannot see a cycle through a parent folder.",
      severity: "error",
      from: { path: "^lib/[^/]+$" },
      to: { path: "^lib/[^/]+/" },
    },
  ],
  options: {
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
  },
};
