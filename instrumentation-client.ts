import { z } from "zod";

// Runs before the app's own browser code. Zod probes `new Function("")` to decide whether to
// compile its parsers; under our CSP (no 'unsafe-eval', SPEC §15) that probe is a reported
// violation, so the browser side uses Zod's interpreter. The server keeps the fast path.
z.config({ jitless: true });
