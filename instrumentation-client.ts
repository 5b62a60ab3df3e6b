// Runs before the app's own browser code. Zod probes `new Function("")` to decide whether to
// compile its parsers; under our CSP (no 'unsafe-eval', SPEC §15) that probe is a reported
// violation, so the browser side uses Zod's interpreter. The server keeps the fast path.
// Zod keeps its settings on this global (zod/v4/core `globalConfig`) and reads them when a
// schema first parses; setting it here, instead of importing zod for `z.config`, keeps zod
// (~30 kB gzip) off every page's first load (issue 13): only the forms that validate load it.
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(zodGlobal.__zod_globalConfig ??= {}).jitless = true;
export {};
