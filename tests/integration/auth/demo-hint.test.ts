import { beforeAll, afterEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { getDb } from "@/db/index";
import { isDatabaseEmpty, seedDemoWorkspace } from "@/lib/demo/seed";
import { showDemoHint } from "@/lib/auth/demo-hint";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

describe("the sign-in page's demo hint", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is hidden while the demo workspace does not exist, shown once it does, never in production", async () => {
    vi.stubEnv("NODE_ENV", "development");
    expect(await isDatabaseEmpty(await getDb())).toBe(true);
    expect(await showDemoHint(db)).toBe(false);

    await seedDemoWorkspace(await getDb());
    expect(await showDemoHint(db)).toBe(true);

    vi.stubEnv("NODE_ENV", "production");
    expect(await showDemoHint(db)).toBe(false);
  });
});
